/**
 * Choosing which results to drop. The lowest go first; among equal results a race not started goes
 * before a real result, then the later race before the earlier, so the choice is deterministic.
 */
import { compare } from '../../fraction.js';
import type { DropUnit } from '../types.js';

export function lowestFirst(units: readonly DropUnit[]): DropUnit[] {
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
