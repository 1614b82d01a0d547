import type { Command } from 'commander';
import { computeStandings, formatDisplay } from '../../engine/index.js';
import { standingsJson } from '../../exporters/json/standings-json.js';
import { CliFailure, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { seasonOrFail } from '../load.js';
import { renderTable } from '../table.js';
import { raceOption } from './options.js';

/** `paddock standings <season> [--championship id] [--after race] [--json]` */
export function register(program: Command, io: CliIo): void {
  program
    .command('standings')
    .description('print the championship standings of a season (a built-in id or alias, or a season folder)')
    .argument('<season>', 'season id, alias (2024-pccna) or folder')
    .option('-c, --championship <id>', 'only this championship')
    .option('-a, --after <race>', 'standings after this race number', raceOption)
    .option('--json', 'print the JSON document other tools read')
    .action(async (seasonArg: string, opts: { championship?: string; after?: number; json?: boolean }) => {
      const { season, rulebook } = await seasonOrFail(seasonArg);
      const result = computeStandings(season, rulebook, {
        ...(opts.after === undefined ? {} : { afterRace: opts.after }),
        ...(opts.championship === undefined ? {} : { championships: [opts.championship] }),
      });
      if (!result.ok) throw new CliFailure(result.issues);
      if (opts.json) return io.out(JSON.stringify(standingsJson(result.value), null, 2));
      io.out(paint(io, 1, `${result.value.season.name}: standings after race ${result.value.afterRace}`));
      for (const c of result.value.championships) {
        io.out('');
        io.out(
          paint(io, 1, `${c.name}${c.final ? '' : ' (drop rules for the final standings not yet applied)'}`),
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
    });
}
