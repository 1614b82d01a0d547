/**
 * The application layer on SQLite and (with PADDOCK_TEST_PG_URL) PostgreSQL: edits as revisions
 * that touch only their files, history, diff and revert, folder import and export with the
 * refusal to overwrite newer edits, built-in refresh, and bounded caches keyed by version.
 * Points are worked by hand from the reference season's rulebook (carrera-cup scale 25, 20, 17 ...;
 * pole 2, fastest lap 1): race 1 was won by Loek Hartog from pole with the fastest lap (28 after
 * race 1), Gustav Burton second (20).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExact, officialResults } from '../engine/index.js';
import type { SeasonStandings } from '../engine/index.js';
import { SEASONS_DIR } from '../formats/catalog.js';
import { readSeasonFolder } from '../formats/season-folder.js';
import type { Store } from '../store/store.js';
import { PG_URL, testDatabases } from '../store/test-support/databases.js';
import type { TestDatabase } from '../store/test-support/databases.js';
import { Paddock } from './paddock.js';
import type { Change, SeasonVersion } from './paddock.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const REFERENCE = join(SEASONS_DIR, SEASON);
const ADJUSTMENTS = `# Stewards' decisions, entered by hand (keep this comment).
- kind: points-deduction   # decision 3
  championship: andial-cup
  driver: alan-metni
  points: "1"
  reason: Test deduction
`;

const by = (reason: string, extra: Partial<Change> = {}): Change => ({
  author: 'steward@example.com',
  reason,
  origin: 'editor',
  at: new Date('2024-10-20T12:00:00Z'),
  ...extra,
});

const pointsOf = (s: SeasonStandings, championship: string, competitor: string) => {
  const row = s.championships
    .find((c) => c.id === championship)!
    .rows.find((r) => r.competitor.id === competitor);
  return row && formatExact(row.points);
};

const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

let tmp: string;
let folder: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'paddock-app-'));
  folder = join(tmp, 'season');
  await cp(REFERENCE, folder, { recursive: true });
  await writeFile(join(folder, 'adjustments.yaml'), ADJUSTMENTS);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

if (!PG_URL) it.skip('the app on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases())('the app on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  let app: Paddock;
  let v1: number;
  beforeAll(async () => {
    database = make();
    store = await database.open();
    app = new Paddock({ store, builtIns: false });
    const imported = ok(
      await app.importFolder(folder, { change: by('the season folder', { origin: 'folder' }) }),
    );
    v1 = imported.version!;
  });
  afterAll(async () => {
    await store.close();
    await database.cleanUp();
  });

  const open = async (version?: number): Promise<SeasonVersion> =>
    ok(await app.open(SEASON, version === undefined ? {} : { version }));

  it('imports a folder as revision 1 and reads back exactly its files', async () => {
    expect(v1).toBe(1);
    const sv = await open();
    const read = ok(await readSeasonFolder(folder));
    expect(sv.loaded.files).toEqual(read);
    expect(sv.source).toEqual({ kind: 'database', where: store.where, seasonId: SEASON, version: 1 });
    expect(ok(await app.open('2024-pccna')).key).toBe(sv.key);
  });

  it('applies a places penalty as a revision that appends it to adjustments.yaml, results file untouched', async () => {
    const before = await open();
    expect(pointsOf(ok(app.standings(before, { afterRace: 1 })), 'overall', 'loek-hartog')).toBe('28');
    const saved = await app.edit(
      SEASON,
      {
        kind: 'penalty',
        penalty: 'places',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        amount: '1',
      },
      by('Track limits, decision 12'),
    );
    expect(saved).toEqual({ ok: true, value: { version: 2 } });
    const after = await open();
    expect(after.version).toBe(2);
    // 25 becomes 20 for Hartog (pole and fastest lap stay: 23); Burton wins: 25.
    const s = ok(app.standings(after, { afterRace: 1 }));
    expect([pointsOf(s, 'overall', 'loek-hartog'), pointsOf(s, 'overall', 'gustav-burton')]).toEqual([
      '23',
      '25',
    ]);
    for (const [path, text] of before.loaded.files)
      if (path !== 'adjustments.yaml') expect(after.loaded.files.get(path), path).toBe(text);
    expect(after.loaded.files.get('adjustments.yaml')).toBe(
      `${ADJUSTMENTS}- kind: places-penalty\n  session: race-01\n  entry: 24-kellymoss-loek-hartog\n  places: 1\n  reason: Track limits, decision 12\n`,
    );
    const [latest] = ok(await app.history(SEASON)).revisions;
    expect(latest).toMatchObject({
      version: 2,
      parentVersion: 1,
      author: 'steward@example.com',
      action: 'penalty:places',
      reason: 'Track limits, decision 12',
      origin: 'editor',
      at: '2024-10-20T12:00:00.000Z',
      summary: { files: { added: [], removed: [], changed: ['adjustments.yaml'] }, subject: 'race-01' },
    });
  });

  it('appends a points penalty to adjustments.yaml, keeping what a person wrote there', async () => {
    const before = pointsOf(ok(app.standings(await open())), 'overall', 'ryan-yardley')!;
    ok(
      await app.edit(
        SEASON,
        {
          kind: 'penalty',
          penalty: 'points',
          entryId: '78-topp-performance-ryan-yardley',
          amount: '10',
          championshipId: 'overall',
        },
        by('Unsportsmanlike conduct'),
      ),
    );
    const sv = await open();
    const text = sv.loaded.files.get('adjustments.yaml')!;
    expect(text.startsWith(ADJUSTMENTS)).toBe(true);
    // After the places penalty of the test above, the new record comes last.
    expect(text.slice(text.lastIndexOf('- kind:'))).toBe(
      '- kind: points-deduction\n  championship: overall\n  driver: ryan-yardley\n  points: "10"\n  reason: Unsportsmanlike conduct\n',
    );
    expect(BigInt(pointsOf(ok(app.standings(sv)), 'overall', 'ryan-yardley')!)).toBe(BigInt(before) - 10n);
  });

  it('amends a final result and keeps the decision in result-states.csv', async () => {
    ok(
      await app.edit(
        SEASON,
        { kind: 'state', sessionId: 'race-02', state: 'final' },
        by('results confirmed'),
      ),
    );
    ok(
      await app.edit(
        SEASON,
        {
          kind: 'penalty',
          penalty: 'disqualification',
          sessionId: 'race-02',
          entryId: '20-mdk-gustav-burton',
        },
        by('Technical infringement (ride height)'),
      ),
    );
    const sv = await open();
    expect(sv.loaded.files.get('result-states.csv')).toBe(
      'session,state,decision\nrace-02,amended,Technical infringement (ride height)\n',
    );
    expect(sv.loaded.decisions.get('race-02')).toBe('Technical infringement (ride height)');
    // The results as entered stay; the disqualification is a record the engine applies.
    expect(sv.loaded.files.get('results/race-02.csv')).toBe(
      (await open(1)).loaded.files.get('results/race-02.csv'),
    );
    expect(sv.loaded.season.adjustments.at(-1)).toEqual({
      kind: 'disqualification',
      sessionId: 'race-02',
      entryId: '20-mdk-gustav-burton',
      reason: 'Technical infringement (ride height)',
    });
    const race2 = officialResults(sv.loaded.season).find('race-02')!;
    expect(race2.rows.find((r) => r.row.entryId === '20-mdk-gustav-burton')!.row).toMatchObject({
      status: 'DSQ',
    });
    expect(race2.state).toBe('amended');
  });

  it('refuses an invalid edit and writes nothing', async () => {
    const sv = await open();
    const revisions = ok(await app.history(SEASON)).revisions.length;
    const race3 = sv.loaded.season.classifications.find((c) => c.sessionId === 'race-03')!;
    const rows = race3.rows.map((r, i) => (i === 1 ? { ...r, position: 1 } : r));
    const edit = await app.edit(SEASON, { kind: 'classification', sessionId: 'race-03', rows }, by('typo'));
    expect(!edit.ok && edit.issues.map((i) => i.code)).toContain('results.duplicate-position');
    expect(!edit.ok && edit.issues.find((i) => i.code === 'results.duplicate-position')!.path).toEqual([
      'results',
      'race-03',
      1,
      'position',
    ]);
    expect((await open()).version).toBe(sv.version);
    expect(ok(await app.history(SEASON)).revisions).toHaveLength(revisions);
    const noReason = await app.edit(
      SEASON,
      { kind: 'state', sessionId: 'race-03', state: 'final' },
      by('  '),
    );
    expect(!noReason.ok && noReason.issues[0]!.code).toBe('edit.no-reason');
  });

  it('refuses a change made from an older version, and lets one of two edits of the same version win', async () => {
    const version = (await open()).version!;
    const stale = await app.edit(
      SEASON,
      { kind: 'state', sessionId: 'race-05', state: 'final' },
      by('late', { expectedVersion: version - 1 }),
    );
    expect(!stale.ok && stale.issues[0]!.code).toBe('season.conflict');
    // Two people opened the same version; both save: the first wins, the second is told.
    const both = await Promise.all([
      app.edit(
        SEASON,
        { kind: 'state', sessionId: 'race-05', state: 'final' },
        by('one', { expectedVersion: version }),
      ),
      app.edit(
        SEASON,
        { kind: 'state', sessionId: 'race-06', state: 'final' },
        by('two', { expectedVersion: version }),
      ),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.issues[0]!.code)).toEqual(['season.conflict']);
    expect((await open()).version).toBe(version + 1);
  });

  it('changes the rulebook through the same loader, and refuses a broken one with its line', async () => {
    const sv = await open();
    const yaml = sv.loaded.files.get('rulebook.yaml')!;
    const doubled = yaml.replace(
      'carrera-cup: [25, 20, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]',
      'carrera-cup: [50, 40, 34, 28, 24, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2]',
    );
    expect(doubled).not.toBe(yaml);
    ok(await app.changeRulebook(SEASON, doubled, by('Double points (test)')));
    // Race 1 after the places penalty: Burton won (50 now).
    expect(pointsOf(ok(app.standings(await open(), { afterRace: 1 })), 'overall', 'gustav-burton')).toBe(
      '50',
    );
    const broken = await app.changeRulebook(SEASON, 'id: [unclosed', by('broken'));
    expect(!broken.ok && broken.issues[0]!.location).toMatchObject({ file: 'rulebook.yaml', line: 1 });
    ok(await app.changeRulebook(SEASON, yaml, by('Back to the real scale')));
  });

  it('shows the semantic diff between two revisions: results, points and files', async () => {
    const diff = ok(await app.diff(SEASON, 1, 2));
    expect(diff.files).toEqual({ added: [], removed: [], changed: ['adjustments.yaml'] });
    expect(diff.adjustments.added).toEqual([
      'places-penalty 24-kellymoss-loek-hartog 1 place(s) race-01 (Track limits, decision 12)',
    ]);
    expect(diff.results).toEqual([
      {
        sessionId: 'race-01',
        added: [],
        removed: [],
        changed: [
          { entryId: '20-mdk-gustav-burton', before: 'P2', after: 'P1' },
          { entryId: '24-kellymoss-loek-hartog', before: 'P1', after: 'P2' },
        ],
      },
    ]);
    // Final overall table: Hartog loses 5, Burton gains 5.
    const hartog = diff.points.find(
      (p) => p.championshipId === 'overall' && p.competitorId === 'loek-hartog',
    )!;
    expect(BigInt(hartog.before!.points) - BigInt(hartog.after!.points)).toBe(5n);
    const burton = diff.points.find(
      (p) => p.championshipId === 'overall' && p.competitorId === 'gustav-burton',
    )!;
    expect(BigInt(burton.after!.points) - BigInt(burton.before!.points)).toBe(5n);
    expect(diff.entries).toEqual({ added: [], removed: [], changed: [] });
    expect(ok(await app.diff(SEASON, 2, 2)).unchanged).toBe(true);
  });

  it('reverts to an earlier revision as a new revision, and reverts the revert', async () => {
    const current = await open();
    const reverted = ok(await app.revert(SEASON, 1, by('undo everything')));
    expect(reverted.version).toBe(current.version! + 1);
    const back = await open();
    expect(back.manifest).toEqual((await open(1)).manifest);
    expect(pointsOf(ok(app.standings(back, { afterRace: 1 })), 'overall', 'loek-hartog')).toBe('28');
    ok(await app.revert(SEASON, current.version!, by('undo the undo')));
    const again = await open();
    expect(again.manifest).toEqual(current.manifest);
    expect(
      ok(await app.history(SEASON))
        .revisions.slice(0, 2)
        .map((r) => [r.action, r.summary]),
    ).toMatchObject([
      ['revert', { revertedTo: current.version }],
      ['revert', { revertedTo: 1 }],
    ]);
    const same = await app.revert(SEASON, again.version!, by('nothing'));
    expect(!same.ok && same.issues[0]!.code).toBe('revert.unchanged');
  });

  it('refuses to import a folder over edits made in the database since it was exported, unless forced', async () => {
    const out = join(tmp, `export-${database.name}`);
    const exported = ok(await app.exportFolder(SEASON, out));
    expect(await readFile(join(out, 'paddock-revision.yaml'), 'utf8')).toContain(
      `revision: ${exported.version}\n`,
    );
    // Importing the export back changes nothing.
    expect(ok(await app.importFolder(out, { change: by('again', { origin: 'folder' }) })).unchanged).toBe(
      true,
    );
    // Someone edits on the site; meanwhile the folder is changed and imported.
    ok(await app.edit(SEASON, { kind: 'state', sessionId: 'race-07', state: 'final' }, by('on the site')));
    const siteVersion = (await open()).version!;
    const notes = (await readFile(join(out, 'teams.csv'), 'utf8')).replace(
      'kellymoss,Kellymoss,',
      'kellymoss,Kelly-Moss Road and Race,',
    );
    await writeFile(join(out, 'teams.csv'), notes);
    const refused = await app.importFolder(out, { change: by('from the folder', { origin: 'folder' }) });
    expect(!refused.ok && refused.issues[0]).toMatchObject({ code: 'import.stale' });
    expect(!refused.ok && refused.issues[0]!.message).toContain(
      `since revision ${exported.version} was exported`,
    );
    expect((await open()).version).toBe(siteVersion);
    // A dry run shows the change; --force applies it and the site's edit stays restorable.
    const dry = ok(
      await app.importFolder(out, { change: by('look', { origin: 'folder' }), force: true, dryRun: true }),
    );
    expect(dry.diff!.files.changed).toEqual(expect.arrayContaining(['teams.csv', 'result-states.csv']));
    expect(dry.diff!.teams.changed).toEqual(['kellymoss']);
    const forced = ok(
      await app.importFolder(out, { change: by('from the folder', { origin: 'folder' }), force: true }),
    );
    expect(forced.version).toBe(siteVersion + 1);
    expect(
      (await open()).loaded.season.classifications.find((c) => c.sessionId === 'race-07')!.state,
    ).toBeUndefined();
    ok(await app.revert(SEASON, siteVersion, by('keep the site edit')));
    expect((await open()).loaded.season.classifications.find((c) => c.sessionId === 'race-07')!.state).toBe(
      'final',
    );
  });

  it('refuses a folder without a marker when the season was edited since it was last imported', async () => {
    const refused = await app.importFolder(folder, { change: by('the old folder', { origin: 'folder' }) });
    expect(!refused.ok && refused.issues[0]!.message).toMatch(
      /since it was last imported from files \(revision \d+\)/,
    );
  });

  it('computes standings once per version (a cache test that fails without the cache)', async () => {
    ok(await app.edit(SEASON, { kind: 'state', sessionId: 'race-09', state: 'final' }, by('a new version')));
    const sv = await open();
    const computations = app.computations;
    const a = ok(app.standings(sv));
    const b = ok(app.standings(sv));
    expect(b).toBe(a);
    expect(app.computations).toBe(computations + 1);
    const loads = app.loads;
    expect((await open()).loaded).toBe(sv.loaded);
    expect(app.loads).toBe(loads);
    // A new version is a new key: computed once again.
    ok(await app.edit(SEASON, { kind: 'state', sessionId: 'race-08', state: 'final' }, by('cache')));
    const next = await open();
    expect(ok(app.standings(next))).not.toBe(a);
    expect(app.computations).toBe(computations + 2);
  });

  it('does not grow its caches for unknown seasons, championships, competitors or versions', async () => {
    const sv = await open();
    ok(app.standings(sv));
    const sizes = app.cacheSizes;
    for (let i = 0; i < 50; i++) {
      expect((await app.open(`no-such-season-${i}`)).ok).toBe(false);
      expect(app.standings(sv, { championship: `no-such-championship-${i}` }).ok).toBe(false);
      expect(app.explain(sv, `nobody-${i}`).ok).toBe(false);
      expect((await app.open(SEASON, { version: 1000 + i })).ok).toBe(false);
    }
    expect(app.cacheSizes).toEqual(sizes);
  });

  it('keeps its caches bounded', async () => {
    const small = new Paddock({
      store,
      builtIns: false,
      cacheSize: { seasons: 2, standings: 3, derived: 2 },
    });
    for (const version of [1, 2, 3, 4]) {
      const sv = ok(await small.open(SEASON, { version }));
      ok(small.standings(sv));
      small.derived(sv, 'x', () => version);
    }
    expect(small.cacheSizes).toEqual({ seasons: 2, standings: 3, derived: 2 });
  });
});

describe.each(testDatabases())('built-in seasons on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  let app: Paddock;
  let library: string;
  const listing = () => [{ id: SEASON, name: 'x', aliases: [], dir: library }];
  beforeAll(async () => {
    database = make();
    store = await database.open();
    app = new Paddock({ store, builtIns: false });
    library = join(tmp, `library-${database.name}`);
    await cp(REFERENCE, library, { recursive: true });
  });
  afterAll(async () => {
    await store.close();
    await database.cleanUp();
  });

  it('imports a built-in season once, and does nothing while its files are unchanged', async () => {
    expect(await app.refreshBuiltIns(undefined, listing())).toEqual({
      imported: [SEASON],
      refreshed: [],
      diverged: [],
      issues: [],
    });
    expect((await store.getSeason(SEASON)).builtIn).toBe(true);
    const loads = app.loads;
    expect(await app.refreshBuiltIns(undefined, listing())).toEqual({
      imported: [],
      refreshed: [],
      diverged: [],
      issues: [],
    });
    // Unchanged files are hashed, not parsed.
    expect(app.loads).toBe(loads);
  });

  it('refreshes it when its files change and nobody edited it in the database', async () => {
    await writeFile(join(library, 'notes.md'), 'A note added to the files.\n');
    expect((await app.refreshBuiltIns(undefined, listing())).refreshed).toEqual([SEASON]);
    const sv = ok(await app.open(SEASON));
    expect(sv.version).toBe(2);
    expect(sv.loaded.files.get('notes.md')).toBe('A note added to the files.\n');
    expect(ok(await app.history(SEASON)).revisions[0]).toMatchObject({
      action: 'refresh',
      origin: 'built-in',
    });
  });

  it('says it diverged, and leaves it, when it was edited in the database since', async () => {
    ok(await app.edit(SEASON, { kind: 'state', sessionId: 'race-01', state: 'final' }, by('on the site')));
    expect((await app.refreshBuiltIns(undefined, listing())).diverged).toEqual([]);
    await writeFile(join(library, 'notes.md'), 'The note changed again.\n');
    const done = await app.refreshBuiltIns(undefined, listing());
    expect(done.refreshed).toEqual([]);
    expect(done.diverged.map((d) => d.id)).toEqual([SEASON]);
    expect(done.diverged[0]!.message).toContain(
      'was edited in the database since (revision 3 by steward@example.com)',
    );
    expect(ok(await app.open(SEASON)).version).toBe(3);
  });
});
