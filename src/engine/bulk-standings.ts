/**
 * `computeStandings`' tables made in bulk: the same contributions (the same Draft objects, words
 * made when read), cells, drops, listing, tie-break records and rows as `scoreChampionship`, booked
 * with competitors as accounts in an array and held sessions as slots. What the general pipeline
 * works out afterwards by walking every book again (each session's drop units through Maps, who is
 * listed, the tie-break places, the totals) is kept as the contributions and cells are made, and a
 * team's cars in a session are grouped by entry slot instead of Maps per team and session.
 *
 * Rules whose booking changes after it is made take the general pipeline (undefined here):
 * adjustments of the table (deductions, withheld results, exclusions), team scoring over whole
 * rounds, only the best share of a driver's cars, and two or more drop rules at once. A property
 * test checks this path against the general pipeline (deep equal, contributions in order).
 */
import { add, compare, subtract, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship, DropRule, Rulebook } from './rulebook.js';
import { isPenalty, STARTED_STATUSES } from './season.js';
import type { Entry, Event, Session } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { addSessionBonuses, scoreSessionResults } from './score-session.js';
import type { CarContribution, ScoredSessionResult, SessionResults } from './score-session.js';
import { championshipAt } from './championship-at.js';
import { carPointsInSession, competitorFinder, Draft, FixedWords } from './ledger.js';
import { dropContextOf } from './apply-drops.js';
import { dropModule, sharedDriveModule, teamScoringModule } from './rules/registry.js';
import type {
  CarResult,
  DropContext,
  DropUnit,
  ScoredRow,
  TieBreakPlace,
  TieBreakRecord,
} from './rules/types.js';
import { bestResultsReason } from './rules/drops/best-results.js';
import { dropLowestReason } from './rules/drops/drop-lowest.js';
import { rankStandings } from './rank-standings.js';
import { bestCarsReason } from './rules/team-scoring/best-cars.js';
import type { Tally } from './rank-standings.js';
import { entryFactsOf } from './season-rows.js';
import { cutoffOf, followDriver, scoringPlacesOf, sessionsInScope, tableHead } from './score-championship.js';
import type { ChampionshipStandings, Competitor, SessionCell } from './standings.js';

/** One competitor's book, with what listing, drops and tie-breaks read kept as it is written. */
interface Account {
  readonly competitor: Competitor;
  readonly contributions: Draft[];
  readonly cells: MutableCell[];
  /** Per contribution and per cell: its held session's slot (drops only). */
  readonly slots: number[] | undefined;
  readonly cellSlots: number[];
  /**
   * This session's counted points (`stamp` is the slot), while they all come from one car
   * (`car`); `mixed` once a second car of the session gives it a contribution.
   */
  stamp: number;
  car: string | undefined;
  carPoints: Fraction;
  mixed: boolean;
  /**
   * Sum of the counted contributions: whole points as a number (each under 2^40, so the sum is
   * exact), the rest as a Fraction; `total` is both together once booking and drops are done.
   */
  whole: number;
  rest: Fraction;
  total: Fraction;
  /** Per held session (slot): counted result points and counted bonus points (drops only). */
  readonly result: Fraction[] | undefined;
  readonly bonus: Fraction[] | undefined;
  /** Per slot: whether its last cell there started (drops only). */
  readonly started: boolean[] | undefined;
  /** A contribution of positive points (counted or not, never withheld here). */
  scored: boolean;
  /** A classified cell (in a race, when the championship scores races); a started cell. */
  classified: boolean;
  anyStarted: boolean;
  firstScored: TieBreakRecord['firstScored'];
}

/** A cell this path still marks as dropped before anyone sees it. */
type MutableCell = { -readonly [K in keyof SessionCell]: SessionCell[K] };

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

/** The places of a row no other row is level with on points: never read. */
const NO_PLACES: readonly TieBreakPlace[] = Object.freeze([]);

