/** Lookups the pages need over one season: names, sessions by event, classes, class positions. */
import type {
  Award,
  Classification,
  ClassificationRow,
  Entry,
  Event,
  Season,
  Session,
} from '../engine/index.js';

export interface SeasonView {
  readonly season: Season;
  readonly driverName: (id: string) => string;
  readonly teamName: (id: string) => string;
  readonly className: (id: string) => string;
  readonly entry: (id: string) => Entry | undefined;
  readonly event: (id: string) => Event | undefined;
  readonly sessionsOf: (eventId: string) => readonly Session[];
  readonly classification: (sessionId: string) => Classification | undefined;
  readonly awardsOf: (sessionId: string) => readonly Award[];
  readonly entryDrivers: (entryId: string, row?: ClassificationRow) => string[];
}

/** Builds the lookups once per season version. */
export function viewSeason(season: Season): SeasonView {
  const drivers = new Map(season.drivers.map((d) => [d.id, d.name]));
  const teams = new Map(season.teams.map((t) => [t.id, t.name]));
  const classes = new Map(season.classes.map((c) => [c.id, c.name]));
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const events = new Map(season.events.map((e) => [e.id, e]));
  const classifications = new Map(season.classifications.map((c) => [c.sessionId, c]));
  return {
    season,
    driverName: (id) => drivers.get(id) ?? id,
    teamName: (id) => teams.get(id) ?? id,
    className: (id) => classes.get(id) ?? id,
    entry: (id) => entries.get(id),
    event: (id) => events.get(id),
    sessionsOf: (eventId) => season.sessions.filter((s) => s.eventId === eventId),
    classification: (id) => classifications.get(id),
    awardsOf: (id) => season.awards.filter((a) => a.sessionId === id),
    entryDrivers: (entryId, row) => [...(row?.driverIds ?? entries.get(entryId)?.driverIds ?? [])],
  };
}

/** Events in calendar order. */
export const calendar = (season: Season): Event[] => [...season.events].sort((a, b) => a.round - b.round);

/** The next event on or after `today` (yyyy-mm-dd): the first whose last day is not past. */
export function nextEvent(season: Season, today: string): Event | undefined {
  return calendar(season).find((e) => (e.end ?? e.start ?? '9999-12-31') >= today);
}

/** Class positions of a classification: each positioned row's place among its class. */
export function classPositions(
  c: Classification,
  entryClass: (entryId: string) => string | undefined,
): Map<ClassificationRow, number> {
  const counts = new Map<string, number>();
  const out = new Map<ClassificationRow, number>();
  for (const row of [...c.rows]
    .filter((r) => r.position !== undefined)
    .sort((a, b) => a.position! - b.position!)) {
    const cls = entryClass(row.entryId) ?? '';
    const n = (counts.get(cls) ?? 0) + 1;
    counts.set(cls, n);
    out.set(row, n);
  }
  return out;
}

/** Rows ordered: positioned first by position, then the rest as given. */
export const orderedRows = (c: Classification): ClassificationRow[] => [
  ...c.rows.filter((r) => r.position !== undefined).sort((a, b) => a.position! - b.position!),
  ...c.rows.filter((r) => r.position === undefined),
];

/** How a status reads in a table (the season articles' abbreviations). */
export { STATUS_ABBREVIATION as STATUS_LABEL } from '../exporters/matrix/cell-outcome.js';
