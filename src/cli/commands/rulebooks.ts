import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeChampionship, formatExact } from '../../engine/index.js';
import { resolvePreset } from '../../formats/catalog.js';
import {
  findPresets,
  listPresets,
  parsePresetSeasons,
  parseSeasonLabel,
  seriesKeys,
  spanCovers,
} from '../../formats/preset-library.js';
import type { PresetListing, SeasonSpan } from '../../formats/preset-library.js';
import { loadRulebookFile } from '../../formats/rulebook-file.js';
import { rulebookSchema } from '../../formats/rulebook-schema.js';
import { parseYaml } from '../../formats/yaml-file.js';
import { CliFailure, EXIT, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

// The preset catalogue moved to src/formats/preset-library.ts (the season setup uses it too).
export {
  findPresets,
  listPresets,
  matchesSeries,
  parsePresetSeasons,
  parseSeasonLabel,
  seasonsOf,
  seriesKeys,
  spanCovers,
} from '../../formats/preset-library.js';
export type { PresetListing, PresetLookup, SeasonSpan } from '../../formats/preset-library.js';

function usage(code: string, path: string[], message: string, hint?: string): CliFailure {
  return new CliFailure([{ code, path, message, ...(hint === undefined ? {} : { hint }) }], EXIT.usage);
}

function parseYearOption(year: string | undefined): SeasonSpan | undefined {
  if (year === undefined) return undefined;
  const span = parseSeasonLabel(year);
  if (span === undefined || span.label === 'any' || (!span.straddles && span.from !== span.to)) {
    throw usage(
      'rulebook.bad-year',
      ['--year'],
      `"${year}" is not a year or season`,
      'Give a year such as 1988, or a season across two years such as 2014-15.',
    );
  }
  return span;
}

const describePreset = (p: PresetListing) => `${p.id} (${p.seasons})`;

/** Resolves `rulebook show <what> [--year Y]` to one preset id, or fails with the candidates. */
async function resolveShown(what: string, yearOption: string | undefined): Promise<string> {
  const year = parseYearOption(yearOption);
  if (resolvePreset(what) !== undefined) {
    if (year !== undefined) {
      const { presets } = await listPresets();
      const p = presets.find((q) => q.id === what);
      if (p && !parsePresetSeasons(p.seasons).some((s) => spanCovers(s, year))) {
        throw usage(
          'rulebook.preset-not-for-season',
          [what],
          `preset "${what}" covers ${p.seasons || 'no season'}, not ${year.label}`,
          `Ask by series instead: \`paddock rulebook show ${seriesKeys(p)[0] ?? what} --year ${year.label}\`.`,
        );
      }
    }
    return what;
  }
  // "f1-1988" or "formula-e-2014-15": a series and a season in one word.
  const joined = year === undefined ? /^(.+?)-(\d{4}(?:-\d{2})?)$/.exec(what) : null;
  const series = joined ? joined[1]! : what;
  const asked = joined ? parseYearOption(joined[2]) : year;
  const { presets } = await listPresets();
  const found = findPresets(presets, series, asked);
  if (found.kind === 'unknown-series') {
    throw usage(
      'rulebook.unknown-preset',
      [what],
      `no rulebook preset or series "${what}"`,
      `Run \`paddock rulebooks\` to list the presets (${presets.length} known); series: ${found.series.join('; ')}.`,
    );
  }
  if (found.kind === 'no-season') {
    throw usage(
      'rulebook.no-preset-for-season',
      [what],
      `no ${found.series} preset covers ${asked!.label}`,
      found.nearest.length
        ? `Nearest: ${found.nearest.map(describePreset).join(', ')}.`
        : 'Run `paddock rulebooks` to list the presets.',
    );
  }
  if (asked === undefined) {
    throw usage(
      'rulebook.season-needed',
      [what],
      `"${what}" is a series with ${found.presets.length} presets; say which season`,
      `Add --year, e.g. \`paddock rulebook show ${what} --year ${found.presets.at(-1)?.seasons.split(/[-,]/)[0] ?? '2020'}\`, or list them: \`paddock rulebooks --series ${what}\`.`,
    );
  }
  if (found.presets.length > 1) {
    throw usage(
      'rulebook.several-presets',
      [what],
      `${found.presets.length} presets cover ${asked.label}: ${found.presets.map(describePreset).join(', ')}`,
      'Give the season in full (e.g. 2016-17) or the preset id.',
    );
  }
  return found.presets[0]!.id;
}

/** `paddock rulebooks [--json] [--series S] [--year Y]` and `paddock rulebook show <id|series> [--year Y]`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('rulebooks')
    .description('list the built-in rulebook presets (id, series, seasons covered)')
    .option('--json', 'print JSON')
    .option('--series <series>', 'only presets of this series (f1, nascar, indycar, btcc, formula-e, ...)')
    .option('--year <year>', 'only presets covering this year or season (1988, 2014-15)')
    .action(async (opts: { json?: boolean; series?: string; year?: string }) => {
      const { presets: all, issues } = await listPresets();
      const year = parseYearOption(opts.year);
      let presets = all;
      if (opts.series !== undefined || year !== undefined) {
        const found = findPresets(all, opts.series, year);
        if (found.kind === 'unknown-series') {
          throw usage(
            'rulebook.unknown-series',
            ['--series'],
            `no preset for series "${opts.series ?? ''}"`,
            `Series: ${found.series.join('; ')}.`,
          );
        }
        if (found.kind === 'no-season') {
          throw usage(
            'rulebook.no-preset-for-season',
            ['--year'],
            `no ${opts.series === undefined ? '' : `${found.series} `}preset covers ${year!.label}`,
            found.nearest.length ? `Nearest: ${found.nearest.map(describePreset).join(', ')}.` : undefined,
          );
        }
        presets = [...found.presets];
      }
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
    .description('print a preset in plain words, rule by rule; by id, or by series and year')
    .argument(
      '<preset>',
      'preset id (see `paddock rulebooks`), or a series (f1, nascar, ...) with --year, or both in one (f1-1988)',
    )
    .option('--year <year>', 'the year or season the preset must cover (1988, 2014-15)')
    .action(async (what: string, opts: { year?: string }) => {
      const id = await resolveShown(what, opts.year);
      const path = resolvePreset(id)!;
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
      if (meta?.sources) {
        io.out('Sources by season:');
        for (const [season, cited] of Object.entries(meta.sources)) {
          for (const c of typeof cited === 'string' ? [cited] : cited) io.out(`  ${season}: ${c}`);
        }
      }
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
