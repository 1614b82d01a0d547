/**
 * The worst-position question as an integer program, for a range the searches left open
 * (docs/decisions/0007-exact-title-scenarios.md, "Thirteenth session"). The program is a
 * relaxation: every completion of the season in which a set of rivals finish above competitor c
 * (c scoring nothing more, each award to one car, as the searches and the brute force take it) is
 * a feasible solution counting at least that set, so a proven bound on its optimum bounds the
 * answer from above. What it leaves out only widens it: countback (a rival level on points counts
 * as passing), top-N and classification conditions on bonuses, who can lead laps (every car may
 * lead one), team best-N scoring and shares of a car (a car's full points go to each of its
 * holders), and the cars of others (placed behind).
 *
 * Remaining sessions that score alike (same table and bonuses, the same rivals' cars entered) form
 * a class of K sessions. Integer variables per class and car: how many times it takes each scoring
 * place of its basis group (0..K) and each bonus; per rival, pass[x] (0 or 1). Rows: each place of
 * each group and each bonus per scope K times at most, each car K places at most; a passing rival
 * gains at least its need, the points between c's total and its own when nobody scores again (its
 * best results kept, for drop rules that keep the best; before drops for the others, where a new
 * result may give a dropped one back). Counts within K per car and per place are K sessions'
 * results (König: a bipartite multigraph of degree K is K-edge-colourable), so counting places
 * rather than naming sessions loses nothing and spares the solver K! alike solutions. The
 * objective counts the passing rivals.
 *
 * A solution is turned into a remainder (the places coloured into sessions, the cars in the order
 * of their places, the bonuses to their holders) and scored by the engine: the rivals it brings
 * past are a witness, never the program's own count.
 */
import { dropKeepsBest } from '../compiled/fast-rules.js';
import type {
  CompiledBonus,
  CompiledChampionship,
  HypotheticalAward,
  HypotheticalResult,
  Remainder,
} from '../compiled/types.js';
import type { IntegerProgram, ProgramRow } from './integer-program.js';
import type { PassQuestion } from './pass-question.js';
import { carsOf, buildClassResults } from './scenario-remainders.js';

/** The program for one competitor, and how to read a solution back as a remainder. */
export interface PassesProgram {
  readonly program: IntegerProgram;
  /** Rivals whose need is met already (they pass in the program whatever it does). */
  readonly sure: number;
  /** The remainder a solution describes (sessions outside the championship empty). */
  realise(values: readonly number[]): Remainder;
}

/** A remaining session's variables for one car. */
interface CarColumns {
  readonly car: number;
  /** Column of the p-th scoring place (index p - 1 into the session's scoring places). */
  readonly places: readonly number[];
  /** Column of each bonus (-1: a lap-led bonus, counted as points every car can take). */
  readonly bonuses: readonly number[];
}

/** Branch-and-bound nodes a solver may spend on one competitor's program. */
export const PROGRAM_NODES = 20_000;

/**
 * The integer program of "how many of `candidates` can finish above c together" (c scores nothing
 * more: `threshold` is its total then).
 */
