/**
 * Accounts and logins. Passwords are hashed with scrypt (node:crypto) and a random salt; login
 * tokens are random, and only their SHA-256 is stored, so a copy of the database logs no one in.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { Issue, Result } from '../engine/index.js';
import type { Store } from '../store/store.js';

export type Role = 'admin' | 'steward' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'steward', 'viewer'];

/** Roles that may change results. */
export const canEdit = (role: Role): boolean => role === 'admin' || role === 'steward';

// scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and 50 ms here): OWASP's minimum for scrypt.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;

const scrypt = (password: string, salt: Buffer, n: number, r: number, p: number, keylen: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

/** Hashes a password as "scrypt$N$r$p$salt$hash". */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const MIN_PASSWORD = 10;

/** Creates an account (or replaces its role and password). */
export async function addUser(
  store: Store,
  email: string,
  role: string,
  password: string,
  now: Date = new Date(),
): Promise<Result<{ email: string; role: Role }>> {
  const issues: Issue[] = [];
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address))
    issues.push({ code: 'user.bad-email', path: ['email'], message: `"${email}" is not an email address` });
  if (!ROLES.includes(role as Role))
    issues.push({
      code: 'user.bad-role',
      path: ['role'],
      message: `role "${role}" is not one of ${ROLES.join(', ')}`,
    });
  if (password.length < MIN_PASSWORD)
    issues.push({
      code: 'user.short-password',
      path: ['password'],
      message: `the password needs at least ${MIN_PASSWORD} characters`,
    });
  if (issues.length) return { ok: false, issues };
  await store.saveUser({
    email: address,
    role,
    passwordHash: await hashPassword(password),
    createdAt: now.toISOString(),
  });
  return { ok: true, value: { email: address, role: role as Role } };
}

export interface Login {
  readonly email: string;
  readonly role: Role;
  readonly csrfToken: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
const LOGIN_HOURS = 12;

/** Checks email and password; on success returns a new cookie token and the login. */
export async function logIn(
  store: Store,
  email: string,
  password: string,
  now: Date = new Date(),
): Promise<{ token: string; login: Login } | undefined> {
  const user = await store.findUser(email.trim().toLowerCase());
  // Hash anyway when there is no such user, so the answer takes as long either way.
  const ok = await verifyPassword(
    password,
    user?.passwordHash ??
      'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  );
  if (!user || !ok) return undefined;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await store.deleteLoginsExpiredBefore(now.toISOString());
  await store.insertLogin({
    tokenHash: sha256(token),
    email: user.email,
    csrfToken,
    expiresAt: new Date(now.getTime() + LOGIN_HOURS * 3_600_000).toISOString(),
  });
  return { token, login: { email: user.email, role: user.role as Role, csrfToken } };
}

/** The login a cookie token belongs to, or undefined when it is unknown or expired. */
export async function findLogin(
  store: Store,
  token: string,
  now: Date = new Date(),
): Promise<Login | undefined> {
  const row = await store.findLogin(sha256(token));
  if (!row || row.expiresAt < now.toISOString()) return undefined;
  return { email: row.email, role: row.role as Role, csrfToken: row.csrfToken };
}

/** Ends a login. */
export async function logOut(store: Store, token: string): Promise<void> {
  await store.deleteLogin(sha256(token));
}
