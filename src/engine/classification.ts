/**
 * A session's official classification: the results with the season's penalties applied
 * (penalties.ts), each row with its overall and class position and the penalties (with their
 * decisions) that moved it. Class positions are computed here and nowhere else: pages, exports and
 * commands read them from this, and championships on the class basis count places by the same
 * rule as `countPlaces` (inlined in score-session.ts's `rankRows`, the hot path).
 */
import type { AppliedPenalty } from './penalties.js';
import type { Classification, ClassificationRow, ResultState, Season, Session } from './season.js';
import { indexSeason } from './season-index.js';
import type { SeasonIndex } from './season-index.js';

export interface OfficialRow {
  /** The row as classified after penalties (position, status and time included). */
  readonly row: ClassificationRow;
  /** Overall position; undefined when not classified. */
  readonly position: number | undefined;
  /** Place among the classified cars of its class, by overall position; undefined when not classified. */
  readonly classPosition: number | undefined;
  readonly classId: string | undefined;
  /** The position in the results as entered, when penalties changed it. */
  readonly positionBeforePenalties: number | undefined;
  /** The penalties this car received in the session, in the order applied. */
  readonly penalties: readonly AppliedPenalty[];
}

export interface OfficialClassification {
  readonly session: Session;
  readonly state: ResultState | undefined;
  /** Classified rows by position, then every other row in the order given. */
  readonly rows: readonly OfficialRow[];
  /** Every penalty applied to the session, in the order applied. */
  readonly penalties: readonly AppliedPenalty[];
}

/**
 * Places within groups, counted along rows already in order: the first counted row of a group is
 * 1, the next 2, ... Rows for which `counts` is false get no place and do not take one. `place`
 * is told each counted row's place (the scorer writes it into its own rows, without a Map).
 */
export function placeRows<T>(
  ordered: readonly T[],
  groupOf: (row: T) => string,
  counts: (row: T) => boolean,
  place: (row: T, place: number) => void,
): void {
  const next = new Map<string, number>();
  for (const row of ordered) {
    if (!counts(row)) continue;
    const group = groupOf(row);
    const at = (next.get(group) ?? 0) + 1;
    next.set(group, at);
    place(row, at);
  }
}

/** The places of `placeRows`, by row. */
export function countPlaces<T>(
  ordered: readonly T[],
  groupOf: (row: T) => string,
  counts: (row: T) => boolean = () => true,
): Map<T, number> {
  const places = new Map<T, number>();
  placeRows(ordered, groupOf, counts, (row, at) => places.set(row, at));
  return places;
}

const isClassified = (r: ClassificationRow) => r.status === 'classified' && r.position !== undefined;

/** Classified rows by position, then the rest in the order given. Does not mutate its input. */
export function orderRows(c: Classification): ClassificationRow[] {
  return [
    ...c.rows.filter(isClassified).sort((a, b) => a.position! - b.position!),
    ...c.rows.filter((r) => !isClassified(r)),
  ];
}

/** The official classification of a session from an index, or undefined when it has no results. */
export function officialClassificationOf(
  index: SeasonIndex,
  sessionId: string,
): OfficialClassification | undefined {
  const session = index.findSession(sessionId);
  const c = index.findClassification(sessionId);
  if (!session || !c) return undefined;
  const entered = index.season.classifications.find((x) => x.sessionId === sessionId);
  const penalties = index.penaltiesOf(sessionId);
  const ordered = orderRows(c);
  const classOf = (r: ClassificationRow) => index.findEntry(r.entryId)?.classId ?? '';
  const classPlaces = countPlaces(ordered, classOf, isClassified);
  const rows = ordered.map((row): OfficialRow => {
    const own = penalties.filter((p) => p.penalty.entryId === row.entryId);
    const before = own.length ? entered?.rows.find((r) => r.entryId === row.entryId)?.position : undefined;
    return {
      row,
      position: isClassified(row) ? row.position : undefined,
      classPosition: classPlaces.get(row),
      classId: index.findEntry(row.entryId)?.classId,
      positionBeforePenalties: before,
      penalties: own,
    };
  });
  return { session, state: c.state, rows, penalties };
}

/** Official classifications of a season, one lookup per session (penalties applied once). */
export interface OfficialResults {
  /** Sessions with results, in calendar order. */
  readonly sessions: readonly OfficialClassification[];
  find(sessionId: string): OfficialClassification | undefined;
}

/** Every session's official classification (sessions with results only, in calendar order). */
export function officialResults(season: Season): OfficialResults {
  const index = indexSeason(season);
  const sessions = index.sessions.flatMap((s) => officialClassificationOf(index, s.id) ?? []);
  const byId = new Map(sessions.map((o) => [o.session.id, o]));
  return { sessions, find: (id) => byId.get(id) };
}
