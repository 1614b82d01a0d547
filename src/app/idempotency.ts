/**
 * Idempotency keys for write requests (the IETF draft's `Idempotency-Key` header): a client that
 * got no answer sends the same request again with the same key, and gets the first answer instead
 * of a second application. Keys are per account, kept a day, and stored in the database so every
 * server sees them. The first request claims the key atomically before it is handled; a retry
 * arriving meanwhile is told to wait. A claim whose request never finished (the server died) is
 * taken over after `STALE_CLAIM_MS`: the retry is then handled afresh, and the season version it
 * carries (If-Match) still keeps an edit from being applied twice.
 */
import type { Store } from '../store/store.js';

/** How long an answer is kept for retries. */
export const KEEP_MS = 24 * 3600_000;
/** A claim older than this without an answer belonged to a request that died. */
export const STALE_CLAIM_MS = 60_000;
/** The longest key accepted. */
export const MAX_KEY_LENGTH = 255;

export interface KeptAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export type Idempotency =
  /** This request holds the key: answer it, then `complete` (or `release` when it failed). */
  | {
      readonly kind: 'first';
      complete(answer: KeptAnswer): Promise<void>;
      release(): Promise<void>;
    }
  /** The key was answered before: send that answer again. */
  | { readonly kind: 'replay'; readonly answer: KeptAnswer }
  /** The first request with this key is still being answered. */
  | { readonly kind: 'in-progress' }
  /** The key was used for a different request. */
  | { readonly kind: 'reused' };

/** Whether a client's key is acceptable: 1 to 255 visible ASCII characters. */
export const validKey = (key: string): boolean =>
  key.length > 0 && key.length <= MAX_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);

/** Looks the key up for `email`'s request (`fingerprint`: method, path and body hash) and claims it if new. */
export async function beginIdempotent(
  store: Store,
  email: string,
  key: string,
  fingerprint: string,
  now: Date,
): Promise<Idempotency> {
  await store.releaseIdempotencyKeys({ before: new Date(now.getTime() - KEEP_MS).toISOString() });
  const first: Idempotency = {
    kind: 'first',
    complete: (answer) => store.completeIdempotencyKey(email, key, answer),
    release: () => store.releaseIdempotencyKeys({ email, key }),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await store.claimIdempotencyKey({ email, key, fingerprint, createdAt: now.toISOString() }))
      return first;
    const kept = await store.findIdempotencyKey(email, key);
    if (!kept) continue; // released meanwhile: claim again
    if (kept.fingerprint !== fingerprint) return { kind: 'reused' };
    if (kept.status !== undefined)
      return {
        kind: 'replay',
        answer: {
          status: kept.status,
          contentType: kept.contentType ?? 'application/json',
          body: kept.body ?? '',
        },
      };
    if (now.getTime() - Date.parse(kept.createdAt) < STALE_CLAIM_MS) return { kind: 'in-progress' };
    await store.releaseIdempotencyKeys({ email, key }); // its request died: take the key over
  }
  return { kind: 'in-progress' };
}
