/**
 * Shared behaviour of the bonuses that come from awards in the season data (pole, fastest lap):
 * several holders of one award are a tie, given by the rule's `tie` (shared exactly by default).
 */
import { formatDisplay } from '../../fraction.js';
import type { Fraction } from '../../fraction.js';
import type { Award, AwardKind } from '../../season.js';
import type { BonusRule } from '../../rulebook.js';
import { issue } from '../../issues.js';
import type { BonusGrant, BonusModule, ScoredRow, SessionContext } from '../types.js';
import { describeCondition, unmetCondition } from './conditions.js';
import { describeTie, resolveTie } from './ties.js';

type AwardBonus = Extract<BonusRule, { kind: 'pole' | 'fastest-lap' }>;

export function awardBonus<R extends AwardBonus>(award: AwardKind, label: string): BonusModule<R> {
  /** The bonus to a winner of its scope's award, when its row is eligible and meets the conditions. */
  const grantTo = (
    rule: R,
    ctx: SessionContext,
    grants: BonusGrant[],
    a: Award,
    scope: string,
    points: Fraction,
    note: string,
  ): void => {
    const row = rowOf(ctx, a.entryId);
    if (!row?.eligible) return;
    if (rule.scope === 'class' && row.entry.classId !== scope) return;
    if (unmetCondition(rule.requires, row, ctx) !== undefined) return;
    const description = `${label}${scope === 'overall' ? '' : ` in class ${scope}`}${note}`;
    grants.push(
      a.driverId === undefined
        ? { entryId: a.entryId, points, description, scored: row }
        : { entryId: a.entryId, driverId: a.driverId, points, description, scored: row },
    );
  };
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
      // The holders of this award in the rule's scope, grouped by scope in the order first seen. A
      // session usually has one holder per scope: then no groups are made (the hot path of bulk
      // tables), and each holder is a tie of one.
      const holders: Award[] = [];
      let alone = true;
      for (const a of ctx.awards) {
        if (a.award !== award) continue;
        if (rule.scope === 'overall' ? a.scope !== 'overall' : a.scope === 'overall') continue;
        for (let k = 0; k < holders.length && alone; k++) if (holders[k]!.scope === a.scope) alone = false;
        holders.push(a);
      }
      if (holders.length === 0) return NO_GRANTS;
      const grants: BonusGrant[] = [];
      if (alone) {
        for (const a of holders) grantTo(rule, ctx, grants, a, a.scope, rule.points, '');
        return grants;
      }
      const groups = new Map<string, Award[]>();
      for (const a of holders) {
        const group = groups.get(a.scope);
        if (group === undefined) groups.set(a.scope, [a]);
        else group.push(a);
      }
      for (const [scope, group] of groups) {
        const tie = resolveTie(rule.tie, rule.points, group, (a) => rowOf(ctx, a.entryId)?.row.position);
        for (const a of tie.winners) grantTo(rule, ctx, grants, a, scope, tie.each, tie.note);
      }
      return grants;
    },
  };
}

const NO_GRANTS: readonly BonusGrant[] = Object.freeze([]);

/** The session's row of a car (its first), without a closure per lookup. */
function rowOf(ctx: SessionContext, entryId: string): ScoredRow | undefined {
  const rows = ctx.rows;
  for (let j = 0; j < rows.length; j++) if (rows[j]!.entry.id === entryId) return rows[j];
  return undefined;
}
