import type { Command } from 'commander';
import { withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

/** `paddock seasons`: the seasons in the database, then the built-in ones it does not hold. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('seasons'))
    .description('list the seasons: those in the database (with their revision), then the built-in ones')
    .option('--json', 'print JSON')
    .action(async (opts: DbOption & { json?: boolean }) =>
      withApp(opts, async (app) => {
        const seasons = await app.listSeasons();
        if (opts.json)
          return io.out(
            JSON.stringify(
              seasons.map(({ id, name, aliases, source, version }) => ({
                id,
                name,
                aliases,
                source,
                version: version ?? null,
              })),
              null,
              2,
            ),
          );
        io.out(
          renderTable(
            ['Id', 'Name', 'Aliases', 'Source'],
            seasons.map((s) => [
              s.id,
              s.name,
              s.aliases.join(', '),
              s.source === 'database' ? `database, revision ${s.version}` : 'built-in files',
            ]),
          ),
        );
        if (app.where) io.out(`database: ${app.where}`);
      }),
    );
}
