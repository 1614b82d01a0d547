/**
 * What a contender needs at the next session to be champion after it: for each result of its own,
 * the weakest result each rival must be held to. A rival's threat is pairwise (it alone winning
 * everything after the next session while the contender scores nothing), so the conditions are
 * exact for positions; bonus points of the next session are counted for the rival (so a condition
 * holds whoever takes them).
 */
import { subtract } from '../fraction.js';
import type { Fraction } from '../fraction.js';
import type { Scorer } from '../compiled/scorer.js';
import type {
  CompiledChampionship,
  HypotheticalAward,
  HypotheticalResult,
  Remainder,
} from '../compiled/types.js';
import type { Competitor } from '../standings.js';
import { bestCase, carsOf } from './scenario-remainders.js';
import type { Outlook, TitleFight } from './title-fight.js';

/** A result in a session: a basis position, or outside the points (retired for the contender). */
export type Placing = number | 'out';

export interface RivalLimit {
  readonly competitor: Competitor;
  /**
   * How the rival must finish: no higher than a position, at least n places behind the contender
   * (`{ behind: n }`), or outside the points ('out').
   */
  readonly limit: number | { readonly behind: number } | 'out';
}

/** For the contender's placings from..to, the limits the rivals must be held to (none: champion whatever they do). */
export interface ClinchCondition {
  readonly from: Placing;
  readonly to: Placing;
  readonly rivals: readonly RivalLimit[];
}

export interface ContenderNeeds {
  readonly competitor: Competitor;
  /** The session the conditions are for. */
  readonly session: { readonly id: string; readonly name: string; readonly race: number | undefined };
  /** Placings that make it champion after that session (empty: it cannot be champion there yet). */
  readonly conditions: readonly ClinchCondition[];
}

export interface MagicNumber {
  readonly competitor: Competitor;
  /** The rival with the most points still reachable. */
  readonly rival: Competitor;
  /** Champion once its points gained plus the rival's points not scored exceed this. */
  readonly points: Fraction;
}

/** Scoring places of a session's table: the positions that give points. */
const scoringPlaces = (table: Float64Array) => {
  let n = 0;
  while (n < table.length && table[n]! > 0) n++;
  return n;
};

/** What each contender needs at the next session of the championship. */
export function nextSessionNeeds(fight: TitleFight, scorer: Scorer): ContenderNeeds[] {
  const champ = fight.championship;
  const k0 = champ.sessions.findIndex((cs) => cs !== undefined);
  if (k0 < 0) return [];
  const session = champ.season.sessions[k0]!;
  const cs0 = champ.sessions[k0]!;
  const places = Math.max(1, scoringPlaces(cs0.table));
  const out = places + 1;
  const needs: ContenderNeeds[] = [];
  for (const o of fight.outlooks) {
    if (o.status !== 'contender') continue;
    const c = o.index;
    const ownCars = carsOf(champ, c, k0);
    if (ownCars.length === 0) {
      needs.push({ competitor: o.competitor, session: sessionInfo(session), conditions: [] });
      continue;
    }
    // allowed[pc][r] = the best rival placing (1..out) that still leaves c champion, or Infinity.
    const rows: { pc: number; limits: Map<number, number> | undefined }[] = [];
    for (let pc = 1; pc <= out; pc++) {
      const limits = new Map<number, number>();
      let possible = true;
      for (const r of o.rivals) {
        let best = Infinity;
        for (let pr = out; pr >= 1; pr--) {
          if (pr === pc && pc !== out) continue;
          const result = placingsResult(
            champ,
            k0,
            c,
            pc === out ? 'out' : pc,
            r,
            pr === out ? 'out' : pr,
            out,
          );
          if (result === undefined) continue;
          if (rivalCanPass(champ, scorer, k0, result, c, r)) break;
          best = pr;
        }
        if (best === Infinity) {
          possible = false;
          break;
        }
        limits.set(r, best);
      }
      rows.push({ pc, limits: possible ? limits : undefined });
    }
    needs.push({
      competitor: o.competitor,
      session: sessionInfo(session),
      conditions: groupConditions(champ, rows, out),
    });
  }
  return needs;
}

const sessionInfo = (s: { id: string; name: string; race: number | undefined }) => ({
  id: s.id,
  name: s.name,
  race: s.race,
});

