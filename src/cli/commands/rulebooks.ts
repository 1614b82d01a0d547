import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describeChampionship, formatExact } from '../../engine/index.js';
import type { Issue } from '../../engine/index.js';
import { RULEBOOKS_DIR, resolvePreset } from '../../formats/catalog.js';
import { loadRulebookFile } from '../../formats/rulebook-file.js';
import { rulebookSchema } from '../../formats/rulebook-schema.js';
import { parseYaml } from '../../formats/yaml-file.js';
import { CliFailure, EXIT, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

/** One preset of the library as `paddock rulebooks` lists it. */
export interface PresetListing {
  readonly id: string;
  readonly name: string;
  readonly series: string;
  readonly seasons: string;
  readonly extends?: string;
  readonly file: string;
}

/** Reads the head of every preset file (data/rulebooks/*.yaml); problems come back as issues. */
export async function listPresets(
  dir: string = RULEBOOKS_DIR,
): Promise<{ presets: PresetListing[]; issues: Issue[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { presets: [], issues: [] };
  }
  const presets: PresetListing[] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseYaml(await readFile(file, 'utf8'), file, rulebookSchema);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const v = parsed.value.value;
    if (`${v.id}.yaml` !== name) {
      issues.push({
        code: 'preset.id-mismatch',
        path: ['id'],
        message: `preset file ${name} declares id "${v.id}"; a preset's file is named <id>.yaml`,
        location: { file },
      });
      continue;
    }
    presets.push({
      id: v.id,
      name: v.name,
      series: v.series ?? '',
      seasons: v.seasons ?? '',
      ...(v.extends === undefined ? {} : { extends: v.extends }),
      file,
    });
  }
  return { presets, issues };
}

/** `paddock rulebooks [--json]` and `paddock rulebook show <id>`: the preset library. */
export function register(program: Command, io: CliIo): void {
  program
    .command('rulebooks')
    .description('list the built-in rulebook presets (id, series, seasons covered)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { presets, issues } = await listPresets();
      if (opts.json) {
        io.out(
          JSON.stringify(
            presets.map(({ file: _file, ...p }) => p),
            null,
            2,
          ),
        );
      } else {
        io.out(
          renderTable(
            ['Id', 'Series', 'Seasons', 'Name'],
            presets.map((p) => [p.id, p.series, p.seasons, p.name]),
          ),
        );
      }
      // The readable presets are listed; the broken ones are reported and make the exit code 1.
      if (issues.length) throw new CliFailure(issues);
    });

  program
    .command('rulebook')
    .description('rulebook presets')
    .command('show')
    .description('print a preset in plain words, rule by rule')
    .argument('<id>', 'preset id (see `paddock rulebooks`)')
    .action(async (id: string) => {
      const path = resolvePreset(id);
      if (path === undefined) {
        const { presets } = await listPresets();
        throw new CliFailure(
          [
            {
              code: 'rulebook.unknown-preset',
              path: [id],
              message: `no rulebook preset "${id}"`,
              hint: `Run \`paddock rulebooks\` to list the presets (${presets.length} known).`,
            },
          ],
          EXIT.usage,
        );
      }
      const loaded = await loadRulebookFile(path, resolvePreset);
      if (!loaded.ok) throw new CliFailure(loaded.issues);
      const head = parseYaml(await readFile(path, 'utf8'), path, rulebookSchema);
      const meta = head.ok ? head.value.value : undefined;
      const { rulebook } = loaded.value;
      io.out(paint(io, 1, `${rulebook.name} (${rulebook.id})`));
      if (meta?.series) io.out(`Series: ${meta.series}`);
      if (meta?.seasons) io.out(`Seasons: ${meta.seasons}`);
      if (loaded.value.extends.length) io.out(`Extends: ${loaded.value.extends.join(' -> ')}`);
      if (rulebook.source) io.out(`Source: ${rulebook.source}`);
      io.out('');
      io.out(paint(io, 1, 'Scales'));
      for (const [scaleId, scale] of Object.entries(rulebook.scales)) {
        io.out(`  ${scaleId}: ${scale.points.map((p) => formatExact(p)).join('-')}`);
      }
      for (const c of rulebook.championships) {
        io.out('');
        const [title, ...lines] = describeChampionship(rulebook, c);
        io.out(paint(io, 1, title ?? c.id));
        if (c.description) io.out(`  ${c.description}`);
        for (const line of lines) io.out(`  - ${line}`);
      }
    });
}
