/** The contenders' conditions in plain words: "Loek Hartog is champion after Race 15 if ...". */
import type { ClinchCondition, ContenderNeeds, Placing, RivalLimit } from './next-race.js';

/** 1st, 2nd, 3rd, 11th, 22nd ... */
export const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

const placing = (p: Placing) => (p === 'out' ? 'outside the points' : ordinal(p));

function range(c: ClinchCondition): string {
  if (c.from === c.to) return c.from === 'out' ? 'outside the points (or retired)' : placing(c.from);
  if (c.from === 1) return c.to === 'out' ? 'any result' : `in the top ${c.to}`;
  if (c.to === 'out') return `${placing(c.from)} or lower (or retired)`;
  return `${placing(c.from)} to ${placing(c.to)}`;
}

function limit(r: RivalLimit): string {
  if (r.limit === 'out') return `${r.competitor.name} outside the points`;
  if (typeof r.limit === 'number') return `${r.competitor.name} no higher than ${ordinal(r.limit)}`;
  return r.limit.behind === 1
    ? `${r.competitor.name} behind`
    : `${r.competitor.name} at least ${r.limit.behind} places behind`;
}

/**
 * One sentence per contender: "Loek Hartog is champion after race 15 with a finish in the top 3;
 * or 4th to 10th with Ryan Yardley behind." The conditions hold whoever takes that race's bonus points.
 */
export function describeNeeds(needs: ContenderNeeds): string {
  const where = needs.session.race !== undefined ? `race ${needs.session.race}` : needs.session.name;
  const who = needs.competitor.name;
  if (needs.conditions.length === 0) return `${who} cannot be champion after ${where}.`;
  const parts = needs.conditions.map((c) => {
    const rivals = c.rivals.map(limit);
    return rivals.length ? `${range(c)} with ${joinAnd(rivals)}` : `${range(c)}`;
  });
  return `${who} is champion after ${where} with a finish ${parts.join('; or ')}.`;
}

const joinAnd = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)!}`;
