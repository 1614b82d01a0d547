import { divide as divideBy, formatDisplay } from '../../fraction.js';
import type { SharedDriveRule } from '../../rulebook.js';
import type { SharedDriveModule } from '../types.js';

type Divide = Extract<SharedDriveRule, { kind: 'divide' }>;

/** A shared car's points are divided equally between its drivers (F1 1950-1957). */
export const divide: SharedDriveModule<Divide> = {
  describe: (rule) =>
    `a shared car's points are divided equally between its drivers${rule.bestShareOnly ? '; a driver of several cars in one race keeps only the best share' : ''}`,
  validate: () => [],
  bestShareOnly: (rule) => rule.bestShareOnly ?? false,
  share: (_rule, points, drivers) => ({
    points: divideBy(points, drivers),
    counted: true,
    description: drivers > 1 ? `shared car: 1/${drivers} of ${formatDisplay(points)}` : '',
    reason: undefined,
  }),
};
