import type { Command } from 'commander';
import { comparedView, parseRaceChange, titleScenarios, whatIf } from '../../engine/scenarios/index.js';
import type { RaceChange } from '../../engine/scenarios/index.js';
import { CliFailure, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { openSeason, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { raceOption } from './options.js';
import { printCompared } from './compared-table.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `paddock whatif <season> --set "race 15: hartog, yardley; dnf cooper; pole hartog" ... [--after N] [--json]` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('whatif'))
    .description(
      'standings with hypothetical results for races not yet run, or changed results for races run; nothing is saved',
    )
    .argument('<season>', 'season id, alias (2024-pccna) or folder')
    .requiredOption(
      '--set <result>',
      'a race result: "race 15: hartog, yardley, sedgwick; dnf cooper; pole hartog; fastest yardley" (repeatable)',
      collect,
    )
    .option('-c, --championship <id>', 'only this championship')
    .option('-a, --after <race>', 'standings after this race (the latest race set by default)', raceOption)
    .option('--json', 'print the standings side by side as JSON')
    .action(
      async (
        seasonArg: string,
        opts: DbOption & { set: string[]; championship?: string; after?: number; json?: boolean },
      ) =>
        withApp(opts, async (app) => {
          const sv = await openSeason(app, seasonArg);
          const { season, rulebook } = sv.loaded;
          const changes: RaceChange[] = [];
          for (const text of opts.set) {
            const parsed = parseRaceChange(text, season);
            if (!parsed.ok) throw new CliFailure(parsed.issues);
            changes.push(parsed.value);
          }
          const championships = opts.championship === undefined ? {} : { championships: [opts.championship] };
          const result = whatIf(season, rulebook, changes, {
            ...(opts.after === undefined ? {} : { afterRace: opts.after }),
            ...championships,
          });
          if (!result.ok) throw new CliFailure(result.issues);
          const { afterRace, compared } = result.value;
          if (opts.json)
            return io.out(
              JSON.stringify(
                {
                  season: { id: season.id, name: season.name },
                  afterRace,
                  championships: comparedView(compared),
                },
                null,
                2,
              ),
            );
          io.out(paint(io, 1, `${season.name}: what if, standings after race ${afterRace}`));
          io.out(`Changed: ${opts.set.join(' | ')}. Nothing is saved.`);
          printCompared(io, compared, 'Was');
          // Who would have the title in hand.
          const scenarios = titleScenarios(result.value.season, rulebook, {
            afterRace,
            bestOnly: true,
            ...championships,
          });
          if (scenarios.ok) {
            io.out('');
            for (const c of scenarios.value.championships) {
              const contenders = c.outlooks
                .filter((o) => o.status === 'contender')
                .map((o) => o.competitor.name);
              io.out(
                c.champion
                  ? `${c.name}: ${c.champion.name} ${c.remaining ? 'would have clinched the title' : 'would be champion'}.`
                  : `${c.name}: still open between ${contenders.join(', ')}.`,
              );
            }
          }
          io.out('');
          io.out(sourceLine(sv));
        }),
    );
}
