/**
 * The worst position before a finale, exactly: with one session left (docs/decisions/
 * 0007-exact-title-scenarios.md, "Fourteenth session"). c scores nothing more, so each rival with
 * one car of its own (or a team scored by its best car alone, its other cars retiring) passes c
 * or not by its own place and bonuses alone, and a better place never
 * hurts it (a table that never rises, countback gaining from better places). What a rival needs is
 * therefore a place at or above a threshold, one threshold per set of the session's exclusive
 * bonuses it might hold. Rivals share the places of their group (the overall order, or their
 * class), so those passing together are a matching of rivals into prefixes of the places: the most
 * is the greedy count (thresholds ascending, a rival matched while its threshold exceeds the count
 * so far), tried for every way of handing the exclusive bonuses to rivals.
 *
 * The thresholds are found by scoring (the engine decides who ranks above whom), and the answer is
 * checked the same way: the remainder realising the best matching is scored, and only if it brings
 * exactly that many rivals past c is the count returned (else undefined: the searches' range stands).
 */
import type { HypotheticalAward, HypotheticalResult, Remainder } from '../compiled/types.js';
import type { PassQuestion } from './pass-question.js';
import { passesIn } from './pass-question.js';
import { carsOf } from './scenario-remainders.js';

/** Ways of handing the exclusive bonuses to rivals tried at most. */
const MAX_HANDINGS = 50_000;

/** An exclusive bonus of the session: one holder at most (per class for a class award). */
interface Slot {
  readonly award: HypotheticalAward['award'] | 'most-laps-led';
  readonly scope: string;
}

export interface FinalePasses {
  readonly passes: number;
  readonly witness: Remainder;
  /** Remainders scored. */
  readonly nodes: number;
}

