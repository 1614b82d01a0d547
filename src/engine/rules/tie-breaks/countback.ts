import type { TieBreakRule } from '../../rulebook.js';
import type { TieBreakModule, TieBreakRecord } from '../types.js';

type Countback = Extract<TieBreakRule, { kind: 'countback' }>;

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

const countPlaces = (r: TieBreakRecord, upTo: number) => {
  const counts = new Array<number>(upTo + 1).fill(0);
  for (const p of r.positions) if (p.position !== undefined && p.position <= upTo) counts[p.position]! += 1;
  return counts;
};

/** Most wins, then most second places, and so on; over every place or only the scoring places. */
export const countback: TieBreakModule<Countback> = {
  describe: (rule) =>
    `ties are broken by countback: most wins, then most 2nd places, ... (${rule.places === 'all' ? 'all places' : 'scoring places only'})`,
  validate: () => [],
  compare: (rule, a, b) => {
    const deepest = Math.max(0, ...[...a.positions, ...b.positions].map((p) => p.position ?? 0));
    const upTo = rule.places === 'all' ? deepest : Math.min(a.scoringPlaces, deepest);
    const ca = countPlaces(a, upTo);
    const cb = countPlaces(b, upTo);
    for (let place = 1; place <= upTo; place++) {
      if (ca[place] !== cb[place]) {
        return {
          order: cb[place]! - ca[place]!,
          detail: `countback: ${ca[place]} × ${ordinal(place)} place against ${cb[place]}`,
        };
      }
    }
    return {
      order: 0,
      detail: `countback: equal over ${rule.places === 'all' ? 'all' : 'the scoring'} places`,
    };
  },
};
