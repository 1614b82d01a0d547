/**
 * Scores one remainder for every championship of a compiled season at once, for the odds
 * simulator: each session's cars are placed once (slot per entry, cars bucketed by class), so a
 * class championship visits only its class's cars, and each championship's totals are whole units
 * in typed arrays, nothing allocated per remainder. It answers one question exactly: the
 * championship's leader when one competitor alone has the most points. Anything else (a tie on
 * points, which the tie-breaks decide, or a rule this kernel does not take) is `undefined` here, and
 * the caller asks the championship's own `Scorer`, whose totals are the engine's.
 */
import { applyFastDrop, compileFastDrop } from './fast-drops.js';
import { CLASSIFIED, ENTERED, LISTED_BIT, SCORED, STARTED } from './listing.js';
import { reachOf } from './reach.js';
import type { Reach } from './reach.js';
import type { FastDrop, HeldUnits } from './fast-drops.js';
import type {
  CompiledBonus,
  CompiledChampionship,
  CompiledSeason,
  HypotheticalAward,
  Remainder,
} from './types.js';

/** Per remaining session, one championship's award bonus as the kernel grants it. */
interface KernelBonus {
  readonly award: string;
  readonly overall: boolean;
  readonly points: number;
  readonly classified: boolean;
  readonly topN: number;
  readonly laps: boolean;
}

interface KernelSession {
  readonly k: number;
  readonly order: number;
  readonly recorded: boolean;
  /** Points by basis position p at index p (index 0: no position, 0 points), zeros past the table. */
  readonly points: Float64Array;
  /** Listing bits of a classified car at basis position p (index 0: counted for no position). */
  readonly cellAt: Uint8Array;
  /** The most one car can take: the table's top value, and every award bonus. */
  readonly maxPoints: number;
  readonly bonusSum: number;
  readonly bonuses: readonly KernelBonus[];
  readonly deductions: readonly { readonly competitor: number; readonly points: number }[];
}

/**
 * One buffer for every championship's totals and per-session points (and one for the listing
 * bits), so a flat pass can address any of them by index (`SeasonScorer.scorePlaced`).
 */
class Pool {
  readonly f64: Float64Array;
  readonly u8: Uint8Array;
  private f64At = 0;
  private u8At = 0;
  constructor(f64Size: number, u8Size: number) {
    this.f64 = new Float64Array(f64Size);
    this.u8 = new Uint8Array(u8Size);
  }
  /** A view of the next `size` numbers, and where it starts. */
  numbers(size: number): { readonly at: number; readonly view: Float64Array } {
    const at = this.f64At;
    this.f64At += size;
    return { at, view: this.f64.subarray(at, at + size) };
  }
  bytes(size: number): { readonly at: number; readonly view: Uint8Array } {
    const at = this.u8At;
    this.u8At += size;
    return { at, view: this.u8.subarray(at, at + size) };
  }
  /** The sizes a championship takes: totals and two arrays per session of n + 1 numbers; n + 1 bits. */
  static sizeOf(compiled: CompiledChampionship): { readonly f64: number; readonly u8: number } {
    const n = compiled.competitors.length + 1;
    return { f64: n * (1 + 2 * compiled.sessions.length), u8: n };
  }
}

/** One championship as the kernel scores it. */
class KernelChampionship {
  readonly n: number;
  readonly totals: Float64Array;
  readonly bits: Uint8Array;
  readonly listed: Uint8Array;
  readonly pastSum: Float64Array;
  /** Per remaining session index, the kernel's view of it (undefined: not in scope). */
  readonly sessions: readonly (KernelSession | undefined)[];
  readonly holder: Int32Array;
  readonly eligible: Uint8Array;
  readonly teamScores: Uint8Array;
  readonly entryClass: readonly string[];
  /** Basis positions: overall, 'keep' (slot + 1); otherwise counted per group over counted cars. */
  readonly overallKeep: boolean;
  /** Per entry: counts towards basis positions (classified and eligible, or kept when ineligible). */
  readonly counts: Uint8Array;
  readonly group: Int32Array;
  /** Class buckets this championship visits (class basis with groups that are the season's classes), or undefined: every car. */
  readonly buckets: Int32Array | undefined;
  readonly counters: Int32Array;
  readonly listedMask: number;
  readonly drop: { readonly final: FastDrop | undefined; readonly before: FastDrop | undefined };
  readonly needUnitsFinal: boolean;
  readonly needUnitsBefore: boolean;
  /** Per remaining session, points per competitor (drop rules only), with the competitors touched. */
  readonly held: HeldUnits & {
    held: Int32Array;
    heldCount: number;
    res: Float64Array[];
    bon: Float64Array[];
  };
  readonly units: Float64Array;
  /** Per entry: basis position in the session being scored (eligible cars only). */
  readonly pos: Int32Array;
  /**
   * Per entry, where its listing bits and its points go: its holder, or index n (a sink past the
   * competitors) for a car nobody holds, or whose points its holder does not take.
   */
  readonly bitsTo: Int32Array;
  readonly pointsTo: Int32Array;
  /** Per remaining session and bonus, the indices of the awards it matches, for the awards layout `matchLayout`. */
  readonly matches: Int32Array[][];
  readonly matchLayout: Int32Array;
  /** Set by `score` when a tie for an award leaves the totals to the Scorer. */
  undecided = false;
  /**
   * The competitors that can still lead or share the most points for the sessions scored now (see
   * `SeasonScorer.prune`), `candidateCount` of them, and a flag per competitor. Only their totals
   * and listing are kept.
   */
  readonly candidates: Int32Array;
  candidateCount: number;
  readonly isCandidate: Uint8Array;
  /** The entries the candidates hold, that a direct pass visits (`candidateEntryCount` of them). */
  readonly candidateEntries: Int32Array;
  candidateEntryCount = 0;
  /**
   * Whether a car's basis position can be read off its place without visiting the other cars: its
   * slot (overall, every car kept) or its rank in its class bucket (every car of the buckets counted).
   */
  readonly direct: boolean;
  /** Per class bucket, whether any of its entries is eligible (a class award elsewhere is no one's here). */
  readonly bucketHasEligible: Uint8Array;
  /** Whether bounds may prune: points and bonuses are never negative (totals only grow with them). */
  readonly prunable: boolean;
  /** Per competitor, how many entries it takes points from (for its upper bound). */
  readonly carsHeld: Float64Array;
  /** The sessions, final flag and cutoff the candidates were worked out for (length first). */
  readonly config: Int32Array;

  /** Where its totals, per-session points (result, bonus) and listing bits start in the pool. */
  readonly totalsAt: number;
  readonly resAt: Int32Array;
  readonly bonAt: Int32Array;
  readonly bitsAt: number;

