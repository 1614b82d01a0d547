/**
 * The store suite, run on SQLite and (with PADDOCK_TEST_PG_URL) PostgreSQL: revisions of a
 * season's files in and out, optimistic concurrency, paired lookups, accounts. No scoring here:
 * src/app/paddock.test.ts covers what the app builds on these rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, hashText, manifestOf } from './content-hash.js';
import type { SaveRevision, Store } from './store.js';
import { PG_URL, testDatabases } from './test-support/databases.js';
import type { TestDatabase } from './test-support/databases.js';

const AT = '2024-10-20T12:00:00.000Z';

const files = (extra: Record<string, string> = {}) =>
  new Map(
    Object.entries({
      'season.yaml': 'id: demo\nname: Demo\n',
      'results/race-01.csv': 'position,entry,status\n1,a,classified\n',
      'drivers.csv': 'id,name\na,"O\'Neil, ""Robert""); DROP TABLE season_files; --"\n',
      ...extra,
    }),
  );

const save = (over: Partial<SaveRevision> = {}): SaveRevision => ({
  season: {
    id: 'demo',
    series: { id: 'demo-series', name: 'Demo Series' },
    name: 'Demo 2024',
    year: 2024,
    aliases: ['demo-24'],
  },
  baseVersion: 0,
  files: files(),
  revision: {
    at: AT,
    author: 'someone@example.com',
    action: 'import',
    reason: 'first',
    origin: 'folder',
    summary: { n: 1 },
    sourceHash: 'abc',
  },
  ...over,
});

if (!PG_URL) it.skip('store suite on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases())('store on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = make();
    store = await database.open();
  });
  afterAll(async () => {
    await store.close();
    await database.cleanUp();
  });

  it('stores a new season as revision 1 and reads its files back exactly', async () => {
    expect(await store.saveRevision(save())).toEqual({ ok: true, version: 1 });
    const row = await store.getSeason('demo');
    expect(row).toEqual({
      id: 'demo',
      seriesId: 'demo-series',
      name: 'Demo 2024',
      year: 2024,
      aliases: ['demo-24'],
      version: 1,
      builtIn: false,
    });
    const revision = await store.getRevision('demo', 1);
    expect(revision).toMatchObject({
      seasonId: 'demo',
      version: 1,
      parentVersion: undefined,
      at: AT,
      author: 'someone@example.com',
      action: 'import',
      reason: 'first',
      origin: 'folder',
      summary: { n: 1 },
      sourceHash: 'abc',
    });
    expect(Object.keys(revision.manifest!)).toEqual(['drivers.csv', 'results/race-01.csv', 'season.yaml']);
    expect(revision.manifest!['season.yaml']).toBe(hashText('id: demo\nname: Demo\n'));
    expect(await store.readFiles(revision.manifest!)).toEqual(files());
    expect(await store.listSeries()).toEqual([{ id: 'demo-series', name: 'Demo Series' }]);
  });

  it('finds a season by id or alias, and getSeason throws for an unknown one', async () => {
    expect((await store.findSeason('demo-24'))?.id).toBe('demo');
    expect(await store.findSeason('nope')).toBeUndefined();
    await expect(store.getSeason('nope')).rejects.toThrow('no season "nope"');
    expect(await store.findRevision('demo', 9)).toBeUndefined();
    await expect(store.getRevision('demo', 9)).rejects.toThrow('no revision 9');
  });

  it('refuses a second season with the same id', async () => {
    expect(await store.saveRevision(save())).toEqual({ ok: false, conflict: true });
    expect((await store.getSeason('demo')).version).toBe(1);
  });

  it('adds a revision only on top of the version it was made from', async () => {
    const next = files({ 'results/race-01.csv': 'position,entry,status\n,a,DSQ\n' });
    const revision = {
      ...save().revision,
      action: 'penalty:disqualification',
      reason: 'ride height',
      origin: 'editor',
      summary: {},
    };
    expect(await store.saveRevision(save({ baseVersion: 1, files: next, revision }))).toEqual({
      ok: true,
      version: 2,
    });
    // A second change made from version 1 lost the race: nothing of it is written.
    const stale = files({ 'results/race-01.csv': 'position,entry,status\n1,a,classified\n2,b,classified\n' });
    expect(await store.saveRevision(save({ baseVersion: 1, files: stale, revision }))).toEqual({
      ok: false,
      conflict: true,
    });
    expect((await store.getSeason('demo')).version).toBe(2);
    expect((await store.listRevisions('demo')).map((r) => [r.version, r.parentVersion])).toEqual([
      [2, 1],
      [1, undefined],
    ]);
    const two = await store.getRevision('demo', 2);
    expect(await store.readFiles(two.manifest!)).toEqual(next);
    // Unchanged files are the same stored texts.
    expect(two.manifest!['season.yaml']).toBe((await store.getRevision('demo', 1)).manifest!['season.yaml']);
    expect(contentHash(two.manifest!)).toBe(contentHash(manifestOf(next)));
  });

  it('lets one of two simultaneous changes win', async () => {
    const base = (await store.getSeason('demo')).version;
    const change = (n: number) =>
      store.saveRevision(
        save({
          baseVersion: base,
          files: files({ 'note.md': `change ${n}\n` }),
          revision: { ...save().revision, reason: `change ${n}` },
        }),
      );
    const outcomes = await Promise.all([change(1), change(2), change(3)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect((await store.getSeason('demo')).version).toBe(base + 1);
  });

  it('keeps the season row up to date with the latest season.yaml', async () => {
    const base = (await store.getSeason('demo')).version;
    const saved = await store.saveRevision(
      save({
        baseVersion: base,
        season: { ...save().season, name: 'Demo 2024 (renamed)', aliases: ['demo-24', 'd24'] },
        builtIn: true,
      }),
    );
    expect(saved.ok).toBe(true);
    expect(await store.findSeason('d24')).toMatchObject({ name: 'Demo 2024 (renamed)', builtIn: true });
    const builtIns = await store.listBuiltInRevisions();
    expect(builtIns.map((b) => [b.season.id, b.revision.version])).toEqual([['demo', base + 1]]);
    expect((await store.findLatestRevisionFrom('demo', 'editor'))?.version).toBe(2);
    expect(await store.findLatestRevisionFrom('demo', 'nowhere')).toBeUndefined();
  });

  it('throws when a manifest names a text it does not hold (a broken database)', async () => {
    await expect(store.readFiles({ 'x.csv': 'f'.repeat(64) })).rejects.toThrow('no stored text');
  });

  it('stores accounts and logins, and forgets expired logins', async () => {
    expect(await store.findUser('a@example.com')).toBeUndefined();
    await expect(store.getUser('a@example.com')).rejects.toThrow('no account');
    await store.saveUser({ email: 'a@example.com', role: 'viewer', passwordHash: 'h1', createdAt: AT });
    await store.saveUser({
      email: 'a@example.com',
      role: 'steward',
      passwordHash: 'h2',
      createdAt: '2030-01-01',
    });
    expect(await store.getUser('a@example.com')).toEqual({
      email: 'a@example.com',
      role: 'steward',
      passwordHash: 'h2',
      createdAt: AT,
    });
    await store.insertLogin({
      tokenHash: 't1',
      email: 'a@example.com',
      csrfToken: 'c1',
      expiresAt: '2024-10-20T13:00:00Z',
    });
    expect(await store.findLogin('t1')).toEqual({
      tokenHash: 't1',
      email: 'a@example.com',
      role: 'steward',
      csrfToken: 'c1',
      expiresAt: '2024-10-20T13:00:00Z',
    });
    await store.deleteLoginsExpiredBefore('2024-10-20T14:00:00Z');
    expect(await store.findLogin('t1')).toBeUndefined();
    await store.insertLogin({
      tokenHash: 't2',
      email: 'a@example.com',
      csrfToken: 'c2',
      expiresAt: '2099-01-01',
    });
    await store.deleteLogin('t2');
    expect(await store.findLogin('t2')).toBeUndefined();
  });
});
