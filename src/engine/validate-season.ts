/**
 * Checks a season's references and classifications and returns every problem found. Paths use ids
 * (['results', 'race-03', 2, 'entry']) so the file loaders can point at the line.
 */
import { issue } from './issues.js';
import type { DataPath, Issue } from './issues.js';
import { penaliseSeason } from './penalties.js';
import { isPenalty } from './season.js';
import type { Award, Classification, Season, Session } from './season.js';
import { numberEntries, rowDataOf, rowFact } from './season-rows.js';
import type { EntryNumbers } from './season-rows.js';
import type { SeasonIds } from './season-index.js';

/** The furthest place a partial classification may name beyond its own rows and entries. */
export const MAX_LISTED_POSITION = 500;

/**
 * The items of `items` by id (the last of a repeated id, as the season index keeps it), with an
 * issue in `out` for each id used twice. A sound season's maps are the index's (`SeasonIds`).
 */
function idsOf<T extends { id: string }>(
  items: readonly T[],
  what: string,
  path: string,
  out: Issue[],
): Map<string, T> {
  const seen = new Map<string, T>();
  for (const item of items) {
    // Set first: a repeated id leaves the size as it was (one lookup an item, not two).
    const size = seen.size;
    seen.set(item.id, item);
    if (seen.size === size)
      out.push(
        issue(
          `${what}.duplicate-id`,
          [path, item.id, 'id'],
          `${what} id "${item.id}" is used twice`,
          'Give each one its own id.',
        ),
      );
  }
  return seen;
}

/** Places up to this are checked for repeats in an array; others (bad input) in a Map. */
const MAX_POSITION_SLOTS = 1024;

/** Where a result row's field is: ['results', session, row, field]. */
const rowPath = (sessionId: string, i: number, field: string): DataPath => ['results', sessionId, i, field];

const known = (ids: ReadonlyMap<string, unknown>) =>
  [...ids.keys()].slice(0, 8).join(', ') + (ids.size > 8 ? ', ...' : '');

/** Returns every referential and consistency problem of a season (empty when it is sound). */
export function validateSeason(season: Season): Issue[] {
  return checkSeason(season).issues;
}

/**
 * `validateSeason`, and what it read on the way that scoring reads again, flat over
 * `season.classifications` in order: each result row's entry (its index in `season.entries`, -1
 * when unknown), and in `rowFacts` each row's status and flags (`rowFact`), then each row's
 * position (-1: none).
 */
