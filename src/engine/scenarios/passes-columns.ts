/**
 * A bound on the rivals who can pass together by column generation over patterns (docs/decisions/
 * 0007-exact-title-scenarios.md, "Thirteenth session"). A pattern is what one rival takes in each
 * class of alike sessions (a multiset of scoring places and counts of the bonuses) reaching its
 * need. The program by counts (passes-program.ts) lets a rival take a fraction of a win in its
 * linear relaxation: on the reference season all 24 of Benítez's rivals then pass, and the solver
 * branches for seconds. Over patterns, each rival's relaxation is the hull of its passing patterns;
 * there are too many to list (232,681 minimal ones for Benítez), so they are generated:
 *
 * - the master program: per rival, at most one of its patterns so far; per class and basis group,
 *   the cars together take the top i scoring places at most K * i times (with the requests sorted,
 *   the t-th can take the (t / K + 1)-th place, never worse than asked, and K sessions' results
 *   follow by König); per class, bonus and scope, K times; its linear relaxation gives row prices;
 * - pricing, per rival: the pattern reaching its need at the least price, a knapsack over the
 *   places and bonuses of each class (at most K places a class) by dynamic programming;
 * - the bound: for any prices y >= 0 of the capacity rows, y.b plus, per rival, 1 less the least
 *   price of a passing pattern (when positive) is an upper bound on the rivals passing together
 *   (the Lagrangian relaxation of the capacity rows: each rival alone picks its best pattern or
 *   none). It holds for any prices, so a solver's dual values are only prices to try; the engine
 *   computes the bound itself. It stops once the bound is below `known` + 1.
 *
 * A relaxation like the program by counts (the same omissions, passes-program.ts). Only where
 * every rival still needing points has at most one car per class, held by it alone: else
 * undefined.
 */
import type { HypotheticalAward, HypotheticalResult, Remainder } from '../compiled/types.js';
import type { ProgramRow, ProgramSolver } from './integer-program.js';
import { passesIn } from './pass-question.js';
import type { PassQuestion } from './pass-question.js';
import { colourClassOrders, programClasses, programNeeds } from './passes-program.js';
import { buildClassResults } from './scenario-remainders.js';

/** Rounds of pricing at most. */
const ROUNDS = 30;

/** Branch-and-bound nodes for a witness from the patterns generated. */
const WITNESS_NODES = 10;

/** One class's take: places (indices into the class's scoring places, best first) and bonus counts. */
interface Take {
  readonly places: readonly number[];
  readonly bonuses: readonly number[];
}

interface Pattern {
  readonly x: number;
  /** Per class (undefined where the rival does not race). */
  readonly takes: readonly (Take | undefined)[];
}

export interface ColumnBound {
  /** Upper bound on the candidates passing together. */
  readonly bound: number;
  /** Rivals a witness from the generated patterns brings past (scored by the engine). */
  readonly passes: number;
  readonly witness: Remainder | undefined;
  readonly rounds: number;
}

