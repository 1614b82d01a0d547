/**
 * Scores hypothetical remainders of a compiled championship. A scorer owns scratch arrays and is
 * reused: `score` a remainder, then read totals, the leader or the ranking. It gives the engine's
 * totals, order and shared positions exactly (a property test checks it against computeStandings).
 */
import { fraction } from '../fraction.js';
import type { Fraction } from '../fraction.js';
import type { DropRule } from '../rulebook.js';
import { resolveTie } from '../rules/bonuses/ties.js';
import { dropModule, tieBreakModule } from '../rules/registry.js';
import type { DropUnit, TieBreakRecord } from '../rules/types.js';
import type { Competitor } from '../standings.js';
import { MAX_BONUS_SHARES } from './compile-season.js';
import { applyFastDrop, compileFastDrop } from './fast-drops.js';
import { CLASSIFIED, ENTERED, LISTED_BIT, SCORED, STARTED } from './listing.js';
import { reachOf } from './reach.js';
import type { Reach } from './reach.js';
import type { FastDrop, HeldUnits } from './fast-drops.js';
import type { ChampionshipSession, CompiledChampionship, HypotheticalResult, Remainder } from './types.js';

/** Whether a car meets a bonus's conditions (a hypothetical classified car ran the full distance). */
function meets(
  req: { readonly classified: boolean; readonly topN: number; readonly laps: boolean },
  slot: number,
  position: number,
  nClassified: number,
): boolean {
  return (
    (!req.classified || slot < nClassified) &&
    (req.topN === 0 || (position > 0 && position <= req.topN)) &&
    (!req.laps || slot < nClassified)
  );
}

/** A bonus share in units; a share the unit cannot hold (more than MAX_BONUS_SHARES holders) is a caller's bug. */
function wholeUnits(share: Fraction): number {
  if (share.den !== 1n)
    throw new RangeError(
      `a hypothetical bonus shared ${share.den} ways is not supported (at most ${MAX_BONUS_SHARES})`,
    );
  return Number(share.num);
}

/** A standing row of the fast path, for display and live feeds. */
export interface FastRow {
  readonly position: number;
  readonly shared: boolean;
  readonly competitor: Competitor;
  readonly points: Fraction;
}

/** The ranking of the last scored remainder: listed competitors best first. */
export interface FastRanking {
  /** Competitor indices, best first; `count` of them are used. */
  readonly order: Int32Array;
  readonly count: number;
  /** Position per ranked slot (shared positions repeat). */
  readonly positions: Int32Array;
}

/** Creates a reusable scorer for one compiled championship. */
export function createScorer(compiled: CompiledChampionship): Scorer {
  return new Scorer(compiled);
}

export class Scorer {
  readonly n: number;
  /** Scaled totals after the last `score` (divide by `compiled.scale` for points). */
  readonly totals: Float64Array;
  /** Scaled totals before any drop rule (an upper bound of every total reachable from here). */
  readonly rawTotals: Float64Array;
  /** 1 when the competitor appears in the standings (listed and not excluded). */
  readonly listed: Uint8Array;
  afterRace: number;
  final: boolean;
  private readonly reach: Reach = { afterRace: 0, cutoff: -1, last: -1 };

