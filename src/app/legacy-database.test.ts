/**
 * Migration 0003 (src/store/migrate-to-revisions.ts) on a database made by the store before revisions (test/fixtures/legacy-db: every
 * row of such a database, with a season edited seven times). Every season, account and audit entry
 * must survive: the current state as files that load to the same season, each audit entry as a
 * revision with its who, when, what, why, before and after.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from './paddock.js';
import { computeStandings } from '../engine/index.js';
import { openDatabase } from '../store/connect.js';
import { readLegacySeason } from '../store/legacy-schema.js';
import type { LegacyDatabase, LegacySeason } from '../store/legacy-schema.js';
import type { Store } from '../store/store.js';
import { PG_URL, testDatabases } from '../store/test-support/databases.js';
import type { TestDatabase } from '../store/test-support/databases.js';

const ROWS = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'legacy-db', 'rows.json'), 'utf8'),
) as Record<keyof LegacyDatabase, Record<string, unknown>[]>;
const PCCNA = '2024-porsche-carrera-cup-north-america';
const F1 = '1995-formula-one';
const TABLES = [
  'series',
  'seasons',
  'events',
  'sessions',
  'drivers',
  'teams',
  'entries',
  'classifications',
  'classification_rows',
  'awards',
  'adjustments',
  'published',
  'users',
  'logins',
  'audit',
] as const;

const asJson = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

if (!PG_URL) it.skip('migration on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases({ file: true }))('migrating an old database on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  let app: Paddock;
  const before = new Map<string, LegacySeason>();
  beforeAll(async () => {
    database = make();
    // The database as the old store left it: the old schema, then its rows.
    const old = await openDatabase({ ...database.options, migrateUpTo: '0002-accounts-and-audit' });
    const db = old.db as unknown as Kysely<LegacyDatabase>;
    // One transaction and one statement per table: 875 single-row commits, each waiting for its
    // fsync, once took this hook past its time-out on a loaded machine.
    await db.transaction().execute(async (trx) => {
      for (const table of TABLES)
        if (ROWS[table].length) await trx.insertInto(table).values(ROWS[table]).execute();
    });
    for (const id of [PCCNA, F1]) before.set(id, await readLegacySeason(db, id));
    await old.close();
    store = await database.open();
    app = new Paddock({ store, builtIns: false });
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await database.cleanUp();
  });

  it('keeps every season at its version, with its files loading to the same season', async () => {
    expect((await store.listSeasons()).map((s) => [s.id, s.version])).toEqual([
      [PCCNA, 8],
      [F1, 2],
    ]);
    for (const [id, legacy] of before) {
      const sv = await app.open(id);
      if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
      expect(sv.value.version).toBe(legacy.version);
      expect(sv.value.loaded.season, id).toEqual(legacy.season);
      expect(sv.value.loaded.files.get('rulebook.yaml')).toBe(legacy.rulebookYaml);
      expect(sv.value.loaded.decisions).toEqual(legacy.decisions);
      const fromFiles = computeStandings(sv.value.loaded.season, sv.value.loaded.rulebook);
      expect(fromFiles.ok).toBe(true);
    }
  });

  it('keeps the edits: the decision that amended race 2, the 5/2 penalty, the changed rulebook', async () => {
    const sv = await app.open(PCCNA);
    if (!sv.ok) throw new Error('not loaded');
    const { season, files, decisions } = sv.value.loaded;
    expect(season.classifications.find((c) => c.sessionId === 'race-02')!.state).toBe('amended');
    expect(decisions.get('race-02')).toBe('Technical infringement (ride height), decision 7');
    expect(files.get('result-states.csv')).toContain(
      'race-02,amended,"Technical infringement (ride height), decision 7"',
    );
    expect(files.get('adjustments.yaml')).toContain('points: 5/2');
    expect(files.get('rulebook.yaml')).toContain('carrera-cup: [26, 20, 17');
    const race3 = season.classifications.find((c) => c.sessionId === 'race-03')!;
    expect(race3.rows.find((r) => r.entryId === '24-kellymoss-loek-hartog')!.note).toBe(
      'corrected "note", with a comma',
    );
    // The standings are those of the old database: scored from the same season and rulebook.
    const legacy = before.get(PCCNA)!;
    const stand = app.standings(sv.value);
    expect(asJson(stand)).toBe(asJson(computeStandings(legacy.season, sv.value.loaded.rulebook)));
  });

  it('turns every audit entry into a revision with who, when, what, why, before and after', async () => {
    const audit = ROWS.audit.filter((a) => a['season_id'] === PCCNA);
    const revisions = await store.listRevisions(PCCNA);
    expect(revisions.map((r) => r.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    for (const a of audit) {
      const r = revisions.find((x) => x.version === a['version'])!;
      expect(r).toMatchObject({ at: a['at'], author: a['who'], action: a['action'], reason: a['reason'] });
      expect(r.summary).toMatchObject({
        subject: a['subject'],
        before: JSON.parse(a['before'] as string) as unknown,
        after: JSON.parse(a['after'] as string) as unknown,
      });
    }
    // Only the current state was kept by the old tables: earlier revisions are history only.
    expect(revisions.filter((r) => r.manifest).map((r) => r.version)).toEqual([8]);
    expect(revisions[0]).toMatchObject({ origin: 'migration', parentVersion: 7 });
    const restore = await app.revert(PCCNA, 3, { author: 'a@b.c', reason: 'try', origin: 'cli' });
    expect(!restore.ok && restore.issues[0]!.code).toBe('revision.not-kept');
  });

  it('keeps a season imported twice and never edited as refreshable, marking first-start imports built-in', async () => {
    expect(
      (await store.listRevisions(F1)).map((r) => [r.version, r.action, r.author, Boolean(r.manifest)]),
    ).toEqual([
      [2, 'reimport', 'cli:someone', true],
      [1, 'import', 'cli:someone', false],
    ]);
    expect((await store.getSeason(PCCNA)).builtIn).toBe(true);
    expect((await store.getSeason(F1)).builtIn).toBe(false);
  });

  it('keeps the accounts and logins', async () => {
    expect(await store.findUser('chief@example.com')).toMatchObject({ role: 'admin' });
    // Roles were global: a steward stays a steward, of every series ('*'), and becomes a member.
    expect(await store.findUser('steward@example.com')).toMatchObject({ role: 'member' });
    expect(await store.listSeriesRoles({ email: 'steward@example.com' })).toEqual([
      { email: 'steward@example.com', seriesId: '*', role: 'steward' },
    ]);
    expect(await store.listSeriesRoles({ email: 'chief@example.com' })).toEqual([]);
    const login = ROWS.logins[0]!;
    expect(await store.findLogin(login['token_hash'] as string)).toMatchObject({
      email: 'chief@example.com',
      role: 'admin',
    });
  });

  it('accepts edits after the migration as new revisions', async () => {
    const edit = await app.edit(
      PCCNA,
      { kind: 'state', sessionId: 'race-04', state: 'final' },
      { author: 'a@b.c', reason: 'confirmed', origin: 'editor' },
    );
    expect(edit).toEqual({ ok: true, value: { version: 9 } });
    const diff = await app.diff(PCCNA, 8, 9);
    expect(diff.ok && diff.value.files.changed).toEqual(['result-states.csv']);
  });
});
