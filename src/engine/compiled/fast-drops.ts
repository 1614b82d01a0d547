/**
 * Drop rules as windows over the compiled championship's units, shared by the per-championship
 * scorer and the season scorer: a window's past units are sorted once at compile time (with prefix
 * sums), so a remainder merges only the new units of the competitors who scored in it.
 */
import type { DropRule } from '../rulebook.js';
import { dropWindowsOf } from './fast-rules.js';
import type { DropWindow } from './fast-rules.js';
import type { CompiledChampionship } from './types.js';

export interface FastDropWindow {
  readonly window: DropWindow;
  /** Per remaining session: 1 when it lies in the window. */
  readonly inWindow: Uint8Array;
  /** Held sessions of the window so far. */
  readonly pastHeld: number;
  /** Per competitor, past unit values in the window, ascending. */
  readonly past: readonly Float64Array[];
  /** Per competitor, sums of its t lowest past values (t = 0..held), when none is negative. */
  readonly pastLowest: readonly (Float64Array | undefined)[];
}

export interface FastDrop {
  readonly rule: DropRule;
  readonly windows: readonly FastDropWindow[];
}

/** A drop rule's windows with the past units sorted, or undefined when the rule has no window form. */
export function compileFastDrop(compiled: CompiledChampionship, rule: DropRule): FastDrop | undefined {
  const n = compiled.competitors.length;
  const h = compiled.heldSessions.length;
  const { result, bonus } = compiled.past;
  const windows = dropWindowsOf(rule, {
    seasonSessionIds: compiled.seasonSessionIds,
    finalEventSessionIds: compiled.finalEventSessionIds,
  });
  if (!windows) return undefined;
  const incl = rule.includeBonuses === true;
  return {
    rule,
    windows: windows.map((window) => {
      const past = Array.from({ length: n }, (_, i) => {
        const values: number[] = [];
        compiled.heldSessions.forEach((s, j) => {
          if (window.sessions.has(s.id)) values.push(result[i * h + j]! + (incl ? bonus[i * h + j]! : 0));
        });
        return Float64Array.from(values.sort((a, b) => a - b));
      });
      return {
        window,
        inWindow: Uint8Array.from(compiled.season.sessions, (rs) => (window.sessions.has(rs.id) ? 1 : 0)),
        pastHeld: compiled.heldSessions.filter((s) => window.sessions.has(s.id)).length,
        past,
        pastLowest: past.map((values) => {
          if (values.length && values[0]! < 0) return undefined;
          const sums = new Float64Array(values.length + 1);
          values.forEach((v, t) => (sums[t + 1] = sums[t]! + v));
          return sums;
        }),
      };
    }),
  };
}

/** The remaining sessions scored this time and each competitor's points in them. */
export interface HeldUnits {
  /** Indices (into the remaining sessions) of the sessions scored, `heldCount` of them. */
  readonly held: Int32Array;
  readonly heldCount: number;
  /** Per remaining session, result and bonus points per competitor (valid for the held ones). */
  readonly res: readonly Float64Array[];
  readonly bon: readonly Float64Array[];
  /** Per competitor, 1 when it has a nonzero unit in a held session. */
  readonly gained: Uint8Array;
}

/**
 * Takes each window's dropped units off `totals`: for a competitor who gained nothing new (and has
 * no negative past unit) the new zeros go first, then the prefix sum of the lowest past units;
 * otherwise the q lowest of the past units merged with the new ones. `units` is scratch space.
 * Competitors 0 to count - 1, or the first `count` of `only`.
 */
export function applyFastDrop(
  fd: FastDrop,
  held: HeldUnits,
  totals: Float64Array,
  units: Float64Array,
  only?: Int32Array,
  count: number = totals.length,
): void {
  const incl = fd.rule.includeBonuses === true;
  const { res, bon, gained, heldCount } = held;
  const heldList = held.held;
  for (const w of fd.windows) {
    const { inWindow, pastLowest } = w;
    let newHeld = 0;
    for (let j = 0; j < heldCount; j++) if (inWindow[heldList[j]!]) newHeld++;
    const q = w.window.dropCount(w.pastHeld + newHeld);
    if (q === 0) continue;
    for (let t = 0; t < count; t++) {
      const i = only === undefined ? t : only[t]!;
      const lowest = pastLowest[i];
      if (lowest !== undefined && !gained[i]) {
        if (q > newHeld) totals[i]! -= lowest[Math.min(q - newHeld, lowest.length - 1)]!;
        continue;
      }
      // The new units (few: insertion sort), then the q lowest of past and new by merging.
      let m = 0;
      for (let j = 0; j < heldCount; j++) {
        const k = heldList[j]!;
        if (!inWindow[k]) continue;
        const v = res[k]![i]! + (incl ? bon[k]![i]! : 0);
        let x = m++;
        while (x > 0 && units[x - 1]! > v) {
          units[x] = units[x - 1]!;
          x--;
        }
        units[x] = v;
      }
      if (lowest !== undefined) {
        // The q lowest of the past units (ascending, prefix sums in `lowest`) and the new ones
        // (ascending in `units`) are the j lowest new and the q - j lowest past for some j: the
        // split with the smallest sum (any other split sums q of the units too, so no less). The
        // same sum as merging (whole units), with no branch on the values.
        const pastCount = lowest.length - 1;
        let dropped = Infinity;
        let newSum = 0;
        for (let j = 0; j <= q && j <= m; j++) {
          if (j > 0) newSum += units[j - 1]!;
          if (q - j <= pastCount) dropped = Math.min(dropped, newSum + lowest[q - j]!);
        }
        totals[i]! -= dropped;
        continue;
      }
      const pastUnits = w.past[i]!;
      let a = 0;
      let b = 0;
      let dropped = 0;
      for (let t = 0; t < q; t++) {
        if (b >= m || (a < pastUnits.length && pastUnits[a]! <= units[b]!)) dropped += pastUnits[a++]!;
        else dropped += units[b++]!;
      }
      totals[i]! -= dropped;
    }
  }
}
