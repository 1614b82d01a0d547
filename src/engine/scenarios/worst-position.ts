/**
 * The most rivals that can finish above a competitor together while it scores nothing more: the
 * joint half of the worst-position question (a rival alone is the pairwise half). Rivals share the
 * positions of each race, so this is a search:
 * - bounds: each rival's points ceiling (kills those who cannot reach the competitor), its need
 *   rounded up to a sum its results can make, and a Hall-type bound (the i neediest of any k rivals
 *   cannot take more than the top i places of each race and every bonus);
 * - witnesses: greedy completions for the k rivals needing least (neediest per race first), scored
 *   exactly; when one reaches the bound, the answer is proven;
 * - otherwise a depth-first search over the races (the rivals' cars at the front in every order,
 *   each bonus to each of them), pruned by the same bounds, within a node budget;
 * - and where that runs out, the search over each rival's multiset of places per class of alike
 *   sessions (aggregate-passes.ts), within its own budget.
 */
import { dropKeepsBest } from '../compiled/fast-rules.js';
import type {
  CompiledBonus,
  CompiledChampionship,
  HypotheticalAward,
  HypotheticalResult,
  Remainder,
} from '../compiled/types.js';
import { AGGREGATE_RIVALS, aggregatePasses } from './aggregate-passes.js';
import { finalePasses } from './finale-passes.js';
import type { ProgramSolver } from './integer-program.js';
import type { PassQuestion } from './pass-question.js';
import { solvePasses } from './passes-solve.js';
import { carsOf } from './scenario-remainders.js';

/** Per championship: option lists and reachable sums, shared by every competitor's search. */
const caches = new WeakMap<
  CompiledChampionship,
  { optionCache: Map<string, number[]>; reachCache: Map<string, Uint8Array> }
>();
const cacheOf = (champ: CompiledChampionship) => {
  let cache = caches.get(champ);
  if (!cache) caches.set(champ, (cache = { optionCache: new Map(), reachCache: new Map() }));
  return cache;
};

export interface Passes {
  /** The most rivals found passing together (proven the most when `exact`). */
  readonly passes: number;
  readonly exact: boolean;
  /** An upper bound on passes (equal to `passes` when exact). */
  readonly bound: number;
  readonly nodes: number;
  readonly witness: Remainder | undefined;
}

/**
 * The depth-first search runs only when the witnesses come within this many rivals of the bound:
 * wider gaps (mid-field places with dozens of rivals) it did not close within its budget, and on
 * the F1 history it never changed a title answer (docs/decisions/0007-exact-title-scenarios.md).
 */
const SEARCH_GAP = 2;

/**
 * Sessions left up to which a wide gap gets the search over multisets of places: on every sixth F1
 * season (1 or 2 sessions left, up to 20 rivals) it closed 78 of 1,118 ranges for about 0.1x more
 * CPU; with 3 or 4 left, a few more at up to 0.5x more (docs/decisions/0007-exact-title-scenarios.md).
 */
const WIDE_SESSIONS = 2;

/**
 * Sessions left up to which an open range goes to the integer program (where a solver is given):
 * with more, on the F1 history (1976), one program took up to 48 s and the tables 3 to 60 s each.
 */
const PROGRAM_SESSIONS = 4;

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

/**
 * Most of `candidates` able to finish above c together (c takes no part), within `budget` search
 * nodes (and `aggregateBudget` nodes of the search over multisets of places, where it applies);
 * where those leave the range open and a `solver` is given, the integer program of the question
 * (passes-program.ts) settles it or narrows it.
 */
export function maxPasses(
  question: PassQuestion,
  budget: number,
  aggregateBudget = 0,
  solver?: ProgramSolver,
): Passes {
  const searched = searchPasses(question, budget, aggregateBudget);
  if (searched.exact) return searched;
  // Before a finale, a matching settles it (finale-passes.ts), checked by scoring its remainder.
  const finale = finalePasses(question);
  if (finale && finale.passes >= searched.passes)
    return {
      passes: finale.passes,
      exact: true,
      bound: finale.passes,
      nodes: searched.nodes + finale.nodes,
      witness: finale.witness,
    };
  if (!solver || question.inScope.length > PROGRAM_SESSIONS) return searched;
  const solved = solvePasses(question, solver, searched.passes);
  if (!solved) return searched;
  // The program's witness is scored by the engine; its bound is a relaxation's, so only narrows.
  const better = solved.passes > searched.passes;
  const passes = better ? solved.passes : searched.passes;
  const bound = Math.max(passes, Math.min(searched.bound, solved.bound));
  return {
    passes,
    exact: passes >= bound,
    bound,
    nodes: searched.nodes,
    witness: better ? solved.witness : searched.witness,
  };
}

