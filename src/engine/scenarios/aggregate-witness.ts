/**
 * Witnesses for the search over multisets of places (aggregate-passes.ts): choice sets built
 * greedily, rival by rival, each taking the cheapest passing take of what is left, then repaired by
 * bringing a rival left behind in while one who passes moves to other places
 * (docs/decisions/0007-exact-title-scenarios.md, "Eleventh session"). They only ever propose: the
 * caller turns a choice set into per-session results and scores it exactly, so nothing here needs
 * a proof, and a take's pass is the model's exact one.
 */

/** A rival's take of one class: places ascending (1-based), award counts per resource. */
export interface Take {
  readonly places: number[];
  readonly awards: number[];
}

/** What the witnesses need of the search's model: its classes, capacities and exact passes. */
export interface WitnessModel {
  readonly nCand: number;
  readonly nClasses: number;
  /** Points (scaled) each rival still needs. */
  readonly need: readonly number[];
  /** Places of class q (1..places can be taken). */
  places(q: number): number;
  /** Sessions of class q rival x takes part in. */
  slots(q: number, x: number): number;
  /** Copies of place p (award a) of class q rival x can still take. */
  placeLeft(q: number, x: number, p: number): number;
  awardLeft(q: number, x: number, a: number): number;
  /** The awards of class q rival x may hold (indices), each award's points and top-N condition. */
  awardsOf(q: number, x: number): readonly number[];
  awardCount(q: number): number;
  awardPoints(q: number, a: number): number;
  awardTopN(q: number, a: number): number;
  /** Points of place p (1-based) of class q. */
  pointsAt(q: number, p: number): number;
  /** Whether rival x passes with these takes (scored exactly, alone). */
  passes(x: number, takes: readonly Take[]): boolean;
  /** Sessions rival x takes part in, over every class. */
  sessionsOf(x: number): number;
  /** Points (scaled) of a take, and the most rival x can still add from what is left. */
  gainOf(takes: readonly Take[]): number;
  maxGain(x: number): number;
  /** Points (scaled) of every place and award left: what all rivals together can still take. */
  room(): number;
  /** Books (sign 1) or releases (sign -1) a take against the capacities. */
  take(x: number, takes: readonly Take[], sign: number): void;
  /** Counts work against the witnesses' budget (nodes); whether it has run out. */
  charge(nodes: number): void;
  spent(): boolean;
}

/** Pricings of the targeted search's options, and how many sums of points each gives at most. */
const FILL_PRICINGS: readonly Pricing[] = [
  { slot: 1, linear: 0, square: 1 },
  { slot: 64, linear: 1, square: 0 },
];
const FILL_OPTIONS = 4;

/** Cells of the knapsack's table worth one node of the budget. */
const DP_CELLS = 1024;

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

/**
 * How a take is priced, per place or award of u units of points: slot + linear u + square u² (a
 * place scoring nothing, taken for an award or the countback, costs 1).
 * Which is best depends on what is scarce: where rivals need many points each, the high places
 * (squares: several low places cost less than a few high ones for the same points); where many
 * rivals need a few points each, the places themselves (slots: fewer places for the same points).
 */
export interface Pricing {
  readonly slot: number;
  readonly linear: number;
  readonly square: number;
}

const priceOf = (pricing: Pricing, u: number) =>
  u === 0 ? 1 : pricing.slot + pricing.linear * u + pricing.square * u * u;

/** The cheapest take of one class for each sum of points (in units), with its places and awards. */
interface ClassFit {
  readonly cost: Float64Array;
  /** The take reaching exactly v at that cost (made when asked). */
  takeAt(v: number): Take | undefined;
}

/**
 * Per sum v (units, up to `top`), the cheapest take of class q for rival x reaching exactly v:
 * places by a bounded knapsack over the places left (at most `slots` of them, counted apart within
 * the awards' top N; the places scoring nothing outside it as one item), then each count of awards
 * the places allow.
 */
