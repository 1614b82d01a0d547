/**
 * Accounts, roles per series, logins and API tokens. Passwords are hashed with scrypt
 * (node:crypto) and a random salt; login and API tokens are random, and only their SHA-256 is
 * stored, so a copy of the database logs no one in.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { Issue, Result } from '../engine/index.js';
import type { ApiTokenRow, Store } from '../store/store.js';
import { weakness } from './password-strength.js';

/** A role in one series (or in every series, '*'). */
export type SeriesRole = 'organiser' | 'steward' | 'viewer';
export const SERIES_ROLES: readonly SeriesRole[] = ['organiser', 'steward', 'viewer'];
/** What `paddock user add --role` takes: the instance administrator, or a role in series. */
export type Role = 'admin' | SeriesRole;
export const ROLES: readonly Role[] = ['admin', ...SERIES_ROLES];
/** A series id standing for every series, existing and future. */
export const EVERY_SERIES = '*';

/**
 * What a write needs: results (classifications, awards, uploads), decisions (result states,
 * penalties), the rulebook, the season's other files (setup), revert, and the series' roles.
 */
export type Permission = 'results' | 'decisions' | 'rulebook' | 'setup' | 'revert' | 'roles';
export const PERMISSIONS: readonly Permission[] = [
  'results',
  'decisions',
  'rulebook',
  'setup',
  'revert',
  'roles',
];

const GRANTS: Record<SeriesRole, readonly Permission[]> = {
  organiser: PERMISSIONS,
  steward: ['results', 'decisions'],
  viewer: [],
};
const RANK: Record<SeriesRole, number> = { viewer: 1, steward: 2, organiser: 3 };

/** Who is logged in: the instance administrator flag and a role per series. */
export interface Login {
  readonly email: string;
  /** The instance administrator: every permission in every series, accounts. */
  readonly admin: boolean;
  /** Role per series id ('*': every series). */
  readonly roles: Readonly<Record<string, SeriesRole>>;
  /** The form token of a cookie login ('' for an API token, which has no forms). */
  readonly csrfToken: string;
  /** The API token this login came from, when it did. */
  readonly tokenId?: string;
}

/** A login's role in a series: 'admin', its series role (or its role in every series), or undefined. */
export function roleIn(login: Login, seriesId: string): Role | undefined {
  if (login.admin) return 'admin';
  const own = login.roles[seriesId];
  const every = login.roles[EVERY_SERIES];
  if (own && every) return RANK[own] >= RANK[every] ? own : every;
  return own ?? every;
}

/** Whether a login may do something in a series. */
export function may(login: Login | undefined, permission: Permission, seriesId: string): boolean {
  if (!login) return false;
  const role = roleIn(login, seriesId);
  return role === 'admin' || (role !== undefined && GRANTS[role].includes(permission));
}

/** Whether a login may change anything at all in a series (shows the editor's links). */
export const mayEdit = (login: Login | undefined, seriesId: string): boolean =>
  may(login, 'results', seriesId) || may(login, 'decisions', seriesId);

/** The highest of two series roles. */
const higher = (a: SeriesRole | undefined, b: SeriesRole): SeriesRole => (a && RANK[a] > RANK[b] ? a : b);
/** A role capped at another. */
const capped = (role: SeriesRole, cap: SeriesRole | undefined): SeriesRole =>
  cap && RANK[cap] < RANK[role] ? cap : role;

// scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and 50 ms here): OWASP's minimum for scrypt. The
// test suite hashes at a lower N (vitest.config.ts sets PADDOCK_TEST_SCRYPT_N), read only under
// vitest, so no server or command ever hashes cheaply; each hash stores its cost, so checking a
// password works the same for both (src/app/accounts.test.ts).
const testN = process.env['VITEST'] ? Number(process.env['PADDOCK_TEST_SCRYPT_N'] ?? 0) : 0;
const SCRYPT = { N: testN >= 2 ** 10 && testN < 2 ** 15 ? testN : 2 ** 15, r: 8, p: 1, keylen: 32 } as const;

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

const issue = (code: string, path: (string | number)[], message: string, hint?: string): Issue =>
  hint === undefined ? { code, path, message } : { code, path, message, hint };

