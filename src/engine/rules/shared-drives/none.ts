import { ZERO } from '../../fraction.js';
import type { SharedDriveRule } from '../../rulebook.js';
import type { SharedDriveModule } from '../types.js';

type None = Extract<SharedDriveRule, { kind: 'none' }>;

/** A car driven by more than one driver scores nothing for them (F1 drivers from 1958). */
export const none: SharedDriveModule<None> = {
  describe: () => "a car shared by more than one driver scores no drivers' points",
  validate: () => [],
  bestShareOnly: (rule) => rule.bestShareOnly ?? false,
  share: (_rule, points, drivers) =>
    drivers > 1
      ? {
          points: ZERO,
          counted: false,
          description: 'shared car',
          reason: "a shared car scores no drivers' points",
        }
      : { points, counted: true, description: '', reason: undefined },
};
