/**
 * The tables read from an integer-indexed booking (ADR 20): after each cutoff, the sessions held up
 * to it, the drop rules that apply then, the competitors listed then, ranked by points, the
 * tie-breaks and name. One booking gives every after-race table of a season in one pass.
 */
import { ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship, DropRule, TieBreakRule } from './rulebook.js';
import type { SeasonIndex } from './season-index.js';
import { tieBreakModule } from './rules/registry.js';
import type { TieBreakPlace, TieBreakRecord } from './rules/types.js';
import type { Competitor } from './standings.js';
import { dropWindows, gcdNumber } from './indexed-booking.js';
import type { DropWindow, IndexedBooking, WindowContext } from './indexed-booking.js';
import { entryFactsOf } from './season-rows.js';

/** A table of totals read from a booking: competitors in order with units and shared positions. */
export interface IndexedRow {
  readonly position: number;
  readonly shared: boolean;
  readonly competitor: Competitor;
  readonly points: Fraction;
}

/**
 * Reads the tables after each cutoff (ascending calendar orders) from one booking: each table
 * counts the sessions held up to its cutoff, with the drop rules that apply then (`final`), the
 * competitors listed then, ranked by points, the tie-breaks and name.
 */
export function tablesOfBooking(
  index: SeasonIndex,
  champ: Championship,
  booking: IndexedBooking,
  scoringPlaces: number,
  cutoffs: readonly { readonly cutoff: number; readonly final: boolean }[],
): IndexedRow[][] {
  const { accounts, sessions, unit, ctx, result, bonus } = booking;
  const S = sessions.length;
  const n = accounts.length;
  const firstListed = accounts.map((a) => {
    const scored = a.firstPositive;
    switch (champ.listed) {
      case 'scored':
        return scored;
      case 'classified':
        return Math.min(scored, a.firstClassified);
      case 'started':
        return Math.min(scored, a.firstStarted);
      case 'entered':
        return a.firstCell;
    }
  });
  // The one drop rule's windows, as slot flags. Each account's units of a window are kept sorted
  // as sessions are added, so a table's dropped points are a sum of the lowest few.
  const rule = champ.drops[0];
  const windows =
    rule === undefined
      ? []
      : (dropWindows[rule.kind] as (r: DropRule, c: WindowContext) => DropWindow[])(rule, ctx!).map((w) => ({
          slots: sessions.map(({ session }) => w.sessions.has(session.id)),
          count: w.count,
        }));
  const withBonuses = rule?.includeBonuses === true;
  const arena = entryFactsOf(index).arena;
  // One table (computeTotals): no account's units are kept sorted for later tables.
  const single = cutoffs.length === 1;
  const sorted = arena.f64(single ? 0 : windows.length * n * S);
  // The `k` lowest units so far, ascending (one table).
  const low = arena.f64(single ? S : 0);
  /**
   * `u` kept in `low` (its `m` lowest so far, in order) when it is one of the `k` lowest: inserted
   * in order, the highest of k+1 falls off. Returns how many are kept now.
   */
  const keepLowest = (u: number, m: number, k: number): number => {
    if (m === k && low[k - 1]! <= u) return m;
    let j = m < k ? m++ : k - 1;
    while (j > 0 && low[j - 1]! > u) {
      low[j] = low[j - 1]!;
      j--;
    }
    low[j] = u;
    return m;
  };
  /** The sum of the `k` lowest units of an account (`base`) in a window's held slots. */
  const lowest = (base: number, slots: readonly boolean[], held: number, k: number): number => {
    let m = 0;
    for (let s = 0; s < held; s++) {
      if (!slots[s]) continue;
      const u = withBonuses ? result[base + s]! + bonus[base + s]! : result[base + s]!;
      m = keepLowest(u, m, k);
    }
    let sum = 0;
    for (let j = 0; j < m; j++) sum += low[j]!;
    return sum;
  };
  /**
   * One table: an account's total over the held slots less the `k` lowest units of one window, in
   * one pass (its units read once).
   */
  const totalLessLowest = (base: number, slots: readonly boolean[], held: number, k: number): number => {
    let total = 0;
    let m = 0;
    for (let s = 0; s < held; s++) {
      const r = result[base + s]!;
      const b = bonus[base + s]!;
      total += r + b;
      if (!slots[s]) continue;
      const u = withBonuses ? r + b : r;
      m = keepLowest(u, m, k);
    }
    for (let j = 0; j < m; j++) total -= low[j]!;
    return total;
  };
  const inWindow = arena.i32(windows.length);
  const dropped = arena.i32(windows.length);
  const running = arena.f64(n);
  const points = arena.f64(n);
  const places = booking.places;
  const P = places.most;
  // For tie-breaks read from records (made on the first record: countback needs none): each
  // account's tie-break places as objects, made once for every table (held only grows), its next
  // place in `places` not yet made an object (-1: none), and its last record with what it held
  // (`lastKey`); each (session, position) place as one object shared by every record (places are
  // never changed), at `slot * (P + 2) + position + 1`, position -1 for none.
  let placeObjects: TieBreakPlace[][] | undefined;
  let nextPlace: Int32Array | undefined;
  let placeMade: (TieBreakPlace | undefined)[] | undefined;
  let lastRecord: (TieBreakRecord | undefined)[] | undefined;
  let lastKey: number[] | undefined;
  // Countback read from the places lists, no records: each account's count of each place (its
  // best car's in each session, or every car's), kept as sessions are added (`counted`: the next
  // place not yet counted). Made only for competitors level on points with another.
  const counts: { best?: Int32Array; all?: Int32Array } = {};
  const counted: { best?: Int32Array; all?: Int32Array } = {};
  /** Account `i`'s counts of each place over the held sessions (at `i * (P + 1)`). */
  const countsOf = (i: number, cars: 'best' | 'all'): Int32Array => {
    let of = counts[cars];
    let next = counted[cars];
    if (of === undefined || next === undefined) {
      of = counts[cars] = arena.i32(n * (P + 1));
      next = counted[cars] = arena.i32(n);
      for (let a = 0; a < n; a++) next[a] = accounts[a]!.firstPlace;
    }
    let k = next[i]!;
    const at = i * (P + 1);
    while (k >= 0 && places.slot[k]! < held) {
      const slot = places.slot[k]!;
      // A session's places (one per car) are next to each other in the list; `best` counts the
      // best of them (none counts as no place), `all` each one.
      let best = -1;
      for (; k >= 0 && places.slot[k] === slot; k = places.next[k]!) {
        const p = places.position[k]!;
        if (p < 0) continue;
        if (cars === 'all') of[at + p]!++;
        else if (best < 0 || p < best) best = p;
      }
      if (best > 0) of[at + best]!++;
    }
    next[i] = k;
    return of;
  };
  /** Countback's order of accounts x and y (as the module orders their records). */
  const countbackOrder = (
    rule: Extract<TieBreakRule, { kind: 'countback' }>,
    x: number,
    y: number,
  ): number => {
    const cars = rule.cars ?? 'best';
    const cx = countsOf(x, cars);
    const cy = countsOf(y, cars);
    const upTo = rule.places === 'all' ? P : Math.min(scoringPlaces, P);
    const ax = x * (P + 1);
    const ay = y * (P + 1);
    for (let place = 1; place <= upTo; place++) {
      const nx = cx[ax + place]!;
      const ny = cy[ay + place]!;
      if (nx !== ny) return ny - nx;
    }
    return 0;
  };
  // Totals as exact points, made once per value for every table (Fractions are never changed).
  const made = new Map<number, Fraction>();
  const pointsOf = (u: number): Fraction => {
    if (single) return fractionOfUnits(u, unit);
    let f = made.get(u);
    if (f === undefined) made.set(u, (f = fractionOfUnits(u, unit)));
    return f;
  };
  let held = 0;

  return cutoffs.map(({ cutoff, final }) => {
    const from = held;
    while (held < S && sessions[held]!.order <= cutoff) held++;
    // Each account's running total (one table: summed per listed account below).
    if (!single)
      for (let i = 0; i < n; i++) {
        const base = accounts[i]!.base;
        let sum = running[i]!;
        for (let s = base + from; s < base + held; s++) sum += result[s]! + bonus[s]!;
        running[i] = sum;
      }
    for (let w = 0; w < windows.length; w++) {
      const slots = windows[w]!.slots;
      for (let s = from; s < held; s++) {
        if (!slots[s]) continue;
        const m = inWindow[w]!;
        if (single) {
          // One table: the lowest units are picked per listed account below, none kept sorted.
          inWindow[w] = m + 1;
          continue;
        }
        for (let i = 0; i < n; i++) {
          const at = accounts[i]!.base + s;
          const u = withBonuses ? result[at]! + bonus[at]! : result[at]!;
          // Insertion into the account's sorted units of this window.
          const start = (w * n + i) * S;
          let j = start + m;
          while (j > start && sorted[j - 1]! > u) {
            sorted[j] = sorted[j - 1]!;
            j--;
          }
          sorted[j] = u;
        }
        inWindow[w] = m + 1;
      }
    }
    const drops = rule !== undefined && (rule.applies !== 'final' || final);
    // How many units each window drops: the same for every competitor.
    for (let w = 0; w < windows.length; w++) dropped[w] = drops ? windows[w]!.count(inWindow[w]!) : 0;
    const listed: number[] = [];
    for (let i = 0; i < n; i++) {
      if (firstListed[i]! >= held) continue;
      listed.push(i);
      let total: number;
      const base = accounts[i]!.base;
      if (single && windows.length === 1 && dropped[0]! > 0) {
        points[i] = totalLessLowest(base, windows[0]!.slots, held, dropped[0]!);
        continue;
      }
      if (single) {
        total = 0;
        for (let s = base; s < base + held; s++) total += result[s]! + bonus[s]!;
      } else total = running[i]!;
      if (drops)
        for (let w = 0; w < windows.length; w++) {
          const k = dropped[w]!;
          if (k === 0) continue;
          if (single) total -= lowest(base, windows[w]!.slots, held, k);
          else {
            const start = (w * n + i) * S;
            for (let j = start; j < start + k; j++) total -= sorted[j]!;
          }
        }
      points[i] = total;
    }

    // Tie-break records, made only for competitors level on points with another, and kept for the
    // next tables while the competitor's places and first score are the same (a record is never
    // changed once made: countback keeps its counts by the places array).
    const recordOf = (i: number): TieBreakRecord => {
      if (placeObjects === undefined || nextPlace === undefined || placeMade === undefined) {
        placeObjects = accounts.map((): TieBreakPlace[] => []);
        nextPlace = arena.i32(n);
        for (let a = 0; a < n; a++) nextPlace[a] = accounts[a]!.firstPlace;
        placeMade = new Array<TieBreakPlace | undefined>(S * (P + 2));
        lastRecord = new Array<TieBreakRecord | undefined>(n);
        lastKey = new Array<number>(n).fill(0);
      }
      const a = accounts[i]!;
      const objs = placeObjects[i]!;
      let next = nextPlace[i]!;
      for (; next >= 0 && places.slot[next]! < held; next = places.next[next]!) {
        const slot = places.slot[next]!;
        const p = places.position[next]!;
        const k = slot * (P + 2) + p + 1;
        let place = placeMade[k];
        if (place === undefined) {
          const { session, order } = sessions[slot]!;
          placeMade[k] = place = { order, race: session.race, position: p < 0 ? undefined : p };
        }
        objs.push(place);
      }
      nextPlace[i] = next;
      const scored = a.firstScored < held;
      // What the record holds: how many places, and whether it has scored yet.
      const key = objs.length * 2 + (scored ? 1 : 0);
      let record = lastRecord![i];
      if (record === undefined || lastKey![i] !== key) {
        const first = scored ? sessions[a.firstScored]! : undefined;
        record = {
          // Every held session read (the last table): no later table adds to `objs`.
          positions: held === S ? objs : objs.slice(),
          scoringPlaces,
          firstScored: first === undefined ? undefined : { order: first.order, race: first.session.race },
        };
        lastRecord![i] = record;
        lastKey![i] = key;
      }
      return record;
    };
    const order = (x: number, y: number): number => {
      const byPoints = points[y]! - points[x]!;
      if (byPoints !== 0) return byPoints;
      for (const rule of champ.tieBreaks) {
        const o =
          rule.kind === 'countback'
            ? countbackOrder(rule, x, y)
            : tieBreakModule(rule).order(rule, recordOf(x), recordOf(y));
        if (o !== 0) return o;
      }
      return 0;
    };
    const byName = (x: number, y: number): number => {
      const cx = accounts[x]!.competitor;
      const cy = accounts[y]!.competitor;
      return cx.name.localeCompare(cy.name) || cx.id.localeCompare(cy.id);
    };
    // A strict order (ids are unique), so any sort gives the same table. An insertion sort that
    // compares points inline and asks the tie-breaks only of competitors level on points, for the
    // usual few dozen; the sort call (its comparator called from the runtime) above that.
    if (listed.length <= INSERTION_SORT_MOST)
      for (let r = 1; r < listed.length; r++) {
        const i = listed[r]!;
        const p = points[i]!;
        let q = r;
        for (; q > 0; q--) {
          const k = listed[q - 1]!;
          const d = p - points[k]!;
          // Stop at the first competitor placed above: more points, or level and before it.
          if (d < 0 || (d === 0 && (order(i, k) || byName(i, k)) > 0)) break;
          listed[q] = k;
        }
        listed[q] = i;
      }
    else listed.sort((x, y) => order(x, y) || byName(x, y));
    const rows: IndexedRow[] = [];
    let position = 0;
    let tiedWithPrev = false;
    for (let r = 0; r < listed.length; r++) {
      const i = listed[r]!;
      const tiedWithNext = r + 1 < listed.length && order(i, listed[r + 1]!) === 0;
      if (!tiedWithPrev) position = r + 1;
      rows.push({
        position,
        shared: tiedWithPrev || tiedWithNext,
        competitor: accounts[i]!.competitor,
        points: pointsOf(points[i]!),
      });
      tiedWithPrev = tiedWithNext;
    }
    return rows;
  });
}

