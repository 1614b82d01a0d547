/**
 * A season's entries and held result rows as numbers, for the integer-indexed booking (ADR 20):
 * each entry's slot, team and class number, and every held session's rows (entry slot, status,
 * position, placed rows in position order) in flat typed arrays cut from one arena. Made once per
 * computation (a SeasonIndex) and shared by its championships' bookings and tables.
 */
import type { SeasonIndex } from './season-index.js';
import type { Championship } from './rulebook.js';
import type { competitorFinder } from './ledger.js';
import type { DropContext } from './rules/types.js';
import type { Competitor } from './standings.js';
import { STARTED_STATUSES } from './season.js';
import type { Award, ClassificationRow, Entry, Event, Session } from './season.js';

/** Until an arena's first use and after its release: one empty buffer, none made per computation. */
const NO_BUFFER = new ArrayBuffer(0);

/**
 * Zeroed typed arrays cut from one buffer per computation (a larger one, twice the last, when it is
 * used up). A typed array of more than 64 bytes gets a backing store of its own in V8 (an
 * allocation, and work for the garbage collector); views of one buffer do not. Each view is handed
 * out once, so it starts at zero.
 *
 * A computation that is done with its arrays gives its buffer back (`release`), and the next
 * arena starts with it, zeroed where it was used: a new buffer per computation cost about 20 us
 * to allocate and, as external memory, a full garbage collection every few dozen computations.
 */
export class Arena {
  /** The first buffer's bytes: the bench season's three tables (about 80 KB) fit in one. */
  private static readonly FIRST = 1 << 17;
  /** A buffer given back, and how many of its bytes were used (to zero before it is reused). */
  private static spare: ArrayBuffer | undefined;
  private static spareUsed = 0;
  private buffer = NO_BUFFER;
  private at = 0;
  private released = false;

  /** Where `bytes` aligned to `align` start in the buffer (a new one when they do not fit). */
  private take(bytes: number, align: number): number {
    if (this.released) throw new Error('an arena used after it was released');
    let at = Math.ceil(this.at / align) * align;
    if (at + bytes > this.buffer.byteLength) {
      const spare = Arena.spare;
      const size = Math.max(bytes, Arena.FIRST, 2 * this.buffer.byteLength);
      if (spare !== undefined && spare.byteLength >= size) {
        Arena.spare = undefined;
        new Uint8Array(spare, 0, Arena.spareUsed).fill(0);
        this.buffer = spare;
      } else this.buffer = new ArrayBuffer(size);
      at = 0;
    }
    this.at = at + bytes;
    return at;
  }

