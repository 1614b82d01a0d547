import { issue } from '../../issues.js';
import type { DropRule } from '../../rulebook.js';
import type { DropModule } from '../types.js';
import { keepBest } from './select.js';

type BestResults = Extract<DropRule, { kind: 'best-results' }>;

/** Why a result outside the best `count` does not count (also the bulk path's words). */
export const bestResultsReason = (count: number): string => `outside the best ${count} results`;

/** Only the best N results count (F1 1988: best 11 of 16). */
export const bestResults: DropModule<BestResults> = {
  describe: (rule) =>
    `only the best ${rule.count} results count${rule.includeBonuses ? ' (bonus points go with their race)' : ''}` +
    `${rule.applies === 'final' ? ', applied to the final standings only' : ''}`,
  validate: (rule, path) =>
    Number.isInteger(rule.count) && rule.count >= 0
      ? []
      : [issue('rule.bad-count', [...path, 'count'], 'count must be a whole number of results')],
  // Nothing to drop until there are more results than count (no words made for nothing).
  drop: (rule, units) =>
    units.length <= rule.count ? new Map() : keepBest(units, rule.count, bestResultsReason(rule.count)),
};