function fitClass(
  model: WitnessModel,
  q: number,
  x: number,
  unit: number,
  top: number,
  pricing: Pricing,
): ClassFit {
  const k = model.slots(q, x);
  const nA = model.awardCount(q);
  const cost = new Float64Array(top + 1).fill(Infinity);
  cost[0] = 0;
  if (k === 0)
    return {
      cost,
      takeAt: (v) => (v === 0 ? { places: [], awards: new Array<number>(nA).fill(0) } : undefined),
    };
  const mine = model.awardsOf(q, x);
  let topN = 0;
  for (const a of mine) {
    const n = model.awardTopN(q, a);
    if (n > 0) topN = topN === 0 ? n : Math.min(topN, n);
  }
  // Items: each place scoring (or within topN) on its own, the rest as one item of many copies.
  const places = model.places(q);
  const itemPlace: number[] = [];
  const itemCopies: number[] = [];
  const itemUnits: number[] = [];
  const itemInTop: number[] = [];
  const spare: number[] = [];
  let spareCopies = 0;
  for (let p = 1; p <= places; p++) {
    const left = model.placeLeft(q, x, p);
    if (left <= 0) continue;
    const u = Math.round(model.pointsAt(q, p) / unit);
    const inTop = topN > 0 && p <= topN ? 1 : 0;
    if (u === 0 && !inTop) {
      spare.push(p);
      spareCopies += left;
      continue;
    }
    itemPlace.push(p);
    itemCopies.push(Math.min(k, left));
    itemUnits.push(u);
    itemInTop.push(inTop);
  }
  if (spareCopies > 0) {
    itemPlace.push(0);
    itemCopies.push(Math.min(k, spareCopies));
    itemUnits.push(0);
    itemInTop.push(0);
  }
  // States (s places, t of them within topN, v units); t counted only when some award has a topN.
  const T = topN > 0 ? k + 1 : 1;
  const size = (k + 1) * T * (top + 1);
  const at = (s: number, t: number, v: number) => (s * T + t) * (top + 1) + v;
  const nItems = itemPlace.length;
  // The knapsack's work counts against the budget (a node for every DP_CELLS cells).
  model.charge(Math.ceil((nItems * size) / DP_CELLS));
  // layers: the states after items 0..i-1 at offset i * size; the counts recovered backwards.
  const layers = new Float64Array((nItems + 1) * size).fill(Infinity);
  layers[at(0, 0, 0)] = 0;
  for (let i = 0; i < nItems; i++) {
    const from = i * size;
    const to = from + size;
    layers.copyWithin(to, from, to);
    const c = itemCopies[i]!;
    const u = itemUnits[i]!;
    const price = u === 0 ? 1 : priceOf(pricing, u);
    const inTop = itemInTop[i]!;
    for (let s = 0; s < k; s++)
      for (let t = 0; t < T; t++)
        for (let v = 0; v <= top; v++) {
          const base = layers[from + at(s, t, v)]!;
          if (base === Infinity) continue;
          for (let n = 1; n <= c && s + n <= k; n++) {
            const v2 = v + n * u;
            if (v2 > top) break;
            const i2 = to + at(s + n, t + n * inTop, v2);
            const c2 = base + n * price;
            if (c2 < layers[i2]!) layers[i2] = c2;
          }
        }
  }
  const last = nItems * size;
  const recover = (s: number, t: number, v: number): number[] => {
    const out: number[] = [];
    for (let i = nItems - 1; i >= 0; i--) {
      const here = layers[(i + 1) * size + at(s, t, v)]!;
      if (layers[i * size + at(s, t, v)] === here) continue;
      const u = itemUnits[i]!;
      const inTop = itemInTop[i]!;
      const price = u === 0 ? 1 : priceOf(pricing, u);
      let n = 1;
      for (; n <= itemCopies[i]! && n <= s && n * inTop <= t && n * u <= v; n++)
        if (layers[i * size + at(s - n, t - n * inTop, v - n * u)]! + n * price === here) break;
      if (n > itemCopies[i]! || n > s || n * inTop > t || n * u > v)
        throw new Error(`aggregate witness: no way back at item ${i} (rival ${x}, class ${q})`);
      if (itemPlace[i]! > 0) for (let j = 0; j < n; j++) out.push(itemPlace[i]!);
      else {
        let m = n;
        for (const p of spare)
          for (let j = Math.min(m, model.placeLeft(q, x, p)); j > 0; j--, m--) out.push(p);
      }
      s -= n;
      t -= n * inTop;
      v -= n * u;
    }
    return out.sort((a, b) => a - b);
  };
  // Award counts: each at most the places taken (within its top N) and the copies left.
  let counts: number[][] = [new Array<number>(nA).fill(0)];
  for (const a of mine) {
    const most = Math.min(k, model.awardLeft(q, x, a));
    const grown: number[][] = [];
    for (const base of counts)
      for (let n = 0; n <= most; n++) {
        const next = base.slice();
        next[a] = n;
        grown.push(next);
      }
    counts = grown;
  }
  const awardUnits = counts.map((award) =>
    award.reduce((sum, n, a) => sum + n * Math.round(model.awardPoints(q, a) / unit), 0),
  );
  const awardPrice = counts.map((award) =>
    award.reduce((sum, n, a) => sum + n * priceOf(pricing, Math.round(model.awardPoints(q, a) / unit)), 0),
  );
  const awardNeeds = counts.map((award) =>
    award.map((n, a) => (n === 0 ? 0 : n * (model.awardTopN(q, a) > 0 ? -1 : 1))),
  );
  const state = new Int32Array((top + 1) * 4).fill(-1);
  for (let s = 0; s <= k; s++)
    for (let t = 0; t < T; t++)
      for (let v = 0; v <= top; v++) {
        const base = layers[last + at(s, t, v)]!;
        if (base === Infinity) continue;
        counts.forEach((award, ci) => {
          const v2 = v + awardUnits[ci]!;
          const c2 = base + awardPrice[ci]!;
          if (v2 > top || c2 >= cost[v2]!) return;
          // Each award held at most once a place taken (within its top N).
          for (const n of awardNeeds[ci]!) if (n > 0 ? n > s : -n > t) return;
          cost[v2] = c2;
          state.set([s, t, v, ci], v2 * 4);
        });
      }
  return {
    cost,
    takeAt: (v) => {
      if (state[v * 4]! < 0)
        return v === 0 ? { places: [], awards: new Array<number>(nA).fill(0) } : undefined;
      return {
        places: recover(state[v * 4]!, state[v * 4 + 1]!, state[v * 4 + 2]!),
        awards: counts[state[v * 4 + 3]!]!.slice(),
      };
    },
  };
}