const POLE = 1;
const FASTEST_LAP = 2;

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
  const orders = new Int32Array(S);
  for (let s = 0; s < S; s++) orders[s] = index.order.get(held[s]!.id)!;
  const scoresHere = champ.classChanges === 'follow-driver' ? followDriver(index, champ, held) : undefined;
  const holdersOf = competitorFinder(champ, index);
  const at = championshipAt(champ);
  const drivers = champ.competitor === 'driver';
  const teams = champ.competitor === 'team';
  const racesOnly = 'race' in champ.points;
  const byClass = champ.basis === 'class';
  const sharing = sharedDriveModule(champ.sharedDrives);
  const noDriverPoints = shared !== undefined && index.season.entries.some((e) => e.driverPoints === false);

  const shares = new Map<Fraction, ReturnType<typeof sharing.share>[]>();
  const shareOf = (points: Fraction, n: number) => {
    let byDrivers = shares.get(points);
    if (byDrivers === undefined) shares.set(points, (byDrivers = []));
    return (byDrivers[n] ??= sharing.share(champ.sharedDrives, points, n));
  };

  const accounts: Account[] = [];
  const accountOf = new Map<Competitor, Account>();
  const open = (c: Competitor): Account => {
    let a = accountOf.get(c);
    if (a === undefined) {
      a = {
        competitor: c,
        contributions: [],
        cells: [],
        slots: dropRule ? [] : undefined,
        cellSlots: [],
        stamp: -1,
        car: undefined,
        carPoints: ZERO,
        mixed: false,
        whole: 0,
        rest: ZERO,
        total: ZERO,
        result: dropRule ? new Array<Fraction>(S).fill(ZERO) : undefined,
        bonus: dropRule?.includeBonuses ? new Array<Fraction>(S).fill(ZERO) : undefined,
        started: dropRule ? new Array<boolean>(S).fill(false) : undefined,
        scored: false,
        classified: false,
        anyStarted: false,
        firstScored: undefined,
      };
      accountOf.set(c, a);
      accounts.push(a);
    }
    return a;
  };

  // The accounts of a car's usual holders (its drivers, its team or itself) by entry object: one
  // lookup where holdersOf and a lookup per holder were two or three. A row naming who drove, or a
  // bonus naming a driver, asks holdersOf each time.
  const usual = new Map<Entry, Account[]>();
  const accountsOf = (
    entry: Entry,
    row: ScoredRow | undefined,
    driverId: string | undefined,
  ): readonly Account[] => {
    if (driverId === undefined && row?.row.driverIds === undefined) {
      let list = usual.get(entry);
      if (list === undefined) usual.set(entry, (list = holdersOf(entry, row).map(open)));
      return list;
    }
    return holdersOf(entry, row, driverId).map(open);
  };

  // Team tables: each session's cars grouped by team, by entry slot (no Maps per team and session).
  const facts = teams ? entryFactsOf(index) : undefined;
  // Which cars of a team count in a session: every car (all-cars: nothing to judge), the best N
  // (best-cars, chosen here), or as the team scoring module says.
  const teamRule = champ.teamScoring;
  const teamModule = teamScoringModule(teamRule);
  const bestCount = teamRule.kind === 'best-cars' ? teamRule.count : -1;
  const bestReason = teamRule.kind === 'best-cars' ? bestCarsReason(teamRule.count) : '';
  const judged = teams && teamRule.kind !== 'all-cars';
  const E = index.season.entries.length;
  const carStamp = teams ? new Int32Array(E).fill(-1) : undefined;
  const carPoints = teams ? new Array<Fraction>(E) : undefined;
  const carPosition = teams ? new Array<number | undefined>(E) : undefined;
  const teamStamp = teams ? new Int32Array(facts!.teams).fill(-1) : undefined;
  // Per team: its cars in the session (the first `teamCount` of its list); the teams touched.
  // Written over in place (an array's length set to 0 gives up its storage).
  const teamCars = teams ? Array.from({ length: facts!.teams }, () => [] as number[]) : undefined;
  const teamCount = teams ? new Int32Array(facts!.teams) : undefined;
  const touched = teams ? new Int32Array(facts!.teams) : undefined;
  let touchedCount = 0;
  // Per contribution of the session: its car's slot; per car: the session (`s`) that excludes it, and why.
  const carOfContribution: number[] = [];
  const excludedIn = teams ? new Int32Array(E).fill(-1) : undefined;
  const excludedWhy = teams ? new Array<string>(E) : undefined;
  const slotOfEntry = teams ? new Map(index.season.entries.map((entry, e) => [entry, e])) : undefined;
  const awardedCars: Entry[] = [];
  const awardFlags: number[] = [];

  for (let s = 0; s < S; s++) {
    const session = held[s]!;
    const event = index.getEvent(session.eventId);
    const here = at(session, event);
    const { context, contributions } = sessionScores(
      index,
      rulebook,
      here,
      session,
      event,
      scoresHere,
      shared === undefined ? undefined : sharedBySession(shared, resultsKey(here, noDriverPoints)),
    );
    if (judged) teamExclusions(s, contributions);

    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i]!;
      const entryId = c.entryId;
      const holders = accountsOf(c.scored?.entry ?? index.getEntry(entryId), c.scored, c.driverId);
      const car = judged ? carOfContribution[i]! : -1;
      const excluded = judged && excludedIn![car] === s ? excludedWhy![car] : undefined;
      // A car with one holder gives its points whole; only a shared car asks the shared-drive rule,
      // once per value and number of drivers (a scale's points are the same objects row after row).
      const share =
        drivers && c.driverId === undefined && holders.length > 1
          ? shareOf(c.points, holders.length)
          : undefined;
      for (let h = 0; h < holders.length; h++) {
        const account = holders[h]!;
        const points = share?.points ?? c.points;
        const counted = (share?.counted ?? true) && excluded === undefined;
        account.contributions.push(
          new Draft(
            session.id,
            event.id,
            session.race,
            c.kind,
            c.rule,
            c,
            points,
            counted,
            excluded ?? share?.reason,
            entryId,
            share?.description || undefined,
          ),
        );
        account.slots?.push(s);
        if (points.num > 0n) account.scored = true;
        if (account.stamp !== s) {
          account.stamp = s;
          account.car = entryId;
          account.carPoints = ZERO;
          account.mixed = false;
        } else if (account.car !== entryId) account.mixed = true;
        if (!counted) continue;
        const whole = points.den === 1n ? Number(points.num) : WHOLE;
        if (whole < WHOLE && whole > -WHOLE) account.whole += whole;
        else account.rest = add(account.rest, points);
        if (!account.mixed) account.carPoints = add(account.carPoints, points);
        if (account.result === undefined) continue;
        if (c.kind === 'result') account.result[s] = add(account.result[s]!, points);
        else if (c.kind === 'bonus' && account.bonus) account.bonus[s] = add(account.bonus[s]!, points);
      }
    }

    // Cells for the results matrix: the pole and fastest lap of the championship's basis.
    // The cars holding one (a session has a few awards): compared by entry object, not by id.
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
    const order = orders[s]!;
    const rows = context.rows;
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j]!;
      if (!r.eligible) continue;
      const entryId = r.entry.id;
      let flags = 0;
      for (let k = 0; k < awarded; k++) if (awardedCars[k] === r.entry) flags |= awardFlags[k]!;
      const status = r.row.status;
      const started = status === 'classified' || STARTED_STATUSES.has(status);
      const cellHolders = accountsOf(r.entry, r, undefined);
      for (let h = 0; h < cellHolders.length; h++) {
        const account = cellHolders[h]!;
        // The car's counted points in this session: kept while booking when the holder's
        // contributions here all came from one car; otherwise summed from this session's drafts.
        const points =
          account.stamp !== s
            ? ZERO
            : !account.mixed
              ? account.car === entryId
                ? account.carPoints
                : ZERO
              : carPointsInSession(account.contributions, session.id, entryId);
        account.cells.push({
          sessionId: session.id,
          race: session.race,
          entryId,
          status,
          position: r.position,
          overallPosition: r.row.position,
          pole: (flags & POLE) !== 0,
          fastestLap: (flags & FASTEST_LAP) !== 0,
          points,
          dropped: false,
        });
        account.cellSlots.push(s);
        if (account.started) account.started[s] = started;
        if (started) account.anyStarted = true;
        if (status === 'classified' && raceHere) account.classified = true;
        if (account.firstScored === undefined && points.num > 0n)
          account.firstScored = { order, race: session.race };
      }
    }
  }

  if (dropRule) {
    const ctx = dropContextOf(index, seasonSessions);
    const withBonuses = dropRule.includeBonuses === true;
    const slotOf = new Map<string, number>();
    for (let s = 0; s < S; s++) slotOf.set(held[s]!.id, s);
    // Per slot: the account (its number) that dropped it, and whose contribution there it hit.
    const droppedBy = new Int32Array(S).fill(-1);
    const reasonAt = new Array<string>(S);
    const hit = new Int32Array(S).fill(-1);
    // An account's dropped slots in the module's order (the order the zero results are added).
    const dropped = new Int32Array(S);
    const chooser = lowestChooser(dropRule, held, ctx);
    for (let a = 0; a < accounts.length; a++) {
      const account = accounts[a]!;
      const { result, bonus, started } = account;
      let n =
        chooser === undefined
          ? -1
          : chooser.choose(result!, withBonuses ? bonus : undefined, started!, dropped);
      if (n < 0) n = dropsByModule(dropRule, held, orders, ctx, account, slotOf, dropped, reasonAt);
      else for (let k = 0; k < n; k++) reasonAt[dropped[k]!] = chooser!.reason;
      if (n === 0) continue;
      for (let k = 0; k < n; k++) droppedBy[dropped[k]!] = a;
      const list = account.contributions;
      const slots = account.slots!;
      const count = list.length;
      for (let i = 0; i < count; i++) {
        const s = slots[i]!;
        if (droppedBy[s] !== a) continue;
        const d = list[i]!;
        if (!d.counted || !(d.kind === 'result' || (withBonuses && d.kind === 'bonus'))) continue;
        d.discount(reasonAt[s]!);
        const p = d.points;
        const whole = p.den === 1n ? Number(p.num) : WHOLE;
        if (whole < WHOLE && whole > -WHOLE) account.whole -= whole;
        else account.rest = subtract(account.rest, p);
        hit[s] = a;
      }
      for (let k = 0; k < n; k++) {
        const s = dropped[k]!;
        if (hit[s] === a) continue;
        // A race not started counts as a zero result; it is recorded as the one dropped.
        const session = held[s]!;
        list.push(
          new Draft(
            session.id,
            session.eventId,
            session.race,
            'result',
            `drop:${dropRule.kind}`,
            new FixedWords(`${session.name}: not started, a zero result`),
            ZERO,
            false,
            reasonAt[s],
            undefined,
          ),
        );
      }
      // The cells are this path's own until the table is returned: marked in place.
      const cells = account.cells;
      const cellSlots = account.cellSlots;
      for (let i = 0; i < cells.length; i++) if (droppedBy[cellSlots[i]!] === a) cells[i]!.dropped = true;
    }
  }

  const scoringPlaces = scoringPlacesOf(rulebook, champ);
  const listed = accounts.filter((a) => isListed(champ, a));
  for (const a of listed) a.total = a.whole === 0 ? a.rest : add(a.rest, { num: BigInt(a.whole), den: 1n });
  // Tie-breaks read a record only between rows level on points (rankTallies' order and the
  // steps' words): the places (an object per race cell) are made for those rows only.
  const level = new Map<string, number>();
  for (const a of listed) {
    const key = `${a.total.num}/${a.total.den}`;
    level.set(key, (level.get(key) ?? 0) + 1);
  }
  const raceAt = new Uint8Array(S);
  for (let s = 0; s < S; s++) raceAt[s] = !racesOnly || held[s]!.type === 'race' ? 1 : 0;
  const tallies: Tally[] = [];
  for (const a of listed) {
    let positions: readonly TieBreakPlace[] = NO_PLACES;
    if (level.get(`${a.total.num}/${a.total.den}`)! > 1) positions = placesOf(a, raceAt, orders);
    tallies.push({
      competitor: a.competitor,
      points: a.total,
      contributions: a.contributions,
      cells: a.cells,
      record: { positions, scoringPlaces, firstScored: a.firstScored },
    });
  }
  return {
    ...tableHead(champ, afterRace, final),
    sessions: held.map((s) =>
      s.race === undefined
        ? { id: s.id, eventId: s.eventId, type: s.type, name: s.name }
        : { id: s.id, eventId: s.eventId, type: s.type, name: s.name, race: s.race },
    ),
    rows: rankStandings(tallies, champ.tieBreaks),
    excluded: [],
  };

  /**
   * Marks the cars of a team that do not count in session `s`, with the reason (as
   * assign-session's teamExclusions), and each contribution's car.
   */
  function teamExclusions(s: number, contributions: readonly CarContribution[]): void {
    const { slot, teamOf } = facts!;
    touchedCount = 0;
    for (let i = 0; i < contributions.length; i++) {
      const c = contributions[i]!;
      // A car's row gives its entry object (a lookup by identity); a bonus without one, its id.
      const e = c.scored === undefined ? slot.get(c.entryId)! : slotOfEntry!.get(c.scored.entry)!;
      carOfContribution[i] = e;
      const t = teamOf[e]!;
      if (teamStamp![t] !== s) {
        teamStamp![t] = s;
        teamCount![t] = 0;
        touched![touchedCount++] = t;
      }
      if (carStamp![e] !== s) {
        carStamp![e] = s;
        carPoints![e] = ZERO;
        carPosition![e] = undefined;
        teamCars![t]![teamCount![t]!++] = e;
      }
      carPoints![e] = add(carPoints![e]!, c.points);
      carPosition![e] ??= c.scored?.position;
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
          excludedWhy![cars[i]!] = bestReason;
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
        excludedWhy![e] = reason;
      }
    }
  }

  /** Whether car `x` comes before car `y` in the best-cars module's order (`outsideBest`). */
  function carBefore(x: number, y: number): boolean {
    const c = compare(carPoints![y]!, carPoints![x]!);
    if (c !== 0) return c < 0;
    const p = (carPosition![x] ?? Infinity) - (carPosition![y] ?? Infinity);
    if (p < 0 || p > 0) return p < 0;
    const entries = index.season.entries;
    return entries[x]!.id.localeCompare(entries[y]!.id) < 0;
  }
}

