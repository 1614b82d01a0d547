/**
 * Form posts are checked against where they come from (ASVS 4.2.2, on top of each form's CSRF
 * token): a browser names the page's origin in `Origin` and `Sec-Fetch-Site`, and a post from
 * another site is refused with 403. Hono's `csrf` middleware makes that check; it is applied only
 * to requests that carry either header, because scripts and timing systems (curl with an API
 * token) send neither and cannot be tricked into posting by a browser. The origin is compared by
 * host, so a server behind a TLS proxy (http inside, https outside) accepts its own pages.
 */
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { MiddlewareHandler } from 'hono';
import type { Env } from './context.js';
import { problem } from './problems.js';

const browserCheck = csrf({
  origin: (origin, c) => {
    try {
      return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
    } catch {
      return false;
    }
  },
});

export const checkOrigin: MiddlewareHandler<Env> = async (c, next) => {
  if (c.req.header('origin') === undefined && c.req.header('sec-fetch-site') === undefined) return next();
  try {
    return await browserCheck(c, next);
  } catch (e) {
    if (e instanceof HTTPException && e.status === 403)
      throw problem(
        'csrf.cross-site',
        'this form was sent from another site, so it was refused',
        [],
        'Open the form on this site and send it again.',
      );
    throw e;
  }
};
