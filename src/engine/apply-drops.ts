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
  const bySession = new Map<string | undefined, Draft[]>();
  for (const d of book.contributions) {
    let list = bySession.get(d.sessionId);
    if (!list) bySession.set(d.sessionId, (list = []));
    list.push(d);
  }
  const cellOf = new Map(book.cells.map((c) => [c.sessionId, c]));
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
    for (const [sessionId, reason] of dropModule(rule).drop(rule, units, ctx)) {
      const mine = (bySession.get(sessionId) ?? []).filter(droppable);
      if (mine.length === 0) {
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
      for (const d of mine) d.discount(reason);
      book.cells.forEach((c, i) => {
        if (c.sessionId === sessionId) book.cells[i] = { ...c, dropped: true };
      });
    }
  }
}
