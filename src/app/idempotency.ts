/**
 * Idempotency keys for write requests (the IETF draft's `Idempotency-Key` header): a client that
 * got no answer sends the same request again with the same key, and gets the first answer instead
 * of a second application. Keys are per account and kept a day, in the database, so every server
 * sees them.
 *
 * An answer is kept once it exists, never a claim: a crash cannot leave a key blocked. A change
 * answered `{ season, version }` keeps its answer in the same transaction as its revision
 * (Change.requestKey), so a retry after a crash between the two still gets it. While a request is
 * being answered its key is held in this process (`inFlight`), and a retry arriving meanwhile is
 * told to wait. Should two servers answer the same retry at once, the season version in If-Match
 * lets only one change through, and the other returns the kept answer of the first instead of its
 * own refusal.
 */
import type { Store } from '../store/store.js';

/** How long an answer is kept for retries. */
export const KEEP_MS = 24 * 3600_000;
/** The longest key accepted. */
export const MAX_KEY_LENGTH = 255;

export interface KeptAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A request key with what makes the request itself (method, path, body hash). */
export interface RequestKey {
  readonly email: string;
  readonly key: string;
  readonly fingerprint: string;
}

export type Idempotency =
  /**
   * No answer is kept for this key: answer the request, then `finish` with the answer (undefined
   * when it failed and must not be kept). `finish` gives the answer to send: the request's own, or
   * the one another server kept first.
   */
  | { readonly kind: 'first'; finish(answer: KeptAnswer | undefined): Promise<KeptAnswer | undefined> }
  /** The key was answered before: send that answer again. */
  | { readonly kind: 'replay'; readonly answer: KeptAnswer }
  /** The first request with this key is still being answered here. */
  | { readonly kind: 'in-progress' }
  /** The key was used for a different request. */
  | { readonly kind: 'reused' };

/** Whether a client's key is acceptable: 1 to 255 visible ASCII characters. */
export const validKey = (key: string): boolean =>
  key.length > 0 && key.length <= MAX_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);

/** The kept answer for a request, or why there is none to use. */
async function kept(store: Store, request: RequestKey): Promise<Idempotency | undefined> {
  const row = await store.findIdempotencyKey(request.email, request.key);
  if (!row) return undefined;
  if (row.fingerprint !== request.fingerprint) return { kind: 'reused' };
  return { kind: 'replay', answer: { status: row.status, contentType: row.contentType, body: row.body } };
}

/** Looks the key up; `inFlight` holds the keys this process is answering now. */
export async function beginIdempotent(
  store: Store,
  inFlight: Set<string>,
  request: RequestKey,
  now: Date,
): Promise<Idempotency> {
  await store.forgetIdempotentAnswers(new Date(now.getTime() - KEEP_MS).toISOString());
  const found = await kept(store, request);
  if (found) return found;
  const held = `${request.email}\0${request.key}`;
  if (inFlight.has(held)) return { kind: 'in-progress' };
  inFlight.add(held);
  return {
    kind: 'first',
    async finish(answer) {
      try {
        if (!answer) return undefined;
        if (await store.keepIdempotentAnswer(request, answer, now.toISOString())) return answer;
        // Kept already: by the change's own transaction, or by another server answering first.
        const first = await kept(store, request);
        return first?.kind === 'replay' ? first.answer : answer;
      } finally {
        inFlight.delete(held);
      }
    },
  };
}
