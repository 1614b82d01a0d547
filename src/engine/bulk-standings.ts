/**
 * `computeStandings`' tables made in bulk: the same contributions (Drafts, words made when read),
 * cells, drops, listing, tie-break records and rows as `scoreChampionship`, booked with competitors
 * as accounts in an array and held sessions as slots. What the general pipeline works out
 * afterwards by walking every book again (each session's drop units through Maps, who is listed,
 * the totals) is kept as the table is booked, and a team's cars in a session are grouped by entry
 * slot instead of Maps per team and session.
 *
 * The provenance is booked as records of numbers (`TableBook`): per contribution and per cell its
 * session's slot, its car's contribution in that session's list, the account, how it was shared,
 * why it does not count and flags. A row's contributions and cells are made from them when first
 * read (`BookRow`), the tie-break places only for rows level on points (ADR 22, ninth session).
 *
 * Rules whose booking changes after it is made take the general pipeline (undefined here):
 * adjustments of the table (deductions, withheld results, exclusions), team scoring over whole
 * rounds, only the best share of a driver's cars, and two or more drop rules at once. A property
 * test checks this path against the general pipeline (the same JSON, byte for byte, and words).
 */
import { add, compare, subtract, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship, DropRule, Rulebook, TieBreakRule } from './rulebook.js';
import { isPenalty, STARTED_STATUSES } from './season.js';
import type { Entry, Event, Session, Status } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { scoreSessionResults, wholeOf, withSessionBonuses } from './score-session.js';
import type { CarContribution, ScoredSessionResult, SessionResults } from './score-session.js';
import { championshipAt } from './championship-at.js';
import { competitorFinder, Draft, FixedWords } from './ledger.js';
import { dropContextOf } from './apply-drops.js';
import { dropModule, sharedDriveModule, teamScoringModule } from './rules/registry.js';
import type {
  CarResult,
  DriverShare,
  DropContext,
  DropUnit,
  TieBreakPlace,
  TieBreakRecord,
} from './rules/types.js';
import { bestResultsReason } from './rules/drops/best-results.js';
import { dropLowestReason } from './rules/drops/drop-lowest.js';
import { rankTallies, stepBetween } from './rank-standings.js';
import type { Ranked } from './rank-standings.js';
import { bestCarsReason } from './rules/team-scoring/best-cars.js';
import { entryFactsOf, seasonRowsOf } from './season-rows.js';
import { cutoffOf, followDriver, scoringPlacesOf, sessionsInScope } from './score-championship.js';
import type {
  ChampionshipStandings,
  Competitor,
  Contribution,
  ScoredSession,
  SessionCell,
  StandingRow,
  TieBreakStep,
} from './standings.js';

/** One competitor's account: what listing, drops and the total read, kept as the table is booked. */
interface Account {
  readonly competitor: Competitor;
  /** Its number: the records' `account`, and its stride in the per-slot columns. */
  readonly n: number;
  /**
   * Sum of the counted contributions: whole points as a number (each under 2^40, so the sum is
   * exact), the rest as a Fraction; `total` is both together once booking and drops are done.
   */
  whole: number;
  rest: Fraction;
  total: Fraction;
  /** Its counted result or bonus points in a held session were not all whole (drops: the modules' path). */
  inexact: boolean;
  /** A contribution of positive points (counted or not, never withheld here). */
  scored: boolean;
  /** A classified cell (in a race, when the championship scores races); a started cell; any cell. */
  classified: boolean;
  anyStarted: boolean;
  cells: number;
}

/** Record flags: counted when booked (before drops); dropped since; a bonus; a dropped race not started. */
const COUNTED = 1;
const DROPPED = 2;
const BONUS = 4;
/** Cell flags: the pole and the fastest lap of the championship's basis; its result dropped. */
const POLE = 1;
const FASTEST_LAP = 2;
const CELL_DROPPED = 4;

/**
 * Records of `width` numbers each, one after the other in one array that grows by doubling: one
 * allocation per table where an object per contribution and per cell were two hundred thousand a run.
 */
class Records {
  n = 0;
  data: Int32Array;
  constructor(
    readonly width: number,
    capacity: number,
  ) {
    this.data = new Int32Array(width * capacity);
  }
  /** Room for one more record; returns where it starts in `data`. */
  add(): number {
    const at = this.n++ * this.width;
    if (at === this.data.length) {
      const grown = new Int32Array(2 * at);
      grown.set(this.data);
      this.data = grown;
    }
    return at;
  }
}

/**
 * Typed arrays for one table's booking, cut from buffers kept from table to table (a table is
 * booked to the end before the next one starts, and none of these arrays outlives its booking). A
 * typed array of more than 64 bytes has its own buffer outside the heap, and a table needed a
 * dozen: making them was as costly as booking the table's contributions. Not season-rows.ts's
 * `Arena` (one per table, released at its end): tried, full workload 2.6-3.7% more CPU median and
 * about 5 ms more at the minimum in three interleaved A/Bs in one process (ninth session).
 */
class Scratch {
  static #i32 = new Int32Array(1 << 12);
  static #f64 = new Float64Array(1 << 11);
  static #u8 = new Uint8Array(1 << 12);
  #i = 0;
  #f = 0;
  #u = 0;

  /** `n` numbers, each `fill`. */
  i32(n: number, fill = 0): Int32Array {
    if (this.#i + n > Scratch.#i32.length) {
      Scratch.#i32 = new Int32Array(Math.max(n, 2 * Scratch.#i32.length));
      this.#i = 0;
    }
    const a = Scratch.#i32.subarray(this.#i, (this.#i += n));
    return a.fill(fill);
  }

  /** `n` zeros. */
  f64(n: number): Float64Array {
    if (this.#f + n > Scratch.#f64.length) {
      Scratch.#f64 = new Float64Array(Math.max(n, 2 * Scratch.#f64.length));
      this.#f = 0;
    }
    return Scratch.#f64.subarray(this.#f, (this.#f += n)).fill(0);
  }

  /** `n` zeros. */
  u8(n: number): Uint8Array {
    if (this.#u + n > Scratch.#u8.length) {
      Scratch.#u8 = new Uint8Array(Math.max(n, 2 * Scratch.#u8.length));
      this.#u = 0;
    }
    return Scratch.#u8.subarray(this.#u, (this.#u += n)).fill(0);
  }
}

/**
 * A contribution record: its held session's slot, its place in that session's list of car
 * contributions (-1: a dropped race not started), the account, the share (0: not shared), why it
 * does not count (0: it counts) and flags. A car's result is also its holder's cell in that
 * session (the same slot, item and account): the record then has the cell's flags (-1: not a
 * cell) and the car's position on the basis (-1: none), which the tie-break places read.
 */
const C_SLOT = 0;
const C_ITEM = 1;
const C_ACCOUNT = 2;
const C_SHARE = 3;
const C_WHY = 4;
const C_FLAGS = 5;
const C_CELL = 6;
const C_POSITION = 7;
const C_WIDTH = 8;

