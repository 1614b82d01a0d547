/**
 * The integer-indexed booking behind the totals (ADR 20): competitors and held sessions as dense
 * indexes, points as whole numbers of a common unit (1/`unit` of a point), so sums, drops and the
 * sort compare plain integers exactly. No contribution, cell or Draft is made; tie-break records are
 * built only for competitors level on points. Sessions are scored by the same `rankRows`, scales,
 * multiplier, bonus and shared-drive modules as `scoreSession` and `assignSession`; what this file
 * does itself (best cars of a team, the lowest units a drop rule discards, listing) is the sum the
 * full pipeline would give, which the property tests in totals.test.ts check on generated seasons.
 *
 * A championship this booking does not cover (see `indexedPlan`) returns undefined, and the caller
 * takes the general pipeline. A value that is not a whole number of units (a 1/7 share) makes the
 * unit grow to include it and the booking start again: nothing is ever rounded.
 *
 * The season's rows as numbers are made in season-rows.ts; the tables are read from a booking by
 * indexed-tables.ts.
 */
import { fraction, multiply, ONE } from './fraction.js';
import type { Fraction } from './fraction.js';
import type {
  BonusRule,
  Championship,
  Condition,
  DropRule,
  Rulebook,
  Scale,
  SharedDriveRule,
  TeamScoringRule,
} from './rulebook.js';
import { entryScoresFor } from './season.js';
import type { Award, ClassificationRow, Event, Session } from './season.js';
import { conditionIn, unmetBy } from './rules/bonuses/conditions.js';
import { resolveTie } from './rules/bonuses/ties.js';
import type { SeasonIndex } from './season-index.js';
import { rankRows } from './score-session.js';
import { pointsForPlace } from './scale.js';
import { championshipAt } from './championship-at.js';
import { sessionsInScope } from './score-championship.js';
import { competitorFinder } from './ledger.js';
import { firstPartSize } from './rules/drops/split-season.js';
import { bonusModule, multiplierModule, sharedDriveModule } from './rules/registry.js';
import type { BonusGrant, DropContext, ScoredRow, SessionContext } from './rules/types.js';
import type { Competitor } from './standings.js';
import { CLASSIFIED, DNS, entryFactsOf, NAMED, rowOfEntry, seasonRowsOf, STARTED } from './season-rows.js';
import type { Holders, SessionFacts } from './season-rows.js';

type Of<U extends { kind: string }, K extends U['kind']> = Extract<U, { kind: K }>;

/** A drop rule as windows of held sessions, each losing its lowest `count(held in window)` units. */
export interface DropWindow {
  readonly sessions: ReadonlySet<string>;
  readonly count: (held: number) => number;
}

/**
 * Drop kinds whose effect on a total is "the lowest N units of a window go": the sum is the same
 * whichever of equal units the module would name. Undefined sends the championship to the general
 * pipeline. A new kind is a compile error here until someone decides.
 */
export const dropWindows: {
  readonly [K in DropRule['kind']]: ((rule: Of<DropRule, K>, ctx: WindowContext) => DropWindow[]) | undefined;
} = {
  'best-results': (rule, ctx) => [
    { sessions: new Set(ctx.seasonSessionIds), count: (held) => Math.max(0, held - rule.count) },
  ],
  'drop-lowest': (rule, ctx) => [
    {
      sessions: new Set(
        rule.window === 'before-final-event'
          ? ctx.seasonSessionIds.filter((id) => !ctx.finalEventSessionIds.has(id))
          : ctx.seasonSessionIds,
      ),
      count: (held) => Math.min(rule.count, held),
    },
  ],
  'split-season': (rule, ctx) => {
    const size = firstPartSize(rule, ctx.seasonSessionIds.length);
    return [
      {
        sessions: new Set(ctx.seasonSessionIds.slice(0, size)),
        count: (held) => Math.max(0, held - rule.firstPartBest),
      },
      {
        sessions: new Set(ctx.seasonSessionIds.slice(size)),
        count: (held) => Math.max(0, held - rule.secondPartBest),
      },
    ];
  },
  // Weeks and rounds group sessions: left to the general pipeline.
  'drop-weeks': undefined,
  'drop-rounds': undefined,
};

/**
 * Team scoring as this booking applies it: the best N cars of a team in each session count (0:
 * every car), in the best-cars module's order (points, place, entry id). Undefined: the general
 * pipeline.
 */
const bestCarsOf: {
  readonly [K in TeamScoringRule['kind']]: ((rule: Of<TeamScoringRule, K>) => number) | undefined;
} = {
  'all-cars': () => 0,
  'best-cars': (rule) => rule.count,
  nominated: undefined,
  'best-cars-per-round': undefined,
};

/** A single value's units stay under this, so sums of many stay exact in a double. */
const MAX_UNITS = 2 ** 40;
/** The largest unit tried before the general pipeline takes over. */
const MAX_UNIT = 2 ** 24;
const NEVER = 0x7fffffff;

/** Thrown inside a booking when a value needs a finer unit (`den`), or cannot be held (`den` 0). */
class Inexact extends Error {
  constructor(readonly den: number) {
    super(den === 0 ? 'not covered by the indexed booking' : `needs a unit divisible by ${den}`);
  }
}