  /** Gives the buffer back for the next arena; no array cut from this one may be read after. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.buffer.byteLength >= (Arena.spare?.byteLength ?? 0) && this.buffer.byteLength > 0) {
      Arena.spare = this.buffer;
      Arena.spareUsed = this.at;
    }
    this.buffer = NO_BUFFER;
  }

  f64(n: number): Float64Array {
    const at = this.take(8 * n, 8); // first: it may replace the buffer
    return new Float64Array(this.buffer, at, n);
  }

  i32(n: number): Int32Array {
    const at = this.take(4 * n, 4); // first: it may replace the buffer
    return new Int32Array(this.buffer, at, n);
  }

  u8(n: number): Uint8Array {
    const at = this.take(n, 1); // first: it may replace the buffer
    return new Uint8Array(this.buffer, at, n);
  }
}

/** Per season index: each entry's slot, team and class number, and each classification's row facts. */
export interface EntryFacts {
  readonly arena: Arena;
  readonly slot: ReadonlyMap<string, number>;
  readonly teamOf: Int32Array;
  readonly teams: number;
  readonly classOf: Int32Array;
  readonly classes: number;
  /** Made on first use. */
  rows: SeasonRows | undefined;
  /** Each row's entry slot over `season.classifications` in order, when validation gave them. */
  given: Int32Array | undefined;
  /** Each such row's status and flags (`rowFact`), then each one's position (-1: none). */
  givenFacts: Int32Array | undefined;
  /**
   * Made on first use by the bookings and tables of this computation, and dropped with these facts
   * (`releaseSeasonRows`): the competitors by kind (`Holders`), the drop contexts with the sessions each
   * was made of, each race's calendar order. Not in WeakMaps keyed by the index: such an entry (a
   * finder holds the index) outlived its computation in young-generation collections, which copied
   * and promoted every computation's finders and contexts (about 1.4 MB a scavenge, 5 ms instead of
   * 1.5 in the bench's totals) until the next full collection.
   */
  holders: Map<Championship['competitor'], Holders> | undefined;
  dropContexts:
    | {
        readonly sessions: readonly Session[];
        readonly ctx: Pick<DropContext, 'seasonSessionIds' | 'finalEventSessionIds'>;
      }[]
    | undefined;
  raceOrders: Map<number, number> | undefined;
}

/** A computation's competitor finder for one kind of competitor (ledger.ts). */
export type Finder = ReturnType<typeof competitorFinder>;

/**
 * A computation's competitors of one kind, shared by its championships of that kind: the finder
 * (one object per competitor), each competitor's number in the order first found, and each entry's
 * usual holders (its drivers, team or itself) as numbers, made once per entry. A booking keeps its
 * accounts by number: no Map per booking.
 */
export interface Holders {
  readonly find: Finder;
  /** By competitor id (ids of one kind are unique). */
  readonly number: Map<string, number>;
  readonly competitors: Competitor[];
  readonly usual: (readonly number[] | undefined)[];
}

/** A row's status as the ranking reads it. */
export const CLASSIFIED = 0;
export const DNS = 1;
export const OTHER = 2;
/** A row's flags: its status is one of STARTED_STATUSES; it names its drivers. */
export const STARTED = 1;
export const NAMED = 2;

/**
 * Every held session's rows as numbers, in flat arrays made once per computation and shared by
 * its championships: a held session's rows start at its `row0` (`of`).
 */
export interface SeasonRows {
  /** Each session of the index: what a booking reads of it, looked up once per computation. */
  readonly of: ReadonlyMap<Session, SessionFacts>;
  /** Each row's entry slot. */
  readonly entry: Int32Array;
  readonly status: Uint8Array;
  /** Each row's STARTED and NAMED flags. */
  readonly flags: Uint8Array;
  /** Each row's position as given (-1: none). */
  readonly position: Int32Array;
  /**
   * From a session's start: its rows with a position that are classified or did not start (row
   * numbers within the session), stably in position order, then -1.
   */
  readonly placed: Int32Array;
  /** Each entry's rows over every held session. */
  readonly rowsOfEntry: Int32Array;
}

/** A session as the bookings read it: its calendar order, event, held rows and awards. */
export interface SessionFacts {
  readonly order: number;
  readonly event: Event;
  /** Its classification's rows (after penalties), undefined when not held. */
  readonly rows: readonly ClassificationRow[] | undefined;
  /** Where its rows start in the flat arrays (-1: not held). */
  readonly row0: number;
  readonly awards: readonly Award[];
  readonly firstOfTypeAtEvent: boolean;
}

// Made once per computation and shared by its championships, kept in the computation's SeasonIndex
// (`scratch`), not in a WeakMap keyed by it: a WeakMap's entries outlive their dead keys in
// young-generation collections until the next full one, so the entries of a computation that did
// not release its facts (computeStandings did not, until the ninth session) slowed every later
// computation's collections: the bench's totals, run after the full tables, took about 45 CPU ms
// a run instead of about 24. Facts an entry point does not release now die with their index.
const factsOf = (index: SeasonIndex): EntryFacts | undefined => index.scratch as EntryFacts | undefined;

/** Each entry's team and class numbers, in the order first seen, and how many of each. */
export interface EntryNumbers {
  readonly teamOf: Int32Array;
  readonly teams: number;
  readonly classOf: Int32Array;
  readonly classes: number;
}

/**
 * The index's entry facts, made on first use. `slot` and `numbers`: each entry's slot by id
 * (`SeasonIds.entrySlot`: the last of a repeated id, as here) and its team and class numbers as
 * validation made them (`checkSeason`), used instead of making them again.
 */
export function entryFactsOf(
  index: SeasonIndex,
  slot?: ReadonlyMap<string, number>,
  numbers?: EntryNumbers,
): EntryFacts {
  let facts = factsOf(index);
  if (facts) return facts;
  const entries = index.season.entries;
  const { teamOf, teams, classOf, classes } = numbers ?? numbersOf(entries);
  facts = {
    arena: new Arena(),
    slot: slot ?? slotsOf(entries),
    teamOf,
    teams,
    classOf,
    classes,
    rows: undefined,
    given: undefined,
    givenFacts: undefined,
    holders: undefined,
    dropContexts: undefined,
    raceOrders: undefined,
  };
  index.scratch = facts;
  return facts;
}

/** Each entry's slot by id (the last of a repeated id). */
function slotsOf(entries: readonly Entry[]): Map<string, number> {
  const slot = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) slot.set(entries[i]!.id, i);
  return slot;
}

