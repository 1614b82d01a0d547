import type { SharedDriveRule } from '../../rulebook.js';
import type { SharedDriveModule } from '../types.js';

type Full = Extract<SharedDriveRule, { kind: 'full' }>;

/** Every driver of a car gets the car's full points (endurance racing, single-driver series). */
export const full: SharedDriveModule<Full> = {
  describe: (rule) =>
    `every driver of a car scores the car's full points${rule.bestShareOnly ? '; a driver of several cars in one race keeps only the best' : ''}`,
  validate: () => [],
  bestShareOnly: (rule) => rule.bestShareOnly ?? false,
  share: (_rule, points, drivers) => ({
    points,
    counted: true,
    description: drivers > 1 ? 'shared car: full points to each driver' : '',
    reason: undefined,
  }),
};
