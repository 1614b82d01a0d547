/**
 * Loading a rulebook file, following `extends:` to a preset: the extending file's scales replace
 * the preset's by name, its championships replace or amend the preset's by id (field by field),
 * and `remove_championships` drops some. Problems point at the file and line that caused them.
 */
import { readFile } from 'node:fs/promises';
import type { Issue, Result, Rulebook } from '../engine/index.js';
import { validateRulebook } from '../engine/index.js';
import { Locations, yamlLocation } from './locate.js';
import { championshipSchema, rulebookSchema, toRulebook } from './rulebook-schema.js';
import type { ChampionshipFile, RulebookFile } from './rulebook-schema.js';
import { parseYaml, zodIssue } from './yaml-file.js';
import type { YamlFile } from './yaml-file.js';

/** Finds a preset's file by id (data/rulebooks/<id>.yaml for the built-in library). */
export type PresetResolver = (id: string) => string | undefined;

export interface LoadedRulebook {
  readonly rulebook: Rulebook;
  readonly locations: Locations;
  /** Ids of the presets this rulebook extends, nearest first. */
  readonly extends: readonly string[];
}

interface Layer {
  readonly file: YamlFile<RulebookFile>;
}

async function readText(path: string): Promise<Result<string>> {
  try {
    return { ok: true, value: await readFile(path, 'utf8') };
  } catch {
    return {
      ok: false,
      issues: [
        { code: 'file.missing', path: [], message: `cannot read rulebook ${path}`, location: { file: path } },
      ],
    };
  }
}

async function readLayers(
  text: string,
  path: string,
  resolve: PresetResolver,
  seen: string[],
): Promise<Result<Layer[]>> {
  const parsed = parseYaml(text, path, rulebookSchema);
  if (!parsed.ok) return parsed;
  const base = parsed.value.value.extends;
  if (base === undefined) return { ok: true, value: [parsed.value].map((file) => ({ file })) };
  if (seen.includes(base)) {
    return {
      ok: false,
      issues: [
        {
          code: 'rulebook.extends-cycle',
          path: ['extends'],
          message: `rulebook presets extend each other in a circle: ${[...seen, base].join(' -> ')}`,
          location: yamlLocation(parsed.value.doc, parsed.value.lines, path, ['extends']),
        },
      ],
    };
  }
  const basePath = resolve(base);
  if (basePath === undefined) {
    return {
      ok: false,
      issues: [
        {
          code: 'rulebook.unknown-preset',
          path: ['extends'],
          message: `unknown rulebook preset "${base}"`,
          hint: 'Run `paddock rulebooks` to list the presets.',
          location: yamlLocation(parsed.value.doc, parsed.value.lines, path, ['extends']),
        },
      ],
    };
  }
  const baseText = await readText(basePath);
  if (!baseText.ok) return baseText;
  const below = await readLayers(baseText.value, basePath, resolve, [...seen, base]);
  if (!below.ok) return below;
  return { ok: true, value: [...below.value, { file: parsed.value }] };
}

/** Loads and validates a rulebook file (and the presets it extends). */
export async function loadRulebookFile(
  path: string,
  resolve: PresetResolver = () => undefined,
): Promise<Result<LoadedRulebook>> {
  const text = await readText(path);
  if (!text.ok) return text;
  return loadRulebookText(text.value, path, resolve);
}

/**
 * Loads and validates rulebook text held in memory (a season's rulebook.yaml from the database
 * or an editor's form); `file` names it in problems, and presets it extends are read from files.
 */
export async function loadRulebookText(
  text: string,
  file: string,
  resolve: PresetResolver = () => undefined,
): Promise<Result<LoadedRulebook>> {
  const layers = await readLayers(text, file, resolve, []);
  if (!layers.ok) return layers;
  const locations = new Locations();
  const scales: RulebookFile['scales'] = {};
  const raw = new Map<string, { value: Record<string, unknown>; layer: Layer; index: number }>();
  const issues: Issue[] = [];
  for (const layer of layers.value) {
    const f = layer.file;
    for (const [name, scale] of Object.entries(f.value.scales)) {
      scales[name] = scale;
      locations.set(['scales', name], yamlLocation(f.doc, f.lines, f.file, ['scales', name]));
    }
    for (const id of f.value.remove_championships ?? []) raw.delete(id);
    f.value.championships.forEach((c, index) => {
      const cid = typeof c === 'object' && c !== null && 'id' in c ? String(c.id) : `#${index}`;
      const prev = raw.get(cid);
      raw.set(cid, { value: { ...(prev?.value ?? {}), ...(c as Record<string, unknown>) }, layer, index });
    });
  }
  const championships: ChampionshipFile[] = [];
  for (const [cid, { value, layer, index }] of raw) {
    const f = layer.file;
    const at = (p: readonly (string | number)[]) =>
      yamlLocation(f.doc, f.lines, f.file, ['championships', index, ...p]);
    locations.set(['championships', cid], at([]));
    const parsed = championshipSchema.safeParse(value);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => zodIssue(i, f.file, (p) => at(p))));
      continue;
    }
    championships.push(parsed.data);
    for (const key of Object.keys(value)) locations.set(['championships', cid, key], at([key]));
    for (const list of ['bonuses', 'multipliers', 'drops', 'tie_breaks'] as const) {
      parsed.data[list].forEach((_, i) => locations.set(['championships', cid, list, i], at([list, i])));
    }
  }
  if (issues.length) return { ok: false, issues };
  const top = layers.value.at(-1)!.file.value;
  const rulebook = toRulebook({ ...top, scales }, championships);
  const problems = locations.annotate(validateRulebook(rulebook));
  if (problems.length) return { ok: false, issues: problems };
  return {
    ok: true,
    value: {
      rulebook,
      locations,
      extends: layers.value
        .slice(0, -1)
        .reverse()
        .map((l) => l.file.value.id),
    },
  };
}
