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
import { Draft, FixedWords } from './ledger.js';
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

/** Applies the drop rules to one competitor's book, in order; dropped sessions' cells are marked. */
export function applyDrops(
  book: Book,
  rules: readonly DropRule[],
  sessions: readonly { session: Session; order: number }[],
  ctx: DropContext,
): void {
  // Sessions by position in `sessions`; the book's cells and contributions come in the same order.
  const slot = new Map<string, number>();
  for (let i = 0; i < sessions.length; i++) slot.set(sessions[i]!.session.id, i);
  const started = new Array<boolean>(sessions.length).fill(false);
  for (const c of book.cells) {
    const i = slot.get(c.sessionId);
    // A team's last car of a session speaks for it, as before (one cell per session otherwise).
    if (i !== undefined) started[i] = STARTED_STATUSES.has(c.status);
  }
  let droppedSessions: Set<string> | undefined;
  for (const rule of rules) {
    const withBonuses = rule.includeBonuses === true;
    const unitPoints = new Array<Fraction>(sessions.length).fill(ZERO);
    for (const d of book.contributions) {
      if (!isDroppable(d, withBonuses) || d.sessionId === undefined) continue;
      const i = slot.get(d.sessionId);
      if (i !== undefined) unitPoints[i] = add(unitPoints[i]!, d.points);
    }
    const units: DropUnit[] = sessions.map(({ session, order }, i) => ({
      sessionId: session.id,
      order,
      race: session.race,
      points: unitPoints[i]!,
      started: started[i]!,
    }));
    const dropped = dropModule(rule).drop(rule, units, ctx);
    if (dropped.size === 0) continue;
    // One sweep discounts every dropped session's contributions.
    const existing = book.contributions.length;
    const hit = new Set<string>();
    for (let i = 0; i < existing; i++) {
      const d = book.contributions[i]!;
      const reason = d.sessionId === undefined ? undefined : dropped.get(d.sessionId);
      if (reason === undefined || !isDroppable(d, withBonuses)) continue;
      d.discount(reason);
      hit.add(d.sessionId!);
    }
    droppedSessions ??= new Set<string>();
    for (const [sessionId, reason] of dropped) {
      droppedSessions.add(sessionId);
      if (hit.has(sessionId)) continue;
      // A race not started counts as a zero result; record that it was the one dropped.
      const session = sessions[slot.get(sessionId)!]!.session;
      book.contributions.push(
        new Draft(
          sessionId,
          session.eventId,
          session.race,
          'result',
          `drop:${rule.kind}`,
          new FixedWords(`${session.name}: not started, a zero result`),
          ZERO,
          false,
          reason,
          undefined,
        ),
      );
    }
  }
  if (droppedSessions === undefined) return;
  const cells = book.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (droppedSessions.has(c.sessionId)) cells[i] = { ...c, dropped: true };
  }
}

/** Whether a drop rule may drop this contribution: counted result points, and bonuses where it says so. */
function isDroppable(d: Draft, withBonuses: boolean): boolean {
  return d.counted && (d.kind === 'result' || (withBonuses && d.kind === 'bonus'));
}
