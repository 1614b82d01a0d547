/**
 * Who is asking, and whether they may: the login cookie (HttpOnly, SameSite=Lax, Secure behind
 * TLS), a CSRF token checked on every form post, and a limit on login attempts.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { parse as parseCookies } from 'hono/utils/cookie';
import { canEdit } from '../app/index.js';
import type { Login, Paddock, Role } from '../app/index.js';
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

/** The login a cookie token belongs to, or undefined. */
export async function currentLogin(
  token: string | undefined,
  paddock: Paddock,
  now: Date,
): Promise<Login | undefined> {
  return paddock.findLogin(token, now);
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

/** Requires a login with a role that may edit; viewers and strangers are refused. */
export function requireEditor(login: Login | undefined): Login & { role: Role } {
  if (!login) throw problem('auth.login-required', 'log in to change results', [], 'Go to /login.');
  if (!canEdit(login.role))
    throw problem(
      'auth.forbidden',
      `a ${login.role} may not change results`,
      [],
      'Ask an admin for the steward role.',
    );
  return login;
}

/** Requires an admin (the rulebook). */
export function requireAdmin(login: Login | undefined): Login & { role: Role } {
  const editor = requireEditor(login);
  if (editor.role !== 'admin') throw problem('auth.forbidden', 'only an admin may change the rulebook');
  return editor;
}

/**
 * Failed login attempts allowed per window, per address and per account: 5 in 15 minutes, enough for
 * typos and far too few for guessing.
 */
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();
  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  /** Whether any key has used up its failed attempts in the window. */
  blocked(keys: readonly string[], now: number): boolean {
    return keys.some(
      (key) => (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs).length >= this.max,
    );
  }

  /** Records a failed attempt for each key. */
  fail(keys: readonly string[], now: number): void {
    for (const key of keys) {
      const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
      recent.push(now);
      this.attempts.set(key, recent);
    }
    if (this.attempts.size > 10_000) this.prune(now);
  }

  /** Forgets an account's failures after it logs in. */
  reset(key: string): void {
    this.attempts.delete(key);
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts)
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
  }
}
