/**
 * One championship, start to finish: score each held session, assign car points to competitors
 * (drivers, teams or entries), apply adjustments and drop rules, then list and rank.
 */
import { add, compare, ZERO } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import { STARTED_STATUSES } from './season.js';
import type { Entry, Session } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { scoreSession } from './score-session.js';
import { scoringPlaces as countScoringPlaces } from './scale.js';
import { championshipAt } from './championship-at.js';
import { applyRoundTeamScoring, assignSession } from './assign-session.js';
import { applyAdjustments } from './apply-adjustments.js';
import { applyDrops, dropContextOf, heldSessionsOf } from './apply-drops.js';
import { competitorFinder, Ledger } from './ledger.js';
import type { Book } from './ledger.js';
import type { ChampionshipStandings, ExcludedCompetitor } from './standings.js';
import { rankStandings } from './rank-standings.js';
import type { TieBreakPlace, TieBreakRecord } from './rules/types.js';
import type { Tally } from './rank-standings.js';

/** Sessions of the season this championship scores (by type and event tags), in calendar order. */
export function sessionsInScope(index: SeasonIndex, champ: Championship): Session[] {
  return index.sessions.filter((s) => {
    if (!(s.type in champ.points)) return false;
    const tags = index.getEvent(s.eventId).tags;
    if (champ.scope.eventTags && !champ.scope.eventTags.some((t) => tags.includes(t))) return false;
    return !champ.scope.excludeEventTags?.some((t) => tags.includes(t));
  });
}

/** Whether a competitor has points of its own; points withheld by a decision do not count. */
const hasScored = (book: Book) =>
  book.contributions.some((d) => d.kind !== 'adjustment' && compare(d.points, ZERO) > 0 && !d.withheld);

/**
 * Whether a competitor appears in the table. Whoever scored points appears; `classified` adds
 * those classified in a race (a sprint or qualifying does not count, unless the championship scores
 * no races at all), `started` those who started, `entered` everyone with a result.
 */
export function isListed(index: SeasonIndex, champ: Championship, book: Book): boolean {
  switch (champ.listed) {
    case 'scored':
      return hasScored(book);
    case 'classified': {
      const racesOnly = 'race' in champ.points;
      return (
        hasScored(book) ||
        book.cells.some(
          (c) => c.status === 'classified' && (!racesOnly || index.findSession(c.sessionId)?.type === 'race'),
        )
      );
    }
    case 'started':
      // A non-starter paid a share of its place's points has scored, so it is listed.
      return hasScored(book) || book.cells.some((c) => STARTED_STATUSES.has(c.status));
    case 'entered':
      return book.cells.length > 0;
  }
}

/** What tie-breaks compare: every car's basis position in each race, and when points came first. */
export function recordOf(
  index: SeasonIndex,
  champ: Championship,
  book: Book,
  scoringPlaces: number,
): Tally['record'] {
  // Tie-breaks count race places: sprint, stage and qualifying places do not, unless the
  // championship scores no races at all.
  const racesOnly = 'race' in champ.points;
  const positions: TieBreakPlace[] = [];
  let firstScored: TieBreakRecord['firstScored'];
  // Cells come in session order, so a team's several cells of one session are adjacent.
  for (const c of book.cells) {
    const order = index.order.get(c.sessionId)!;
    if (firstScored === undefined && compare(c.points, ZERO) > 0) firstScored = { order, race: c.race };
    if (racesOnly && index.findSession(c.sessionId)?.type !== 'race') continue;
    positions.push({ order, race: c.race, position: c.position });
  }
  return { positions, scoringPlaces, firstScored };
}

/**
 * `classChanges: follow-driver`: an entry scores in this table when one of its drivers is, at the
 * time of the standings, in a class of the table's scope: the class of the entry they last raced
 * in (held sessions in calendar order; a driver not yet raced is in their entry's class).
 */
export function followDriver(
  index: SeasonIndex,
  champ: Championship,
  held: readonly Session[],
): (entry: Entry) => boolean {
  const classNow = new Map<string, string>();
  for (const s of held)
    for (const row of index.findClassification(s.id)?.rows ?? []) {
      const entry = index.getEntry(row.entryId);
      for (const d of row.driverIds ?? entry.driverIds) classNow.set(d, entry.classId);
    }
  const inScope = (classId: string) => !champ.scope.classes || champ.scope.classes.includes(classId);
  return (entry) => entry.driverIds.some((d) => inScope(classNow.get(d) ?? entry.classId));
}

