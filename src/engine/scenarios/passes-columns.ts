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
 * A relaxation like the program by counts (the same omissions, passes-program.ts), except
 * countback: a rival level with c on points passes only with a place that can win the tie
 * (passes-ties.ts). Where the bound stays above the best known, each set of rivals closed under
 * dominance of the next size is asked alone (`downSets`). Only where every rival still needing
 * points has at most one car per class, held by it alone: else undefined.
 */
import type { HypotheticalAward, HypotheticalResult, Remainder } from '../compiled/types.js';
import type { ProgramRow, ProgramSolver } from './integer-program.js';
import { passesIn } from './pass-question.js';
import type { PassQuestion } from './pass-question.js';
import { colourClassOrders, programClasses, programNeeds } from './passes-program.js';
import { buildClassResults } from './scenario-remainders.js';
import { tieWinningPlaces } from './passes-ties.js';

/** Rounds of pricing at most. */
const ROUNDS = 30;

/** Branch-and-bound nodes for a witness from the patterns generated. */
const WITNESS_NODES = 10;

/** Sets of rivals closed under dominance tried at most, each with its own bound. */
const DOWN_SETS = 16;

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
      // Whether its places count for tie-breaks (in any of its sessions).
      recorded: js.some((j) => champ.sessions[inScope[j]!]!.recorded),
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
  // Per candidate, in units: `strict` (a unit ahead of c), and `tie` (level with c: enough where a
  // tie is won whatever the take, else only with a place at `tieBy` or better in a recorded class).
  const tieBy = tieWinningPlaces(question);
  const goals = target.map((t, x) => {
    const level = Math.round(t);
    if (Math.abs(t - level) > 1e-9) return { strict: Math.ceil(t), tie: Math.ceil(t), by: Infinity };
    const by = tieBy[x]!;
    if (by === Infinity) return { strict: level, tie: level, by };
    return { strict: level + 1, tie: by > 0 ? level : level + 1, by };
  });
  for (const cls of classes)
    for (let x = 0; x < candidates.length; x++) {
      const es = cls.carOf[x]!;
      if (goals[x]!.strict > 0 && (es.length > 1 || es.some((e) => holders.get(e)!.size > 1)))
        return undefined;
    }
  // Gains in units must be whole for the knapsack (they are: the unit divides every value).
  const sure = goals.filter((g) => g.strict <= 0).length;
  const rivals = candidates.flatMap((_, x) => (goals[x]!.strict > 0 ? [x] : []));

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

  /**
   * The cheapest passing pattern of rival x at prices y: its price and takes. Per class, a knapsack
   * over states (flag, slots, gain capped at the strict goal), the flag set by a place that can win
   * a tie on points; then the classes combined over (flag, gain).
   */
  const price = (x: number, y: Float64Array): { cost: number; takes: (Take | undefined)[] } => {
    const { strict: t, tie, by } = goals[x]!;
    const width = t + 1;
    let best = new Float64Array(2 * width).fill(Infinity);
    best[0] = 0;
    let takesAt: (Take | undefined)[][] = Array.from({ length: 2 * width }, () =>
      classes.map(() => undefined),
    );
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
      const items: { place: boolean; i: number; gain: number; cost: number; flags: boolean }[] = [];
      cls.scoring.forEach((position, v) => {
        const flags = cls.recorded && position <= by;
        for (let k = 0; k < K; k++)
          items.push({ place: true, i: v, gain: Math.round(cls.points[v]!), cost: placePrice[v]!, flags });
      });
      cls.held.forEach((_, h) => {
        for (let k = 0; k < K; k++)
          items.push({
            place: false,
            i: h,
            gain: Math.round(cls.bonusPoints[h]!),
            cost: y[br[h]!]!,
            flags: false,
          });
      });
      // F[n][((flag * (K + 1)) + slots) * width + gain]: least price with the first n items.
      const stateOf = (fl: number, sl: number, a: number) => (fl * (K + 1) + sl) * width + a;
      const F: Float64Array[] = [new Float64Array(2 * (K + 1) * width).fill(Infinity)];
      F[0]![0] = 0;
      for (const it of items) {
        const f = F.at(-1)!;
        const g = Float64Array.from(f);
        for (let fl = 0; fl < 2; fl++)
          for (let sl = 0; sl <= K; sl++) {
            const s2 = it.place ? sl + 1 : sl;
            if (s2 > K) continue;
            const f2 = it.flags ? 1 : fl;
            for (let a = 0; a <= t; a++) {
              const v = f[stateOf(fl, sl, a)]!;
              if (v === Infinity) continue;
              const idx = stateOf(f2, s2, Math.min(t, a + it.gain));
              const w = v + it.cost;
              if (w < g[idx]!) g[idx] = w;
            }
          }
        F.push(g);
      }
      const last = F.at(-1)!;
      const classBest = new Float64Array(2 * width).fill(Infinity);
      const classState = new Int32Array(2 * width).fill(-1);
      for (let fl = 0; fl < 2; fl++)
        for (let a = 0; a <= t; a++)
          for (let sl = 0; sl <= K; sl++)
            if (last[stateOf(fl, sl, a)]! < classBest[fl * width + a]!) {
              classBest[fl * width + a] = last[stateOf(fl, sl, a)]!;
              classState[fl * width + a] = stateOf(fl, sl, a);
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
          const a = idx % width;
          const sl = Math.floor(idx / width) % (K + 1);
          const fl = Math.floor(idx / width / (K + 1));
          const ps = it.place ? sl - 1 : sl;
          const flags = it.flags ? (fl === 1 ? [0, 1] : []) : [fl];
          let from = -1;
          const lo = a === t ? Math.max(0, t - it.gain) : a - it.gain;
          for (const pf of flags)
            for (let a0 = lo; a0 <= (a === t ? t : lo) && from < 0; a0++) {
              const pidx = stateOf(pf, ps, a0);
              if (a0 >= 0 && Math.min(t, a0 + it.gain) === a && F[n]![pidx]! + it.cost === here) from = pidx;
            }
          if (from < 0) throw new Error(`columnBound: no way back at item ${n}, state ${idx}`);
          if (it.place) places.push(it.i);
          else bonuses[it.i]!++;
          idx = from;
        }
        places.sort((p1, p2) => p1 - p2);
        return { places, bonuses };
      };
      const next = new Float64Array(2 * width).fill(Infinity);
      const from = new Int32Array(4 * width).fill(-1);
      for (let sa = 0; sa < 2 * width; sa++) {
        if (best[sa] === Infinity) continue;
        for (let sb = 0; sb < 2 * width; sb++) {
          if (classBest[sb] === Infinity) continue;
          const fl = Math.floor(sa / width) | Math.floor(sb / width);
          const ab = fl * width + Math.min(t, (sa % width) + (sb % width));
          const v = best[sa]! + classBest[sb]!;
          if (v < next[ab]!) {
            next[ab] = v;
            from[2 * ab] = sa;
            from[2 * ab + 1] = sb;
          }
        }
      }
      const nextTakes: (Take | undefined)[][] = Array.from({ length: 2 * width }, (_, ab) => {
        const sa = from[2 * ab]!;
        if (sa < 0) return classes.map(() => undefined);
        const tk = takesAt[sa]!.slice();
        tk[q] = takeOf(classState[from[2 * ab + 1]!]!);
        return tk;
      });
      best = next;
      takesAt = nextTakes;
    });
    // Passing: the strict goal (either flag), or the tie level with a place that wins the tie.
    let at = best[t]! <= best[width + t]! ? t : width + t;
    if (tie < t && best[width + tie]! < best[at]!) at = width + tie;
    return { cost: best[at]!, takes: takesAt[at]! };
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
  /** The master program: patterns of the rivals in `set` (the others' held at 0). */
  const master = (integer: boolean, set: ReadonlySet<number>) => {
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
      upper: patterns.map((p) => (set.has(p.x) ? 1 : 0)),
      integer: patterns.map(() => integer),
      rows,
      maxNodes,
    };
  };

  // Start: each rival's cheapest pattern with the worse places a little dearer to skip.
  const y = new Float64Array(nRows).fill(1e-3);
  const cheapest = rivals.map((x) => price(x, y));
  cheapest.forEach((p, i) => {
    if (p.cost < Infinity) add({ x: rivals[i]!, takes: p.takes });
  });
  /** The Lagrangian bound on the rivals of `set` passing at prices y (and their cheapest patterns). */
  const lagrange = (prices: Float64Array, set: readonly number[]) => {
    let bound = 0;
    for (let r = 0; r < nRows; r++) bound += prices[r]! * rowCap[r]!;
    const found = set.map((x) => price(x, prices));
    for (const f of found) bound += Math.max(0, 1 - f.cost);
    return { bound, found };
  };
  let rounds = 0;
  /**
   * Column generation for the rivals of `set`: a bound on how many of them pass together, refined
   * until it is under `goal` (proving fewer pass), the master's optimum reaches `goal` (no proof
   * possible), no column prices in, or the rounds run out.
   */
  const generate = (set: readonly number[], goal: number): number => {
    const members = new Set(set);
    let best = Math.min(set.length, lagrange(new Float64Array(nRows), set).bound);
    while (rounds < ROUNDS && best > goal - 1e-7) {
      rounds++;
      const lp = solver(master(false, members));
      if (lp.status !== 'optimal' || !lp.duals) break;
      // The master's optimum is at most the relaxation's: once it reaches the goal the relaxation
      // cannot prove fewer, and more rounds only tighten a bound that stays above it.
      if (lp.bound >= goal - 1e-9) break;
      // Prices to try: the capacity rows' dual values, either sign the solver may use.
      let added = false;
      for (const sign of [1, -1]) {
        const prices = Float64Array.from({ length: nRows }, (_, r) => Math.max(0, sign * lp.duals![r]!));
        const { bound, found } = lagrange(prices, set);
        best = Math.min(best, bound);
        found.forEach((f, i) => {
          if (f.cost < 1 - 1e-9 && add({ x: set[i]!, takes: f.takes })) added = true;
        });
      }
      if (!added) break;
    }
    return best;
  };
  const everyone = new Set(rivals);
  let bound = Math.min(candidates.length, sure + Math.floor(generate(rivals, known + 1 - sure) + 1e-7));

  // A witness from the patterns generated, where the bound leaves room above `known`: the master as
  // an integer program, realised and scored.
  let passes = 0;
  let witness: Remainder | undefined;
  const tryWitness = (set: ReadonlySet<number>) => {
    const ip = solver({ ...master(true, set), maxNodes: WITNESS_NODES, quick: true });
    if (!ip.values) return;
    const remainder = realise(ip.values);
    const n = passesIn(question, remainder);
    if (n > passes) {
      passes = n;
      witness = remainder;
    }
  };
  if (bound > known) tryWitness(everyone);
  let dominance: { order: number[]; easier: number[][] } | undefined;
  // Then by down-sets: where the bound stays above the best known, whether known + 1 can pass
  // is asked of each smallest set of rivals that can (dominance below), each with its own bound.
  for (let best = Math.max(known, passes); bound > best && rounds < ROUNDS; best = Math.max(known, passes)) {
    const size = best + 1 - sure;
    const sets = downSets(size);
    if (!sets) break;
    let open = false;
    for (const set of sets) {
      if (generate(set, size) < size - 1e-7) continue;
      open = true;
      tryWitness(new Set(set));
      if (passes > best) break;
    }
    if (!open) bound = best;
    else if (passes <= best) break;
  }
  return { bound: Math.max(bound, passes), passes, witness, rounds };

  /** The rivals, easiest first, each with those before it that dominate it (`downSets`). */
  function dominanceOrder(): { order: number[]; easier: number[][] } {
    const signature = (x: number) =>
      classes.map((_, q) => `${placeRows[q]![x]!.join(',')}|${bonusRows[q]![x]!.join(',')}`).join('/');
    const order = [...rivals].sort(
      (a, b) =>
        goals[a]!.strict - goals[b]!.strict ||
        goals[a]!.tie - goals[b]!.tie ||
        goals[b]!.by - goals[a]!.by ||
        a - b,
    );
    const sig = order.map(signature);
    const easier = order.map((b, i) =>
      order.slice(0, i).flatMap((a, h) => {
        const ga = goals[a]!;
        const gb = goals[b]!;
        return sig[h] === sig[i] && ga.strict <= gb.strict && ga.tie <= gb.tie && ga.by >= gb.by ? [h] : [];
      }),
    );
    return { order, easier };
  }

  /**
   * The sets of `size` rivals closed under dominance (with each rival, every rival at least as
   * easy to bring past: the same places and bonuses open to it, goals no higher, a tie won with a
   * place no better), at most DOWN_SETS of them; undefined where there are more. Any rivals
   * passing together can be traded for such a set: an easier rival takes a harder one's pattern.
   */
  function downSets(size: number): number[][] | undefined {
    const { order, easier } = (dominance ??= dominanceOrder());
    const out: number[][] = [];
    const chosen: boolean[] = order.map(() => false);
    let tooMany = false;
    const visit = (i: number, taken: number) => {
      if (tooMany) return;
      if (taken === size) {
        if (out.length >= DOWN_SETS) tooMany = true;
        else out.push(order.filter((_, h) => chosen[h]));
        return;
      }
      if (i === order.length || order.length - i < size - taken) return;
      if (easier[i]!.every((h) => chosen[h])) {
        chosen[i] = true;
        visit(i + 1, taken + 1);
        chosen[i] = false;
      }
      visit(i + 1, taken);
    };
    if (size > 0) visit(0, 0);
    return tooMany || size <= 0 ? undefined : out;
  }

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
