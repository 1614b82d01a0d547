/**
 * Who is asking, and whether they may: the login cookie (HttpOnly, SameSite=Lax, Secure behind
 * TLS) or an API token (Authorization: Bearer), a CSRF token checked on every form post, and the
 * role a write needs in the season's series (src/app/accounts.ts says which role may what).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { parse as parseCookies } from 'hono/utils/cookie';
import { may, roleIn } from '../app/index.js';
import type { Login, Paddock, Permission } from '../app/index.js';
import { problem } from './problems.js';

export const LOGIN_COOKIE = 'paddock_login';
/** Before login there is no session to hold a CSRF token, so the login form double-submits one. */
export const PRELOGIN_CSRF_COOKIE = 'paddock_csrf';

/** Whether the request came over TLS (directly, or through a proxy that says so). */
export const isSecure = (c: Context, force: boolean | undefined): boolean =>
  force ?? (new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https');

export function setLoginCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, LOGIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: 12 * 3600,
  });
}

export const clearLoginCookie = (c: Context): void => void deleteCookie(c, LOGIN_COOKIE, { path: '/' });

/** The login cookie's token from a Cookie header, or undefined. */
export const loginToken = (cookieHeader: string | undefined): string | undefined =>
  cookieHeader ? parseCookies(cookieHeader, LOGIN_COOKIE)[LOGIN_COOKIE] : undefined;

/**
 * Who a request comes from: an API token when there is an Authorization header (an unknown or
 * revoked token is refused outright, so a client never mistakes it for anonymous access), else
 * the login cookie.
 */
export async function currentLogin(
  authorization: string | undefined,
  cookieToken: string | undefined,
  paddock: Paddock,
  now: Date,
): Promise<Login | undefined> {
  if (authorization !== undefined) {
    const login = await paddock.findTokenLogin(bearerToken(authorization));
    if (!login)
      throw problem(
        'auth.bad-token',
        'the API token is unknown or revoked',
        ['authorization'],
        'Send Authorization: Bearer <token> with a token from paddock token create or /account/tokens.',
      );
    return login;
  }
  return paddock.findLogin(cookieToken, now);
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Refuses a form post whose CSRF token is missing or wrong. */
export function checkCsrf(form: Record<string, unknown>, expected: string | undefined): void {
  const given = form['_csrf'];
  if (typeof given !== 'string' || !expected || !sameToken(given, expected))
    throw problem(
      'csrf.invalid',
      'the form has no valid CSRF token',
      ['_csrf'],
      'Reload the page and submit the form again.',
    );
}

/** The pre-login CSRF token (set as a cookie when missing). */
export function preloginCsrf(c: Context, secure: boolean): string {
  const existing = getCookie(c, PRELOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  setCookie(c, PRELOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/login' });
  return token;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export const bearerToken = (header: string | undefined): string | undefined => {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
};

/** Requires someone logged in (a cookie, or an API token). */
export function requireLogin(login: Login | undefined): Login {
  if (!login) throw problem('auth.login-required', 'log in to change results', [], 'Go to /login.');
  return login;
}

const ROLE_HINT: Record<Permission, string> = {
  results: 'a steward or organiser of the series',
  decisions: 'a steward or organiser of the series',
  rulebook: 'an organiser of the series',
  setup: 'an organiser of the series',
  revert: 'an organiser of the series',
  roles: 'an organiser of the series',
};

/**
 * Requires a login that may do `permission` in a series: 401 for nobody, 403 for a role that may
 * not (a steward of one series is nobody in another).
 */
export function authorize(login: Login | undefined, permission: Permission, seriesId: string): Login {
  const who = requireLogin(login);
  if (!may(who, permission, seriesId)) {
    const role = roleIn(who, seriesId);
    throw problem(
      'auth.forbidden',
      `${who.email} ${role ? `is a ${role} of` : 'has no role in'} series "${seriesId}": ${permission} needs ${ROLE_HINT[permission]}`,
      [],
      'Ask an organiser of the series or the instance administrator for a role.',
    );
  }
  return who;
}

/** Requires the instance administrator. */
export function requireAdmin(login: Login | undefined): Login {
  const who = requireLogin(login);
  if (!who.admin) throw problem('auth.forbidden', 'only the instance administrator may do this');
  return who;
}
