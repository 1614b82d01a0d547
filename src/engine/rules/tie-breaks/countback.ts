import type { TieBreakRule } from '../../rulebook.js';
import type { TieBreakModule, TieBreakPlace } from '../types.js';
import { bestPlaces } from '../types.js';

type Countback = Extract<TieBreakRule, { kind: 'countback' }>;

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

const countPlaces = (places: readonly TieBreakPlace[], upTo: number) => {
  const counts = new Array<number>(upTo + 1).fill(0);
  for (const p of places) if (p.position !== undefined && p.position <= upTo) counts[p.position]! += 1;
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
    const pa = rule.cars === 'all' ? a.positions : bestPlaces(a.positions);
    const pb = rule.cars === 'all' ? b.positions : bestPlaces(b.positions);
    let deepest = 0;
    for (const p of pa) deepest = Math.max(deepest, p.position ?? 0);
    for (const p of pb) deepest = Math.max(deepest, p.position ?? 0);
    const upTo = rule.places === 'all' ? deepest : Math.min(a.scoringPlaces, deepest);
    const ca = countPlaces(pa, upTo);
    const cb = countPlaces(pb, upTo);
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
