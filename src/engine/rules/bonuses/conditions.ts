import { compare, formatDisplay, fraction, multiply } from '../../fraction.js';
import type { Condition } from '../../rulebook.js';
import type { ScoredRow, SessionContext } from '../types.js';

/** Whether a row meets a bonus's conditions; undefined when it does, else the reason it does not. */
export function unmetCondition(
  condition: Condition | undefined,
  row: ScoredRow | undefined,
  ctx: SessionContext,
): string | undefined {
  if (!condition) return undefined;
  if (condition.classified && row?.row.status !== 'classified') return 'not classified';
  if (condition.topN !== undefined && (row?.position === undefined || row.position > condition.topN)) {
    return `not in the top ${condition.topN}`;
  }
  if (condition.minLapsShare !== undefined) {
    const winnerLaps = Math.max(0, ...ctx.rows.map((r) => r.row.laps ?? 0));
    const laps = row?.row.laps;
    if (laps === undefined || winnerLaps === 0) return 'laps completed unknown';
    if (compare(fraction(laps, winnerLaps), condition.minLapsShare) < 0) {
      return `completed less than ${formatDisplay(multiply(condition.minLapsShare, fraction(100)))}% of the laps`;
    }
  }
  return undefined;
}

/** Describes conditions in words ("for a classified finisher in the top 10"). */
export function describeCondition(condition: Condition | undefined): string {
  if (!condition) return '';
  const parts: string[] = [];
  if (condition.classified) parts.push('classified');
  if (condition.topN !== undefined) parts.push(`in the top ${condition.topN}`);
  if (condition.minLapsShare !== undefined) {
    parts.push(
      `having completed ${formatDisplay(multiply(condition.minLapsShare, fraction(100)))}% of the winner's laps`,
    );
  }
  return parts.length ? ` (only if ${parts.join(', ')})` : '';
}
