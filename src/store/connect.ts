/**
 * Opening the database: PostgreSQL when a postgres:// URL is given, else an embedded SQLite file
 * in WAL mode. Migrations run on open. Which database to open is src/app/sources.ts's business.
 * Each driver loads when a database of its kind opens (a command reading SQLite never loads pg).
 */
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { migrate } from './migrations.js';
import type { DialectName, MIGRATIONS } from './migrations.js';
import type { Database } from './schema.js';

export interface OpenOptions {
  /** postgres://... for PostgreSQL. */
  readonly url?: string;
  /** SQLite file (":memory:" for tests); ignored when `url` is set. */
  readonly file?: string;
  /** PostgreSQL schema to use (created if missing); for test isolation. */
  readonly pgSchema?: string;
  /** Tests only: stop at this migration (to make a database as an older Paddock did). */
  readonly migrateUpTo?: (typeof MIGRATIONS)[number];
}

export interface Db {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data lives, for messages ("paddock.db", "postgres://host/db"). */
  readonly where: string;
  close(): Promise<void>;
}

/** Opens (and migrates) the database. The store wraps it; nothing else holds the handle. */
export async function openDatabase(options: OpenOptions): Promise<Db> {
  if (options.url) {
    const schema = options.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`bad schema name ${schema}`);
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      // synchronous_commit on (PostgreSQL's default, stated so a server setting cannot turn it
      // off for Paddock): an acknowledged edit is on disk.
      options: `-c synchronous_commit=on${schema ? ` -c search_path=${schema}` : ''}`,
    });
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const current = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    await migrate(db, 'postgres', options.migrateUpTo, current.rows[0]?.schema ?? schema);
    const where = options.url.replace(/\/\/[^@/]*@/, '//');
    return { db, dialect: 'postgres', where, close: () => db.destroy() };
  }
  const file = options.file ?? 'paddock.db';
  const { default: SQLite } = await import('better-sqlite3');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the edit is acknowledged. WAL's usual NORMAL may lose the
  // last commits on power loss or an OS crash (not on a process crash); an edit a user was told
  // was saved must survive both. The cost is one fsync per commit (docs/operations.md).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 'sqlite', options.migrateUpTo);
  return { db, dialect: 'sqlite', where: file, close: () => db.destroy() };
}
