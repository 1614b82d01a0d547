import { compare, formatDisplay, fraction, multiply } from '../../fraction.js';
import type { Condition } from '../../rulebook.js';
import type { ClassificationRow } from '../../season.js';
import type { ScoredRow, SessionContext } from '../types.js';

/**
 * The most laps completed in each group of a session: one group overall, or one per class when
 * the basis is the class (the class leader's laps).
 */
export function leaderLaps(
  rows: readonly { readonly row: ClassificationRow; readonly entry: { readonly classId: string } }[],
  basis: 'overall' | 'class',
): ReadonlyMap<string, number> {
  const most = new Map<string, number>();
  for (const r of rows) {
    const group = basis === 'class' ? r.entry.classId : '';
    most.set(group, Math.max(most.get(group) ?? 0, r.row.laps ?? 0));
  }
  return most;
}

/** The conditions that are judged in a session of this type: none outside their `sessionTypes`. */
export function conditionIn(condition: Condition | undefined, sessionType: string): Condition | undefined {
  if (!condition?.sessionTypes || condition.sessionTypes.includes(sessionType)) return condition;
  return undefined;
}

/**
 * Whether a row meets conditions, given the leaders' laps; undefined when it does, else the reason
 * it does not. `topN` reads the row's basis position, so it is for bonuses only.
 */
export function unmetBy(
  condition: Condition | undefined,
  row: Pick<ScoredRow, 'row' | 'entry' | 'position'> | undefined,
  leaders: ReadonlyMap<string, number>,
  basis: 'overall' | 'class',
): string | undefined {
  if (!condition) return undefined;
  if (condition.classified && row?.row.status !== 'classified') return 'not classified';
  if (condition.notDisconnected && row?.row.disconnected) return 'disconnected';
  if (condition.topN !== undefined && (row?.position === undefined || row.position > condition.topN)) {
    return `not in the top ${condition.topN}`;
  }
  if (condition.minLapsShare !== undefined) {
    const leader = row ? (leaders.get(basis === 'class' ? row.entry.classId : '') ?? 0) : 0;
    const laps = row?.row.laps;
    if (laps === undefined || leader === 0) return 'laps completed unknown';
    if (compare(fraction(laps, leader), condition.minLapsShare) < 0) {
      return `completed less than ${formatDisplay(multiply(condition.minLapsShare, fraction(100)))}% of the ${basis === 'class' ? 'class ' : ''}leader's laps`;
    }
  }
  return undefined;
}

const NO_LEADERS: ReadonlyMap<string, number> = new Map();

/** Whether a row meets a bonus's conditions; undefined when it does, else the reason it does not. */
export function unmetCondition(
  condition: Condition | undefined,
  row: ScoredRow | undefined,
  ctx: SessionContext,
): string | undefined {
  const judged = conditionIn(condition, ctx.session.type);
  if (!judged) return undefined;
  // The leaders' laps are read only by a share of laps (bonuses are judged one grant at a time).
  const leaders = judged.minLapsShare === undefined ? NO_LEADERS : leaderLaps(ctx.rows, ctx.basis);
  return unmetBy(judged, row, leaders, ctx.basis);
}

/** Describes conditions in words ("for a classified finisher in the top 10"). */
export function describeCondition(condition: Condition | undefined): string {
  const parts = conditionParts(condition);
  return parts.length ? ` (only if ${parts.join(', ')})` : '';
}

/** The conditions one by one, in words. */
export function conditionParts(condition: Condition | undefined): string[] {
  if (!condition) return [];
  const parts: string[] = [];
  if (condition.classified) parts.push('classified');
  if (condition.topN !== undefined) parts.push(`in the top ${condition.topN}`);
  if (condition.minLapsShare !== undefined) {
    parts.push(
      `having completed ${formatDisplay(multiply(condition.minLapsShare, fraction(100)))}% of the leader's laps`,
    );
  }
  if (condition.notDisconnected) parts.push('not disconnected');
  if (condition.sessionTypes && parts.length)
    parts.push(`judged in ${condition.sessionTypes.join(', ')} sessions`);
  return parts;
}
