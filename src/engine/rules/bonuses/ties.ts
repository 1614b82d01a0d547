/**
 * A bonus held by several competitors at once (a fastest lap set to the same thousandth, equal laps
 * led): who gets what, per the rule's `tie`. Shared exactly by default.
 */
import { divide } from '../../fraction.js';
import type { Fraction } from '../../fraction.js';
import type { BonusTie } from '../../rulebook.js';

export interface TieOutcome<T> {
  /** The holders who receive the bonus. */
  readonly winners: readonly T[];
  /** What each of them receives. */
  readonly each: Fraction;
  /** In words, empty when there was no tie: " (shared 7 ways)". */
  readonly note: string;
}

/**
 * Gives `points` among tied `holders`: 'share' divides them exactly, 'full' gives each the whole
 * bonus, 'better-finisher' gives it to the holder with the best `finish` (lower is better; no
 * finish ranks last), shared if they finished level too.
 */
export function resolveTie<T>(
  tie: BonusTie | undefined,
  points: Fraction,
  holders: readonly T[],
  finish: (holder: T) => number | undefined,
): TieOutcome<T> {
  const n = holders.length;
  if (n <= 1) return { winners: holders, each: points, note: '' };
  switch (tie ?? 'share') {
    case 'share':
      return { winners: holders, each: divide(points, n), note: ` (shared ${n} ways)` };
    case 'full':
      return { winners: holders, each: points, note: ` (tied ${n} ways, the full bonus to each)` };
    case 'better-finisher': {
      let best = Infinity;
      for (const h of holders) best = Math.min(best, finish(h) ?? Infinity);
      const winners = holders.filter((h) => (finish(h) ?? Infinity) === best);
      const shared = winners.length > 1 ? `, shared ${winners.length} ways` : '';
      return {
        winners,
        each: divide(points, winners.length),
        note: ` (tied ${n} ways, to the better finisher${shared})`,
      };
    }
  }
}

/** Words for a rule's tie, for `describe`. */
export const describeTie = (tie: BonusTie | undefined): string =>
  ({
    share: ', shared equally on a tie',
    full: ', the full bonus to each on a tie',
    'better-finisher': ', to the better finisher on a tie',
  })[tie ?? 'share'];