/** The searches of `maxPasses`, without the integer program. */
function searchPasses(question: PassQuestion, budget: number, aggregateBudget: number): Passes {
  const { champ, scorer, c, candidates, threshold, inScope } = question;
  const nSessions = inScope.length;
  const remainder: (HypotheticalResult | undefined)[] = champ.season.sessions.map((_, k) =>
    champ.sessions[k] ? undefined : { order: [] },
  );
  // Each candidate's cars per session; cars c also holds stay out with c.
  const cars = inScope.map((k) => {
    const own = new Set(carsOf(champ, c, k));
    return candidates.map((r) => carsOf(champ, r, k).filter((e) => !own.has(e)));
  });
  const sessionOf = inScope.map((k) => champ.sessions[k]!);
  const maxCars = Math.max(1, ...cars.flatMap((perSession) => perSession.map((cs) => cs.length)));
  const groups = new Set(cars.flat(2).map((e) => champ.group[e]!)).size || 1;

  // Points a candidate with m cars can add in a session: the best m places from some place on,
  // plus any set of the bonuses for each car (an over-estimate of its choices is safe).
  const { optionCache, reachCache } = cacheOf(champ);
  const optionsOf = (j: number, m: number): number[] => {
    const key = `${inScope[j]}:${m}`;
    let o = optionCache.get(key);
    if (o) return o;
    const cs = sessionOf[j]!;
    if (m === 0) o = [0];
    else {
      let bonus = [0];
      for (const b of cs.bonuses) bonus = [...new Set([...bonus, ...bonus.map((v) => v + b.points)])];
      const extra = Array.from({ length: m - 1 }, (_, p) => cs.table[p + 1] ?? 0).reduce((a, b) => a + b, 0);
      const sums = new Set<number>();
      for (const p of [0, ...cs.table.filter((v) => v > 0)])
        for (const b of bonus) sums.add(p + b * m + (p > 0 ? extra : 0));
      o = [...sums].sort((a, b) => a - b);
    }
    optionCache.set(key, o);
    return o;
  };
  const profile = candidates.map((_, x) => cars.map((perSession) => perSession[x]!.length));
  let unit = 0;
  for (let j = 0; j < nSessions; j++)
    for (const m of new Set(profile.map((p) => p[j]!))) for (const v of optionsOf(j, m)) unit = gcd(unit, v);
  unit ||= 1;
  // The most each candidate can still add from session j on.
  const ceilings = Array.from({ length: nSessions + 1 }, () => new Float64Array(candidates.length));
  for (let j = nSessions - 1; j >= 0; j--)
    for (let x = 0; x < candidates.length; x++)
      ceilings[j]![x] = ceilings[j + 1]![x]! + optionsOf(j, profile[x]![j]!).at(-1)!;
  // Sums (in units) a candidate's profile can make from session j on, as a bitmap, memoised.
  const reachAt: (Uint8Array | undefined)[][] = Array.from({ length: nSessions }, () => []);
  const reachOf = (j: number, x: number): Uint8Array => {
    const known = reachAt[j]![x];
    if (known) return known;
    const key = `${unit}|${inScope.slice(j).join(',')}|${profile[x]!.slice(j).join(',')}`;
    let reach = reachCache.get(key);
    if (!reach) {
      reach = Uint8Array.of(1);
      for (let t = j; t < nSessions; t++) {
        const opts = optionsOf(t, profile[x]![t]!).map((v) => Math.round(v / unit));
        const next: Uint8Array = new Uint8Array(reach.length + opts.at(-1)!);
        for (let s0 = 0; s0 < reach.length; s0++) if (reach[s0]) for (const v of opts) next[s0 + v] = 1;
        reach = next;
      }
      reachCache.set(key, reach);
    }
    reachAt[j]![x] = reach;
    return reach;
  };
  // The least sum of one option per session from j on that reaches `need` (Infinity if none).
  const rounded = (j: number, x: number, need: number): number => {
    if (need <= 0) return 0;
    const reach = reachOf(j, x);
    for (let u = Math.ceil(need / unit); u < reach.length; u++) if (reach[u]) return u * unit;
    return Infinity;
  };
  // What i rivals can take together from sessions j on (i = 0..candidates).
  const capacities = Array.from({ length: nSessions + 1 }, () => new Float64Array(candidates.length + 1));
  for (let j = nSessions - 1; j >= 0; j--) {
    const cs = sessionOf[j]!;
    for (let i = 1; i <= candidates.length; i++) {
      let cap = 0;
      const slots = Math.min(i * maxCars, cs.table.length);
      for (let p = 0; p < slots; p++) cap += cs.table[p]! * groups;
      for (const b of cs.bonuses)
        cap +=
          b.kind === 'lap-led'
            ? b.points * i * maxCars
            : b.points * (b.kind === 'award' && b.scope === 'class' ? groups : 1);
      capacities[j]![i] = capacities[j + 1]![i]! + cap;
    }
  }
  const boundedDrops = champ.dropRules.every((r) => dropKeepsBest[r.kind]);

  /** Needs (rounded) of the candidates that can still pass, from session j with the scorer holding the partial remainder. */
  const needsAt = (j: number): { x: number; need: number }[] => {
    const base = boundedDrops ? scorer.totals : scorer.rawTotals;
    const out: { x: number; need: number }[] = [];
    candidates.forEach((r, x) => {
      if (base[r]! + ceilings[j]![x]! < threshold) return;
      const need = rounded(j, x, threshold - base[r]!);
      if (need !== Infinity) out.push({ x, need });
    });
    return out.sort((a, b) => a.need - b.need);
  };
  /** How many of those needs can be met together at most (Hall on the largest needs of each prefix). */
  const hallBound = (j: number, needs: readonly { need: number }[]): number => {
    // The t needing least: the i largest of them are needs[t-i..t-1]; they must fit in i rivals' capacity.
    const cap = capacities[j]!;
    const prefix = [0];
    for (const n of needs) prefix.push(prefix.at(-1)! + n.need);
    let t = 0;
    for (; t < needs.length; t++) {
      let fits = true;
      for (let i = 1; i <= t + 1 && fits; i++) fits = prefix[t + 1]! - prefix[t + 1 - i]! <= cap[i]!;
      if (!fits) break;
    }
    return t;
  };

  const countPasses = () => {
    let passes = 0;
    for (const r of candidates) if (scorer.listed[r] && scorer.compare(r, c) < 0) passes++;
    return passes;
  };
  let bestPasses = 0;
  let witness: Remainder | undefined;
  let nodes = 0;
  // A witness reaching the root bound proves the answer: the search stops there.
  let proven = false;
  let rootBound = candidates.length;
  const evaluate = () => {
    nodes++;
    scorer.score(remainder);
    const passes = countPasses();
    if (passes > bestPasses || witness === undefined) {
      bestPasses = Math.max(bestPasses, passes);
      witness = remainder.map((r) => r ?? { order: [] });
      if (bestPasses >= rootBound) proven = true;
    }
    return passes;
  };

  // A session's result: the cars in order, each award to the first car that may hold it, the most
  // laps led by the first car, a lap led by everyone.
  const resultOf = (
    j: number,
    order: readonly number[],
    holders?: readonly HypotheticalAward[],
  ): HypotheticalResult => {
    const awards = holders ?? firstHolders(champ, sessionOf[j]!.bonuses, order);
    return { order, awards, lapsLed: order.map((_, s) => (s === 0 ? 2 : 1)) };
  };

  // Root bound.
  scorer.score(remainder, true);
  const rootNeeds = needsAt(0);
  rootBound = hallBound(0, rootNeeds);

  // Witnesses: the k candidates needing least, placed race by race neediest first (needing most per
  // race left, or most in all), then with the priorities jittered (a seeded generator) a few times.
  let seed = 0x9e3779b9 ^ (c * 2654435761);
  const jitter = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Sessions from j on in which each candidate has a car (at least 1), for the per-race priority.
  const racesLeft = Array.from({ length: nSessions + 1 }, () => new Int32Array(candidates.length));
  for (let j = nSessions - 1; j >= 0; j--)
    for (let x = 0; x < candidates.length; x++)
      racesLeft[j]![x] = racesLeft[j + 1]![x]! + (cars[j]![x]!.length ? 1 : 0);
  const left = new Float64Array(candidates.length);
  const weight = new Float64Array(candidates.length);
  const priority = new Float64Array(candidates.length);
  const greedy = (chosen: readonly { x: number; need: number }[], perRace: boolean, noise: number) => {
    for (const n of chosen) {
      left[n.x] = n.need;
      weight[n.x] = 1 + noise * (jitter() - 0.5);
    }
    for (let j = 0; j < nSessions; j++) {
      const xs: number[] = [];
      for (const { x } of chosen) {
        if (cars[j]![x]!.length === 0) continue;
        priority[x] = weight[x]! * (perRace ? left[x]! / Math.max(1, racesLeft[j]![x]!) : left[x]!);
        xs.push(x);
      }
      // Those still needing points first (most needed first), then the others, turn about from race
      // to race (each gets a good place somewhere, for countback against c's best places).
      xs.sort((a, b) => Number(left[a]! <= 0) - Number(left[b]! <= 0) || priority[b]! - priority[a]!);
      let needing = 0;
      while (needing < xs.length && left[xs[needing]!]! > 0) needing++;
      const done = xs.length - needing;
      if (done > 1) {
        const turn = (j * Math.ceil(done / nSessions)) % done;
        const rotated = [...xs.slice(needing + turn), ...xs.slice(needing, needing + turn)];
        xs.splice(needing, done, ...rotated);
      }
      const order: number[] = [];
      for (const x of xs) for (const e of cars[j]![x]!) if (!order.includes(e)) order.push(e);
      const result = resultOf(j, order);
      remainder[inScope[j]!] = result;
      // Charge what each took (table by basis position, bonuses to their holders).
      const taken = pointsTaken(champ, sessionOf[j]!.table, result, sessionOf[j]!.bonuses);
      for (const { x } of chosen) for (const e of cars[j]![x]!) left[x]! -= taken.get(e) ?? 0;
    }
    evaluate();
    for (const k2 of inScope) remainder[k2] = undefined;
  };
  // The most candidates the greedy completions bring past together: a binary search on how many of
  // the least needy it tries (each try: two plain orders and a few jittered ones).
  const TRIES = 6;
  const attempt = (k: number) => {
    const chosen = rootNeeds.slice(0, k);
    greedy(chosen, true, 0);
    greedy(chosen, false, 0);
    for (let t = 0; t < TRIES && bestPasses < k; t++) greedy(chosen, t % 2 === 0, 0.6);
  };
  let hi = rootBound;
  if (hi > bestPasses) attempt(hi);
  while (bestPasses < hi) {
    const mid = Math.ceil((bestPasses + hi) / 2);
    attempt(mid);
    if (bestPasses < mid) hi = mid - 1;
  }
  if (bestPasses >= rootBound) return { passes: bestPasses, exact: true, bound: rootBound, nodes, witness };
  // The search closes small gaps between the witnesses and the bound; a wide gap it does not close
  // within any budget worth spending (mid-field places with many rivals): the range stands, unless
  // the search over multisets of places runs for it (its witnesses and its own bound: where one or
  // two sessions are left and it searches, half its budget).
  if (rootBound - bestPasses > SEARCH_GAP)
    return candidates.length <= AGGREGATE_RIVALS && nSessions <= WIDE_SESSIONS
      ? aggregated(Math.ceil(aggregateBudget / 2))
      : { passes: bestPasses, exact: false, bound: rootBound, nodes, witness };

  // Depth-first search over the sessions.
  let exhausted = false;
  const search = (j: number): void => {
    if (exhausted || proven) return;
    if (nodes >= budget) {
      exhausted = true;
      return;
    }
    if (j === nSessions) {
      evaluate();
      return;
    }
    nodes++;
    scorer.score(remainder, true);
    const needs = needsAt(j);
    if (hallBound(j, needs) <= bestPasses) return;
    // Those sure to pass already (nothing more scored, final drops applied) need no places.
    const rest = remainder.map((r) => r ?? { order: [] });
    scorer.score(rest);
    const secured = new Set(
      needs
        .map((n) => n.x)
        .filter((x) => scorer.listed[candidates[x]!] && scorer.compare(candidates[x]!, c) < 0),
    );
    const undecided = needs
      .filter((n) => !secured.has(n.x) && cars[j]![n.x]!.length > 0)
      .sort((a, b) => b.need - a.need)
      .map((n) => n.x);
    const units = [...new Set(undecided.flatMap((x) => cars[j]![x]!))];
    const securedCars = [...new Set([...secured].flatMap((x) => cars[j]![x]!))].filter(
      (e) => !units.includes(e),
    );
    const cs = sessionOf[j]!;
    const k = inScope[j]!;
    const permute = (chosen: number[], left: number[]): void => {
      if (exhausted || proven) return;
      if (left.length === 0) {
        const order = [...chosen, ...securedCars];
        const slots = awardChoices(champ, cs.bonuses, order, chosen.length);
        const ledChoices = cs.bonuses.some((b) => b.kind === 'most-laps-led')
          ? Math.max(1, chosen.length)
          : 1;
        const pick = (a: number, awards: HypotheticalAward[]): void => {
          if (exhausted || proven) return;
          if (a < slots.length) {
            const slot = slots[a]!;
            if (slot.holders.length === 0) return pick(a + 1, awards);
            for (const e of slot.holders) {
              pick(a + 1, [...awards, { award: slot.award, scope: slot.scope, entry: e }]);
              if (exhausted || proven) return;
            }
            return;
          }
          for (let led = 0; led < ledChoices; led++) {
            remainder[k] = { order, awards, lapsLed: order.map((_, s) => (s === led ? 2 : 1)) };
            search(j + 1);
            remainder[k] = undefined;
            if (exhausted || proven) return;
          }
        };
        pick(0, []);
        return;
      }
      for (let y = 0; y < left.length; y++) {
        permute([...chosen, left[y]!], [...left.slice(0, y), ...left.slice(y + 1)]);
        if (exhausted || proven) return;
      }
    };
    permute([], units);
  };
  search(0);
  if (!exhausted || proven) return { passes: bestPasses, exact: true, bound: bestPasses, nodes, witness };
  // Beyond the search over orders: the search over each rival's multiset of places per class of
  // alike sessions, where the championship fits it; complete within its budget, its optimum is
  // the bound (docs/decisions/0007-exact-title-scenarios.md, "Ninth session").
  return aggregated(aggregateBudget);

  /** With the search over multisets of places where it applies (its witness, its bound). */
  function aggregated(most: number): Passes {
    const found = most > 0 ? aggregatePasses(question, most, bestPasses, rootBound) : undefined;
    if (!found) return { passes: bestPasses, exact: false, bound: rootBound, nodes, witness };
    nodes += found.nodes;
    if (found.passes > bestPasses) {
      bestPasses = found.passes;
      witness = found.witness;
    }
    // The search's optimum where it finished, else the model's Hall bound (maybe tighter).
    const bound = Math.max(bestPasses, Math.min(rootBound, found.bound));
    return { passes: bestPasses, exact: bestPasses >= bound, bound, nodes, witness };
  }
}

