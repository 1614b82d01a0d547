import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStandings, formatExact } from '../engine/index.js';
import type { SeasonStandings } from '../engine/index.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSeason, resolvePreset } from '../formats/catalog.js';
import { loadSeasonFolder } from '../formats/season-folder.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import { addUser, findLogin, logIn, verifyPassword } from './accounts.js';
import { importSeason, loadSeasonFromStore, loadStoredSeason } from './season-store.js';
import { Store } from './store.js';
import { PG_URL, testDatabases } from './test-support/databases.js';
import type { TestDatabase } from './test-support/databases.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'seasons');
const NOW = new Date('2024-10-20T12:00:00Z');

let folder: LoadedSeason;
beforeAll(async () => {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  folder = loaded.value;
});

const asJson = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

const pointsOf = (s: SeasonStandings, championship: string, competitor: string) =>
  formatExact(s.championships.find((c) => c.id === championship)!.rows.find((r) => r.competitor.id === competitor)!.points);

if (!PG_URL) it.skip('store suite on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases())('store on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = make();
    store = await database.open();
    await importSeason(store.db, folder, { now: NOW });
  });
  afterAll(async () => {
    await store.close();
    await database.cleanUp();
  });

  it('loads back the season and rulebook it imported', async () => {
    const back = await loadSeasonFromStore(store.db, '2024-pccna');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.season).toEqual(folder.season);
    expect(back.value.rulebook).toEqual(folder.rulebook);
  });

  it('computes the same standings from the store as from the folder', async () => {
    const back = await loadSeasonFromStore(store.db, SEASON);
    if (!back.ok) throw new Error('not loaded');
    const fromStore = computeStandings(back.value.season, back.value.rulebook);
    const fromFolder = computeStandings(folder.season, folder.rulebook);
    // Compared as JSON (bigints spelled out): the engine may memoise fractions, so object identity differs.
    expect(fromStore.ok && fromFolder.ok).toBe(true);
    expect(asJson(fromStore)).toBe(asJson(fromFolder));
  });

  it('keeps the rulebook file text for export', async () => {
    const stored = await loadStoredSeason(store.db, SEASON);
    if (!stored.ok) throw new Error('not loaded');
    expect(stored.value.rulebookYaml).toContain('scales:');
    expect(stored.value.rulebookYaml).toContain('carrera-cup: [25, 20, 17');
  });

  it('reports an unknown season as an issue', async () => {
    const back = await loadSeasonFromStore(store.db, 'no-such-season');
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.issues[0]!.code).toBe('season.unknown');
  });

  it('computes standings once per version and again after a change', async () => {
    const before = store.computations;
    const a = await store.standings(SEASON);
    const b = await store.standings(SEASON);
    expect(a.ok && b.ok).toBe(true);
    expect(store.computations).toBe(before + 1);
    if (a.ok && b.ok) expect(b.value.standings).toBe(a.value.standings);
  });

  it('moves the winner down one place with a places penalty: 25 becomes 20 and P2 gains 5', async () => {
    // Race 1: Hartog won (25 by the carrera-cup scale) ahead of Burton (20); one place down swaps them.
    const before = await store.standings(SEASON, { afterRace: 1, championship: 'overall' });
    if (!before.ok) throw new Error('no standings');
    expect(pointsOf(before.value.standings, 'overall', 'loek-hartog')).toBe('28'); // 25 + pole 2 + fastest lap 1
    expect(pointsOf(before.value.standings, 'overall', 'gustav-burton')).toBe('20');
    const version = before.value.version;
    const edit = await store.edit(SEASON, { kind: 'penalty', penalty: 'places', sessionId: 'race-01', entryId: '24-kellymoss-loek-hartog', amount: '1' }, 'steward@example.com', 'Track limits, decision 12', NOW);
    expect(edit).toEqual({ ok: true, value: { version: version + 1 } });
    const after = await store.standings(SEASON, { afterRace: 1, championship: 'overall' });
    if (!after.ok) throw new Error('no standings');
    expect(pointsOf(after.value.standings, 'overall', 'loek-hartog')).toBe('23');
    expect(pointsOf(after.value.standings, 'overall', 'gustav-burton')).toBe('25');
    const [entry] = await store.audit(SEASON, 1);
    expect(entry).toMatchObject({ who: 'steward@example.com', action: 'penalty:places', subject: 'race-01', reason: 'Track limits, decision 12', at: NOW.toISOString(), version: version + 1 });
    const rowsBefore = (entry!.before as { rows: { entryId: string; position: number }[] }).rows;
    const rowsAfter = (entry!.after as { rows: { entryId: string; position: number }[] }).rows;
    expect(rowsBefore.slice(0, 2).map((r) => r.entryId)).toEqual(['24-kellymoss-loek-hartog', '20-mdk-gustav-burton']);
    expect(rowsAfter.slice(0, 2).map((r) => [r.entryId, r.position])).toEqual([
      ['20-mdk-gustav-burton', 1],
      ['24-kellymoss-loek-hartog', 2],
    ]);
  });

  it('marks a final result amended, with the decision, when it is changed', async () => {
    expect((await store.edit(SEASON, { kind: 'state', sessionId: 'race-02', state: 'final' }, 'admin@example.com', 'results confirmed', NOW)).ok).toBe(true);
    const dsq = await store.edit(SEASON, { kind: 'penalty', penalty: 'disqualification', sessionId: 'race-02', entryId: '20-mdk-gustav-burton' }, 'admin@example.com', 'Technical infringement (ride height)', NOW);
    expect(dsq.ok).toBe(true);
    const stored = await loadStoredSeason(store.db, SEASON);
    if (!stored.ok) throw new Error('not loaded');
    const race2 = stored.value.season.classifications.find((c) => c.sessionId === 'race-02')!;
    expect(race2.state).toBe('amended');
    expect(stored.value.decisions.get('race-02')).toBe('Technical infringement (ride height)');
    const burton = race2.rows.find((r) => r.entryId === '20-mdk-gustav-burton')!;
    expect(burton.status).toBe('DSQ');
    expect(burton.position).toBeUndefined();
    const positions = race2.rows.filter((r) => r.position !== undefined).map((r) => r.position);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
  });

  it('deducts points with a points penalty in one championship', async () => {
    const before = await store.standings(SEASON, { championship: 'overall' });
    if (!before.ok) throw new Error('no standings');
    const had = BigInt(pointsOf(before.value.standings, 'overall', 'ryan-yardley'));
    const edit = await store.edit(SEASON, { kind: 'penalty', penalty: 'points', entryId: '78-topp-performance-ryan-yardley', amount: '10', championshipId: 'overall' }, 'admin@example.com', 'Unsportsmanlike conduct', NOW);
    expect(edit.ok).toBe(true);
    const after = await store.standings(SEASON, { championship: 'overall' });
    if (!after.ok) throw new Error('no standings');
    expect(BigInt(pointsOf(after.value.standings, 'overall', 'ryan-yardley'))).toBe(had - 10n);
  });

  it('checks a points penalty with the adjustments file schema', async () => {
    const edit = await store.edit(SEASON, { kind: 'penalty', penalty: 'points', entryId: '78-topp-performance-ryan-yardley', amount: 'ten' }, 'admin@example.com', 'bad amount', NOW);
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.issues[0]).toMatchObject({ path: ['amount'], message: '"ten" is not a number or fraction such as 25, 0.5 or 1/7' });
  });

  it('refuses an invalid classification and saves nothing of it', async () => {
    const stored = await loadStoredSeason(store.db, SEASON);
    if (!stored.ok) throw new Error('not loaded');
    const auditBefore = (await store.audit(SEASON)).length;
    const race3 = stored.value.season.classifications.find((c) => c.sessionId === 'race-03')!;
    const rows = race3.rows.map((r, i) => (i === 1 ? { ...r, position: 1 } : r));
    const edit = await store.edit(SEASON, { kind: 'classification', sessionId: 'race-03', rows }, 'admin@example.com', 'typo', NOW);
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.issues.map((i) => i.code)).toContain('results.duplicate-position');
    const again = await loadStoredSeason(store.db, SEASON);
    if (!again.ok) throw new Error('not loaded');
    expect(again.value.version).toBe(stored.value.version);
    expect(again.value.season.classifications.find((c) => c.sessionId === 'race-03')).toEqual(race3);
    expect((await store.audit(SEASON)).length).toBe(auditBefore);
  });

  it('refuses an edit without a reason', async () => {
    const edit = await store.edit(SEASON, { kind: 'state', sessionId: 'race-03', state: 'final' }, 'admin@example.com', '  ');
    expect(edit.ok).toBe(false);
  });

  it('stores SQL-looking text verbatim', async () => {
    const sneaky = "Robert'); DROP TABLE drivers; --";
    const season = { ...folder.season, id: 'sql-season', aliases: [], drivers: folder.season.drivers.map((d, i) => (i === 0 ? { ...d, name: sneaky } : d)) };
    await importSeason(store.db, { season, rulebook: folder.rulebook }, { rulebookYaml: 'id: x', now: NOW });
    const back = await loadSeasonFromStore(store.db, 'sql-season');
    if (!back.ok) throw new Error('not loaded');
    expect(back.value.season.drivers[0]!.name).toBe(sneaky);
    const reason = "1' OR '1'='1";
    expect((await store.edit('sql-season', { kind: 'state', sessionId: 'race-01', state: 'final' }, 'a@b.c', reason, NOW)).ok).toBe(true);
    expect((await store.audit('sql-season', 1))[0]!.reason).toBe(reason);
    expect((await store.listSeasons()).map((s) => s.id).sort()).toEqual([SEASON, 'sql-season']);
  });

  it('replaces a season imported again and bumps its version', async () => {
    const stored = await loadStoredSeason(store.db, 'sql-season');
    if (!stored.ok) throw new Error('not loaded');
    const version = await importSeason(store.db, { season: { ...folder.season, id: 'sql-season', aliases: [] }, rulebook: folder.rulebook }, { rulebookYaml: 'id: x', now: NOW });
    expect(version).toBe(stored.value.version + 1);
    const back = await loadSeasonFromStore(store.db, 'sql-season');
    if (!back.ok) throw new Error('not loaded');
    expect(back.value.season.drivers).toEqual(folder.season.drivers);
  });

  it('trusts versions for a while when asked to, but sees its own edits at once', async () => {
    const trusting = new Store(store.handle, 60_000);
    const before = await trusting.season(SEASON);
    if (!before.ok) throw new Error('not loaded');
    // A change from outside (another process importing) is not seen until the versions are read again.
    await importSeason(store.db, folder, { now: NOW });
    const stale = await trusting.season(SEASON);
    expect(stale.ok && stale.value.stored.version).toBe(before.value.stored.version);
    trusting.forgetVersions();
    const fresh = await trusting.season(SEASON);
    expect(fresh.ok && fresh.value.stored.version).toBe(before.value.stored.version + 1);
    expect((await trusting.edit(SEASON, { kind: 'state', sessionId: 'race-04', state: 'final' }, 'a@b.c', 'confirmed', NOW)).ok).toBe(true);
    const edited = await trusting.season(SEASON);
    expect(edited.ok && edited.value.stored.version).toBe(before.value.stored.version + 2);
  });

  it('changes the rulebook in an audited transaction, and refuses a broken one', async () => {
    const stored = await loadStoredSeason(store.db, SEASON);
    if (!stored.ok) throw new Error('not loaded');
    const before = await store.standings(SEASON, { championship: 'overall', afterRace: 1 });
    if (!before.ok) throw new Error('no standings');
    // Double the race scale: the race 1 winner's 25 becomes 50 (bonuses stay 2 + 1).
    const doubled = stored.value.rulebookYaml.replace('carrera-cup: [25, 20, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]', 'carrera-cup: [50, 40, 34, 28, 24, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2]');
    expect(doubled).not.toBe(stored.value.rulebookYaml);
    const changed = await store.changeRulebook(SEASON, doubled, 'admin@example.com', 'Double points (test)', NOW);
    expect(changed.ok).toBe(true);
    const after = await store.standings(SEASON, { championship: 'overall', afterRace: 1 });
    if (!after.ok) throw new Error('no standings');
    const winner = after.value.standings.championships[0]!.rows[0]!;
    expect(formatExact(winner.points)).toBe('53');
    const [entry] = await store.audit(SEASON, 1);
    expect(entry).toMatchObject({ action: 'rulebook', reason: 'Double points (test)', before: stored.value.rulebookYaml, after: doubled });
    const broken = await store.changeRulebook(SEASON, 'id: x\nname: X\nscales: {}\nchampionships:\n  - id: overall\n    name: Overall\n    points: { race: nowhere }\n', 'admin@example.com', 'broken', NOW);
    expect(broken.ok).toBe(false);
    const syntax = await store.changeRulebook(SEASON, 'id: [unclosed', 'admin@example.com', 'broken', NOW);
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.issues[0]!.location?.file).toBe('rulebook.yaml');
    const again = await loadStoredSeason(store.db, SEASON);
    expect(again.ok && again.value.rulebookYaml).toBe(doubled);
    expect((await store.changeRulebook(SEASON, stored.value.rulebookYaml, 'admin@example.com', 'Back to the real scale', NOW)).ok).toBe(true);
  });

  it('round-trips every fixture season in one database (fractions, shared drives, adjustments)', async () => {
    const dirs = (await readdir(FIXTURES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => join(FIXTURES, d.name));
    let checked = 0;
    for (const dir of dirs) {
      const loaded = await loadSeasonFolder(dir, resolvePreset);
      if (!loaded.ok) continue; // Another suite owns these fixtures' validity.
      await importSeason(store.db, loaded.value, { now: NOW });
      const back = await loadSeasonFromStore(store.db, loaded.value.season.id);
      if (!back.ok) throw new Error(`${dir} did not load back`);
      expect(back.value.season, dir).toEqual(loaded.value.season);
      expect(back.value.rulebook, dir).toEqual(loaded.value.rulebook);
      expect(asJson(computeStandings(back.value.season, back.value.rulebook)), dir).toBe(asJson(computeStandings(loaded.value.season, loaded.value.rulebook)));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('hashes passwords and logs in only with the right one', async () => {
    const added = await addUser(store.db, 'Steward@Example.com', 'steward', 'correct horse battery', NOW);
    expect(added).toEqual({ ok: true, value: { email: 'steward@example.com', role: 'steward' } });
    const row = await store.db.selectFrom('users').selectAll().where('email', '=', 'steward@example.com').executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain('correct horse');
    expect(row.password_hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', row.password_hash)).toBe(true);
    expect(await logIn(store.db, 'steward@example.com', 'wrong password!!', NOW)).toBeUndefined();
    const login = await logIn(store.db, 'steward@example.com', 'correct horse battery', NOW);
    expect(login?.login.role).toBe('steward');
    expect(await findLogin(store.db, login!.token, NOW)).toMatchObject({ email: 'steward@example.com', role: 'steward' });
    expect(await findLogin(store.db, login!.token, new Date(NOW.getTime() + 13 * 3_600_000))).toBeUndefined();
    expect(await findLogin(store.db, 'forged-token', NOW)).toBeUndefined();
  });

  it('refuses a bad role and a short password', async () => {
    const added = await addUser(store.db, 'x@example.com', 'owner', 'short');
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.issues.map((i) => i.code).sort()).toEqual(['user.bad-role', 'user.short-password']);
  });
});