export function passesProgram(
  question: PassQuestion,
  maxNodes = PROGRAM_NODES,
  strict = false,
): PassesProgram {
  const { champ, candidates, inScope } = question;
  const { need, unit } = programNeeds(question, strict);

  const cost: number[] = [];
  const upper: number[] = [];
  const integer: boolean[] = [];
  const rows: ProgramRow[] = [];
  const column = (isInteger: boolean, most = 1, gain = 0) => {
    cost.push(gain);
    upper.push(most);
    integer.push(isInteger);
    return cost.length - 1;
  };
  // Per candidate: its gain as (column, points) pairs, and points it takes whatever happens.
  const gainColumns: number[][] = candidates.map(() => []);
  const gainValues: number[][] = candidates.map(() => []);
  const gainConstant = new Float64Array(candidates.length);

  // Classes of alike sessions: same table and bonuses, the same rivals' cars entered. In a class of
  // K sessions a car's places are a multiset (counts up to K); counts within K per car and per
  // place are K sessions' results (a bipartite multigraph of degree K is K-edge-colourable,
  // König), so the program counts places instead of naming sessions: K! times fewer alike
  // solutions for the solver to prove no better.
  const { carsOfCandidate, classSessions } = programClasses(question);
  const classes = classSessions.map((js) => {
    const K = js.length;
    const cs = champ.sessions[inScope[js[0]!]!]!;
    const perCandidate = carsOfCandidate[js[0]!]!;
    const cars = [...new Set(perCandidate.flat())];
    const scoring: number[] = [];
    for (let p = 0; p < cs.table.length; p++) if (cs.table[p]! > 0) scoring.push(p + 1);
    const columns = new Map<number, CarColumns>();
    for (const e of cars) {
      const places = scoring.map(() => column(true, K));
      const bonuses = cs.bonuses.map((b) => (b.kind === 'lap-led' ? -1 : column(true, K)));
      columns.set(e, { car: e, places, bonuses });
      rows.push({ columns: places, values: places.map(() => 1), lower: 0, upper: K });
    }
    // Each scoring place of each basis group to one car a session.
    const groups = new Set(cars.map((e) => champ.group[e]!));
    for (const g of groups)
      scoring.forEach((_, i) => {
        const cols = cars.filter((e) => champ.group[e] === g).map((e) => columns.get(e)!.places[i]!);
        if (cols.length > 1) rows.push({ columns: cols, values: cols.map(() => 1), lower: 0, upper: K });
      });
    // Each bonus to one car a session per scope.
    cs.bonuses.forEach((b, bi) => {
      if (b.kind === 'lap-led') return;
      for (const cols of scopesOf(b, cars).values()) {
        const bcols = cols.map((e) => columns.get(e)!.bonuses[bi]!);
        if (bcols.length > 1) rows.push({ columns: bcols, values: bcols.map(() => 1), lower: 0, upper: K });
      }
    });
    // What each candidate's cars can gain in the class.
    perCandidate.forEach((es, x) => {
      for (const e of es) {
        const cc = columns.get(e)!;
        scoring.forEach((p, i) => {
          gainColumns[x]!.push(cc.places[i]!);
          gainValues[x]!.push(cs.table[p - 1]! / unit);
        });
        cs.bonuses.forEach((b, bi) => {
          if (b.kind === 'lap-led') gainConstant[x]! += (K * b.points) / unit;
          else {
            gainColumns[x]!.push(cc.bonuses[bi]!);
            gainValues[x]!.push(b.points / unit);
          }
        });
      }
    });
    return { sessions: js.map((j) => inScope[j]!), scoring, columns, cars, bonuses: cs.bonuses };
  });
  /** The cars by the scope each may hold bonus b in. */
  function scopesOf(b: CompiledBonus, cars: readonly number[]): Map<string, number[]> {
    const byScope = new Map<string, number[]>();
    for (const e of cars) {
      const scope = b.kind === 'award' && b.scope === 'class' ? champ.entryClass[e]! : 'overall';
      let list = byScope.get(scope);
      if (!list) byScope.set(scope, (list = []));
      list.push(e);
    }
    return byScope;
  }

  // A rival passes only with at least its need: gain - need * pass >= -(points it takes anyway).
  let sure = 0;
  const passColumn = candidates.map((_, x) => {
    if (need[x]! <= 0) {
      sure++;
      return -1;
    }
    const z = column(true, 1, 1);
    rows.push({
      columns: [...gainColumns[x]!, z],
      values: [...gainValues[x]!, -need[x]! / unit],
      lower: -gainConstant[x]!,
      upper: Infinity,
    });
    return z;
  });
  // Rivals alike but for their need (one car of their own in each class they race in, the same
  // classes, basis group and bonus scopes): where one passes, the one needing less can take its
  // places and bonuses and pass instead. So the program may ask the less needy to pass first
  // (its optimum stays the same), which spares the solver every order of alike rivals.
  const holders = new Map<number, Set<number>>();
  for (const perCandidate of carsOfCandidate)
    perCandidate.forEach((es, x) => {
      for (const e of es) {
        let set = holders.get(e);
        if (!set) holders.set(e, (set = new Set()));
        set.add(x);
      }
    });
  const alike = new Map<string, number[]>();
  const classScoped = classes.some((cls) =>
    cls.bonuses.some((b) => b.kind === 'award' && b.scope === 'class'),
  );
  candidates.forEach((_, x) => {
    if (passColumn[x]! < 0) return;
    const parts: string[] = [String(gainConstant[x])];
    for (const cls of classes) {
      const j = inScope.indexOf(cls.sessions[0]!);
      const es = carsOfCandidate[j]![x]!;
      if (es.length > 1 || es.some((e) => holders.get(e)!.size > 1)) return;
      const e = es[0];
      parts.push(e === undefined ? '-' : `${champ.group[e]}/${classScoped ? champ.entryClass[e] : ''}`);
    }
    const key = parts.join('|');
    let list = alike.get(key);
    if (!list) alike.set(key, (list = []));
    list.push(x);
  });
  for (const list of alike.values()) {
    list.sort((a, b) => need[a]! - need[b]! || a - b);
    for (let i = 1; i < list.length; i++)
      rows.push({
        columns: [passColumn[list[i - 1]!]!, passColumn[list[i]!]!],
        values: [1, -1],
        lower: 0,
        upper: Infinity,
      });
  }

  const program: IntegerProgram = { columns: cost.length, cost, upper, integer, rows, maxNodes };
  const realise = (values: readonly number[]): Remainder => {
    const remainder: HypotheticalResult[] = champ.season.sessions.map(() => ({ order: [] }));
    for (const cls of classes) {
      const K = cls.sessions.length;
      const orders = colourClassOrders(champ, cls.cars, K, (put) => {
        for (const cc of cls.columns.values())
          cls.scoring.forEach((p, i) => {
            const times = Math.round(values[cc.places[i]!]!);
            for (let t = 0; t < times; t++) put(cc.car, p);
          });
      });
      const awards: HypotheticalAward[][] = cls.sessions.map(() => []);
      const leaders = new Int32Array(K).fill(-1);
      cls.bonuses.forEach((b, bi) => {
        if (b.kind === 'lap-led') return;
        for (const [scope, cars] of scopesOf(b, cls.cars)) {
          // Holders by their counts, the largest first, one session each in turn.
          const counts = cars
            .map((e) => ({ e, n: Math.round(values[cls.columns.get(e)!.bonuses[bi]!]!) }))
            .filter((h) => h.n > 0)
            .sort((a, h) => h.n - a.n || a.e - h.e);
          let s = 0;
          for (const h of counts)
            for (let t = 0; t < h.n; t++) {
              const at = s++;
              if (at >= K) break;
              if (!orders[at]!.includes(h.e)) orders[at]!.push(h.e);
              if (b.kind === 'award') awards[at]!.push({ award: b.award, scope, entry: h.e });
              else if (leaders[at] === -1) leaders[at] = h.e;
            }
        }
      });
      buildClassResults(cls.bonuses, orders, awards, leaders).forEach((result, s) => {
        remainder[cls.sessions[s]!] = result;
      });
    }
    return remainder;
  };
  return { program, sure, realise };
}

