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
        // The same document as GET /api/v1/seasons/{season}/results/{session}: the official
        // classification (penalties applied, class positions from the engine).
        const doc = sessionResultsDocument(sv, session.id);
        if (opts.json) return io.out(JSON.stringify(orFail(doc), null, 2));
        if (!doc.ok) return io.out(`${session.name}: no results yet\n${sourceLine(sv)}`);
        const { results, awards, penalties, state, decision } = doc.value;
        const event = season.events.find((e) => e.id === session.eventId);
        io.out(
          `${season.name}, ${session.name}${event ? ` (round ${event.round}, ${event.name})` : ''}${state ? ` [${state}]` : ''}`,
        );
        io.out(
          renderTable(
            ['Pos', 'Class', 'No.', 'Driver(s)', 'Status', 'Laps', 'Awards'],
            results.map((r) => {
              const mine = awards
                .filter((a) => a.entry === r.entry)
                .map((a) => `${a.award}${a.scope === 'overall' ? '' : ` (${a.scope})`}`);
              return [
                r.position === null ? '-' : String(r.position),
                r.classPosition === null ? (r.class ?? '') : `${r.class} P${r.classPosition}`,
                r.car ?? '',
                r.drivers.map((d) => d.name).join(' / '),
                r.status,
                r.laps === null ? '' : String(r.laps),
                mine.join(', '),
              ];
            }),
            [0, 5],
          ),
        );
        if (penalties.length) {
          io.out('Penalties:');
          for (const p of penalties) {
            const row = results.find((r) => r.entry === p.entry);
            const place = (n: number | null) => (n === null ? '-' : `P${n}`);
            io.out(
              `  #${row?.car ?? p.entry} ${row?.drivers.map((d) => d.name).join(' / ') ?? ''}: ${p.description} (${place(p.positionBefore)} -> ${place(p.positionAfter)}): ${p.decision}`,
            );
          }
        }
        if (state === 'amended' && decision) io.out(`Amended: ${decision}`);
        io.out(sourceLine(sv));
      }),
    );
}
