/**
 * Lookups over one season version that every page needs (names, sessions by event, classes,
 * classifications, awards), built once per version and cached by the app layer with it.
 */
import type {
  Award,
  Classification,
  ClassificationRow,
  Entry,
  Event,
  OfficialClassification,
  Season,
  Session,
} from '../../engine/index.js';
import { officialResults } from '../../engine/index.js';

export interface SeasonView {
  readonly season: Season;
  readonly driverName: (id: string) => string;
  readonly teamName: (id: string) => string;
  readonly className: (id: string) => string;
  readonly entry: (id: string) => Entry | undefined;
  readonly event: (id: string) => Event | undefined;
  readonly session: (id: string) => Session | undefined;
  readonly sessionsOf: (eventId: string) => readonly Session[];
  /** A session's results as entered (what the editor edits); pages show `official`. */
  readonly classification: (sessionId: string) => Classification | undefined;
  /** A session's official classification: penalties applied, overall and class positions (engine). */
  readonly official: (sessionId: string) => OfficialClassification | undefined;
  readonly awardsOf: (sessionId: string) => readonly Award[];
  /** Who drove a row: the row's own drivers, else the entry's. */
  readonly entryDrivers: (entryId: string, row?: ClassificationRow) => string[];
}

/** Builds the lookups once per season version. */
export function viewSeason(season: Season): SeasonView {
  const drivers = new Map(season.drivers.map((d) => [d.id, d.name]));
  const teams = new Map(season.teams.map((t) => [t.id, t.name]));
  const classes = new Map(season.classes.map((c) => [c.id, c.name]));
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const events = new Map(season.events.map((e) => [e.id, e]));
  const sessions = new Map(season.sessions.map((s) => [s.id, s]));
  const classifications = new Map(season.classifications.map((c) => [c.sessionId, c]));
  const official = officialResults(season);
  return {
    season,
    driverName: (id) => drivers.get(id) ?? id,
    teamName: (id) => teams.get(id) ?? id,
    className: (id) => classes.get(id) ?? id,
    entry: (id) => entries.get(id),
    event: (id) => events.get(id),
    session: (id) => sessions.get(id),
    sessionsOf: (eventId) => season.sessions.filter((s) => s.eventId === eventId),
    classification: (id) => classifications.get(id),
    official: (id) => official.find(id),
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

/** Rows ordered: positioned first by position, then the rest as given. */
export const orderedRows = (c: Classification): ClassificationRow[] => [
  ...c.rows.filter((r) => r.position !== undefined).sort((a, b) => a.position! - b.position!),
  ...c.rows.filter((r) => r.position === undefined),
];

/** The races that have results, in order (the "standings after race N" choices). */
export const racesWithResults = (view: SeasonView): Session[] =>
  view.season.sessions
    .filter((s) => s.race !== undefined && view.classification(s.id))
    .sort((a, b) => a.race! - b.race!);

/** How a status reads in a table (the season articles' abbreviations). */
export { STATUS_ABBREVIATION as STATUS_LABEL } from '../../exporters/matrix/cell-outcome.js';