/**
 * Each session's finishing order in a class of K alike sessions, from the places its cars take:
 * `placeAll` hands every (car, place) taken to `put`, which colours it into a session free at both
 * (`colour`); each session's cars are then in the order of their places.
 */
export function colourClassOrders(
  champ: CompiledChampionship,
  cars: readonly number[],
  K: number,
  placeAll: (put: (car: number, p: number) => void) => void,
): number[][] {
  // Places coloured into the class's sessions: atCar[car][s] = place, atPlace[place][s] = car.
  const atCar = new Map(cars.map((e) => [e, new Int32Array(K)]));
  const atPlace = new Map<string, Int32Array>();
  const placeRow = (e: number, p: number) => {
    const key = `${champ.group[e]}:${p}`;
    let row = atPlace.get(key);
    if (!row) atPlace.set(key, (row = new Int32Array(K).fill(-1)));
    return row;
  };
  placeAll((car, p) => colour(atCar, placeRow(car, p), placeRow, car, p));
  return Array.from({ length: K }, (_, s) =>
    cars.filter((e) => atCar.get(e)![s]! > 0).sort((a, b) => atCar.get(a)![s]! - atCar.get(b)![s]! || a - b),
  );
}

/**
 * Colours one more copy of (car, place) into a session free at both (König's alternating path:
 * where the car's free session is taken at the place, the path from the place alternating the two
 * sessions is flipped first).
 */
