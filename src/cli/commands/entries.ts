import type { Command } from 'commander';
import { entriesDocument } from '../../app/index.js';
import type { CliIo } from '../io.js';
import { openSeason, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';

/** `paddock entries <season>`: the entry list grouped by class. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('entries'))
    .description('list the entries of a season by class: car number, team, drivers, rounds')
    .argument('<season>', 'season id, alias or folder')
    .option('--json', 'print JSON')
    .action(async (seasonArg: string, opts: DbOption & { json?: boolean }) =>
      withApp(opts, async (app) => {
        const sv = await openSeason(app, seasonArg);
        const { season } = sv.loaded;
        // The same document as GET /api/v1/seasons/{season}/entries.
        if (opts.json) return io.out(JSON.stringify(entriesDocument(sv), null, 2));
        const round = new Map(season.events.map((e) => [e.id, e.round]));
        const driver = new Map(season.drivers.map((d) => [d.id, d.name]));
        const team = new Map(season.teams.map((t) => [t.id, t.name]));
        for (const k of season.classes.length ? season.classes : [{ id: '', name: 'Entries' }]) {
          const list = season.entries.filter((e) => !k.id || e.classId === k.id);
          if (!list.length) continue;
          io.out(`\n${k.name}`);
          io.out(
            renderTable(
              ['No.', 'Team', 'Driver(s)', 'Rounds', 'Entry id'],
              list.map((e) => [
                e.car,
                team.get(e.teamId) ?? e.teamId,
                e.driverIds.map((d) => driver.get(d) ?? d).join(' / '),
                e.eventIds.map((id) => round.get(id)).join(','),
                e.id + (e.eligible ? '' : ' (not eligible)'),
              ]),
              [0],
            ),
          );
        }
        io.out(sourceLine(sv));
      }),
    );
}
