import type { Command } from 'commander';
import { formatDisplay } from '../../engine/index.js';
import { exactTitleScenarios } from '../../app/exact-scenarios.js';
import { describeNeeds, scenariosView } from '../../engine/scenarios/index.js';
import type { Outlook } from '../../engine/scenarios/index.js';
import { CliFailure, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { openSeason, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';
import { raceOption } from './options.js';

const worstText = (o: Outlook) =>
  o.worst === undefined ? '-' : o.worstExact ? `${o.worst}` : `${o.worst}-${o.worstBound}*`;

/** `paddock scenarios <season> [--championship id] [--after race] [--json]` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('scenarios'))
    .description(
      'who can still win each championship: clinched, contender or eliminated, best and worst final position, what the contenders need at the next race',
    )
    .argument('<season>', 'season id, alias (2024-pccna) or folder')
    .option('-c, --championship <id>', 'only this championship')
    .option('-a, --after <race>', 'as after this race number (the latest by default)', raceOption)
    .option('--json', 'print the scenarios as JSON')
    .action(
      async (seasonArg: string, opts: DbOption & { championship?: string; after?: number; json?: boolean }) =>
        withApp(opts, async (app) => {
          const sv = await openSeason(app, seasonArg);
          const { season, rulebook } = sv.loaded;
          const result = await exactTitleScenarios(season, rulebook, {
            ...(opts.after === undefined ? {} : { afterRace: opts.after }),
            ...(opts.championship === undefined ? {} : { championships: [opts.championship] }),
          });
          if (!result.ok) throw new CliFailure(result.issues);
          if (opts.json) return io.out(JSON.stringify(scenariosView(result.value), null, 2));
          io.out(
            paint(io, 1, `${result.value.season.name}: title scenarios after race ${result.value.afterRace}`),
          );
          let bounded = false;
          for (const c of result.value.championships) {
            io.out('');
            const left = c.remaining === 1 ? '1 race left' : `${c.remaining} races left`;
            io.out(paint(io, 1, `${c.name} (${c.remaining ? left : 'season over'})`));
            if (c.champion)
              io.out(`${c.champion.name} ${c.remaining ? 'has clinched the title' : 'is champion'}.`);
            io.out(
              renderTable(
                ['Pos', 'Competitor', 'Points', 'Max', 'Best', 'Worst', 'Status'],
                c.outlooks
                  .filter((o) => o.status !== 'excluded')
                  .map((o) => {
                    bounded ||= !o.worstExact;
                    return [
                      o.position === undefined ? '-' : `${o.position}`,
                      o.competitor.name,
                      formatDisplay(o.points),
                      formatDisplay(o.maxPoints),
                      o.best === undefined ? '-' : `${o.best}`,
                      worstText(o),
                      o.status,
                    ];
                  }),
                [0, 2, 3, 4, 5],
              ),
            );
            for (const n of c.needs) io.out(describeNeeds(n));
            if (c.magic)
              io.out(
                `Magic number ${formatDisplay(c.magic.points)}: ${c.magic.competitor.name} is champion once the points ${c.magic.competitor.name} gains plus those ${c.magic.rival.name} fails to score exceed it.`,
              );
          }
          if (bounded) {
            io.out('');
            io.out('* worst position not proven within the search budget: it lies in this range.');
          }
          io.out('');
          io.out(sourceLine(sv));
        }),
    );
}