  constructor(
    readonly compiled: CompiledChampionship,
    bucketOf: Int32Array,
    pool: Pool,
  ) {
    const n = compiled.competitors.length;
    const nEntries = compiled.season.entries.length;
    const h = compiled.heldSessions.length;
    this.n = n;
    const totals = pool.numbers(n + 1);
    this.totals = totals.view;
    this.totalsAt = totals.at;
    const bits = pool.bytes(n + 1);
    this.bits = bits.view;
    this.bitsAt = bits.at;
    const res = compiled.sessions.map(() => pool.numbers(n + 1));
    const bon = compiled.sessions.map(() => pool.numbers(n + 1));
    this.resAt = Int32Array.from(res, (r) => r.at);
    this.bonAt = Int32Array.from(bon, (b) => b.at);
    this.listed = new Uint8Array(n);
    const { fixed, result, bonus } = compiled.past;
    this.pastSum = Float64Array.from(fixed);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < h; j++) this.pastSum[i]! += result[i * h + j]! + bonus[i * h + j]!;
    this.holder = Int32Array.from(compiled.holders, (hs) => (hs.length === 1 ? hs[0]! : -1));
    this.eligible = compiled.eligible;
    this.teamScores = compiled.teamScores;
    this.entryClass = compiled.entryClass;
    const champ = compiled.championship;
    this.overallKeep = champ.basis === 'overall' && champ.ineligible === 'keep';
    const remove = champ.ineligible === 'remove';
    this.counts = Uint8Array.from(compiled.eligible, (el) => (!remove || el ? 1 : 0));
    this.group = compiled.group;
    this.counters = new Int32Array(Math.max(1, compiled.groups));
    this.listedMask = LISTED_BIT[champ.listed];
    this.sessions = compiled.sessions.map((cs, k) =>
      cs === undefined
        ? undefined
        : {
            k,
            order: cs.order,
            recorded: cs.recorded,
            ...positionTables(cs.table, cs.recorded, nEntries),
            maxPoints: Math.max(0, ...cs.table),
            bonusSum: cs.bonuses.reduce((sum, b) => sum + Math.max(0, kernelBonus(b)?.points ?? 0), 0),
            deductions: cs.deductions,
            bonuses: cs.bonuses.map((b) => kernelBonus(b)!),
          },
    );
    // A class championship visits the buckets of its groups, when its groups are the buckets.
    this.buckets = undefined;
    if (champ.basis === 'class' && !this.overallKeep) {
      const groupToBucket = new Map<number, number>();
      const bucketToGroup = new Map<number, number>();
      let same = true;
      for (let e = 0; e < nEntries; e++) {
        const g = this.group[e]!;
        const b = bucketOf[e]!;
        if ((groupToBucket.get(g) ?? b) !== b || (bucketToGroup.get(b) ?? g) !== g) same = false;
        groupToBucket.set(g, b);
        bucketToGroup.set(b, g);
      }
      if (same) {
        const wanted = new Set<number>();
        for (let e = 0; e < nEntries; e++) if (compiled.eligible[e]) wanted.add(bucketOf[e]!);
        this.buckets = Int32Array.from([...wanted].sort((a, b) => a - b));
      }
    }
    const fastOf = (rules: readonly CompiledChampionship['dropRules'][number][]) =>
      rules.length === 1 ? compileFastDrop(compiled, rules[0]!) : undefined;
    const before = compiled.dropRules.filter((r) => r.applies !== 'final');
    this.drop = { final: fastOf(compiled.dropRules), before: fastOf(before) };
    this.needUnitsFinal = compiled.dropRules.length > 0;
    this.needUnitsBefore = before.length > 0;
    const nSessions = compiled.sessions.length;
    this.held = {
      held: new Int32Array(nSessions),
      heldCount: 0,
      res: res.map((r) => r.view),
      bon: bon.map((b) => b.view),
      gained: new Uint8Array(n),
    };
    this.units = new Float64Array(h + nSessions + 1);
    this.pos = new Int32Array(nEntries);
    this.bitsTo = Int32Array.from(this.holder, (hd) => (hd < 0 ? n : hd));
    this.pointsTo = Int32Array.from(this.holder, (hd, e) => (hd < 0 || !compiled.teamScores[e] ? n : hd));
    this.matches = compiled.sessions.map(() => []);
    this.matchLayout = new Int32Array(nSessions);
    this.bucketHasEligible = new Uint8Array(nEntries + 1);
    for (let e = 0; e < nEntries; e++) if (compiled.eligible[e]) this.bucketHasEligible[bucketOf[e]!] = 1;
    this.candidates = Int32Array.from({ length: n }, (_, i) => i);
    this.candidateCount = n;
    this.isCandidate = new Uint8Array(n).fill(1);
    this.candidateEntries = new Int32Array(nEntries);
    this.carsHeld = new Float64Array(n + 1);
    for (let e = 0; e < nEntries; e++) this.carsHeld[this.pointsTo[e]!]! += 1;
    this.config = new Int32Array(nSessions + 3).fill(-1);
    const inBuckets = (e: number) => this.buckets !== undefined && this.buckets.includes(bucketOf[e]!);
    this.direct =
      this.overallKeep ||
      (this.buckets !== undefined &&
        Array.from({ length: nEntries }, (_, e) => e).every((e) => !inBuckets(e) || this.counts[e] === 1));
    this.prunable = this.sessions.every(
      (ks) => ks === undefined || (ks.points.every((v) => v >= 0) && ks.bonuses.every((b) => b.points > 0)),
    );
  }
}

/** A session's points table by basis position from 1 (0 at index 0) and the listing bits of each position. */
function positionTables(
  table: Float64Array,
  recorded: boolean,
  nEntries: number,
): { points: Float64Array; cellAt: Uint8Array } {
  const points = new Float64Array(Math.max(table.length, nEntries) + 1);
  points.set(table, 1);
  const classified = recorded ? ENTERED | STARTED | CLASSIFIED : ENTERED | STARTED;
  const cellAt = Uint8Array.from(points, (v) => (v > 0 ? classified | SCORED : classified));
  return { points, cellAt };
}

/** An award bonus with positive points (the kernel adds each to its holder directly), else undefined. */
function kernelBonus(b: CompiledBonus): KernelBonus | undefined {
  if (b.kind !== 'award' || !(b.points > 0)) return undefined;
  return {
    award: b.award,
    overall: b.scope === 'overall',
    points: b.points,
    classified: b.requires.classified,
    topN: b.requires.topN,
    laps: b.requires.laps,
  };
}

/** Whether the kernel scores a championship exactly as its Scorer would (else the Scorer does). */
export function kernelTakes(compiled: CompiledChampionship): boolean {
  if (compiled.bestCars !== 0) return false;
  for (let e = 0; e < compiled.holders.length; e++)
    if (compiled.eligible[e] && compiled.holders[e]!.length !== 1) return false;
  for (const cs of compiled.sessions) {
    if (!cs) continue;
    if (cs.withheld.length || cs.bestShare) return false;
    if (cs.bonuses.some((b) => kernelBonus(b) === undefined)) return false;
  }
  const rules = compiled.dropRules;
  if (rules.length > 1) return false;
  const rule = rules[0];
  return rule === undefined || compileFastDrop(compiled, rule) !== undefined;
}

