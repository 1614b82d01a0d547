/**
 * Drop rules over each competitor's race results. A unit is one session's droppable points (race
 * results, plus bonuses where the rule includes them); a race not started is a zero unit, and when
 * it is the one dropped, a zero contribution records that.
 */
import { add, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { DropRule } from './rulebook.js';
import { STARTED_STATUSES } from './season.js';
import type { Session } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { Draft } from './ledger.js';
import type { Book } from './ledger.js';
import { dropModule } from './rules/registry.js';
import type { DropContext, DropUnit, SessionRound } from './rules/types.js';

/**
 * What drop rules know of the season: every session of the championship's scope (held or not) in
 * calendar order, the final round's sessions, and each session's round.
 */
export function dropContextOf(index: SeasonIndex, seasonSessions: readonly Session[]): DropContext {
  const finalRound = Math.max(...seasonSessions.map((s) => index.getEvent(s.eventId).round));
  const races = new Map<string, number>();
  for (const s of seasonSessions)
    if (s.race !== undefined) races.set(s.eventId, (races.get(s.eventId) ?? 0) + 1);
  const rounds = new Map<string, SessionRound>();
  for (const s of seasonSessions) {
    const event = index.getEvent(s.eventId);
    rounds.set(s.id, {
      eventId: event.id,
      round: event.round,
      tags: event.tags,
      races: races.get(event.id) ?? 0,
    });
  }
  return {
    seasonSessionIds: seasonSessions.map((s) => s.id),
    finalEventSessionIds: new Set(
      seasonSessions.filter((s) => index.getEvent(s.eventId).round === finalRound).map((s) => s.id),
    ),
    rounds,
  };
}

export function applyDrops(
  book: Book,
  rules: readonly DropRule[],
  sessions: readonly { session: Session; order: number }[],
  ctx: DropContext,
): void {
  const cellOf = new Map(book.cells.map((c) => [c.sessionId, c]));
  const droppedSessions = new Set<string>();
  for (const rule of rules) {
    const droppable = (d: Draft) =>
      d.counted && (d.kind === 'result' || (rule.includeBonuses === true && d.kind === 'bonus'));
    const unitPoints = new Map<string | undefined, Fraction>();
    for (const d of book.contributions)
      if (droppable(d)) unitPoints.set(d.sessionId, add(unitPoints.get(d.sessionId) ?? ZERO, d.points));
    const units: DropUnit[] = sessions.map(({ session, order }) => {
      const cell = cellOf.get(session.id);
      return {
        sessionId: session.id,
        order,
        race: session.race,
        points: unitPoints.get(session.id) ?? ZERO,
        started: cell !== undefined && STARTED_STATUSES.has(cell.status),
      };
    });
    const dropped = dropModule(rule).drop(rule, units, ctx);
    if (dropped.size === 0) continue;
    // One sweep discounts every dropped session's contributions.
    const existing = book.contributions.length;
    const hit = new Set<string>();
    for (let i = 0; i < existing; i++) {
      const d = book.contributions[i]!;
      const reason = d.sessionId === undefined ? undefined : dropped.get(d.sessionId);
      if (reason === undefined || !droppable(d)) continue;
      d.discount(reason);
      hit.add(d.sessionId!);
    }
    for (const [sessionId, reason] of dropped) {
      droppedSessions.add(sessionId);
      if (hit.has(sessionId)) continue;
      // A race not started counts as a zero result; record that it was the one dropped.
      const session = sessions.find((s) => s.session.id === sessionId)!.session;
      const describe = () => `${session.name}: not started, a zero result`;
      book.contributions.push(
        new Draft(
          sessionId,
          session.eventId,
          session.race,
          'result',
          `drop:${rule.kind}`,
          describe,
          ZERO,
          false,
          reason,
          undefined,
        ),
      );
    }
  }
  book.cells.forEach((c, i) => {
    if (droppedSessions.has(c.sessionId)) book.cells[i] = { ...c, dropped: true };
  });
}
