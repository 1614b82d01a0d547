import type { TieBreakRule } from '../../rulebook.js';
import type { TieBreakModule } from '../types.js';

type ScoredFirst = Extract<TieBreakRule, { kind: 'scored-first' }>;

/**
 * Who scored points first in the season ranks higher (F1 in some 1990s seasons, for drivers still
 * level after countback); a competitor who never scored ranks below one who did.
 */
export const scoredFirst: TieBreakModule<ScoredFirst> = {
  describe: () => 'ties are broken by who scored points first in the season',
  validate: () => [],
  compare: (rule, a, b) => {
    const order = scoredFirst.order(rule, a, b);
    if (order === 0) return { order, detail: 'scored first: in the same session' };
    const first = order < 0 ? a.firstScored! : b.firstScored!;
    const when = first.race === undefined ? 'earlier' : `in race ${first.race}`;
    return { order, detail: `scored first: ${when}` };
  },
  order: (_rule, a, b) => {
    const oa = a.firstScored?.order ?? Infinity;
    const ob = b.firstScored?.order ?? Infinity;
    return oa === ob ? 0 : oa < ob ? -1 : 1;
  },
};
