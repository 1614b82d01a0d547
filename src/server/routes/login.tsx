/** Logging in and out: the login form (with a double-submit CSRF token) and the login cookie. */
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext, Env } from '../context.js';
import {
  checkCsrf,
  clearLoginCookie,
  isSecure,
  LOGIN_COOKIE,
  preloginCsrf,
  PRELOGIN_CSRF_COOKIE,
  setLoginCookie,
} from '../auth.js';
import { LoginPage } from '../pages/edit-pages.js';
import type { FieldErrors } from '../pages/edit-pages.js';
import { throttleKeys } from '../../app/index.js';
import { HttpProblem } from '../problems.js';
import { readForm } from '../forms.js';

const secure = (c: AppContext) => isSecure(c, c.var.deps.secureCookies);

/** Only a path on this site (no scheme, no //host) may be the page to come back to. */
const safeNext = (next: string | undefined) =>
  next !== undefined && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) ? next : '/';

const loginForm = z.object({
  email: z.string().trim().toLowerCase().max(320).default(''),
  password: z.string().max(1024).default(''),
  next: z.string().max(2048).optional(),
});

/** The address a request came from ('local' for in-process requests, which have no socket). */
export function remoteAddress(c: AppContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

export const loginRoutes = new Hono<Env>();

loginRoutes.get('/login', (c) => {
  const next = c.req.query('next');
  return c.html(<LoginPage csrf={preloginCsrf(c, secure(c))} {...(next ? { next } : {})} />);
});

loginRoutes.post('/login', async (c) => {
  const { paddock, now } = c.var.deps;
  const { raw, values } = await readForm(c, loginForm);
  checkCsrf(raw, getCookie(c, PRELOGIN_CSRF_COOKIE));
  const { email, password } = values;
  // The throttle lives in the database (src/app/login-throttle.ts): shared by every server.
  const keys = throttleKeys(email, remoteAddress(c));
  const wait = await paddock.loginWait(keys, now());
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    c.var.deps.logger.warn(
      { reqId: c.var.requestId, event: 'login.throttled', email, address: remoteAddress(c), waitS: seconds },
      'login refused while throttled',
    );
    throw new HttpProblem(
      [
        {
          code: 'rate-limit.login',
          path: [],
          message: `too many failed login attempts: wait ${seconds} s`,
          hint: `Try again in ${seconds} s; each further failure doubles the wait (at most 15 minutes).`,
        },
      ],
      429,
      { 'Retry-After': String(seconds) },
    );
  }
  const result = await paddock.logIn(email, password, now());
  if (!result) {
    await paddock.recordLoginFailure(keys, now());
    c.var.deps.logger.warn(
      { reqId: c.var.requestId, event: 'login.failed', email, address: remoteAddress(c) },
      'failed login',
    );
    const errors: FieldErrors = new Map([['', ['Wrong email or password.']]]);
    return c.html(<LoginPage csrf={preloginCsrf(c, secure(c))} errors={errors} email={email} />, 401);
  }
  await paddock.clearLoginFailures(email);
  c.var.deps.logger.info({ reqId: c.var.requestId, event: 'login', email }, 'logged in');
  setLoginCookie(c, result.token, secure(c));
  return c.redirect(safeNext(values.next), 303);
});

loginRoutes.post('/logout', async (c) => {
  const { raw } = await readForm(c, z.object({}));
  const login = c.get('login');
  if (login) {
    checkCsrf(raw, login.csrfToken);
    await c.var.deps.paddock.logOut(getCookie(c, LOGIN_COOKIE) ?? '');
  }
  clearLoginCookie(c);
  return c.redirect('/', 303);
});
