import { formatDisplay } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { BonusRule } from '../../rulebook.js';
import type { BonusModule } from '../types.js';
import { describeCondition, unmetCondition } from './conditions.js';

type LapLed = Extract<BonusRule, { kind: 'lap-led' }>;

/** Points for leading at least one lap (NASCAR 1975-2003: 5; IndyCar: 1), from `laps_led` in the results. */
export const lapLed: BonusModule<LapLed> = {
  describe: (rule) =>
    `${formatDisplay(rule.points)} for leading at least one lap${describeCondition(rule.requires)}`,
  validate: (rule, path) =>
    rule.points.num < 0n
      ? [issue('rule.negative-points', [...path, 'points'], 'lap-led bonus points must not be negative')]
      : [],
  grant: (rule, ctx) =>
    ctx.rows
      .filter(
        (r) => r.eligible && (r.row.lapsLed ?? 0) > 0 && unmetCondition(rule.requires, r, ctx) === undefined,
      )
      .map((r) => ({ entryId: r.entry.id, points: rule.points, description: `led ${r.row.lapsLed} lap(s)` })),
};