/** Turns per-placing limits into conditions over runs of placings with the same limits. */
function groupConditions(
  champ: CompiledChampionship,
  rows: readonly { pc: number; limits: Map<number, number> | undefined }[],
  out: number,
): ClinchCondition[] {
  const placing = (p: number): Placing => (p === out ? 'out' : p);
  const describe = (pc: number, limits: Map<number, number> | undefined): RivalLimit[] | undefined => {
    if (!limits) return undefined;
    const list: RivalLimit[] = [];
    for (const [r, best] of limits) {
      if (best <= 1 || (pc === 1 && best <= 2)) continue; // no limit at all
      const limit = best === out ? 'out' : best > pc && pc !== out ? { behind: best - pc } : best;
      list.push({ competitor: champ.competitors[r]!, limit });
    }
    return list.sort((a, b) => a.competitor.name.localeCompare(b.competitor.name));
  };
  const conditions: ClinchCondition[] = [];
  for (const { pc, limits } of rows) {
    const rivals = describe(pc, limits);
    if (rivals === undefined) continue;
    const last = conditions.at(-1);
    const key = JSON.stringify(rivals.map((r) => [r.competitor.id, r.limit]));
    const lastKey = last && JSON.stringify(last.rivals.map((r) => [r.competitor.id, r.limit]));
    const adjacent = last !== undefined && (last.to === 'out' ? false : last.to + 1 === pc);
    if (last && adjacent && key === lastKey) conditions[conditions.length - 1] = { ...last, to: placing(pc) };
    else conditions.push({ from: placing(pc), to: placing(pc), rivals });
  }
  return conditions;
}

/**
 * Session k0 with contender c at placing pc and rival r at pr, the other places of their basis
 * groups taken by cars that are neither's; every bonus to the rival. The contender 'out' retires;
 * the rival 'out' finishes just outside the points (or retires when the field is too small).
 * Undefined when there are not enough cars to fill the places.
 */
function placingsResult(
  champ: CompiledChampionship,
  k0: number,
  c: number,
  pc: Placing,
  r: number,
  pr: Placing,
  out: number,
): HypotheticalResult | undefined {
  const cCars = carsOf(champ, c, k0);
  const rCar = carsOf(champ, r, k0).find((e) => !cCars.includes(e));
  const cCar = cCars[0]!;
  if (pr !== 'out' && rCar === undefined) return undefined;
  const keep = champ.championship.ineligible === 'keep';
  const fillersOf = (group: number) =>
    champ.season.sessions[k0]!.entered.filter((e) => {
      if (e === cCar || e === rCar || champ.group[e] !== group) return false;
      const holders = champ.holders[e]!;
      if (holders.includes(c) || holders.includes(r)) return false;
      return keep || champ.eligible[e] === 1;
    });
  const build = (rPlace: number | undefined): HypotheticalResult | undefined => {
    const wanted = new Map<number, Map<number, number>>();
    const want = (car: number, place: number) => {
      const g = champ.group[car]!;
      let slots = wanted.get(g);
      if (!slots) wanted.set(g, (slots = new Map<number, number>()));
      if (slots.has(place)) return false;
      slots.set(place, car);
      return true;
    };
    if (pc !== 'out') want(cCar, pc);
    if (rCar !== undefined && rPlace !== undefined && !want(rCar, rPlace)) return undefined;
    const order: number[] = [];
    for (const [g, slots] of wanted) {
      const fillers = fillersOf(g);
      const last = Math.max(...slots.keys());
      let f = 0;
      for (let p = 1; p <= last; p++) {
        const car = slots.get(p) ?? fillers[f++];
        if (car === undefined) return undefined;
        order.push(car);
      }
    }
    const classified = order.length;
    if (pc === 'out') order.push(cCar);
    if (rCar !== undefined && rPlace === undefined) order.push(rCar);
    const awards: HypotheticalAward[] = [];
    if (rCar !== undefined)
      for (const b of champ.sessions[k0]!.bonuses)
        if (b.kind === 'award')
          awards.push({
            award: b.award,
            scope: b.scope === 'overall' ? 'overall' : champ.entryClass[rCar]!,
            entry: rCar,
          });
    return { order, classified, awards, lapsLed: order.map((e) => (e === rCar ? 2 : 0)) };
  };
  if (pr !== 'out') return build(pr);
  return build(out) ?? build(undefined);
}

/** After session k0 ends as given, can rival r still finish above contender c? */
function rivalCanPass(
  champ: CompiledChampionship,
  scorer: Scorer,
  k0: number,
  result: HypotheticalResult,
  c: number,
  r: number,
): boolean {
  const rest: Remainder = bestCase(champ, r).map((s, k) => (k === k0 ? result : k < k0 ? { order: [] } : s));
  scorer.score(rest);
  return scorer.listed[r] === 1 && scorer.compare(r, c) < 0;
}

/**
 * The leader's magic number, where one exists (no drop rule in the final standings, whose totals
 * are then sums): champion once its points gained plus the strongest rival's points not scored
 * exceed it.
 */
export function magicNumber(fight: TitleFight): MagicNumber | undefined {
  const champ = fight.championship;
  if (champ.dropRules.length > 0 || fight.remaining === 0) return undefined;
  const leader = fight.outlooks.find((o) => o.position === 1 && o.status === 'contender');
  if (!leader) return undefined;
  let rival: Outlook | undefined;
  for (const o of fight.outlooks) {
    if (o.index === leader.index || o.status === 'excluded') continue;
    if (!rival || o.maxPoints.num * rival.maxPoints.den > rival.maxPoints.num * o.maxPoints.den) rival = o;
  }
  if (!rival) return undefined;
  return {
    competitor: leader.competitor,
    rival: rival.competitor,
    points: subtract(rival.maxPoints, leader.points),
  };
}
