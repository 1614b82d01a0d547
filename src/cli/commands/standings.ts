import type { Command } from 'commander';
import { formatDisplay } from '../../engine/index.js';
import { standingsJson } from '../../exporters/json/standings-json.js';
import { paint } from '../io.js';
import type { CliIo } from '../io.js';
import { openSeason, orFail, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { renderTable } from '../table.js';
import { raceOption } from './options.js';
import { printRescored } from './rescore.js';

/** `paddock standings <season> [--championship id] [--after race] [--rulebook preset|file] [--json]` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('standings'))
    .description('print the championship standings of a season (a built-in id or alias, or a season folder)')
    .argument('<season>', 'season id, alias (2024-pccna) or folder')
    .option('-c, --championship <id>', 'only this championship')
    .option('-a, --after <race>', 'standings after this race number', raceOption)
    .option('--json', 'print the JSON document other tools read')
    .option('--rulebook <preset|file>', "rescore under another rulebook, beside the season's own")
    .action(
      async (
        seasonArg: string,
        opts: DbOption & { championship?: string; after?: number; json?: boolean; rulebook?: string },
      ) =>
        withApp(opts, async (app) => {
          const sv = await openSeason(app, seasonArg);
          if (opts.rulebook !== undefined) return printRescored(io, sv, opts.rulebook, opts);
          const standings = orFail(
            app.standings(sv, {
              ...(opts.after === undefined ? {} : { afterRace: opts.after }),
              ...(opts.championship === undefined ? {} : { championship: opts.championship }),
            }),
          );
          if (opts.json) return io.out(JSON.stringify(standingsJson(standings), null, 2));
          io.out(paint(io, 1, `${standings.season.name}: standings after race ${standings.afterRace}`));
          for (const c of standings.championships) {
            io.out('');
            io.out(
              paint(
                io,
                1,
                `${c.name}${c.final ? '' : ' (drop rules for the final standings not yet applied)'}`,
              ),
            );
            io.out(
              renderTable(
                ['Pos', 'Competitor', 'Points', 'Dropped'],
                c.rows.map((r) => [
                  `${r.position}${r.shared ? '=' : ''}`,
                  r.competitor.name,
                  formatDisplay(r.points),
                  // Sessions whose result does not count (dropped, or a race not started that was dropped).
                  [
                    ...new Map(
                      r.contributions
                        .filter((x) => !x.counted && x.kind === 'result')
                        .map((x) => [x.sessionId, x.race]),
                    ).entries(),
                  ]
                    .sort((a, b) => (a[1] ?? Infinity) - (b[1] ?? Infinity))
                    .map(([session, race]) => (race === undefined ? (session ?? '?') : `R${race}`))
                    .join(' '),
                ]),
                [0, 2],
              ),
            );
            for (const e of c.excluded)
              io.out(`  excluded: ${e.competitor.name} (${formatDisplay(e.points)}): ${e.reason}`);
          }
          io.out(`\n${sourceLine(sv)}`);
        }),
    );
}