/**
 * One table's provenance as booked: a record of numbers per contribution and per cell (held
 * session slot, the car's contribution in that session's list, account, how it was shared, why it
 * does not count, flags) over the sessions' own contribution lists and ranked rows. The Drafts and
 * cells callers read are made from it the first time a row's `contributions` or `cells` are read,
 * for the whole table at once, and kept (ADR 22, ninth session).
 */
class TableBook {
  private drafts: Draft[][] | undefined;
  private cellLists: SessionCell[][] | undefined;
  private byAccount:
    | {
        readonly cStart: Int32Array;
        readonly cOrder: Int32Array;
        readonly eStart: Int32Array;
        readonly eOrder: Int32Array;
      }
    | undefined;

  constructor(
    readonly held: readonly Session[],
    readonly events: readonly Event[],
    /** Per slot: the session's car contributions (results first, in row order, then bonuses). */
    readonly lists: readonly (readonly CarContribution[])[],
    readonly accounts: readonly Account[],
    readonly records: Records,
    readonly shares: readonly DriverShare[],
    readonly whys: readonly (string | undefined)[],
    /** The rule of a dropped race not started (`drop:<kind>`). */
    readonly dropRule: string,
  ) {}

  /** Each account's Drafts, in booking order (a dropped race not started last). */
  contributionsOf(a: number): readonly Draft[] {
    if (this.drafts === undefined) {
      const lists: Draft[][] = this.accounts.map(() => []);
      const r = this.records.data;
      const end = this.records.n * C_WIDTH;
      for (let k = 0; k < end; k += C_WIDTH) {
        const s = r[k + C_SLOT]!;
        const session = this.held[s]!;
        const i = r[k + C_ITEM]!;
        const reason = this.whys[r[k + C_WHY]!];
        const list = lists[r[k + C_ACCOUNT]!]!;
        if (i < 0) {
          list.push(
            new Draft(
              session.id,
              session.eventId,
              session.race,
              'result',
              this.dropRule,
              new FixedWords(`${session.name}: not started, a zero result`),
              ZERO,
              false,
              reason,
              undefined,
            ),
          );
          continue;
        }
        const c = this.lists[s]![i]!;
        const f = r[k + C_FLAGS]!;
        const share = r[k + C_SHARE]!;
        const shared = share === 0 ? undefined : this.shares[share - 1]!;
        list.push(
          new Draft(
            session.id,
            this.events[s]!.id,
            session.race,
            c.kind,
            c.rule,
            c,
            shared?.points ?? c.points,
            (f & COUNTED) !== 0 && (f & DROPPED) === 0,
            reason,
            c.entryId,
            shared?.description || undefined,
          ),
        );
      }
      this.drafts = lists;
    }
    return this.drafts[a]!;
  }

  /** Each account's cells, in booking order. */
  cellsOf(a: number): readonly SessionCell[] {
    if (this.cellLists === undefined) {
      const { eStart, eOrder } = this.indexed();
      const e = this.records.data;
      const lists: SessionCell[][] = [];
      for (let b = 0; b < this.accounts.length; b++) {
        const points = this.cellPoints(b);
        const cells: SessionCell[] = [];
        for (let x = eStart[b]!, j = 0; x < eStart[b + 1]!; x++, j++) {
          const k = eOrder[x]! * C_WIDTH;
          const s = e[k + C_SLOT]!;
          const session = this.held[s]!;
          const r = this.lists[s]![e[k + C_ITEM]!]!.scored!;
          const flags = e[k + C_CELL]!;
          cells.push(
            new Cell(
              session.id,
              session.race,
              r.entry.id,
              r.row.status,
              r.position,
              r.row.position,
              (flags & POLE) !== 0,
              (flags & FASTEST_LAP) !== 0,
              points[j]!,
              (flags & CELL_DROPPED) !== 0,
            ),
          );
        }
        lists.push(cells);
      }
      this.cellLists = lists;
    }
    return this.cellLists[a]!;
  }

  /**
   * Account `a`'s points per cell: the counted contributions (as booked, before drops) of the
   * cell's car in the cell's session, as the general pipeline's cells have them.
   */
  cellPoints(a: number): Fraction[] {
    const { cStart, cOrder, eStart, eOrder } = this.indexed();
    const r = this.records.data;
    const e = r;
    const out: Fraction[] = [];
    // Both lists are in slot order (a dropped race not started, last, has no points here).
    let from = cStart[a]!;
    const end = cStart[a + 1]!;
    for (let x = eStart[a]!; x < eStart[a + 1]!; x++) {
      const j = eOrder[x]! * C_WIDTH;
      const s = e[j + C_SLOT]!;
      const entryId = this.lists[s]![e[j + C_ITEM]!]!.scored!.entry.id;
      for (; from < end; from++) {
        const k = cOrder[from]! * C_WIDTH;
        if (r[k + C_ITEM]! < 0 || r[k + C_SLOT]! >= s) break;
      }
      let points = ZERO;
      for (let y = from; y < end; y++) {
        const k = cOrder[y]! * C_WIDTH;
        const i = r[k + C_ITEM]!;
        if (i < 0 || r[k + C_SLOT]! !== s) break;
        if ((r[k + C_FLAGS]! & COUNTED) === 0) continue;
        const c = this.lists[s]![i]!;
        if (c.entryId !== entryId) continue;
        const share = r[k + C_SHARE]!;
        points = add(points, share === 0 ? c.points : this.shares[share - 1]!.points);
      }
      out.push(points);
    }
    return out;
  }

  /**
   * Each given account's places in the sessions counted for tie-breaks (`raceAt`), in calendar
   * order, from one pass over the cells; undefined for the others.
   */
  placesOf(
    wanted: Uint8Array,
    raceAt: Uint8Array,
    orders: readonly number[],
  ): (TieBreakPlace[] | undefined)[] {
    const A = this.accounts.length;
    const e = this.records.data;
    const end = this.records.n * C_WIDTH;
    // Each wanted account's number of places first, so its list is made at its length.
    const count = new Array<number>(A).fill(0);
    let most = 0;
    for (let k = 0; k < end; k += C_WIDTH) {
      const a = e[k + C_ACCOUNT]!;
      const s = e[k + C_SLOT]!;
      if (wanted[a] === 0 || raceAt[s] === 0 || e[k + C_CELL]! < 0) continue;
      count[a]!++;
      if (e[k + C_POSITION]! > most) most = e[k + C_POSITION]!;
    }
    const places = new Array<TieBreakPlace[] | undefined>(A);
    for (let a = 0; a < A; a++) if (wanted[a] === 1) places[a] = new Array<TieBreakPlace>(count[a]!);
    const filled = count.fill(0);
    // A place is the same for every account with that position in that session: made once (by
    // slot and position, 0 for none), as a record's places are read, never changed.
    const stride = most + 1;
    const made = PLACES_MADE;
    const size = this.held.length * stride;
    if (made.length < size) made.length = size;
    for (let k = 0; k < end; k += C_WIDTH) {
      const a = e[k + C_ACCOUNT]!;
      const s = e[k + C_SLOT]!;
      if (wanted[a] === 0 || raceAt[s] === 0 || e[k + C_CELL]! < 0) continue;
      const p = e[k + C_POSITION]!;
      const at = s * stride + (p < 0 ? 0 : p);
      places[a]![filled[a]!++] = made[at] ??= new Place(
        orders[s]!,
        this.held[s]!.race,
        p < 0 ? undefined : p,
      );
    }
    made.fill(undefined, 0, size);
    return places;
  }