function colour(
  atCar: Map<number, Int32Array>,
  placeAt: Int32Array,
  placeRow: (e: number, p: number) => Int32Array,
  car: number,
  p: number,
): void {
  const row = atCar.get(car)!;
  const a = row.indexOf(0);
  const b = placeAt.indexOf(-1);
  // Over capacity (the solver's counts do not fit): this copy is left out of the witness.
  if (a < 0 || b < 0) return;
  if (placeAt[a] !== -1) {
    // The path from the place: its car in session a, that car's place in session b, and so on.
    const path: { car: number; p: number; at: Int32Array; session: number }[] = [];
    let at = placeAt;
    let place = p;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const y = at[a]!;
      if (y === -1) break;
      path.push({ car: y, p: place, at, session: a });
      const q = atCar.get(y)![b]!;
      if (q === 0) break;
      const next = placeRow(y, q);
      path.push({ car: y, p: q, at: next, session: b });
      at = next;
      place = q;
    }
    for (const step of path) {
      atCar.get(step.car)![step.session] = 0;
      step.at[step.session] = -1;
    }
    for (const step of path) {
      const swapped = step.session === a ? b : a;
      atCar.get(step.car)![swapped] = step.p;
      step.at[swapped] = step.car;
    }
  }
  row[a] = p;
  placeAt[a] = car;
}

/** Each candidate's need in points (and a unit ahead when `strict`), and the points' whole unit. */
export function programNeeds(question: PassQuestion, strict: boolean): { need: number[]; unit: number } {
  const { champ, scorer, candidates, threshold, inScope } = question;
  // Each rival's total when nobody scores again (every remaining session held, empty).
  scorer.score(champ.season.sessions.map(() => ({ order: [] })));
  const boundedDrops = champ.dropRules.every((r) => dropKeepsBest[r.kind]);
  const base = boundedDrops ? scorer.totals : scorer.rawTotals;
  // Points in whole units of the championship (the gcd of what can be scored), so the solver
  // works on small integers.
  let unit = 0;
  const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
  for (const k of inScope) {
    const cs = champ.sessions[k]!;
    for (const v of cs.table) if (v > 0) unit = gcd(unit, v);
    for (const b of cs.bonuses) if (b.points > 0) unit = gcd(unit, b.points);
  }
  unit ||= 1;
  // Strict: a rival must end a unit ahead of c, not level (countback is not modelled: a witness
  // from the program level on points may lose it).
  const need = candidates.map((r) => threshold - base[r]! + (strict ? unit : 0));

  return { need, unit };
}

/**
 * Each candidate's cars per remaining session (c's own left out), and the classes of alike
 * sessions (indices into inScope): same table and bonuses, the same candidates' cars entered.
 */
export function programClasses(question: PassQuestion): {
  carsOfCandidate: (readonly number[])[][];
  classSessions: number[][];
} {
  const { champ, c, candidates, inScope } = question;
  const carsOfCandidate = inScope.map((k) => {
    const own = new Set(carsOf(champ, c, k));
    return candidates.map((r) => carsOf(champ, r, k).filter((e) => !own.has(e)));
  });
  const byKey = new Map<string, number[]>();
  inScope.forEach((k, j) => {
    const cs = champ.sessions[k]!;
    const cars = [...new Set(carsOfCandidate[j]!.flat())].sort((a, b) => a - b);
    const key = `${Array.from(cs.table).join(',')}|${JSON.stringify(cs.bonuses)}|${cars.join(',')}`;
    let js = byKey.get(key);
    if (!js) byKey.set(key, (js = []));
    js.push(j);
  });
  return { carsOfCandidate, classSessions: [...byKey.values()] };
}
