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
  readonly table: Float64Array;
  readonly bonuses: readonly KernelBonus[];
  readonly deductions: readonly { readonly competitor: number; readonly points: number }[];
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
  readonly touched: Int32Array[];
  readonly touchedCount: Int32Array;
  readonly units: Float64Array;
  /** Per entry: basis position in the session being scored (eligible cars only). */
  readonly pos: Int32Array;
  readonly marks: Int32Array;
  mark = 0;
  /** Per remaining session and bonus, the indices of the awards it matches, for the awards layout `matchLayout`. */
  readonly matches: Int32Array[][];
  readonly matchLayout: Int32Array;
  /** Set by `score` when a tie for an award leaves the totals to the Scorer. */
  undecided = false;

  constructor(
    readonly compiled: CompiledChampionship,
    bucketOf: Int32Array,
  ) {
    const n = compiled.competitors.length;
    const nEntries = compiled.season.entries.length;
    const h = compiled.heldSessions.length;
    this.n = n;
    this.totals = new Float64Array(n);
    this.bits = new Uint8Array(n);
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
            table: cs.table,
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
      res: compiled.sessions.map(() => new Float64Array(n)),
      bon: compiled.sessions.map(() => new Float64Array(n)),
      gained: new Uint8Array(n),
    };
    this.touched = compiled.sessions.map(() => new Int32Array(nEntries));
    this.touchedCount = new Int32Array(nSessions);
    this.units = new Float64Array(h + nSessions + 1);
    this.pos = new Int32Array(nEntries);
    this.marks = new Int32Array(n);
    this.matches = compiled.sessions.map(() => []);
    this.matchLayout = new Int32Array(nSessions);
  }
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
  private epoch = 0;
  private final = false;
  private cutoff = -1;
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

  constructor(readonly season: CompiledSeason) {
    const entries = season.entries;
    this.nEntries = entries.length;
    const classIndex = new Map<string, number>();
    this.bucketOf = Int32Array.from(entries, (e) => {
      let b = classIndex.get(e.classId);
      if (b === undefined) classIndex.set(e.classId, (b = classIndex.size));
      return b;
    });
    this.classBucket = classIndex;
    const nBuckets = Math.max(1, classIndex.size);
    const nSessions = season.sessions.length;
    this.slot = season.sessions.map(() => new Int32Array(this.nEntries));
    this.stamp = season.sessions.map(() => new Int32Array(this.nEntries));
    this.bucketSlots = season.sessions.map(() => new Int32Array(nBuckets * this.nEntries));
    this.bucketLen = season.sessions.map(() => new Int32Array(nBuckets));
    this.placed = new Int32Array(nSessions);
    this.classified = new Int32Array(nSessions);
    this.awardsRef = season.sessions.map(() => undefined);
    this.awardKinds = season.sessions.map(() => []);
    this.awardScopes = season.sessions.map(() => []);
    this.tied = season.sessions.map(() => new Uint8Array(0));
    this.scopeBucket = season.sessions.map(() => new Int32Array(0));
    this.layout = new Int32Array(nSessions);
    this.champs = season.championships.map((c) =>
      kernelTakes(c) ? new KernelChampionship(c, this.bucketOf) : undefined,
    );
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
    const season = this.season;
    let afterRace = season.afterRace;
    let cutoff = season.cutoff;
    const len = Math.min(remainder.length, season.sessions.length);
    for (let k = 0; k < len; k++) {
      if (remainder[k] === undefined) continue;
      const race = season.sessions[k]!.race;
      if (race !== undefined && race > afterRace) {
        afterRace = race;
        cutoff = season.sessions[k]!.order;
      }
    }
    this.final = afterRace >= season.lastRace;
    this.cutoff = cutoff;
    this.remainder = remainder;
    const epoch = ++this.epoch;
    // One placement pass per session: each entry's slot, and the cars of each class in order.
    this.placedCount = 0;
    for (let k = 0; k < len; k++) {
      const r = remainder[k];
      if (r === undefined || season.sessions[k]!.order > cutoff) continue;
      this.placed[this.placedCount++] = k;
      const order = r.order;
      const n = order.length;
      this.classified[k] = r.classified ?? n;
      if (r.awards !== undefined) this.noteAwards(k, r.awards);
      const slot = this.slot[k]!;
      const stamp = this.stamp[k]!;
      const bucketSlots = this.bucketSlots[k]!;
      const bucketLen = this.bucketLen[k]!;
      // Plain loops rather than fill/set: for a few dozen values a builtin's call costs more.
      for (let b = 0; b < bucketLen.length; b++) bucketLen[b] = 0;
      const bucketOf = this.bucketOf;
      const width = this.nEntries;
      for (let s = 0; s < n; s++) {
        const e = order[s]!;
        slot[e] = s;
        stamp[e] = epoch;
        const b = bucketOf[e]!;
        bucketSlots[b * width + bucketLen[b]!++] = s;
      }
    }
    for (const kc of this.champs) if (kc) this.scoreChampionship(kc);
  }

  private scoreChampionship(kc: KernelChampionship): void {
    const remainder = this.remainder;
    const totals = kc.totals;
    const bits = kc.bits;
    const needUnits = this.final ? kc.needUnitsFinal : kc.needUnitsBefore;
    kc.undecided = false;
    const pastSum = kc.pastSum;
    const pastBits = kc.compiled.past.listedBits;
    for (let i = 0; i < kc.n; i++) {
      totals[i] = pastSum[i]!;
      bits[i] = pastBits[i]!;
    }
    const held = kc.held;
    held.heldCount = 0;
    if (needUnits) for (let i = 0; i < kc.n; i++) held.gained[i] = 0;
    for (let j = 0; j < this.placedCount; j++) {
      const k = this.placed[j]!;
      const ks = kc.sessions[k];
      if (ks === undefined) continue;
      const r = remainder[k]!;
      if (!needUnits) {
        this.scoreSession(kc, ks, r.order, totals, undefined);
        this.grantAwards(kc, ks, r.awards, totals);
        for (const d of ks.deductions) totals[d.competitor]! += d.points;
        continue;
      }
      held.held[held.heldCount++] = k;
      const res = held.res[k]!;
      const bon = held.bon[k]!;
      const touched = kc.touched[k]!;
      for (let t = 0; t < kc.touchedCount[k]!; t++) {
        res[touched[t]!] = 0;
        bon[touched[t]!] = 0;
      }
      // The holders of the session's cars, each once, are its touched competitors.
      const count = this.scoreSession(kc, ks, r.order, res, touched);
      kc.touchedCount[k] = count;
      this.grantAwards(kc, ks, r.awards, bon);
      const gained = held.gained;
      for (let t = 0; t < count; t++) {
        const i = touched[t]!;
        const v = res[i]! + bon[i]!;
        if (res[i] !== 0 || bon[i] !== 0) gained[i] = 1;
        totals[i]! += v;
      }
      for (const d of ks.deductions) totals[d.competitor]! += d.points;
    }
    // An exclusion that applies to this table unlists its competitor.
    for (const x of kc.compiled.exclusions)
      if ((!x.finalOnly || this.final) && x.fromOrder <= this.cutoff) bits[x.competitor] = 0;
    if (!needUnits) return;
    const fast = this.final ? kc.drop.final : kc.drop.before;
    applyFastDrop(fast!, held, totals, kc.units);
  }

  /** Position points of one session's cars to their holders, the listed bits, and each eligible car's basis position. */
  private scoreSession(
    kc: KernelChampionship,
    ks: KernelSession,
    order: ArrayLike<number>,
    res: Float64Array,
    touched: Int32Array | undefined,
  ): number {
    const marks = kc.marks;
    const mark = ++kc.mark;
    let count = 0;
    const k = ks.k;
    const nClassified = this.classified[k]!;
    const table = ks.table;
    const holder = kc.holder;
    const teamScores = kc.teamScores;
    const counts = kc.counts;
    const bits = kc.bits;
    const pos = kc.pos;
    const classifiedCell = ks.recorded ? ENTERED | STARTED | CLASSIFIED : ENTERED | STARTED;
    const buckets = kc.buckets;
    if (kc.overallKeep) {
      // Overall positions, every car kept: the slot is the position.
      for (let s = 0; s < order.length; s++) {
        const e = order[s]!;
        const h = holder[e]!;
        if (h < 0) continue;
        const classified = s < nClassified;
        pos[e] = classified ? s + 1 : 0;
        const pts = classified ? table[s]! : 0;
        if (teamScores[e]) res[h]! += pts;
        const cell = classified ? classifiedCell : ENTERED | STARTED;
        bits[h]! |= pts > 0 ? cell | SCORED : cell;
        if (touched !== undefined && marks[h] !== mark) {
          marks[h] = mark;
          touched[count++] = h;
        }
      }
      return count;
    }
    if (buckets === undefined) {
      const counters = kc.counters;
      for (let g = 0; g < counters.length; g++) counters[g] = 0;
      const group = kc.group;
      for (let s = 0; s < order.length; s++) {
        const e = order[s]!;
        let p = 0;
        if (s < nClassified && counts[e]) p = ++counters[group[e]!]!;
        const h = holder[e]!;
        if (h < 0) continue;
        pos[e] = p;
        const pts = p > 0 ? table[p - 1]! : 0;
        if (teamScores[e]) res[h]! += pts;
        const cell = s < nClassified ? classifiedCell : ENTERED | STARTED;
        bits[h]! |= pts > 0 ? cell | SCORED : cell;
        if (touched !== undefined && marks[h] !== mark) {
          marks[h] = mark;
          touched[count++] = h;
        }
      }
      return count;
    }
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
        let p = 0;
        if (s < nClassified && counts[e]) p = ++counted;
        const h = holder[e]!;
        if (h < 0) continue;
        pos[e] = p;
        const pts = p > 0 ? table[p - 1]! : 0;
        if (teamScores[e]) res[h]! += pts;
        const cell = s < nClassified ? classifiedCell : ENTERED | STARTED;
        bits[h]! |= pts > 0 ? cell | SCORED : cell;
        if (touched !== undefined && marks[h] !== mark) {
          marks[h] = mark;
          touched[count++] = h;
        }
      }
    }
    return count;
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
    const bonuses = ks.bonuses;
    for (let bi = 0; bi < bonuses.length; bi++) {
      const b = bonuses[bi]!;
      const list = matches[bi]!;
      for (let t = 0; t < list.length; t++) {
        const x = list[t]!;
        const e = awards[x]!.entry;
        if (stamp[e] !== epoch || !eligible[e]) continue;
        if (!b.overall && this.bucketOf[e] !== scopeBucket[x]) continue;
        // Another award of the same kind and scope: a tie the rule settles, left to the Scorer.
        if (tied[x]) {
          kc.undecided = true;
          return;
        }
        const s = slot[e]!;
        const p = kc.pos[e]!;
        if (b.classified && s >= nClassified) continue;
        if (b.topN !== 0 && !(p > 0 && p <= b.topN)) continue;
        if (b.laps && s >= nClassified) continue;
        const h = kc.holder[e]!;
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
      awards.forEach((a, x) => {
        if (a.award === b.award && b.overall === (a.scope === 'overall')) xs.push(x);
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
    let best = -1;
    let max = -Infinity;
    let ties = 0;
    for (let i = 0; i < kc.n; i++) {
      if (!(bits[i]! & mask)) continue;
      const t = totals[i]!;
      if (t > max) {
        max = t;
        best = i;
        ties = 0;
      } else if (t === max) ties++;
    }
    return ties === 0 ? best : undefined;
  }

  /** Scaled totals and listed flags of championship c after the last `score` (for tests). */
  tableOf(c: number): { readonly totals: Float64Array; readonly listed: Uint8Array } | undefined {
    const kc = this.champs[c];
    if (kc === undefined || kc.undecided) return undefined;
    for (let i = 0; i < kc.n; i++) kc.listed[i] = kc.bits[i]! & kc.listedMask ? 1 : 0;
    return { totals: kc.totals, listed: kc.listed };
  }
}
