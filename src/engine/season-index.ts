/**
 * Lookups over a season, built once per computation. Lookups come in pairs: `find*` returns
 * undefined, `get*` throws (for ids that validation has already checked).
 */
import { penaliseSeason } from './penalties.js';
import type { AppliedPenalty } from './penalties.js';
import type { Award, Classification, Driver, Entry, Event, Season, Session, Team } from './season.js';

export interface SeasonIndex {
  readonly season: Season;
  /** Sessions in calendar order (event round, then the order given). */
  readonly sessions: readonly Session[];
  readonly order: ReadonlyMap<string, number>;
  findEntry(id: string): Entry | undefined;
  getEntry(id: string): Entry;
  findDriver(id: string): Driver | undefined;
  getDriver(id: string): Driver;
  findTeam(id: string): Team | undefined;
  getTeam(id: string): Team;
  findEvent(id: string): Event | undefined;
  getEvent(id: string): Event;
  findSession(id: string): Session | undefined;
  /** A session's official classification: the results with the season's penalties applied. */
  findClassification(sessionId: string): Classification | undefined;
  /** The penalties applied to a session's results, in the order applied. */
  penaltiesOf(sessionId: string): readonly AppliedPenalty[];
  awardsOf(sessionId: string): readonly Award[];
  /** Race numbers of every scheduled race, ascending. */
  readonly races: readonly number[];
  /** The latest race that has a classification, or 0. */
  readonly lastHeldRace: number;
  /** Whether a session is the first of its type at its event (bonuses for the first race only). */
  isFirstOfTypeAtEvent(sessionId: string): boolean;
  /**
   * What the computation that made this index keeps of it while it runs (season-rows.ts's entry
   * facts: made on first use, dropped when released), held here so that it lives and dies with the
   * index. Only season-rows.ts reads or writes it.
   */
  scratch: unknown;
}

/**
 * A season's items by id (the last of a repeated id) and each entry's slot in `season.entries`, as
 * validation (`checkSeason`) made them on its way: an index of the same computation takes them
 * instead of making the same maps again (and finds an entry by its slot: no map of the entries).
 */
export interface SeasonIds {
  readonly drivers: ReadonlyMap<string, Driver>;
  readonly teams: ReadonlyMap<string, Team>;
  readonly events: ReadonlyMap<string, Event>;
  readonly sessions: ReadonlyMap<string, Session>;
  readonly entrySlot: ReadonlyMap<string, number>;
  /** Each session's classification as given (the last of a repeated session). */
  readonly classifications: ReadonlyMap<string, Classification>;
  /** Each session's awards, in the order given. */
  readonly awards: ReadonlyMap<string, readonly Award[]>;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  // Set one by one, not from [id, item] pairs: no array per item (the last of a repeated id wins).
  const map = new Map<string, T>();
  for (const i of items) map.set(i.id, i);
  return map;
}

function awardsBySession(given: readonly Award[]): Map<string, Award[]> {
  const awards = new Map<string, Award[]>();
  for (const a of given) {
    const list = awards.get(a.sessionId);
    if (list) list.push(a);
    else awards.set(a.sessionId, [a]);
  }
  return awards;
}

function getter<T>(map: ReadonlyMap<string, T>, what: string) {
  return (id: string): T => {
    const found = map.get(id);
    if (found === undefined)
      throw new Error(`unknown ${what} id ${JSON.stringify(id)} (validation should have caught it)`);
    return found;
  };
}

/**
 * Indexes a season for lookups; does not validate it. `ids`: the same season's maps from its
 * validation, reused as they are.
 */
export function indexSeason(season: Season, ids?: SeasonIds): SeasonIndex {
  const entrySlot = ids?.entrySlot;
  const entries = entrySlot === undefined ? byId(season.entries) : undefined;
  const findEntry =
    entrySlot === undefined
      ? (id: string) => entries!.get(id)
      : (id: string) => {
          const slot = entrySlot.get(id);
          return slot === undefined ? undefined : season.entries[slot];
        };
  const drivers = ids?.drivers ?? byId(season.drivers);
  const teams = ids?.teams ?? byId(season.teams);
  const events = ids?.events ?? byId(season.events);
  const roundOf = (s: Session) => events.get(s.eventId)?.round ?? Number.MAX_SAFE_INTEGER;
  // Sorted only when the sessions are not given in round order already (the usual case).
  let inOrder = true;
  for (let i = 1; i < season.sessions.length && inOrder; i++)
    inOrder = roundOf(season.sessions[i - 1]!) <= roundOf(season.sessions[i]!);
  const sessions = inOrder
    ? season.sessions.slice()
    : season.sessions
        .map((s, i) => ({ s, i }))
        .sort((a, b) => roundOf(a.s) - roundOf(b.s) || a.i - b.i)
        .map(({ s }) => s);
  const sessionMap = ids?.sessions ?? byId(sessions);
  const penalised = penaliseSeason(season).sessions;
  // Validation's map as it is when no penalty changes a classification (the usual case).
  let classifications = ids?.classifications;
  if (classifications === undefined || penalised.size > 0) {
    const made = new Map<string, Classification>();
    for (const c of season.classifications)
      made.set(c.sessionId, penalised.get(c.sessionId)?.classification ?? c);
    classifications = made;
  }
  const awards = ids?.awards ?? awardsBySession(season.awards);
  const races: number[] = [];
  for (const s of sessions) if (s.race !== undefined) races.push(s.race);
  // Sorted only when not ascending already (races numbered in calendar order: the usual case).
  let ascending = true;
  for (let i = 1; i < races.length && ascending; i++) ascending = races[i - 1]! <= races[i]!;
  if (!ascending) races.sort((a, b) => a - b);
  // The first session of each type at each event: the types seen so far, per event.
  const firstOfType = new Set<string>();
  const seen = new Map<string, string[]>();
  for (const s of sessions) {
    const types = seen.get(s.eventId);
    if (types === undefined) seen.set(s.eventId, [s.type]);
    else if (types.includes(s.type)) continue;
    else types.push(s.type);
    firstOfType.add(s.id);
  }
  const order = new Map<string, number>();
  sessions.forEach((s, i) => order.set(s.id, i));
  const held = sessions.filter((s) => s.race !== undefined && classifications.has(s.id)).map((s) => s.race!);
  return {
    season,
    sessions,
    order,
    findEntry,
    getEntry: (id) => {
      const found = findEntry(id);
      if (found === undefined)
        throw new Error(`unknown entry id ${JSON.stringify(id)} (validation should have caught it)`);
      return found;
    },
    findDriver: (id) => drivers.get(id),
    getDriver: getter(drivers, 'driver'),
    findTeam: (id) => teams.get(id),
    getTeam: getter(teams, 'team'),
    findEvent: (id) => events.get(id),
    getEvent: getter(events, 'event'),
    findSession: (id) => sessionMap.get(id),
    findClassification: (id) => classifications.get(id),
    penaltiesOf: (id) => penalised.get(id)?.applied ?? [],
    awardsOf: (id) => awards.get(id) ?? [],
    races,
    lastHeldRace: held.length ? Math.max(...held) : 0,
    isFirstOfTypeAtEvent: (id) => firstOfType.has(id),
    scratch: undefined,
  };
}
