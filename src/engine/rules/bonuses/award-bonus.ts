/**
 * Shared behaviour of the bonuses that come from awards in the season data (pole, fastest lap):
 * several holders of one award are a tie, given by the rule's `tie` (shared exactly by default).
 */
import { formatDisplay } from '../../fraction.js';
import type { AwardKind } from '../../season.js';
import type { BonusRule } from '../../rulebook.js';
import { issue } from '../../issues.js';
import type { BonusGrant, BonusModule, SessionContext } from '../types.js';
import { describeCondition, unmetCondition } from './conditions.js';
import { describeTie, resolveTie } from './ties.js';

type AwardBonus = Extract<BonusRule, { kind: 'pole' | 'fastest-lap' }>;

export function awardBonus<R extends AwardBonus>(award: AwardKind, label: string): BonusModule<R> {
  return {
    describe: (rule) =>
      `${formatDisplay(rule.points)} point${rule.points.num === rule.points.den ? '' : 's'} for ${label}` +
      `${rule.scope === 'class' ? ' in each class' : ' overall'}${rule.firstRaceOfEvent ? ' (first race of each event only)' : ''}` +
      `${describeCondition(rule.requires)}${describeTie(rule.tie)}`,
    validate: (rule, path) =>
      rule.points.num < 0n
        ? [issue('rule.negative-points', [...path, 'points'], `${label} bonus points must not be negative`)]
        : [],
    grant: (rule, ctx: SessionContext): readonly BonusGrant[] => {
      const holders = ctx.awards.filter((a) => a.award === award);
      const groups = new Map<string, typeof holders>();
      for (const a of holders) {
        if (rule.scope === 'overall' ? a.scope !== 'overall' : a.scope === 'overall') continue;
        groups.set(a.scope, [...(groups.get(a.scope) ?? []), a]);
      }
      const rowOf = (entryId: string) => ctx.rows.find((r) => r.entry.id === entryId);
      const grants: BonusGrant[] = [];
      for (const [scope, group] of groups) {
        const tie = resolveTie(rule.tie, rule.points, group, (a) => rowOf(a.entryId)?.row.position);
        for (const a of tie.winners) {
          const row = rowOf(a.entryId);
          if (!row?.eligible) continue;
          if (rule.scope === 'class' && row.entry.classId !== scope) continue;
          if (unmetCondition(rule.requires, row, ctx) !== undefined) continue;
          grants.push({
            entryId: a.entryId,
            ...(a.driverId === undefined ? {} : { driverId: a.driverId }),
            points: tie.each,
            description: `${label}${scope === 'overall' ? '' : ` in class ${scope}`}${tie.note}`,
          });
        }
      }
      return grants;
    },
  };
}
