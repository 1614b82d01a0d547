import { issue } from '../../issues.js';
import type { TeamScoringRule } from '../../rulebook.js';
import type { TeamScoringModule } from '../types.js';
import { outsideBest } from './best-cars.js';

type BestCarsPerRound = Extract<TeamScoringRule, { kind: 'best-cars-per-round' }>;

/**
 * Only the team's best N cars over a whole round score: each car's points at every session of the
 * event together, so a car may count in one race of a double-header and not in the other only if
 * it is among the best N over the weekend (FIA World Rally-Raid Championship manufacturers: best
 * two crews of up to three at each event). Equal round totals go to the better best position.
 */
export const bestCarsPerRound: TeamScoringModule<BestCarsPerRound> = {
  describe: (rule) =>
    `only the team's best ${rule.count === 1 ? 'car scores' : `${rule.count} cars score`} over each round` +
    ' (a car\u2019s points at every session of the event added up)',
  validate: (rule, path) =>
    Number.isInteger(rule.count) && rule.count >= 1
      ? []
      : [issue('rule.bad-count', [...path, 'count'], 'count must be at least 1')],
  exclude: () => new Map(),
  byRound: true,
  excludeInRound: (rule, cars) =>
    outsideBest(cars, rule.count, `not among the team's best ${rule.count} car(s) over the round`),
};
