import type { Command } from 'commander';
import { computeStandings, explain, formatDisplay, formatExact } from '../../engine/index.js';
import { contributionJson } from '../../exporters/json/standings-json.js';
import { CliFailure, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { seasonOrFail } from '../load.js';
import { raceOption } from './options.js';

/** `paddock explain <season> <competitor>`: every point of one competitor, and what did not count. */
export function register(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description("explain one competitor's points: every contribution, what was dropped and why, tie-breaks")
    .argument('<season>', 'season id, alias or folder')
    .argument('<competitor>', 'driver or team id, or name ("Loek Hartog")')
    .option('-c, --championship <id>', 'only this championship')
    .option('-a, --after <race>', 'standings after this race number', raceOption)
    .option('--json', 'print JSON')
    .action(
      async (
        seasonArg: string,
        who: string,
        opts: { championship?: string; after?: number; json?: boolean },
      ) => {
        const { season, rulebook } = await seasonOrFail(seasonArg);
        const result = computeStandings(season, rulebook, {
          ...(opts.after === undefined ? {} : { afterRace: opts.after }),
          ...(opts.championship === undefined ? {} : { championships: [opts.championship] }),
        });
        if (!result.ok) throw new CliFailure(result.issues);
        const found = explain(result.value, who);
        if (!found.length) {
          throw new CliFailure([
            {
              code: 'competitor.unknown',
              path: [who],
              message: `"${who}" is in no championship table of ${season.id}`,
              hint: 'Give a driver or team id from drivers.csv/teams.csv, or the exact name.',
            },
          ]);
        }
        if (opts.json) {
          return io.out(
            JSON.stringify(
              found.map((e) => ({
                championship: e.championshipId,
                afterRace: e.afterRace,
                position: e.position,
                shared: e.shared,
                competitor: e.competitor,
                pointsExact: formatExact(e.points),
                counted: e.counted.map(contributionJson),
                notCounted: e.notCounted.map(contributionJson),
                belowPrevious: e.belowPrevious ?? null,
                aboveNext: e.aboveNext ?? null,
                excludedReason: e.excludedReason ?? null,
              })),
              null,
              2,
            ),
          );
        }
        for (const e of found) {
          io.out(
            paint(
              io,
              1,
              `${e.championshipName}: ${e.competitor.name}, ${e.excludedReason ? 'excluded' : `P${e.position}${e.shared ? ' (shared)' : ''}`} with ${formatDisplay(e.points)} points after race ${e.afterRace}`,
            ),
          );
          if (e.excludedReason) io.out(`  excluded from the table: ${e.excludedReason}`);
          io.out('  counted:');
          for (const c of e.counted)
            io.out(
              `    ${c.race === undefined ? '      ' : `R${String(c.race).padStart(2)}  `}${formatDisplay(c.points).padStart(6)}  ${c.description}`,
            );
          if (e.notCounted.length) {
            io.out('  not counted:');
            for (const c of e.notCounted)
              io.out(
                `    ${c.race === undefined ? '      ' : `R${String(c.race).padStart(2)}  `}${formatDisplay(c.points).padStart(6)}  ${c.description}: ${c.reason ?? ''}`,
              );
          }
          if (e.belowPrevious) io.out(`  behind ${e.belowPrevious.competitor}: ${e.belowPrevious.detail}`);
          if (e.aboveNext) io.out(`  ahead of ${e.aboveNext.competitor}: ${e.aboveNext.detail}`);
          io.out('');
        }
      },
    );
}
