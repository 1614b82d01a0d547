/**
 * The result at the flag: the final running order planned as the race's provisional
 * classification through the importers' path. `planImport` matches and checks the rows again,
 * diffs them against the season and plans its writes (results, their state, the fastest laps from
 * the rows' lap times, confirmed identities in mappings.yaml); the application layer writes them
 * (`importSessionResults`: a revision of a stored season, or its folder). Nothing is written while a
 * car is unmatched or a row is wrong. After saving, the season's standings are the last live tables.
 */
import type { Season, Session } from '../engine/index.js';
import type { Mappings } from '../importers/results/match-entries.js';
import { planImport } from '../importers/results/plan-import.js';
import type { ImportPlan } from '../importers/results/plan-import.js';
import { importedRowsOf } from './live-session.js';
import type { RunningOrder } from './running-order.js';

/**
 * Plans saving `order` as the session's provisional result; `problemCount`, `issues` and
 * `unmatched` say why it cannot be saved.
 */
export function planLiveSave(
  season: Season,
  session: Session,
  order: RunningOrder,
  mappings: Mappings,
  assignments: Mappings,
  source: string,
): ImportPlan {
  return planImport(
    season,
    session,
    { rows: importedRowsOf(order), issues: [], state: 'provisional' },
    mappings,
    assignments,
    source,
  );
}