/** Where race `afterRace` stands in the calendar: the order of its session, or -1. */
export function cutoffOf(index: SeasonIndex, afterRace: number): number {
  const cutoffSession = index.sessions.find((s) => s.race === afterRace);
  return cutoffSession ? index.order.get(cutoffSession.id)! : -1;
}

/** A championship's books over its held sessions up to a cutoff, before round team scoring, adjustments and drops. */
export interface BookedChampionship {
  /** Every session of the championship's scope, held or not, in calendar order. */
  readonly seasonSessions: readonly Session[];
  /** The held sessions booked, in calendar order, with their calendar order. */
  readonly sessions: readonly { session: Session; order: number }[];
  readonly ledger: Ledger;
}

/**
 * Scores and books every held session of the championship's scope up to `cutoff` (a calendar
 * order). `scoresHere` is for `classChanges: follow-driver`, which depends on the cutoff.
 */
export function bookChampionship(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  cutoff: number,
): BookedChampionship {
  const seasonSessions = sessionsInScope(index, champ);
  const held = seasonSessions.filter(
    (s) => index.order.get(s.id)! <= cutoff && index.findClassification(s.id),
  );
  const scoresHere = champ.classChanges === 'follow-driver' ? followDriver(index, champ, held) : undefined;
  const ledger = new Ledger();
  const holdersOf = competitorFinder(champ, index);
  const at = championshipAt(champ);
  const sessions = held.map((session) => {
    const event = index.getEvent(session.eventId);
    const firstRaceOfEvent = index.isFirstOfTypeAtEvent(session.id);
    const here = at(session, event);
    const { context, contributions } = scoreSession(
      index,
      rulebook,
      here,
      session,
      event,
      firstRaceOfEvent,
      scoresHere,
    );
    assignSession(index, here, ledger, holdersOf, session, event, context, contributions);
    return { session, order: index.order.get(session.id)! };
  });
  return { seasonSessions, sessions, ledger };
}

/** The points places of the championship's race scale (what countback over scoring places counts). */
export function scoringPlacesOf(rulebook: Rulebook, champ: Championship): number {
  return countScoringPlaces(rulebook.scales[champ.points['race'] ?? Object.values(champ.points)[0] ?? '']);
}

/** Scores one championship of a season up to and including race `afterRace`. */
export function scoreChampionship(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  afterRace: number,
): ChampionshipStandings {
  const cutoff = cutoffOf(index, afterRace);
  const final = afterRace >= (index.races.at(-1) ?? 0);
  const { seasonSessions, sessions, ledger } = bookChampionship(index, rulebook, champ, cutoff);

  applyRoundTeamScoring(index, champ, ledger);
  const heldIds = new Set(sessions.map((s) => s.session.id));
  const excludedReasons = applyAdjustments(index, champ, ledger, { heldIds, cutoff, final });
  const dropRules = champ.drops.filter((r) => r.applies !== 'final' || final);
  if (dropRules.length) {
    const ctx = dropContextOf(index, seasonSessions);
    const held = heldSessionsOf(sessions);
    for (const book of ledger.books.values()) applyDrops(book, dropRules, sessions, ctx, held);
  }

  const scoringPlaces = scoringPlacesOf(rulebook, champ);
  const tallies: Tally[] = [];
  const excluded: ExcludedCompetitor[] = [];
  for (const book of ledger.books.values()) {
    let points = ZERO;
    for (const d of book.contributions) if (d.counted) points = add(points, d.points);
    const reason = excludedReasons.get(book.competitor.id);
    if (reason !== undefined) excluded.push({ competitor: book.competitor, points, reason });
    else if (isListed(index, champ, book)) {
      tallies.push({
        competitor: book.competitor,
        points,
        contributions: book.contributions,
        cells: book.cells,
        record: recordOf(index, champ, book, scoringPlaces),
      });
    }
  }

  return {
    ...tableHead(champ, afterRace, final),
    sessions: sessions.map(({ session: s }) => ({
      id: s.id,
      eventId: s.eventId,
      type: s.type,
      name: s.name,
      ...(s.race === undefined ? {} : { race: s.race }),
    })),
    rows: rankStandings(tallies, champ.tieBreaks),
    excluded,
  };
}

/** What names a championship's table: the same for the full table and for its totals. */
export const tableHead = (champ: Championship, afterRace: number, final: boolean) => ({
  id: champ.id,
  name: champ.name,
  competitorKind: champ.competitor,
  afterRace,
  final,
});
