import type { Command } from 'commander';
import { listSeasons } from '../../formats/catalog.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

/** `paddock seasons`: the built-in seasons. */
export function register(program: Command, io: CliIo): void {
  program
    .command('seasons')
    .description('list the built-in seasons')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const seasons = listSeasons().map(({ id, name, aliases }) => ({ id, name, aliases }));
      if (opts.json) return io.out(JSON.stringify(seasons, null, 2));
      io.out(
        renderTable(
          ['Id', 'Name', 'Aliases'],
          seasons.map((s) => [s.id, s.name, s.aliases.join(', ')]),
        ),
      );
    });
}