/** The class bucket of each entry: one per distinct class id, numbered by first appearance among the season's entries. */
function classBuckets(season: CompiledSeason): {
  readonly bucketOf: Int32Array;
  readonly classIndex: Map<string, number>;
} {
  const classIndex = new Map<string, number>();
  const bucketOf = Int32Array.from(season.entries, (e) => {
    let b = classIndex.get(e.classId);
    if (b === undefined) classIndex.set(e.classId, (b = classIndex.size));
    return b;
  });
  return { bucketOf, classIndex };
}

/** One session of `SeasonScorer.fuse`'s flat plan. */
interface FusedSession {
  readonly k: number;
  /**
   * Per candidate car of any championship, four numbers: the entry, where its championship's points
   * table starts, where its points go and where its listing bits go. `bySlot`: the cars placed by
   * their slot (position slot + 1); `byRank`: those placed by their class rank.
   */
  readonly bySlot: Int32Array;
  readonly byRank: Int32Array;
  /**
   * Per award bonus, four numbers: the award's index, whether it needs a classified car, its top-N,
   * whether positions are class ranks; its points; and per entry (at t * entries + e) where it goes
   * and where its bits go (-1: nowhere).
   */
  readonly award: Int32Array;
  readonly awardPoints: Float64Array;
  readonly awardTo: Int32Array;
  readonly awardBitTo: Int32Array;
}

interface Fused {
  readonly flat: boolean;
  /** Per session, the awards array and its layout the plan was made for. */
  readonly awards: readonly (readonly HypotheticalAward[] | undefined)[];
  readonly layout: Int32Array;
  readonly sessions: readonly FusedSession[];
  /** Every championship-session's points table and listing bits by position, one after another. */
  readonly points: Float64Array;
  readonly cells: Uint8Array;
  /** The candidates' starting totals (and zeroed per-session points) and bits, by index in the pool. */
  readonly resetAt: Int32Array;
  readonly resetTo: Float64Array;
  readonly bitsAt: Int32Array;
  readonly bitsTo: Uint8Array;
  /** Listing bits an exclusion clears. */
  readonly excluded: Int32Array;
  /** Ranges of the pool set to 0 (from, to): the per-session points of the drop championships. */
  readonly zeroed: Int32Array;
  /** The championships with drop rules in play. */
  readonly dropped: readonly KernelChampionship[];
}

/** Scores remainders of a compiled season for every championship the kernel takes. */
export class SeasonScorer {
  /** Per championship: the kernel's state, or undefined when its Scorer must do it. */
  private readonly champs: readonly (KernelChampionship | undefined)[];
  private readonly nEntries: number;
  /** Per entry, its class bucket (one per distinct class id of the entries). */
  private readonly bucketOf: Int32Array;
  /** Per remaining session: slot of each entry in the order (valid when stamped this epoch). */
  private readonly slot: Int32Array[];
  private readonly stamp: Int32Array[];
  /** Per remaining session: per bucket b, its cars' slots in finishing order from b * entries on. */
  private readonly bucketSlots: Int32Array[];
  private readonly bucketLen: Int32Array[];
  /** Per remaining session: each placed entry's rank in its class bucket, from 1 (valid when stamped). */
  private readonly rank: Int32Array[];
  /** Whether a championship walks the class buckets (else the placement pass only ranks the cars). */
  private readonly needBuckets: boolean;
  private epoch = 0;
  private final = false;
  private cutoff = -1;
  private readonly reach: Reach = { afterRace: 0, cutoff: -1, last: -1 };
  /** Sessions placed by the last `score`, in remainder order. */
  private readonly placed: Int32Array;
  private placedCount = 0;
  /** Per remaining session, how many of its order are classified (last `score`). */
  private readonly classified: Int32Array;
  private remainder: Remainder = [];
  /** Per remaining session, the awards array last seen and what it held (see `noteAwards`). */
  private readonly awardsRef: (readonly HypotheticalAward[] | undefined)[];
  private readonly awardKinds: string[][];
  private readonly awardScopes: string[][];
  private readonly tied: Uint8Array[];
  private readonly scopeBucket: Int32Array[];
  /** Per remaining session, a number that changes whenever its awards' layout does. */
  private readonly layout: Int32Array;
  private layouts = 0;
  private readonly classBucket: Map<string, number>;
  /** Per remaining session, the slots a sampler placed (`places`), and what `wantedEntries` last answered. */
  private readonly placedSlot: Int32Array[];
  private wantedList: Int32Array | undefined;
  private wantedConfig: Int32Array[] | undefined;
  private readonly pool: Pool;
  /** The flat plan `scorePlaced` follows, for the sessions and award layouts it was made for. */
  private fused: Fused | undefined;
  /** Whether `scorePlacedAgain` may score `this.remainder` by `this.fused` (set by `scorePlaced`). */
  private again = false;

  constructor(readonly season: CompiledSeason) {
    const entries = season.entries;
    this.nEntries = entries.length;
    const { bucketOf, classIndex } = classBuckets(season);
    this.bucketOf = bucketOf;
    this.classBucket = classIndex;
    const nBuckets = Math.max(1, classIndex.size);
    const nSessions = season.sessions.length;
    this.slot = season.sessions.map(() => new Int32Array(this.nEntries));
    this.stamp = season.sessions.map(() => new Int32Array(this.nEntries));
    this.bucketSlots = season.sessions.map(() => new Int32Array(nBuckets * this.nEntries));
    this.bucketLen = season.sessions.map(() => new Int32Array(nBuckets));
    this.rank = season.sessions.map(() => new Int32Array(this.nEntries));
    this.placedSlot = season.sessions.map(() => new Int32Array(this.nEntries).fill(-1));
    this.placed = new Int32Array(nSessions);
    this.classified = new Int32Array(nSessions);
    this.awardsRef = season.sessions.map(() => undefined);
    this.awardKinds = season.sessions.map(() => []);
    this.awardScopes = season.sessions.map(() => []);
    this.tied = season.sessions.map(() => new Uint8Array(0));
    this.scopeBucket = season.sessions.map(() => new Int32Array(0));
    this.layout = new Int32Array(nSessions);
    const taken = season.championships.map(kernelTakes);
    const sizes = season.championships.map((c, i) => (taken[i] ? Pool.sizeOf(c) : { f64: 0, u8: 0 }));
    this.pool = new Pool(
      sizes.reduce((sum, z) => sum + z.f64, 0),
      sizes.reduce((sum, z) => sum + z.u8, 0),
    );
    this.champs = season.championships.map((c, i) =>
      taken[i] ? new KernelChampionship(c, this.bucketOf, this.pool) : undefined,
    );
    this.needBuckets = this.champs.some((kc) => kc !== undefined && !kc.direct && kc.buckets !== undefined);
  }

