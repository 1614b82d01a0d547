/**
 * The login throttle, kept in the database so every server shares it and a restart forgets
 * nothing. Each failed login counts against the account and against the address it came from.
 * The first few failures cost nothing (typos); after that each attempt must wait twice as long
 * as the one before, up to a ceiling. An attempt made while waiting is refused without checking
 * the password and without counting, so an attacker cannot lock an owner out for longer than the
 * ceiling: the right password always works again after at most `MAX_DELAY_MS`.
 */
import type { Store } from '../store/store.js';

/** Failures allowed before any wait: enough for typos. */
export const FREE_FAILURES = 5;
/** The wait after the first failure beyond the free ones; it doubles with each further failure. */
export const FIRST_DELAY_MS = 1000;
/** The longest wait, whatever the count: 15 minutes. */
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures are forgotten a day after the last one. */
export const FORGET_AFTER_MS = 24 * 3600_000;

/** The wait after `failures` failed attempts (0 while they are free). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const doublings = Math.min(failures - FREE_FAILURES, 20);
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}

/** The keys a login attempt counts against. */
export const throttleKeys = (email: string, address: string): string[] => [
  `email:${email.trim().toLowerCase()}`,
  `ip:${address}`,
];

/** How long (ms) an attempt for these keys must still wait; 0 when it may go ahead. */
export async function loginWait(store: Store, keys: readonly string[], now: Date): Promise<number> {
  let wait = 0;
  for (const row of await store.findLoginFailures(keys)) {
    const last = Date.parse(row.lastAt);
    if (now.getTime() - last >= FORGET_AFTER_MS) continue;
    wait = Math.max(wait, last + delayAfter(row.failures) - now.getTime());
  }
  return Math.max(0, wait);
}

/** Counts a failed attempt against each key. */
export async function recordLoginFailure(store: Store, keys: readonly string[], now: Date): Promise<void> {
  await store.recordLoginFailure(
    keys,
    now.toISOString(),
    new Date(now.getTime() - FORGET_AFTER_MS).toISOString(),
  );
}

/** Forgets an account's failures once it has logged in (the address's count stays). */
export async function clearLoginFailures(store: Store, email: string): Promise<void> {
  await store.clearLoginFailures(`email:${email.trim().toLowerCase()}`);
}