/** Checks that each series exists (or is '*'). */
async function unknownSeries(store: Store, series: readonly string[], path: string): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const id of series)
    if (id !== EVERY_SERIES && !(await store.findSeries(id)))
      issues.push(
        issue('user.unknown-series', [path], `there is no series "${id}"`, 'paddock series lists them.'),
      );
  return issues;
}

/**
 * Creates an account (or replaces its password): an instance administrator, or a role in each
 * of `series` (default: every series, '*'). Roles in other series are kept.
 */
export async function addUser(
  store: Store,
  email: string,
  role: string,
  password: string,
  now: Date = new Date(),
  series: readonly string[] = [EVERY_SERIES],
): Promise<Result<{ email: string; role: Role; series: readonly string[] }>> {
  const issues: Issue[] = [];
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address))
    issues.push(issue('user.bad-email', ['email'], `"${email}" is not an email address`));
  if (!ROLES.includes(role as Role))
    issues.push(issue('user.bad-role', ['role'], `role "${role}" is not one of ${ROLES.join(', ')}`));
  if (password.length < MIN_PASSWORD)
    issues.push(
      issue('user.short-password', ['password'], `the password needs at least ${MIN_PASSWORD} characters`),
    );
  else {
    const weak = await weakness(password, [address, ...address.split(/[@.]/), 'paddock']);
    if (weak) issues.push(issue('user.weak-password', ['password'], weak.message, weak.hint));
  }
  if (role !== 'admin') issues.push(...(await unknownSeries(store, series, 'series')));
  if (issues.length) return { ok: false, issues };
  const existing = await store.findUser(address);
  await store.saveUser({
    email: address,
    // Adding a series role to an administrator keeps them administrator.
    role: role === 'admin' || existing?.role === 'admin' ? 'admin' : 'member',
    passwordHash: await hashPassword(password),
    createdAt: now.toISOString(),
  });
  if (role !== 'admin') for (const id of series) await store.setSeriesRole(address, id, role);
  return { ok: true, value: { email: address, role: role as Role, series: role === 'admin' ? [] : series } };
}

/** The longest display name. */
export const MAX_DISPLAY_NAME = 80;

/**
 * Sets the name an account's changes are shown under on the Changes page (its e-mail address is
 * shown only to administrators); an empty name clears it. A name is 1 to MAX_DISPLAY_NAME
 * characters without control characters, and not an e-mail address (which would defeat it).
 */
export async function setDisplayName(
  store: Store,
  email: string,
  name: string,
): Promise<Result<{ email: string; displayName: string | undefined }>> {
  const address = email.trim().toLowerCase();
  const given = name.trim();
  if (given.length > MAX_DISPLAY_NAME)
    return {
      ok: false,
      issues: [
        issue(
          'user.bad-display-name',
          ['displayName'],
          `the name is longer than ${MAX_DISPLAY_NAME} characters`,
        ),
      ],
    };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(given) || given.includes('@'))
    return {
      ok: false,
      issues: [
        issue(
          'user.bad-display-name',
          ['displayName'],
          'a display name has no control characters and is not an e-mail address',
        ),
      ],
    };
  if (!(await store.setDisplayName(address, given || undefined)))
    return { ok: false, issues: [issue('user.unknown', ['email'], `no account ${address}`)] };
  return { ok: true, value: { email: address, displayName: given || undefined } };
}

/** Gives an existing account a role in a series ('*': every series), or takes it away ('none'). */
export async function setSeriesRole(
  store: Store,
  email: string,
  seriesId: string,
  role: string,
): Promise<Result<{ email: string; series: string; role: SeriesRole | 'none' }>> {
  const address = email.trim().toLowerCase();
  const issues: Issue[] = [];
  if (!(await store.findUser(address)))
    issues.push(
      issue('user.unknown', ['email'], `there is no account ${address}`, 'paddock user add makes one.'),
    );
  if (role !== 'none' && !SERIES_ROLES.includes(role as SeriesRole))
    issues.push(
      issue(
        'user.bad-role',
        ['role'],
        `role "${role}" is not one of ${[...SERIES_ROLES, 'none'].join(', ')}`,
      ),
    );
  issues.push(...(await unknownSeries(store, [seriesId], 'series')));
  if (issues.length) return { ok: false, issues };
  await store.setSeriesRole(address, seriesId, role === 'none' ? undefined : role);
  return { ok: true, value: { email: address, series: seriesId, role: role as SeriesRole | 'none' } };
}

