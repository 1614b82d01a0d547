/**
 * How commands reach seasons: through the application layer (src/app), over the database found
 * the way the server finds it (`--db`, else DATABASE_URL, else PADDOCK_DB, else ./paddock.db when
 * it exists), else the built-in files; a folder path reads the folder. Commands stay thin: parse,
 * call the app, print.
 */
import type { Command } from 'commander';
import { config as zodConfig } from 'zod';
import { commandDatabase, describeSource, Paddock } from '../app/index.js';
import type { Change, SeasonVersion } from '../app/index.js';
import type { Result } from '../engine/index.js';
import { CliFailure, EXIT } from './io.js';

// A command runs once: zod's JIT (a `new Function` per object schema, compiled the first time it
// parses) costs a one-shot process more than it saves: about 15 ms of `paddock standings`
// (bench:cli, 298 against 310 ms). The server (`paddock serve`, src/server) does not load this
// module and keeps the JIT for its many requests. Results are the same either way.
zodConfig({ jitless: true });

export interface DbOption {
  /** A database file or URL; `true` (a bare --db): the usual database, and only the database. */
  readonly db?: string | true;
}

/** Adds `--db [file|url]` to a command. */
export const withDbOption = (command: Command): Command =>
  command.option(
    '--db [file|url]',
    'read the database (a SQLite file or postgres:// URL; bare --db: DATABASE_URL, PADDOCK_DB or ./paddock.db), not the built-in files',
  );

/**
 * Runs `fn` with the app, closing the database afterwards. `write` creates ./paddock.db when no
 * database is named; `needDatabase` fails with a clear message when there is none; `filesOnly`
 * reads seasons from their files (built-in or a folder) even when there is a database.
 */
export async function withApp<T>(
  opts: DbOption,
  fn: (app: Paddock) => Promise<T>,
  options: { readonly write?: boolean; readonly needDatabase?: boolean; readonly filesOnly?: boolean } = {},
): Promise<T> {
  const only = opts.db === true;
  const database = options.filesOnly
    ? undefined
    : commandDatabase(only ? undefined : opts.db, { create: options.write ?? false });
  if (!database && (options.needDatabase || only))
    throw new CliFailure(
      [
        {
          code: 'database.none',
          path: [],
          message: 'this command needs a database, and there is none here',
          hint: 'Give --db <file|postgres-url>, set DATABASE_URL, or run where paddock.db is.',
        },
      ],
      EXIT.usage,
    );
  // A bare --db reads the database only: no built-in files, no folders.
  const app = await Paddock.open(database, only ? { builtIns: false } : { folders: true });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** The value of a result, or a stop with its issues (exit code 1). */
export function orFail<T>(result: Result<T>): T {
  if (!result.ok) throw new CliFailure(result.issues);
  return result.value;
}

/** A season at its current version (or `version`), or a stop with its issues. */
export async function openSeason(app: Paddock, arg: string, version?: number): Promise<SeasonVersion> {
  return orFail(await app.open(arg, version === undefined ? {} : { version }));
}

/** The line every read command's human output ends with: where the season was read. */
export const sourceLine = (sv: SeasonVersion): string => `source: ${describeSource(sv.source)}`;

/** Who is changing something from the command line. */
export const cliChange = (reason: string, extra: Partial<Change> = {}): Change => ({
  author: process.env['USER'] ? `cli:${process.env['USER']}` : 'cli',
  reason,
  origin: 'cli',
  ...extra,
});
