/**
 * Accounts and logins. Passwords are hashed with scrypt (node:crypto) and a random salt; login
 * tokens are random, and only their SHA-256 is stored, so a copy of the database logs no one in.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Issue, Result } from '../engine/index.js';
import type { Database } from './schema.js';

export type Role = 'admin' | 'steward' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'steward', 'viewer'];

/** Roles that may change results. */
export const canEdit = (role: Role): boolean => role === 'admin' || role === 'steward';

// scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and 50 ms here): OWASP's minimum for scrypt.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;

const scrypt = (password: string, salt: Buffer, n: number, r: number, p: number, keylen: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
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
  const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const MIN_PASSWORD = 10;

/** Creates an account (or replaces its role and password). */
export async function addUser(db: Kysely<Database>, email: string, role: string, password: string, now: Date = new Date()): Promise<Result<{ email: string; role: Role }>> {
  const issues: Issue[] = [];
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) issues.push({ code: 'user.bad-email', path: ['email'], message: `"${email}" is not an email address` });
  if (!ROLES.includes(role as Role)) issues.push({ code: 'user.bad-role', path: ['role'], message: `role "${role}" is not one of ${ROLES.join(', ')}` });
  if (password.length < MIN_PASSWORD)
    issues.push({ code: 'user.short-password', path: ['password'], message: `the password needs at least ${MIN_PASSWORD} characters` });
  if (issues.length) return { ok: false, issues };
  const password_hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('email').where('email', '=', address).executeTakeFirst();
    if (existing) await trx.updateTable('users').set({ role, password_hash }).where('email', '=', address).execute();
    else await trx.insertInto('users').values({ email: address, role, password_hash, created_at: now.toISOString() }).execute();
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
export async function logIn(db: Kysely<Database>, email: string, password: string, now: Date = new Date()): Promise<{ token: string; login: Login } | undefined> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  // Hash anyway when there is no such user, so the answer takes as long either way.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!user || !ok) return undefined;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.deleteFrom('logins').where('expires_at', '<', now.toISOString()).execute();
  await db
    .insertInto('logins')
    .values({ token_hash: sha256(token), email: user.email, csrf_token: csrfToken, expires_at: new Date(now.getTime() + LOGIN_HOURS * 3_600_000).toISOString() })
    .execute();
  return { token, login: { email: user.email, role: user.role as Role, csrfToken } };
}

/** The login a cookie token belongs to, or undefined when it is unknown or expired. */
export async function findLogin(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<Login | undefined> {
  const row = await db
    .selectFrom('logins')
    .innerJoin('users', 'users.email', 'logins.email')
    .select(['logins.email', 'users.role', 'logins.csrf_token', 'logins.expires_at'])
    .where('logins.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at < now.toISOString()) return undefined;
  return { email: row.email, role: row.role as Role, csrfToken: row.csrf_token };
}

/** Ends a login. */
export async function logOut(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('logins').where('token_hash', '=', sha256(token)).execute();
}