  /** The first session (calendar order) where account `a` has a cell with points. */
  firstScored(a: number, orders: readonly number[]): TieBreakRecord['firstScored'] {
    const { eStart, eOrder } = this.indexed();
    const e = this.records.data;
    const points = this.cellPoints(a);
    for (let x = eStart[a]!, j = 0; x < eStart[a + 1]!; x++, j++) {
      if (points[j]!.num <= 0n) continue;
      const s = e[eOrder[x]! * C_WIDTH + C_SLOT]!;
      return { order: orders[s]!, race: this.held[s]!.race };
    }
    return undefined;
  }

  /** The records of each account, in booking order (a counting sort by account). */
  private indexed(): NonNullable<TableBook['byAccount']> {
    if (this.byAccount === undefined) {
      const A = this.accounts.length;
      // All records, or the cells only (a record with cell flags).
      const group = (cells: boolean) => {
        const { data, n } = this.records;
        const start = new Int32Array(A + 1);
        let m = 0;
        for (let k = 0; k < n; k++) {
          if (cells && data[k * C_WIDTH + C_CELL]! < 0) continue;
          start[data[k * C_WIDTH + C_ACCOUNT]! + 1]!++;
          m++;
        }
        for (let b = 0; b < A; b++) start[b + 1]! += start[b]!;
        const at = start.slice(0, A);
        const order = new Int32Array(m);
        for (let k = 0; k < n; k++)
          if (!cells || data[k * C_WIDTH + C_CELL]! >= 0) order[at[data[k * C_WIDTH + C_ACCOUNT]!]!++] = k;
        return { start, order };
      };
      const c = group(false);
      const e = group(true);
      this.byAccount = { cStart: c.start, cOrder: c.order, eStart: e.start, eOrder: e.order };
    }
    return this.byAccount;
  }
}

/** `placesOf`'s places by slot and position while one table's are made (emptied after). */
const PLACES_MADE: (TieBreakPlace | undefined)[] = [];

/** Whether this path makes the championship's table; otherwise the general pipeline does. */
function covers(index: SeasonIndex, champ: Championship, dropRules: number): boolean {
  if (dropRules > 1) return false;
  if (
    champ.competitor === 'driver' &&
    sharedDriveModule(champ.sharedDrives).bestShareOnly(champ.sharedDrives)
  )
    return false;
  if (champ.competitor === 'team' && teamScoringModule(champ.teamScoring).byRound) return false;
  for (const a of index.season.adjustments)
    if (!isPenalty(a) && (a.championshipId === undefined || a.championshipId === champ.id)) return false;
  return true;
}

/**
 * Whole points are summed as numbers when under this (a BigInt past it converts to a number past
 * it too), so a table's sums stay exact.
 */
const WHOLE = 2 ** 40;

/** Whole totals' Fractions under 2^12, each made once (shared by the rows with that total). */
const WHOLE_TOTALS = new Array<Fraction | undefined>(1 << 12);
function wholeTotal(n: number): Fraction {
  if (n >= 0 && n < WHOLE_TOTALS.length) return (WHOLE_TOTALS[n] ??= { num: BigInt(n), den: 1n });
  return { num: BigInt(n), den: 1n };
}

/** The places of a row no other row is level with on points: never read. */
const NO_PLACES: readonly TieBreakPlace[] = Object.freeze([]);

/**
 * Scores one championship up to and including race `afterRace` as `scoreChampionship` does, or
 * returns undefined when its rules need the general pipeline.
 */
