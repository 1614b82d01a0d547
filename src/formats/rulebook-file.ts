/**
 * Loading a rulebook file, following `extends:` to a preset: the extending file's scales replace
 * the preset's by name, its championships replace or amend the preset's by id (field by field),
 * and `remove_championships` drops some. A season's rulebook may be just `extends: <preset>`: its
 * id and name then default from the season. Problems point at the file and line that caused them.
 * The text may come from disk or from memory (an edit in the browser): `read` supplies it.
 */
import { readFile } from 'node:fs/promises';
import type { Championship, Issue, Result, Rulebook } from '../engine/index.js';
import { validateRulebook } from '../engine/index.js';
import { inFileWords } from './file-wording.js';
import { Locations, yamlLocation } from './locate.js';
import { championshipSchema, rulebookSchema, seasonRulebookSchema, toRulebook } from './rulebook-schema.js';
import type { RulebookFile } from './rulebook-schema.js';
import { parseYaml, zodIssue } from './yaml-file.js';
import type { YamlFile } from './yaml-file.js';

/** Finds a preset's file by id (data/rulebooks/<id>.yaml for the built-in library). */
export type PresetResolver = (id: string) => string | undefined;

/** Reads a file's text, or undefined when it cannot be read. */
export type TextReader = (path: string) => Promise<string | undefined>;

const readFromDisk: TextReader = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
};

export interface RulebookOptions {
  /** Where the text of a path comes from; the disk by default. */
  readonly read?: TextReader;
  /** The id and name a rulebook that only extends a preset takes (the season's). */
  readonly defaults?: { readonly id: string; readonly name: string };
}

export interface LoadedRulebook {
  readonly rulebook: Rulebook;
  readonly locations: Locations;
  /** Ids of the presets this rulebook extends, nearest first. */
  readonly extends: readonly string[];
}

interface Layer {
  readonly file: YamlFile<RulebookFile>;
}

async function readLayers(
  path: string,
  text: string | undefined,
  resolve: PresetResolver,
  read: TextReader,
  seen: string[],
): Promise<Result<Layer[]>> {
  if (text === undefined) {
    return {
      ok: false,
      issues: [
        { code: 'file.missing', path: [], message: `cannot read rulebook ${path}`, location: { file: path } },
      ],
    };
  }
  // Presets name themselves; the file a season points at may take the season's id and name.
  const parsed = parseYaml(text, path, seen.length ? rulebookSchema : seasonRulebookSchema);
  if (!parsed.ok) return parsed;
  const base = parsed.value.value.extends;
  if (base === undefined) return { ok: true, value: [{ file: parsed.value }] };
  const where = () => yamlLocation(parsed.value.doc, parsed.value.lines, path, ['extends']);
  if (seen.includes(base)) {
    return {
      ok: false,
      issues: [
        {
          code: 'rulebook.extends-cycle',
          path: ['extends'],
          message: `rulebook presets extend each other in a circle: ${[...seen, base].join(' -> ')}`,
          location: where(),
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
          location: where(),
        },
      ],
    };
  }
  const below = await readLayers(basePath, await read(basePath), resolve, read, [...seen, base]);
  if (!below.ok) return below;
  return { ok: true, value: [...below.value, { file: parsed.value }] };
}

/** Loads and validates a rulebook file (and the presets it extends). */
export async function loadRulebookFile(
  path: string,
  resolve: PresetResolver = () => undefined,
  options: RulebookOptions = {},
): Promise<Result<LoadedRulebook>> {
  const read = options.read ?? readFromDisk;
  return loadRulebookText(await read(path), path, resolve, { ...options, read });
}

/** Loads and validates rulebook text held in memory; `file` names it in problems. */
export async function loadRulebookText(
  text: string | undefined,
  file: string,
  resolve: PresetResolver = () => undefined,
  options: RulebookOptions = {},
): Promise<Result<LoadedRulebook>> {
  const layers = await readLayers(file, text, resolve, options.read ?? readFromDisk, []);
  if (!layers.ok) return layers;
  const locations = new Locations();
  const scales: RulebookFile['scales'] = {};
  const raw = new Map<string, { value: Record<string, unknown>; layer: Layer; index: number }>();
  const issues: Issue[] = [];
  for (const layer of layers.value) {
    const f = layer.file;
    for (const [name, scale] of Object.entries(f.value.scales)) {
      scales[name] = scale;
      locations.set(['scales', name], () => yamlLocation(f.doc, f.lines, f.file, ['scales', name]));
    }
    for (const id of f.value.remove_championships ?? []) raw.delete(id);
    f.value.championships.forEach((c, index) => {
      const cid = typeof c === 'object' && c !== null && 'id' in c ? String(c.id) : `#${index}`;
      const prev = raw.get(cid);
      raw.set(cid, { value: { ...(prev?.value ?? {}), ...(c as Record<string, unknown>) }, layer, index });
    });
  }
  const championships: Championship[] = [];
  for (const [cid, { value, layer, index }] of raw) {
    const f = layer.file;
    const at = (p: readonly (string | number)[]) =>
      yamlLocation(f.doc, f.lines, f.file, ['championships', index, ...p]);
    locations.set(['championships', cid], () => at([]));
    const parsed = championshipSchema.safeParse(value);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => zodIssue(i, f.file, (p) => at(p))));
      continue;
    }
    championships.push(parsed.data);
    for (const [key, field] of Object.entries(value)) {
      locations.set(['championships', cid, key], () => at([key]));
      if (Array.isArray(field))
        field.forEach((_, i) => locations.set(['championships', cid, key, i], () => at([key, i])));
    }
  }
  const top = layers.value.at(-1)!.file;
  const id = top.value.id ?? options.defaults?.id;
  const name = top.value.name ?? options.defaults?.name;
  for (const [field, value] of [
    ['id', id],
    ['name', name],
  ] as const) {
    if (value === undefined)
      issues.push({
        code: 'rulebook.missing-field',
        path: [field],
        message: `the rulebook has no ${field}`,
        hint: `Give it an ${field}, or load it as a season's rulebook, whose ${field} it then takes.`,
        location: yamlLocation(top.doc, top.lines, top.file, []),
      });
  }
  if (issues.length || id === undefined || name === undefined) return { ok: false, issues };
  const rulebook = toRulebook({ ...top.value, id, name, scales }, championships);
  const problems = locations.annotate(validateRulebook(rulebook).map(inFileWords));
  if (problems.length) return { ok: false, issues: problems };
  return {
    ok: true,
    value: {
      rulebook,
      locations,
      extends: layers.value
        .slice(0, -1)
        .reverse()
        .map((l) => l.file.value.id ?? ''),
    },
  };
}
