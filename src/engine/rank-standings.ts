/**
 * Ranking: points first, then the rulebook's tie-breaks in order; competitors still equal share a
 * position. Each row records the step that placed it above the next one, so a tie is never silent.
 */
import { compare, formatDisplay } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { TieBreakRule } from './rulebook.js';
import { tieBreakModule } from './rules/registry.js';
import type { TieBreakRecord } from './rules/types.js';
import type { Competitor, Contribution, SessionCell, StandingRow, TieBreakStep } from './standings.js';

export interface Tally {
  readonly competitor: Competitor;
  readonly points: Fraction;
  readonly contributions: readonly Contribution[];
  readonly cells: readonly SessionCell[];
  readonly record: TieBreakRecord;
}

/** How a ranks against b: the deciding step, with order < 0 when a is ahead. */
function decide(
  a: Tally,
  b: Tally,
  tieBreaks: readonly TieBreakRule[],
): { order: number; step: TieBreakStep } {
  const byPoints = compare(b.points, a.points);
  if (byPoints !== 0) {
    return {
      order: byPoints,
      step: {
        rule: 'points',
        detail: `${formatDisplay(a.points)} points against ${formatDisplay(b.points)}`,
      },
    };
  }
  for (const rule of tieBreaks) {
    const { order, detail } = tieBreakModule(rule).compare(rule, a.record, b.record);
    if (order !== 0)
      return {
        order,
        step: {
          rule: `tie-break:${rule.kind}`,
          detail: `equal on ${formatDisplay(a.points)} points; ${detail}`,
        },
      };
  }
  return {
    order: 0,
    step: {
      rule: 'shared',
      detail: `equal on ${formatDisplay(a.points)} points and every tie-break: position shared`,
    },
  };
}

/** Sorts tallies into standing rows with positions, shared positions and the tie-break trail. */
export function rankStandings(tallies: readonly Tally[], tieBreaks: readonly TieBreakRule[]): StandingRow[] {
  const sorted = [...tallies].sort(
    (a, b) =>
      decide(a, b, tieBreaks).order ||
      a.competitor.name.localeCompare(b.competitor.name) ||
      a.competitor.id.localeCompare(b.competitor.id),
  );
  const rows: StandingRow[] = [];
  let position = 0;
  sorted.forEach((t, i) => {
    const prev = sorted[i - 1];
    const tiedWithPrev = prev !== undefined && decide(prev, t, tieBreaks).order === 0;
    if (!tiedWithPrev) position = i + 1;
    const next = sorted[i + 1];
    const tiedWithNext = next !== undefined && decide(t, next, tieBreaks).order === 0;
    rows.push({
      position,
      shared: tiedWithPrev || tiedWithNext,
      competitor: t.competitor,
      points: t.points,
      contributions: t.contributions,
      cells: t.cells,
      ...(next === undefined ? {} : { aboveNext: decide(t, next, tieBreaks).step }),
    });
  });
  return rows;
}
