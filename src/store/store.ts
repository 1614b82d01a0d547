/**
 * The store: rows in, rows out. Seasons are stored as revisions of their folder files
 * (src/store/schema.ts); the store reads and writes those rows and the accounts, and knows nothing
 * of scoring, loading or caching (src/app does those). Its database handle stays inside it.
 * Lookups come in pairs: `findX` returns undefined, `getX` throws.
 */
import type { Kysely, Transaction } from 'kysely';
import { hashText, manifestOf } from './content-hash.js';
import type { Manifest } from './content-hash.js';
import { openDatabase } from './connect.js';
import type { Db, OpenOptions } from './connect.js';
import type { DialectName } from './migrations.js';
import type { Database, SeasonRevisionTable, SeasonTable } from './schema.js';

export interface SeriesRow {
  readonly id: string;
  readonly name: string;
}

export interface SeasonRow {
  readonly id: string;
  readonly seriesId: string;
  readonly name: string;
  readonly year: number;
  readonly aliases: readonly string[];
  /** The current revision. */
  readonly version: number;
  readonly builtIn: boolean;
}

export interface RevisionRow {
  readonly seasonId: string;
  readonly version: number;
  readonly parentVersion: number | undefined;
  readonly at: string;
  readonly author: string;
  readonly action: string;
  readonly reason: string;
  readonly origin: string;
  /** The files of this revision; undefined for history kept from the audit log before revisions. */
  readonly manifest: Manifest | undefined;
  readonly summary: unknown;
  readonly sourceHash: string | undefined;
}

/** What a season row says about a season: written from its season.yaml with every revision. */
export interface SeasonHeader {
  readonly id: string;
  readonly series: SeriesRow;
  readonly name: string;
  readonly year: number;
  readonly aliases: readonly string[];
}

export interface NewRevision {
  readonly at: string;
  readonly author: string;
  readonly action: string;
  readonly reason: string;
  readonly origin: string;
  readonly summary: unknown;
  readonly sourceHash?: string;
}

export interface SaveRevision {
  readonly season: SeasonHeader;
  /** The version this change was made from; 0 creates the season. */
  readonly baseVersion: number;
  readonly files: ReadonlyMap<string, string>;
  readonly revision: NewRevision;
  /** Marks the season as built-in (refreshed from data/); left as it is when undefined. */
  readonly builtIn?: boolean;
  /** An idempotency key answered `{ season, version }` in the same transaction. */
  readonly requestKey?: { readonly email: string; readonly key: string; readonly fingerprint: string };
}

export type Saved =
  { readonly ok: true; readonly version: number } | { readonly ok: false; readonly conflict: true };

export interface UserRow {
  readonly email: string;
  readonly role: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  /** The name shown for the account's changes; undefined: none given. */
  readonly displayName?: string;
}

export interface LoginRow {
  readonly tokenHash: string;
  readonly email: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  /** When it was last used (undefined: made before logins recorded it). */
  readonly lastSeenAt?: string;
}

/** A write request's answer kept under its client's Idempotency-Key. */
export interface IdempotencyRow {
  readonly email: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly createdAt: string;
}

/** A login with its account's role, as `findLogin` reads it. */
export interface LoginWithRole extends LoginRow {
  readonly role: string;
}

export interface SeriesRoleRow {
  readonly email: string;
  /** A series id, or '*' for every series. */
  readonly seriesId: string;
  readonly role: string;
}

export interface ApiTokenRow {
  readonly id: string;
  readonly tokenHash: string;
  readonly email: string;
  readonly name: string;
  readonly seriesId: string | undefined;
  readonly role: string | undefined;
  readonly createdAt: string;
  readonly revokedAt: string | undefined;
}

export interface LoginFailureRow {
  readonly key: string;
  readonly failures: number;
  readonly lastAt: string;
}

/** Thrown inside a transaction to roll it back when the version moved meanwhile. */
class Conflict extends Error {}

const seasonRow = (r: SeasonTable): SeasonRow => ({
  id: r.id,
  seriesId: r.series_id,
  name: r.name,
  year: r.year,
  aliases: JSON.parse(r.aliases) as string[],
  version: r.version,
  builtIn: r.built_in === 1,
});

