import type { Command } from 'commander';
import { formatDisplay, formatExact } from '../../engine/index.js';
import type { CliIo } from '../io.js';
import { openSeason, orFail, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';

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
                afterRace: f.afterRace,
                cause: f.cause,
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
              f.published === null ? '-' : formatDisplay(f.published),
              f.computed === null ? '-' : formatDisplay(f.computed),
              f.cause,
            ]),
            [3, 4],
          ),
        );
        io.out(`\n${result.value.length} difference(s)`);
        io.out(sourceLine(sv));
      }),
    );
}
