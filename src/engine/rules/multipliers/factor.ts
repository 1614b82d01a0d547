import { formatDisplay } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { MultiplierRule } from '../../rulebook.js';
import type { MultiplierModule } from '../types.js';

type Factor = Extract<MultiplierRule, { kind: 'factor' }>;

/** A fixed factor for chosen sessions: double points at the 2014 F1 finale or the Indianapolis 500. */
export const factor: MultiplierModule<Factor> = {
  describe: (rule) => {
    const where = [
      ...(rule.eventTags?.length ? [`events tagged ${rule.eventTags.join(' or ')}`] : []),
      ...(rule.sessions?.length ? [`sessions ${rule.sessions.join(', ')}`] : []),
    ];
    return `points multiplied by ${formatDisplay(rule.factor)} at ${where.join(' and ') || 'every session'}`;
  },
  validate: (rule, path) =>
    rule.factor.num < 0n
      ? [issue('rule.negative-factor', [...path, 'factor'], 'a multiplier must not be negative')]
      : [],
  includesBonuses: (rule) => rule.includeBonuses ?? false,
  factor: (rule, ctx) => {
    const byTag = rule.eventTags?.some((t) => ctx.event.tags.includes(t)) ?? false;
    const bySession = rule.sessions?.includes(ctx.session.id) ?? false;
    const everywhere = !rule.eventTags?.length && !rule.sessions?.length;
    if (!byTag && !bySession && !everywhere) return undefined;
    return { factor: rule.factor, description: `factor ${formatDisplay(rule.factor)} for this session` };
  },
};
