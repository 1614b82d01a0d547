/**
 * Championship odds by Monte Carlo: each run draws the remaining sessions from the results model
 * (retirements, then a Plackett-Luce finishing order of the cars still running; pole and fastest
 * lap in proportion to strength, overall and in each class; the winner leads the most laps) and
 * scores every championship through the compiled championship. Seeded: the same seed gives the
 * same odds. Each probability comes with its standard error; the exact solver says which zeros are
 * still possible.
 */
import { compileSeason } from '../compiled/compile-season.js';
import type { CompileOptions } from '../compiled/compile-season.js';
import { createScorer } from '../compiled/scorer.js';
import type { Scorer } from '../compiled/scorer.js';
import { SeasonScorer } from '../compiled/season-scorer.js';
import type { CompiledSeason, HypotheticalAward, HypotheticalResult } from '../compiled/types.js';
import { fail, issue, ok } from '../issues.js';
import type { Result } from '../issues.js';
import type { Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';
import type { Competitor } from '../standings.js';
import { exponentialFrom, seededRandom, zigguratBounds, zigguratWidths } from './random.js';
import type { SeededRandom } from './random.js';
import { entryModel, fitResultsModel } from './results-model.js';
import type { ResultsModel } from './results-model.js';
import { analyseTitleFight } from './title-fight.js';
import type { TitleStatus } from './title-fight.js';

interface SessionPlan {
  readonly k: number;
  readonly entered: Int32Array;
  /** 1 / strength. */
  readonly inverse: Float64Array;
  /** The retirement probability times 2^32: a 32-bit draw below it is a retirement. */
  readonly retireBits: Float64Array;
  /**
   * Awards drawn in this session: the cars that may hold each, with cumulative strengths, and a
   * guide to the search: for each of the GUIDE_BUCKETS ranges of a 32-bit draw (its top bits), the
   * first car the draw's holder can be (`guideTable`).
   */
  readonly awards: readonly {
    readonly award: HypotheticalAward;
    readonly cars: Int32Array;
    readonly cumulative: Float64Array;
    readonly guide: Int32Array;
  }[];
  readonly laps: boolean;
  readonly result: {
    order: Int32Array;
    classified: number;
    awards: HypotheticalAward[];
    lapsLed: Int32Array;
  };
  /** Per slot: a retired car's slot from the back of the order. */
  readonly back: Int32Array;
  /** Per slot: the car's class (one number per distinct class id). */
  readonly bucket: Int32Array;
  /** The finishers' keys in order, while the order is made. */
  readonly sorted: Float64Array;
  /**
   * The slots of the cars `samplePlaced` places: `slotted`, those whose slot is wanted (their class
   * rank is counted in the same pass), and `ranked`, the other wanted cars, whose class rank alone
   * is counted. Per slotted car w and class b, the cars of class b ahead of it on an equal key are
   * those before `split[w * classes + b]` (the class's cars before it in entry order), and the cars
   * compared from the split on (in its own class, from the car after it: the split is the car's
   * own place there, as the class's cars are laid out in entry order).
   */
  slotted: Int32Array;
  ranked: Int32Array;
  split: Int32Array;
  /**
   * Per slot, the car's key (Exp(1) / strength; infinite for a retired car), laid out class by
   * class, each class's cars in entry order: class b's from memberFrom[b] to memberFrom[b + 1];
   * memberAt[s]: where slot s's is.
   */
  readonly classKeys: Float64Array;
  readonly memberFrom: Int32Array;
  readonly memberAt: Int32Array;
}

/** Draws whole remainders of a compiled season from a results model; reuses its arrays. */
export class RemainderSampler {
  readonly remainder: HypotheticalResult[];
  private readonly plans: readonly SessionPlan[];

  constructor(
    readonly compiled: CompiledSeason,
    model: ResultsModel,
  ) {
    const scored = compiled.sessions.map((_, k) =>
      compiled.championships.some((c) => c.sessions[k] !== undefined),
    );
    const plans: SessionPlan[] = [];
    const classes = new Map<string, number>();
    const classOf = (id: string) => {
      if (!classes.has(id)) classes.set(id, classes.size);
      return classes.get(id)!;
    };
    this.remainder = compiled.sessions.map((_, k) => {
      if (!scored[k]) return { order: [] };
      const entered = Int32Array.from(compiled.sessions[k]!.entered);
      const params = Array.from(entered, (e) => entryModel(model, compiled.entries[e]!));
      const strength = Float64Array.from(params, (p) => p.strength);
      const bucket = Int32Array.from(entered, (e) => classOf(compiled.entries[e]!.classId));
      // Awards any championship hands out in this session, overall and per class.
      const wanted = new Map<string, HypotheticalAward>();
      let laps = false;
      for (const champ of compiled.championships) {
        const cs = champ.sessions[k];
        for (const b of cs?.bonuses ?? []) {
          if (b.kind !== 'award') laps = true;
          else if (b.scope === 'overall')
            wanted.set(`${b.award}:overall`, { award: b.award, scope: 'overall', entry: -1 });
          else
            for (const e of entered) {
              const scope = compiled.entries[e]!.classId;
              wanted.set(`${b.award}:${scope}`, { award: b.award, scope, entry: -1 });
            }
        }
      }
      const awards = [...wanted.values()].map((award) => {
        const slots = Array.from(entered.keys()).filter(
          (s) => award.scope === 'overall' || compiled.entries[entered[s]!]!.classId === award.scope,
        );
        let sum = 0;
        const cumulative = Float64Array.from(slots, (s) => (sum += strength[s]!));
        return {
          award: { ...award },
          cars: Int32Array.from(slots, (s) => entered[s]!),
          cumulative,
          guide: guideTable(cumulative),
        };
      });
      const result = {
        order: new Int32Array(entered.length),
        classified: 0,
        awards: awards.map((a) => a.award),
        lapsLed: new Int32Array(entered.length),
      };
      plans.push({
        k,
        entered,
        inverse: Float64Array.from(strength, (v) => 1 / v),
        retireBits: Float64Array.from(params, (p) => p.retire * 4294967296),
        awards,
        laps,
        result,
        back: new Int32Array(entered.length),
        bucket,
        sorted: new Float64Array(entered.length),
        slotted: new Int32Array(0),
        ranked: new Int32Array(0),
        split: new Int32Array(0),
        ...classMembers(bucket),
      });
      return result;
    });
    this.plans = plans;
  }

  /**
   * Draws the next remainder into `this.remainder`: every session's finishing order (classified
   * cars by their keys, smallest first; retired cars from the back, in entry order), its classified
   * count and its award holders.
   */
  sample(random: SeededRandom): void {
    this.draw(random);
    this.order();
  }

  /**
   * Sets which entries `samplePlaced` places (`SeasonScorer.wantedEntries`): `slot`, the cars whose
   * slot in the order is read (and their class rank), and `rank`, the cars whose rank in their
   * class is read (and only whether they are classified).
   */
  want(wanted: { readonly slot: Int32Array; readonly rank: Int32Array }): void {
    const slotted = new Set(wanted.slot);
    const ranked = new Set(wanted.rank);
    for (const plan of this.plans) {
      const { entered, bucket, memberFrom } = plan;
      const slots = Array.from(entered.keys());
      plan.slotted = Int32Array.from(slots.filter((s) => slotted.has(entered[s]!)));
      plan.ranked = Int32Array.from(
        slots.filter((s) => ranked.has(entered[s]!) && !slotted.has(entered[s]!)),
      );
      const classes = memberFrom.length - 1;
      plan.split = new Int32Array(plan.slotted.length * classes);
      plan.slotted.forEach((s, w) => {
        for (let b = 0; b < classes; b++) {
          // The class's cars before slot s in entry order come first in its range.
          let at = memberFrom[b]!;
          for (let x = 0; x < s; x++) if (bucket[x] === b) at++;
          plan.split[w * classes + b] = at;
        }
      });
    }
  }

  /**
   * Draws the next remainder as `sample` does (the same numbers in the same order), but places only
   * the wanted cars (`want`), counted from the keys without sorting: for a car whose slot is wanted,
   * its slot in the finishing order (`places.slot[k][e]`) and its rank in its class
   * (`places.rank[k][e]`, classified cars); for a car whose rank alone is wanted, its rank, and as
   * its slot a number below the classified count when it is classified (its true slot when it
   * retired). The orders in `this.remainder` are not made (they are stale) until `order()` is
   * called; its classified counts and awards are set.
   */
  samplePlaced(
    random: SeededRandom,
    places: { readonly slot: readonly Int32Array[]; readonly rank: readonly Int32Array[] },
  ): void {
    this.draw(random);
    this.placeWanted(places);
  }

  /** Places the wanted cars of the remainder drawn last from its keys (`samplePlaced`). */
  private placeWanted(places: {
    readonly slot: readonly Int32Array[];
    readonly rank: readonly Int32Array[];
  }): void {
    for (const plan of this.plans) {
      const { entered, classKeys, back, bucket, slotted, ranked, split, memberFrom, memberAt } = plan;
      const slot = places.slot[plan.k]!;
      const rank = places.rank[plan.k]!;
      const classes = memberFrom.length - 1;
      // Ahead of a car: the cars with a smaller key, and those with an equal key drawn before it
      // (the order is stable); a retired car's key is infinite, so it is never ahead. Counted class
      // by class (a slotted car's class rank is its own class's count), without a branch on the
      // comparison (a branch on the order of random keys is mispredicted half the time).
      for (let w = 0; w < slotted.length; w++) {
        const s = slotted[w]!;
        const e = entered[s]!;
        const key = classKeys[memberAt[s]!]!;
        if (key === Infinity) {
          slot[e] = back[s]!;
          continue;
        }
        const own = bucket[s]!;
        let ahead = 0;
        let classAhead = 0;
        for (let b = 0, at = w * classes; b < classes; b++, at++) {
          const n =
            countAtMost(classKeys, memberFrom[b]!, split[at]!, key) +
            countBelow(classKeys, split[at]! + (b === own ? 1 : 0), memberFrom[b + 1]!, key);
          ahead += n;
          if (b === own) classAhead = n;
        }
        slot[e] = ahead;
        rank[e] = classAhead + 1;
      }
      for (let w = 0; w < ranked.length; w++) {
        const s = ranked[w]!;
        const e = entered[s]!;
        const at = memberAt[s]!;
        const key = classKeys[at]!;
        if (key === Infinity) {
          slot[e] = back[s]!;
          continue;
        }
        const b = bucket[s]!;
        const classAhead =
          countAtMost(classKeys, memberFrom[b]!, at, key) +
          countBelow(classKeys, at + 1, memberFrom[b + 1]!, key);
        slot[e] = classAhead;
        rank[e] = classAhead + 1;
      }
      if (plan.laps) this.orderSession(plan);
    }
  }

  /** Makes the finishing orders of the remainder drawn last (after `samplePlaced`). */
  order(): void {
    for (const plan of this.plans) this.orderSession(plan);
  }

  /**
   * One session's order from its keys: the classified cars insertion-sorted in entry order (stable),
   * each retired car at the slot it drew from the back; the laps led when a championship asks.
   */
  private orderSession(plan: SessionPlan): void {
    const { entered, classKeys, memberAt, back, sorted, result } = plan;
    const order = result.order;
    const cars = entered.length;
    let finishers = 0;
    for (let s = 0; s < cars; s++) {
      const e = entered[s]!;
      const key = classKeys[memberAt[s]!]!;
      if (key === Infinity) {
        order[back[s]!] = e;
        continue;
      }
      let x = finishers++;
      while (x > 0 && sorted[x - 1]! > key) {
        sorted[x] = sorted[x - 1]!;
        order[x] = order[x - 1]!;
        x--;
      }
      sorted[x] = key;
      order[x] = e;
    }
    if (plan.laps) {
      result.lapsLed.fill(0);
      if (finishers > 0) result.lapsLed[0] = 2;
      if (finishers > 1) result.lapsLed[1] = 1;
    }
  }

  /**
   * Draws every session's retirements, finishing keys and award holders. The generator's state is
   * kept in locals and stepped inline (sfc32, as `stepSfc32`), the common case of the ziggurat too:
   * the numbers drawn are exactly those of `random.next()` and `exponential(random)`, in the same
   * order: per car a retirement draw, then for a car still running an Exp(1) variate; then the
   * awards.
   */
  private draw(random: SeededRandom): void {
    const state = random.state;
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let t: number;
    const ke = zigguratBounds;
    const we = zigguratWidths;
    for (const plan of this.plans) {
      const { inverse, retireBits, classKeys, memberAt, back, result } = plan;
      const cars = classKeys.length;
      let retired = cars;
      // Retirements take the slots from the back (key infinite); a finisher's key is Exp(1) /
      // strength: the smallest first is a Plackett-Luce draw (the Exp(1) variates by the
      // ziggurat, random.ts).
      for (let s = 0; s < cars; s++) {
        t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (((c << 21) | (c >>> 11)) + t) | 0;
        // random.next() < retire, as 32 bits against retire * 2^32 (exact).
        if (t >>> 0 < retireBits[s]!) {
          classKeys[memberAt[s]!] = Infinity;
          back[s] = --retired;
          continue;
        }
        t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (((c << 21) | (c >>> 11)) + t) | 0;
        const bits = t >>> 0;
        const iz = bits & 255;
        const jz = bits >>> 8;
        let variate: number;
        if (jz < ke[iz]!) variate = jz * we[iz]!;
        else {
          // A tail or a wedge (about 1%): the generator draws the rest itself.
          state[0] = a;
          state[1] = b;
          state[2] = c;
          state[3] = d;
          variate = exponentialFrom(bits, random);
          a = state[0]!;
          b = state[1]!;
          c = state[2]!;
          d = state[3]!;
        }
        classKeys[memberAt[s]!] = variate * inverse[s]!;
      }
      result.classified = retired;
      for (const award of plan.awards) {
        const cumulative = award.cumulative;
        if (cumulative.length === 0) continue;
        const total = cumulative[cumulative.length - 1]!;
        t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (((c << 21) | (c >>> 11)) + t) | 0;
        // The first car whose cumulative strength exceeds u (the last when none does), found from
        // the guide's first candidate for u's range: the same car as a binary search over them all.
        const u = ((t >>> 0) / 4294967296) * total;
        const last = cumulative.length - 1;
        let lo = award.guide[t >>> GUIDE_SHIFT]!;
        while (lo < last && cumulative[lo]! <= u) lo++;
        (award.award as { entry: number }).entry = award.cars[lo]!;
      }
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  }
}

/** The guide of an award draw: 2^(32 - GUIDE_SHIFT) ranges of the 32-bit draw, by its top bits. */
const GUIDE_SHIFT = 26;

/**
 * For each range of 32-bit draws (top bits j: draws from j * 2^GUIDE_SHIFT on), the first car whose
 * cumulative strength exceeds the range's smallest u (the last car when none does). A draw's u is
 * at least its range's smallest (u grows with the draw), so its holder is never before that car.
 */
function guideTable(cumulative: Float64Array): Int32Array {
  const guide = new Int32Array(2 ** (32 - GUIDE_SHIFT));
  const last = cumulative.length - 1;
  if (last < 0) return guide;
  const total = cumulative[last]!;
  let lo = 0;
  for (let j = 0; j < guide.length; j++) {
    const u = ((j * 2 ** GUIDE_SHIFT) / 4294967296) * total;
    while (lo < last && cumulative[lo]! <= u) lo++;
    guide[j] = lo;
  }
  return guide;
}

/** How many of keys[from..to) are at most key (two at a time: the sums are independent). */
function countAtMost(keys: Float64Array, from: number, to: number, key: number): number {
  let n0 = 0;
  let n1 = 0;
  let m = from;
  for (; m + 1 < to; m += 2) {
    n0 += Number(keys[m]! <= key);
    n1 += Number(keys[m + 1]! <= key);
  }
  if (m < to) n0 += Number(keys[m]! <= key);
  return n0 + n1;
}

/** How many of keys[from..to) are below key. */
function countBelow(keys: Float64Array, from: number, to: number, key: number): number {
  let n0 = 0;
  let n1 = 0;
  let m = from;
  for (; m + 1 < to; m += 2) {
    n0 += Number(keys[m]! < key);
    n1 += Number(keys[m + 1]! < key);
  }
  if (m < to) n0 += Number(keys[m]! < key);
  return n0 + n1;
}

/** Where each slot's key goes when the keys are laid out class by class (from memberFrom[b] to memberFrom[b + 1]). */
function classMembers(bucket: Int32Array): {
  classKeys: Float64Array;
  memberFrom: Int32Array;
  memberAt: Int32Array;
} {
  const classes = Math.max(0, ...bucket) + 1;
  const memberFrom = new Int32Array(classes + 1);
  const members: number[] = [];
  for (let b = 0; b < classes; b++) {
    memberFrom[b] = members.length;
    bucket.forEach((x, s) => x === b && members.push(s));
  }
  memberFrom[classes] = members.length;
  const memberAt = new Int32Array(bucket.length);
  members.forEach((s, m) => (memberAt[s] = m));
  return { classKeys: new Float64Array(bucket.length), memberFrom, memberAt };
}

export interface CompetitorOdds {
  readonly competitor: Competitor;
  readonly index: number;
  /** Titles won in the runs (a title shared after every tie-break counts as a share). */
  readonly titles: number;
  readonly probability: number;
  /** Standard error of the probability (binomial). */
  readonly error: number;
  /** Whether the exact solver says the title is still possible (so 0 runs is "0.0% but possible"). */
  readonly possible: boolean;
  readonly status: TitleStatus;
}

export interface ChampionshipOdds {
  readonly id: string;
  readonly name: string;
  readonly afterRace: number;
  readonly runs: number;
  /** Competitors with a chance (possible or won in a run), most likely first. */
  readonly competitors: readonly CompetitorOdds[];
}

export interface SeasonOdds {
  readonly season: { readonly id: string; readonly name: string };
  readonly afterRace: number;
  readonly runs: number;
  readonly seed: number;
  readonly racesFitted: number;
  readonly championships: readonly ChampionshipOdds[];
}

export interface OddsOptions {
  /** Simulated remainders (10,000 by default). */
  readonly runs?: number;
  /** Seed of the engine's generator (1 by default). */
  readonly seed?: number;
  /** A results model; fitted on the races so far when absent. */
  readonly model?: ResultsModel;
}

const MAX_RUNS = 10_000_000;

/** Counts each championship's titles over `runs` simulated remainders. */
export function simulateTitles(
  compiled: CompiledSeason,
  model: ResultsModel,
  runs: number,
  seed: number,
): Float64Array[] {
  const sampler = new RemainderSampler(compiled, model);
  const random = seededRandom(seed);
  const season = new SeasonScorer(compiled);
  const scorers = compiled.championships.map(createScorer);
  const titles = scorers.map((s) => new Float64Array(s.n));
  // When the season scorer reads only the cars of the competitors that can still lead, the sampler
  // places just those (no order is sorted) and makes the full order only for a Scorer on a tie.
  const wanted = season.wantedEntries(sampler.remainder);
  if (wanted !== undefined) {
    sampler.want(wanted);
    const places = season.places;
    for (let run = 0; run < runs; run++) {
      sampler.samplePlaced(random, places);
      // The sampler's remainder keeps its sessions and awards: scored again by the same plan.
      if (run === 0) season.scorePlaced(sampler.remainder);
      else season.scorePlacedAgain();
      let ordered = false;
      for (let c = 0; c < scorers.length; c++) {
        const leader = season.leaderOf(c);
        if (leader === undefined) {
          if (!ordered) sampler.order();
          ordered = true;
          countTitle(scorers[c]!, sampler.remainder, titles[c]!);
        } else if (leader >= 0) titles[c]![leader]! += 1;
      }
    }
    return titles;
  }
  for (let run = 0; run < runs; run++) {
    sampler.sample(random);
    season.score(sampler.remainder);
    for (let c = 0; c < scorers.length; c++) {
      // One competitor alone on the most points is champion; a tie on points goes to the Scorer's tie-breaks.
      const leader = season.leaderOf(c);
      if (leader === undefined) countTitle(scorers[c]!, sampler.remainder, titles[c]!);
      else if (leader >= 0) titles[c]![leader]! += 1;
    }
  }
  return titles;
}

function countTitle(scorer: Scorer, remainder: readonly HypotheticalResult[], titles: Float64Array): void {
  scorer.score(remainder);
  const leader = scorer.leader();
  if (leader < 0) return;
  // Competitors nothing separates from the leader share the title.
  let shared = 0;
  for (let i = 0; i < scorer.n; i++)
    if (scorer.listed[i] && scorer.totals[i] === scorer.totals[leader] && scorer.compare(i, leader) === 0)
      shared++;
  if (shared <= 1) titles[leader]! += 1;
  else
    for (let i = 0; i < scorer.n; i++)
      if (scorer.listed[i] && scorer.totals[i] === scorer.totals[leader] && scorer.compare(i, leader) === 0)
        titles[i]! += 1 / shared;
}

/** Title odds of every championship (or the chosen ones) of a season after a race. */
export function seasonOdds(
  season: Season,
  rulebook: Rulebook,
  options: CompileOptions & OddsOptions = {},
): Result<SeasonOdds> {
  const runs = options.runs ?? 10_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    return fail([issue('odds.runs', ['runs'], `runs must be a whole number from 1 to ${MAX_RUNS}`)]);
  if (!Number.isInteger(seed)) return fail([issue('odds.seed', ['seed'], 'the seed must be a whole number')]);
  const compiled = compileSeason(season, rulebook, options);
  if (!compiled.ok) return fail(compiled.issues);
  const cs = compiled.value;
  const model = options.model ?? fitResultsModel(season, cs.afterRace);
  const titles = simulateTitles(cs, model, runs, seed);
  const championships = cs.championships.map((champ, c): ChampionshipOdds => {
    const fight = analyseTitleFight(champ, { bestOnly: true });
    const outlooks = new Map(fight.outlooks.map((o) => [o.index, o]));
    const competitors = fight.outlooks
      .filter((o) => o.best === 1 || titles[c]![o.index]! > 0)
      .map((o): CompetitorOdds => {
        const won = titles[c]![o.index]!;
        const p = won / runs;
        return {
          competitor: o.competitor,
          index: o.index,
          titles: won,
          probability: p,
          error: Math.sqrt((p * (1 - p)) / runs),
          possible: outlooks.get(o.index)!.best === 1,
          status: o.status,
        };
      })
      .sort((a, b) => b.titles - a.titles);
    return { id: champ.id, name: champ.name, afterRace: cs.afterRace, runs, competitors };
  });
  return ok({
    season: { id: cs.id, name: cs.name },
    afterRace: cs.afterRace,
    runs,
    seed,
    racesFitted: model.races,
    championships,
  });
}