/** Each entry's team and class numbers (`numberEntries`), when validation did not give them. */
function numbersOf(entries: readonly Entry[]): EntryNumbers {
  // Not from the arena: the full tables read only these (bulk-standings.ts), and the arena's buffer
  // is made on its first use (the totals' booking). One backing store for both.
  const numbers = new Int32Array(2 * entries.length);
  const teamOf = numbers.subarray(0, entries.length);
  const classOf = numbers.subarray(entries.length);
  const { teamIds, classIds } = numberEntries(entries, teamOf, classOf);
  return { teamOf, teams: teamIds.length, classOf, classes: classIds.length };
}

/**
 * Numbers each entry's team and class in the order first seen, into `teamOf` and `classOf`;
 * returns the ids so numbered. Validation (`checkSeason`) and the entry facts number them so.
 */
export function numberEntries(
  entries: readonly Entry[],
  teamOf: Int32Array,
  classOf: Int32Array,
): { readonly teamIds: readonly string[]; readonly classIds: readonly string[] } {
  const teamNumber = new Map<string, number>();
  const teamIds: string[] = [];
  // A season has a few classes, found by a search of this list (no Map per computation).
  const classIds: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    // A team's cars are usually listed together: the entry before's team needs no lookup.
    let t = i > 0 && entries[i - 1]!.teamId === e.teamId ? teamOf[i - 1]! : teamNumber.get(e.teamId);
    if (t === undefined) {
      teamNumber.set(e.teamId, (t = teamIds.length));
      teamIds.push(e.teamId);
    }
    teamOf[i] = t;
    let c = classIds.indexOf(e.classId);
    if (c < 0) c = classIds.push(e.classId) - 1;
    classOf[i] = c;
  }
  return { teamIds, classIds };
}

/** A row's status as the ranking reads it and its flags, as one number (`status | flags << 2`). */
export function rowFact(row: ClassificationRow): number {
  const named = row.driverIds === undefined ? 0 : NAMED << 2;
  // The two usual statuses without a Set lookup (their flags taken from STARTED_STATUSES once).
  if (row.status === 'classified') return CLASSIFIED_FACT | named;
  if (row.status === 'DNS') return DNS_FACT | named;
  return OTHER | (STARTED_STATUSES.has(row.status) ? STARTED << 2 : 0) | named;
}
const CLASSIFIED_FACT = CLASSIFIED | (STARTED_STATUSES.has('classified') ? STARTED << 2 : 0);
const DNS_FACT = DNS | (STARTED_STATUSES.has('DNS') ? STARTED << 2 : 0);

/**
 * The buffer of validation's row slots and facts given back by the last computation that released
 * them (`releaseSeasonRows`): a typed array of its own costs an allocation (about 3-4 us for a
 * season of 600 rows, and external memory the collector counts), once per computation.
 */
let spareRowData: Int32Array | undefined;

/** Zeroed room for `n` numbers of validation's row data: the spare buffer when it is large enough. */
export function rowDataOf(n: number): Int32Array {
  const spare = spareRowData;
  if (spare === undefined || spare.length < n) return new Int32Array(n);
  spareRowData = undefined;
  return spare.subarray(0, n).fill(0);
}

/**
 * Gives a computation's booking what its validation read of each row (`checkSeason`): its entry
 * slot, and (`rowFacts`) its status, flags and position, so the rows as given are read once per
 * computation, not again here. Their buffer (`rowDataOf`) is given back with the facts.
 */
export function giveRowSlots(
  index: SeasonIndex,
  rowSlots: Int32Array,
  rowFacts: Int32Array,
  entrySlot?: ReadonlyMap<string, number>,
  numbers?: EntryNumbers,
): void {
  const facts = entryFactsOf(index, entrySlot, numbers);
  facts.given = rowSlots;
  facts.givenFacts = rowFacts;
}

/**
 * Ends a computation's use of its entry facts and season rows: its arena's buffer goes to the
 * next computation. Called by an entry point whose results hold none of them (the totals); any
 * later lookup for this index makes new facts.
 */
