/**
 * Edit -> fresh standings without loading twice, on SQLite and (with PADDOCK_TEST_PG_URL)
 * PostgreSQL: the season a write has just loaded and checked is the one the next read uses (no
 * second load), it equals the version loaded fresh from the database by an app with empty
 * caches, only the files an edit changed are parsed again, and the server's hook makes the new
 * version's standings once the change has answered.
 *
 * The edit moves the fastest lap of the reference season's last race (race-16: won by Ryan
 * Yardley, 78, who also set its fastest lap; Alex Sedgwick, 98, second; pole Michael Cooper, 88,
 * kept). The carrera-cup rulebook gives the overall fastest lap 1 point in the overall drivers'
 * championship, so Yardley loses exactly 1 and Sedgwick gains exactly 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatExact } from '../engine/index.js';
import type { SeasonStandings } from '../engine/index.js';
import { standingsJson } from '../exporters/json/standings-json.js';
import { SEASONS_DIR } from '../formats/catalog.js';
import type { Store } from '../store/store.js';
import { PG_URL, testDatabases } from '../store/test-support/databases.js';
import type { TestDatabase } from '../store/test-support/databases.js';
import { Paddock } from './paddock.js';
import type { Change, SeasonVersion } from './paddock.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
// The drivers' championship of the carrera-cup rulebook.
const YARDLEY = 'ryan-yardley';
const SEDGWICK = 'alex-sedgwick';
const FASTEST_TO_SEDGWICK = {
  kind: 'awards',
  sessionId: 'race-16',
  pole: '88-baby-bull-michael-cooper',
  fastestLap: '98-jdx-alex-sedgwick',
} as const;

const by = (reason: string): Change => ({
  author: 'steward@example.com',
  reason,
  origin: 'editor',
  at: new Date('2024-10-20T12:00:00Z'),
});

const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

const drivers = (s: SeasonStandings) => s.championships.find((c) => c.id === 'overall')!;
const pointsOf = (s: SeasonStandings, driver: string) =>
  formatExact(drivers(s).rows.find((r) => r.competitor.id === driver)!.points);

if (!PG_URL) it.skip('the handover on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases())('a change hands its loaded season to the reads on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  let app: Paddock;
  const changed: SeasonVersion[] = [];
  beforeAll(async () => {
    database = make();
    store = await database.open();
    app = new Paddock({ store, builtIns: false, afterChange: (sv) => changed.push(sv) });
    ok(await app.importFolder(join(SEASONS_DIR, SEASON), { change: by('the reference season') }));
  });
  afterAll(async () => {
    await store.close();
    await database.cleanUp();
  });

  it('reads the version an edit stored without loading it again, and it equals a fresh load', async () => {
    const before = ok(await app.open(SEASON));
    const was = ok(app.standings(before));
    const loads = app.loads;
    const saved = ok(await app.edit(SEASON, FASTEST_TO_SEDGWICK, by('fastest lap was 98')));
    expect(saved.version).toBe(before.version! + 1);
    const after = ok(await app.open(SEASON));
    expect(after.version).toBe(saved.version);
    // Neither the edit's check (it loads the new files itself) nor the read counts as a load.
    expect(app.loads).toBe(loads);
    const handed = ok(app.standings(after));
    expect(Number(pointsOf(handed, YARDLEY))).toBe(Number(pointsOf(was, YARDLEY)) - 1);
    expect(Number(pointsOf(handed, SEDGWICK))).toBe(Number(pointsOf(was, SEDGWICK)) + 1);

    // Another app over the same database, caches empty: loads the version from the database.
    const fresh = new Paddock({ store, builtIns: false });
    const loaded = ok(await fresh.open(SEASON));
    expect(fresh.loads).toBe(1);
    expect(loaded.version).toBe(saved.version);
    expect(loaded.loaded.season).toEqual(after.loaded.season);
    expect(loaded.loaded.rulebook).toEqual(after.loaded.rulebook);
    // The standings document (every point, contribution, description and tie-break trail) is the
    // same; the standings themselves hold closures (their descriptions), so compare what they say.
    expect(standingsJson(ok(fresh.standings(loaded)))).toEqual(standingsJson(handed));
  });

  it('parses again only the file an edit changed, and still checks the season across files', async () => {
    const parses = app.parses;
    ok(await app.edit(SEASON, { ...FASTEST_TO_SEDGWICK, fastestLap: '9-jdx-zachary-vanier' }, by('third')));
    // awards.csv is the one file the edit wrote (a text not seen before: race-16's fastest lap
    // with the third finisher, 9).
    expect(app.parses).toBe(parses + 1);
    // A results file that parses on its own but names an entry the season does not have.
    const sv = ok(await app.open(SEASON));
    const race = sv.loaded.files.get('results/race-16.csv')!;
    const refused = await app.changeFiles(
      SEASON,
      new Map([['results/race-16.csv', race.replace('78-topp-performance-ryan-yardley', 'no-such-entry')]]),
      by('a typo'),
      'results',
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.message).join('\n')).toMatch(/no-such-entry/);
    expect(ok(await app.open(SEASON)).version).toBe(sv.version);
  });

  it('calls afterChange with each new version once the change has answered', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    changed.length = 0;
    const saved = ok(await app.edit(SEASON, FASTEST_TO_SEDGWICK, by('fastest lap was 98 again')));
    // Not before the change answers: the hook runs on the next turn of the event loop.
    expect(changed).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(changed.map((sv) => sv.version)).toEqual([saved.version]);
    expect(changed[0]).toBe(ok(await app.open(SEASON)));
  });
});