/**
 * The cheapest take of what is left with which rival x passes: the least points over its need
 * first (in units of the points' common divisor), the cheapest places for those points; a take
 * level on points that loses the countback gives way to the next sum. Undefined when none passes.
 */
export function cheapestPass(model: WitnessModel, x: number, pricing: Pricing): Take[] | undefined {
  return passingTakes(model, x, pricing, 1, Infinity)[0];
}

/**
 * Passing takes of rival x from what is left, one per sum of points (the cheapest for it), least
 * points first: at most `limit` of them, none more than `slack` (scaled) over its need.
 */
export function passingTakes(
  model: WitnessModel,
  x: number,
  pricing: Pricing,
  limit: number,
  slack: number,
): Take[][] {
  const out: Take[][] = [];
  let unit = 0;
  let most = 0;
  for (let q = 0; q < model.nClasses; q++) {
    for (let p = 1; p <= model.places(q); p++) unit = gcd(unit, model.pointsAt(q, p));
    for (let a = 0; a < model.awardCount(q); a++) {
      unit = gcd(unit, model.awardPoints(q, a));
      most = Math.max(most, model.awardPoints(q, a));
    }
    most = Math.max(most, model.pointsAt(q, 1));
  }
  if (unit === 0) return out;
  const needUnits = Math.max(0, Math.ceil(model.need[x]! / unit - 1e-9));
  // The least sum at or over the need is under need + the largest item; a few more sums give a
  // take level on points that loses the countback (or one a drop rule cuts) other chances.
  const top = Math.min(needUnits + 2 * Math.round(most / unit), Math.floor((model.need[x]! + slack) / unit));
  if (top < needUnits) return out;
  const fits: ClassFit[] = [];
  for (let q = 0; q < model.nClasses; q++) fits.push(fitClass(model, q, x, unit, top, pricing));
  // Classes combined: cheapest per sum, with the sum taken from each class.
  let cost = fits[0]!.cost.slice();
  const from: Int32Array[] = [];
  for (let q = 1; q < model.nClasses; q++) {
    const next = new Float64Array(top + 1).fill(Infinity);
    const pick = new Int32Array(top + 1).fill(-1);
    const add = fits[q]!.cost;
    for (let v = 0; v <= top; v++) {
      if (cost[v] === Infinity) continue;
      for (let w = 0; v + w <= top; w++) {
        if (add[w] === Infinity) continue;
        const s = v + w;
        if (cost[v]! + add[w]! < next[s]!) {
          next[s] = cost[v]! + add[w]!;
          pick[s] = w;
        }
      }
    }
    from.push(pick);
    cost = next;
  }
  for (let v = needUnits; v <= top && out.length < limit; v++) {
    if (cost[v] === Infinity) continue;
    // Back through the classes: each class's share of v.
    const takes: Take[] = new Array<Take>(model.nClasses);
    let rest = v;
    let ok = true;
    for (let q = model.nClasses - 1; q >= 1; q--) {
      const w = from[q - 1]![rest]!;
      const t = w < 0 ? undefined : fits[q]!.takeAt(w);
      if (w < 0 || !t) ok = false;
      else takes[q] = t;
      rest -= Math.max(0, w);
    }
    const t0 = fits[0]!.takeAt(rest);
    if (!ok || !t0) continue;
    takes[0] = t0;
    if (model.passes(x, takes)) out.push(takes);
  }
  return out;
}

