import type { Command } from 'commander';
import { backupDatabase, commandDatabase, restoreDatabase } from '../../app/index.js';
import type { BackupReport } from '../../app/index.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';
import { orFail } from '../app.js';

const holds = (r: BackupReport) =>
  `${r.seasons} season(s), ${r.revisions} revision(s), ${r.users} account(s)`;

/** The database a backup or restore works on: --db, else DATABASE_URL / PADDOCK_DB / ./paddock.db. */
function database(db: string | undefined, create: boolean) {
  const options = commandDatabase(db, { create });
  if (!options)
    throw new CliFailure(
      [
        {
          code: 'database.none',
          path: [],
          message: 'there is no database here to back up',
          hint: 'Give --db <file>, set PADDOCK_DB, or run where paddock.db is.',
        },
      ],
      EXIT.usage,
    );
  return options;
}

/** `paddock backup <file>` and `paddock restore <file>` (SQLite; PostgreSQL uses pg_dump). */
export function register(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'copy the database (seasons with their history, accounts) into a new file, while a server runs',
    )
    .argument('<file>', 'the backup file to write (never overwritten)')
    .option('--db <file>', 'the SQLite database (default: PADDOCK_DB or ./paddock.db)')
    .action(async (file: string, opts: { db?: string }) => {
      const r = orFail(await backupDatabase(database(opts.db, false), file));
      io.out(`backed up ${holds(r)} to ${r.file} (integrity checked)`);
    });
  program
    .command('restore')
    .description("replace the database's content with a backup's (the current one is kept beside it)")
    .argument('<file>', 'a file written by paddock backup')
    .option('--db <file>', 'the SQLite database to restore into (default: PADDOCK_DB or ./paddock.db)')
    .action(async (file: string, opts: { db?: string }) => {
      const r = orFail(await restoreDatabase(database(opts.db, true), file));
      io.out(`restored ${holds(r)} from ${file}`);
      if (r.kept) io.out(`the database as it was is kept in ${r.kept}`);
      io.out('restart servers that use this database');
    });
}
