import type { TieBreakRule } from '../../rulebook.js';
import type { TieBreakModule, TieBreakPlace, TieBreakRecord } from '../types.js';
import { bestPlaces } from '../types.js';

type Countback = Extract<TieBreakRule, { kind: 'countback' }>;

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** How many times each place was taken: index 1 is wins ... (0 unused). */
const countPlaces = (places: readonly TieBreakPlace[]) => {
  let deepest = 0;
  for (const p of places) deepest = Math.max(deepest, p.position ?? 0);
  // Pushed, not `new Array(n).fill(0)`: a packed array, made several times faster.
  const counts: number[] = [];
  for (let i = 0; i <= deepest; i++) counts.push(0);
  for (const p of places) if (p.position !== undefined) counts[p.position]! += 1;
  return counts;
};

// Counts are made once per competitor's places (and cars rule), not at every comparison of a sort.
// A Map emptied past a bound, not a WeakMap: adding to a WeakMap costs several times more (the
// after-race tables make a record per tied competitor per table), and a sort compares a few dozen
// records at most. Nothing observable: the counts of a places array never change.
const MAX_COUNTED = 512;
const counted = { best: new Map<object, number[]>(), all: new Map<object, number[]>() };
const countsOf = (positions: readonly TieBreakPlace[], cars: 'best' | 'all') => {
  const cache = counted[cars];
  let counts = cache.get(positions);
  if (!counts) {
    if (cache.size >= MAX_COUNTED) cache.clear();
    cache.set(positions, (counts = countPlaces(cars === 'all' ? positions : bestPlaces(positions))));
  }
  return counts;
};

/**
 * Most wins, then most second places, and so on; over every place or only the scoring places, and
 * for a team over its best car in each race or over every car (F1 constructors from 1979).
 */
export const countback: TieBreakModule<Countback> = {
  describe: (rule) =>
    `ties are broken by countback: most wins, then most 2nd places, ... (${rule.places === 'all' ? 'all places' : 'scoring places only'}` +
    `${rule.cars === 'all' ? ", every car's places" : ''})`,
  validate: () => [],
  compare: (rule, a, b) => {
    const at = firstDifference(rule, a, b);
    if (at === undefined)
      return {
        order: 0,
        detail: `countback: equal over ${rule.places === 'all' ? 'all' : 'the scoring'} places`,
      };
    const [place, na, nb] = at;
    return { order: nb - na, detail: `countback: ${na} × ${ordinal(place)} place against ${nb}` };
  },
  order: (rule, a, b) => {
    const at = firstDifference(rule, a, b);
    return at === undefined ? 0 : at[2] - at[1];
  },
};

/** The first place (from wins down) at which a and b differ in count: [place, a's, b's], or undefined. */
function firstDifference(
  rule: Countback,
  a: TieBreakRecord,
  b: TieBreakRecord,
): [place: number, na: number, nb: number] | undefined {
  const ca = countsOf(a.positions, rule.cars ?? 'best');
  const cb = countsOf(b.positions, rule.cars ?? 'best');
  const deepest = Math.max(ca.length, cb.length) - 1;
  const upTo = rule.places === 'all' ? deepest : Math.min(a.scoringPlaces, deepest);
  for (let place = 1; place <= upTo; place++) {
    const na = ca[place] ?? 0;
    const nb = cb[place] ?? 0;
    if (na !== nb) return [place, na, nb];
  }
  return undefined;
}