/** The most listed competitors put in order by insertion (a season's usual field is a few dozen). */
const INSERTION_SORT_MOST = 64;

/** Units as exact points in lowest terms (the gcd taken on safe integers, not BigInts). */
function fractionOfUnits(u: number, unit: number): Fraction {
  if (u === 0) return ZERO;
  const g = gcdNumber(u, unit);
  if (g === unit && u > 0 && u / g < WHOLE_MADE) return (WHOLE[u / g] ??= { num: BigInt(u / g), den: 1n });
  return { num: BigInt(u / g), den: BigInt(unit / g) };
}

/**
 * Whole totals up to this are one Fraction each, made once and shared by every table (a Fraction is
 * never changed): most totals are whole, and each row made two BigInts and an object.
 */
const WHOLE_MADE = 4096;
const WHOLE: (Fraction | undefined)[] = [];

/** The cutoffs of `races` (ascending race numbers): each race's calendar order, and whether it is the last. */
export function cutoffsOf(index: SeasonIndex, races: readonly number[]) {
  const lastRace = index.races.at(-1) ?? 0;
  if (races.length === 1) {
    // One table (computeTotals): the race's first session, found by a search (no Map).
    const race = races[0]!;
    let cutoff = -1;
    for (let k = 0; k < index.sessions.length && cutoff < 0; k++)
      if (index.sessions[k]!.race === race) cutoff = k;
    return [{ cutoff, final: race >= lastRace }];
  }
  const facts = entryFactsOf(index);
  let orderOfRace = facts.raceOrders;
  if (orderOfRace === undefined) {
    orderOfRace = new Map<number, number>();
    for (let k = 0; k < index.sessions.length; k++) {
      const race = index.sessions[k]!.race;
      if (race !== undefined && !orderOfRace.has(race)) orderOfRace.set(race, k);
    }
    facts.raceOrders = orderOfRace;
  }
  return races.map((race) => ({ cutoff: orderOfRace.get(race) ?? -1, final: race >= lastRace }));
}