/**
 * The account an organiser names: by e-mail address (a display name never holds an "@"), else by
 * display name, which must name exactly one account. Issues are on `path` (the form's field).
 */
export async function findAccount(store: Store, given: string, path = 'account'): Promise<Result<string>> {
  const text = given.trim();
  if (!text)
    return { ok: false, issues: [issue('user.missing', [path], 'give an e-mail address or a display name')] };
  if (text.includes('@')) {
    const address = text.toLowerCase();
    return (await store.findUser(address))
      ? { ok: true, value: address }
      : {
          ok: false,
          issues: [
            issue('user.unknown', [path], `there is no account ${address}`, 'paddock user add makes one.'),
          ],
        };
  }
  const named = await store.findUsersNamed(text);
  if (named.length === 1) return { ok: true, value: named[0]! };
  return {
    ok: false,
    issues: [
      named.length
        ? issue(
            'user.ambiguous',
            [path],
            `${named.length} accounts are named "${text}"`,
            'Give the e-mail address of the one you mean.',
          )
        : issue(
            'user.unknown',
            [path],
            `no account has the display name "${text}"`,
            'Give its e-mail address, or the exact name it shows on the Changes page.',
          ),
    ],
  };
}

/** The accounts with a role in a series (including those with a role in every series). */
export async function listSeriesRoles(
  store: Store,
  seriesId: string,
): Promise<{ email: string; series: string; role: SeriesRole }[]> {
  return (await store.listSeriesRoles({ seriesId })).map((r) => ({
    email: r.email,
    series: r.seriesId,
    role: r.role as SeriesRole,
  }));
}

/** An account's login as its rows say: administrator or member, and its series roles. */
async function accountLogin(store: Store, email: string, admin: boolean, csrfToken: string): Promise<Login> {
  const roles: Record<string, SeriesRole> = {};
  for (const r of await store.listSeriesRoles({ email }))
    if (SERIES_ROLES.includes(r.role as SeriesRole)) roles[r.seriesId] = r.role as SeriesRole;
  return { email, admin, roles, csrfToken };
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
/** A login ends this long after it was made, however busy (absolute timeout). */
export const LOGIN_HOURS = 12;
/** A login ends after this long without a request (idle timeout, ASVS 3.3.1). */
export const IDLE_MINUTES = 60;
/** A login's last use is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

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
    lastSeenAt: now.toISOString(),
  });
  return { token, login: await accountLogin(store, user.email, user.role === 'admin', csrfToken) };
}

/**
 * The login a cookie token belongs to, or undefined when it is unknown, expired, or idle for
 * longer than IDLE_MINUTES (then it is ended); using it keeps it alive.
 */
export async function findLogin(
  store: Store,
  token: string,
  now: Date = new Date(),
): Promise<Login | undefined> {
  const hash = sha256(token);
  const row = await store.findLogin(hash);
  if (!row || row.expiresAt < now.toISOString()) return undefined;
  const lastSeen = row.lastSeenAt === undefined ? undefined : Date.parse(row.lastSeenAt);
  if (lastSeen !== undefined && now.getTime() - lastSeen > IDLE_MINUTES * 60_000) {
    await store.deleteLogin(hash);
    return undefined;
  }
  if (lastSeen === undefined || now.getTime() - lastSeen >= TOUCH_EVERY_MS)
    await store.touchLogin(hash, now.toISOString());
  return accountLogin(store, row.email, row.role === 'admin', row.csrfToken);
}

/** Ends a login. */
export async function logOut(store: Store, token: string): Promise<void> {
  await store.deleteLogin(sha256(token));
}

// ---- API tokens --------------------------------------------------------------------------------

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Only this series (undefined: every series the account has a role in). */
  readonly series?: string;
  /** At most this role (undefined: the account's own). */
  readonly role?: SeriesRole;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

const tokenOf = (r: ApiTokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  email: r.email,
  ...(r.seriesId === undefined ? {} : { series: r.seriesId }),
  ...(r.role === undefined ? {} : { role: r.role as SeriesRole }),
  createdAt: r.createdAt,
  ...(r.revokedAt === undefined ? {} : { revokedAt: r.revokedAt }),
});

/** The prefix of every API token, so a leaked one is easy to recognise and search for. */
export const TOKEN_PREFIX = 'pdk_';

