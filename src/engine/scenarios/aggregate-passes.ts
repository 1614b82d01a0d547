/**
 * The most rivals that can finish above a competitor together, searched over what each rival takes
 * rather than over each race's order (docs/decisions/0007-exact-title-scenarios.md, "Ninth
 * session"). Remaining sessions that score alike (same table, awards and drop windows, the same
 * rivals entered) form a class of K sessions; what matters for a rival in a class is only the
 * multiset of its K places and how many of each award it takes. Counts x[rival][place] with row
 * sums at most K and column sums at most K are K per-session results (a bipartite multigraph of
 * maximum degree K is K-edge-colourable, König), so a search over multisets is a search over
 * completions, K! times smaller per class.
 *
 * - A rival passes with a choice when the exact Scorer says so: the choice is scored alone (cars of
 *   others ahead of it fill the places above), so drops and countback are the engine's own.
 * - Rivals are decided one by one (those with the fewest choices first: a part-time rival who
 *   needs every win it can take settles most); each either stays behind or takes a "tight"
 *   choice: one that passes, where moving any one place to the next worse place still free (or
 *   giving up an award) no longer does. Any completion can be made tight rival by rival (a looser
 *   place is swapped with a later rival's, which only improves that rival), so no answer is lost.
 *   (In a class with part-time rivals only giving up is tried: a swap could break their limits.)
 * - Pruned by what each rival still needs against the best places left, a Hall-type bound (the i
 *   neediest of any t rivals cannot take more than i rivals' share of what is left) and, per top j
 *   places, what must come from them (each place below is worth at most the (j+1)th's points).
 *   Alike rivals (same need, sessions, awards and record) pass first among them; a state (rival,
 *   places and awards left) searched through is remembered with what it can add at most.
 * - Rivals entered for only some sessions of a class: per set of sessions, those entered for no
 *   others take each place at most that many times (a relaxation still; the witness decides).
 * - Before the search, witnesses (aggregate-witness.ts): a greedy choice set, then choice sets
 *   in which all of the k rivals needing least pass, k from the ceiling down, each within its
 *   share of the budget. A witness reaching the ceiling ends it all; the best found prunes the
 *   search. With more than AGGREGATE_RIVALS rivals they run alone (the search would not finish).
 * - The best choice set found is turned into per-session results (aggregate-realise.ts: edge
 *   colouring; awards matched to sessions the holder takes part in) and scored exactly as the
 *   witness. The search is a relaxation only where an award's top-N condition is concerned; the
 *   witness decides.
 *
 * Championships it does not model (a rival with several cars or a shared car, team best-N scoring,
 * withheld results or best shares, lap-led bonuses, drop rules without a window form, tie-breaks
 * other than countback, several basis groups among the rivals) and more than MAX_SESSIONS sessions
 * left get `undefined`: the caller keeps the search over orders and its range. Every step counts
 * against a node budget (deterministic: the same answer every run).
 */
import { compileFastDrop } from '../compiled/fast-drops.js';
import type { HypotheticalAward, HypotheticalResult, Remainder } from '../compiled/types.js';
import { realise } from './aggregate-realise.js';
import type { SessionClass } from './aggregate-realise.js';
import { fillTargets, greedyChoices } from './aggregate-witness.js';
import type { Pricing, Take, WitnessModel } from './aggregate-witness.js';
import { passesIn } from './pass-question.js';
import type { PassQuestion } from './pass-question.js';
import { carsOf } from './scenario-remainders.js';

export interface AggregatePasses {
  /** Rivals the witness brings past (scored exactly). */
  readonly passes: number;
  /** The search finished: no choice set brings more than `bound` past. */
  readonly complete: boolean;
  /** Upper bound on passes: the search's optimum when complete, else the model's Hall bound. */
  readonly bound: number;
  readonly nodes: number;
  readonly witness: Remainder | undefined;
}

/**
 * Most of `candidates` able to finish above c together (c takes no part), searching multisets of
 * places per class of alike sessions within `budget` nodes; undefined when the championship does
 * not fit the model. `known` passes are already proven possible (the search looks for more).
 */