export function checkSeason(season: Season): {
  issues: Issue[];
  rowSlots: Int32Array;
  rowFacts: Int32Array;
  /** The season's items by id and each entry's slot, for the index of the same computation. */
  ids: SeasonIds;
  /** Each entry's team and class numbers, for the entry facts of the same computation. */
  numbers: EntryNumbers;
} {
  const out: Issue[] = [];
  const drivers = idsOf(season.drivers, 'driver', 'drivers', out);
  const teams = idsOf(season.teams, 'team', 'teams', out);
  const classes = idsOf(season.classes, 'class', 'classes', out);
  const events = idsOf(season.events, 'event', 'events', out);
  const sessions = idsOf(season.sessions, 'session', 'sessions', out);
  const entries = season.entries;
  const E = entries.length;
  // Each entry's slot (the last of a repeated id, as the season index keeps it): the index finds an
  // entry by its slot, so no map of the entries themselves is made. The same slots by id for the row
  // pass: a keyed load from an object without a prototype (a dictionary) costs about half a Map
  // lookup by a string, once per row of the season.
  const entrySlot = new Map<string, number>();
  const slotById = Object.create(null) as Record<string, number | undefined>;
  for (let i = 0; i < E; i++) {
    const id = entries[i]!.id;
    // Set first: a repeated id leaves the size as it was (one lookup an entry, not two).
    const size = entrySlot.size;
    entrySlot.set(id, i);
    slotById[id] = i;
    if (entrySlot.size === size)
      out.push(
        issue(
          'entry.duplicate-id',
          ['entries', id, 'id'],
          `entry id "${id}" is used twice`,
          'Give each one its own id.',
        ),
      );
  }
  const ref = (set: ReadonlyMap<string, unknown>, id: string, what: string, path: DataPath) => {
    if (!set.has(id))
      out.push(
        issue(`${what}.unknown`, path, `unknown ${what} "${id}"`, `Known ${what} ids: ${known(set)}.`),
      );
  };
  const races = new Map<number, string>();
  for (const s of season.sessions) {
    ref(events, s.eventId, 'event', ['sessions', s.id, 'event']);
    if (s.race !== undefined) {
      const other = races.get(s.race);
      if (other !== undefined)
        out.push(
          issue(
            'session.duplicate-race',
            ['sessions', s.id, 'race'],
            `race number ${s.race} is used by both ${other} and ${s.id}`,
            'Number the races 1, 2, 3 ... across the season.',
          ),
        );
      races.set(s.race, s.id);
    }
  }
  // Each event's slot: the season's events first (a slot below `knownEvents` is a known event), then
  // events that sessions name but the season does not list (reported above). One lookup per round
  // an entry names both checks the round and marks it covered.
  const eventSlot = new Map<string, number>();
  for (const id of events.keys()) eventSlot.set(id, eventSlot.size);
  const knownEvents = eventSlot.size;
  for (const s of season.sessions) if (!eventSlot.has(s.eventId)) eventSlot.set(s.eventId, eventSlot.size);
  const eventCount = eventSlot.size;
  let rowCount = 0;
  for (const c of season.classifications) rowCount += c.rows.length;
  // One backing store for the rows' slots and facts and the entries' numbers (each typed array of
  // its own costs one), the last released computation's when it is large enough (season-rows.ts).
  const rowData = rowDataOf(3 * rowCount + 2 * E);
  const rowSlots = rowData.subarray(0, rowCount).fill(-1);
  const rowFacts = rowData.subarray(rowCount, 3 * rowCount);
  // Each entry's team and class numbers, in the order first seen (`numberEntries`, as the entry
  // facts number them), with whether each is known: one lookup per team and class, not per entry.
  const teamOf = rowData.subarray(3 * rowCount, 3 * rowCount + E);
  const classOf = rowData.subarray(3 * rowCount + E, 3 * rowCount + 2 * E);
  const { teamIds, classIds } = numberEntries(entries, teamOf, classOf);
  const teamKnown = teamIds.map((id) => teams.has(id));
  const classKnown = classIds.map((id) => classes.has(id));
  // Which events each entry covers, as flags: one lookup per row instead of a Map lookup and a
  // search of its rounds. Small arrays stay plain: a typed array past 64 bytes costs a backing
  // store of its own.
  const covers = new Array<number>(E * eventCount).fill(0);
  // The slots of the entry before's rounds: an entry naming the same round at the same place (the
  // usual case, every entry all rounds in order) takes its slot without a lookup.
  const roundSlots: number[] = [];
  let rounds: readonly string[] = [];
  for (let i = 0; i < E; i++) {
    const e = entries[i]!;
    const t = teamOf[i]!;
    const c = classOf[i]!;
    // Each path is made only for a problem (an entry names every round it covers).
    if (!teamKnown[t]) ref(teams, e.teamId, 'team', ['entries', e.id, 'team']);
    if (!classKnown[c]) ref(classes, e.classId, 'class', ['entries', e.id, 'class']);
    for (const d of e.driverIds) if (!drivers.has(d)) ref(drivers, d, 'driver', ['entries', e.id, 'drivers']);
    const ids = e.eventIds;
    for (let j = 0; j < ids.length; j++) {
      const ev = ids[j]!;
      let k: number | undefined;
      if (j < rounds.length && rounds[j] === ev) k = roundSlots[j]! < 0 ? undefined : roundSlots[j];
      else roundSlots[j] = (k = eventSlot.get(ev)) ?? -1;
      if (k === undefined || k >= knownEvents) ref(events, ev, 'event', ['entries', e.id, 'rounds']);
      if (k !== undefined) covers[i * eventCount + k] = 1;
    }
    rounds = ids;
    if (e.driverIds.length === 0)
      out.push(
        issue(
          'entry.no-driver',
          ['entries', e.id, 'drivers'],
          `entry "${e.id}" has no driver`,
          'Every entry has at least one driver.',
        ),
      );
  }
  // Each session's classification (the index's, when no penalty changes one), made here once.
  const classificationOf = new Map<string, Classification>();
  const entrySeen = new Array<number>(season.entries.length).fill(0);
  // Sized to the places a sound season uses (up to its longest classification); others take the Map.
  let longest = 0;
  for (const c of season.classifications) longest = Math.max(longest, c.rows.length);
  const slots = Math.min(MAX_POSITION_SLOTS, longest + 2);
  const placeSeen = new Array<number>(slots).fill(0);
  const placeRow = new Array<number>(slots).fill(0);
  let classificationStamp = 0;
  let firstRow = 0;
  for (const c of season.classifications) {
    const rowsAt = firstRow;
    firstRow += c.rows.length;
    const session = sessions.get(c.sessionId);
    if (!session) {
      out.push(
        issue(
          'session.unknown',
          ['results', c.sessionId],
          `results for unknown session "${c.sessionId}"`,
          `Known sessions: ${known(sessions)}.`,
        ),
      );
      continue;
    }
    // Set first: a second classification leaves the size as it was (one lookup, not two).
    const classified = classificationOf.size;
    classificationOf.set(c.sessionId, c);
    if (classificationOf.size === classified)
      out.push(
        issue(
          'results.duplicate-session',
          ['results', c.sessionId],
          `session "${c.sessionId}" has two classifications`,
        ),
      );
    // Who holds each place and which entries were seen, as stamps (this classification's number)
    // in arrays made once: no Set or Map per classification on the usual path.
    const stamp = ++classificationStamp;
    let oddPositions: Map<number, string> | undefined; // places outside the slots (partial or bad data)
    // Paths are made only for a problem: a sound season (the usual case) allocates nothing per row.
    const rows = c.rows;
    const eventAt = eventSlot.get(session.eventId)!;
    const furthest = Math.max(c.rows.length, season.entries.length, MAX_LISTED_POSITION);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const slot = slotById[row.entryId];
      if (slot === undefined) {
        out.push(
          issue(
            'entry.unknown',
            rowPath(c.sessionId, i, 'entry'),
            `unknown entry "${row.entryId}"`,
            `Known entries: ${known(entrySlot)}.`,
          ),
        );
        continue;
      }
      rowSlots[rowsAt + i] = slot;
      rowFacts[rowsAt + i] = rowFact(row);
      rowFacts[rowCount + rowsAt + i] = row.position ?? -1;
      if (entrySeen[slot] === stamp)
        out.push(
          issue(
            'results.duplicate-entry',
            rowPath(c.sessionId, i, 'entry'),
            `entry "${row.entryId}" appears twice in ${c.sessionId}`,
          ),
        );
      entrySeen[slot] = stamp;
      if (covers[slot * eventCount + eventAt] === 0) {
        out.push(
          issue(
            'results.entry-outside-span',
            rowPath(c.sessionId, i, 'entry'),
            `entry "${row.entryId}" does not cover event "${session.eventId}"`,
            "Add the round to the entry's rounds, or use the entry that drove this round.",
          ),
        );
      }
      if (row.driverIds !== undefined)
        for (const d of row.driverIds)
          if (!drivers.has(d)) ref(drivers, d, 'driver', rowPath(c.sessionId, i, 'drivers'));
      if (row.status === 'classified' && row.position === undefined) {
        out.push(
          issue(
            'results.missing-position',
            rowPath(c.sessionId, i, 'position'),
            `classified entry "${row.entryId}" has no position`,
            'Give its finishing position, or a status such as DNF.',
          ),
        );
      }
      if (row.position !== undefined) {
        if (!Number.isInteger(row.position) || row.position < 1)
          out.push(
            issue(
              'results.bad-position',
              rowPath(c.sessionId, i, 'position'),
              `position ${row.position} is not a whole number from 1`,
            ),
          );
        // A place beyond any field cannot have been finished in (and would size arrays in
        // countback). A classification may list only some cars (scorers only, as golden tests
        // do), so the bound is the larger of its rows, the season's cars and MAX_LISTED_POSITION.
        else if (row.position > furthest)
          out.push(
            issue(
              'results.position-out-of-range',
              rowPath(c.sessionId, i, 'position'),
              `position ${row.position} is beyond the field (${c.rows.length} cars listed, ${season.entries.length} entered)`,
              'Positions run from 1 to the number of cars; check for a typing slip.',
            ),
          );
        const p = row.position;
        const inSlots = Number.isInteger(p) && p >= 1 && p < slots;
        const other = inSlots
          ? placeSeen[p] === stamp
            ? rows[placeRow[p]!]!.entryId
            : undefined
          : oddPositions?.get(p);
        if (other !== undefined)
          out.push(
            issue(
              'results.duplicate-position',
              rowPath(c.sessionId, i, 'position'),
              `"${row.entryId}" and "${other}" are both in position ${row.position}`,
              'Each position appears once; check the order.',
            ),
          );
        if (inSlots) {
          placeSeen[p] = stamp;
          placeRow[p] = i;
        } else (oddPositions ??= new Map()).set(p, row.entryId);
      }
    }
  }
  // Each session's awards in order (the index's `awardsOf`, made here once). A repeated award is
  // found among the earlier awards of its session, compared field by field: no key string per award.
  // A session's awards are usually listed together: the award before's session, list and event
  // serve without a lookup.
  const awards = season.awards;
  const awardsOf = new Map<string, Award[]>();
  let listedFor: string | undefined;
  let list: Award[] = [];
  let session: Session | undefined;
  let awardEvent = -1;
  for (let i = 0; i < awards.length; i++) {
    const a = awards[i]!;
    if (a.sessionId !== listedFor) {
      listedFor = a.sessionId;
      const given = awardsOf.get(a.sessionId);
      if (given === undefined) awardsOf.set(a.sessionId, (list = []));
      else list = given;
      session = sessions.get(a.sessionId);
      awardEvent = session === undefined ? -1 : eventSlot.get(session.eventId)!;
    }
    for (const b of list) {
      if (b.award !== a.award || b.scope !== a.scope || b.entryId !== a.entryId || b.driverId !== a.driverId)
        continue;
      out.push(
        issue(
          'awards.duplicate',
          ['awards', i, 'entry'],
          `the ${a.award} award of ${a.sessionId} (${a.scope}) is given to "${a.entryId}" twice`,
          'Remove the repeated row; a shared award is one row per holder.',
        ),
      );
      break;
    }
    list.push(a);
    if (!session)
      out.push(
        issue('session.unknown', ['awards', i, 'session'], `award for unknown session "${a.sessionId}"`),
      );
    const slot = slotById[a.entryId];
    if (slot === undefined)
      out.push(
        issue(
          'entry.unknown',
          ['awards', i, 'entry'],
          `unknown entry "${a.entryId}"`,
          `Known entries: ${known(entrySlot)}.`,
        ),
      );
    else if (session && covers[slot * eventCount + awardEvent] === 0)
      out.push(
        issue(
          'awards.entry-outside-span',
          ['awards', i, 'entry'],
          `entry "${a.entryId}" does not cover event "${session.eventId}"`,
        ),
      );
    if (a.scope !== 'overall' && !classes.has(a.scope))
      ref(classes, a.scope, 'class', ['awards', i, 'scope']);
    if (a.driverId !== undefined && !drivers.has(a.driverId))
      ref(drivers, a.driverId, 'driver', ['awards', i, 'driver']);
  }
  season.adjustments.forEach((a, i) => {
    // Penalties name an entry in a session; penalties.ts checks them (and whether they apply).
    if (isPenalty(a)) return;
    const path = ['adjustments', i];
    if (a.driverId !== undefined) ref(drivers, a.driverId, 'driver', [...path, 'driver']);
    if (a.teamId !== undefined) ref(teams, a.teamId, 'team', [...path, 'team']);
    if ((a.driverId === undefined) === (a.teamId === undefined))
      out.push(issue('adjustment.competitor', path, 'an adjustment names exactly one driver or one team'));
    if ('sessionId' in a && a.sessionId !== undefined && !sessions.has(a.sessionId))
      out.push(issue('session.unknown', [...path, 'session'], `unknown session "${a.sessionId}"`));
  });
  out.push(...penaliseSeason(season).issues);
  return {
    issues: out,
    rowSlots,
    rowFacts,
    ids: { drivers, teams, events, sessions, entrySlot, awards: awardsOf, classifications: classificationOf },
    numbers: { teamOf, teams: teamIds.length, classOf, classes: classIds.length },
  };
}
