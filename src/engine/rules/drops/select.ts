/**
 * Choosing which results to drop. The lowest go first; among equal results a race not started goes
 * before a real result, then the later race before the earlier, so the choice is deterministic.
 */
import { compare } from '../../fraction.js';
import type { DropUnit } from '../types.js';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Units from the lowest points up; ties as the module comment says. Does not mutate its input. */
export function lowestFirst(units: readonly DropUnit[]): DropUnit[] {
  const n = units.length;
  // Whole points (the usual case) are compared as safe integers, exactly, without BigInt work.
  const keys = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const p = units[i]!.points;
    if (p.den !== 1n || p.num > SAFE || p.num < -SAFE) return lowestFirstExact(units);
    keys[i] = Number(p.num);
  }
  const before = (a: number, b: number) => {
    const ua = units[a]!;
    const ub = units[b]!;
    return (keys[a]! - keys[b]! || Number(ua.started) - Number(ub.started) || ub.order - ua.order) < 0;
  };
  // A season's units are few (one per race): an insertion sort of their indexes beats a sort call.
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let j = i - 1;
    while (j >= 0 && before(i, order[j]!)) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = i;
  }
  const sorted = new Array<DropUnit>(n);
  for (let i = 0; i < n; i++) sorted[i] = units[order[i]!]!;
  return sorted;
}

function lowestFirstExact(units: readonly DropUnit[]): DropUnit[] {
  return [...units].sort(
    (a, b) => compare(a.points, b.points) || Number(a.started) - Number(b.started) || b.order - a.order,
  );
}

/** Keeps the best `count` units and drops the rest with `reason`. */
export function keepBest(units: readonly DropUnit[], count: number, reason: string): Map<string, string> {
  const dropped = new Map<string, string>();
  const excess = units.length - count;
  if (excess <= 0) return dropped;
  for (const u of lowestFirst(units).slice(0, excess)) dropped.set(u.sessionId, reason);
  return dropped;
}