export function scoreChampionshipBulk(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  afterRace: number,
  shared?: SharedResults,
): ChampionshipStandings | undefined {
  const final = afterRace >= (index.races.at(-1) ?? 0);
  const dropRules = champ.drops.filter((r) => r.applies !== 'final' || final);
  if (!covers(index, champ, dropRules.length)) return undefined;
  const dropRule = dropRules[0];
  const cutoff = cutoffOf(index, afterRace);
  const seasonSessions = sessionsInScope(index, champ);
  const held = seasonSessions.filter(
    (s) => index.order.get(s.id)! <= cutoff && index.findClassification(s.id) !== undefined,
  );
  const S = held.length;
  const orders: number[] = [];
  for (let s = 0; s < S; s++) orders.push(index.order.get(held[s]!.id)!);
  const scratch = new Scratch();
  const scoresHere = champ.classChanges === 'follow-driver' ? followDriver(index, champ, held) : undefined;
  const holdersOf = competitorFinder(champ, index);
  const at = championshipAt(champ);
  const drivers = champ.competitor === 'driver';
  const teams = champ.competitor === 'team';
  const racesOnly = 'race' in champ.points;
  const byClass = champ.basis === 'class';
  const sharing = sharedDriveModule(champ.sharedDrives);
  const noDriverPoints = shared !== undefined && index.season.entries.some((e) => e.driverPoints === false);

  // Why a record does not count, by number (0: it counts); each distinct reason is listed once.
  const whys: (string | undefined)[] = [undefined];
  const whyOf = new Map<string, number>();
  const whyId = (reason: string | undefined): number => {
    if (reason === undefined) return 0;
    let id = whyOf.get(reason);
    if (id === undefined) whyOf.set(reason, (id = whys.push(reason) - 1));
    return id;
  };
  // A shared car's share, by number (0: not shared), asked once per value and number of drivers
  // (a scale's points are the same objects row after row).
  const shareList: DriverShare[] = [];
  const shareWhole: number[] = [];
  const shareWhy: number[] = [];
  const shares = new Map<Fraction, number[]>();
  const shareOf = (points: Fraction, n: number): number => {
    let byDrivers = shares.get(points);
    if (byDrivers === undefined) shares.set(points, (byDrivers = []));
    let id = byDrivers[n];
    if (id === undefined) {
      const share = sharing.share(champ.sharedDrives, points, n);
      shareWhy.push(whyId(share.reason));
      shareWhole.push(wholeOf(share.points));
      byDrivers[n] = id = shareList.push(share);
    }
    return id;
  };

  const accounts: Account[] = [];
  const accountOf = new Map<Competitor, number>();
  // Per account and slot (drops only): counted result and bonus points as whole numbers, started.
  // A table has at most one account per driver, team or entry of the season (validated ids).
  const season = index.season;
  const most =
    champ.competitor === 'driver'
      ? season.drivers.length
      : champ.competitor === 'team'
        ? season.teams.length
        : season.entries.length;
  const result = scratch.f64(dropRule ? most * S : 0);
  const bonus = scratch.f64(dropRule?.includeBonuses ? most * S : 0);
  const startedAt = scratch.u8(dropRule ? most * S : 0);
  const open = (c: Competitor): number => {
    let a = accountOf.get(c);
    if (a === undefined) {
      a = accounts.length;
      accounts.push({
        competitor: c,
        n: a,
        whole: 0,
        rest: ZERO,
        total: ZERO,
        inexact: false,
        scored: false,
        classified: false,
        anyStarted: false,
        cells: 0,
      });
      accountOf.set(c, a);
      if (a >= most) throw new Error(`competitor ${c.id} is account ${a} of at most ${most} in ${champ.id}`);
    }
    return a;
  };

  // The accounts of a car's usual holders (its drivers, its team or itself) by the car's entry slot
  // (by entry object for a bonus to a car without a row): one lookup where holdersOf and a lookup
  // per holder were two or three. A row naming who drove, or a bonus naming a driver, asks
  // holdersOf each time.
  const usual = new Array<readonly number[] | undefined>(index.season.entries.length);
  const usualOf = new Map<Entry, readonly number[]>();
  const accountsOf = (c: CarContribution): readonly number[] => {
    const row = c.scored;
    const entry = row?.entry ?? index.getEntry(c.entryId);
    if (c.driverId === undefined && row?.row.driverIds === undefined) {
      if (c.slot >= 0) return (usual[c.slot] ??= holdersOf(entry, row).map(open));
      let list = usualOf.get(entry);
      if (list === undefined) usualOf.set(entry, (list = holdersOf(entry, row).map(open)));
      return list;
    }
    return holdersOf(entry, row, c.driverId).map(open);
  };

  // Team tables: each session's cars grouped by team, by entry slot (no Maps per team and session).
  const facts = teams ? entryFactsOf(index) : undefined;
  // Which cars of a team count in a session: every car (all-cars: nothing to judge), the best N
  // (best-cars, chosen here), or as the team scoring module says.
  const teamRule = champ.teamScoring;
  const teamModule = teamScoringModule(teamRule);
  const bestCount = teamRule.kind === 'best-cars' ? teamRule.count : -1;
  const bestWhy = teamRule.kind === 'best-cars' ? whyId(bestCarsReason(teamRule.count)) : 0;
  const judged = teams && teamRule.kind !== 'all-cars';
  const E = index.season.entries.length;
  const carStamp = teams ? scratch.i32(E, -1) : undefined;
  // A car's points in the session: as a number while every one is whole (`whole`), else as Fractions.
  const carWhole = teams ? scratch.f64(E) : undefined;
  const carPoints = teams ? new Array<Fraction>(E) : undefined;
  let carsInexact = false;
  const carPosition = teams ? new Array<number | undefined>(E) : undefined;
  const teamStamp = teams ? scratch.i32(facts!.teams, -1) : undefined;
  // Per team: its cars in the session (the first `teamCount` of its list); the teams touched.
  // Written over in place (an array's length set to 0 gives up its storage).
  const teamCars: number[][] | undefined = teams ? [] : undefined;
  if (teams) for (let t = 0; t < facts!.teams; t++) teamCars!.push([]);
  const teamCount = teams ? scratch.i32(facts!.teams) : undefined;
  const touched = teams ? scratch.i32(facts!.teams) : undefined;
  let touchedCount = 0;
  // Per contribution of the session: its car's slot; per car: the session (`s`) that excludes it, and why.
  const carOfContribution: number[] = [];
  const excludedIn = teams ? scratch.i32(E, -1) : undefined;
  const excludedWhy = teams ? scratch.i32(E) : undefined;
  const awardedCars: Entry[] = [];
  const awardFlags: number[] = [];

  const events: Event[] = [];
  const lists: (readonly CarContribution[])[] = [];
  // Room for a record per car and session, and a few more, before the first growth.
  const records = new Records(C_WIDTH, (E + 4) * S + 16);

  // The shared results of the championship as it applies at a session: looked up by key only
  // when that changes (the key is a long string: hashing it each session was 1.6% of the time).
  let sharedFor: Championship | undefined;
  let sharedHere: Map<Session, SessionResults> | undefined;
  for (let s = 0; s < S; s++) {
    const session = held[s]!;
    const event = index.getEvent(session.eventId);
    const here = at(session, event);
    if (shared !== undefined && here !== sharedFor) {
      sharedFor = here;
      sharedHere = sharedBySession(shared, resultsKey(here, noDriverPoints));
    }
    const { context, contributions } = sessionScores(
      index,
      rulebook,
      here,
      session,
      event,
      scoresHere,
      sharedHere,
    );
    events.push(event);
    lists.push(contributions);
    if (judged) teamExclusions(s, contributions);

    // The pole and fastest lap of the championship's basis, for the cells: the cars holding one
    // (a session has a few awards), compared by entry object, not by id.
    let awarded = 0;
    const awards = context.awards;
    for (let k = 0; k < awards.length; k++) {
      const a = awards[k]!;
      const flag = a.award === 'pole' ? POLE : a.award === 'fastest-lap' ? FASTEST_LAP : 0;
      if (flag === 0) continue;
      const entry = index.findEntry(a.entryId);
      if (entry === undefined || a.scope !== (byClass ? entry.classId : 'overall')) continue;
      awardedCars[awarded] = entry;
      awardFlags[awarded++] = flag;
    }
    const raceHere = !racesOnly || session.type === 'race';

    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i]!;
      const row = c.scored;
      const car = judged ? carOfContribution[i]! : -1;
      // A team table knows the car's slot already: its holders by slot, not by a lookup.
      const holders = accountsOf(c);
      const excluded = judged && excludedIn![car] === s ? excludedWhy![car]! : 0;
      // A car with one holder gives its points whole; only a shared car asks the shared-drive rule.
      const share =
        drivers && c.driverId === undefined && holders.length > 1 ? shareOf(c.points, holders.length) : 0;
      const points = share === 0 ? c.points : shareList[share - 1]!.points;
      const counted = (share === 0 || shareList[share - 1]!.counted) && excluded === 0;
      const why = excluded !== 0 ? excluded : share === 0 ? 0 : shareWhy[share - 1]!;
      const isBonus = c.kind === 'bonus';
      const flags = (counted ? COUNTED : 0) | (isBonus ? BONUS : 0);
      // NaN when not a whole number under 2^40: then not exact.
      const whole = share === 0 ? c.whole : shareWhole[share - 1]!;
      const exact = whole < WHOLE && whole > -WHOLE;
      const positive = exact ? whole > 0 : points.num > 0n;
      // A car's result is its cell in the results matrix, for each of its holders.
      const cell = !isBonus && row !== undefined;
      let cellFlags = -1;
      let position = -1;
      let started = false;
      let classified = false;
      if (cell) {
        cellFlags = 0;
        for (let k = 0; k < awarded; k++) if (awardedCars[k] === row.entry) cellFlags |= awardFlags[k]!;
        const status = row.row.status;
        started = status === 'classified' || STARTED_STATUSES.has(status);
        classified = status === 'classified' && raceHere;
        position = row.position ?? -1;
      }
      for (let h = 0; h < holders.length; h++) {
        const a = holders[h]!;
        const account = accounts[a]!;
        const k = records.add();
        const r = records.data;
        r[k + C_SLOT] = s;
        r[k + C_ITEM] = i;
        r[k + C_ACCOUNT] = a;
        r[k + C_SHARE] = share;
        r[k + C_WHY] = why;
        r[k + C_FLAGS] = flags;
        r[k + C_CELL] = cellFlags;
        r[k + C_POSITION] = position;
        if (cell) {
          account.cells++;
          if (dropRule) startedAt[a * S + s] = started ? 1 : 0;
          if (started) account.anyStarted = true;
          if (classified) account.classified = true;
        }
        if (positive) account.scored = true;
        if (!counted) continue;
        if (exact) account.whole += whole;
        else account.rest = add(account.rest, points);
        if (!dropRule || (isBonus && bonus.length === 0)) continue;
        if (!exact) account.inexact = true;
        else if (!isBonus) result[a * S + s]! += whole;
        else bonus[a * S + s]! += whole;
      }
    }
  }

  if (dropRule) {
    const A = accounts.length;
    const droppedAt = scratch.u8(A * S);
    // The drop modules' view of the season, made only when a module is asked.
    let ctx: DropContext | undefined;
    const withBonuses = dropRule.includeBonuses === true;
    const slotOf = new Map<string, number>();
    for (let s = 0; s < S; s++) slotOf.set(held[s]!.id, s);
    // Per account and slot: why its result there is dropped; per account, its dropped slots in
    // the module's order (the order the zero results are added).
    const whyAt = scratch.i32(A * S);
    const droppedSlots = scratch.i32(A * S);
    const droppedCount = scratch.i32(A);
    const dropped = scratch.i32(S);
    const reasonAt = new Array<string>(S);
    // The final round's held sessions (`finalEventSessionIds`, for a window before the final event).
    let finalRound = -Infinity;
    for (const x of seasonSessions) finalRound = Math.max(finalRound, index.getEvent(x.eventId).round);
    const finalAt = scratch.u8(S);
    for (let s = 0; s < S; s++) finalAt[s] = events[s]!.round === finalRound ? 1 : 0;
    const chooser = lowestChooser(dropRule, S, finalAt, scratch);
    const chooserWhy = chooser === undefined ? 0 : whyId(chooser.reason);
    // The accounts the chooser cannot decide (fractions, or points past its key) go to the
    // module with their units as fractions, made for those accounts only.
    const byModule = scratch.u8(A);
    let anyByModule = false;
    for (let a = 0; a < A; a++) {
      const n =
        chooser === undefined || accounts[a]!.inexact
          ? -1
          : chooser.choose(result, withBonuses ? bonus : undefined, startedAt, a * S, dropped);
      if (n < 0) {
        byModule[a] = 1;
        anyByModule = true;
        continue;
      }
      for (let k = 0; k < n; k++) whyAt[a * S + dropped[k]!] = chooserWhy;
      dropAt(a, n);
    }
    if (anyByModule) {
      const exact = exactUnits(records, lists, shareList, byModule, S, withBonuses);
      const scaled = chooser === undefined ? undefined : scratch.f64(S);
      const startedHere = chooser === undefined ? undefined : scratch.u8(S);
      for (let a = 0; a < A; a++) {
        if (byModule[a] === 0) continue;
        // Fractions over a common denominator are whole numbers in the same order: the chooser
        // decides when they stay under its bound (a shared car's halves, usually).
        if (chooser !== undefined && inCommonUnits(exact[a]!, scaled!)) {
          for (let s = 0; s < S; s++) startedHere![s] = startedAt[a * S + s]!;
          const n = chooser.choose(scaled!, undefined, startedHere!, 0, dropped);
          if (n >= 0) {
            for (let k = 0; k < n; k++) whyAt[a * S + dropped[k]!] = chooserWhy;
            dropAt(a, n);
            continue;
          }
        }
        const n = dropsByModule(
          dropRule,
          held,
          orders,
          (ctx ??= dropContextOf(index, seasonSessions)),
          exact[a]!,
          startedAt,
          a * S,
          slotOf,
          dropped,
          reasonAt,
        );
        for (let k = 0; k < n; k++) whyAt[a * S + dropped[k]!] = whyId(reasonAt[dropped[k]!]);
        dropAt(a, n);
      }
    }
    function dropAt(a: number, n: number): void {
      if (n === 0) return;
      for (let k = 0; k < n; k++) {
        droppedAt[a * S + dropped[k]!] = 1;
        droppedSlots[a * S + k] = dropped[k]!;
      }
      droppedCount[a] = n;
    }
    // Each dropped result (and bonus, where the rule drops them) is marked and taken off the total.
    const hit = scratch.u8(A * S);
    const r = records.data;
    const end = records.n * C_WIDTH;
    for (let k = 0; k < end; k += C_WIDTH) {
      const at = r[k + C_ACCOUNT]! * S + r[k + C_SLOT]!;
      if (droppedAt[at] === 0) continue;
      const f = r[k + C_FLAGS]!;
      if ((f & COUNTED) === 0 || ((f & BONUS) !== 0 && !withBonuses)) continue;
      r[k + C_FLAGS] = f | DROPPED;
      r[k + C_WHY] = whyAt[at]!;
      hit[at] = 1;
      const c = lists[r[k + C_SLOT]!]![r[k + C_ITEM]!]!;
      const share = r[k + C_SHARE]!;
      const whole = share === 0 ? c.whole : shareWhole[share - 1]!;
      const a = accounts[r[k + C_ACCOUNT]!]!;
      if (whole < WHOLE && whole > -WHOLE) a.whole -= whole;
      else a.rest = subtract(a.rest, share === 0 ? c.points : shareList[share - 1]!.points);
    }
    // A race not started counts as a zero result; it is recorded as the one dropped.
    for (let a = 0; a < A; a++) {
      for (let x = 0; x < droppedCount[a]!; x++) {
        const s = droppedSlots[a * S + x]!;
        if (hit[a * S + s] === 1) continue;
        const k = records.add();
        const d = records.data;
        d[k + C_SLOT] = s;
        d[k + C_ITEM] = -1;
        d[k + C_ACCOUNT] = a;
        d[k + C_SHARE] = 0;
        d[k + C_WHY] = whyAt[a * S + s]!;
        d[k + C_FLAGS] = 0;
        d[k + C_CELL] = -1;
        d[k + C_POSITION] = -1;
      }
    }
    // The dropped sessions' cells are marked (the same for every cell of an account there).
    const e = records.data;
    const cells = records.n * C_WIDTH;
    for (let k = 0; k < cells; k += C_WIDTH)
      if (e[k + C_CELL]! >= 0 && droppedAt[e[k + C_ACCOUNT]! * S + e[k + C_SLOT]!] === 1)
        e[k + C_CELL]! |= CELL_DROPPED;
  }

  const book = new TableBook(
    held,
    events,
    lists,
    accounts,
    records,
    shareList,
    whys,
    dropRule === undefined ? '' : `drop:${dropRule.kind}`,
  );
  const scoringPlaces = scoringPlacesOf(rulebook, champ);
  const listed = accounts.filter((a) => isListed(champ, a));
  // Totals of whole points only (the usual case) are ordered as numbers, not as fractions.
  let whole = true;
  for (const a of listed) {
    a.total = a.whole === 0 ? a.rest : add(a.rest, wholeTotal(a.whole));
    if (a.rest.num !== 0n) whole = false;
  }
  // Most points first: rankTallies' sort then finds its order almost made (it still decides it).
  // Whole totals by an insertion sort on numbers (no comparator calls); any order of level rows
  // will do (rankTallies' order is total).
  const byTotal = listed;
  if (!whole) byTotal.sort((x, y) => compare(y.total, x.total));
  else
    for (let i = 1; i < byTotal.length; i++) {
      const a = byTotal[i]!;
      let j = i - 1;
      for (; j >= 0 && byTotal[j]!.whole < a.whole; j--) byTotal[j + 1] = byTotal[j]!;
      byTotal[j + 1] = a;
    }
  // Tie-breaks read a record only between rows level on points (rankTallies' order and the
  // steps' words): the places are made for those rows only, the first scoring session when read.
  const levelAt = scratch.u8(accounts.length);
  for (let i = 1; i < byTotal.length; i++)
    if (
      whole
        ? byTotal[i - 1]!.whole === byTotal[i]!.whole
        : compare(byTotal[i - 1]!.total, byTotal[i]!.total) === 0
    )
      levelAt[byTotal[i - 1]!.n] = levelAt[byTotal[i]!.n] = 1;
  const raceAt = scratch.u8(S);
  for (let s = 0; s < S; s++) raceAt[s] = !racesOnly || held[s]!.type === 'race' ? 1 : 0;
  const places = book.placesOf(levelAt, raceAt, orders);
  const tallies: BookTally[] = [];
  // One record for every row no other is level with (never read).
  const unplaced: TieBreakRecord = { positions: NO_PLACES, scoringPlaces, firstScored: undefined };
  for (const a of byTotal) {
    const positions = places[a.n];
    const record: TieBreakRecord =
      positions === undefined ? unplaced : new LevelRecord(positions, scoringPlaces, book, a.n, orders);
    tallies.push({ competitor: a.competitor, points: a.total, record, account: a.n });
  }
  const sessions: ScoredSession[] = [];
  for (let s = 0; s < S; s++) {
    const x = held[s]!;
    sessions.push(
      x.race === undefined
        ? { id: x.id, eventId: x.eventId, type: x.type, name: x.name }
        : { id: x.id, eventId: x.eventId, type: x.type, name: x.name, race: x.race },
    );
  }
  // tableHead's fields written out (the same, in the same order): an object spread into a
  // literal is copied property by property at run time.
  return {
    id: champ.id,
    name: champ.name,
    competitorKind: champ.competitor,
    afterRace,
    final,
    sessions,
    rows: rowsOf(book, rankTallies(tallies, champ.tieBreaks), champ.tieBreaks),
    excluded: [],
  };

  /**
   * Marks the cars of a team that do not count in session `s`, with the reason (as
   * assign-session's teamExclusions), and each contribution's car.
   */
  function teamExclusions(s: number, contributions: readonly CarContribution[]): void {
    const { slot, teamOf } = facts!;
    touchedCount = 0;
    let inexact = false;
    // A car with a row has its slot (the season rows'); a bonus's car without one is looked up.
    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i]!;
      const e = c.slot >= 0 ? c.slot : slot.get(c.entryId)!;
      carOfContribution[i] = e;
      const t = teamOf[e]!;
      if (teamStamp![t] !== s) {
        teamStamp![t] = s;
        teamCount![t] = 0;
        touched![touchedCount++] = t;
      }
      if (carStamp![e] !== s) {
        carStamp![e] = s;
        carWhole![e] = 0;
        carPosition![e] = undefined;
        teamCars![t]![teamCount![t]!++] = e;
      }
      const whole = c.whole;
      if (whole < WHOLE && whole > -WHOLE) carWhole![e]! += whole;
      else inexact = true;
      carPosition![e] ??= c.scored?.position;
    }
    // The module, and points not all whole, are given the cars' points as Fractions.
    carsInexact = inexact;
    if (bestCount <= 0 || inexact) {
      for (let i = 0; i < contributions.length; i++) carPoints![carOfContribution[i]!] = ZERO;
      for (let i = 0; i < contributions.length; i++) {
        const e = carOfContribution[i]!;
        carPoints![e] = add(carPoints![e]!, contributions[i]!.points);
      }
    }
    const entries = index.season.entries;
    for (let k = 0; k < touchedCount; k++) {
      const t = touched![k]!;
      const cars = teamCars![t]!;
      const n = teamCount![t]!;
      if (bestCount > 0) {
        // The best-cars module's order (most points, then best position, then entry id) by an
        // insertion sort in place: a team has a few cars, and the module's sort, copy and Map
        // per team and session were a third of this path's garbage.
        if (n <= bestCount) continue;
        for (let i = 1; i < n; i++) {
          const e = cars[i]!;
          let j = i - 1;
          for (; j >= 0 && carBefore(e, cars[j]!); j--) cars[j + 1] = cars[j]!;
          cars[j + 1] = e;
        }
        for (let i = bestCount; i < n; i++) {
          excludedIn![cars[i]!] = s;
          excludedWhy![cars[i]!] = bestWhy;
        }
        continue;
      }
      const results: CarResult[] = [];
      for (let i = 0; i < n; i++) {
        const e = cars[i]!;
        const entry = entries[e]!;
        const points = carPoints![e]!;
        const position = carPosition![e];
        const nominated = entry.nominated ?? false;
        results.push(
          position === undefined
            ? { entryId: entry.id, points, nominated }
            : { entryId: entry.id, points, nominated, position },
        );
      }
      const excluded = teamModule.exclude(teamRule, results);
      if (excluded.size === 0) continue;
      for (const [entryId, reason] of excluded) {
        const e = slot.get(entryId)!;
        excludedIn![e] = s;
        excludedWhy![e] = whyId(reason);
      }
    }
  }

  /** Whether car `x` comes before car `y` in the best-cars module's order (`outsideBest`). */
  function carBefore(x: number, y: number): boolean {
    if (!carsInexact) {
      if (carWhole![x] !== carWhole![y]) return carWhole![x]! > carWhole![y]!;
    } else {
      const c = compare(carPoints![y]!, carPoints![x]!);
      if (c !== 0) return c < 0;
    }
    const p = (carPosition![x] ?? Infinity) - (carPosition![y] ?? Infinity);
    if (p < 0 || p > 0) return p < 0;
    const entries = index.season.entries;
    return entries[x]!.id.localeCompare(entries[y]!.id) < 0;
  }
}