/**
 * The best-results and drop-lowest modules' choice made over slots: the lowest units first (fewest
 * points, then not started before started, then the later race), as `lowestFirst` orders them,
 * with whole points compared as numbers; no unit objects, comparator sorts or Maps per competitor.
 * `choose` writes the dropped slots in that order and returns how many, or -1 when a unit's points
 * are not a whole number under 2^31 (the module decides then). Undefined for other drop rules (and
 * for 2^20 sessions or more, which the key cannot number).
 */
function lowestChooser(
  rule: DropRule,
  held: readonly Session[],
  ctx: DropContext,
):
  | {
      readonly reason: string;
      choose(
        result: readonly Fraction[],
        bonus: readonly Fraction[] | undefined,
        started: readonly boolean[],
        out: Int32Array,
      ): number;
    }
  | undefined {
  const S = held.length;
  if (S >= KEY_STARTED) return undefined;
  let window: number[];
  let take: number;
  let reason: string;
  if (rule.kind === 'best-results') {
    window = held.map((_, s) => s);
    take = S - rule.count;
    reason = bestResultsReason(rule.count);
  } else if (rule.kind === 'drop-lowest') {
    window = [];
    for (let s = 0; s < S; s++)
      if (rule.window !== 'before-final-event' || !ctx.finalEventSessionIds.has(held[s]!.id)) window.push(s);
    take = Math.min(rule.count, window.length);
    reason = dropLowestReason(rule);
  } else return undefined;
  const W = window.length;
  // One number per unit orders it: its points, then not started before started, then the later
  // race first (slots are in calendar order), the slot kept in the low bits; a typed array sorts
  // numbers in place without a comparator. Exact while the points stay under KEY_POINTS.
  const keys = new Float64Array(W);
  return {
    reason,
    choose(result, bonus, started, out) {
      if (take <= 0) return 0;
      for (let w = 0; w < W; w++) {
        const s = window[w]!;
        const p = bonus === undefined ? result[s]! : add(result[s]!, bonus[s]!);
        if (p.den !== 1n) return -1;
        const points = Number(p.num);
        if (points >= KEY_POINTS || points <= -KEY_POINTS) return -1;
        keys[w] = points * KEY_LOW + (started[s] ? KEY_STARTED : 0) + (KEY_STARTED - 1 - s);
      }
      keys.sort();
      for (let k = 0; k < take; k++) {
        const low = ((keys[k]! % KEY_LOW) + KEY_LOW) % KEY_LOW;
        out[k] = KEY_STARTED - 1 - (low % KEY_STARTED);
      }
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
  orders: Int32Array,
  ctx: DropContext,
  account: Account,
  slotOf: ReadonlyMap<string, number>,
  dropped: Int32Array,
  reasonAt: string[],
): number {
  const { result, bonus, started } = account;
  const units: DropUnit[] = [];
  for (let s = 0; s < held.length; s++)
    units.push({
      sessionId: held[s]!.id,
      order: orders[s]!,
      race: held[s]!.race,
      points: rule.includeBonuses === true ? add(result![s]!, bonus![s]!) : result![s]!,
      started: started![s]!,
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
 * An account's places in the sessions counted for tie-breaks (races, when the championship scores
 * races), in calendar order. A function of its own: rare, and it kept deoptimizing the booking.
 */
function placesOf(a: Account, raceAt: Uint8Array, orders: Int32Array): TieBreakPlace[] {
  const places: TieBreakPlace[] = [];
  const { cells, cellSlots } = a;
  for (let i = 0; i < cells.length; i++) {
    const s = cellSlots[i]!;
    if (raceAt[s] === 0) continue;
    const cell = cells[i]!;
    places.push({ order: orders[s]!, race: cell.race, position: cell.position });
  }
  return places;
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
  return noDriverPoints && c.competitor === 'driver' ? `driver ${key}` : key;
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
  // Points that follow a driver's class are the championship's own (scoresHere).
  if (scoresHere !== undefined || bySession === undefined) {
    const results = scoreSessionResults(index, rulebook, champ, session, event, first, scoresHere);
    addSessionBonuses(champ, results, results.contributions as CarContribution[]);
    return results;
  }
  let results = bySession.get(session);
  if (results === undefined)
    bySession.set(session, (results = scoreSessionResults(index, rulebook, champ, session, event, first)));
  if (champ.bonuses.length === 0) return results;
  const contributions = results.contributions.slice();
  addSessionBonuses(champ, results, contributions);
  return { context: results.context, contributions };
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
      return a.cells.length > 0;
  }
}