  /** Whether the kernel scores championship c (else `leaderOf` is always undefined for it). */
  takes(c: number): boolean {
    return this.champs[c] !== undefined;
  }

  /**
   * Scores a remainder (as `Scorer.score`: the standings after the latest race given) for every
   * championship the kernel takes.
   */
  score(remainder: Remainder): void {
    this.configure(remainder);
    const epoch = ++this.epoch;
    // One placement pass per session: each entry's slot, and the cars of each class in order.
    for (let j = 0; j < this.placedCount; j++) {
      const k = this.placed[j]!;
      const order = remainder[k]!.order;
      const n = order.length;
      const slot = this.slot[k]!;
      const stamp = this.stamp[k]!;
      const bucketSlots = this.bucketSlots[k]!;
      const bucketLen = this.bucketLen[k]!;
      const rank = this.rank[k]!;
      // Plain loops rather than fill/set: for a few dozen values a builtin's call costs more.
      for (let b = 0; b < bucketLen.length; b++) bucketLen[b] = 0;
      const bucketOf = this.bucketOf;
      const width = this.nEntries;
      if (this.needBuckets)
        for (let s = 0; s < n; s++) {
          const e = order[s]!;
          slot[e] = s;
          stamp[e] = epoch;
          const b = bucketOf[e]!;
          const r = ++bucketLen[b]!;
          rank[e] = r;
          bucketSlots[b * width + r - 1] = s;
        }
      else
        for (let s = 0; s < n; s++) {
          const e = order[s]!;
          slot[e] = s;
          stamp[e] = epoch;
          rank[e] = ++bucketLen[bucketOf[e]!]!;
        }
    }
    for (const kc of this.champs) if (kc) this.scoreChampionship(kc);
  }

  /**
   * For a sampler that places the cars itself (`scorePlaced`): the entries whose places the kernel
   * reads when scoring remainders with the sessions of `remainder` (only which sessions it has
   * matters), the cars the candidates hold: `slot`, those whose slot in the order is read (an
   * overall championship's), and `rank`, those whose rank in their class is read (a class
   * championship's; of their slot only whether it is below the classified count). Undefined when a
   * championship needs every car in order (the kernel does not take it, or it walks the class
   * buckets): then use `score`.
   */
  wantedEntries(remainder: Remainder): { readonly slot: Int32Array; readonly rank: Int32Array } | undefined {
    if (this.champs.some((kc) => kc === undefined || !kc.direct)) return undefined;
    this.configure(remainder);
    const slotted = new Uint8Array(this.nEntries);
    const ranked = new Uint8Array(this.nEntries);
    const champs = this.champs as readonly KernelChampionship[];
    for (const kc of champs) {
      if (!this.sameConfig(kc)) this.prune(kc, this.final ? kc.needUnitsFinal : kc.needUnitsBefore);
      for (let e = 0; e < this.nEntries; e++) {
        const h = kc.holder[e]!;
        if (h >= 0 && kc.isCandidate[h]) (kc.overallKeep ? slotted : ranked)[e] = 1;
      }
    }
    this.wantedConfig = champs.map((kc) => Int32Array.from(kc.config));
    this.fused = undefined;
    this.again = false;
    const list = (flags: Uint8Array) =>
      Int32Array.from(Array.from(flags.keys()).filter((e) => flags[e] === 1));
    this.wantedList = Int32Array.from(Array.from(slotted.keys()).filter((e) => slotted[e] || ranked[e]));
    return { slot: list(slotted), rank: list(ranked) };
  }

  /**
   * Per remaining session k and entry e, the slot (`slot[k][e]`, from 0; at or past the classified
   * count for a retired car, below 0 when e is not in the session) and the rank from 1 in its class
   * (`rank[k][e]`, read for classified cars only) that `scorePlaced` reads for the wanted entries.
   */
  get places(): { readonly slot: readonly Int32Array[]; readonly rank: readonly Int32Array[] } {
    return { slot: this.placedSlot, rank: this.rank };
  }

  /**
   * Scores a remainder as `score` does, with the cars placed by the caller in `places` instead of
   * read off each session's order (which is not read): only the entries of `wantedEntries` entered
   * in each session (`season.sessions[k].entered`, as every car of a remainder's order is), for a
   * remainder with the same sessions (else this throws). Its `classified` counts and awards are read.
   */
  scorePlaced(remainder: Remainder): void {
    this.configure(remainder);
    const wanted = this.wantedConfig;
    for (let c = 0; c < this.champs.length; c++)
      if (wanted === undefined || !this.sameConfig(this.champs[c]!, wanted[c]))
        throw new Error('SeasonScorer.scorePlaced: call wantedEntries for these sessions first');
    let fused = this.fused;
    if (fused === undefined || !this.fits(fused, remainder)) fused = this.fused = this.fuse(remainder);
    this.scorePlan(fused, remainder);
    this.again = true;
  }

  /**
   * Scores the remainder of the last `scorePlaced` again, as `scorePlaced` would, when only its cars'
   * places (`places`), classified counts and award holders have changed since: the same sessions
   * and awards (the same arrays, their kinds and scopes as they were), as a `RemainderSampler`
   * draws them. Skips working out again which sessions it scores and which plan fits. Throws when
   * nothing was scored by `scorePlaced` since the last other call that changes the plan.
   */
  scorePlacedAgain(): void {
    const fused = this.fused;
    if (!this.again || fused === undefined)
      throw new Error('SeasonScorer.scorePlacedAgain: call scorePlaced first');
    const remainder = this.remainder;
    for (let j = 0; j < this.placedCount; j++) {
      const k = this.placed[j]!;
      const r = remainder[k]!;
      this.classified[k] = r.classified ?? r.order.length;
    }
    this.scorePlan(fused, remainder);
  }

  private scorePlan(fused: Fused, remainder: Remainder): void {
    if (fused.flat) this.scoreFused(fused, remainder);
    else {
      // A tied award: each championship's own pass, which leaves the tie to the Scorer.
      const epoch = ++this.epoch;
      for (let j = 0; j < this.placedCount; j++) {
        const k = this.placed[j]!;
        const placed = this.placedSlot[k]!;
        const slot = this.slot[k]!;
        const stamp = this.stamp[k]!;
        const entries = this.wantedList!;
        for (let t = 0; t < entries.length; t++) {
          const e = entries[t]!;
          const s = placed[e]!;
          if (s < 0) continue;
          slot[e] = s;
          stamp[e] = epoch;
        }
      }
      for (const kc of this.champs) if (kc) this.scoreChampionship(kc);
    }
  }

  /** Whether the flat plan was made for the awards the remainder's sessions have now. */
  private fits(fused: Fused, remainder: Remainder): boolean {
    for (let j = 0; j < this.placedCount; j++) {
      const k = this.placed[j]!;
      if (fused.awards[k] !== remainder[k]!.awards || fused.layout[k] !== this.layout[k]) return false;
    }
    return true;
  }

