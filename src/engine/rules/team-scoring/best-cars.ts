import { compare } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { TeamScoringRule } from '../../rulebook.js';
import type { CarResult, TeamScoringModule } from '../types.js';

type BestCars = Extract<TeamScoringRule, { kind: 'best-cars' }>;

/** Only the team's best N cars in each session score (F1 constructors 1958-1978: the best-placed car). */
export const bestCars: TeamScoringModule<BestCars> = {
  describe: (rule) =>
    `only the team's best ${rule.count === 1 ? 'placed car scores' : `${rule.count} cars score`} in each session`,
  validate: (rule, path) =>
    Number.isInteger(rule.count) && rule.count >= 1
      ? []
      : [issue('rule.bad-count', [...path, 'count'], 'count must be at least 1')],
  exclude: (rule, cars) => outsideBest(cars, rule.count, bestCarsReason(rule.count)),
  byRound: false,
  excludeInRound: () => new Map(),
};

/** Why a car outside a team's best `count` in a session does not count (also the bulk path's words). */
export const bestCarsReason = (count: number): string => `not among the team's best ${count} car(s)`;

/** The cars outside the best `count` (most points, then best position, then entry id), with `reason`. */
export function outsideBest(cars: readonly CarResult[], count: number, reason: string): Map<string, string> {
  const ranked = [...cars].sort(
    (a, b) =>
      compare(b.points, a.points) ||
      (a.position ?? Infinity) - (b.position ?? Infinity) ||
      a.entryId.localeCompare(b.entryId),
  );
  return new Map(ranked.slice(count).map((c) => [c.entryId, reason]));
}