export function aggregatePasses(
  question: PassQuestion,
  budget: number,
  known: number,
  ceiling: number,
): AggregatePasses | undefined {
  const { champ, scorer, c, candidates, threshold, inScope } = question;
  // Many sessions left make too many multisets per rival to search through: the search over
  // orders keeps those (early rounds of long seasons).
  if (inScope.length > MAX_SESSIONS) return undefined;
  if (champ.bestCars !== 0) return undefined;
  if (!champ.tieBreaks.every((t) => t.kind === 'countback')) return undefined;
  const windows: Uint8Array[] = [];
  const windowPast: (readonly Float64Array[])[] = [];
  for (const rule of champ.dropRules) {
    const fast = compileFastDrop(champ, rule);
    if (!fast) return undefined;
    for (const w of fast.windows) {
      windows.push(w.inWindow);
      windowPast.push(w.past);
    }
  }
  const nCand = candidates.length;
  // Each candidate's car per session (c's own cars stay out), at most one, held by it alone.
  const carOf: Int32Array[] = [];
  let group = -1;
  for (const k of inScope) {
    const cs = champ.sessions[k]!;
    if (cs.withheld.length || cs.bestShare) return undefined;
    if (cs.bonuses.some((b) => b.kind !== 'award')) return undefined;
    const own = new Set(carsOf(champ, c, k));
    const row = new Int32Array(nCand).fill(-1);
    for (let x = 0; x < nCand; x++) {
      const cars = carsOf(champ, candidates[x]!, k).filter((e) => !own.has(e));
      if (cars.length > 1) return undefined;
      const e = cars[0];
      if (e === undefined) continue;
      if (champ.holders[e]!.length !== 1 || champ.shareDivisor[e] !== 1 || !champ.teamScores[e])
        return undefined;
      if (group === -1) group = champ.group[e]!;
      else if (champ.group[e] !== group) return undefined;
      row[x] = e;
    }
    carOf.push(row);
  }

  // Classes of alike sessions (a rival entered for only some of them takes at most that many).
  const byKey = new Map<string, number[]>();
  inScope.forEach((k, j) => {
    const cs = champ.sessions[k]!;
    if (!carOf[j]!.some((e) => e >= 0)) return;
    const key = [
      Array.from(cs.table).join(','),
      cs.bonuses.map((b) => JSON.stringify(b)).join(';'),
      cs.recorded,
      windows.map((w) => w[k]).join(''),
    ].join('|');
    let sessions = byKey.get(key);
    if (!sessions) byKey.set(key, (sessions = []));
    sessions.push(j);
  });
  const classes: SessionClass[] = [...byKey.values()].map((sessions) => {
    const cs = champ.sessions[inScope[sessions[0]!]!]!;
    const rivals: number[] = [];
    for (let x = 0; x < nCand; x++) if (sessions.some((j) => carOf[j]![x]! >= 0)) rivals.push(x);
    const carIn = (x: number) => carOf[sessions.find((j) => carOf[j]![x]! >= 0)!]![x]!;
    // One resource per award and scope id among these rivals' cars; a holder takes every bonus of it.
    const awards = new Map<
      string,
      { award: HypotheticalAward['award']; scope: string; points: number; topN: number }
    >();
    for (const b of cs.bonuses) {
      if (b.kind !== 'award') continue;
      const scopes = new Set(
        rivals.map((x) => (b.scope === 'overall' ? 'overall' : champ.entryClass[carIn(x)]!)),
      );
      for (const scope of scopes) {
        const key = `${b.award}:${scope}`;
        let a = awards.get(key);
        if (!a) awards.set(key, (a = { award: b.award, scope, points: 0, topN: 0 }));
        a.points += b.points;
        if (b.requires.topN > 0) a.topN = a.topN === 0 ? b.requires.topN : Math.min(a.topN, b.requires.topN);
      }
    }
    return {
      sessions,
      k: sessions.length,
      table: cs.table,
      places: rivals.length,
      awards: [...awards.values()],
      rivals,
    };
  });
  const nClasses = classes.length;
  // Sessions of each class in which each rival has a car.
  const kOf = classes.map((cls) =>
    candidates.map((_, x) => cls.sessions.filter((j) => carOf[j]![x]! >= 0).length),
  );
  // The award resource each rival can hold in each class (-1: none) per award index.
  const awardOf = classes.map((cls) =>
    candidates.map((_, x) => {
      const j0 = cls.sessions.find((j) => carOf[j]![x]! >= 0);
      if (j0 === undefined) return [] as number[];
      const e = carOf[j0]![x]!;
      const mine: number[] = [];
      cls.awards.forEach((a, i) => {
        if (a.scope === 'overall' || a.scope === champ.entryClass[e]) mine.push(i);
      });
      return mine;
    }),
  );
  const pointsAt = (cls: SessionClass, p: number) => cls.table[p - 1] ?? 0;

  // Remaining capacity: per class, places 1..places (index p) and awards.
  // Rivals entered for only some sessions of a class share those: per set of sessions a rival is
  // entered for, the rivals entered for no others take each place and award at most that many
  // times (row 0: the whole class). Still a relaxation; it keeps part-time rivals apart.
  const maskOf = classes.map((cls) =>
    candidates.map((_, x) => cls.sessions.reduce((m, j, s) => (carOf[j]![x]! >= 0 ? m | (1 << s) : m), 0)),
  );
  const capRows = classes.map((cls, q) => {
    const full = cls.k >= 31 ? -1 : (1 << cls.k) - 1;
    const masks = [full, ...new Set(maskOf[q]!.filter((m) => m !== 0 && m !== full))];
    return masks.map((mask) => {
      let size = 0;
      for (let s = 0; s < cls.k; s++) if (mask & (1 << s)) size++;
      return {
        mask,
        place: new Int32Array(cls.places + 1).fill(size),
        award: new Int32Array(cls.awards.length).fill(size),
      };
    });
  });
  if (classes.some((cls) => cls.k >= 31)) return undefined;
  const rowsOf = classes.map((_, q) =>
    candidates.map((_, x) => {
      const m = maskOf[q]![x]!;
      return capRows[q]!.flatMap((row, i) => ((row.mask & m) === m && m !== 0 ? [i] : []));
    }),
  );
  const placeCap = capRows.map((rows) => rows[0]!.place);
  /** Copies of place p (award a) of class q rival x can still take. */
  const placeLeft = (q: number, x: number, p: number) => {
    let v = Infinity;
    for (const i of rowsOf[q]![x]!) v = Math.min(v, capRows[q]![i]!.place[p]!);
    return v === Infinity ? 0 : v;
  };
  const awardLeft = (q: number, x: number, a: number) => {
    let v = Infinity;
    for (const i of rowsOf[q]![x]!) v = Math.min(v, capRows[q]![i]!.award[a]!);
    return v === Infinity ? 0 : v;
  };

  // Each rival's points now (nothing more scored, drops applied) and its need.
  scorer.score(champ.season.sessions.map(() => ({ order: [] })));
  const need = candidates.map((r) => threshold - scorer.totals[r]!);
  const noDrops = champ.dropRules.length === 0;

  // Filler cars per session: cars that count for places and belong neither to c nor to the rival.
  const fillersOf = inScope.map((k) =>
    champ.season.sessions[k]!.entered.filter(
      (e) =>
        champ.eligible[e] &&
        champ.group[e] === group &&
        !champ.holders[e]!.includes(c) &&
        champ.holders[e]!.length === 1,
    ),
  );

  let nodes = 0;
  let steps = 0;
  let exhausted = false;
  // The witnesses spend their own share of the budget first, the search the rest.
  let nodeLimit = budget;
  const evalRemainder: (HypotheticalResult | undefined)[] = champ.season.sessions.map(() => ({ order: [] }));
  const passCache = new Map<string, boolean>();
  const keyOf = (x: number, takes: readonly Take[]) =>
    `${x}/${takes.map((t) => `${t.places.join(',')}:${t.awards.join(',')}`).join('/')}`;
  const gainOf = (takes: readonly Take[]) => {
    let g = 0;
    takes.forEach((t, q) => {
      for (const p of t.places) g += pointsAt(classes[q]!, p);
      t.awards.forEach((n, a) => (g += n * classes[q]!.awards[a]!.points));
    });
    return g;
  };
  /** Whether rival x passes c with these takes (scored exactly, alone). */
  const passes = (x: number, takes: readonly Take[]): boolean => {
    const gain = gainOf(takes);
    if (gain < need[x]!) return false;
    if (noDrops && gain > need[x]!) return true;
    const key = keyOf(x, takes);
    const known = passCache.get(key);
    if (known !== undefined) return known;
    nodes++;
    if (nodes > nodeLimit) exhausted = true;
    const r = candidates[x]!;
    // A place with too few other cars entered to fill the places above it is taken as passing:
    // optimistic, so the search stays a bound (the witness is scored exactly).
    let short = false;
    for (let q = 0; q < nClasses && !short; q++) {
      const cls = classes[q]!;
      const t = takes[q]!;
      // Places ascending over the sessions the rival is entered for; awards to the best places first.
      const left = t.awards.slice();
      let s = 0;
      for (const j of cls.sessions) {
        const e = carOf[j]![x]!;
        if (e < 0) continue;
        const p = t.places[s++];
        if (p === undefined) break;
        const order: number[] = [];
        for (const f of fillersOf[j]!) {
          if (order.length === p - 1) break;
          if (f !== e && !champ.holders[f]!.includes(r)) order.push(f);
        }
        if (order.length < p - 1) short = true;
        order.push(e);
        const awards: HypotheticalAward[] = [];
        for (const a of awardOf[q]![x]!)
          if (left[a]! > 0) {
            left[a]!--;
            awards.push({ award: cls.awards[a]!.award, scope: cls.awards[a]!.scope, entry: e });
          }
        evalRemainder[inScope[j]!] = { order, awards };
      }
    }
    if (short) {
      for (const k of inScope) evalRemainder[k] = { order: [] };
      passCache.set(key, true);
      return true;
    }
    scorer.score(evalRemainder);
    const ok = scorer.listed[r] === 1 && scorer.compare(r, c) < 0;
    for (const k of inScope) evalRemainder[k] = { order: [] };
    passCache.set(key, ok);
    return ok;
  };

  // The most a rival can still add from what is left.
  const maxGain = (x: number) => {
    let g = 0;
    for (let q = 0; q < nClasses; q++) {
      const cls = classes[q]!;
      let slots = kOf[q]![x]!;
      for (let p = 1; p <= cls.places && slots > 0; p++) {
        const t = Math.min(slots, placeLeft(q, x, p));
        g += t * pointsAt(cls, p);
        slots -= t;
      }
      for (const a of awardOf[q]![x]!) g += Math.min(kOf[q]![x]!, awardLeft(q, x, a)) * cls.awards[a]!.points;
    }
    return g;
  };
  /** What i rivals can take together from what is left, i = 0..m. */
  const capacity = (m: number) => {
    const out = new Float64Array(m + 1);
    for (let q = 0; q < nClasses; q++) {
      const cls = classes[q]!;
      const cap = placeCap[q]!;
      const pts: number[] = [];
      for (let p = 1; p <= cls.places; p++) for (let t = 0; t < cap[p]!; t++) pts.push(pointsAt(cls, p));
      const prefix = [0];
      for (const v of pts) prefix.push(prefix.at(-1)! + v);
      for (let i = 1; i <= m; i++) {
        const slots = Math.min(i * cls.k, pts.length);
        let v = prefix[slots]!;
        cls.awards.forEach((a, ai) => (v += Math.min(i * cls.k, capRows[q]![0]!.award[ai]!) * a.points));
        out[i]! += v;
      }
    }
    return out;
  };
  /** How many of rivals order[from..] can pass together at most (Hall on the largest needs). */
  const hall = (from: number): number => {
    const needs: number[] = [];
    for (let t = from; t < nCand; t++) {
      const x = order[t]!;
      if (maxGain(x) >= need[x]!) needs.push(Math.max(0, need[x]!));
    }
    if (needs.length === 0) return 0;
    needs.sort((a, b) => a - b);
    const cap = capacity(needs.length);
    const prefix = [0];
    for (const v of needs) prefix.push(prefix.at(-1)! + v);
    let t = 0;
    for (; t < needs.length; t++) {
      let fits = true;
      for (let i = 1; i <= t + 1 && fits; i++) fits = prefix[t + 1]! - prefix[t + 1 - i]! <= cap[i]!;
      if (!fits) break;
    }
    return Math.min(t, topPlacesBound(from, t));
  };
  /**
   * A rival with k sessions of a class takes at most k places there, each outside the top j worth
   * at most the (j+1)th place's points: the rest of its need must come from the top j places, the
   * other classes and the awards. The t rivals needing least of those can share no more than what
   * is left of them, for every class and every j.
   */
  const topPlacesBound = (from: number, most: number): number => {
    let awardsLeft = 0;
    let placesLeft = 0;
    const classLeft = classes.map((cls, q) => {
      let v = 0;
      for (let p = 1; p <= cls.places; p++) v += placeCap[q]![p]! * pointsAt(cls, p);
      cls.awards.forEach((a, ai) => (awardsLeft += capRows[q]![0]!.award[ai]! * a.points));
      placesLeft += v;
      return v;
    });
    const xs: number[] = [];
    for (let t = from; t < nCand; t++) xs.push(order[t]!);
    const rest = new Float64Array(xs.length);
    let bound = most;
    for (let q = 0; q < nClasses; q++) {
      const cls = classes[q]!;
      const cap = placeCap[q]!;
      let top = 0;
      for (let j = 0; j < cls.places && bound > 0; j++) {
        if (j > 0) top += cap[j]! * pointsAt(cls, j);
        const next = pointsAt(cls, j + 1);
        if (j > 0 && next === pointsAt(cls, j)) continue;
        const room = top + placesLeft - classLeft[q]! + awardsLeft;
        xs.forEach((x, i) => (rest[i] = Math.max(0, need[x]! - kOf[q]![x]! * next)));
        rest.sort();
        let sum = 0;
        let t = 0;
        while (t < bound && t < rest.length && sum + rest[t]! <= room) sum += rest[t++]!;
        bound = Math.min(bound, t);
      }
    }
    return bound;
  };

  // Rivals alike in all the search sees (need, sessions, awards, places so far, units in each drop
  // window) are interchangeable: those who pass can be taken to come first among them.
  const likeness = candidates.map((r, x) =>
    JSON.stringify([
      need[x],
      maskOf.map((row) => row[x]),
      awardOf.map((row) => row[x]),
      champ.past.records[r]!.map((p) => p.position ?? 0).sort((a, b) => a - b),
      windowPast.map((past) => Array.from(past[r]!)),
    ]),
  );
  // The order rivals are decided in: set before the search (fewest choices first).
  const order: number[] = [];
  const alikeBefore: boolean[] = [];
  const chosen: (Take[] | undefined)[] = candidates.map(() => undefined);
  let best = known;
  let bestChoice: (Take[] | undefined)[] | undefined;
  let proven = best >= ceiling;

  const take = (x: number, takes: readonly Take[], sign: number) => {
    takes.forEach((t, q) => {
      for (const i of rowsOf[q]![x]!) {
        const row = capRows[q]![i]!;
        for (const p of t.places) row.place[p]! -= sign;
        t.awards.forEach((n, a) => (row.award[a]! -= sign * n));
      }
    });
    chosen[x] = sign > 0 ? takes.slice() : undefined;
  };

  /** The next worse place than p in class q with capacity left (beyond what `extra` uses), or 0. */
  const nextWorse = (x: number, q: number, p: number, takes: readonly Take[]) => {
    const cls = classes[q]!;
    for (let p2 = p + 1; p2 <= cls.places; p2++) {
      let used = 0;
      for (const v of takes[q]!.places) if (v === p2) used++;
      if (placeLeft(q, x, p2) - used > 0) return p2;
    }
    return 0;
  };
  /** Whether awards fit the places: each award's holder takes part (within its top N). */
  const awardsFit = (q: number, t: Take) => {
    const cls = classes[q]!;
    for (let a = 0; a < t.awards.length; a++) {
      const n = t.awards[a]!;
      if (n === 0) continue;
      const topN = cls.awards[a]!.topN;
      const eligible = topN === 0 ? t.places.length : t.places.filter((p) => p <= topN).length;
      if (n > eligible) return false;
    }
    return true;
  };
  /** A passing take is tight when no place can be moved to the next worse free one and no award given up. */
  const tight = (x: number, takes: Take[]): boolean => {
    for (let q = 0; q < nClasses; q++) {
      const t = takes[q]!;
      // With part-time rivals a swap of places can break their sets' limits: no moves there (the
      // walk's choices are minimal already: no place can be given up).
      const moves = capRows[q]!.length === 1 ? t.places.length : 0;
      for (let s = 0; s < moves; s++) {
        if (s + 1 < t.places.length && t.places[s + 1] === t.places[s]) continue;
        const p = t.places[s]!;
        const worse = nextWorse(x, q, p, takes);
        const places = t.places.slice();
        if (worse === 0) places.splice(s, 1);
        else {
          places[s] = worse;
          places.sort((a, b) => a - b);
        }
        const moved = { places, awards: t.awards };
        if (!awardsFit(q, moved)) continue;
        const trial = takes.slice();
        trial[q] = moved;
        if (passes(x, trial)) return false;
      }
      for (let a = 0; a < t.awards.length; a++) {
        if (t.awards[a] === 0) continue;
        const awards = t.awards.slice();
        awards[a]!--;
        const trial = takes.slice();
        trial[q] = { places: t.places, awards };
        if (passes(x, trial)) return false;
      }
    }
    return true;
  };

  /** Every tight passing take of rival x within the capacities left. */
  const choicesOf = (x: number, limit = Infinity): Take[][] => {
    const out: Take[][] = [];
    let stop = false;
    const takes: Take[] = classes.map((cls) => ({
      places: [],
      awards: new Array<number>(cls.awards.length).fill(0),
    }));
    const mine = classes.map((_, q) => kOf[q]![x]! > 0);
    // Most that classes q.. can add (places left, awards left), for pruning.
    const restGain = (q: number, from: number, used: number) => {
      let g = 0;
      for (let q2 = q; q2 < nClasses; q2++) {
        if (!mine[q2]) continue;
        const cls = classes[q2]!;
        let slots = kOf[q2]![x]! - (q2 === q ? used : 0);
        for (let p = q2 === q ? from : 1; p <= cls.places && slots > 0; p++) {
          let own = 0;
          if (q2 === q) for (const v of takes[q2]!.places) if (v === p) own++;
          const t = Math.min(slots, placeLeft(q2, x, p) - own);
          if (t > 0) {
            g += t * pointsAt(cls, p);
            slots -= t;
          }
        }
        if (q2 > q)
          for (const a of awardOf[q2]![x]!)
            g += Math.min(kOf[q2]![x]!, awardLeft(q2, x, a)) * cls.awards[a]!.points;
      }
      return g;
    };
    // Class by class: award counts, then places best first; stop extending at the first pass.
    const walk = (q: number, from: number, gain: number): void => {
      if (exhausted || stop) return;
      if (q === nClasses) return;
      const t = takes[q]!;
      const cls = classes[q]!;
      if (from === 0) {
        // Entering class q: choose its award counts.
        if (!mine[q]) return walk(q + 1, 0, gain);
        const mineA = awardOf[q]![x]!;
        const pick = (i: number, g: number): void => {
          if (exhausted) return;
          if (i === mineA.length) return placesFrom(q, 1, g);
          const a = mineA[i]!;
          const most = Math.min(kOf[q]![x]!, awardLeft(q, x, a));
          for (let n = 0; n <= most && !stop; n++) {
            t.awards[a] = n;
            pick(i + 1, g + n * cls.awards[a]!.points);
          }
          t.awards[a] = 0;
        };
        return pick(0, gain);
      }
      placesFrom(q, from, gain);
    };
    const placesFrom = (q: number, from: number, gain: number): void => {
      if (exhausted || stop) return;
      // The walk's steps are bounded too (many sessions left make many multisets): cheap ones, so
      // WALK_STEPS of them to a node.
      if (++steps > budget * WALK_STEPS) {
        exhausted = true;
        return;
      }
      const t = takes[q]!;
      const cls = classes[q]!;
      // This state as a whole (later classes empty).
      if (awardsFit(q, t) && gain >= need[x]!) {
        if (passes(x, takes)) {
          const copy = takes.map((tk) => ({ places: tk.places.slice(), awards: tk.awards.slice() }));
          if (tight(x, copy)) out.push(copy);
          if (out.length >= limit) stop = true;
          return;
        }
      }
      if (gain + restGain(q, from, t.places.length) < need[x]!) return;
      // Move on to the next class, or add a place here.
      if (awardsFit(q, t)) walk(q + 1, 0, gain);
      if (t.places.length >= kOf[q]![x]!) return;
      for (let p = from; p <= cls.places; p++) {
        let own = 0;
        for (const v of t.places) if (v === p) own++;
        if (placeLeft(q, x, p) - own <= 0) continue;
        // A place scoring nothing helps only a rival level on points already (countback).
        if (pointsAt(cls, p) === 0 && gain < need[x]!) break;
        t.places.push(p);
        placesFrom(q, p, gain + pointsAt(cls, p));
        t.places.pop();
        if (exhausted || stop) return;
      }
    };
    walk(0, 0, 0);
    return out;
  };

  // What the rivals from i on can add at most, by state (i, capacities left, whether the one
  // before passed): learnt when a state's subtree has been searched through.
  const memo = new Map<string, number>();
  const stateOf = (i: number, follow: boolean) => {
    let key = `${i}${follow ? '+' : '-'}`;
    for (const rows of capRows)
      for (const row of rows) key += `|${row.place.join(',')}:${row.award.join(',')}`;
    return key;
  };
  const search = (i: number, count: number): void => {
    if (exhausted || proven) return;
    if (++nodes > nodeLimit) {
      exhausted = true;
      return;
    }
    if (count > best) {
      best = count;
      bestChoice = chosen.slice();
      if (best >= ceiling) {
        proven = true;
        return;
      }
    }
    if (i === nCand) return;
    const x = order[i]!;
    // The one before, alike, stays behind: so does this one.
    const follow = !alikeBefore[i] || chosen[order[i - 1]!] !== undefined;
    const state = stateOf(i, follow);
    const learnt = memo.get(state);
    if (learnt !== undefined && count + learnt <= best) return;
    if (count + hall(i) <= best) return;
    if (follow && maxGain(x) >= need[x]!) {
      for (const takes of choicesOf(x)) {
        if (exhausted || proven) return;
        take(x, takes, 1);
        search(i + 1, count + 1);
        take(x, takes, -1);
      }
    }
    search(i + 1, count);
    // Searched through: nothing from here adds more than what would beat the best found.
    if (!exhausted && !proven && memo.size < MEMO_STATES) memo.set(state, best - count);
  };
  // Rivals with the fewest choices first (a part-time rival needing every win it can take decides
  // most), then the neediest; alike rivals next to each other.
  const searching = nCand <= AGGREGATE_RIVALS;
  const nChoices = candidates.map((_, x) =>
    searching && maxGain(x) >= need[x]! ? choicesOf(x, ORDER_CHOICES).length : 0,
  );
  order.push(
    ...candidates
      .map((_, x) => x)
      .sort(
        (a, b) =>
          nChoices[a]! - nChoices[b]! ||
          need[b]! - need[a]! ||
          (likeness[a]! < likeness[b]! ? -1 : likeness[a]! > likeness[b]! ? 1 : a - b),
      ),
  );
  order.forEach((x, i) => alikeBefore.push(i > 0 && likeness[order[i - 1]!] === likeness[x]));

  // Witnesses first (choice sets scored exactly): a good one prunes the search, one reaching the
  // ceiling ends it, and beyond AGGREGATE_RIVALS they are all there is.
  const model: WitnessModel = {
    nCand,
    nClasses,
    need,
    places: (q) => classes[q]!.places,
    slots: (q, x) => kOf[q]![x]!,
    placeLeft,
    awardLeft,
    awardsOf: (q, x) => awardOf[q]![x]!,
    awardCount: (q) => classes[q]!.awards.length,
    awardPoints: (q, a) => classes[q]!.awards[a]!.points,
    awardTopN: (q, a) => classes[q]!.awards[a]!.topN,
    pointsAt: (q, p) => pointsAt(classes[q]!, p),
    passes,
    sessionsOf: (x) => kOf.reduce((n, row) => n + row[x]!, 0),
    gainOf,
    maxGain,
    room: () => {
      let v = 0;
      classes.forEach((cls, q) => {
        for (let p = 1; p <= cls.places; p++) v += placeCap[q]![p]! * pointsAt(cls, p);
        cls.awards.forEach((a, ai) => (v += capRows[q]![0]!.award[ai]! * a.points));
      });
      return v;
    },
    take,
    charge: (n) => {
      nodes += n;
      if (nodes > nodeLimit) exhausted = true;
    },
    spent: () => exhausted,
  };
  // Each attempt gets its share of the witnesses' budget: an attempt that cannot succeed (a
  // target beyond the optimum) must not starve the next. They walk no multisets (no steps).
  const witnessEnd = nodes + Math.ceil(budget * WITNESS_SHARE);
  const within = (share: number, attempt: () => (Take[] | undefined)[] | undefined) => {
    if (proven || nodes >= witnessEnd) return;
    exhausted = false;
    nodeLimit = Math.min(witnessEnd, nodes + Math.ceil((witnessEnd - nodes) * share));
    const choice = attempt();
    if (!choice || choice.filter((t) => t !== undefined).length <= best) return;
    const realised = passesIn(question, realise(champ, classes, inScope, carOf, awardOf, choice));
    if (realised > best) {
      best = realised;
      bestChoice = choice;
      if (best >= ceiling) proven = true;
    }
  };
  // A greedy choice set first (cheap: it often reaches what the search over orders did not); then
  // every one of the k rivals needing least (more sessions first among equals), k from the most
  // the bounds allow down.
  const byNeed = candidates.map((_, x) => x).sort((a, b) => need[a]! - need[b]! || a - b);
  within(1 / 8, () => greedyChoices(model, byNeed, GREEDY_PRICING));
  const byEase = candidates
    .map((_, x) => x)
    .sort((a, b) => need[a]! - need[b]! || model.sessionsOf(b) - model.sessionsOf(a) || a - b);
  for (let k = Math.min(ceiling, nCand); k > best; k--)
    within(k === best + 1 ? 1 : 1 / 2, () => fillTargets(model, byEase.slice(0, k)));
  exhausted = false;
  nodeLimit = budget;
  // The model's own Hall bound (the search's first prune): a witness reaching it needs no search.
  const rootHall = hall(0);
  if (best < rootHall) {
    if (searching) search(0, 0);
    else exhausted = true;
  }

  const complete = !exhausted || proven;
  let witness: Remainder | undefined;
  let found = 0;
  if (bestChoice) {
    witness = realise(champ, classes, inScope, carOf, awardOf, bestChoice);
    found = passesIn(question, witness);
  }
  return {
    passes: found,
    complete,
    bound: complete ? best : Math.min(ceiling, rootHall),
    nodes,
    witness,
  };
}

/** The greedy witness's pricing (aggregate-witness.ts): the high places dearest. */
const GREEDY_PRICING: Pricing = { slot: 1, linear: 0, square: 1 };

/** Share of the budget the witnesses may spend before the search. */
const WITNESS_SHARE = 0.25;

/** Sessions left beyond which the search does not run. */
const MAX_SESSIONS = 4;

/**
 * Rivals beyond which the search does not run (its witnesses still do): on the F1 history the
 * larger cases spent their whole budget and closed few ranges (A/B on every sixth season: 133
 * ranges closed in 1.89x the time without the limit, 114 in 1.47x with it); on the reference
 * season Benítez's (24 rivals) needs 535,445 nodes to prove no 24 pass.
 */
export const AGGREGATE_RIVALS = 20;

/** Steps of the walk over a rival's multisets worth one node of the budget. */
const WALK_STEPS = 32;

/** Choices counted per rival to order the search (more than this count as many). */
const ORDER_CHOICES = 32;

/** States whose bound the search remembers, at most. */
const MEMO_STATES = 200_000;