/** The most rivals passing c together with one session left, or undefined where it does not apply. */
export function finalePasses(question: PassQuestion): FinalePasses | undefined {
  const { champ, scorer, c, candidates, inScope } = question;
  if (inScope.length !== 1) return undefined;
  const k = inScope[0]!;
  const cs = champ.sessions[k]!;
  for (let p = 1; p < cs.table.length; p++) if (cs.table[p]! > cs.table[p - 1]!) return undefined;
  const own = new Set(carsOf(champ, c, k));
  // A team whose best car alone scores (and counts back) needs one car: the others retire.
  const bestCarOnly =
    champ.bestCars === 1 && !champ.tieBreaks.some((t) => t.kind === 'countback' && t.cars === 'all');
  const taken = new Set<number>();
  const carOf: (number | undefined)[] = [];
  const carsOfRival: (readonly number[])[] = [];
  for (const r of candidates) {
    const cars = carsOf(champ, r, k).filter((e) => !own.has(e));
    if (cars.length > 1 && !bestCarOnly) return undefined;
    // Cars of its own: held by no other rival (a shared drive scores for both).
    for (const e of cars) {
      if (taken.has(e) || champ.holders[e]!.some((h) => h !== r && candidates.includes(h))) return undefined;
      taken.add(e);
    }
    carOf.push(cars[0]);
    carsOfRival.push(cars);
  }
  const entered = champ.season.sessions[k]!.entered.filter((e) => !own.has(e));
  const lapLed = cs.bonuses.some((b) => b.kind === 'lap-led');
  const slots: Slot[] = [];
  for (const b of cs.bonuses) {
    if (b.kind !== 'award') {
      if (b.kind === 'most-laps-led') slots.push({ award: 'most-laps-led', scope: 'overall' });
      continue;
    }
    if (b.scope === 'overall') slots.push({ award: b.award, scope: 'overall' });
    else
      for (const cls of new Set(carOf.flatMap((e) => (e === undefined ? [] : [champ.entryClass[e]!]))))
        slots.push({ award: b.award, scope: cls });
  }
  const mostLaps = slots.findIndex((s) => s.award === 'most-laps-led');
  // The slots each rival may hold, as indices into `slots`.
  const slotsOf = carOf.map((e) =>
    e === undefined
      ? []
      : slots.flatMap((s, i) => (s.scope === 'overall' || s.scope === champ.entryClass[e] ? [i] : [])),
  );

  let nodes = 0;
  const remainderOf = (result: HypotheticalResult): Remainder =>
    champ.season.sessions.map((_, j) => (j === k ? result : { order: [] }));
  /**
   * The session's result: `order` classified, the slots in `held` to their holders, laps led (a lap
   * by every car where a lap led scores). Where the most laps led is a slot nobody holds but every
   * car leads one, a car `mayLead` allows leads two (from the order, else one more entered car), or
   * the first car would take it; undefined where there is no such car.
   */
  const resultOf = (
    order: readonly number[],
    held: ReadonlyMap<number, number>,
    mayLead: (e: number) => boolean,
  ): HypotheticalResult | undefined => {
    const awards: HypotheticalAward[] = [];
    for (const [i, e] of held) {
      const s = slots[i]!;
      if (s.award !== 'most-laps-led') awards.push({ award: s.award, scope: s.scope, entry: e });
    }
    const cars = [...order];
    if (!lapLed && mostLaps < 0) return { order: cars, awards };
    let top = mostLaps >= 0 ? held.get(mostLaps) : undefined;
    if (top === undefined && mostLaps >= 0 && lapLed) {
      top = cars.find(mayLead) ?? entered.find((e) => mayLead(e) && !cars.includes(e));
      if (top === undefined) return undefined;
      if (!cars.includes(top)) cars.push(top);
    }
    return { order: cars, awards, lapsLed: cars.map((e) => (e === top ? 2 : lapLed ? 1 : 0)) };
  };
  const passes = (x: number, result: HypotheticalResult | undefined) => {
    if (!result) return false;
    nodes++;
    const r = candidates[x]!;
    scorer.score(remainderOf(result));
    return scorer.listed[r] === 1 && scorer.compare(r, c) < 0;
  };

  // Thresholds: per rival and subset (a bitmask over its slots), the worst place that passes (0:
  // none; Infinity: it passes taking no part).
  const thresholds: Float64Array[] = [];
  for (let x = 0; x < candidates.length; x++) {
    const mine = slotsOf[x]!;
    const t = new Float64Array(1 << mine.length);
    thresholds.push(t);
    const e = carOf[x];
    // Any car but the rival's may lead the most laps when it is judged alone.
    const others = (f: number) => !carsOfRival[x]!.includes(f);
    if (passes(x, resultOf([], new Map(), others))) {
      t.fill(Infinity);
      continue;
    }
    if (e === undefined) continue;
    const g = champ.group[e]!;
    const ahead = entered.filter(
      (f) => !carsOfRival[x]!.includes(f) && champ.group[f] === g && champ.eligible[f],
    );
    for (let mask = 0; mask < t.length; mask++) {
      const held = new Map(mine.flatMap((i, bit) => (mask & (1 << bit) ? [[i, e] as const] : [])));
      const at = (p: number) => passes(x, resultOf([...ahead.slice(0, p - 1), e], held, others));
      if (!at(1)) continue;
      let lo = 1;
      let hi = ahead.length + 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (at(mid)) lo = mid;
        else hi = mid - 1;
      }
      t[mask] = lo;
    }
  }

  // Every way of handing the slots to rivals (or to nobody), each with its greedy count.
  const holdersOf = slots.map((_, i) => [
    -1,
    ...candidates.flatMap((_, x) => (slotsOf[x]!.includes(i) ? [x] : [])),
  ]);
  if (holdersOf.reduce((n, h) => n * h.length, 1) > MAX_HANDINGS) return undefined;
  const hand = new Int32Array(slots.length);
  let best = -1;
  let bestHand = Int32Array.from(hand);
  const count = (matched?: number[]) => {
    const byGroup = new Map<number, { x: number; t: number }[]>();
    let n = 0;
    for (let x = 0; x < candidates.length; x++) {
      let mask = 0;
      slotsOf[x]!.forEach((i, bit) => {
        if (hand[i] === x) mask |= 1 << bit;
      });
      const t = thresholds[x]![mask]!;
      if (t === Infinity) n++;
      else if (t > 0) {
        const g = champ.group[carOf[x]!]!;
        let list = byGroup.get(g);
        if (!list) byGroup.set(g, (list = []));
        list.push({ x, t });
      }
    }
    for (const list of byGroup.values()) {
      list.sort((a, b) => a.t - b.t || a.x - b.x);
      let m = 0;
      for (const { x, t } of list)
        if (t > m) {
          m++;
          matched?.push(x);
        }
      n += m;
    }
    return n;
  };
  const visit = (i: number) => {
    if (i === slots.length) {
      const n = count();
      if (n > best) {
        best = n;
        bestHand = Int32Array.from(hand);
      }
      return;
    }
    for (const h of holdersOf[i]!) {
      hand[i] = h;
      visit(i + 1);
    }
  };
  visit(0);

  // The remainder of the best handing, scored: the matched rivals first (by threshold within their
  // group), the slots to their holders.
  hand.set(bestHand);
  const matched: number[] = [];
  count(matched);
  const order = matched.map((x) => carOf[x]!);
  const held = new Map<number, number>();
  hand.forEach((x, i) => {
    if (x >= 0) held.set(i, carOf[x]!);
  });
  for (const e of held.values()) if (!order.includes(e)) order.push(e);
  // In the remainder only a car no rival holds leads the most laps unasked (else it would score).
  const result = resultOf(order, held, (f) => !taken.has(f));
  if (!result) return undefined;
  const witness = remainderOf(result);
  nodes++;
  return passesIn(question, witness) === best ? { passes: best, witness, nodes } : undefined;
}