/**
 * Creates an API token for an account, scoped to a series and/or capped at a role; the token's
 * text is returned once and only its SHA-256 is kept. A scope never grants more than the account has.
 */
export async function createApiToken(
  store: Store,
  email: string,
  scope: { readonly name: string; readonly series?: string | undefined; readonly role?: string | undefined },
  now: Date = new Date(),
): Promise<Result<{ token: string; info: ApiToken }>> {
  const address = email.trim().toLowerCase();
  const user = await store.findUser(address);
  const issues: Issue[] = [];
  if (!user) issues.push(issue('user.unknown', ['email'], `there is no account ${address}`));
  const name = scope.name.trim();
  if (!name || name.length > 100)
    issues.push(issue('token.bad-name', ['name'], 'a token needs a name of 1 to 100 characters'));
  if (scope.role !== undefined && !SERIES_ROLES.includes(scope.role as SeriesRole))
    issues.push(
      issue('token.bad-role', ['role'], `role "${scope.role}" is not one of ${SERIES_ROLES.join(', ')}`),
    );
  if (scope.series !== undefined) issues.push(...(await unknownSeries(store, [scope.series], 'series')));
  if (user && scope.series !== undefined && !issues.length) {
    const login = await accountLogin(store, address, user.role === 'admin', '');
    if (!roleIn(login, scope.series))
      issues.push(issue('token.no-role', ['series'], `${address} has no role in series "${scope.series}"`));
  }
  if (issues.length || !user) return { ok: false, issues };
  const id = randomBytes(6).toString('hex');
  const token = `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  const row: ApiTokenRow = {
    id,
    tokenHash: sha256(token),
    email: address,
    name,
    seriesId: scope.series,
    role: scope.role,
    createdAt: now.toISOString(),
    revokedAt: undefined,
  };
  await store.insertApiToken(row);
  return { ok: true, value: { token, info: tokenOf(row) } };
}

/** Tokens (an account's, or everyone's), newest first, revoked ones included. */
export async function listApiTokens(store: Store, email?: string): Promise<ApiToken[]> {
  return (await store.listApiTokens(email?.trim().toLowerCase())).map(tokenOf);
}

/** Revokes a token (only one of `email`'s, when given). */
export async function revokeApiToken(
  store: Store,
  id: string,
  now: Date = new Date(),
  email?: string,
): Promise<Result<{ id: string }>> {
  const done = await store.revokeApiToken(id, now.toISOString(), email);
  return done
    ? { ok: true, value: { id } }
    : { ok: false, issues: [issue('token.unknown', ['id'], `no token "${id}" to revoke`)] };
}

/** The login an API token stands for (its account's roles within the token's scope), or undefined. */
export async function findTokenLogin(store: Store, token: string): Promise<Login | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = await store.findApiToken(sha256(token));
  if (!row) return undefined;
  const user = await store.findUser(row.email);
  if (!user) return undefined;
  const account = await accountLogin(store, row.email, user.role === 'admin', '');
  const cap = row.role as SeriesRole | undefined;
  if (row.seriesId === undefined && cap === undefined) return { ...account, tokenId: row.id };
  const roles: Record<string, SeriesRole> = {};
  if (row.seriesId !== undefined) {
    const role = roleIn(account, row.seriesId);
    if (role) roles[row.seriesId] = capped(role === 'admin' ? 'organiser' : role, cap);
  } else if (account.admin) roles[EVERY_SERIES] = cap ?? 'organiser';
  else for (const [series, role] of Object.entries(account.roles)) roles[series] = capped(role, cap);
  return { email: row.email, admin: false, roles, csrfToken: '', tokenId: row.id };
}

/** The login's roles in a line: "admin", "steward of porsche-carrera-cup-north-america", ... */
export function describeRoles(login: Login): string {
  if (login.admin) return 'admin';
  const parts = Object.entries(login.roles).map(([s, r]) =>
    s === EVERY_SERIES ? `${r} of every series` : `${r} of ${s}`,
  );
  return parts.length ? parts.join(', ') : 'no role';
}

/** The highest role a login holds anywhere (for a one-word label). */
export function highestRole(login: Login): Role | undefined {
  if (login.admin) return 'admin';
  let best: SeriesRole | undefined;
  for (const role of Object.values(login.roles)) best = best ? higher(best, role) : role;
  return best;
}