export const gcdNumber = (a: number, b: number): number => {
  a = Math.abs(a);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

/** Per competitor: what its booking holds, per held session (slot). */
interface Account {
  readonly competitor: Competitor;
  /** Where its slots start in the booking's `result` and `bonus` (its index times the slots). */
  readonly base: number;
  /** Where its cars start in the booking's per-car scratch (its index times the entries). */
  readonly cars: number;
  /** The first slot with a contribution of positive points (counted or not), or NEVER. */
  firstPositive: number;
  /** The first slot with a cell; with a classified race cell; with a started cell. */
  firstCell: number;
  firstClassified: number;
  firstStarted: number;
  /** The first slot in which one of its cells has counted points (scored-first). */
  firstScored: number;
  /** Its first and last tie-break place in the booking's `places` lists (-1: none yet). */
  firstPlace: number;
  lastPlace: number;
  /** Every first above is found: a row booked to it only adds points and a place (`bookRow`). */
  settled: boolean;
}

/** Whether every first slot of an account's listing and scored-first tie-break is found. */
const settledOf = (a: Account): boolean =>
  a.firstScored !== NEVER &&
  a.firstPositive !== NEVER &&
  a.firstCell !== NEVER &&
  a.firstClassified !== NEVER &&
  a.firstStarted !== NEVER;

/** A championship booked over its held sessions up to a cutoff, in units. */
export interface IndexedBooking {
  readonly unit: number;
  readonly sessions: readonly { readonly session: Session; readonly order: number }[];
  readonly accounts: readonly Account[];
  /** Per account and slot (`base + slot`): counted result points (what a drop rule may discard), in units. */
  readonly result: Float64Array;
  /** Per account and slot: counted bonus points, in units. */
  readonly bonus: Float64Array;
  readonly ctx: WindowContext | undefined;
  readonly places: Places;
}

/**
 * Every account's tie-break places (one per recorded cell: its slot and basis position, -1 for
 * none) in calendar order, as a list per account through `next` (-1 ends it) from the account's
 * `firstPlace`: flat arrays cut from the arena, no array per account.
 */
export interface Places {
  readonly slot: Int32Array;
  readonly position: Int32Array;
  readonly next: Int32Array;
  readonly count: number;
  /** The largest position among them (0: none). */
  readonly most: number;
}

/** Whether this booking covers a championship (the one applying at each session is checked as met). */
function covers(champ: Championship): boolean {
  if (sharedDriveModule(champ.sharedDrives).bestShareOnly(champ.sharedDrives)) return false;
  if (champ.competitor === 'team') {
    const rule = champ.teamScoring;
    if ((bestCarsOf[rule.kind] as ((r: TeamScoringRule) => number) | undefined) === undefined) return false;
  }
  return true;
}

/** The lcm of the denominators known before booking: the scales' points and shared cars' shares. */
function firstUnit(index: SeasonIndex, rulebook: Rulebook, champ: Championship): number {
  let unit = 1;
  const grow = (den: bigint) => {
    if (den === 1n) return;
    const d = Number(den);
    unit = (unit / gcdNumber(unit, d)) * d;
  };
  for (const id of Object.values(champ.points))
    for (const p of rulebook.scales[id]?.points ?? []) grow(p.den);
  if (champ.competitor === 'driver') {
    const sharing = sharedDriveModule(champ.sharedDrives);
    // Each number of drivers sharing a car once (most cars have one).
    const counts: number[] = [];
    for (const e of index.season.entries) {
      const n = e.driverIds.length;
      if (n > 1 && !counts.includes(n)) counts.push(n);
    }
    for (const n of counts) grow(sharing.share(champ.sharedDrives, ONE, n).points.den);
  }
  return unit > MAX_UNIT ? 1 : unit;
}

/**
 * Books a championship's held sessions up to `cutoff` in units, or returns undefined when the
 * championship needs the general pipeline (its rules, or values no unit up to 2^24 holds).
 */
export function bookIndexed(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  cutoff: number,
): IndexedBooking | undefined {
  if (!covers(champ)) return undefined;
  if (champ.drops.length > 1) return undefined;
  for (const rule of champ.drops) if ((dropWindows[rule.kind] as unknown) === undefined) return undefined;
  let unit = firstUnit(index, rulebook, champ);
  for (;;) {
    try {
      return bookInUnits(index, rulebook, champ, cutoff, unit);
    } catch (e) {
      if (!(e instanceof Inexact)) throw e;
      if (e.den === 0) return undefined;
      unit = (unit / gcdNumber(unit, e.den)) * e.den;
      if (unit > MAX_UNIT) return undefined;
    }
  }
}

/**
 * What the drop windows read of a championship's sessions: `DropContext` less the rounds (the
 * kinds that group sessions by round go to the general pipeline).
 */
export type WindowContext = Pick<DropContext, 'seasonSessionIds' | 'finalEventSessionIds'>;

// Per computation (its entry facts, released with them): the window contexts made, with the
// sessions each was made of, so championships over the same sessions share one (a context is
// never changed). Made as dropContextOf makes those two fields, without its rounds.
function sharedWindowContext(index: SeasonIndex, sessions: readonly Session[]): WindowContext {
  const facts = entryFactsOf(index);
  const made = (facts.dropContexts ??= []);
  for (const m of made)
    if (m.sessions.length === sessions.length && m.sessions.every((x, i) => x === sessions[i])) return m.ctx;
  const rounds = new Array<number>(sessions.length);
  let finalRound = -Infinity;
  for (let i = 0; i < sessions.length; i++) {
    const round = index.getEvent(sessions[i]!.eventId).round;
    rounds[i] = round;
    if (round > finalRound) finalRound = round;
  }
  const seasonSessionIds = new Array<string>(sessions.length);
  const finalEventSessionIds = new Set<string>();
  for (let i = 0; i < sessions.length; i++) {
    const id = sessions[i]!.id;
    seasonSessionIds[i] = id;
    if (rounds[i] === finalRound) finalEventSessionIds.add(id);
  }
  const ctx = { seasonSessionIds, finalEventSessionIds };
  made.push({ sessions, ctx });
  return ctx;
}

// Per computation (as above) and kind of competitor: one finder and numbering, so the championships
// of a computation share its competitor objects, numbers and per-car lists (the finder reads only
// `champ.competitor`).
function holdersFor(index: SeasonIndex, champ: Championship): Holders {
  const byKind = (entryFactsOf(index).holders ??= new Map<Championship['competitor'], Holders>());
  let holders = byKind.get(champ.competitor);
  if (holders === undefined)
    byKind.set(
      champ.competitor,
      (holders = {
        find: competitorFinder(champ, index),
        number: new Map<string, number>(),
        competitors: [],
        usual: new Array<readonly number[] | undefined>(index.season.entries.length),
      }),
    );
  return holders;
}

/** Thrown when a championship applying at a session is not one this booking covers. */
const NOT_COVERED = new Inexact(0);

function bookInUnits(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  cutoff: number,
  unit: number,
): IndexedBooking | undefined {
  const toUnits = (f: Fraction): number => {
    if (f.den === 1n) {
      const u = Number(f.num) * unit;
      if (u > MAX_UNITS || u < -MAX_UNITS) throw NOT_COVERED;
      return u;
    }
    if (f.den > BigInt(MAX_UNIT)) throw NOT_COVERED;
    const den = Number(f.den);
    if (unit % den !== 0) throw new Inexact(den);
    const u = Number(f.num) * (unit / den);
    if (u > MAX_UNITS || u < -MAX_UNITS) throw NOT_COVERED;
    return u;
  };
  // Made on first use (a shared car's share): a Fraction costs BigInt divisions.
  let unitFraction: Fraction | undefined;
  const toFraction = (u: number): Fraction => multiply(fraction(u), (unitFraction ??= fraction(1, unit)));

  const seasonRows = seasonRowsOf(index);
  const seasonSessions = sessionsInScope(index, champ);
  // The sessions held up to the cutoff, and what the booking reads of each (looked up once).
  const held: Session[] = [];
  const heldFacts: SessionFacts[] = [];
  for (const session of seasonSessions) {
    const facts = seasonRows.of.get(session)!;
    if (facts.order > cutoff || facts.rows === undefined) continue;
    held.push(session);
    heldFacts.push(facts);
  }
  const S = held.length;
  const drivers = champ.competitor === 'driver';
  const racesOnly = 'race' in champ.points;
  const holders = holdersFor(index, champ);
  const holdersOf = holders.find;
  const at = championshipAt(champ);
  const checked = new Set<Championship>([champ]);
  const entries = index.season.entries;
  const E = entries.length;
  const { teamOf, teams: T } = entryFactsOf(index);

  const accounts: Account[] = [];
  // Every competitor the championship can have: one block of slots each, made at once.
  const most =
    champ.competitor === 'driver'
      ? index.season.drivers.length
      : champ.competitor === 'team'
        ? index.season.teams.length
        : E;
  const arena = entryFactsOf(index).arena;
  const result = arena.f64(most * S);
  const bonus = arena.f64(most * S);
  // Per account and car (`cars + e`), until the account has scored: the car's counted units for it
  // in the session `carStamp - 1` (a cell's points); an older stamp reads as none, so nothing is
  // cleared per session.
  const carUnits = arena.f64(most * E);
  const carStamp = arena.i32(most * E);
  // Each competitor's account by its number (`holders`): at most `most` of them.
  const accountAt = new Array<Account | undefined>(most);
  // Numbered by id (ids of one kind are unique): a competitor the finder made and one made below for
  // the same id are the same account.
  const numberOf = (c: Competitor): number => {
    let n = holders.number.get(c.id);
    if (n === undefined) {
      n = holders.competitors.length;
      holders.number.set(c.id, n);
      holders.competitors.push(c);
    }
    return n;
  };
  /** A driver's or team's number, its competitor made as the finder makes it when first seen. */
  const numberOfId = (id: string): number => {
    let n = holders.number.get(id);
    if (n === undefined) {
      n = holders.competitors.length;
      holders.number.set(id, n);
      holders.competitors.push(
        drivers
          ? { id, name: index.getDriver(id).name, kind: 'driver' }
          : { id, name: index.getTeam(id).name, kind: 'team' },
      );
    }
    return n;
  };
  /**
   * Car `e`'s usual holders as numbers: its drivers or its team straight from the entry (the
   * finder's Maps by entry and by id were three lookups a holder), a car through the finder.
   */
  const usualNumbers = (e: number): readonly number[] => {
    const entry = entries[e]!;
    if (champ.competitor === 'team') return [numberOfId(entry.teamId)];
    if (!drivers) return holdersOf(entry, undefined).map(numberOf);
    const ids = entry.driverIds;
    const out = new Array<number>(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = numberOfId(ids[i]!);
    return out;
  };
  const openNumber = (n: number): Account => {
    let a = accountAt[n];
    if (a === undefined) {
      if (n >= most) throw NOT_COVERED;
      a = {
        competitor: holders.competitors[n]!,
        base: n * S,
        cars: n * E,
        firstPositive: NEVER,
        firstCell: NEVER,
        firstClassified: NEVER,
        firstStarted: NEVER,
        firstScored: NEVER,
        firstPlace: -1,
        lastPlace: -1,
        settled: false,
      };
      accountAt[n] = a;
      accounts.push(a);
    }
    return a;
  };
  const open = (c: Competitor): Account => openNumber(numberOf(c));
  /** The accounts of car `e`'s usual holders, made once per booking from their numbers. */
  const usualOf = (e: number): Account[] => (holders.usual[e] ??= usualNumbers(e)).map(openNumber);
  // The accounts of a car's usual holders (its own drivers, its team or itself), made once per car;
  // a row naming its drivers, or a bonus naming one, asks `holdersOf` each time.
  const usual: (Account[] | undefined)[] = new Array<Account[] | undefined>(E);
  const accountsOf = (e: number, row: ScoredRow | undefined, driverId: string | undefined): Account[] => {
    if (driverId === undefined && row?.row.driverIds === undefined) {
      let list = usual[e];
      if (!list) usual[e] = list = usualOf(e);
      return list;
    }
    return holdersOf(entries[e]!, row, driverId).map(open);
  };

  // Per (scale, factor): units by place, made once (most seasons have one scale and no factor).
  const tables = new Map<Scale | undefined, Map<string, number[]>>();
  const tableOf = (scale: Scale | undefined, factor: Fraction): number[] => {
    let byFactor = tables.get(scale);
    if (!byFactor) tables.set(scale, (byFactor = new Map<string, number[]>()));
    const key = factor === ONE ? '1' : `${factor.num}/${factor.den}`;
    let table = byFactor.get(key);
    if (!table) byFactor.set(key, (table = []));
    return table;
  };
  // Shares of a shared car's points, per rule and (units, drivers): [units each, counted 1/0].
  const shares = new Map<SharedDriveRule, Map<number, number[]>>();

  // This session's bonuses by car, flat: entry index, units, scored row, driver id.
  const cEntry: number[] = [];
  const cUnits: number[] = [];
  const cRow: number[] = [];
  const cDriver: (string | undefined)[] = [];
  const carPoints = arena.f64(E);
  const carSeen = arena.u8(E);
  const carPlace = arena.f64(E);
  const excluded = arena.u8(E);
  // This session's cars with points (team tables), as a list of `nCars`.
  const cars = arena.i32(E);
  let nCars = 0;
  const bestOfTeam = arena.i32(T).fill(-1);
  // The accounts whose first counted points are in this session: the first `nScored`.
  const scoredNow: Account[] = [];
  let nScored = 0;
  // This session's bonuses (team tables): the first `nGrants` of the c* lists.
  let nGrants: number;

  const { slot: slotOf, classOf, classes: C } = entryFactsOf(index);
  // Per row of the session being booked: eligible, basis position (-1 none), failed `requires`
  // (written and read only for a session whose rows are judged).
  let elig = arena.u8(64);
  let pos = arena.i32(64);
  let unmet = arena.u8(64);
  const eligOf = (R: number) => (elig.length >= R ? elig : (elig = arena.u8(R)));
  const posOf = (R: number) => (pos.length >= R ? pos : (pos = arena.i32(R)));
  const unmetOf = (R: number) => (unmet.length >= R ? unmet : (unmet = arena.u8(R)));
  // Per row: its result points in units (team tables, until the best cars are chosen).
  let rowUnits = arena.f64(64);
  const rowUnitsOf = (R: number) => (rowUnits.length >= R ? rowUnits : (rowUnits = arena.f64(R)));
  const placeCounts = arena.i32(C + 1);
  // Per championship applying (the championship or an override): which entries score in it.
  const inScope = new Map<Championship, Uint8Array>();
  const inScopeOf = (c: Championship): Uint8Array => {
    let flags = inScope.get(c);
    if (!flags) {
      flags = arena.u8(E);
      for (let e = 0; e < E; e++) {
        const entry = entries[e]!;
        const here = !c.scope.classes || c.scope.classes.includes(entry.classId);
        flags[e] = here && entryScoresFor(entry, c.competitor) ? 1 : 0;
      }
      inScope.set(c, flags);
    }
    return flags;
  };
  /**
   * rankRows without row objects, for a session whose championship judges no `requires`: places
   * counted by class (or overall) along the classified rows in position order, leaving out removed
   * cars (classification.ts's placeRows rule); on the overall basis with every car kept, the official
   * position stands.
   */
  const rankInto = (c: Championship, at: number, R: number, flags: Uint8Array) => {
    const { entry, status, position, placed } = seasonRows;
    const byClass = c.basis === 'class';
    const remove = c.ineligible === 'remove';
    const withNonStarters = c.nonStarters !== undefined;
    if (!byClass && !remove) {
      // The official position of each placed row (classified, or a non-starter when they
      // score), in one pass: no order of the placed rows is needed.
      for (let j = 0; j < R; j++) {
        const k = at + j;
        elig[j] = flags[entry[k]!]!;
        const st = status[k]!;
        pos[j] = st === CLASSIFIED || (st === DNS && withNonStarters) ? position[k]! : -1;
      }
      return;
    }
    for (let j = 0; j < R; j++) {
      elig[j] = flags[entry[at + j]!]!;
      pos[j] = -1;
    }
    placeCounts.fill(0);
    // `placed` holds the session's placed rows (row numbers within the session) from `at`.
    for (let k = at; k < at + R; k++) {
      const j = placed[k]!;
      if (j < 0) break;
      if (!withNonStarters && status[at + j] === DNS) continue;
      if (remove && elig[j] === 0) continue;
      pos[j] = ++placeCounts[byClass ? classOf[entry[at + j]!]! : 0]!;
    }
  };

  // The places lists, sized for the cells of the usual holders, doubled when more are needed:
  // each held row (of any held session: no fewer than up to the cutoff) of a car in the
  // championship's scope, once per usual holder.
  let rowsHeld = 0;
  const scoped = inScopeOf(champ);
  for (let e = 0; e < E; e++)
    if (scoped[e] !== 0)
      rowsHeld += seasonRows.rowsOfEntry[e]! * (drivers ? entries[e]!.driverIds.length : 1);
  let placeSlot = arena.i32(rowsHeld);
  let placePos = arena.i32(rowsHeld);
  let placeNext = arena.i32(rowsHeld);
  let placeCount = 0;
  let placeMost = 0;
  /** Adds a tie-break place (slot `s`, basis position `place`) at the end of account `a`'s list. */
  const addPlace = (a: Account, s: number, place: number) => {
    if (placeCount === placeSlot.length) {
      const grown = (from: Int32Array) => {
        const to = arena.i32(Math.max(16, 2 * from.length));
        to.set(from);
        return to;
      };
      placeSlot = grown(placeSlot);
      placePos = grown(placePos);
      placeNext = grown(placeNext);
    }
    const k = placeCount++;
    placeSlot[k] = s;
    placePos[k] = place;
    placeNext[k] = -1;
    if (place > placeMost) placeMost = place;
    if (a.lastPlace < 0) a.firstPlace = k;
    else placeNext[a.lastPlace] = k;
    a.lastPlace = k;
  };

  // What the closures below read of the session being booked: set at the top of each session, so
  // the closures and the modules' context are made once per booking, not once per session.
  const rowEntry = seasonRows.entry;
  const rowFlags = seasonRows.flags;
  const rowStatus = seasonRows.status;
  let s = 0;
  let row0 = 0;
  let here = champ;
  let scale: Scale | undefined;
  let resultFactor = ONE;
  let table: number[] = [];
  let nonStarterShare: Fraction | undefined;
  let sharing = sharedDriveModule(champ.sharedDrives);
  let shared = new Map<number, number[]>();
  let sharedOf: SharedDriveRule | undefined;
  let recorded = false;
  // Whether this session's rows were judged against `requires` (`unmet` is read only then).
  let judged = false;
  const context = new BookingContext(index, slotOf, seasonRows.entry);

  /** A row's result points in units (0 without a place, or when it fails `requires`). */
  const unitsOfRow = (j: number): number => {
    const place = pos[j]!;
    if (place < 0 || (judged && unmet[j] !== 0)) return 0;
    if (nonStarterShare !== undefined && rowStatus[row0 + j] === DNS)
      return toUnits(multiply(multiply(pointsForPlace(scale, place), nonStarterShare), resultFactor));
    const listed = table[place];
    return listed === undefined
      ? (table[place] = toUnits(multiply(pointsForPlace(scale, place), resultFactor)))
      : listed;
  };
  /** Books one contribution of car `e` (row `j`, or -1) to its holders, as assignSession does. */
  const book = (
    e: number,
    units: number,
    isBonus: boolean,
    j: number,
    driverId: string | undefined,
    out: boolean,
  ) => {
    const holders = accountsOf(
      e,
      j >= 0 && (rowFlags[row0 + j]! & NAMED) !== 0 ? context.rows[j] : undefined,
      driverId,
    );
    let u = units;
    let counted = !out;
    const n = holders.length;
    if (drivers && driverId === undefined && n > 1) {
      // Each driver's share of a shared car's points, made once per value and driver count
      // (units stay under 2^40, so the key is exact below 2^53).
      const key = n < 1024 ? u * 1024 + n : undefined;
      let share = key === undefined ? undefined : shared.get(key);
      if (!share) {
        const made = sharing.share(here.sharedDrives, toFraction(u), n);
        share = [toUnits(made.points), made.counted ? 1 : 0];
        if (key !== undefined) shared.set(key, share);
      }
      u = share[0]!;
      counted &&= share[1] === 1;
    }
    for (const a of holders) {
      if (u > 0 && a.firstPositive === NEVER) a.firstPositive = s;
      if (!counted) continue;
      if (isBonus) bonus[a.base + s]! += u;
      else result[a.base + s]! += u;
      if (a.firstScored === NEVER) {
        // A cell's points: the car's counted points for this competitor in this session.
        const k = a.cars + e;
        if (carStamp[k] !== s + 1) {
          carStamp[k] = s + 1;
          carUnits[k] = 0;
        }
        carUnits[k]! += u;
      }
    }
  };
  // Cells: who took part, and the places tie-breaks count. Read after the car's points are booked.
  const cell = (j: number) => {
    const e = rowEntry[row0 + j]!;
    const classifiedRow = rowStatus[row0 + j] === CLASSIFIED;
    const started = (rowFlags[row0 + j]! & STARTED) !== 0;
    const named = (rowFlags[row0 + j]! & NAMED) !== 0 ? context.rows[j] : undefined;
    const place = pos[j]!;
    for (const a of accountsOf(e, named, undefined)) {
      if (a.firstCell === NEVER) a.firstCell = s;
      if (a.firstClassified === NEVER && classifiedRow && recorded) a.firstClassified = s;
      if (a.firstStarted === NEVER && started) a.firstStarted = s;
      if (recorded) addPlace(a, s, place);
      if (a.firstScored === NEVER && carStamp[a.cars + e] === s + 1 && carUnits[a.cars + e]! > 0)
        scoredNow[nScored++] = a;
    }
  };
  /**
   * `book` and then `cell` for row `j` of car `e` (its last contribution this session), counted
   * or `out`, when the row names no drivers and its points go whole to each usual holder (one
   * holder, or a team or car): one pass over the holders. False: it does not apply.
   */
  const bookRow = (j: number, e: number, u: number, out: boolean): boolean => {
    const flags = rowFlags[row0 + j]!;
    if ((flags & NAMED) !== 0) return false;
    let list = usual[e];
    if (!list) usual[e] = list = usualOf(e);
    if (drivers && list.length > 1) return false;
    const place = pos[j]!;
    for (let h = 0; h < list.length; h++) {
      const a = list[h]!;
      if (a.settled) {
        // Most rows after the first few races: no first to look for.
        if (!out) result[a.base + s]! += u;
        if (recorded) addPlace(a, s, place);
        continue;
      }
      if (u > 0 && a.firstPositive === NEVER) a.firstPositive = s;
      // Out: nothing booked, and the car has no counted points for its cell.
      let scored = false;
      if (!out) {
        result[a.base + s]! += u;
        if (a.firstScored === NEVER) {
          const k = a.cars + e;
          if (carStamp[k] !== s + 1) {
            carStamp[k] = s + 1;
            carUnits[k] = 0;
          }
          scored = (carUnits[k]! += u) > 0;
        }
      }
      if (a.firstCell === NEVER) a.firstCell = s;
      if (a.firstClassified === NEVER && recorded && rowStatus[row0 + j] === CLASSIFIED)
        a.firstClassified = s;
      if (a.firstStarted === NEVER && (flags & STARTED) !== 0) a.firstStarted = s;
      if (recorded) addPlace(a, s, place);
      if (scored) scoredNow[nScored++] = a;
      else a.settled = settledOf(a);
    }
    return true;
  };
  // The row loops of the usual sessions, each its own small function: the session's arrays are
  // read once into locals, a listed place's units without a call, and a row whose car has one
  // settled holder is booked inline (its points and a place) instead of by a call of `bookRow`,
  // which the optimizing compiler does not inline here.
  /** Every car counts (after the bonuses): each row's points and cell. */
  const bookEveryRow = (R: number) => {
    // Read once: the session's row arrays and where its rows start.
    const at = row0;
    const slot = s;
    const eligible = elig;
    const place = pos;
    const plain = !judged && nonStarterShare === undefined;
    for (let j = 0; j < R; j++) {
      if (eligible[j] === 0) continue;
      const e = rowEntry[at + j]!;
      const p = place[j]!;
      // A place's units as listed (most rows), else as unitsOfRow works them out.
      const listed = plain && p >= 0 ? table[p] : undefined;
      const u = listed === undefined ? unitsOfRow(j) : listed;
      // A car with one settled holder and a row naming no drivers: its points and a place.
      const list = usual[e];
      if (list !== undefined && list.length === 1 && (rowFlags[at + j]! & NAMED) === 0) {
        const a = list[0]!;
        if (a.settled) {
          result[a.base + slot]! += u;
          if (recorded) addPlace(a, slot, p);
          continue;
        }
      }
      if (bookRow(j, e, u, false)) continue;
      book(e, u, false, j, undefined, false);
      cell(j);
    }
  };
  /**
   * One car of each team counts and no bonuses: each car's one row (validation allows an entry
   * once per classification) is its only contribution, so a team's best car is its row with the
   * most points; no per-car lists. Between cars level on points `better`'s order is not asked:
   * either one counted books the same points, and both cells record their places (without bonuses
   * nothing else tells them apart), so the first in row order counts.
   */
  const bookBestRows = (R: number, rowUnits: Float64Array) => {
    const eligible = elig;
    const place = pos;
    const plain = !judged && nonStarterShare === undefined;
    for (let j = 0; j < R; j++) {
      if (eligible[j] === 0) continue;
      const e = rowEntry[row0 + j]!;
      const p = place[j]!;
      const listed = plain && p >= 0 ? table[p] : undefined;
      const u = listed === undefined ? unitsOfRow(j) : listed;
      rowUnits[j] = u;
      carPoints[e] = u;
      const t = teamOf[e]!;
      const b = bestOfTeam[t]!;
      if (b < 0 || u > carPoints[b]!) bestOfTeam[t] = e;
    }
    const at = row0;
    const slot = s;
    for (let j = 0; j < R; j++) {
      if (eligible[j] === 0) continue;
      const e = rowEntry[at + j]!;
      const out = bestOfTeam[teamOf[e]!] !== e;
      const list = usual[e];
      if (list !== undefined && list.length === 1 && (rowFlags[at + j]! & NAMED) === 0) {
        const a = list[0]!;
        if (a.settled) {
          if (!out) result[a.base + slot]! += rowUnits[j]!;
          if (recorded) addPlace(a, slot, place[j]!);
          continue;
        }
      }
      if (bookRow(j, e, rowUnits[j]!, out)) continue;
      book(e, rowUnits[j]!, false, j, undefined, out);
      cell(j);
    }
    for (let j = 0; j < R; j++) if (eligible[j] !== 0) bestOfTeam[teamOf[rowEntry[at + j]!]!] = -1;
  };
  /** The accounts that scored first in this session: their first found, and whether all are. */
  const scoredFirst = () => {
    for (let k = 0; k < nScored; k++) {
      const a = scoredNow[k]!;
      a.firstScored = s;
      a.settled = settledOf(a);
    }
  };
  const carOf = (e: number, u: number, j: number) => {
    if (!carSeen[e]) {
      carSeen[e] = 1;
      carPoints[e] = 0;
      carPlace[e] = Infinity;
      cars[nCars++] = e;
    }
    carPoints[e]! += u;
    // The car's place: its first contribution's with one (as teamExclusions takes it).
    if (carPlace[e] === Infinity && j >= 0 && pos[j]! >= 0) carPlace[e] = pos[j]!;
  };
  // Each team keeps its best N cars, chosen one at a time (N is 1 or 2 in practice), in the
  // best-cars module's order: most points, then best place, then entry id. The order matters
  // even between cars level on points: one may hold bonus points a drop rule cannot drop.
  const better = (x: number, y: number) =>
    carPoints[x]! - carPoints[y]! ||
    carPlace[y]! - carPlace[x]! ||
    (carPlace[x] === carPlace[y] ? entries[y]!.id.localeCompare(entries[x]!.id) : 0);
  // The last scale and factor's units by place, and the last rule's shares.
  let lastScale: Scale | undefined | null = null;
  let lastFactor = ONE;

  for (s = 0; s < S; s++) {
    const session = held[s]!;
    const facts = heldFacts[s]!;
    const event = facts.event;
    here = at(session, event);
    if (!checked.has(here)) {
      if (!covers(here)) throw NOT_COVERED;
      checked.add(here);
    }
    const classified = facts.rows!;
    const R = classified.length;
    row0 = facts.row0;
    // Each row's eligibility and basis position (-1: none), and whether it failed `requires`.
    eligOf(R);
    posOf(R);
    unmetOf(R);
    let ranked: ScoredRow[] | undefined;
    judged = conditionIn(here.requires, session.type) !== undefined;
    if (!judged) rankInto(here, row0, R, inScopeOf(here));
    else {
      // Conditions judged against the leaders: rankRows, the one rule, read into the arrays.
      ranked = rankRows(classified, index, here, session.type);
      for (let j = 0; j < R; j++) {
        const r = ranked[j]!;
        elig[j] = r.eligible ? 1 : 0;
        pos[j] = r.position ?? -1;
        unmet[j] = r.unmet === undefined ? 0 : 1;
      }
    }
    context.reset(here.basis, session, facts, row0, elig, pos, ranked);
    const scaleId = session.pointsScale ?? here.points[session.type];
    scale = scaleId === undefined ? undefined : rulebook.scales[scaleId];
    resultFactor = session.pointsFactor ?? ONE;
    let bonusFactor = ONE;
    for (const rule of here.multipliers) {
      const applied = multiplierModule(rule).factor(rule, context);
      if (!applied) continue;
      resultFactor = multiply(resultFactor, applied.factor);
      if (multiplierModule(rule).includesBonuses(rule)) bonusFactor = multiply(bonusFactor, applied.factor);
    }
    if (scale !== lastScale || resultFactor !== lastFactor) {
      table = tableOf(scale, resultFactor);
      lastScale = scale;
      lastFactor = resultFactor;
    }
    nonStarterShare = here.nonStarters?.share;
    if (here.sharedDrives !== sharedOf) {
      sharedOf = here.sharedDrives;
      sharing = sharedDriveModule(sharedOf);
      let made = shares.get(sharedOf);
      if (!made) shares.set(sharedOf, (made = new Map<number, number[]>()));
      shared = made;
    }
    recorded = !racesOnly || session.type === 'race';
    nScored = 0;

    // A team's cars outside its best N in the session do not count (assign-session's teamExclusions).
    const best = champ.competitor === 'team' ? bestCarsFor(here.teamScoring) : 0;
    if (best === 0) {
      // Every car counts: bonuses first, then each row's points and cell (its car's points complete).
      for (const rule of here.bonuses) {
        if (rule.firstRaceOfEvent && !context.firstRaceOfEvent) continue;
        if (rule.sessionTypes && !rule.sessionTypes.includes(session.type)) continue;
        for (const grant of context.grants(rule)) {
          const e = grant.slot ?? slotOf.get(grant.entryId)!;
          book(
            e,
            toUnits(multiply(grant.points, bonusFactor)),
            true,
            grant.row ?? rowOfEntry(rowEntry, row0, R, e),
            grant.driverId,
            false,
          );
        }
      }
      bookEveryRow(R);
      scoredFirst();
      continue;
    }

    const rowUnits = rowUnitsOf(R);
    if (best === 1 && here.bonuses.length === 0) {
      bookBestRows(R, rowUnits);
      scoredFirst();
      continue;
    }
    // The session's contributions per car, as scoreSession makes them: each row's points (kept in
    // `rowUnits`), then the bonuses (few: kept in the c* lists).
    nCars = 0;
    for (let j = 0; j < R; j++) {
      if (elig[j] === 0) continue;
      const u = unitsOfRow(j);
      rowUnits[j] = u;
      carOf(rowEntry[row0 + j]!, u, j);
    }
    nGrants = 0;
    for (const rule of here.bonuses) {
      if (rule.firstRaceOfEvent && !context.firstRaceOfEvent) continue;
      if (rule.sessionTypes && !rule.sessionTypes.includes(session.type)) continue;
      for (const grant of context.grants(rule)) {
        const e = grant.slot ?? slotOf.get(grant.entryId)!;
        const u = toUnits(multiply(grant.points, bonusFactor));
        const j = grant.row ?? rowOfEntry(rowEntry, row0, R, e);
        cEntry[nGrants] = e;
        cUnits[nGrants] = u;
        cRow[nGrants] = j;
        cDriver[nGrants++] = grant.driverId;
        carOf(e, u, j);
      }
    }
    // Each team keeps its best N cars (`better`), chosen one at a time (N is 1 or 2 in practice).
    for (let c = 0; c < nCars; c++) excluded[cars[c]!] = 1;
    for (let round = 0; round < best; round++) {
      for (let c = 0; c < nCars; c++) {
        const e = cars[c]!;
        if (excluded[e] === 0) continue;
        const t = teamOf[e]!;
        const b = bestOfTeam[t]!;
        if (b < 0 || better(e, b) > 0) bestOfTeam[t] = e;
      }
      for (let c = 0; c < nCars; c++) {
        const t = teamOf[cars[c]!]!;
        const b = bestOfTeam[t]!;
        if (b >= 0) {
          excluded[b] = 0;
          bestOfTeam[t] = -1;
        }
      }
    }
    for (let c = 0; c < nCars; c++) carSeen[cars[c]!] = 0;
    if (nGrants === 0) {
      // No bonuses: each row is its car's only contribution, booked with its cell.
      for (let j = 0; j < R; j++) {
        if (elig[j] === 0) continue;
        const e = rowEntry[row0 + j]!;
        const out = excluded[e] === 1;
        if (bookRow(j, e, rowUnits[j]!, out)) continue;
        book(e, rowUnits[j]!, false, j, undefined, out);
        cell(j);
      }
      scoredFirst();
      continue;
    }
    for (let j = 0; j < R; j++) {
      if (elig[j] === 0) continue;
      const e = rowEntry[row0 + j]!;
      book(e, rowUnits[j]!, false, j, undefined, excluded[e] === 1);
    }
    for (let k = 0; k < nGrants; k++) {
      const e = cEntry[k]!;
      book(e, cUnits[k]!, true, cRow[k]!, cDriver[k], excluded[e] === 1);
    }
    for (let j = 0; j < R; j++) if (elig[j] !== 0) cell(j);
    scoredFirst();
  }

  const sessions = held.map((session, s) => ({ session, order: heldFacts[s]!.order }));
  return {
    unit,
    sessions,
    accounts,
    result,
    bonus,
    ctx: champ.drops.length ? sharedWindowContext(index, seasonSessions) : undefined,
    places: { slot: placeSlot, position: placePos, next: placeNext, count: placeCount, most: placeMost },
  };
}

/**
 * A session's context for the modules: the rows as objects are made only when a module reads them
 * (bonuses, a distance multiplier) or a row names its drivers. One per booking, `reset` for each
 * session as it is booked (the arrays it reads are the booking's scratch).
 */
class BookingContext implements SessionContext {
  basis: 'overall' | 'class' = 'overall';
  session!: Session;
  event!: Event;
  awards: readonly Award[] = NO_AWARDS;
  firstRaceOfEvent = false;
  private classified: readonly ClassificationRow[] = [];
  private row0 = 0;
  private elig: Uint8Array = NO_ROWS_U8;
  private pos: Int32Array = NO_ROWS_I32;
  private made: readonly ScoredRow[] | undefined;
  constructor(
    private readonly index: SeasonIndex,
    private readonly slot: ReadonlyMap<string, number>,
    private readonly rowEntry: Int32Array,
  ) {}

  /** The session now booked: its facts, ranked rows (when made) and the booking's row arrays. */
  reset(
    basis: 'overall' | 'class',
    session: Session,
    facts: SessionFacts,
    row0: number,
    elig: Uint8Array,
    pos: Int32Array,
    made: readonly ScoredRow[] | undefined,
  ): void {
    this.basis = basis;
    this.session = session;
    this.event = facts.event;
    this.awards = facts.awards;
    this.firstRaceOfEvent = facts.firstOfTypeAtEvent;
    this.classified = facts.rows!;
    this.row0 = row0;
    this.elig = elig;
    this.pos = pos;
    this.made = made;
  }

  /**
   * The rule's grants: pole and fastest-lap bonuses as award-bonus.ts grants them, read from the
   * booking's arrays (no row objects, no words); other bonuses, and a share of laps to judge, from
   * the module.
   */
  grants(rule: BonusRule): readonly Grant[] {
    if (rule.kind !== 'pole' && rule.kind !== 'fastest-lap') return bonusModule(rule).grant(rule, this);
    const judged = conditionIn(rule.requires, this.session.type);
    if (judged?.minLapsShare !== undefined) return bonusModule(rule).grant(rule, this);
    const award = rule.kind;
    const awards = this.awards;
    // The scopes of the rule's awards, in the order first given (award-bonus.ts's groups), and the
    // holder when there is only one (the usual case: no tie to resolve).
    let scopes: string[] | undefined;
    let only: Award | undefined;
    for (const a of awards) {
      if (a.award !== award) continue;
      if (rule.scope === 'overall' ? a.scope !== 'overall' : a.scope === 'overall') continue;
      if (only === undefined) only = a;
      else if (scopes === undefined) scopes = only.scope === a.scope ? [a.scope] : [only.scope, a.scope];
      else if (!scopes.includes(a.scope)) scopes.push(a.scope);
    }
    if (only === undefined) return NO_GRANTS;
    if (scopes === undefined) {
      const grant = this.grantOf(rule, judged, only, only.scope, rule.points);
      return grant === undefined ? NO_GRANTS : [grant];
    }
    const grants: Grant[] = [];
    for (const scope of scopes) {
      const group = awards.filter((a) => a.award === award && a.scope === scope);
      const tie = resolveTie(rule.tie, rule.points, group, (a) => {
        const j = this.rowOf(a);
        return j < 0 ? undefined : this.classified[j]!.position;
      });
      for (const a of tie.winners) {
        const grant = this.grantOf(rule, judged, a, scope, tie.each);
        if (grant !== undefined) grants.push(grant);
      }
    }
    return grants;
  }

  /** The award holder's row (the first of its car), or -1. */
  private rowOf(a: Award): number {
    const e = this.slot.get(a.entryId);
    return e === undefined ? -1 : rowOfEntry(this.rowEntry, this.row0, this.classified.length, e);
  }

  /** An award's grant of `points` (a winner of its group), unless its row or conditions say not. */
  private grantOf(
    rule: Of<BonusRule, 'pole' | 'fastest-lap'>,
    judged: Condition | undefined,
    a: Award,
    scope: string,
    points: Fraction,
  ): Grant | undefined {
    const j = this.rowOf(a);
    if (j < 0 || this.elig[j] !== 1) return undefined;
    const entry = this.index.season.entries[this.rowEntry[this.row0 + j]!]!;
    if (rule.scope === 'class' && entry.classId !== scope) return undefined;
    if (judged !== undefined) {
      const p = this.pos[j]!;
      const row = { row: this.classified[j]!, entry, position: p < 0 ? undefined : p };
      if (unmetBy(judged, row, NO_LEADERS, this.basis) !== undefined) return undefined;
    }
    const e = this.rowEntry[this.row0 + j]!;
    return a.driverId === undefined
      ? { entryId: a.entryId, points, slot: e, row: j }
      : { entryId: a.entryId, driverId: a.driverId, points, slot: e, row: j };
  }

  /** rankRows keeps the rows' order: row j is the classification's row j. */
  get rows(): readonly ScoredRow[] {
    return (this.made ??= scoredRowsOf(
      this.index,
      this.classified,
      this.rowEntry,
      this.row0,
      this.elig,
      this.pos,
    ));
  }
}

/** A bonus granted to a car (or one of its drivers): a `BonusGrant` less its words. */
type Grant = Pick<BonusGrant, 'entryId' | 'driverId' | 'points'> & {
  /** The car's entry slot and row in the session, when the booking granted it (pole, fastest lap). */
  readonly slot?: number;
  readonly row?: number;
};
const NO_GRANTS: readonly Grant[] = [];
const NO_AWARDS: readonly Award[] = [];
// Until the first session is booked: no typed arrays made per context.
const NO_ROWS_U8 = new Uint8Array(0);
const NO_ROWS_I32 = new Int32Array(0);
/** No share of laps is judged here: no leaders' laps are read. */
const NO_LEADERS: ReadonlyMap<string, number> = new Map();

/** The rows as rankRows makes them, from the arrays the booking ranked them into. */
function scoredRowsOf(
  index: SeasonIndex,
  rows: readonly ClassificationRow[],
  rowEntry: Int32Array,
  at: number,
  elig: Uint8Array,
  pos: Int32Array,
): ScoredRow[] {
  const entries = index.season.entries;
  const out: ScoredRow[] = new Array<ScoredRow>(rows.length);
  for (let j = 0; j < rows.length; j++)
    out[j] = {
      row: rows[j]!,
      entry: entries[rowEntry[at + j]!]!,
      eligible: elig[j] === 1,
      position: pos[j]! < 0 ? undefined : pos[j],
      unmet: undefined,
    };
  return out;
}

const bestCarsFor = (rule: TeamScoringRule): number => {
  const of = bestCarsOf[rule.kind] as ((r: TeamScoringRule) => number) | undefined;
  if (of === undefined) throw NOT_COVERED;
  return of(rule);
};
