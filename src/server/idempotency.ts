/**
 * `Idempotency-Key` on the API's writes (issue 15): a client that got no answer sends the request
 * again with the same key and gets the first answer (marked `Idempotent-Replayed: true`) instead
 * of the change being applied twice. The key is looked up before the request is handled
 * (src/app/idempotency.ts), per account; a key reused for a different request (another method,
 * path or body) is refused with 422, and a retry that arrives while the first is still being
 * answered gets 409 and `Retry-After: 1`. Answers of 500 and above are not kept, so the retry is
 * handled afresh (the season version in If-Match still guards the change).
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { validKey } from '../app/idempotency.js';
import type { Env } from './context.js';
import { HttpProblem, problem } from './problems.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What makes two requests "the same": method, path and query, and the body's content. */
async function fingerprint(request: Request): Promise<string> {
  const hash = createHash('sha256');
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    // A client builds a new boundary for each attempt: compare the fields, not the bytes.
    const form = await request.clone().formData();
    for (const [name, value] of form.entries()) {
      hash.update(`${name}\0`);
      hash.update(typeof value === 'string' ? value : new Uint8Array(await value.arrayBuffer()));
      hash.update('\0');
    }
  } else hash.update(new Uint8Array(await request.clone().arrayBuffer()));
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}${url.search}\n${hash.digest('base64url')}`;
}

export const idempotencyKeys: MiddlewareHandler<Env> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  const login = c.var.login;
  if (key === undefined || !UNSAFE.has(c.req.method) || !login) return next();
  if (!validKey(key))
    throw problem(
      'request.bad-idempotency-key',
      'Idempotency-Key must be 1 to 255 visible ASCII characters',
      ['Idempotency-Key'],
      'Send a new random value (a UUID) for each distinct change, and the same one when retrying it.',
    );
  const request = { email: login.email, key, fingerprint: await fingerprint(c.req.raw) };
  const state = await c.var.deps.paddock.idempotent(request, c.var.deps.now());
  switch (state.kind) {
    case 'replay':
      return c.body(state.answer.body, state.answer.status as 200, {
        'Content-Type': state.answer.contentType,
        'Idempotent-Replayed': 'true',
      });
    case 'in-progress':
      throw new HttpProblem(
        [
          {
            code: 'idempotency.in-progress',
            path: ['Idempotency-Key'],
            message: 'a request with this Idempotency-Key is still being answered',
          },
        ],
        409,
        { 'Retry-After': '1' },
      );
    case 'reused':
      throw problem(
        'idempotency.key-reused',
        'this Idempotency-Key was used for a different request',
        ['Idempotency-Key'],
        'Use a new key for each distinct change.',
      );
    case 'first':
      break;
  }
  c.set('requestKey', request);
  await next();
  const own =
    c.res.status >= 500
      ? undefined
      : {
          status: c.res.status,
          contentType: c.res.headers.get('content-type') ?? 'application/json',
          body: await c.res.clone().text(),
        };
  const sent = await state.finish(own);
  // Another server answered the same retry first: its answer is the one to give.
  if (own && sent && sent !== own)
    c.res = new Response(sent.body, {
      status: sent.status,
      headers: { 'Content-Type': sent.contentType, 'Idempotent-Replayed': 'true' },
    });
};
