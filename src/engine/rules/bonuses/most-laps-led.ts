import { formatDisplay } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { BonusRule } from '../../rulebook.js';
import type { BonusModule } from '../types.js';
import { describeCondition, unmetCondition } from './conditions.js';
import { describeTie, resolveTie } from './ties.js';

type MostLapsLed = Extract<BonusRule, { kind: 'most-laps-led' }>;

/** Points for leading the most laps (NASCAR: 5 more; IndyCar: 2); equal leaders tie per the rule. */
export const mostLapsLed: BonusModule<MostLapsLed> = {
  describe: (rule) =>
    `${formatDisplay(rule.points)} for leading the most laps${describeCondition(rule.requires)}${describeTie(rule.tie)}`,
  validate: (rule, path) =>
    rule.points.num < 0n
      ? [
          issue(
            'rule.negative-points',
            [...path, 'points'],
            'most-laps-led bonus points must not be negative',
          ),
        ]
      : [],
  grant: (rule, ctx) => {
    const most = Math.max(0, ...ctx.rows.map((r) => r.row.lapsLed ?? 0));
    if (most === 0) return [];
    const leaders = ctx.rows.filter((r) => (r.row.lapsLed ?? 0) === most);
    const tie = resolveTie(rule.tie, rule.points, leaders, (r) => r.row.position);
    return tie.winners
      .filter((r) => r.eligible && unmetCondition(rule.requires, r, ctx) === undefined)
      .map((r) => ({
        entryId: r.entry.id,
        points: tie.each,
        description: `led the most laps (${most})${tie.note}`,
      }));
  },
};
