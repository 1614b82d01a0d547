import { issue } from '../../issues.js';
import type { Issue } from '../../issues.js';
import type { DropRule } from '../../rulebook.js';
import type { DropModule } from '../types.js';
import { keepBest } from './select.js';

type SplitSeason = Extract<DropRule, { kind: 'split-season' }>;

/** How many of the season's races form the first part. */
export function firstPartSize(rule: SplitSeason, seasonRaces: number): number {
  if (rule.firstPartRaces !== 'half') return rule.firstPartRaces;
  return rule.oddRace === 'first-part' ? Math.ceil(seasonRaces / 2) : Math.floor(seasonRaces / 2);
}

/** Best X of the first part of the season plus best Y of the rest (F1 1967-1980). */
export const splitSeason: DropModule<SplitSeason> = {
  describe: (rule) =>
    `best ${rule.firstPartBest} results of the first ${rule.firstPartRaces === 'half' ? 'half of the races' : `${rule.firstPartRaces} races`}` +
    `${rule.firstPartRaces === 'half' ? ` (an odd race goes to the ${rule.oddRace === 'first-part' ? 'first' : 'second'} part)` : ''}` +
    ` plus best ${rule.secondPartBest} of the rest`,
  validate: (rule, path) => {
    const out: Issue[] = [];
    for (const key of ['firstPartBest', 'secondPartBest'] as const) {
      if (!Number.isInteger(rule[key]) || rule[key] < 0)
        out.push(issue('rule.bad-count', [...path, key], `${key} must be a whole number`));
    }
    return out;
  },
  drop: (rule, units, ctx) => {
    const size = firstPartSize(rule, ctx.seasonSessionIds.length);
    const first = new Set(ctx.seasonSessionIds.slice(0, size));
    return new Map([
      ...keepBest(
        units.filter((u) => first.has(u.sessionId)),
        rule.firstPartBest,
        `outside the best ${rule.firstPartBest} of the first part`,
      ),
      ...keepBest(
        units.filter((u) => !first.has(u.sessionId)),
        rule.secondPartBest,
        `outside the best ${rule.secondPartBest} of the second part`,
      ),
    ]);
  },
};