/**
 * One greedy choice set: the rivals in `order` each take their cheapest passing take of what is
 * left, or stay behind when none is left. Returns the choices (undefined: stays behind), with
 * every choice released again.
 */
export function greedyChoices(
  model: WitnessModel,
  order: readonly number[],
  pricing: Pricing,
): (Take[] | undefined)[] {
  const chosen: (Take[] | undefined)[] = new Array<Take[] | undefined>(model.nCand).fill(undefined);
  for (const x of order) {
    if (model.spent()) break;
    const takes = cheapestPass(model, x, pricing);
    if (!takes) continue;
    model.take(x, takes, 1);
    chosen[x] = takes;
  }
  chosen.forEach((takes, x) => takes && model.take(x, takes, -1));
  return chosen;
}

/**
 * Choices with which every rival of `targets` passes, or undefined: a depth-first search over the
 * rivals (fewest sessions first, then the neediest), each taking one of a few passing takes of
 * what is left (per pricing, the cheapest for each of the least sums of points over its need),
 * least points first. Where the targets need nearly every point left (the Hall bound is tight:
 * the case the greedy choices miss, as for Jake Pedersen in the reference season), what a take
 * wastes over its need is what prunes: the points left must still cover the needs of the rivals
 * after it. Capacities are left as found.
 */
export function fillTargets(
  model: WitnessModel,
  targets: readonly number[],
): (Take[] | undefined)[] | undefined {
  const order = targets
    .slice()
    .sort((a, b) => model.sessionsOf(a) - model.sessionsOf(b) || model.need[b]! - model.need[a]! || a - b);
  // Needs of order[i..] together.
  const rest = new Float64Array(order.length + 1);
  for (let i = order.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + Math.max(0, model.need[order[i]!]!);
  const chosen: (Take[] | undefined)[] = new Array<Take[] | undefined>(model.nCand).fill(undefined);
  const fill = (i: number): boolean => {
    if (i === order.length) return true;
    if (model.spent()) return false;
    model.charge(1);
    const room = model.room();
    if (rest[i]! > room) return false;
    for (let y = i; y < order.length; y++)
      if (model.maxGain(order[y]!) < model.need[order[y]!]!) return false;
    const x = order[i]!;
    const slack = room - rest[i + 1]!;
    const seen = new Set<string>();
    const options = FILL_PRICINGS.flatMap((pricing) => passingTakes(model, x, pricing, FILL_OPTIONS, slack))
      .filter((takes) => {
        const key = takes.map((t) => `${t.places.join(',')}:${t.awards.join(',')}`).join('/');
        return !seen.has(key) && seen.add(key);
      })
      .map((takes) => ({ takes, gain: model.gainOf(takes) }))
      .sort((a, b) => a.gain - b.gain);
    for (const { takes } of options) {
      model.take(x, takes, 1);
      chosen[x] = takes;
      const done = fill(i + 1);
      if (!done) chosen[x] = undefined;
      model.take(x, takes, -1);
      if (done) return true;
      if (model.spent()) return false;
    }
    return false;
  };
  return fill(0) ? chosen : undefined;
}
