import type { TieBreakRule } from '../../rulebook.js';
import type { TieBreakModule } from '../types.js';
import { bestPlaces } from '../types.js';

type LatestResult = Extract<TieBreakRule, { kind: 'latest-result' }>;

/** The better result in the latest race decides, then the race before it, and so on (a team's best car). */
export const latestResult: TieBreakModule<LatestResult> = {
  describe: () => 'ties are broken by the better result in the latest race, then the one before, ...',
  validate: () => [],
  compare: (_rule, a, b) => {
    const pa = bestPlaces(a.positions);
    const pb = bestPlaces(b.positions);
    const orders = [...new Set([...pa, ...pb].map((p) => p.order))].sort((x, y) => y - x);
    for (const order of orders) {
      const ra = pa.find((p) => p.order === order);
      const rb = pb.find((p) => p.order === order);
      const va = ra?.position ?? Infinity;
      const vb = rb?.position ?? Infinity;
      if (va !== vb) {
        const race = ra?.race ?? rb?.race;
        const show = (v: number) => (v === Infinity ? 'no place' : `P${v}`);
        return {
          order: va < vb ? -1 : 1,
          detail: `latest result: ${show(va)} against ${show(vb)}${race === undefined ? '' : ` in race ${race}`}`,
        };
      }
    }
    return { order: 0, detail: 'latest result: equal in every race' };
  },
  // Rare in bulk ranking: the order is read from compare (its words are a few strings).
  order: (rule, a, b) => latestResult.compare(rule, a, b).order,
};
