import type { Command } from 'commander';
import { formatDisplay, formatExact, formatPlace } from '../../engine/index.js';
import type { Finding } from '../../engine/index.js';
import type { CliIo } from '../io.js';
import { openSeason, orFail, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';

/** Points and place as one cell: "36, 3rd", "78, excluded", "-". */
const figure = (points: Finding['published'], place: Finding['publishedPosition']): string =>
  points === null && place === null
    ? '-'
    : `${points === null ? '-' : formatDisplay(points)}${place === null ? '' : `, ${formatPlace(place)}`}`;

/** `paddock reconcile <season>`: published figures against computed ones, with likely causes. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('reconcile'))
    .description(
      'compare the published standings with the computed ones, one line per difference with its likely cause',
    )
    .argument('<season>', 'season id, alias or folder')
    .option('--json', 'print JSON')
    .action(async (seasonArg: string, opts: DbOption & { json?: boolean }) =>
      withApp(opts, async (app) => {
        const sv = await openSeason(app, seasonArg);
        const { season } = sv.loaded;
        const result = { value: orFail(app.reconcile(sv)) };
        const name = (id: string) =>
          season.drivers.find((d) => d.id === id)?.name ?? season.teams.find((t) => t.id === id)?.name ?? id;
        if (opts.json) {
          return io.out(
            JSON.stringify(
              result.value.map((f) => ({
                championship: f.championship,
                competitor: f.competitor,
                published: f.published === null ? null : formatExact(f.published),
                computed: f.computed === null ? null : formatExact(f.computed),
                publishedPosition: f.publishedPosition,
                computedPosition: f.computedPosition,
                afterRace: f.afterRace,
                kind: f.kind,
                cause: f.cause,
                ...(f.note === undefined ? {} : { note: f.note }),
              })),
              null,
              2,
            ),
          );
        }
        if (!result.value.length)
          return io.out(
            `${season.id}: every published figure matches the computed standings\n${sourceLine(sv)}`,
          );
        io.out(
          renderTable(
            ['Championship', 'After', 'Competitor', 'Published', 'Computed', 'Likely cause'],
            result.value.map((f) => [
              f.championship,
              `R${f.afterRace}`,
              name(f.competitor),
              figure(f.published, f.publishedPosition),
              figure(f.computed, f.computedPosition),
              f.note === undefined ? f.cause : `${f.cause}; note: ${f.note}`,
            ]),
            [3, 4],
          ),
        );
        io.out(`\n${result.value.length} difference(s)`);
        io.out(sourceLine(sv));
      }),
    );
}
