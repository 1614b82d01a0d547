/**
 * Per-session results from the choices of the search over multisets of places (aggregate-passes.ts):
 * each rival's places in a class coloured into the class's sessions, each award matched to a
 * session its holder takes part in. The caller scores the result exactly: a choice set this cannot
 * realise in full gives a witness with fewer passes, never a wrong answer.
 */
import type {
  CompiledChampionship,
  HypotheticalAward,
  HypotheticalResult,
  Remainder,
} from '../compiled/types.js';
import type { Take } from './aggregate-witness.js';

/** An award of a class of alike sessions, one resource per award and scope id. */
export interface AwardResource {
  readonly award: HypotheticalAward['award'];
  /** Scope id: 'overall' or a class id. */
  readonly scope: string;
  readonly points: number;
  /** The holder must finish in the top N (0: no such condition). */
  readonly topN: number;
}

export interface SessionClass {
  /** Indices into inScope. */
  readonly sessions: readonly number[];
  readonly k: number;
  readonly table: Float64Array;
  /** Places 1..places can be taken. */
  readonly places: number;
  readonly awards: readonly AwardResource[];
  /** Rivals (positions in `candidates`) with a car in some session of the class. */
  readonly rivals: readonly number[];
}

/** Steps of the backtracking that places rivals entered for only some sessions of a class. */
const REALISE_STEPS = 100_000;

/**
 * Per-session results from the rivals' takes: places coloured into sessions (König's alternating
 * paths), then each award matched to a session its holder takes part in (within its top N).
 */
