/**
 * Where a season is read from, and how the CLI and the server find the database. A season lives
 * in the database (the system of record for every season it holds), in the built-in library
 * (data/seasons) or in a folder; `describeSource` says which, for every read command's output.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { OpenOptions } from '../store/connect.js';

export type SeasonSource =
  | { readonly kind: 'database'; readonly where: string; readonly seasonId: string; readonly version: number }
  | { readonly kind: 'built-in'; readonly dir: string; readonly seasonId: string }
  | { readonly kind: 'folder'; readonly dir: string };

/** "database paddock.db, revision 14", "built-in files data/seasons/...", "folder path". */
export function describeSource(source: SeasonSource, cwd = process.cwd()): string {
  switch (source.kind) {
    case 'database':
      return `database ${source.where}, revision ${source.version}`;
    case 'built-in':
      return `built-in files ${shortPath(source.dir, cwd)}`;
    case 'folder':
      return `folder ${shortPath(source.dir, cwd)}`;
  }
}

const shortPath = (dir: string, cwd: string) => {
  const rel = relative(cwd, dir);
  return rel && !rel.startsWith('..') ? rel : dir;
};

const isPostgresUrl = (v: string) => /^postgres(ql)?:\/\//.test(v);

/** A `--db` value: a postgres:// URL or a SQLite file. */
export const databaseOption = (value: string): OpenOptions =>
  isPostgresUrl(value) ? { url: value } : { file: value };

/**
 * The database the server uses: DATABASE_URL (postgres://), else PADDOCK_DB, else ./paddock.db
 * (created on first start).
 */
export function serverDatabase(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const url = env['DATABASE_URL'];
  if (url && isPostgresUrl(url)) return { url };
  return { file: env['PADDOCK_DB'] || 'paddock.db' };
}

/**
 * The database a command uses, found the way the server finds it: `--db <file|url>`, else
 * DATABASE_URL, else PADDOCK_DB, else ./paddock.db when it exists. Undefined when there is none:
 * read commands then read the built-in files, and commands that write create ./paddock.db
 * (`create`).
 */
export function commandDatabase(
  db: string | undefined,
  options: { readonly create?: boolean; readonly env?: NodeJS.ProcessEnv; readonly cwd?: string } = {},
): OpenOptions | undefined {
  if (db) return databaseOption(db);
  const env = options.env ?? process.env;
  const url = env['DATABASE_URL'];
  if (url && isPostgresUrl(url)) return { url };
  if (env['PADDOCK_DB']) return { file: env['PADDOCK_DB'] };
  const file = join(options.cwd ?? process.cwd(), 'paddock.db');
  if (options.create || existsSync(file)) return { file: options.cwd === undefined ? 'paddock.db' : file };
  return undefined;
}
