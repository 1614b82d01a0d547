/**
 * The databases the store suite runs on: SQLite always, and PostgreSQL when PADDOCK_TEST_PG_URL is
 * set, each run in a fresh schema that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { OpenOptions } from '../connect.js';
import { openStore } from '../store.js';
import type { Store } from '../store.js';

export interface TestDatabase {
  readonly name: string;
  /** How to open this database (for tests that open it more than once, or at an old migration). */
  readonly options: OpenOptions;
  open(): Promise<Store>;
  cleanUp(): Promise<void>;
}

export const PG_URL = process.env['PADDOCK_TEST_PG_URL'];

/** In-memory SQLite: gone when closed. */
export function sqliteDatabase(): TestDatabase {
  const options = { file: ':memory:' };
  return { name: 'sqlite', options, open: () => openStore(options), cleanUp: async () => undefined };
}

/** A SQLite file in a temporary folder, which outlives closing it. */
export function sqliteFileDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'paddock-db-'));
  const options = { file: join(dir, 'paddock.db') };
  return {
    name: 'sqlite',
    options,
    open: () => openStore(options),
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresDatabase(url: string): TestDatabase {
  const schema = `paddock_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const options = { url, pgSchema: schema };
  return {
    name: 'postgres',
    options,
    open: () => openStore(options),
    cleanUp: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A postgres:// URL that selects a test database's schema (for the CLI's --db). */
export function urlOf(database: TestDatabase): string {
  const { url, pgSchema, file } = database.options;
  if (!url) return file!;
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${pgSchema}`);
  return u.toString();
}

/** Every database to run the suite on (`file`: SQLite in a file rather than in memory). */
export const testDatabases = ({ file = false }: { readonly file?: boolean } = {}): {
  name: string;
  make: () => TestDatabase;
}[] => [
  { name: 'sqlite', make: file ? sqliteFileDatabase : sqliteDatabase },
  ...(PG_URL ? [{ name: 'postgres', make: () => postgresDatabase(PG_URL) }] : []),
];
