/**
 * One championship, start to finish: score each held session, assign car points to competitors
 * (drivers, teams or entries), apply adjustments and drop rules, then list and rank.
 */
import { add, compare, formatDisplay, isZero, negate, sum, ZERO } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import type { Adjustment, Entry, Session } from './season.js';
import { STARTED_STATUSES } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { scoreSession } from './score-session.js';
import type { CarContribution } from './score-session.js';
import { dropModule, sharedDriveModule, teamScoringModule } from './rules/registry.js';
import type { DropUnit, ScoredRow, SessionContext } from './rules/types.js';
import type {
  ChampionshipStandings,
  Competitor,
  Contribution,
  ExcludedCompetitor,
  SessionCell,
} from './standings.js';
import { rankStandings } from './rank-standings.js';
import type { Tally } from './rank-standings.js';

interface SessionInfo {
  readonly session: Session;
  readonly order: number;
  readonly context: SessionContext;
}

/**
 * A contribution still being worked on: later rules may switch `counted` off and give a reason.
 * One class with every field set keeps the hot path monomorphic (this was a third of the time).
 */
class Draft implements Contribution {
  constructor(
    readonly sessionId: string | undefined,
    readonly eventId: string | undefined,
    readonly race: number | undefined,
    readonly kind: Contribution['kind'],
    readonly rule: string,
    private readonly describe: () => string,
    readonly points: Contribution['points'],
    public counted: boolean,
    public reason: string | undefined,
    readonly entryId: string | undefined,
  ) {}

  /** In words, rendered when first read (bulk scoring never pays for the text). */
  get description(): string {
    return this.describe();
  }

  /** A plain object for JSON and for copies (a getter is not copied by spreading). */
  toJSON(): Contribution {
    const { sessionId, eventId, race, kind, rule, description, points, counted, reason, entryId } = this;
    return { sessionId, eventId, race, kind, rule, description, points, counted, reason, entryId };
  }

  /** Marks the contribution as not counted, with the reason. */
  discount(reason: string): void {
    this.counted = false;
    this.reason = reason;
  }
}

interface Book {
  readonly competitor: Competitor;
  readonly contributions: Draft[];
  readonly cells: SessionCell[];
}

/** Who a car's contributions belong to in a championship; competitors are made once per id. */
function competitorFinder(champ: Championship, index: SeasonIndex) {
  const made = new Map<string, Competitor>();
  const once = (id: string, make: () => Competitor) => {
    let c = made.get(id);
    if (!c) made.set(id, (c = make()));
    return c;
  };
  return (entry: Entry, row: ScoredRow | undefined, driverId?: string): Competitor[] => {
    switch (champ.competitor) {
      case 'driver':
        return (driverId ? [driverId] : (row?.row.driverIds ?? entry.driverIds)).map((id) =>
          once(id, () => ({ id, name: index.getDriver(id).name, kind: 'driver' })),
        );
      case 'team':
        return [
          once(entry.teamId, () => ({
            id: entry.teamId,
            name: index.getTeam(entry.teamId).name,
            kind: 'team',
          })),
        ];
      case 'entry':
        return [
          once(entry.id, () => ({
            id: entry.id,
            name: `#${entry.car} ${index.getTeam(entry.teamId).name}`,
            kind: 'entry',
          })),
        ];
    }
  };
}

const adjustmentTarget = (a: Adjustment) => a.driverId ?? a.teamId;

