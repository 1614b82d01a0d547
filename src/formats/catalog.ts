/**
 * The built-in library: seasons under data/seasons/<id>/ and rulebook presets under
 * data/rulebooks/<id>.yaml, found relative to the installed package. A season argument may be a
 * built-in id, an alias (2024-pccna) or a path to a season folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Result } from '../engine/index.js';
import { loadSeasonFolder } from './season-folder.js';
import type { LoadedSeason } from './season-folder.js';

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

/** Lists the built-in seasons (id, name, aliases) without loading their results. */
export function listSeasons(): SeasonListing[] {
  if (!existsSync(SEASONS_DIR)) return [];
  return readdirSync(SEASONS_DIR)
    .map((d) => join(SEASONS_DIR, d))
    .filter((d) => existsSync(join(d, 'season.yaml')))
    .map((dir) => {
      const meta = parse(readFileSync(join(dir, 'season.yaml'), 'utf8')) as {
        id?: string;
        name?: string;
        aliases?: string[];
      };
      return { id: meta.id ?? dir, name: meta.name ?? dir, aliases: meta.aliases ?? [], dir };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Resolves a season argument (id, alias or folder path) to a folder, or undefined. */
export function resolveSeasonDir(arg: string): string | undefined {
  const hit = listSeasons().find((s) => s.id === arg || s.aliases.includes(arg));
  if (hit) return hit.dir;
  if (existsSync(arg) && statSync(arg).isDirectory() && existsSync(join(arg, 'season.yaml')))
    return resolve(arg);
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
