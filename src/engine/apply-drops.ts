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
import { Draft } from './ledger.js';
import type { Book } from './ledger.js';
import { dropModule } from './rules/registry.js';
import type { DropContext, DropUnit } from './rules/types.js';

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