const revisionRow = (r: SeasonRevisionTable): RevisionRow => ({
  seasonId: r.season_id,
  version: r.version,
  parentVersion: r.parent_version ?? undefined,
  at: r.at,
  author: r.author,
  action: r.action,
  reason: r.reason,
  origin: r.origin,
  manifest: r.manifest === null ? undefined : (JSON.parse(r.manifest) as Manifest),
  summary: JSON.parse(r.summary) as unknown,
  sourceHash: r.source_hash ?? undefined,
});

const CHUNK = 100;

export class Store {
  readonly #db: Kysely<Database>;

  private constructor(private readonly handle: Db) {
    this.#db = handle.db;
  }

  /** Opens (and migrates) the database. */
  static async open(options: OpenOptions): Promise<Store> {
    return new Store(await openDatabase(options));
  }

  /** Where the data lives, for messages ("paddock.db", "postgres://host/db"). */
  get where(): string {
    return this.handle.where;
  }

  get dialect(): DialectName {
    return this.handle.dialect;
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  // ---- series and seasons ------------------------------------------------------------------

  async listSeries(): Promise<SeriesRow[]> {
    return this.#db.selectFrom('series').select(['id', 'name']).orderBy('id').execute();
  }

  async findSeries(id: string): Promise<SeriesRow | undefined> {
    return this.#db.selectFrom('series').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  /** Every season, newest year first. */
  async listSeasons(): Promise<SeasonRow[]> {
    const rows = await this.#db
      .selectFrom('seasons')
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(seasonRow);
  }

  /** The season with this id, else the one with this alias, or undefined. */
  async findSeason(idOrAlias: string): Promise<SeasonRow | undefined> {
    const byId = await this.#db
      .selectFrom('seasons')
      .selectAll()
      .where('id', '=', idOrAlias)
      .executeTakeFirst();
    if (byId) return seasonRow(byId);
    // Aliases are a JSON list per season; the table holds one row per season, so read them all.
    return (await this.listSeasons()).find((s) => s.aliases.includes(idOrAlias));
  }

  async getSeason(idOrAlias: string): Promise<SeasonRow> {
    const row = await this.findSeason(idOrAlias);
    if (!row) throw new Error(`getSeason: no season "${idOrAlias}" in ${this.where}`);
    return row;
  }

  // ---- revisions ---------------------------------------------------------------------------

  async findRevision(seasonId: string, version: number): Promise<RevisionRow | undefined> {
    const row = await this.#db
      .selectFrom('season_revisions')
      .selectAll()
      .where('season_id', '=', seasonId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && revisionRow(row);
  }

  async getRevision(seasonId: string, version: number): Promise<RevisionRow> {
    const row = await this.findRevision(seasonId, version);
    if (!row) throw new Error(`getRevision: no revision ${version} of "${seasonId}" in ${this.where}`);
    return row;
  }

  /** A season's revisions, newest first. */
  async listRevisions(seasonId: string, limit = 1000): Promise<RevisionRow[]> {
    const rows = await this.#db
      .selectFrom('season_revisions')
      .selectAll()
      .where('season_id', '=', seasonId)
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
    return rows.map(revisionRow);
  }

  /** The current revision of every built-in season, with the season row (one query). */
  async listBuiltInRevisions(): Promise<{ season: SeasonRow; revision: RevisionRow }[]> {
    const rows = await this.#db
      .selectFrom('seasons')
      .innerJoin('season_revisions', (j) =>
        j
          .onRef('season_revisions.season_id', '=', 'seasons.id')
          .onRef('season_revisions.version', '=', 'seasons.version'),
      )
      .selectAll()
      .where('seasons.built_in', '=', 1)
      .execute();
    return rows.map((r) => ({ season: seasonRow({ ...r, id: r.season_id }), revision: revisionRow(r) }));
  }

  /** The newest revision of a season that came from `origin`, or undefined. */
  async findLatestRevisionFrom(seasonId: string, origin: string): Promise<RevisionRow | undefined> {
    const row = await this.#db
      .selectFrom('season_revisions')
      .selectAll()
      .where('season_id', '=', seasonId)
      .where('origin', '=', origin)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && revisionRow(row);
  }

  /** The texts of a manifest's files; a missing text is a broken database, so it throws. */
  async readFiles(manifest: Manifest): Promise<Map<string, string>> {
    const hashes = [...new Set(Object.values(manifest))];
    const texts = new Map<string, string>();
    for (let i = 0; i < hashes.length; i += CHUNK) {
      const rows = await this.#db
        .selectFrom('season_files')
        .select(['hash', 'text'])
        .where('hash', 'in', hashes.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) texts.set(r.hash, r.text);
    }
    const files = new Map<string, string>();
    for (const [path, hash] of Object.entries(manifest)) {
      const text = texts.get(hash);
      if (text === undefined)
        throw new Error(`readFiles: no stored text ${hash} for ${path} in ${this.where}`);
      files.set(path, text);
    }
    return files;
  }

  /**
   * Stores a revision of a season: its file texts (each once), the revision row, and the season
   * row moved to the new version, in one transaction that only succeeds while the season is still
   * at `baseVersion` (optimistic concurrency: otherwise nothing is written and `conflict` comes back).
   */
  async saveRevision(input: SaveRevision): Promise<Saved> {
    const manifest = manifestOf(input.files);
    const version = input.baseVersion + 1;
    const { season, revision } = input;
    try {
      await this.#db.transaction().execute(async (trx) => {
        await this.insertTexts(trx, input.files);
        await trx
          .insertInto('series')
          .values({ id: season.series.id, name: season.series.name })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: season.series.name }))
          .execute();
        const header = {
          series_id: season.series.id,
          name: season.name,
          year: season.year,
          aliases: JSON.stringify(season.aliases),
          version,
          ...(input.builtIn === undefined ? {} : { built_in: input.builtIn ? 1 : 0 }),
        };
        if (input.baseVersion === 0) {
          const inserted = await trx
            .insertInto('seasons')
            .values({ id: season.id, built_in: 0, ...header })
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Conflict();
        } else {
          const updated = await trx
            .updateTable('seasons')
            .set(header)
            .where('id', '=', season.id)
            .where('version', '=', input.baseVersion)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) throw new Conflict();
        }
        const added = await trx
          .insertInto('season_revisions')
          .values({
            season_id: season.id,
            version,
            parent_version: input.baseVersion === 0 ? null : input.baseVersion,
            at: revision.at,
            author: revision.author,
            action: revision.action,
            reason: revision.reason,
            origin: revision.origin,
            manifest: JSON.stringify(manifest),
            summary: JSON.stringify(revision.summary ?? null),
            source_hash: revision.sourceHash ?? null,
          })
          .onConflict((oc) => oc.columns(['season_id', 'version']).doNothing())
          .executeTakeFirst();
        // A revision left by a season that was stored under this id before (only from old audit logs).
        if (Number(added.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Conflict();
        if (input.requestKey)
          await trx
            .insertInto('idempotency_keys')
            .values(
              idempotencyRow(
                input.requestKey,
                {
                  status: 200,
                  contentType: 'application/json',
                  body: JSON.stringify({ season: season.id, version }),
                },
                revision.at,
              ),
            )
            .onConflict((oc) => oc.columns(['email', 'key']).doNothing())
            .execute();
      });
    } catch (e) {
      if (e instanceof Conflict) return { ok: false, conflict: true };
      throw e;
    }
    return { ok: true, version };
  }

  private async insertTexts(trx: Transaction<Database>, files: ReadonlyMap<string, string>): Promise<void> {
    const rows = [...new Map([...files.values()].map((text) => [hashText(text), text])).entries()].map(
      ([hash, text]) => ({ hash, text }),
    );
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('season_files')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
  }

  // ---- accounts ----------------------------------------------------------------------------

  async findUser(email: string): Promise<UserRow | undefined> {
    const row = await this.#db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return (
      row && {
        email: row.email,
        role: row.role,
        passwordHash: row.password_hash,
        createdAt: row.created_at,
        ...(row.display_name === null ? {} : { displayName: row.display_name }),
      }
    );
  }

  /** The display names of the accounts that have one, among the given addresses. */
  async displayNames(emails: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < emails.length; i += CHUNK) {
      const rows = await this.#db
        .selectFrom('users')
        .select(['email', 'display_name'])
        .where('email', 'in', emails.slice(i, i + CHUNK))
        .where('display_name', 'is not', null)
        .execute();
      for (const r of rows) out.set(r.email, r.display_name!);
    }
    return out;
  }

  /** The addresses of the accounts whose display name is this one (ignoring case), in order. */
  async findUsersNamed(name: string): Promise<string[]> {
    const wanted = name.trim().toLocaleLowerCase('en');
    // Compared here, not in SQL: SQLite's lower() folds ASCII only, PostgreSQL's every letter.
    const rows = await this.#db
      .selectFrom('users')
      .select(['email', 'display_name'])
      .where('display_name', 'is not', null)
      .orderBy('email')
      .execute();
    return rows.filter((r) => r.display_name!.toLocaleLowerCase('en') === wanted).map((r) => r.email);
  }

  /** Sets (or, with undefined, clears) an account's display name; false when there is no such account. */
  async setDisplayName(email: string, name: string | undefined): Promise<boolean> {
    const result = await this.#db
      .updateTable('users')
      .set({ display_name: name ?? null })
      .where('email', '=', email)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async getUser(email: string): Promise<UserRow> {
    const row = await this.findUser(email);
    if (!row) throw new Error(`getUser: no account ${email}`);
    return row;
  }

  /** Creates an account, or replaces the role and password of an existing one. */
  async saveUser(user: UserRow): Promise<void> {
    await this.#db
      .insertInto('users')
      .values({
        email: user.email,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
        display_name: user.displayName ?? null,
      })
      .onConflict((oc) =>
        oc.column('email').doUpdateSet({
          role: user.role,
          password_hash: user.passwordHash,
          ...(user.displayName === undefined ? {} : { display_name: user.displayName }),
        }),
      )
      .execute();
  }

  async insertLogin(login: LoginRow): Promise<void> {
    await this.#db
      .insertInto('logins')
      .values({
        token_hash: login.tokenHash,
        email: login.email,
        csrf_token: login.csrfToken,
        expires_at: login.expiresAt,
        last_seen_at: login.lastSeenAt ?? null,
      })
      .execute();
  }

  /** Records that a login was used at `at`. */
  async touchLogin(tokenHash: string, at: string): Promise<void> {
    await this.#db
      .updateTable('logins')
      .set({ last_seen_at: at })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async findLogin(tokenHash: string): Promise<LoginWithRole | undefined> {
    const row = await this.#db
      .selectFrom('logins')
      .innerJoin('users', 'users.email', 'logins.email')
      .select([
        'logins.token_hash',
        'logins.email',
        'users.role',
        'logins.csrf_token',
        'logins.expires_at',
        'logins.last_seen_at',
      ])
      .where('logins.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        tokenHash: row.token_hash,
        email: row.email,
        role: row.role,
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
        ...(row.last_seen_at === null ? {} : { lastSeenAt: row.last_seen_at }),
      }
    );
  }

  async deleteLogin(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('logins').where('token_hash', '=', tokenHash).execute();
  }

  async deleteLoginsExpiredBefore(at: string): Promise<void> {
    await this.#db.deleteFrom('logins').where('expires_at', '<', at).execute();
  }

  // ---- roles per series ----------------------------------------------------------------------

  /** An account's roles (or, with `seriesId`, everyone's roles in that series and in '*'). */
  async listSeriesRoles(filter: { email?: string; seriesId?: string }): Promise<SeriesRoleRow[]> {
    let q = this.#db.selectFrom('series_roles').selectAll();
    if (filter.email !== undefined) q = q.where('email', '=', filter.email);
    if (filter.seriesId !== undefined) q = q.where('series_id', 'in', [filter.seriesId, '*']);
    const rows = await q.orderBy('email').orderBy('series_id').execute();
    return rows.map((r) => ({ email: r.email, seriesId: r.series_id, role: r.role }));
  }

  /** Gives an account a role in a series, or takes it away (role undefined). */
  async setSeriesRole(email: string, seriesId: string, role: string | undefined): Promise<void> {
    if (role === undefined) {
      await this.#db
        .deleteFrom('series_roles')
        .where('email', '=', email)
        .where('series_id', '=', seriesId)
        .execute();
      return;
    }
    await this.#db
      .insertInto('series_roles')
      .values({ email, series_id: seriesId, role })
      .onConflict((oc) => oc.columns(['email', 'series_id']).doUpdateSet({ role }))
      .execute();
  }

  // ---- API tokens ----------------------------------------------------------------------------

  async insertApiToken(token: ApiTokenRow): Promise<void> {
    await this.#db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        token_hash: token.tokenHash,
        email: token.email,
        name: token.name,
        series_id: token.seriesId ?? null,
        role: token.role ?? null,
        created_at: token.createdAt,
        revoked_at: token.revokedAt ?? null,
      })
      .execute();
  }

  /** A token that is not revoked, by the hash of its text. */
  async findApiToken(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const row = await this.#db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && apiTokenRow(row);
  }

  /** Tokens, newest first (an account's, or every account's). */
  async listApiTokens(email?: string): Promise<ApiTokenRow[]> {
    let q = this.#db.selectFrom('api_tokens').selectAll();
    if (email !== undefined) q = q.where('email', '=', email);
    return (await q.orderBy('created_at', 'desc').orderBy('id').execute()).map(apiTokenRow);
  }

  /** Revokes a token (of `email`, when given); whether there was one to revoke. */
  async revokeApiToken(id: string, at: string, email?: string): Promise<boolean> {
    let q = this.#db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null);
    if (email !== undefined) q = q.where('email', '=', email);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // ---- login throttle ------------------------------------------------------------------------

  async findLoginFailures(keys: readonly string[]): Promise<LoginFailureRow[]> {
    if (!keys.length) return [];
    const rows = await this.#db.selectFrom('login_failures').selectAll().where('key', 'in', keys).execute();
    return rows.map((r) => ({ key: r.key, failures: Number(r.failures), lastAt: r.last_at }));
  }

  /**
   * Counts a failed login for each key, atomically (two servers may count at once); a count whose
   * last failure is before `forgetBefore` starts again from one.
   */
  async recordLoginFailure(keys: readonly string[], at: string, forgetBefore: string): Promise<void> {
    // Counts nobody needs any more go, so guessed addresses and accounts do not pile up.
    await this.#db.deleteFrom('login_failures').where('last_at', '<', forgetBefore).execute();
    for (const key of keys)
      await this.#db
        .insertInto('login_failures')
        .values({ key, failures: 1, last_at: at })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            failures: eb
              .case()
              .when('login_failures.last_at', '<', forgetBefore)
              .then(1)
              .else(eb('login_failures.failures', '+', 1))
              .end(),
            last_at: at,
          })),
        )
        .execute();
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.#db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  // ---- idempotency keys ----------------------------------------------------------------------

  /** Keeps a request's answer under its key, unless one is kept already (then false). */
  async keepIdempotentAnswer(
    request: { email: string; key: string; fingerprint: string },
    answer: { status: number; contentType: string; body: string },
    at: string,
  ): Promise<boolean> {
    const result = await this.#db
      .insertInto('idempotency_keys')
      .values(idempotencyRow(request, answer, at))
      .onConflict((oc) => oc.columns(['email', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async findIdempotencyKey(email: string, key: string): Promise<IdempotencyRow | undefined> {
    const r = await this.#db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('email', '=', email)
      .where('key', '=', key)
      .executeTakeFirst();
    return (
      r && {
        email: r.email,
        key: r.key,
        fingerprint: r.fingerprint,
        status: Number(r.status),
        contentType: r.content_type ?? 'application/json',
        body: r.body ?? '',
        createdAt: r.created_at,
      }
    );
  }

  /** Forgets every kept answer made before `before`. */
  async forgetIdempotentAnswers(before: string): Promise<void> {
    await this.#db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
  }
}

const idempotencyRow = (
  request: { email: string; key: string; fingerprint: string },
  answer: { status: number; contentType: string; body: string },
  at: string,
) => ({
  email: request.email,
  key: request.key,
  fingerprint: request.fingerprint,
  status: answer.status,
  content_type: answer.contentType,
  body: answer.body,
  created_at: at,
});

const apiTokenRow = (r: {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  series_id: string | null;
  role: string | null;
  created_at: string;
  revoked_at: string | null;
}): ApiTokenRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  email: r.email,
  name: r.name,
  seriesId: r.series_id ?? undefined,
  role: r.role ?? undefined,
  createdAt: r.created_at,
  revokedAt: r.revoked_at ?? undefined,
});

/** Opens the database (migrating it) and wraps it in a Store. */
export function openStore(options: OpenOptions): Promise<Store> {
  return Store.open(options);
}
