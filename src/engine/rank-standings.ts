/**
 * Ranking: points first, then the rulebook's tie-breaks in order; competitors still equal share a
 * position. Each row records the step that placed it above the next one, so a tie is never silent.
 * The sort compares without building text; the words are made once per adjacent pair.
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

/** Negative when a ranks above b, zero when nothing separates them. */
function order(
  a: Omit<Tally, 'contributions' | 'cells'>,
  b: Omit<Tally, 'contributions' | 'cells'>,
  tieBreaks: readonly TieBreakRule[],
): number {
  const byPoints = compare(b.points, a.points);
  if (byPoints !== 0) return byPoints;
  for (const rule of tieBreaks) {
    const o = tieBreakModule(rule).order(rule, a.record, b.record);
    if (o !== 0) return o;
  }
  return 0;
}

/** The step that separates a (above) from b (below), in words. */
export function stepBetween(
  a: Omit<Tally, 'contributions' | 'cells'>,
  b: Omit<Tally, 'contributions' | 'cells'>,
  tieBreaks: readonly TieBreakRule[],
): TieBreakStep {
  if (compare(a.points, b.points) !== 0) {
    return { rule: 'points', detail: `${formatDisplay(a.points)} points against ${formatDisplay(b.points)}` };
  }
  for (const rule of tieBreaks) {
    const { order: o, detail } = tieBreakModule(rule).compare(rule, a.record, b.record);
    if (o !== 0)
      return {
        rule: `tie-break:${rule.kind}`,
        detail: `equal on ${formatDisplay(a.points)} points; ${detail}`,
      };
  }
  return {
    rule: 'shared',
    detail: `equal on ${formatDisplay(a.points)} points and every tie-break: position shared`,
  };
}

/** Tallies in table order, each with its position and whether the position is shared. */
export interface Ranked<T> {
  readonly tally: T;
  readonly position: number;
  readonly shared: boolean;
}

/** Tables of up to this many tallies are sorted by insertion (`rankTallies`). */
const INSERTION_MAX = 64;

/** Sorts tallies into table order: points, the tie-breaks, then name and id so the order is total. */
export function rankTallies<T extends Omit<Tally, 'contributions' | 'cells'>>(
  tallies: readonly T[],
  tieBreaks: readonly TieBreakRule[],
): Ranked<T>[] {
  const before = (a: T, b: T) =>
    order(a, b, tieBreaks) ||
    a.competitor.name.localeCompare(b.competitor.name) ||
    a.competitor.id.localeCompare(b.competitor.id);
  const sorted = tallies.slice();
  if (sorted.length > INSERTION_MAX) sorted.sort(before);
  else
    // A table's tallies often come in points order already (the bulk path sorts them by whole
    // points first): an insertion sort then compares each with its neighbour only, where the sort
    // call's binary insertion compares about log2(n) times as often. The same order: `before` is
    // total, and an insertion that moves only past a later tally is stable.
    for (let i = 1; i < sorted.length; i++) {
      const t = sorted[i]!;
      let j = i - 1;
      for (; j >= 0 && before(sorted[j]!, t) > 0; j--) sorted[j + 1] = sorted[j]!;
      sorted[j + 1] = t;
    }
  const tiedWithNext = sorted.map(
    (t, i) => i + 1 < sorted.length && order(t, sorted[i + 1]!, tieBreaks) === 0,
  );
  let position = 0;
  return sorted.map((tally, i) => {
    const tiedWithPrev = i > 0 && tiedWithNext[i - 1]!;
    if (!tiedWithPrev) position = i + 1;
    return { tally, position, shared: tiedWithPrev || tiedWithNext[i]! };
  });
}

/** Sorts tallies into standing rows with positions, shared positions and the tie-break trail. */
export function rankStandings(tallies: readonly Tally[], tieBreaks: readonly TieBreakRule[]): StandingRow[] {
  const ranked = rankTallies(tallies, tieBreaks);
  return ranked.map(({ tally: t, position, shared }, i) => {
    const next = ranked[i + 1]?.tally;
    return {
      position,
      shared,
      competitor: t.competitor,
      points: t.points,
      contributions: t.contributions,
      cells: t.cells,
      ...(next === undefined ? {} : { aboveNext: stepBetween(t, next, tieBreaks) }),
    };
  });
}
