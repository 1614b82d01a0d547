import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { seasonOrFail } from '../load.js';

/** `paddock check <season>`: validates season and rulebook; exit code 1 on any problem. */
export function register(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('validate a season folder and its rulebook; prints every problem with file:line and a hint')
    .argument('<season>', 'season id, alias or folder')
    .action(async (seasonArg: string) => {
      // Loading validates every file, the season's references and the rulebook against it.
      const { season, rulebook } = await seasonOrFail(seasonArg);
      const rows = season.classifications.reduce((n, c) => n + c.rows.length, 0);
      io.out(
        `${season.id}: ok (${season.events.length} events, ${season.entries.length} entries, ${season.classifications.length} classifications with ${rows} rows, ${rulebook.championships.length} championships)`,
      );
    });
}
