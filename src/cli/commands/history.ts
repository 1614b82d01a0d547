import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { describeDiff } from '../../app/index.js';
import { cliChange, orFail, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

const versionArgument = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('give a revision number such as 3');
  return Number(value);
};

/** `paddock history <season>`, `paddock diff <season> <v1> <v2>`, `paddock revert <season> <version>`. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('history'))
    .description("a stored season's revisions: who changed what, when and why")
    .argument('<season>', 'season id or alias in the database')
    .option('--json', 'print JSON')
    .action(async (seasonArg: string, opts: DbOption & { json?: boolean }) =>
      withApp(
        opts,
        async (app) => {
          const { season, revisions } = orFail(await app.history(seasonArg));
          if (opts.json)
            return io.out(JSON.stringify({ season: season.id, version: season.version, revisions }, null, 2));
          io.out(`${season.name}: ${revisions.length} revision(s), current ${season.version}`);
          io.out(
            renderTable(
              ['Rev', 'When', 'Who', 'What', 'Why'],
              revisions.map((r) => [
                `${r.version}${r.manifest ? '' : '*'}`,
                r.at.replace('T', ' ').slice(0, 16),
                r.author,
                r.action,
                r.reason,
              ]),
              [0],
            ),
          );
          if (revisions.some((r) => !r.manifest))
            io.out('* kept from the audit log before revisions: history only, its files cannot be restored');
          io.out(`source: database ${app.where}`);
        },
        { needDatabase: true },
      ),
    );

  withDbOption(program.command('diff'))
    .description('what changed between two revisions of a stored season: files, results, entries and points')
    .argument('<season>', 'season id or alias in the database')
    .argument('<from>', 'the earlier revision', versionArgument)
    .argument('<to>', 'the later revision', versionArgument)
    .option('--json', 'print JSON')
    .action(async (seasonArg: string, from: number, to: number, opts: DbOption & { json?: boolean }) =>
      withApp(
        opts,
        async (app) => {
          const diff = orFail(await app.diff(seasonArg, from, to));
          if (opts.json) return io.out(JSON.stringify(diff, null, 2));
          io.out(`${seasonArg}: revision ${from} -> ${to}`);
          for (const line of describeDiff(diff)) io.out(line);
          io.out(`source: database ${app.where}`);
        },
        { needDatabase: true },
      ),
    );

  withDbOption(program.command('revert'))
    .description(
      "make an earlier revision's files current again, as a new revision (which can itself be reverted)",
    )
    .argument('<season>', 'season id or alias in the database')
    .argument('<version>', 'the revision to go back to', versionArgument)
    .requiredOption('--reason <text>', 'why (kept in the history)')
    .action(async (seasonArg: string, version: number, opts: DbOption & { reason: string }) =>
      withApp(
        opts,
        async (app) => {
          const done = orFail(await app.revert(seasonArg, version, cliChange(opts.reason)));
          for (const line of describeDiff(done.diff)) io.out(line);
          io.out(
            `${seasonArg}: revision ${done.version} has the files of revision ${version} (${app.where})`,
          );
        },
        { needDatabase: true },
      ),
    );
}