/** A tie-break record of a row level on points with another: its first scoring session found when read. */
class LevelRecord implements TieBreakRecord {
  #firstScored: TieBreakRecord['firstScored'] | null = null;
  constructor(
    readonly positions: readonly TieBreakPlace[],
    readonly scoringPlaces: number,
    private readonly book: TableBook,
    private readonly account: number,
    private readonly orders: readonly number[],
  ) {}

  get firstScored(): TieBreakRecord['firstScored'] {
    if (this.#firstScored === null) this.#firstScored = this.book.firstScored(this.account, this.orders);
    return this.#firstScored;
  }
}

/**
 * A cell as the general pipeline makes it (the same fields in the same order), made by a
 * constructor: one shape whether a race number or position is there or not (an object literal's
 * shape changed when a field first held undefined, and the literals made after it were migrated
 * one by one).
 */
class Cell implements SessionCell {
  constructor(
    readonly sessionId: string,
    readonly race: number | undefined,
    readonly entryId: string,
    readonly status: Status,
    readonly position: number | undefined,
    readonly overallPosition: number | undefined,
    readonly pole: boolean,
    readonly fastestLap: boolean,
    readonly points: Fraction,
    readonly dropped: boolean,
  ) {}
}

/** A row's place in a session counted for tie-breaks (one shape whatever the fields hold). */
class Place implements TieBreakPlace {
  constructor(
    readonly order: number,
    readonly race: number | undefined,
    readonly position: number | undefined,
  ) {}
}

/** What the ranking reads of an account, and which account it is. */
interface BookTally {
  readonly competitor: Competitor;
  readonly points: Fraction;
  readonly record: TieBreakRecord;
  readonly account: number;
}

/**
 * A row of a table made in bulk: its contributions and cells are made from the table's book when
 * first read (the same objects on every read), like a contribution's words (ADR 3). They are
 * getters, so a plain copy of the row is made by `toJSON` (as JSON does), not by spreading.
 */
class BookRow implements StandingRow {
  readonly #book: TableBook;
  readonly #account: number;
  constructor(
    readonly position: number,
    readonly shared: boolean,
    readonly competitor: Competitor,
    readonly points: Fraction,
    book: TableBook,
    account: number,
  ) {
    this.#book = book;
    this.#account = account;
  }