  /**
   * The flat plan of `scorePlaced` for the sessions scored now (every championship direct, as
   * `wantedEntries` checks): per session, one list of (car, where its points and listing bits go,
   * which points table, slot or class rank) over every championship's candidates, and one list of
   * award bonuses with, per entry, where the bonus goes (or -1: a competitor left out, an ineligible
   * car, another class); the candidates' starting totals (past points and deductions) and bits.
   * Not flat (`flat` false) when an award a championship matches is tied (left to the Scorer).
   */
  private fuse(remainder: Remainder): Fused {
    const nE = this.nEntries;
    const champs = this.champs as readonly KernelChampionship[];
    const points: number[] = [];
    const cells: number[] = [];
    const resetAt: number[] = [];
    const resetTo: number[] = [];
    const bitsAt: number[] = [];
    const bitsTo: number[] = [];
    const excluded: number[] = [];
    const zeroed: number[] = [];
    const sessions: FusedSession[] = [];
    const awards: (readonly HypotheticalAward[] | undefined)[] = this.season.sessions.map(() => undefined);
    const layout = Int32Array.from(this.layout);
    let flat = true;
    const dropped: KernelChampionship[] = [];
    for (const kc of champs) {
      const needUnits = this.final ? kc.needUnitsFinal : kc.needUnitsBefore;
      if (needUnits) dropped.push(kc);
      kc.held.heldCount = 0;
      const base = Float64Array.from(kc.pastSum);
      for (let j = 0; j < this.placedCount; j++) {
        const k = this.placed[j]!;
        const ks = kc.sessions[k];
        if (ks === undefined) continue;
        if (needUnits) kc.held.held[kc.held.heldCount++] = k;
        for (const d of ks.deductions) base[d.competitor]! += d.points;
      }
      // The per-session points of a drop championship: all its sessions' arrays, one after another.
      if (needUnits && kc.resAt.length > 0)
        zeroed.push(kc.resAt[0]!, kc.bonAt[kc.bonAt.length - 1]! + kc.n + 1);
      for (let t = 0; t < kc.candidateCount; t++) {
        const i = kc.candidates[t]!;
        resetAt.push(kc.totalsAt + i);
        resetTo.push(base[i]!);
        bitsAt.push(kc.bitsAt + i);
        bitsTo.push(kc.compiled.past.listedBits[i]!);
      }
      for (const x of kc.compiled.exclusions)
        if ((!x.finalOnly || this.final) && x.fromOrder <= this.cutoff)
          excluded.push(kc.bitsAt + x.competitor);
    }
    for (let j = 0; j < this.placedCount; j++) {
      const k = this.placed[j]!;
      const r = remainder[k]!;
      awards[k] = r.awards;
      const fs = {
        bySlot: [] as number[],
        byRank: [] as number[],
        award: [] as number[],
        awardPoints: [] as number[],
        awardTo: [] as number[],
        awardBitTo: [] as number[],
      };
      for (const kc of champs) {
        const ks = kc.sessions[k];
        if (ks === undefined) continue;
        const needUnits = this.final ? kc.needUnitsFinal : kc.needUnitsBefore;
        const tableAt = points.length;
        points.push(...ks.points);
        cells.push(...ks.cellAt);
        const resBase = needUnits ? kc.resAt[k]! : kc.totalsAt;
        const bonBase = needUnits ? kc.bonAt[k]! : kc.totalsAt;
        const entered = new Set(this.season.sessions[k]!.entered);
        for (let t = 0; t < kc.candidateEntryCount; t++) {
          const e = kc.candidateEntries[t]!;
          // A car not entered in the session has no place in it.
          if (!entered.has(e)) continue;
          (kc.overallKeep ? fs.bySlot : fs.byRank).push(
            e,
            tableAt,
            resBase + kc.pointsTo[e]!,
            kc.bitsAt + kc.bitsTo[e]!,
          );
        }
        if (ks.bonuses.length === 0 || r.awards === undefined) continue;
        if (kc.matchLayout[k] !== this.layout[k]) this.matchAwards(kc, ks);
        ks.bonuses.forEach((b, bi) => {
          for (const x of kc.matches[k]![bi]!) {
            if (this.tied[k]![x]) flat = false;
            const to = new Int32Array(nE).fill(-1);
            const bitTo = new Int32Array(nE).fill(-1);
            for (let e = 0; e < nE; e++) {
              const h = kc.holder[e]!;
              if (h < 0 || !kc.isCandidate[h] || !kc.eligible[e]) continue;
              if (!b.overall && this.bucketOf[e] !== this.scopeBucket[k]![x]) continue;
              to[e] = bonBase + (kc.teamScores[e] ? h : kc.n);
              bitTo[e] = kc.bitsAt + h;
            }
            fs.award.push(x, b.classified || b.laps ? 1 : 0, b.topN, kc.overallKeep ? 0 : 1);
            fs.awardPoints.push(b.points);
            fs.awardTo.push(...to);
            fs.awardBitTo.push(...bitTo);
          }
        });
      }
      sessions.push({
        k,
        bySlot: Int32Array.from(fs.bySlot),
        byRank: Int32Array.from(fs.byRank),
        award: Int32Array.from(fs.award),
        awardPoints: Float64Array.from(fs.awardPoints),
        awardTo: Int32Array.from(fs.awardTo),
        awardBitTo: Int32Array.from(fs.awardBitTo),
      });
    }
    return {
      flat,
      awards,
      layout,
      sessions,
      points: Float64Array.from(points),
      cells: Uint8Array.from(cells),
      resetAt: Int32Array.from(resetAt),
      resetTo: Float64Array.from(resetTo),
      bitsAt: Int32Array.from(bitsAt),
      bitsTo: Uint8Array.from(bitsTo),
      excluded: Int32Array.from(excluded),
      zeroed: Int32Array.from(zeroed),
      dropped,
    };
  }

