import type { TieBreakRule } from '../../rulebook.js';
import type { TieBreakModule } from '../types.js';

type LatestResult = Extract<TieBreakRule, { kind: 'latest-result' }>;

/** The better result in the latest race decides, then the race before it, and so on. */
export const latestResult: TieBreakModule<LatestResult> = {
  describe: () => 'ties are broken by the better result in the latest race, then the one before, ...',
  validate: () => [],
  compare: (_rule, a, b) => {
    const orders = [...new Set([...a.positions, ...b.positions].map((p) => p.order))].sort((x, y) => y - x);
    for (const order of orders) {
      const pa = a.positions.find((p) => p.order === order);
      const pb = b.positions.find((p) => p.order === order);
      const va = pa?.position ?? Infinity;
      const vb = pb?.position ?? Infinity;
      if (va !== vb) {
        const race = pa?.race ?? pb?.race;
        const show = (v: number) => (v === Infinity ? 'no place' : `P${v}`);
        return {
          order: va < vb ? -1 : 1,
          detail: `latest result: ${show(va)} against ${show(vb)}${race === undefined ? '' : ` in race ${race}`}`,
        };
      }
    }
    return { order: 0, detail: 'latest result: equal in every race' };
  },
};
