import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { openSeason, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';

/** `paddock check <season>`: validates season and rulebook; exit code 1 on any problem. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('check'))
    .description('validate a season folder and its rulebook; prints every problem with file:line and a hint')
    .argument('<season>', 'season id, alias or folder')
    .action(async (seasonArg: string, opts: DbOption) =>
      withApp(opts, async (app) => {
        // Loading validates every file, the season's references and the rulebook against it.
        const sv = await openSeason(app, seasonArg);
        const { season, rulebook } = sv.loaded;
        const rows = season.classifications.reduce((n, c) => n + c.rows.length, 0);
        io.out(
          `${season.id}: ok (${season.events.length} events, ${season.entries.length} entries, ${season.classifications.length} classifications with ${rows} rows, ${rulebook.championships.length} championships)`,
        );
        io.out(sourceLine(sv));
      }),
    );
}
