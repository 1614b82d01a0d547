/**
 * Stewarding decisions from the season data: points deductions (from the session they name on),
 * results withheld for one session, and exclusions from a championship's table (results kept, so
 * nobody moves up; from every table, from a session on, or from the final table only). Returns the
 * excluded competitors with their reasons.
 */
import { formatDisplay, negate } from './fraction.js';
import type { Championship } from './rulebook.js';
import { isPenalty } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { Draft, FixedWords } from './ledger.js';
import type { Ledger } from './ledger.js';

export interface AdjustmentWindow {
  /** Sessions of the championship held up to the table's race. */
  readonly heldIds: ReadonlySet<string>;
  /** Calendar order of the table's race: sessions up to it are in the table. */
  readonly cutoff: number;
  /** Whether the table is the season's final one. */
  readonly final: boolean;
}

export function applyAdjustments(
  index: SeasonIndex,
  champ: Championship,
  ledger: Ledger,
  { heldIds, cutoff, final }: AdjustmentWindow,
): Map<string, string> {
  const excluded = new Map<string, string>();
  for (const a of index.season.adjustments) {
    // Penalties changed the classifications before scoring (penalties.ts).
    if (isPenalty(a)) continue;
    if (a.championshipId !== undefined && a.championshipId !== champ.id) continue;
    const target = a.driverId ?? a.teamId;
    const targetKind = a.driverId !== undefined ? 'driver' : 'team';
    if (target === undefined || targetKind !== champ.competitor) continue;
    const book = ledger.books.get(target);
    switch (a.kind) {
      case 'exclusion': {
        if (a.applies === 'final' && !final) break;
        if (a.sessionId !== undefined && (index.order.get(a.sessionId) ?? Infinity) > cutoff) break;
        excluded.set(target, a.reason);
        break;
      }
      case 'points-deduction': {
        if (a.sessionId !== undefined && !heldIds.has(a.sessionId)) break;
        const session = a.sessionId === undefined ? undefined : index.findSession(a.sessionId);
        const name = targetKind === 'driver' ? index.getDriver(target).name : index.getTeam(target).name;
        ledger
          .bookOf(book?.competitor ?? { id: target, name, kind: targetKind })
          .contributions.push(
            new Draft(
              session?.id,
              session?.eventId,
              session?.race,
              'adjustment',
              'adjustment:points-deduction',
              new FixedWords(`${formatDisplay(a.points)} point(s) deducted: ${a.reason}`),
              negate(a.points),
              true,
              undefined,
              undefined,
            ),
          );
        break;
      }
      case 'results-withheld':
        for (const d of book?.contributions ?? [])
          // Every result of the session, also one that would not have counted anyway (the lesser
          // share of a driver in two cars): withheld points never make a competitor one who scored.
          if (d.sessionId === a.sessionId) d.withhold(`withheld: ${a.reason}`);
        break;
    }
  }
  return excluded;
}