/** Scores one championship of a season up to and including race `afterRace`. */
export function scoreChampionship(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  afterRace: number,
): ChampionshipStandings {
  const scoredTypes = new Set(Object.keys(champ.points));
  const inScope = (s: Session) => {
    const event = index.getEvent(s.eventId);
    if (!scoredTypes.has(s.type)) return false;
    if (champ.scope.eventTags && !champ.scope.eventTags.some((t) => event.tags.includes(t))) return false;
    if (champ.scope.excludeEventTags?.some((t) => event.tags.includes(t))) return false;
    return true;
  };
  const seasonSessions = index.sessions.filter(inScope);
  const cutoffSession = index.sessions.find((s) => s.race === afterRace);
  const cutoff = cutoffSession ? index.order.get(cutoffSession.id)! : -1;
  const held = seasonSessions.filter(
    (s) => index.order.get(s.id)! <= cutoff && index.findClassification(s.id),
  );
  const lastRace = index.races.at(-1) ?? 0;
  const final = afterRace >= lastRace;
  const finalRound = Math.max(...seasonSessions.map((s) => index.getEvent(s.eventId).round));
  const finalEventSessionIds = new Set(
    seasonSessions.filter((s) => index.getEvent(s.eventId).round === finalRound).map((s) => s.id),
  );

  const books = new Map<string, Book>();
  const bookOf = (c: Competitor) => {
    let book = books.get(c.id);
    if (!book) books.set(c.id, (book = { competitor: c, contributions: [], cells: [] }));
    return book;
  };
  const sessions: SessionInfo[] = [];
  const holdersOf = competitorFinder(champ, index);
  const shared = champ.sharedDrives;
  const sharing = sharedDriveModule(shared);

  for (const session of held) {
    const event = index.getEvent(session.eventId);
    const firstRaceOfEvent =
      index.sessions.find((s) => s.eventId === event.id && s.type === session.type)?.id === session.id;
    const { context, contributions } = scoreSession(index, rulebook, champ, session, event, firstRaceOfEvent);
    const order = index.order.get(session.id)!;
    sessions.push({ session, order, context });
    const rowOf = new Map(context.rows.map((r) => [r.entry.id, r]));

    // Team scoring: which cars of a team count in this session.
    const teamExcluded = new Map<string, string>();
    if (champ.competitor === 'team') {
      const byTeam = new Map<string, CarContribution[]>();
      for (const c of contributions) {
        const team = index.getEntry(c.entryId).teamId;
        byTeam.set(team, [...(byTeam.get(team) ?? []), c]);
      }
      const rule = champ.teamScoring;
      for (const list of byTeam.values()) {
        const cars = [...new Set(list.map((c) => c.entryId))].map((entryId) => {
          const position = rowOf.get(entryId)?.position;
          return {
            entryId,
            points: sum(list.filter((c) => c.entryId === entryId).map((c) => c.points)),
            nominated: index.getEntry(entryId).nominated ?? false,
            ...(position === undefined ? {} : { position }),
          };
        });
        for (const [entryId, reason] of teamScoringModule(rule).exclude(rule, cars))
          teamExcluded.set(entryId, reason);
      }
    }

    const drafts = new Map<string, Draft[]>();
    for (const c of contributions) {
      const entry = index.getEntry(c.entryId);
      const row = rowOf.get(c.entryId);
      const holders = holdersOf(entry, row, c.driverId);
      for (const holder of holders) {
        const part =
          champ.competitor === 'driver' && c.driverId === undefined
            ? sharing.share(shared, c.points, holders.length)
            : { points: c.points, counted: true, description: '', reason: undefined };
        const excluded = teamExcluded.get(c.entryId);
        const draft = new Draft(
          session.id,
          event.id,
          session.race,
          c.kind,
          c.rule,
          part.description ? () => `${c.describe()} (${part.description})` : c.describe,
          part.points,
          part.counted && excluded === undefined,
          excluded ?? part.reason,
          c.entryId,
        );
        let list = drafts.get(holder.id);
        if (!list) drafts.set(holder.id, (list = []));
        list.push(draft);
        bookOf(holder);
      }
    }
    // A driver of several cars in one session keeps only the best share where the rules say so (F1 1956-1957).
    if (champ.competitor === 'driver' && sharing.bestShareOnly(shared)) {
      for (const list of drafts.values()) {
        const byEntry = new Map<string, Draft[]>();
        for (const d of list) byEntry.set(d.entryId!, [...(byEntry.get(d.entryId!) ?? []), d]);
        if (byEntry.size < 2) continue;
        const best = [...byEntry.entries()].sort((a, b) =>
          compare(sum(b[1].map((d) => d.points)), sum(a[1].map((d) => d.points))),
        )[0]![0];
        for (const [entryId, ds] of byEntry) {
          if (entryId === best) continue;
          for (const d of ds) d.discount('only the best share in a session counts');
        }
      }
    }
    for (const [id, list] of drafts) books.get(id)!.contributions.push(...list);

    // Cells for the results matrix.
    const awarded = new Set(context.awards.map((a) => `${a.award}|${a.scope}|${a.entryId}`));
    for (const r of context.rows) {
      if (!r.eligible) continue;
      const awardScope = champ.basis === 'class' ? r.entry.classId : 'overall';
      const pole = awarded.has(`pole|${awardScope}|${r.entry.id}`);
      const fastestLap = awarded.has(`fastest-lap|${awardScope}|${r.entry.id}`);
      for (const holder of holdersOf(r.entry, r)) {
        let points = ZERO;
        for (const d of drafts.get(holder.id) ?? [])
          if (d.entryId === r.entry.id && d.counted) points = add(points, d.points);
        bookOf(holder).cells.push({
          sessionId: session.id,
          race: session.race,
          entryId: r.entry.id,
          status: r.row.status,
          position: r.position,
          overallPosition: r.row.position,
          pole,
          fastestLap,
          points,
          dropped: false,
        });
      }
    }
  }

  // Adjustments: stewarding decisions recorded in the season data.
  const excludedReasons = new Map<string, string>();
  const heldIds = new Set(held.map((s) => s.id));
  for (const a of index.season.adjustments) {
    if (a.championshipId !== undefined && a.championshipId !== champ.id) continue;
    const target = adjustmentTarget(a);
    const targetKind = a.driverId !== undefined ? 'driver' : 'team';
    if (target === undefined || targetKind !== champ.competitor) continue;
    const book = books.get(target);
    switch (a.kind) {
      case 'exclusion':
        excludedReasons.set(target, a.reason);
        break;
      case 'points-deduction': {
        if (a.sessionId !== undefined && !heldIds.has(a.sessionId)) break;
        const session = a.sessionId === undefined ? undefined : index.findSession(a.sessionId);
        const name = targetKind === 'driver' ? index.getDriver(target).name : index.getTeam(target).name;
        bookOf(book?.competitor ?? { id: target, name, kind: targetKind }).contributions.push(
          new Draft(
            session?.id,
            session?.eventId,
            session?.race,
            'adjustment',
            'adjustment:points-deduction',
            () => `${formatDisplay(a.points)} point(s) deducted: ${a.reason}`,
            negate(a.points),
            true,
            undefined,
            undefined,
          ),
        );
        break;
      }
      case 'results-withheld':
        for (const d of book?.contributions ?? []) {
          if (d.sessionId === a.sessionId && d.counted) d.discount(`withheld: ${a.reason}`);
        }
        break;
    }
  }

  // Drop rules.
  const dropRules = champ.drops.filter((r) => r.applies !== 'final' || final);
  const seasonSessionIds = seasonSessions.map((s) => s.id);
  for (const book of dropRules.length ? books.values() : []) {
    const bySession = new Map<string | undefined, Draft[]>();
    for (const d of book.contributions) {
      let list = bySession.get(d.sessionId);
      if (!list) bySession.set(d.sessionId, (list = []));
      list.push(d);
    }
    const cellOf = new Map(book.cells.map((c) => [c.sessionId, c]));
    for (const rule of dropRules) {
      const droppable = (d: Draft) =>
        d.counted && (d.kind === 'result' || (rule.includeBonuses === true && d.kind === 'bonus'));
      const units: DropUnit[] = sessions.map(({ session, order }) => {
        const mine = (bySession.get(session.id) ?? []).filter(droppable);
        const cell = cellOf.get(session.id);
        return {
          sessionId: session.id,
          order,
          ...(session.race === undefined ? {} : { race: session.race }),
          points: sum(mine.map((d) => d.points)),
          started: cell !== undefined && STARTED_STATUSES.has(cell.status),
        };
      });
      const dropped = dropModule(rule).drop(rule, units, { seasonSessionIds, finalEventSessionIds });
      for (const [sessionId, reason] of dropped) {
        const mine = (bySession.get(sessionId) ?? []).filter(droppable);
        const session = index.findSession(sessionId)!;
        if (mine.length === 0) {
          // A race not started counts as a zero result; record that it was the one dropped.
          book.contributions.push(
            new Draft(
              sessionId,
              session.eventId,
              session.race,
              'result',
              `drop:${rule.kind}`,
              () => `${session.name}: not started, a zero result`,
              ZERO,
              false,
              reason,
              undefined,
            ),
          );
        }
        for (const d of mine) d.discount(reason);
        const cells = book.cells.filter((c) => c.sessionId === sessionId);
        for (const c of cells) book.cells[book.cells.indexOf(c)] = { ...c, dropped: true };
      }
    }
  }

  // Listing and ranking.
  const listed = (book: Book) => {
    switch (champ.listed) {
      case 'scored':
        return book.contributions.some((d) => d.kind !== 'adjustment' && compare(d.points, ZERO) > 0);
      case 'classified':
        return book.cells.some((c) => c.status === 'classified');
      case 'started':
        return book.cells.some((c) => STARTED_STATUSES.has(c.status));
      case 'entered':
        return book.cells.length > 0;
    }
  };
  const raceScale = rulebook.scales[champ.points['race'] ?? Object.values(champ.points)[0] ?? ''];
  const scoringPlaces = raceScale ? raceScale.points.filter((p) => !isZero(p)).length : 0;
  const tallies: Tally[] = [];
  const excluded: ExcludedCompetitor[] = [];
  for (const book of books.values()) {
    const points = sum(book.contributions.filter((d) => d.counted).map((d) => d.points));
    const reason = excludedReasons.get(book.competitor.id);
    if (reason !== undefined) {
      excluded.push({ competitor: book.competitor, points, reason });
      continue;
    }
    if (!listed(book)) continue;
    const best = new Map<string, { order: number; race?: number; position?: number }>();
    for (const c of book.cells) {
      const order = index.order.get(c.sessionId)!;
      const prev = best.get(c.sessionId);
      if (!prev || (c.position ?? Infinity) < (prev.position ?? Infinity)) {
        best.set(c.sessionId, {
          order,
          ...(c.race === undefined ? {} : { race: c.race }),
          ...(c.position === undefined ? {} : { position: c.position }),
        });
      }
    }
    tallies.push({
      competitor: book.competitor,
      points,
      contributions: book.contributions,
      cells: book.cells,
      record: { positions: [...best.values()], scoringPlaces },
    });
  }

  return {
    id: champ.id,
    name: champ.name,
    competitorKind: champ.competitor,
    afterRace,
    final,
    sessions: sessions.map(({ session }) => ({
      id: session.id,
      eventId: session.eventId,
      type: session.type,
      name: session.name,
      ...(session.race === undefined ? {} : { race: session.race }),
    })),
    rows: rankStandings(tallies, champ.tieBreaks),
    excluded,
  };
}
