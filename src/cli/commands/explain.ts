import type { Command } from 'commander';
import { explanationsDocument } from '../../app/index.js';
import { formatDisplay } from '../../engine/index.js';
import { paint } from '../io.js';
import type { CliIo } from '../io.js';
import { openSeason, orFail, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { raceOption } from './options.js';

/** `paddock explain <season> <competitor>`: every point of one competitor, and what did not count. */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('explain'))
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
        opts: DbOption & { championship?: string; after?: number; json?: boolean },
      ) =>
        withApp(opts, async (app) => {
          const sv = await openSeason(app, seasonArg);
          const found = orFail(
            app.explain(sv, who, {
              ...(opts.after === undefined ? {} : { afterRace: opts.after }),
              ...(opts.championship === undefined ? {} : { championship: opts.championship }),
            }),
          );
          // The same document as GET /api/v1/seasons/{season}/explanations/{competitor}.
          if (opts.json) return io.out(JSON.stringify(explanationsDocument(found), null, 2));
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
          io.out(sourceLine(sv));
        }),
    );
}
