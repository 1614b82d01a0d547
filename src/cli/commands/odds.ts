import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { seasonOdds } from '../../engine/scenarios/index.js';
import { oddsDocument } from '../../app/view-model/title-fight.js';
import { CliFailure, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { openSeason, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';
import { raceOption } from './options.js';

const wholeNumber = (what: string) => (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`give ${what} as a whole number`);
  return Number(value);
};

const percent = (p: number) => `${(p * 100).toFixed(1)}%`;

/** `paddock odds <season> [--championship id] [--after race] [--runs n] [--seed n] [--json]` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('odds'))
    .description(
      'championship odds: the remaining races simulated from a model fitted on the season so far, scored by the rulebook',
    )
    .argument('<season>', 'season id, alias (2024-pccna) or folder')
    .option('-c, --championship <id>', 'only this championship')
    .option('-a, --after <race>', 'as after this race number (the latest by default)', raceOption)
    .option('--runs <n>', 'simulated seasons (10000 by default)', wholeNumber('the runs'))
    .option(
      '--seed <n>',
      'seed of the simulation (1 by default): the same seed gives the same odds',
      wholeNumber('the seed'),
    )
    .option('--json', 'print the odds as JSON')
    .action(
      async (
        seasonArg: string,
        opts: DbOption & {
          championship?: string;
          after?: number;
          runs?: number;
          seed?: number;
          json?: boolean;
        },
      ) =>
        withApp(opts, async (app) => {
          const sv = await openSeason(app, seasonArg);
          const { season, rulebook } = sv.loaded;
          const result = seasonOdds(season, rulebook, {
            ...(opts.after === undefined ? {} : { afterRace: opts.after }),
            ...(opts.championship === undefined ? {} : { championships: [opts.championship] }),
            ...(opts.runs === undefined ? {} : { runs: opts.runs }),
            ...(opts.seed === undefined ? {} : { seed: opts.seed }),
          });
          if (!result.ok) throw new CliFailure(result.issues);
          const odds = result.value;
          if (opts.json) {
            // The same document the API serves (src/app/view-model/title-fight.ts).
            return io.out(JSON.stringify(oddsDocument(odds), null, 2));
          }
          io.out(paint(io, 1, `${odds.season.name}: championship odds after race ${odds.afterRace}`));
          io.out(
            `${odds.runs} simulated seasons (seed ${odds.seed}) from a Plackett-Luce model fitted on ${odds.racesFitted} race(s); ± is the 95% simulation error.`,
          );
          for (const c of odds.championships) {
            io.out('');
            io.out(paint(io, 1, c.name));
            io.out(
              renderTable(
                ['Competitor', 'Title', '±'],
                c.competitors.map((o) => [
                  o.competitor.name,
                  o.status === 'clinched' || o.status === 'champion'
                    ? `100% (${o.status})`
                    : o.titles === 0
                      ? `${percent(0)} (possible)`
                      : o.titles === c.runs
                        ? `${percent(1)} (not yet certain)`
                        : percent(o.probability),
                  o.titles === 0 ? '' : `${(1.96 * o.error * 100).toFixed(1)}`,
                ]),
                [1, 2],
              ),
            );
          }
          io.out('');
          io.out(sourceLine(sv));
        }),
    );
}