  /**
   * One remainder by the flat plan: the candidates' totals and bits from their starting values,
   * then per session one pass over every championship's candidates' cars and one over the award
   * bonuses, then the drop windows. The same sums as `scoreChampionship` (whole units, so the order
   * of the additions does not matter).
   */
  private scoreFused(fused: Fused, remainder: Remainder): void {
    const acc = this.pool.f64;
    const bits = this.pool.u8;
    const { resetAt, resetTo, bitsAt, bitsTo, points, cells } = fused;
    const zeroed = fused.zeroed;
    for (let t = 0; t < zeroed.length; t += 2) acc.fill(0, zeroed[t], zeroed[t + 1]);
    for (let t = 0; t < resetAt.length; t++) acc[resetAt[t]!] = resetTo[t]!;
    for (let t = 0; t < bitsAt.length; t++) bits[bitsAt[t]!] = bitsTo[t]!;
    const retiredCell = ENTERED | STARTED;
    const nE = this.nEntries;
    for (const fs of fused.sessions) {
      const k = fs.k;
      const slot = this.placedSlot[k]!;
      const rank = this.rank[k]!;
      const nClassified = this.classified[k]!;
      const { bySlot, byRank } = fs;
      for (let t = 0; t < bySlot.length; t += 4) {
        const s = slot[bySlot[t]!]!;
        if (s < 0) continue;
        if (s >= nClassified) {
          bits[bySlot[t + 3]!]! |= retiredCell;
          continue;
        }
        const at = bySlot[t + 1]! + s + 1;
        acc[bySlot[t + 2]!]! += points[at]!;
        bits[bySlot[t + 3]!]! |= cells[at]!;
      }
      for (let t = 0; t < byRank.length; t += 4) {
        const e = byRank[t]!;
        const s = slot[e]!;
        if (s < 0) continue;
        if (s >= nClassified) {
          bits[byRank[t + 3]!]! |= retiredCell;
          continue;
        }
        const at = byRank[t + 1]! + rank[e]!;
        acc[byRank[t + 2]!]! += points[at]!;
        bits[byRank[t + 3]!]! |= cells[at]!;
      }
      const award = fs.award;
      if (award.length === 0) continue;
      const awards = remainder[k]!.awards!;
      const { awardTo, awardBitTo, awardPoints } = fs;
      for (let t = 0, a = 0; a < award.length; t++, a += 4) {
        const e = awards[award[a]!]!.entry;
        if (e < 0) continue;
        const to = awardTo[t * nE + e]!;
        if (to < 0) continue;
        const s = slot[e]!;
        if (s < 0) continue;
        if (award[a + 1] && s >= nClassified) continue;
        const topN = award[a + 2]!;
        if (topN !== 0) {
          const p = s >= nClassified ? 0 : award[a + 3] ? rank[e]! : s + 1;
          if (!(p > 0 && p <= topN)) continue;
        }
        acc[to]! += awardPoints[t]!;
        bits[awardBitTo[t * nE + e]!]! |= SCORED;
      }
    }
    for (let t = 0; t < fused.excluded.length; t++) bits[fused.excluded[t]!] = 0;
    for (const kc of this.champs) if (kc) kc.undecided = false;
    for (const kc of fused.dropped) {
      const held = kc.held;
      const totals = kc.totals;
      const gained = held.gained;
      const candidates = kc.candidates;
      for (let t = 0; t < kc.candidateCount; t++) {
        const i = candidates[t]!;
        let sum = 0;
        let any = 0;
        for (let j = 0; j < held.heldCount; j++) {
          const k = held.held[j]!;
          const r = held.res[k]![i]!;
          const b = held.bon[k]![i]!;
          sum += r + b;
          any |= Number(r !== 0) | Number(b !== 0);
        }
        totals[i]! += sum;
        gained[i] = any;
      }
      const fast = this.final ? kc.drop.final : kc.drop.before;
      applyFastDrop(fast!, held, totals, kc.units, candidates, kc.candidateCount);
    }
  }

  /** The sessions a remainder scores (and its classified counts and awards), without placing cars. */
  private configure(remainder: Remainder): void {
    this.again = false;
    const season = this.season;
    const { afterRace, cutoff } = reachOf(season, remainder, this.reach);
    const len = Math.min(remainder.length, season.sessions.length);
    this.final = afterRace >= season.lastRace;
    this.cutoff = cutoff;
    this.remainder = remainder;
    this.placedCount = 0;
    for (let k = 0; k < len; k++) {
      const r = remainder[k];
      if (r === undefined || season.sessions[k]!.order > cutoff) continue;
      this.placed[this.placedCount++] = k;
      this.classified[k] = r.classified ?? r.order.length;
      if (r.awards !== undefined) this.noteAwards(k, r.awards);
    }
  }

  private scoreChampionship(kc: KernelChampionship): void {
    const remainder = this.remainder;
    const n = kc.n;
    const totals = kc.totals;
    const bits = kc.bits;
    const needUnits = this.final ? kc.needUnitsFinal : kc.needUnitsBefore;
    kc.undecided = false;
    if (!this.sameConfig(kc)) this.prune(kc, needUnits);
    // Only the candidates' totals and listing are kept (the others' entries are scratch).
    const candidates = kc.candidates;
    const nc = kc.candidateCount;
    const pastSum = kc.pastSum;
    const pastBits = kc.compiled.past.listedBits;
    for (let t = 0; t < nc; t++) {
      const i = candidates[t]!;
      totals[i] = pastSum[i]!;
      bits[i] = pastBits[i]!;
    }
    totals[n] = 0;
    const held = kc.held;
    held.heldCount = 0;
    for (let j = 0; j < this.placedCount; j++) {
      const k = this.placed[j]!;
      const ks = kc.sessions[k];
      if (ks === undefined) continue;
      const r = remainder[k]!;
      if (!needUnits) {
        this.scoreSession(kc, ks, r.order, totals);
        this.grantAwards(kc, ks, r.awards, totals);
        for (const d of ks.deductions) totals[d.competitor]! += d.points;
        continue;
      }
      // Drop rules: the session's points per competitor (result and bonus apart), then the totals.
      held.held[held.heldCount++] = k;
      const res = held.res[k]!;
      const bon = held.bon[k]!;
      for (let t = 0; t < nc; t++) {
        const i = candidates[t]!;
        res[i] = 0;
        bon[i] = 0;
      }
      this.scoreSession(kc, ks, r.order, res);
      this.grantAwards(kc, ks, r.awards, bon);
      for (let t = 0; t < nc; t++) {
        const i = candidates[t]!;
        totals[i]! += res[i]! + bon[i]!;
      }
      for (const d of ks.deductions) totals[d.competitor]! += d.points;
    }
    // An exclusion that applies to this table unlists its competitor.
    for (const x of kc.compiled.exclusions)
      if ((!x.finalOnly || this.final) && x.fromOrder <= this.cutoff) bits[x.competitor] = 0;
    if (!needUnits) return;
    // Who has a nonzero unit in a session scored now.
    const gained = held.gained;
    for (let t = 0; t < nc; t++) {
      const i = candidates[t]!;
      gained[i] = 0;
      for (let j = 0; j < held.heldCount; j++) {
        const k = held.held[j]!;
        if (held.res[k]![i] !== 0 || held.bon[k]![i] !== 0) gained[i] = 1;
      }
    }
    const fast = this.final ? kc.drop.final : kc.drop.before;
    applyFastDrop(fast!, held, totals, kc.units, candidates, nc);
  }

  /** Whether the championship's candidates were worked out for the sessions placed now. */
  private sameConfig(kc: KernelChampionship, config: Int32Array = kc.config): boolean {
    const count = this.placedCount;
    if (config[0] !== count || config[1] !== (this.final ? 1 : 0) || config[2] !== this.cutoff) return false;
    for (let j = 0; j < count; j++) if (config[3 + j] !== this.placed[j]) return false;
    return true;
  }