  private readonly pastSum: Float64Array;
  private readonly bits: Uint8Array;
  /** Per remaining session, result and bonus points per competitor (when drops or rare rules need them). */
  private readonly res: Float64Array[];
  private readonly bon: Float64Array[];
  /** Per remaining session, per entry: basis position (0 none) and slot in the order, valid when stamped. */
  private readonly entryPos: Int32Array[];
  private readonly entrySlot: Int32Array[];
  private readonly entryStamp: Int32Array[];
  private epoch = 0;
  private readonly held: Int32Array;
  private heldCount = 0;
  /** Sessions the direct path can score (no withheld results, best shares or best-cars team scoring). */
  private readonly simple: Uint8Array;
  private readonly holder1: Int32Array;
  private readonly entriesOf: readonly Int32Array[];
  // Per car of a session scored on the full path (slot k of the order).
  private readonly carPts: Float64Array;
  private readonly carBon: Float64Array;
  private readonly carPos: Int32Array;
  private readonly carCounted: Uint8Array;
  private readonly counters: Int32Array;
  private readonly entryRank: Int32Array;
  private readonly rulesFinal: readonly DropRule[];
  private readonly rulesBefore: readonly DropRule[];
  private readonly fastDrops: Map<DropRule, FastDrop | undefined>;
  private readonly listedMask: number;
  private readonly records: (TieBreakRecord | undefined)[];
  /** The `score` epoch each record was made in (older ones are stale). */
  private readonly recordEpoch: Int32Array;
  private readonly rankOrder: Int32Array;
  private readonly rankPositions: Int32Array;
  private readonly scratchUnits: Float64Array;
  private readonly excludedMask: Uint8Array;
  /** Per remaining session, the `score` epoch in which the competitor last had counted points in a cell there (for "scored first"). */
  private readonly scoredIn: Int32Array[];
  /** Per competitor, 1 when it has a nonzero unit in a remaining session of the last `score` (drop rules only). */
  private readonly gained: Uint8Array;
  /** Slots given a bonus in the session being scored (each once), for the direct path. */
  private readonly bonusSlots: Int32Array;
  private readonly bonusSlotMark: Int32Array;
  private bonusMark = 0;
  private bonusCount = 0;
  /** True while the direct path grants bonuses (the full path clears \`carBon\` itself). */
  private direct = false;
  /** Scratch: indices of a result's awards matching one bonus. */
  private matching = new Int32Array(16);
  /** Per remaining session, the competitors with points there in the last `score` (the rest are 0). */
  private readonly touched: Int32Array[];
  private readonly touchedCount: Int32Array;
  private readonly marks: Int32Array;
  private markEpoch = 0;
  private readonly overallKeep: boolean;
  private readonly remove: boolean;

