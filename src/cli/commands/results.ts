import type { Command } from 'commander';
import { sessionResultsDocument } from '../../app/index.js';
import { CliFailure } from '../io.js';
import type { CliIo } from '../io.js';
import { openSeason, orFail, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';

/** `paddock results <season> <race>`: one race's classification with class positions, pole and fastest lap. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('results'))
    .description('print a race classification (race number or session id)')
    .argument('<season>', 'season id, alias or folder')
    .argument('<race>', 'race number (7) or session id (race-07)')
    .option('--json', 'print JSON')
    .action(async (seasonArg: string, race: string, opts: DbOption & { json?: boolean }) =>
      withApp(opts, async (app) => {
        const sv = await openSeason(app, seasonArg);
        const { season } = sv.loaded;
        const session = season.sessions.find((s) => s.id === race || String(s.race) === race);
        if (!session) {
          throw new CliFailure([
            {
              code: 'race.unknown',
              path: [race],
              message: `no race "${race}" in ${season.id}`,
              hint: `Races: ${season.sessions.map((s) => s.race ?? s.id).join(', ')}.`,
            },
          ]);
        }
        const classification = season.classifications.find((c) => c.sessionId === session.id);
        const awards = season.awards.filter((a) => a.sessionId === session.id);
        // The same document as GET /api/v1/seasons/{season}/results/{session}.
        if (opts.json) return io.out(JSON.stringify(orFail(sessionResultsDocument(sv, session.id)), null, 2));
        if (!classification) return io.out(`${session.name}: no results yet\n${sourceLine(sv)}`);
        const entry = new Map(season.entries.map((e) => [e.id, e]));
        const driver = new Map(season.drivers.map((d) => [d.id, d.name]));
        const classCount = new Map<string, number>();
        const event = season.events.find((e) => e.id === session.eventId);
        io.out(
          `${season.name}, ${session.name}${event ? ` (round ${event.round}, ${event.name})` : ''}${classification.state ? ` [${classification.state}]` : ''}`,
        );
        io.out(
          renderTable(
            ['Pos', 'Class', 'No.', 'Driver(s)', 'Status', 'Laps', 'Awards'],
            classification.rows.map((r) => {
              const e = entry.get(r.entryId)!;
              let classPos: string;
              if (r.status === 'classified') {
                const n = (classCount.get(e.classId) ?? 0) + 1;
                classCount.set(e.classId, n);
                classPos = `${e.classId} P${n}`;
              } else classPos = e.classId;
              const mine = awards
                .filter((a) => a.entryId === r.entryId)
                .map((a) => `${a.award}${a.scope === 'overall' ? '' : ` (${a.scope})`}`);
              return [
                r.position === undefined ? '-' : String(r.position),
                classPos,
                e.car,
                (r.driverIds ?? e.driverIds).map((d) => driver.get(d) ?? d).join(' / '),
                r.status,
                r.laps === undefined ? '' : String(r.laps),
                mine.join(', '),
              ];
            }),
            [0, 5],
          ),
        );
        io.out(sourceLine(sv));
      }),
    );
}