/** The column-generation bound, or undefined where it does not apply. */
export function columnBound(
  question: PassQuestion,
  solver: ProgramSolver,
  known: number,
  maxNodes: number,
): ColumnBound | undefined {
  const { champ, candidates, inScope } = question;
  const { need, unit } = programNeeds(question, false);
  const { carsOfCandidate, classSessions } = programClasses(question);
  const classes = classSessions.map((js) => {
    const cs = champ.sessions[inScope[js[0]!]!]!;
    const scoring: number[] = [];
    for (let p = 0; p < cs.table.length; p++) if (cs.table[p]! > 0) scoring.push(p + 1);
    const held = cs.bonuses.flatMap((b, bi) => (b.kind === 'lap-led' ? [] : [bi]));
    return {
      sessions: js.map((j) => inScope[j]!),
      K: js.length,
      cs,
      scoring,
      points: scoring.map((p) => cs.table[p - 1]! / unit),
      held,
      bonusPoints: held.map((bi) => cs.bonuses[bi]!.points / unit),
      everyCar: cs.bonuses.reduce((v, b) => v + (b.kind === 'lap-led' ? b.points / unit : 0), 0),
      carOf: candidates.map((_, x) => carsOfCandidate[js[0]!]![x]!),
    };
  });
  // Each rival's car in each class: one at most, held by no other candidate.
  const holders = new Map<number, Set<number>>();
  for (const cls of classes)
    cls.carOf.forEach((es, x) => {
      for (const e of es) {
        let set = holders.get(e);
        if (!set) holders.set(e, (set = new Set()));
        set.add(x);
      }
    });
  const target = candidates.map((_, x) => {
    let t = need[x]! / unit;
    for (const cls of classes) if (cls.carOf[x]!.length) t -= cls.K * cls.everyCar;
    return t;
  });
  for (const cls of classes)
    for (let x = 0; x < candidates.length; x++) {
      const es = cls.carOf[x]!;
      if (target[x]! > 0 && (es.length > 1 || es.some((e) => holders.get(e)!.size > 1))) return undefined;
    }
  // Gains in units must be whole for the knapsack (they are: the unit divides every value).
  const sure = target.filter((t) => t <= 0).length;
  const rivals = candidates.flatMap((_, x) => (target[x]! > 0 ? [x] : []));
  const T = rivals.map((x) => Math.ceil(target[x]! - 1e-9));

  // Capacity rows: per class and group, the top i places; per class, bonus and scope.
  const rowKey = new Map<string, number>();
  const rowCap: number[] = [];
  const rowOf = (key: string, cap: number) => {
    let r = rowKey.get(key);
    if (r === undefined) {
      rowKey.set(key, (r = rowCap.length));
      rowCap.push(cap);
    }
    return r;
  };
  const scopeOf = (q: number, h: number, e: number) => {
    const b = classes[q]!.cs.bonuses[classes[q]!.held[h]!]!;
    return b.kind === 'award' && b.scope === 'class' ? champ.entryClass[e]! : 'overall';
  };
  // Per class and rival: the rows of its places (by index) and bonuses.
  const placeRows = classes.map((cls, q) =>
    candidates.map((_, x) => {
      const e = cls.carOf[x]![0];
      if (e === undefined) return [];
      return cls.scoring.map((_, i) => rowOf(`${q}|g${champ.group[e]}|${i}`, cls.K * (i + 1)));
    }),
  );
  const bonusRows = classes.map((cls, q) =>
    candidates.map((_, x) => {
      const e = cls.carOf[x]![0];
      if (e === undefined) return [];
      return cls.held.map((_, h) => rowOf(`${q}|b${h}|${scopeOf(q, h, e)}`, cls.K));
    }),
  );
  const nRows = rowCap.length;

  /** The cheapest pattern of rival x reaching `t` units at prices y: its price and takes. */
  const price = (x: number, t: number, y: Float64Array): { cost: number; takes: (Take | undefined)[] } => {
    const width = t + 1;
    // Across classes: least price per gain (capped at t), with the takes.
    let best = new Float64Array(width).fill(Infinity);
    best[0] = 0;
    let takesAt: (Take | undefined)[][] = Array.from({ length: width }, () => classes.map(() => undefined));
    classes.forEach((cls, q) => {
      if (!cls.carOf[x]!.length) return;
      const K = cls.K;
      // A place at index v counts in every top-i row with i >= v.
      const pr = placeRows[q]![x]!;
      const placePrice = new Float64Array(cls.scoring.length);
      let acc = 0;
      for (let v = cls.scoring.length - 1; v >= 0; v--) placePrice[v] = acc += y[pr[v]!]!;
      const br = bonusRows[q]![x]!;
      // Items: each place index up to K times (a slot each), each bonus up to K times (no slot).
      const items: { place: boolean; i: number; gain: number; cost: number }[] = [];
      cls.scoring.forEach((_, v) => {
        for (let k = 0; k < K; k++)
          items.push({ place: true, i: v, gain: Math.round(cls.points[v]!), cost: placePrice[v]! });
      });
      cls.held.forEach((_, h) => {
        for (let k = 0; k < K; k++)
          items.push({ place: false, i: h, gain: Math.round(cls.bonusPoints[h]!), cost: y[br[h]!]! });
      });
      // F[n][slots * width + gain]: least price with the first n items.
      const W = width * (K + 1);
      const F: Float64Array[] = [new Float64Array(W).fill(Infinity)];
      F[0]![0] = 0;
      for (const it of items) {
        const f = F.at(-1)!;
        const g = Float64Array.from(f);
        for (let sl = 0; sl <= K; sl++) {
          const s2 = it.place ? sl + 1 : sl;
          if (s2 > K) continue;
          for (let a = 0; a <= t; a++) {
            const v = f[sl * width + a]!;
            if (v === Infinity) continue;
            const idx = s2 * width + Math.min(t, a + it.gain);
            const w = v + it.cost;
            if (w < g[idx]!) g[idx] = w;
          }
        }
        F.push(g);
      }
      const last = F.at(-1)!;
      const classBest = new Float64Array(width).fill(Infinity);
      const classState = new Int32Array(width).fill(-1);
      for (let a = 0; a <= t; a++)
        for (let sl = 0; sl <= K; sl++)
          if (last[sl * width + a]! < classBest[a]!) {
            classBest[a] = last[sl * width + a]!;
            classState[a] = sl * width + a;
          }
      // The take reaching a state: back through the items (a taken item's predecessor is a
      // state whose price plus the item's gives exactly this one's).
      const takeOf = (state: number): Take => {
        const places: number[] = [];
        const bonuses = cls.held.map(() => 0);
        let idx = state;
        for (let n = items.length - 1; n >= 0; n--) {
          const here = F[n + 1]![idx]!;
          if (F[n]![idx] === here) continue;
          const it = items[n]!;
          const sl = Math.floor(idx / width);
          const a = idx % width;
          const ps = it.place ? sl - 1 : sl;
          let from = -1;
          const lo = a === t ? Math.max(0, t - it.gain) : a - it.gain;
          for (let a0 = lo; a0 <= (a === t ? t : lo); a0++) {
            const pidx = ps * width + a0;
            if (a0 >= 0 && Math.min(t, a0 + it.gain) === a && F[n]![pidx]! + it.cost === here) {
              from = pidx;
              break;
            }
          }
          if (from < 0) throw new Error(`columnBound: no way back at item ${n}, state ${idx}`);
          if (it.place) places.push(it.i);
          else bonuses[it.i]!++;
          idx = from;
        }
        places.sort((p1, p2) => p1 - p2);
        return { places, bonuses };
      };
      const next = new Float64Array(width).fill(Infinity);
      const from = new Int32Array(width * 2).fill(-1);
      for (let a = 0; a <= t; a++) {
        if (best[a] === Infinity) continue;
        for (let b = 0; b <= t; b++) {
          if (classBest[b] === Infinity) continue;
          const ab = Math.min(t, a + b);
          const v = best[a]! + classBest[b]!;
          if (v < next[ab]!) {
            next[ab] = v;
            from[2 * ab] = a;
            from[2 * ab + 1] = b;
          }
        }
      }
      const nextTakes: (Take | undefined)[][] = Array.from({ length: width }, (_, ab) => {
        const a = from[2 * ab]!;
        if (a < 0) return classes.map(() => undefined);
        const tk = takesAt[a]!.slice();
        tk[q] = takeOf(classState[from[2 * ab + 1]!]!);
        return tk;
      });
      best = next;
      takesAt = nextTakes;
    });
    return { cost: best[t]!, takes: takesAt[t]! };
  };

  // Column generation: the master's prices, each rival's cheapest pattern at them, the bound.
  const patterns: Pattern[] = [];
  const seen = new Set<string>();
  const keyOf = (p: Pattern) =>
    `${p.x}/${p.takes.map((t) => (t ? `${t.places.join(',')}:${t.bonuses.join(',')}` : '-')).join('/')}`;
  const add = (p: Pattern) => {
    const key = keyOf(p);
    if (seen.has(key)) return false;
    seen.add(key);
    patterns.push(p);
    return true;
  };
  /** A pattern's coefficients in the capacity rows. */
  const usage = (p: Pattern): Map<number, number> => {
    const u = new Map<number, number>();
    p.takes.forEach((t, q) => {
      if (!t) return;
      const pr = placeRows[q]![p.x]!;
      for (const v of t.places) for (let i = v; i < pr.length; i++) u.set(pr[i]!, (u.get(pr[i]!) ?? 0) + 1);
      const br = bonusRows[q]![p.x]!;
      t.bonuses.forEach((n, h) => {
        if (n > 0) u.set(br[h]!, (u.get(br[h]!) ?? 0) + n);
      });
    });
    return u;
  };
  const master = (integer: boolean) => {
    const rows: ProgramRow[] = [];
    const byRow: { columns: number[]; values: number[] }[] = rowCap.map(() => ({ columns: [], values: [] }));
    patterns.forEach((p, col) => {
      for (const [r, v] of usage(p)) {
        byRow[r]!.columns.push(col);
        byRow[r]!.values.push(v);
      }
    });
    byRow.forEach((row, r) => rows.push({ ...row, lower: 0, upper: rowCap[r]! }));
    for (const x of rivals) {
      const cols = patterns.flatMap((p, col) => (p.x === x ? [col] : []));
      rows.push({ columns: cols, values: cols.map(() => 1), lower: 0, upper: 1 });
    }
    return {
      columns: patterns.length,
      cost: patterns.map(() => 1),
      upper: patterns.map(() => 1),
      integer: patterns.map(() => integer),
      rows,
      maxNodes,
    };
  };

  // Start: each rival's cheapest pattern with the worse places a little dearer to skip.
  const y = new Float64Array(nRows).fill(1e-3);
  const cheapest = rivals.map((x, i) => price(x, T[i]!, y));
  cheapest.forEach((p, i) => {
    if (p.cost < Infinity) add({ x: rivals[i]!, takes: p.takes });
  });
  /** The Lagrangian bound at prices y (and each rival's cheapest pattern there). */
  const lagrange = (prices: Float64Array) => {
    let bound = sure;
    for (let r = 0; r < nRows; r++) bound += prices[r]! * rowCap[r]!;
    const found = rivals.map((x, i) => price(x, T[i]!, prices));
    for (const f of found) bound += Math.max(0, 1 - f.cost);
    return { bound, found };
  };
  let bestBound = Math.min(candidates.length, lagrange(new Float64Array(nRows)).bound);
  let rounds = 0;
  while (rounds < ROUNDS && Math.floor(bestBound + 1e-7) > known) {
    rounds++;
    const lp = solver(master(false));
    if (lp.status !== 'optimal' || !lp.duals) break;
    // The master's optimum is at most the relaxation's: once it reaches known + 1 the relaxation
    // cannot prove `known`, and more rounds only tighten a bound that stays above it.
    if (lp.bound >= known + 1 - 1e-9) break;
    // Prices to try: the capacity rows' dual values, either sign the solver may use.
    let added = false;
    for (const sign of [1, -1]) {
      const prices = Float64Array.from({ length: nRows }, (_, r) => Math.max(0, sign * lp.duals![r]!));
      const { bound, found } = lagrange(prices);
      bestBound = Math.min(bestBound, bound);
      found.forEach((f, i) => {
        if (f.cost < 1 - 1e-9 && add({ x: rivals[i]!, takes: f.takes })) added = true;
      });
    }
    if (!added) break;
  }
  const bound = Math.min(candidates.length, Math.floor(bestBound + 1e-7));

  // A witness from the patterns generated, where the bound leaves room above `known`: the master as
  // an integer program, realised and scored.
  let passes = 0;
  let witness: Remainder | undefined;
  const ip = bound > known ? solver({ ...master(true), maxNodes: WITNESS_NODES }) : undefined;
  if (ip?.values) {
    witness = realise(ip.values);
    passes = passesIn(question, witness);
  }
  return { bound, passes, witness, rounds };

  /** The remainder the chosen patterns describe (places by sorted requests, coloured into sessions). */
  function realise(values: readonly number[]): Remainder {
    const remainder: HypotheticalResult[] = champ.season.sessions.map(() => ({ order: [] }));
    const picked = patterns.filter((_, col) => values[col]! > 0.5);
    classes.forEach((cls, q) => {
      const K = cls.K;
      const carOf = (x: number) => cls.carOf[x]![0]!;
      const requests = new Map<number, { e: number; i: number }[]>();
      for (const p of picked) {
        const t = p.takes[q];
        if (!t) continue;
        const e = carOf(p.x);
        const g = champ.group[e]!;
        let list = requests.get(g);
        if (!list) requests.set(g, (list = []));
        for (const i of t.places) list.push({ e, i });
      }
      const cars = [...new Set(picked.flatMap((p) => (p.takes[q] ? [carOf(p.x)] : [])))];
      const orders = colourClassOrders(champ, cars, K, (put) => {
        for (const list of requests.values()) {
          list.sort((a, b) => a.i - b.i || a.e - b.e);
          list.forEach(({ e }, t) => {
            const p = cls.scoring[Math.floor(t / K)];
            if (p !== undefined) put(e, p);
          });
        }
      });
      const awards: HypotheticalAward[][] = cls.sessions.map(() => []);
      const leaders = new Int32Array(K).fill(-1);
      cls.held.forEach((bi, h) => {
        const b = cls.cs.bonuses[bi]!;
        const next = new Map<string, number>();
        for (const p of picked) {
          const n = p.takes[q]?.bonuses[h] ?? 0;
          if (n === 0) continue;
          const e = carOf(p.x);
          const scope = scopeOf(q, h, e);
          for (let t = 0; t < n; t++) {
            const s = next.get(scope) ?? 0;
            if (s >= K) break;
            next.set(scope, s + 1);
            if (!orders[s]!.includes(e)) orders[s]!.push(e);
            if (b.kind === 'award') awards[s]!.push({ award: b.award, scope, entry: e });
            else leaders[s] = e;
          }
        }
      });
      buildClassResults(cls.cs.bonuses, orders, awards, leaders).forEach((result, s) => {
        remainder[cls.sessions[s]!] = result;
      });
    });
    return remainder;
  }
}