  get contributions(): readonly Contribution[] {
    return this.#book.contributionsOf(this.#account);
  }

  get cells(): readonly SessionCell[] {
    return this.#book.cellsOf(this.#account);
  }

  /** A plain object, as the general pipeline's rows are, for JSON and copies. */
  toJSON(): StandingRow {
    const { position, shared, competitor, points, contributions, cells } = this;
    return { position, shared, competitor, points, contributions, cells };
  }
}

/** A row above another: the step that placed it there is worded when first read. */
class BookRowAbove extends BookRow {
  readonly #above: BookTally;
  readonly #below: BookTally;
  readonly #tieBreaks: readonly TieBreakRule[];
  #step: TieBreakStep | undefined;
  constructor(
    position: number,
    shared: boolean,
    book: TableBook,
    above: BookTally,
    below: BookTally,
    tieBreaks: readonly TieBreakRule[],
  ) {
    super(position, shared, above.competitor, above.points, book, above.account);
    this.#above = above;
    this.#below = below;
    this.#tieBreaks = tieBreaks;
  }

  get aboveNext(): TieBreakStep {
    return (this.#step ??= stepBetween(this.#above, this.#below, this.#tieBreaks));
  }

  override toJSON(): StandingRow {
    return { ...super.toJSON(), aboveNext: this.aboveNext };
  }
}

/** The table's rows in ranked order, as `rankStandings` makes them, each reading the book. */
function rowsOf(
  book: TableBook,
  ranked: readonly Ranked<BookTally>[],
  tieBreaks: readonly TieBreakRule[],
): StandingRow[] {
  const rows: StandingRow[] = [];
  for (let i = 0; i < ranked.length; i++) {
    const { tally, position, shared } = ranked[i]!;
    const next = ranked[i + 1]?.tally;
    rows.push(
      next === undefined
        ? new BookRow(position, shared, tally.competitor, tally.points, book, tally.account)
        : new BookRowAbove(position, shared, book, tally, next, tieBreaks),
    );
  }
  return rows;
}

/**
 * The wanted accounts' counted result and bonus points per held session as fractions (as booked,
 * before drops): for the drop module when the whole-number chooser cannot decide.
 */
function exactUnits(
  records: Records,
  lists: readonly (readonly CarContribution[])[],
  shares: readonly DriverShare[],
  wanted: Uint8Array,
  S: number,
  withBonuses: boolean,
): ({ result: Fraction[]; bonus: Fraction[] | undefined } | undefined)[] {
  const units = new Array<{ result: Fraction[]; bonus: Fraction[] | undefined } | undefined>(wanted.length);
  for (let a = 0; a < wanted.length; a++)
    if (wanted[a] === 1)
      units[a] = {
        result: new Array<Fraction>(S).fill(ZERO),
        bonus: withBonuses ? new Array<Fraction>(S).fill(ZERO) : undefined,
      };
  const r = records.data;
  const end = records.n * C_WIDTH;
  for (let k = 0; k < end; k += C_WIDTH) {
    const of = units[r[k + C_ACCOUNT]!];
    const f = r[k + C_FLAGS]!;
    if (of === undefined || (f & COUNTED) === 0 || r[k + C_ITEM]! < 0) continue;
    const s = r[k + C_SLOT]!;
    const c = lists[s]![r[k + C_ITEM]!]!;
    const share = r[k + C_SHARE]!;
    const p = share === 0 ? c.points : shares[share - 1]!.points;
    if ((f & BONUS) === 0) of.result[s] = add(of.result[s]!, p);
    else if (of.bonus !== undefined) of.bonus[s] = add(of.bonus[s]!, p);
  }
  return units;
}

/**
 * Writes each held session's unit (result points, plus bonus points where the rule includes them)
 * times the units' common denominator into `out`, as whole numbers; false when that denominator
 * or a product is too large to be exact as a number.
 */
function inCommonUnits(
  units: { result: Fraction[]; bonus: Fraction[] | undefined },
  out: Float64Array,
): boolean {
  const S = out.length;
  let common = 1n;
  const unit = (s: number) =>
    units.bonus === undefined ? units.result[s]! : add(units.result[s]!, units.bonus[s]!);
  for (let s = 0; s < S; s++) {
    const den = unit(s).den;
    let x = common;
    let y = den;
    while (y !== 0n) [x, y] = [y, x % y];
    common = (common / x) * den;
    if (common > COMMON_MAX) return false;
  }
  for (let s = 0; s < S; s++) {
    const u = unit(s);
    const scaled = u.num * (common / u.den);
    if (scaled >= COMMON_MAX || scaled <= -COMMON_MAX) return false;
    out[s] = Number(scaled);
  }
  return true;
}

/** Whole numbers past this are left to the drop module (the chooser's own bound is lower). */
const COMMON_MAX = 2n ** 40n;

/**
 * The best-results and drop-lowest modules' choice made over slots: the lowest units first (fewest
 * points, then not started before started, then the later race), as `lowestFirst` orders them,
 * with whole points compared as numbers; no unit objects, comparator sorts or Maps per competitor.
 * `choose` reads an account's slots from `base` on, writes the dropped slots in that order and
 * returns how many, or -1 when a unit's points are not under 2^31 (the module decides then).
 * Undefined for other drop rules (and for 2^20 sessions or more, which the key cannot number).
 * `finalAt` marks the held sessions of the final round (a window before the final event).
 */
function lowestChooser(
  rule: DropRule,
  S: number,
  finalAt: Uint8Array,
  scratch: Scratch,
):
  | {
      readonly reason: string;
      choose(
        result: Float64Array,
        bonus: Float64Array | undefined,
        started: Uint8Array,
        base: number,
        out: Int32Array,
      ): number;
    }
  | undefined {
  if (S >= KEY_STARTED) return undefined;
  let window: number[];
  let take: number;
  let reason: string;
  if (rule.kind === 'best-results') {
    window = [];
    for (let s = 0; s < S; s++) window.push(s);
    take = S - rule.count;
    reason = bestResultsReason(rule.count);
  } else if (rule.kind === 'drop-lowest') {
    window = [];
    for (let s = 0; s < S; s++) if (rule.window !== 'before-final-event' || finalAt[s] === 0) window.push(s);
    take = Math.min(rule.count, window.length);
    reason = dropLowestReason(rule);
  } else return undefined;
  const W = window.length;
  // One number per unit orders it: its points, then not started before started, then the later
  // race first (slots are in calendar order), the slot kept in the low bits, so the lowest are
  // kept by comparing numbers. Exact while the points stay under KEY_POINTS.
  const keys = scratch.f64(Math.max(take, 0));
  // Each kept key's slot, moved with it (no floating-point remainder to take it back out).
  const slots = scratch.i32(Math.max(take, 0));
  return {
    reason,
    choose(result, bonus, started, base, out) {
      if (take <= 0) return 0;
      // The `take` lowest keys, kept in order as they come (keys differ: each holds its slot).
      let n = 0;
      for (let w = 0; w < W; w++) {
        const s = window[w]!;
        const points = bonus === undefined ? result[base + s]! : result[base + s]! + bonus[base + s]!;
        if (points >= KEY_POINTS || points <= -KEY_POINTS) return -1;
        const key = points * KEY_LOW + (started[base + s] === 1 ? KEY_STARTED : 0) + (KEY_STARTED - 1 - s);
        if (n === take && key >= keys[take - 1]!) continue;
        let j = n < take ? n++ : take - 1;
        for (; j > 0 && keys[j - 1]! > key; j--) {
          keys[j] = keys[j - 1]!;
          slots[j] = slots[j - 1]!;
        }
        keys[j] = key;
        slots[j] = s;
      }
      for (let k = 0; k < take; k++) out[k] = slots[k]!;
      return take;
    },
  };
}

/** A drop key's parts (`lowestChooser`): slots under 2^20, the started flag, points above. */
const KEY_STARTED = 2 ** 20;
const KEY_LOW = 2 ** 21;
const KEY_POINTS = 2 ** 31;

/**
 * One account's dropped slots as the drop module chooses them (rules `lowestChooser` does not
 * make, or points that are not safe whole numbers), in the module's order; returns how many. A
 * function of its own: a rare branch inside the booking kept deoptimizing it.
 */
function dropsByModule(
  rule: DropRule,
  held: readonly Session[],
  orders: readonly number[],
  ctx: DropContext,
  exact: { result: Fraction[]; bonus: Fraction[] | undefined },
  startedAt: Uint8Array,
  base: number,
  slotOf: ReadonlyMap<string, number>,
  dropped: Int32Array,
  reasonAt: string[],
): number {
  const { result, bonus } = exact;
  const units: DropUnit[] = [];
  for (let s = 0; s < held.length; s++)
    units.push({
      sessionId: held[s]!.id,
      order: orders[s]!,
      race: held[s]!.race,
      points: bonus !== undefined ? add(result[s]!, bonus[s]!) : result[s]!,
      started: startedAt[base + s] === 1,
    });
  let n = 0;
  dropModule(rule)
    .drop(rule, units, ctx)
    .forEach((reason, sessionId) => {
      const s = slotOf.get(sessionId)!;
      dropped[n++] = s;
      reasonAt[s] = reason;
    });
  return n;
}

/**
 * Each session's ranked rows and result contributions by what they depend on in a championship
 * (`resultsKey`), made once per computation for every championship that ranks and pays results the
 * same way (a drivers' and a constructors' table usually do). `computeStandings` makes one per
 * computation; nothing of it is observable (the rows and contributions are not changed once made).
 */
export type SharedResults = Map<string, Map<Session, SessionResults>>;

const keyOf = new WeakMap<Championship, string>();

/**
 * What a session's ranking and result points depend on in a championship (not its bonuses).
 * Whether it is a drivers' table matters only when an entry scores no driver points (`noDriverPoints`).
 */
function resultsKey(c: Championship, noDriverPoints: boolean): string {
  let key = keyOf.get(c);
  if (key === undefined) {
    const { basis, scope, ineligible, requires, unmet, nonStarters, points, multipliers } = c;
    key = JSON.stringify(
      [basis, scope.classes, ineligible, requires, unmet, nonStarters, points, multipliers],
      (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v),
    );
    keyOf.set(c, key);
  }
  const lean = leanResults(c) ? 'lean ' : '';
  return noDriverPoints && c.competitor === 'driver' ? `${lean}driver ${key}` : `${lean}${key}`;
}

/** The shared results of one key, by session. */
function sharedBySession(shared: SharedResults, key: string): Map<Session, SessionResults> {
  let bySession = shared.get(key);
  if (bySession === undefined) shared.set(key, (bySession = new Map<Session, SessionResults>()));
  return bySession;
}

/** `scoreSession` for the bulk path: the results shared between championships that agree on them. */
function sessionScores(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  session: Session,
  event: Event,
  scoresHere: ((entry: Entry) => boolean) | undefined,
  bySession: Map<Session, SessionResults> | undefined,
): ScoredSessionResult {
  const first = index.isFirstOfTypeAtEvent(session.id);
  // The rows' entries as validation found them (no lookup by id per row and table).
  const rows = seasonRowsOf(index);
  const from = rows.of.get(session)!.row0;
  // Without bonuses nothing here reads a row of a car not eligible (`leanResults`).
  const lean = leanResults(champ);
  // Points that follow a driver's class are the championship's own (scoresHere); other results
  // are shared with the championships that agree on them (bySession).
  const shared = scoresHere === undefined ? bySession : undefined;
  let results = shared?.get(session);
  if (results === undefined) {
    results = scoreSessionResults(
      index,
      rulebook,
      champ,
      session,
      event,
      first,
      scoresHere,
      rows.entry,
      from,
      lean,
    );
    shared?.set(session, results);
  }
  if (shared !== undefined && champ.bonuses.length === 0) return results;
  return { context: results.context, contributions: withSessionBonuses(champ, results) };
}

/**
 * Whether a table's sessions are scored with the eligible cars' rows only (`eligibleOnly`): a
 * table of some classes (its other cars are many) that grants no bonuses (which look for rows).
 */
function leanResults(champ: Championship): boolean {
  return champ.bonuses.length === 0 && champ.scope.classes !== undefined;
}

/** `isListed` of score-championship.ts, read from what the account kept. */
function isListed(champ: Championship, a: Account): boolean {
  switch (champ.listed) {
    case 'scored':
      return a.scored;
    case 'classified':
      return a.scored || a.classified;
    case 'started':
      return a.scored || a.anyStarted;
    case 'entered':
      return a.cells > 0;
  }
}
