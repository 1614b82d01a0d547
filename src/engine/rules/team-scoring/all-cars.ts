import type { TeamScoringRule } from '../../rulebook.js';
import type { TeamScoringModule } from '../types.js';

/** Every car of the team scores. */
export const allCars: TeamScoringModule<Extract<TeamScoringRule, { kind: 'all-cars' }>> = {
  describe: () => 'every car of the team scores',
  validate: () => [],
  byRound: false,
  excludeInRound: () => new Map(),
  exclude: () => new Map(),
};