export function realise(
  champ: CompiledChampionship,
  classes: readonly SessionClass[],
  inScope: readonly number[],
  carOf: readonly Int32Array[],
  awardOf: readonly (readonly (readonly number[])[])[],
  chosen: readonly (readonly Take[] | undefined)[],
): Remainder {
  const remainder: HypotheticalResult[] = champ.season.sessions.map(() => ({ order: [] }));
  classes.forEach((cls, q) => {
    const K = cls.k;
    // atRival[x][s] = place in session s (0 none); atPlace[p][s] = rival (-1 none).
    const atRival = new Map<number, Int32Array>();
    const atPlace = Array.from({ length: cls.places + 1 }, () => new Int32Array(K).fill(-1));
    const rowOf = (x: number) => {
      let row = atRival.get(x);
      if (!row) atRival.set(x, (row = new Int32Array(K)));
      return row;
    };
    // Every rival entered for every session: König's alternating paths colour the places.
    const colourPlaces = () =>
      chosen.forEach((takes, x) => {
        if (!takes) return;
        for (const p of takes[q]!.places) {
          const row = rowOf(x);
          const a = row.indexOf(0);
          const b = atPlace[p]!.indexOf(-1);
          if (a < 0 || b < 0) throw new Error(`aggregatePasses: take over capacity (rival ${x}, place ${p})`);
          if (atPlace[p]![a] !== -1) {
            // Flip the path from place p alternating colours a (taken at p) and b (free at p).
            let place = p;
            const colour = a;
            const other = b;
            const path: [number, number, number][] = [];
            for (;;) {
              const y = atPlace[place]![colour]!;
              if (y === -1) break;
              path.push([y, place, colour]);
              const next = rowOf(y)[other]!;
              if (next === 0) break;
              path.push([y, next, other]);
              // From a rival the path goes on by colour b, from a place by colour a.
              place = next;
            }
            // Unset every edge of the path, then set each with the other colour.
            for (const [y, pl, col] of path) {
              rowOf(y)[col] = 0;
              atPlace[pl]![col] = -1;
            }
            for (const [y, pl, col] of path) {
              const flipped = col === a ? b : a;
              rowOf(y)[flipped] = pl;
              atPlace[pl]![flipped] = y;
            }
          }
          row[a] = p;
          atPlace[p]![a] = x;
        }
      });
    // Some rival entered for only some sessions: a bounded backtracking (the witness says how it went).
    // Some rival entered for only some sessions: a bounded backtracking that places next the copy
    // of a place with the fewest sessions still open to it (copies of one rival's place in
    // increasing sessions, so no order of them is tried twice); the witness says how it went.
    const assignPlaces = () => {
      const items: [number, number][] = [];
      chosen.forEach((takes, x) => {
        if (takes) for (const p of takes[q]!.places) items.push([x, p]);
      });
      const at = new Int32Array(items.length).fill(-1);
      // The same rival's copy of the same place just before (-1 none).
      const twin = items.map((it, i) =>
        i > 0 && items[i - 1]![0] === it[0] && items[i - 1]![1] === it[1] ? i - 1 : -1,
      );
      const twinAfter = items.map((it, i) =>
        i + 1 < items.length && items[i + 1]![0] === it[0] && items[i + 1]![1] === it[1] ? i + 1 : -1,
      );
      const open = (i: number, s: number) => {
        const [x, p] = items[i]!;
        if (!enteredIn(x, s) || rowOf(x)[s] !== 0 || atPlace[p]![s] !== -1) return false;
        const before = twin[i]!;
        if (before >= 0 && at[before]! >= 0 && at[before]! >= s) return false;
        const after = twinAfter[i]!;
        return !(after >= 0 && at[after]! >= 0 && at[after]! <= s);
      };
      let steps = 0;
      let left = items.length;
      const place = (): boolean => {
        if (left === 0) return true;
        if (++steps > REALISE_STEPS) return false;
        let pick = -1;
        let fewest = Infinity;
        for (let i = 0; i < items.length && fewest > 0; i++) {
          if (at[i]! >= 0) continue;
          let n = 0;
          for (let s = 0; s < K; s++) if (open(i, s)) n++;
          if (n < fewest) {
            fewest = n;
            pick = i;
          }
        }
        if (fewest === 0) return false;
        const [x, p] = items[pick]!;
        const row = rowOf(x);
        for (let s = 0; s < K; s++) {
          if (!open(pick, s)) continue;
          row[s] = p;
          atPlace[p]![s] = x;
          at[pick] = s;
          left--;
          if (place()) return true;
          left++;
          at[pick] = -1;
          row[s] = 0;
          atPlace[p]![s] = -1;
        }
        return false;
      };
      if (place()) return;
      // Too tangled: each item where it fits (fewer places taken; the witness scores what it is).
      for (const [x, p] of items) {
        const row = rowOf(x);
        for (let s = 0; s < K; s++)
          if (enteredIn(x, s) && row[s] === 0 && atPlace[p]![s] === -1) {
            row[s] = p;
            atPlace[p]![s] = x;
            break;
          }
      }
    };
    const enteredIn = (x: number, s: number) => carOf[cls.sessions[s]!]![x]! >= 0;
    const everywhere = chosen.every((takes, x) => !takes || cls.sessions.every((_, s) => enteredIn(x, s)));
    if (everywhere) colourPlaces();
    else assignPlaces();
    cls.sessions.forEach((j, s) => {
      const order: number[] = [];
      for (let p = 1; p <= cls.places; p++) {
        const x = atPlace[p]![s]!;
        if (x >= 0) order.push(carOf[j]![x]!);
      }
      remainder[inScope[j]!] = { order, awards: [] };
    });
    // Awards: each unit to a session where its holder takes part, one holder per session.
    cls.awards.forEach((award, ai) => {
      const holderAt = new Int32Array(K).fill(-1);
      const units: number[] = [];
      chosen.forEach((takes, x) => {
        if (takes && awardOf[q]![x]!.includes(ai))
          for (let n = 0; n < takes[q]!.awards[ai]!; n++) units.push(x);
      });
      const can = (x: number, s: number) => {
        const p = atRival.get(x)?.[s] ?? 0;
        return p > 0 && (award.topN === 0 || p <= award.topN);
      };
      const usedBy = new Int32Array(K).fill(-1);
      const tryUnit = (u: number, seen: Uint8Array): boolean => {
        for (let s = 0; s < K; s++) {
          if (seen[s] || !can(units[u]!, s)) continue;
          if (holderAt[s] === units[u]) continue;
          seen[s] = 1;
          if (usedBy[s] === -1 || tryUnit(usedBy[s]!, seen)) {
            usedBy[s] = u;
            holderAt[s] = units[u]!;
            return true;
          }
        }
        return false;
      };
      units.forEach((_, u) => tryUnit(u, new Uint8Array(K)));
      cls.sessions.forEach((j, s) => {
        const x = holderAt[s]!;
        if (x < 0) return;
        const r = remainder[inScope[j]!]!;
        remainder[inScope[j]!] = {
          ...r,
          awards: [...(r.awards ?? []), { award: award.award, scope: award.scope, entry: carOf[j]![x]! }],
        };
      });
    });
  });
  return remainder;
}
