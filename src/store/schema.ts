/**
 * The database schema as Kysely types. A season is stored as the files of its folder: each file
 * text once, addressed by its SHA-256 (`season_files`), and each revision of a season as a
 * manifest {path: hash} with who, when, why and what changed (`season_revisions`). `seasons` holds
 * what listing and resolving need (id, series, name, year, aliases, current version, built-in).
 * docs/decisions/0006-seasons-stored-as-revisions-of-their-files.md explains why.
 */

export interface SeriesTable {
  id: string;
  name: string;
}

export interface SeasonTable {
  id: string;
  series_id: string;
  name: string;
  year: number;
  aliases: string; // JSON string[]
  /** The current revision; bumped by every change (optimistic concurrency, cache keys). */
  version: number;
  /** 1 when the season came from the built-in library (data/seasons) and is refreshed from it. */
  built_in: number;
}

export interface SeasonFileTable {
  /** SHA-256 of the text (UTF-8), hex. */
  hash: string;
  text: string;
}

export interface SeasonRevisionTable {
  season_id: string;
  version: number;
  parent_version: number | null;
  at: string;
  author: string;
  /** What was done: import, built-in, classification:correct, penalty:places, rulebook, revert ... */
  action: string;
  reason: string;
  /** Where the change came from: built-in, folder, editor, cli, migration. */
  origin: string;
  /** JSON {path: hash}, sorted by path; null only for history kept from the audit log before revisions. */
  manifest: string | null;
  /** JSON: what changed (files, and the change's own facts). */
  summary: string;
  /** For a revision made from files outside the database (a folder, data/), the hash of those files. */
  source_hash: string | null;
}

export interface UserTable {
  email: string;
  /** 'admin' (the instance administrator) or 'member' (roles per series in series_roles). */
  role: string;
  /** scrypt$N$r$p$salt$hash (base64). */
  password_hash: string;
  created_at: string;
  /** The name shown for the account's changes (null: none given; before migration 0006). */
  display_name: string | null;
}

export interface LoginTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  email: string;
  csrf_token: string;
  expires_at: string;
  /** When the login was last used (null: before migration 0005). */
  last_seen_at: string | null;
}

export interface IdempotencyKeyTable {
  /** The account that sent the request: keys are per account. */
  email: string;
  key: string;
  /** Method, path and a hash of the body: a key reused for another request is refused. */
  fingerprint: string;
  /** The answer's status (the columns allow null, which no version writes: answers are kept whole). */
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: string;
}

export interface SeriesRoleTable {
  email: string;
  /** A series id, or '*' for every series. */
  series_id: string;
  /** organiser, steward or viewer. */
  role: string;
}

export interface ApiTokenTable {
  id: string;
  /** SHA-256 of the whole token; the token itself is shown once and never stored. */
  token_hash: string;
  email: string;
  name: string;
  /** Only this series (null: every series the account has a role in). */
  series_id: string | null;
  /** At most this role (null: the account's own roles). */
  role: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface LoginFailureTable {
  /** 'email:<address>' or 'ip:<address>'. */
  key: string;
  failures: number;
  last_at: string;
}

export interface Database {
  series: SeriesTable;
  seasons: SeasonTable;
  season_files: SeasonFileTable;
  season_revisions: SeasonRevisionTable;
  users: UserTable;
  logins: LoginTable;
  idempotency_keys: IdempotencyKeyTable;
  series_roles: SeriesRoleTable;
  api_tokens: ApiTokenTable;
  login_failures: LoginFailureTable;
}
