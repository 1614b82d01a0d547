/**
 * The concrete remainders the solver reasons with. In a remaining session any car may finish in
 * any order, retire, or not take part, and each bonus goes to a car that took part (or to nobody).
 */
import type {
  CompiledBonus,
  CompiledChampionship,
  HypotheticalAward,
  HypotheticalResult,
} from '../compiled/types.js';

const NOBODY: HypotheticalResult = { order: [] };

const carTables = new WeakMap<CompiledChampionship, (readonly number[])[][]>();

/**
 * Entries entered for remaining session k whose points go (at least partly) to competitor i, the
 * cars giving i the largest share of their points first: a car not nominated for the teams'
 * championship gives none, a shared car a part. Put at the front in this order, they take the most
 * points i can have from the session (the best places to the largest shares), and the first takes
 * the bonuses.
 */
export function carsOf(champ: CompiledChampionship, i: number, k: number): readonly number[] {
  let table = carTables.get(champ);
  if (!table) {
    const share = (e: number) =>
      champ.teamScores[e] && champ.shareDivisor[e]! > 0 ? 1 / champ.shareDivisor[e]! : 0;
    // One pass per session: each eligible entry under each of its holders (a stable sort by share).
    table = champ.season.sessions.map((session) => {
      const perCompetitor: number[][] = champ.competitors.map(() => []);
      for (const e of session.entered)
        if (champ.eligible[e]) for (const h of champ.holders[e]!) perCompetitor[h]!.push(e);
      for (const cars of perCompetitor) cars.sort((x, y) => share(y) - share(x));
      return perCompetitor;
    });
    carTables.set(champ, table);
  }
  return table[k]![i]!;
}

/** Every remaining session held, with nobody taking part: everyone stays where the races so far left them. */
export function emptyRemainder(champ: CompiledChampionship): HypotheticalResult[] {
  return champ.season.sessions.map(() => NOBODY);
}

/** The awards a session of this championship hands out, given the cars that took part. */
function awardsFor(champ: CompiledChampionship, k: number, cars: readonly number[]): HypotheticalAward[] {
  const cs = champ.sessions[k];
  if (!cs || cars.length === 0) return [];
  const awards: HypotheticalAward[] = [];
  const seen = new Set<string>();
  for (const b of cs.bonuses) {
    if (b.kind !== 'award') continue;
    for (const e of cars) {
      const scope = b.scope === 'overall' ? 'overall' : champ.entryClass[e]!;
      const key = `${b.award}:${scope}`;
      if (seen.has(key)) continue;
      seen.add(key);
      awards.push({ award: b.award, scope, entry: e });
    }
  }
  return awards;
}

/** Laps led: every car led a lap, the first led the most. */
const lapsLedFor = (cars: readonly number[]) => cars.map((_, s) => (s === 0 ? 2 : 1));

/**
 * A session in which `cars` finish in this order at the front (the first `classified` of them
 * classified), the first car taking every award it can and leading the most laps; nobody else
 * takes part.
 */
export function sessionWith(
  champ: CompiledChampionship,
  k: number,
  cars: readonly number[],
  classified = cars.length,
): HypotheticalResult {
  if (cars.length === 0) return NOBODY;
  const awardCars = cars.slice(0, Math.max(1, classified));
  return {
    order: cars,
    classified,
    awards: awardsFor(champ, k, classified > 0 ? awardCars : []),
    lapsLed: lapsLedFor(cars).map((l, s) => (s < classified ? l : 0)),
  };
}

/**
 * Competitor i's best case: its cars take the front of every remaining session it is entered for,
 * with every bonus, and nobody else takes part. No completion gives i more points or a better
 * tie-break record, or any rival fewer (the dominance argument of docs/decisions).
 */
export function bestCase(champ: CompiledChampionship, i: number): HypotheticalResult[] {
  return champ.season.sessions.map((_, k) =>
    champ.sessions[k] ? sessionWith(champ, k, carsOf(champ, i, k)) : NOBODY,
  );
}

/** Competitor i takes part in every remaining session it is entered for and retires; nobody else takes part. */
export function retiresEverywhere(champ: CompiledChampionship, i: number): HypotheticalResult[] {
  return champ.season.sessions.map((_, k) => {
    const cars = champ.sessions[k] ? carsOf(champ, i, k) : [];
    return cars.length ? { order: cars, classified: 0 } : NOBODY;
  });
}

/**
 * The results of a class of alike remaining sessions from each session's finishing order, awards
 * and lap leader (-1: none). Laps led only where the class has a lap bonus: every car in the order
 * led one, the leader two.
 */
export function buildClassResults(
  bonuses: readonly CompiledBonus[],
  orders: readonly (readonly number[])[],
  awards: readonly (readonly HypotheticalAward[])[],
  leaders: Int32Array,
): HypotheticalResult[] {
  const laps = bonuses.some((b) => b.kind !== 'award');
  return orders.map((order, s) => ({
    order,
    awards: awards[s]!,
    ...(laps ? { lapsLed: order.map((e) => (e === leaders[s] ? 2 : 1)) } : {}),
  }));
}