/** Each award to the first car of the order that may hold it (its scope). */
function firstHolders(
  champ: CompiledChampionship,
  bonuses: readonly CompiledBonus[],
  order: readonly number[],
): HypotheticalAward[] {
  return awardChoices(champ, bonuses, order, order.length).flatMap((slot) =>
    slot.holders.length ? [{ award: slot.award, scope: slot.scope, entry: slot.holders[0]! }] : [],
  );
}

/** Each award a session hands out, with the cars (among the first `needing` of the order) that may take it. */
export function awardChoices(
  champ: CompiledChampionship,
  bonuses: readonly CompiledBonus[],
  order: readonly number[],
  needing: number,
): { award: HypotheticalAward['award']; scope: string; holders: number[] }[] {
  const slots = new Map<string, { award: HypotheticalAward['award']; scope: string; holders: number[] }>();
  for (const b of bonuses) {
    if (b.kind !== 'award') continue;
    for (const e of order.slice(0, Math.max(1, needing))) {
      const scope = b.scope === 'overall' ? 'overall' : champ.entryClass[e]!;
      const key = `${b.award}:${scope}`;
      let slot = slots.get(key);
      if (!slot) slots.set(key, (slot = { award: b.award, scope, holders: [] }));
      if (!slot.holders.includes(e)) slot.holders.push(e);
    }
  }
  return [...slots.values()];
}

/** Approximate points each car takes from a hypothetical session (for the greedy witnesses only). */
function pointsTaken(
  champ: CompiledChampionship,
  table: Float64Array,
  result: HypotheticalResult,
  bonuses: readonly CompiledBonus[],
): Map<number, number> {
  const taken = new Map<number, number>();
  const counters = new Map<number, number>();
  Array.from(result.order).forEach((e) => {
    const g = champ.group[e]!;
    const p = (counters.get(g) ?? 0) + 1;
    counters.set(g, p);
    taken.set(e, table[p - 1] ?? 0);
  });
  const award = new Map<string, number>();
  for (const b of bonuses) if (b.kind === 'award') award.set(`${b.award}:${b.scope === 'overall'}`, b.points);
  for (const a of result.awards ?? [])
    taken.set(a.entry, (taken.get(a.entry) ?? 0) + (award.get(`${a.award}:${a.scope === 'overall'}`) ?? 0));
  for (const b of bonuses) {
    if (b.kind === 'lap-led')
      for (const e of Array.from(result.order)) taken.set(e, taken.get(e)! + b.points);
    if (b.kind === 'most-laps-led' && result.order.length)
      taken.set(result.order[0]!, taken.get(result.order[0]!)! + b.points);
  }
  return taken;
}
