/**
 * The built-in library: seasons under data/seasons/<id>/ and rulebook presets under
 * data/rulebooks/<id>.yaml, found relative to the installed package. A season argument may be a
 * built-in id, an alias (2024-pccna) or a path to a season folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '../engine/index.js';
import { loadSeasonFolder } from './season-folder.js';
import type { LoadedSeason } from './season-folder.js';
import { readYamlValue } from './yaml-file.js';

/** The package's data/ folder (works from src/ under tsx and from dist/ once built). */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const SEASONS_DIR = join(DATA_DIR, 'seasons');
export const RULEBOOKS_DIR = join(DATA_DIR, 'rulebooks');

/** Finds a preset rulebook file by id, or undefined. */
export function resolvePreset(id: string): string | undefined {
  const path = join(RULEBOOKS_DIR, `${id}.yaml`);
  return /^[a-z0-9][a-z0-9-]*$/.test(id) && existsSync(path) ? path : undefined;
}

export interface SeasonListing {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly dir: string;
}

/**
 * The id, name and aliases from a season.yaml, reading only the part above `events:` when the
 * file is laid out that way (the calendar is most of the file), so listing ~80 seasons stays cheap.
 */
function readListing(dir: string, mentioning?: string): SeasonListing | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'season.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  if (mentioning !== undefined && !text.includes(mentioning)) return undefined;
  const cut = text.search(/^events:/m);
  const read = (t: string) => {
    try {
      return readYamlValue(t) as { id?: unknown; name?: unknown; aliases?: unknown } | null;
    } catch {
      return null;
    }
  };
  let meta = cut > 0 ? read(text.slice(0, cut)) : null;
  if (typeof meta?.id !== 'string') meta = read(text);
  const id = typeof meta?.id === 'string' ? meta.id : basename(dir);
  return {
    id,
    name: typeof meta?.name === 'string' ? meta.name : id,
    aliases: Array.isArray(meta?.aliases)
      ? meta.aliases.filter((a): a is string => typeof a === 'string')
      : [],
    dir,
  };
}

/**
 * Lists the built-in seasons (id, name, aliases) without loading their results. `mentioning`
 * keeps only the seasons whose season.yaml contains that text (before any YAML is parsed), so
 * finding one season by alias parses one header, not ~80.
 */
export function listSeasons(mentioning?: string): SeasonListing[] {
  if (!existsSync(SEASONS_DIR)) return [];
  return readdirSync(SEASONS_DIR)
    .map((d) => readListing(join(SEASONS_DIR, d), mentioning))
    .filter((l): l is SeasonListing => l !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The built-in season with this id or alias. A folder named like the argument is checked first
 * (built-in seasons live in data/seasons/<id>/), so resolving one does not read the others; an
 * alias is looked for in the seasons whose file mentions it, then (written some other way, such
 * as with YAML escapes) in all of them.
 */
export function findBuiltInSeason(arg: string): SeasonListing | undefined {
  if (/^[a-z0-9][a-z0-9-]*$/.test(arg)) {
    const direct = readListing(join(SEASONS_DIR, arg));
    if (direct && (direct.id === arg || direct.aliases.includes(arg))) return direct;
  }
  const named = (s: SeasonListing) => s.id === arg || s.aliases.includes(arg);
  return listSeasons(arg).find(named) ?? listSeasons().find(named);
}

/** Whether an argument names a season folder on disk (a folder holding season.yaml). */
export function isSeasonFolder(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isDirectory() && existsSync(join(arg, 'season.yaml'));
}

/** Resolves a season argument (id, alias or folder path) to a folder, or undefined. */
export function resolveSeasonDir(arg: string): string | undefined {
  const hit = findBuiltInSeason(arg);
  if (hit) return hit.dir;
  if (isSeasonFolder(arg)) return resolve(arg);
  return undefined;
}

/** Loads a season by id, alias or path, with its rulebook (and the presets it extends). */
export async function loadSeason(arg: string): Promise<Result<LoadedSeason>> {
  const dir = resolveSeasonDir(arg);
  if (!dir) {
    const known = listSeasons().flatMap((s) => [s.id, ...s.aliases]);
    return {
      ok: false,
      issues: [
        {
          code: 'season.unknown',
          path: [arg],
          message: `no season "${arg}"`,
          hint: `Give a season folder, or one of: ${known.join(', ')}.`,
        },
      ],
    };
  }
  return loadSeasonFolder(dir, resolvePreset);
}
