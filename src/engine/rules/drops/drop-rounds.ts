import { compare, sum } from '../../fraction.js';
import { issue } from '../../issues.js';
import type { Issue } from '../../issues.js';
import type { DropRule, RoundException } from '../../rulebook.js';
import type { DropContext, DropModule, DropUnit } from '../types.js';

type DropRounds = Extract<DropRule, { kind: 'drop-rounds' }>;

const EXCEPTIONS: Readonly<Record<RoundException, string>> = {
  'final-round': 'the final round',
  'single-race-round': 'a round with a single race',
};

/** A competitor's units grouped by round (event), in calendar order. */
export function roundsOf(units: readonly DropUnit[], ctx: DropContext): DropUnit[][] {
  const byEvent = new Map<string, DropUnit[]>();
  for (const u of [...units].sort((a, b) => a.order - b.order)) {
    const eventId = ctx.rounds.get(u.sessionId)?.eventId ?? u.sessionId;
    const round = byEvent.get(eventId);
    if (round) round.push(u);
    else byEvent.set(eventId, [u]);
  }
  return [...byEvent.values()];
}

/** Whether the rule never drops this round. */
function isKept(rule: DropRounds, round: readonly DropUnit[], ctx: DropContext): boolean {
  const first = round[0]!;
  const info = ctx.rounds.get(first.sessionId);
  if (rule.except?.includes('final-round') && ctx.finalEventSessionIds.has(first.sessionId)) return true;
  if (rule.except?.includes('single-race-round') && info !== undefined && info.races <= 1) return true;
  return info !== undefined && (rule.exceptEventTags ?? []).some((t) => info.tags.includes(t));
}

/**
 * Drop rounds: the lowest N rounds are dropped whole, every scored session of the event together
 * (both races of a double-header). A round not raced is a zero and goes first among equals, then
 * the later round. Rounds the rule excepts are never dropped.
 */
export const dropRounds: DropModule<DropRounds> = {
  describe: (rule) => {
    const except = [
      ...(rule.except ?? []).map((e) => EXCEPTIONS[e]),
      ...(rule.exceptEventTags?.length ? [`a round tagged ${rule.exceptEventTags.join(' or ')}`] : []),
    ];
    return (
      `${rule.count === 1 ? 'the lowest round is' : `the lowest ${rule.count} rounds are`} dropped, all sessions of a round together` +
      ` (a round not raced counts as zero)` +
      `${except.length ? `; never ${except.join(', nor ')}` : ''}` +
      `${rule.includeBonuses ? '' : '; bonus points are retained'}` +
      `${rule.applies === 'final' ? '; applied to the final standings only' : ''}`
    );
  },
  validate: (rule, path) => {
    const out: Issue[] = [];
    if (!Number.isInteger(rule.count) || rule.count < 0)
      out.push(issue('rule.bad-count', [...path, 'count'], 'count must be a whole number of rounds'));
    return out;
  },
  drop: (rule, units, ctx) => {
    const rounds = roundsOf(units, ctx)
      .filter((r) => !isKept(rule, r, ctx))
      .map((r) => ({
        units: r,
        points: sum(r.map((u) => u.points)),
        started: r.some((u) => u.started),
        order: r.at(-1)!.order,
      }));
    const lowest = rounds
      .sort(
        (a, b) => compare(a.points, b.points) || Number(a.started) - Number(b.started) || b.order - a.order,
      )
      .slice(0, rule.count);
    const reason =
      rule.count === 1
        ? 'the lowest round (dropped round)'
        : `one of the lowest ${rule.count} rounds (dropped round)`;
    return new Map(lowest.flatMap((r) => r.units.map((u) => [u.sessionId, reason] as const)));
  },
};
