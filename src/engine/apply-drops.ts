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
import type { SessionCell } from './standings.js';

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

/** Held sessions in calendar order, with each one's place in that list (made once per table). */
export interface HeldSessions {
  readonly sessions: readonly { session: Session; order: number }[];
  readonly slot: ReadonlyMap<string, number>;
}

/** Indexes held sessions for `selectDrops`. */
export function heldSessionsOf(sessions: readonly { session: Session; order: number }[]): HeldSessions {
  const slot = new Map<string, number>();
  for (let i = 0; i < sessions.length; i++) slot.set(sessions[i]!.session.id, i);
  return { sessions, slot };
}

/** What the drop rules drop from one competitor's contributions; nothing is changed. */
export interface DropChoice {
  /** Per contribution (by index): the reason it is dropped, for those dropped. */
  readonly reasons: readonly (string | undefined)[];
  /** Races not started that were dropped (no contribution to discount): a zero result each. */
  readonly zeros: readonly { readonly sessionId: string; readonly reason: string; readonly rule: string }[];
  readonly droppedSessions: ReadonlySet<string>;
}

/**
 * One competitor's droppable points per held session (a unit each, zero where it has none), with
 * whether it started there. `reasons` marks contributions an earlier rule already dropped.
 */
export function dropUnitsOf(
  contributions: readonly Draft[],
  cells: readonly SessionCell[],
  withBonuses: boolean,
  held: HeldSessions,
  reasons?: readonly (string | undefined)[],
): DropUnit[] {
  const { sessions, slot } = held;
  const started = new Array<boolean>(sessions.length).fill(false);
  for (const c of cells) {
    const i = slot.get(c.sessionId);
    // A team's last car of a session speaks for it (one cell per session otherwise).
    if (i !== undefined) started[i] = STARTED_STATUSES.has(c.status);
  }
  const unitPoints = new Array<Fraction>(sessions.length).fill(ZERO);
  for (let i = 0; i < contributions.length; i++) {
    const d = contributions[i]!;
    if (d.sessionId === undefined || !isDroppable(d, withBonuses) || reasons?.[i] !== undefined) continue;
    const at = slot.get(d.sessionId);
    if (at !== undefined) unitPoints[at] = add(unitPoints[at]!, d.points);
  }
  return sessions.map(({ session, order }, i) => ({
    sessionId: session.id,
    order,
    race: session.race,
    points: unitPoints[i]!,
    started: started[i]!,
  }));
}

/**
 * Chooses what the drop rules drop, in order, over `contributions` and `cells` (a competitor's,
 * in calendar order, of the held sessions only): each rule sees what the rules before it left.
 * Returns undefined when nothing is dropped. Used by `applyDrops` and by the totals-only tables,
 * which may pass the units already made (`unitsMade`, for a rule that includes bonuses or not)
 * for rules that come before anything is dropped.
 */
export function selectDrops(
  contributions: readonly Draft[],
  cells: readonly SessionCell[],
  rules: readonly DropRule[],
  held: HeldSessions,
  ctx: DropContext,
  unitsMade?: (withBonuses: boolean) => readonly DropUnit[],
): DropChoice | undefined {
  let choice:
    | { reasons: (string | undefined)[]; zeros: DropChoice['zeros'][number][]; droppedSessions: Set<string> }
    | undefined;
  for (const rule of rules) {
    const withBonuses = rule.includeBonuses === true;
    const units =
      choice === undefined && unitsMade
        ? unitsMade(withBonuses)
        : dropUnitsOf(contributions, cells, withBonuses, held, choice?.reasons);
    const dropped = dropModule(rule).drop(rule, units, ctx);
    if (dropped.size === 0) continue;
    const reasons = (choice ??= {
      reasons: new Array<string | undefined>(contributions.length),
      zeros: [],
      droppedSessions: new Set(),
    }).reasons;
    // One sweep marks every dropped session's contributions.
    const hit = new Set<string>();
    for (let i = 0; i < contributions.length; i++) {
      const d = contributions[i]!;
      const reason = d.sessionId === undefined ? undefined : dropped.get(d.sessionId);
      if (reason === undefined || reasons[i] !== undefined || !isDroppable(d, withBonuses)) continue;
      reasons[i] = reason;
      hit.add(d.sessionId!);
    }
    for (const [sessionId, reason] of dropped) {
      choice.droppedSessions.add(sessionId);
      // A race not started counts as a zero result; it is recorded as the one dropped.
      if (!hit.has(sessionId)) choice.zeros.push({ sessionId, reason, rule: `drop:${rule.kind}` });
    }
  }
  return choice;
}

/** Applies the drop rules to one competitor's book, in order; dropped sessions' cells are marked. */
export function applyDrops(
  book: Book,
  rules: readonly DropRule[],
  sessions: readonly { session: Session; order: number }[],
  ctx: DropContext,
  held: HeldSessions = heldSessionsOf(sessions),
): void {
  const choice = selectDrops(book.contributions, book.cells, rules, held, ctx);
  if (choice === undefined) return;
  const { reasons, zeros, droppedSessions } = choice;
  for (let i = 0; i < reasons.length; i++) {
    const reason = reasons[i];
    if (reason !== undefined) book.contributions[i]!.discount(reason);
  }
  for (const { sessionId, reason, rule } of zeros) {
    const session = held.sessions[held.slot.get(sessionId)!]!.session;
    book.contributions.push(
      new Draft(
        sessionId,
        session.eventId,
        session.race,
        'result',
        rule,
        new FixedWords(`${session.name}: not started, a zero result`),
        ZERO,
        false,
        reason,
        undefined,
      ),
    );
  }
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