  constructor(readonly compiled: CompiledChampionship) {
    const n = compiled.competitors.length;
    const nSessions = compiled.sessions.length;
    const nEntries = compiled.season.entries.length;
    this.n = n;
    this.totals = new Float64Array(n);
    this.rawTotals = new Float64Array(n);
    this.listed = new Uint8Array(n);
    this.bits = new Uint8Array(n);
    this.afterRace = compiled.season.afterRace;
    this.final = this.afterRace >= compiled.season.lastRace;
    const h = compiled.heldSessions.length;
    const { fixed, result, bonus } = compiled.past;
    this.pastSum = Float64Array.from(fixed);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < h; j++) this.pastSum[i]! += result[i * h + j]! + bonus[i * h + j]!;
    this.res = compiled.sessions.map(() => new Float64Array(n));
    this.bon = compiled.sessions.map(() => new Float64Array(n));
    this.entryPos = compiled.sessions.map(() => new Int32Array(nEntries));
    this.entrySlot = compiled.sessions.map(() => new Int32Array(nEntries));
    this.entryStamp = compiled.sessions.map(() => new Int32Array(nEntries));
    this.held = new Int32Array(nSessions);
    this.simple = Uint8Array.from(compiled.sessions, (cs) =>
      cs && !cs.withheld.length && !cs.bestShare && compiled.bestCars === 0 ? 1 : 0,
    );
    this.holder1 = Int32Array.from(compiled.holders, (hs) => (hs.length === 1 ? hs[0]! : -1));
    const entriesOf: number[][] = Array.from({ length: n }, () => []);
    compiled.holders.forEach((hs, e) => hs.forEach((i) => entriesOf[i]!.push(e)));
    this.entriesOf = entriesOf.map((es) => Int32Array.from(es));
    this.carPts = new Float64Array(nEntries);
    this.carBon = new Float64Array(nEntries);
    this.carPos = new Int32Array(nEntries);
    this.carCounted = new Uint8Array(nEntries);
    this.counters = new Int32Array(compiled.groups);
    const ids = compiled.season.entries.map((e, i) => ({ id: e.id, i }));
    ids.sort((a, b) => a.id.localeCompare(b.id));
    this.entryRank = new Int32Array(nEntries);
    ids.forEach(({ i }, r) => (this.entryRank[i] = r));
    this.listedMask = LISTED_BIT[compiled.championship.listed];
    this.records = new Array<TieBreakRecord | undefined>(n);
    this.recordEpoch = new Int32Array(n);
    this.rankOrder = new Int32Array(n);
    this.rankPositions = new Int32Array(n);
    this.scratchUnits = new Float64Array(h + nSessions + 1);
    this.excludedMask = new Uint8Array(n);
    this.scoredIn = compiled.sessions.map(() => new Int32Array(n));
    this.gained = new Uint8Array(n);
    this.bonusSlots = new Int32Array(nEntries);
    this.bonusSlotMark = new Int32Array(nEntries);
    this.touched = compiled.sessions.map(() => new Int32Array(n));
    this.touchedCount = new Int32Array(nSessions);
    this.marks = new Int32Array(n);
    this.overallKeep =
      compiled.championship.basis === 'overall' && compiled.championship.ineligible === 'keep';
    this.remove = compiled.championship.ineligible === 'remove';
    this.rulesFinal = compiled.dropRules;
    this.rulesBefore = compiled.dropRules.filter((r) => r.applies !== 'final');
    this.fastDrops = new Map();
    for (const rule of compiled.dropRules) this.fastDrops.set(rule, compileFastDrop(compiled, rule));
  }

  /**
   * Scores a remainder: afterwards `totals`, `listed`, `afterRace` and `final` describe the
   * standings after the latest race given, as the engine's "standings after race N" (a session
   * given after that race, such as the next qualifying, is left out). With `throughLastSession`,
   * every session given counts (standings after a qualifying session, live or in a search).
   */
  score(remainder: Remainder, throughLastSession = false): void {
    const c = this.compiled;
    const season = c.season;
    const { afterRace, cutoff: raceCutoff, last } = reachOf(season, remainder, this.reach);
    const cutoff = throughLastSession ? last : raceCutoff;
    const len = Math.min(remainder.length, season.sessions.length);
    this.afterRace = afterRace;
    this.final = afterRace >= season.lastRace;
    const rules = this.final ? this.rulesFinal : this.rulesBefore;
    const needUnits = rules.length > 0;
    const n = this.n;
    const totals = this.totals;
    const bits = this.bits;
    totals.set(this.pastSum);
    bits.set(c.past.listedBits);
    this.epoch++;
    this.heldCount = 0;
    if (needUnits) this.gained.fill(0);
    for (let k = 0; k < len; k++) {
      const cs = c.sessions[k];
      const r = remainder[k];
      if (cs === undefined || r === undefined || cs.order > cutoff) continue;
      this.held[this.heldCount++] = k;
      if (this.simple[k] && !needUnits) {
        this.scoreDirect(k, cs, r, totals, totals);
        continue;
      }
      const res = this.res[k]!;
      const bon = this.bon[k]!;
      // Only the holders of the session's cars have points in it: clear the last ones, add these.
      const touched = this.touched[k]!;
      for (let t = 0; t < this.touchedCount[k]!; t++) {
        res[touched[t]!] = 0;
        bon[touched[t]!] = 0;
      }
      if (this.simple[k]) this.scoreDirect(k, cs, r, res, bon);
      else this.scoreFull(k, cs, r, res, bon);
      const count = this.holdersOf(r, touched);
      this.touchedCount[k] = count;
      const gained = this.gained;
      for (let t = 0; t < count; t++) {
        const i = touched[t]!;
        totals[i]! += res[i]! + bon[i]!;
        if (res[i] !== 0 || bon[i] !== 0) gained[i] = 1;
      }
    }
    for (let j = 0; j < this.heldCount; j++)
      for (const d of c.sessions[this.held[j]!]!.deductions) totals[d.competitor]! += d.points;
    // Exclusions that apply to this table: from a session it includes, or to the final table.
    this.excludedMask.fill(0);
    for (const x of c.exclusions)
      if ((!x.finalOnly || this.final) && x.fromOrder <= cutoff) this.excludedMask[x.competitor] = 1;
    const mask = this.listedMask;
    for (let i = 0; i < n; i++) this.listed[i] = bits[i]! & mask && !this.excludedMask[i] ? 1 : 0;
    this.rawTotals.set(totals);
    if (!needUnits) return;
    const fast = rules.length === 1 ? this.fastDrops.get(rules[0]!) : undefined;
    if (fast) applyFastDrop(fast, this.heldUnits(), totals, this.scratchUnits);
    else this.dropGeneric(rules);
  }

  /** The sessions scored by the last `score` and their units, as the drop windows read them (one object, reused). */
  private heldUnits(): HeldUnits {
    const view = (this.heldView ??= {
      held: this.held,
      heldCount: 0,
      res: this.res,
      bon: this.bon,
      gained: this.gained,
    });
    view.heldCount = this.heldCount;
    return view;
  }
  private heldView: { -readonly [K in keyof HeldUnits]: HeldUnits[K] } | undefined;

  /** The competitors holding the cars of a result, each once, into `out`; returns how many. */
  private holdersOf(r: HypotheticalResult, out: Int32Array): number {
    const mark = ++this.markEpoch;
    const marks = this.marks;
    const holders = this.compiled.holders;
    const order = r.order;
    let count = 0;
    for (let s = 0; s < order.length; s++) {
      const hs = holders[order[s]!]!;
      for (let j = 0; j < hs.length; j++) {
        const i = hs[j]!;
        if (marks[i] === mark) continue;
        marks[i] = mark;
        out[count++] = i;
      }
    }
    return count;
  }

  /** Places the session's cars: basis positions and slots per entry. */
  private place(k: number, r: HypotheticalResult): number {
    const c = this.compiled;
    const order = r.order;
    const len = order.length;
    const nClassified = r.classified ?? len;
    const eligible = c.eligible;
    const group = c.group;
    const counters = this.counters;
    for (let g = 0; g < counters.length; g++) counters[g] = 0;
    const pos = this.entryPos[k]!;
    const slot = this.entrySlot[k]!;
    const stamp = this.entryStamp[k]!;
    const epoch = this.epoch;
    const overallKeep = this.overallKeep;
    const remove = this.remove;
    for (let s = 0; s < len; s++) {
      const e = order[s]!;
      let p = 0;
      if (s < nClassified) {
        if (overallKeep) p = s + 1;
        else if (!remove || eligible[e]) p = ++counters[group[e]!]!;
      }
      pos[e] = p;
      slot[e] = s;
      stamp[e] = epoch;
    }
    return nClassified;
  }

  /** The direct path: each car's points go straight to its holders. */
  private scoreDirect(
    k: number,
    cs: ChampionshipSession,
    r: HypotheticalResult,
    resOut: Float64Array,
    bonOut: Float64Array,
  ): void {
    const c = this.compiled;
    const order = r.order;
    const len = order.length;
    const nClassified = r.classified ?? len;
    const eligible = c.eligible;
    const group = c.group;
    const counters = this.counters;
    for (let g = 0; g < counters.length; g++) counters[g] = 0;
    const pos = this.entryPos[k]!;
    const slot = this.entrySlot[k]!;
    const stamp = this.entryStamp[k]!;
    const epoch = this.epoch;
    const overallKeep = this.overallKeep;
    const remove = this.remove;
    const table = cs.table;
    const holder1 = this.holder1;
    const teamScores = c.teamScores;
    const bits = this.bits;
    const scored = this.scoredIn[k]!;
    // One pass: each car's basis position (as \`place\`), then its points to its holders.
    for (let s = 0; s < len; s++) {
      const e = order[s]!;
      let p = 0;
      if (s < nClassified) {
        if (overallKeep) p = s + 1;
        else if (!remove || eligible[e]) p = ++counters[group[e]!]!;
      }
      pos[e] = p;
      slot[e] = s;
      stamp[e] = epoch;
      if (!eligible[e]) continue;
      const pts = p > 0 ? table[p - 1]! : 0;
      const cell = s < nClassified && cs.recorded ? ENTERED | STARTED | CLASSIFIED : ENTERED | STARTED;
      const h = holder1[e]!;
      if (h >= 0) {
        // An entry not nominated for the teams' championship scores nothing (but has scored).
        if (teamScores[e]) {
          resOut[h]! += pts;
          if (pts > 0) scored[h] = this.epoch;
        }
        bits[h]! |= pts > 0 ? cell | SCORED : cell;
      } else this.distribute(e, pts, resOut, cell, scored);
    }
    if (cs.bonuses.length === 0) return;
    const carBon = this.carBon;
    this.bonusCount = 0;
    this.bonusMark++;
    this.direct = true;
    this.grantBonuses(k, cs, r, nClassified);
    this.direct = false;
    // Only the slots a bonus went to.
    for (let t = 0; t < this.bonusCount; t++) {
      const s = this.bonusSlots[t]!;
      const b = carBon[s]!;
      if (b === 0) continue;
      const e = order[s]!;
      const h = holder1[e]!;
      if (h >= 0) {
        if (teamScores[e]) {
          bonOut[h]! += b;
          scored[h] = this.epoch;
        }
        bits[h]! |= SCORED;
      } else this.distribute(e, b, bonOut, 0, scored);
    }
  }

  /** A car with several holders: the shared-drive rule's share to each (none, whole or divided). */
  private distribute(e: number, points: number, out: Float64Array, cell: number, scored: Int32Array): void {
    const c = this.compiled;
    const hs = c.holders[e]!;
    const div = c.shareDivisor[e]!;
    const share = div === 0 ? 0 : div === 1 ? points : points / div;
    const b = share > 0 ? cell | SCORED : cell;
    for (let j = 0; j < hs.length; j++) {
      const i = hs[j]!;
      out[i]! += share;
      this.bits[i]! |= b;
      if (share > 0) scored[i] = this.epoch;
    }
  }

  /** The full path: car totals first (team best-cars), withheld results, best shares. */
  private scoreFull(
    k: number,
    cs: ChampionshipSession,
    r: HypotheticalResult,
    res: Float64Array,
    bon: Float64Array,
  ): void {
    const c = this.compiled;
    const nClassified = this.place(k, r);
    const order = r.order;
    const len = order.length;
    const eligible = c.eligible;
    const pos = this.entryPos[k]!;
    const { carPts, carBon, carPos, carCounted } = this;
    for (let s = 0; s < len; s++) {
      const e = order[s]!;
      const p = pos[e]!;
      carPos[s] = p;
      carPts[s] = eligible[e] && p ? cs.table[p - 1]! : 0;
      carBon[s] = 0;
      carCounted[s] = 1;
    }
    if (cs.bonuses.length) this.grantBonuses(k, cs, r, nClassified);
    if (c.bestCars > 0) this.excludeTeamCars(order, len);
    const driver = c.championship.competitor === 'driver';
    const scored = this.scoredIn[k]!;
    for (let s = 0; s < len; s++) {
      const e = order[s]!;
      if (!eligible[e]) continue;
      const hs = c.holders[e]!;
      let pts = carPts[s]!;
      let bn = carBon[s]!;
      let counted = carCounted[s]! && c.teamScores[e]!;
      if (driver && hs.length > 1) {
        const div = c.shareDivisor[e]!;
        if (div === 0) {
          pts = 0;
          bn = 0;
          counted = 0;
        } else if (div > 1) {
          pts /= div;
          bn /= div;
        }
      }
      const cellBits =
        ENTERED |
        STARTED |
        (s < nClassified && cs.recorded ? CLASSIFIED : 0) |
        (pts > 0 || bn > 0 ? SCORED : 0);
      for (let j = 0; j < hs.length; j++) {
        const i = hs[j]!;
        if (counted && !cs.bestShare) {
          res[i]! += pts;
          bon[i]! += bn;
          if (pts > 0 || bn > 0) scored[i] = this.epoch;
        }
        // Points withheld by a decision do not make a competitor one who scored.
        this.bits[i]! |= cs.withheld.length && cs.withheld.includes(i) ? cellBits & ~SCORED : cellBits;
      }
    }
    if (cs.bestShare) this.keepBestShare(order, len, res, bon, scored);
    for (const i of cs.withheld) {
      res[i] = 0;
      bon[i] = 0;
    }
  }

  /** Adds a bonus to the car in slot s (the direct path's `carBon` starts at 0 for each slot touched). */
  private addBonus(s: number, points: number): void {
    if (this.bonusSlotMark[s] !== this.bonusMark) {
      this.bonusSlotMark[s] = this.bonusMark;
      this.bonusSlots[this.bonusCount++] = s;
      if (this.direct) this.carBon[s] = 0;
    }
    this.carBon[s]! += points;
  }

  /** Adds each bonus's points to `carBon` by slot. */
  private grantBonuses(k: number, cs: ChampionshipSession, r: HypotheticalResult, nClassified: number): void {
    const c = this.compiled;
    const pos = this.entryPos[k]!;
    const slot = this.entrySlot[k]!;
    const stamp = this.entryStamp[k]!;
    const epoch = this.epoch;
    const order = r.order;
    for (const b of cs.bonuses) {
      const req = b.requires;
      if (b.kind === 'award') {
        const awards = r.awards;
        if (!awards) continue;
        // The awards of this kind and scope (their holders are counted among these only).
        const overall = b.scope === 'overall';
        if (this.matching.length < awards.length) this.matching = new Int32Array(awards.length);
        const matching = this.matching;
        let m = 0;
        for (let x = 0; x < awards.length; x++) {
          const a = awards[x]!;
          if (a.award === b.award && overall === (a.scope === 'overall')) matching[m++] = x;
        }
        for (let t = 0; t < m; t++) {
          const a = awards[matching[t]!]!;
          const e = a.entry;
          if (stamp[e] !== epoch || !c.eligible[e]) continue;
          if (!overall && c.entryClass[e] !== a.scope) continue;
          const s = slot[e]!;
          let holders = m;
          if (!overall) {
            holders = 0;
            for (let u = 0; u < m; u++) if (awards[matching[u]!]!.scope === a.scope) holders++;
          }
          let each = b.points;
          if (holders > 1) {
            // A tie: shared, the full bonus to each, or to the better finisher, as the rule says.
            const group = awards
              .filter((y) => y.award === a.award && y.scope === a.scope)
              .map((y) => y.entry);
            const finish = (g: number) =>
              stamp[g] === epoch && slot[g]! < nClassified ? slot[g]! + 1 : undefined;
            const tie = resolveTie(b.tie, fraction(b.points), group, finish);
            if (!tie.winners.includes(e)) continue;
            each = wholeUnits(tie.each);
          }
          if (!meets(req, s, pos[e]!, nClassified)) continue;
          this.addBonus(s, each);
        }
      } else {
        const laps = r.lapsLed;
        if (!laps) continue;
        if (b.kind === 'lap-led') {
          for (let s = 0; s < order.length; s++) {
            const e = order[s]!;
            if ((laps[s] ?? 0) > 0 && c.eligible[e] && meets(req, s, pos[e]!, nClassified))
              this.addBonus(s, b.points);
          }
        } else {
          let most = 0;
          for (let s = 0; s < order.length; s++) most = Math.max(most, laps[s] ?? 0);
          if (most === 0) continue;
          const slots: number[] = [];
          for (let s = 0; s < order.length; s++) if ((laps[s] ?? 0) === most) slots.push(s);
          const tie = resolveTie(b.tie, fraction(b.points), slots, (s) =>
            s < nClassified ? s + 1 : undefined,
          );
          const each = wholeUnits(tie.each);
          for (const s of tie.winners) {
            const e = order[s]!;
            if (c.eligible[e] && meets(req, s, pos[e]!, nClassified)) this.addBonus(s, each);
          }
        }
      }
    }
  }

  /** Only each team's best N cars of the session count: most points, then best position, then entry id. */
  private excludeTeamCars(order: ArrayLike<number>, len: number): void {
    const c = this.compiled;
    const { carPts, carBon, carPos, carCounted } = this;
    const slots: number[] = [];
    for (let s = 0; s < len; s++) if (c.eligible[order[s]!]) slots.push(s);
    const posKey = (s: number) => (carPos[s]! > 0 ? carPos[s]! : Infinity);
    slots.sort(
      (a, b) =>
        c.teamOf[order[a]!]! - c.teamOf[order[b]!]! ||
        carPts[b]! + carBon[b]! - (carPts[a]! + carBon[a]!) ||
        posKey(a) - posKey(b) ||
        this.entryRank[order[a]!]! - this.entryRank[order[b]!]!,
    );
    let team = -1;
    let kept = 0;
    for (const s of slots) {
      const t = c.teamOf[order[s]!]!;
      if (t !== team) {
        team = t;
        kept = 0;
      }
      carCounted[s] = kept < c.bestCars ? 1 : 0;
      kept++;
    }
  }

  /** A driver with several cars in one session keeps only the best car's share (the first on equal shares). */
  private keepBestShare(
    order: ArrayLike<number>,
    len: number,
    res: Float64Array,
    bon: Float64Array,
    scored: Int32Array,
  ): void {
    const c = this.compiled;
    const best = new Map<number, { total: number; pts: number; bn: number; counted: boolean }>();
    for (let s = 0; s < len; s++) {
      const e = order[s]!;
      if (!c.eligible[e]) continue;
      const hs = c.holders[e]!;
      let pts = this.carPts[s]!;
      let bn = this.carBon[s]!;
      let counted = Boolean(this.carCounted[s]! && c.teamScores[e]!);
      if (hs.length > 1) {
        const div = c.shareDivisor[e]!;
        if (div === 0) [pts, bn, counted] = [0, 0, false];
        else if (div > 1) [pts, bn] = [pts / div, bn / div];
      }
      for (const i of hs) {
        const b = best.get(i);
        if (!b || pts + bn > b.total) best.set(i, { total: pts + bn, pts, bn, counted });
      }
    }
    for (const [i, b] of best) {
      if (!b.counted) continue;
      res[i]! += b.pts;
      bon[i]! += b.bn;
      if (b.pts > 0 || b.bn > 0) scored[i] = this.epoch;
    }
  }

  /** Whether competitor i took part in remaining session k (every hypothetical row took the start). */
  private startedIn(k: number, i: number): boolean {
    const stamp = this.entryStamp[k]!;
    for (const e of this.entriesOf[i]!) if (stamp[e] === this.epoch) return true;
    return false;
  }

  /** Every drop rule in order, through the engine's own modules (exact; used where no window form exists). */
  private dropGeneric(rules: readonly DropRule[]): void {
    const c = this.compiled;
    const h = c.heldSessions.length;
    const sessions = [
      ...c.heldSessions.map((s) => ({ id: s.id, order: s.order, race: s.race, past: true, k: -1 })),
      ...Array.from(this.held.subarray(0, this.heldCount), (k) => {
        const s = c.season.sessions[k]!;
        return { id: s.id, order: s.order, race: s.race, past: false, k };
      }),
    ];
    const ctx = {
      seasonSessionIds: c.seasonSessionIds,
      finalEventSessionIds: c.finalEventSessionIds,
      rounds: c.rounds,
    };
    for (let i = 0; i < this.n; i++) {
      const res = sessions.map((s, j) => (s.past ? c.past.result[i * h + j]! : this.res[s.k]![i]!));
      const bon = sessions.map((s, j) => (s.past ? c.past.bonus[i * h + j]! : this.bon[s.k]![i]!));
      const started = sessions.map((s, j) =>
        s.past ? c.past.started[i * h + j] === 1 : this.startedIn(s.k, i),
      );
      for (const rule of rules) {
        const incl = rule.includeBonuses === true;
        const units: DropUnit[] = sessions.map((s, j) => ({
          sessionId: s.id,
          order: s.order,
          race: s.race,
          points: fraction(res[j]! + (incl ? bon[j]! : 0)),
          started: started[j]!,
        }));
        const dropped = dropModule(rule).drop(rule, units, ctx);
        sessions.forEach((s, j) => {
          if (!dropped.has(s.id)) return;
          this.totals[i]! -= res[j]! + (incl ? bon[j]! : 0);
          res[j] = 0;
          if (incl) bon[j] = 0;
        });
      }
    }
  }

  /** The tie-break record of a competitor after the last `score`. */
  recordOf(i: number): TieBreakRecord {
    let r = this.records[i];
    if (r && this.recordEpoch[i] === this.epoch) return r;
    const c = this.compiled;
    const positions = [...c.past.records[i]!];
    let firstScored = c.past.firstScored[i];
    for (let j = 0; j < this.heldCount; j++) {
      const k = this.held[j]!;
      const cs = c.sessions[k]!;
      if (firstScored === undefined && this.scoredIn[k]![i] === this.epoch)
        firstScored = { order: cs.order, race: cs.race };
      if (!cs.recorded) continue;
      // Every car's basis position in the session.
      const pos = this.entryPos[k]!;
      const stamp = this.entryStamp[k]!;
      for (const e of this.entriesOf[i]!) {
        const p = pos[e]!;
        if (stamp[e] === this.epoch && p > 0) positions.push({ order: cs.order, race: cs.race, position: p });
      }
    }
    r = { positions, scoringPlaces: c.scoringPlaces, firstScored };
    this.records[i] = r;
    this.recordEpoch[i] = this.epoch;
    return r;
  }

  /** Negative when competitor a ranks above b, positive when below, 0 when nothing separates them. */
  compare(a: number, b: number): number {
    const d = this.totals[b]! - this.totals[a]!;
    if (d !== 0) return d;
    for (const rule of this.compiled.tieBreaks) {
      const o = tieBreakModule(rule).order(rule, this.recordOf(a), this.recordOf(b));
      if (o !== 0) return o;
    }
    return 0;
  }

  private before = (a: number, b: number) =>
    this.compare(a, b) || this.compiled.nameRank[a]! - this.compiled.nameRank[b]!;

  /** The competitor ranked first after the last `score` (by name among a shared first place), or -1. */
  leader(): number {
    let best = -1;
    for (let i = 0; i < this.n; i++) {
      if (!this.listed[i]) continue;
      if (best < 0 || this.before(i, best) < 0) best = i;
    }
    return best;
  }

  /** The full ranking after the last `score`, with shared positions. */
  ranking(): FastRanking {
    const order: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.listed[i]) order.push(i);
    order.sort(this.before);
    const positions = this.rankPositions;
    order.forEach((i, slot) => {
      this.rankOrder[slot] = i;
      positions[slot] = slot > 0 && this.compare(order[slot - 1]!, i) === 0 ? positions[slot - 1]! : slot + 1;
    });
    return { order: this.rankOrder, count: order.length, positions };
  }

  /** The standings after the last `score` as rows with exact points. */
  rows(): FastRow[] {
    const { order, count, positions } = this.ranking();
    const rows: FastRow[] = [];
    for (let slot = 0; slot < count; slot++) {
      const i = order[slot]!;
      const shared =
        (slot > 0 && positions[slot - 1] === positions[slot]) ||
        (slot + 1 < count && positions[slot + 1] === positions[slot]);
      rows.push({
        position: positions[slot]!,
        shared,
        competitor: this.compiled.competitors[i]!,
        points: this.compiled.toFraction(this.totals[i]!),
      });
    }
    return rows;
  }
}
