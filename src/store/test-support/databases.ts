/**
 * The databases the store suite runs on: in-memory SQLite always, and PostgreSQL when
 * PADDOCK_TEST_PG_URL is set, each run in a fresh schema that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../store.js';
import type { Store } from '../store.js';

export interface TestDatabase {
  readonly name: string;
  open(): Promise<Store>;
  cleanUp(): Promise<void>;
}

export const PG_URL = process.env['PADDOCK_TEST_PG_URL'];

export function sqliteDatabase(): TestDatabase {
  return { name: 'sqlite', open: () => openStore({ file: ':memory:' }), cleanUp: async () => undefined };
}

export function postgresDatabase(url: string): TestDatabase {
  const schema = `paddock_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    name: 'postgres',
    open: () => openStore({ url, pgSchema: schema }),
    cleanUp: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Every database to run the suite on. */
export const testDatabases = (): { name: string; make: () => TestDatabase }[] => [
  { name: 'sqlite', make: sqliteDatabase },
  ...(PG_URL ? [{ name: 'postgres', make: () => postgresDatabase(PG_URL) }] : []),
];
