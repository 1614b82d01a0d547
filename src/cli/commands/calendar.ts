import type { Command } from 'commander';
import { calendarDocument } from '../../app/index.js';
import type { CliIo } from '../io.js';
import { openSeason, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';

/** `paddock calendar <season>`: the events and their sessions. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('calendar'))
    .description('list the events of a season with dates, tags and races')
    .argument('<season>', 'season id, alias or folder')
    .option('--json', 'print JSON')
    .action(async (seasonArg: string, opts: DbOption & { json?: boolean }) =>
      withApp(opts, async (app) => {
        const sv = await openSeason(app, seasonArg);
        const { season } = sv.loaded;
        const events = [...season.events].sort((a, b) => a.round - b.round);
        const races = (eventId: string) => season.sessions.filter((s) => s.eventId === eventId);
        // The same document as GET /api/v1/seasons/{season}/events.
        if (opts.json) return io.out(JSON.stringify(calendarDocument(sv), null, 2));
        // Local session times and the circuit's zone, when the calendar gives them.
        const zoned = events.some((e) => e.timezone !== undefined);
        io.out(
          renderTable(
            ['Rd', 'Event', 'Circuit', 'Dates', ...(zoned ? ['Time zone'] : []), 'Races', 'Tags'],
            events.map((e) => [
              String(e.round),
              e.name,
              [e.circuit, e.city, e.country].filter(Boolean).join(', '),
              e.start === e.end || !e.end ? (e.start ?? '') : `${e.start} to ${e.end}`,
              ...(zoned ? [e.timezone ?? ''] : []),
              races(e.id)
                .map((s) => {
                  const label = s.race === undefined ? s.name : `R${s.race}`;
                  return s.time === undefined
                    ? label
                    : `${label} ${s.date ? `${s.date.slice(5)} ` : ''}${s.time}`;
                })
                .join(zoned ? ', ' : ' '),
              e.tags.join(' '),
            ]),
            [0],
          ),
        );
        io.out(sourceLine(sv));
      }),
    );
}