export function releaseSeasonRows(index: SeasonIndex): void {
  const facts = factsOf(index);
  if (facts === undefined) return;
  index.scratch = undefined;
  facts.arena.release();
  // Validation's row data (one buffer, `rowDataOf`) is read only through these facts: the next
  // computation's validation may have it.
  const given = facts.given;
  if (given !== undefined && given.buffer.byteLength >= 4 * (spareRowData?.length ?? 0))
    spareRowData = new Int32Array(given.buffer);
}

/** The season's held rows as numbers (made once per computation). */
export function seasonRowsOf(index: SeasonIndex): SeasonRows {
  const facts = entryFactsOf(index);
  if (facts.rows) return facts.rows;
  const held: (readonly ClassificationRow[])[] = [];
  const of = new Map<Session, SessionFacts>();
  let total = 0;
  for (let k = 0; k < index.sessions.length; k++) {
    const session = index.sessions[k]!;
    const c = index.findClassification(session.id);
    of.set(session, {
      order: k,
      event: index.getEvent(session.eventId),
      rows: c?.rows,
      row0: c === undefined ? -1 : total,
      awards: index.awardsOf(session.id),
      firstOfTypeAtEvent: index.isFirstOfTypeAtEvent(session.id),
    });
    if (c === undefined) continue;
    held.push(c.rows);
    total += c.rows.length;
  }
  // Where validation's slots of each classification as given start (penalties make new rows): the
  // next one as given when the season lists them in calendar order (the usual case), else by a map.
  const listed = index.season.classifications;
  let next = 0;
  let nextFrom = 0;
  let given: Map<object, number> | undefined;
  const givenFrom = (rows: readonly ClassificationRow[]): number | undefined => {
    if (next < listed.length && listed[next]!.rows === rows) {
      const from = nextFrom;
      nextFrom += listed[next++]!.rows.length;
      return from;
    }
    if (given === undefined) {
      given = new Map();
      let from = 0;
      for (const c of listed) {
        given.set(c.rows, from);
        from += c.rows.length;
      }
    }
    return given.get(rows);
  };
  const { arena } = facts;
  const entry = arena.i32(total);
  const status = arena.u8(total);
  const flags = arena.u8(total);
  const position = arena.i32(total);
  const placed = arena.i32(total);
  const rowsOfEntry = arena.i32(facts.teamOf.length);
  // Validation's facts hold each row's status and flags, then (from here) each row's position.
  const givenSlots = facts.given;
  const positions = givenSlots === undefined ? 0 : givenSlots.length;
  let start = 0;
  for (const rows of held) {
    const R = rows.length;
    const from = facts.given === undefined ? undefined : givenFrom(rows);
    let n = 0;
    let inOrder = true;
    // Rows as validation read them (no row object read), or read here (penalties made new rows).
    const read = from !== undefined && givenSlots !== undefined ? facts.givenFacts : undefined;
    for (let j = 0; j < R; j++) {
      const k = start + j;
      let e: number;
      let fact: number;
      let p: number;
      if (read !== undefined) {
        e = givenSlots![from! + j]!;
        fact = read[from! + j]!;
        p = read[positions + from! + j]!;
      } else {
        const row = rows[j]!;
        e = facts.slot.get(row.entryId)!;
        fact = rowFact(row);
        p = row.position ?? -1;
      }
      entry[k] = e;
      rowsOfEntry[e]!++;
      status[k] = fact & 3;
      flags[k] = fact >> 2;
      position[k] = p;
      if (p >= 0 && status[k] !== OTHER) {
        if (n > 0 && position[start + placed[start + n - 1]!]! > p) inOrder = false;
        placed[start + n++] = j;
      }
    }
    // Stable: rows at the same position keep their order (as rankRows's sort does).
    if (!inOrder)
      placed.subarray(start, start + n).sort((a, b) => position[start + a]! - position[start + b]! || a - b);
    placed.fill(-1, start + n, start + R);
    start += R;
  }
  return (facts.rows = { of, entry, status, flags, position, placed, rowsOfEntry });
}

/** A car's first row in a classification, or -1 (as `rows.find` gives it; bonuses only). */
export function rowOfEntry(rowEntry: Int32Array, at: number, R: number, e: number): number {
  for (let j = 0; j < R; j++) if (rowEntry[at + j] === e) return j;
  return -1;
}
