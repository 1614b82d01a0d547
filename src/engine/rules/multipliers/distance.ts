import { compare, formatDisplay, fraction, multiply } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { MultiplierRule } from '../../rulebook.js';
import type { MultiplierModule, SessionContext } from '../types.js';

type Distance = Extract<MultiplierRule, { kind: 'distance' }>;

/** The share of the scheduled distance run: stated in the data, else the winner's laps over the scheduled laps. */
export function distanceShare(ctx: SessionContext) {
  if (ctx.session.distanceShare) return ctx.session.distanceShare;
  const scheduled = ctx.session.scheduledLaps;
  if (!scheduled) return undefined;
  const laps = Math.max(
    0,
    ...ctx.rows.filter((r) => r.row.status === 'classified').map((r) => r.row.laps ?? 0),
  );
  return laps > 0 ? fraction(laps, scheduled) : undefined;
}

const percent = (f: Parameters<typeof formatDisplay>[0]) => `${formatDisplay(multiply(f, fraction(100)))}%`;

/** Reduced points when a race was stopped short (F1: half points below 60%, later 75%, of the distance). */
export const distance: MultiplierModule<Distance> = {
  describe: (rule) =>
    `points multiplied by ${formatDisplay(rule.factor)} when less than ${percent(rule.below)} of the scheduled distance was run`,
  validate: (rule, path) =>
    rule.factor.num < 0n
      ? [issue('rule.negative-factor', [...path, 'factor'], 'a multiplier must not be negative')]
      : [],
  includesBonuses: (rule) => rule.includeBonuses ?? false,
  factor: (rule, ctx) => {
    const share = distanceShare(ctx);
    if (!share || compare(share, rule.below) >= 0) return undefined;
    return {
      factor: rule.factor,
      description: `${percent(share)} of the distance run (under ${percent(rule.below)})`,
    };
  },
};
