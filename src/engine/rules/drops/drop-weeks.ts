import { compare, sum } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { DropRule } from '../../rulebook.js';
import type { DropModule, DropUnit } from '../types.js';

type DropWeeks = Extract<DropRule, { kind: 'drop-weeks' }>;

/**
 * Splits a competitor's units into weeks: each race (a session with a race number) together with
 * the unnumbered sessions (qualifying) run since the previous race. Unnumbered sessions after the
 * last race form a week of their own.
 */
export function weeksOf(units: readonly DropUnit[]): DropUnit[][] {
  const weeks: DropUnit[][] = [];
  let current: DropUnit[] = [];
  for (const u of [...units].sort((a, b) => a.order - b.order)) {
    current.push(u);
    if (u.race !== undefined) {
      weeks.push(current);
      current = [];
    }
  }
  if (current.length) weeks.push(current);
  return weeks;
}

/**
 * Drop weeks (sim-racing leagues): the lowest N weeks are dropped whole, qualifying points with
 * their race. A week not raced is a zero and goes first among equals, then the later week.
 */
export const dropWeeks: DropModule<DropWeeks> = {
  describe: (rule) =>
    `the lowest ${rule.count} weeks are dropped, a week being a race with the qualifying before it` +
    ` (a week not raced counts as zero)${rule.includeBonuses ? '' : '; bonus points are retained'}` +
    `${rule.applies === 'final' ? '; applied to the final standings only' : ''}`,
  validate: (rule, path) =>
    Number.isInteger(rule.count) && rule.count >= 0
      ? []
      : [issue('rule.bad-count', [...path, 'count'], 'count must be a whole number of weeks')],
  drop: (rule, units) => {
    const weeks = weeksOf(units).map((w) => ({
      units: w,
      points: sum(w.map((u) => u.points)),
      started: w.some((u) => u.started),
      order: w.at(-1)!.order,
    }));
    const lowest = weeks
      .sort(
        (a, b) => compare(a.points, b.points) || Number(a.started) - Number(b.started) || b.order - a.order,
      )
      .slice(0, rule.count);
    const reason = `one of the lowest ${rule.count} weeks (drop week)`;
    return new Map(lowest.flatMap((w) => w.units.map((u) => [u.sessionId, reason] as const)));
  },
};
