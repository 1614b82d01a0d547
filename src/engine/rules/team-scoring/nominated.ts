import type { TeamScoringRule } from '../../rulebook.js';
import type { TeamScoringModule } from '../types.js';

/** Only entries nominated for the teams' championship score. */
export const nominated: TeamScoringModule<Extract<TeamScoringRule, { kind: 'nominated' }>> = {
  describe: () => 'only the entries nominated by the team score',
  validate: () => [],
  byRound: false,
  excludeInRound: () => new Map(),
  exclude: (_rule, cars) =>
    new Map(
      cars
        .filter((c) => !c.nominated)
        .map((c) => [c.entryId, "entry not nominated for the teams' championship"]),
    ),
};