  /**
   * Works out which competitors can still lead for the sessions placed now. Points and bonuses are
   * never negative, and a total after drops only grows when a unit does (the units kept are the
   * largest), so a competitor's total lies between its total gaining nothing (lower bound) and its
   * total with every car it holds taking the table's top value and every bonus in each session
   * (upper bound). The best lower bound among competitors sure to be listed is a floor for the most
   * points; a competitor whose upper bound is below it can neither lead nor share the lead, so its
   * total is not needed. Run once per set of sessions (the odds simulator always scores them all).
   */
  private prune(kc: KernelChampionship, needUnits: boolean): void {
    const n = kc.n;
    const config = kc.config;
    config[0] = this.placedCount;
    config[1] = this.final ? 1 : 0;
    config[2] = this.cutoff;
    for (let j = 0; j < this.placedCount; j++) config[3 + j] = this.placed[j]!;
    kc.candidateCount = 0;
    let keep = (_i: number) => true;
    if (kc.prunable) {
      const low = Float64Array.from(kc.pastSum);
      const high = Float64Array.from(kc.pastSum);
      const nSessions = kc.sessions.length;
      const zero = {
        held: new Int32Array(nSessions),
        heldCount: 0,
        res: [] as Float64Array[],
        bon: [] as Float64Array[],
        gained: new Uint8Array(n),
      };
      const full = {
        ...zero,
        res: [] as Float64Array[],
        bon: [] as Float64Array[],
        gained: new Uint8Array(n),
      };
      for (let k = 0; k < nSessions; k++) {
        zero.res.push(new Float64Array(n + 1));
        zero.bon.push(new Float64Array(n + 1));
        full.res.push(new Float64Array(n + 1));
        full.bon.push(new Float64Array(n + 1));
      }
      for (let j = 0; j < this.placedCount; j++) {
        const k = this.placed[j]!;
        const ks = kc.sessions[k];
        if (ks === undefined) continue;
        zero.held[zero.heldCount++] = k;
        for (let i = 0; i < n; i++) {
          full.res[k]![i] = kc.carsHeld[i]! * ks.maxPoints;
          full.bon[k]![i] = kc.carsHeld[i]! * ks.bonusSum;
          if (full.res[k]![i] !== 0 || full.bon[k]![i] !== 0) full.gained[i] = 1;
          high[i]! += full.res[k]![i]! + full.bon[k]![i]!;
        }
        for (const d of ks.deductions) {
          low[d.competitor]! += d.points;
          high[d.competitor]! += d.points;
        }
      }
      full.held.set(zero.held);
      full.heldCount = zero.heldCount;
      if (needUnits) {
        const fast = this.final ? kc.drop.final! : kc.drop.before!;
        applyFastDrop(fast, zero, low, kc.units, undefined, n);
        applyFastDrop(fast, full, high, kc.units, undefined, n);
      }
      const excluded = new Uint8Array(n);
      for (const x of kc.compiled.exclusions)
        if ((!x.finalOnly || this.final) && x.fromOrder <= this.cutoff) excluded[x.competitor] = 1;
      let floor = -Infinity;
      const pastBits = kc.compiled.past.listedBits;
      for (let i = 0; i < n; i++)
        if (pastBits[i]! & kc.listedMask && !excluded[i] && low[i]! > floor) floor = low[i]!;
      keep = (i) => high[i]! >= floor;
    }
    kc.isCandidate.fill(0);
    for (let i = 0; i < n; i++)
      if (keep(i)) {
        kc.candidates[kc.candidateCount++] = i;
        kc.isCandidate[i] = 1;
      }
    // The entries a direct pass visits: the candidates' cars (in a class championship, those of its buckets).
    kc.candidateEntryCount = 0;
    const buckets = kc.buckets;
    for (let e = 0; e < this.nEntries; e++) {
      const h = kc.holder[e]!;
      if (h < 0 || !kc.isCandidate[h]) continue;
      if (!kc.overallKeep && buckets !== undefined && !buckets.includes(this.bucketOf[e]!)) continue;
      kc.candidateEntries[kc.candidateEntryCount++] = e;
    }
  }

  /**
   * Position points of one session's cars to their holders (`res`, whose index n is a sink for
   * points nobody takes), the listing bits, and each car's basis position (`pos`, read by the
   * award bonuses). Classified cars come first in the order (and in each class bucket), so each
   * loop runs over the classified cars, then over the retired ones, without a test per car.
   */
  private scoreSession(
    kc: KernelChampionship,
    ks: KernelSession,
    order: ArrayLike<number>,
    res: Float64Array,
  ): void {
    const k = ks.k;
    const n = order.length;
    const nClassified = Math.min(this.classified[k]!, n);
    const points = ks.points;
    const cellAt = ks.cellAt;
    const bitsTo = kc.bitsTo;
    const pointsTo = kc.pointsTo;
    const counts = kc.counts;
    const bits = kc.bits;
    const pos = kc.pos;
    const retiredCell = ENTERED | STARTED;
    if (kc.direct) {
      // Only the candidates' cars, each position read off its slot or its rank in its class.
      const entries = kc.candidateEntries;
      const count = kc.candidateEntryCount;
      const stamp = this.stamp[k]!;
      const slot = this.slot[k]!;
      const rank = this.rank[k]!;
      const epoch = this.epoch;
      const overall = kc.overallKeep;
      for (let t = 0; t < count; t++) {
        const e = entries[t]!;
        if (stamp[e] !== epoch) continue;
        const s = slot[e]!;
        if (s >= nClassified) {
          pos[e] = 0;
          bits[bitsTo[e]!]! |= retiredCell;
          continue;
        }
        const p = overall ? s + 1 : rank[e]!;
        pos[e] = p;
        res[pointsTo[e]!]! += points[p]!;
        bits[bitsTo[e]!]! |= cellAt[p]!;
      }
      return;
    }
    const buckets = kc.buckets;
    if (kc.overallKeep) {
      // Overall positions, every car kept: the slot is the position.
      for (let s = 0; s < nClassified; s++) {
        const e = order[s]!;
        pos[e] = s + 1;
        res[pointsTo[e]!]! += points[s + 1]!;
        bits[bitsTo[e]!]! |= cellAt[s + 1]!;
      }
    } else if (buckets === undefined) {
      const counters = kc.counters;
      for (let g = 0; g < counters.length; g++) counters[g] = 0;
      const group = kc.group;
      for (let s = 0; s < nClassified; s++) {
        const e = order[s]!;
        const counted = counts[e]!;
        const g = group[e]!;
        // counted is 0 or 1: a counted car takes the group's next position, another none.
        const p = (counters[g]! += counted) * counted;
        pos[e] = p;
        res[pointsTo[e]!]! += points[p]!;
        bits[bitsTo[e]!]! |= cellAt[p]!;
      }
    } else {
      // A class championship: only the cars of its classes, in finishing order within each.
      const bucketSlots = this.bucketSlots[k]!;
      const bucketLen = this.bucketLen[k]!;
      const width = this.nEntries;
      for (let g = 0; g < buckets.length; g++) {
        const b = buckets[g]!;
        const from = b * width;
        const to = from + bucketLen[b]!;
        let counted = 0;
        for (let t = from; t < to; t++) {
          const s = bucketSlots[t]!;
          const e = order[s]!;
          if (s >= nClassified) {
            pos[e] = 0;
            bits[bitsTo[e]!]! |= retiredCell;
            continue;
          }
          const c = counts[e]!;
          const p = (counted += c) * c;
          pos[e] = p;
          res[pointsTo[e]!]! += points[p]!;
          bits[bitsTo[e]!]! |= cellAt[p]!;
        }
      }
      return;
    }
    for (let s = nClassified; s < n; s++) {
      const e = order[s]!;
      pos[e] = 0;
      bits[bitsTo[e]!]! |= retiredCell;
    }
  }

  /**
   * Award bonuses (pole, fastest lap) to their holders, as the Scorer's direct path: an award held
   * by several cars is a tie the rule settles, left to the Scorer (the championship is undecided).
   */
  private grantAwards(
    kc: KernelChampionship,
    ks: KernelSession,
    awards: readonly HypotheticalAward[] | undefined,
    bon: Float64Array,
  ): void {
    if (ks.bonuses.length === 0 || awards === undefined) return;
    const k = ks.k;
    if (kc.matchLayout[k] !== this.layout[k]) this.matchAwards(kc, ks);
    const matches = kc.matches[k]!;
    const tied = this.tied[k]!;
    const scopeBucket = this.scopeBucket[k]!;
    const stamp = this.stamp[k]!;
    const slot = this.slot[k]!;
    const epoch = this.epoch;
    const nClassified = this.classified[k]!;
    const eligible = kc.eligible;
    const isCandidate = kc.isCandidate;
    const holder = kc.holder;
    const bonuses = ks.bonuses;
    for (let bi = 0; bi < bonuses.length; bi++) {
      const b = bonuses[bi]!;
      const list = matches[bi]!;
      for (let t = 0; t < list.length; t++) {
        const x = list[t]!;
        const e = awards[x]!.entry;
        // A competitor that cannot lead: its total is not kept (most awards; a tied one goes on to
        // the tie check).
        const candidate = isCandidate[holder[e]!];
        if (!candidate && !tied[x]) continue;
        if (!eligible[e]) continue;
        if (!b.overall && this.bucketOf[e] !== scopeBucket[x]) continue;
        // Another award of the same kind and scope: a tie the rule settles, left to the Scorer.
        // Asked before whether the holder is in the session: `scorePlaced` places only the
        // candidates' cars, so a tie between cars that cannot lead would pass unseen there and be
        // left to the Scorer by `score`.
        if (tied[x]) {
          kc.undecided = true;
          return;
        }
        if (stamp[e] !== epoch || !candidate) continue;
        const s = slot[e]!;
        const p = kc.pos[e]!;
        if (b.classified && s >= nClassified) continue;
        if (b.topN !== 0 && !(p > 0 && p <= b.topN)) continue;
        if (b.laps && s >= nClassified) continue;
        const h = holder[e]!;
        if (kc.teamScores[e]) bon[h]! += b.points;
        kc.bits[h]! |= SCORED;
      }
    }
  }

  /** A championship's bonuses in session k matched to the awards of the current layout (by index). */
  private matchAwards(kc: KernelChampionship, ks: KernelSession): void {
    const k = ks.k;
    const awards = this.awardsRef[k]!;
    kc.matches[k] = ks.bonuses.map((b) => {
      const xs: number[] = [];
      // A class award none of the championship's cars can hold (another class) is left out.
      awards.forEach((a, x) => {
        if (a.award !== b.award || b.overall !== (a.scope === 'overall')) return;
        const scope = this.scopeBucket[k]![x]!;
        if (b.overall || (scope >= 0 && kc.bucketHasEligible[scope])) xs.push(x);
      });
      return Int32Array.from(xs);
    });
    kc.matchLayout[k] = this.layout[k]!;
  }

  /**
   * Notes the awards of session k when they are not the array seen last time (the sampler reuses
   * one array and changes only the holders): which awards tie (same kind and scope) and the class
   * bucket of each class scope.
   */
  private noteAwards(k: number, awards: readonly HypotheticalAward[]): void {
    const seen = this.awardsRef[k];
    const kinds = this.awardKinds[k]!;
    const scopes = this.awardScopes[k]!;
    if (seen === awards && kinds.length === awards.length) {
      let same = true;
      for (let x = 0; x < awards.length; x++)
        if (awards[x]!.award !== kinds[x] || awards[x]!.scope !== scopes[x]) same = false;
      if (same) return;
    }
    this.awardsRef[k] = awards;
    this.awardKinds[k] = awards.map((a) => a.award);
    this.awardScopes[k] = awards.map((a) => a.scope);
    this.tied[k] = Uint8Array.from(awards, (a, x) =>
      awards.some((o, y) => y !== x && o.award === a.award && o.scope === a.scope) ? 1 : 0,
    );
    this.scopeBucket[k] = Int32Array.from(awards, (a) => this.classBucket.get(a.scope) ?? -1);
    this.layout[k] = ++this.layouts;
  }

  /**
   * The championship's leader after the last `score` when one listed competitor alone has the
   * most points (-1 when nobody is listed); undefined when the tie-breaks must decide, or the
   * kernel does not take the championship: then ask its Scorer.
   */
  leaderOf(c: number): number | undefined {
    const kc = this.champs[c];
    if (kc === undefined || kc.undecided) return undefined;
    const totals = kc.totals;
    const bits = kc.bits;
    const mask = kc.listedMask;
    const candidates = kc.candidates;
    let best = -1;
    let max = -Infinity;
    let ties = 0;
    // Only a candidate can lead or share the lead (`prune`).
    for (let t = 0; t < kc.candidateCount; t++) {
      const i = candidates[t]!;
      if (!(bits[i]! & mask)) continue;
      const v = totals[i]!;
      if (v > max) {
        max = v;
        best = i;
        ties = 0;
      } else if (v === max) ties++;
    }
    return ties === 0 ? best : undefined;
  }

  /**
   * Scaled totals and listed flags of championship c after the last `score` (for tests), exact for
   * the candidates (`candidate`: the competitors that can still lead for the sessions scored); the
   * others can neither lead nor share the lead, and their entries are not kept.
   */
  tableOf(
    c: number,
  ):
    | { readonly totals: Float64Array; readonly listed: Uint8Array; readonly candidate: Uint8Array }
    | undefined {
    const kc = this.champs[c];
    if (kc === undefined || kc.undecided) return undefined;
    for (let i = 0; i < kc.n; i++) kc.listed[i] = kc.isCandidate[i] && kc.bits[i]! & kc.listedMask ? 1 : 0;
    return { totals: kc.totals.subarray(0, kc.n), listed: kc.listed, candidate: kc.isCandidate };
  }
}
