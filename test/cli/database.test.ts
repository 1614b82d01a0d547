/**
 * The CLI over a database, on SQLite and (with PADDOCK_TEST_PG_URL) PostgreSQL: the same bytes as
 * the API after edits made through the site's forms, history, diff and revert, import refusing to
 * overwrite newer edits, confirmed identities remembered by `import-results --into-db`, and
 * `export --db` giving back exactly the files of every built-in season (all 78 through the app calls
 * the CLI makes, with one database open; three through the CLI itself).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/index.js';
import { listSeasons, SEASONS_DIR } from '../../src/formats/catalog.js';
import { readSeasonFolder } from '../../src/formats/season-folder.js';
import { createApp } from '../../src/server/app.js';
import { Client } from '../../src/server/test-support/harness.js';
import { PG_URL, testDatabases, urlOf } from '../../src/store/test-support/databases.js';
import type { TestDatabase } from '../../src/store/test-support/databases.js';
import { run, runWith } from '../support/run-cli.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const FOLDER = join(SEASONS_DIR, SEASON);
const PASSWORD = 'a long enough password';
const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/importers/${p}`, import.meta.url));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'paddock-cli-db-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('where a read command found its season', () => {
  it('names the built-in files when there is no database, and the revision when there is', async () => {
    const files = await run('standings', '2024-pccna', '-c', 'masters');
    expect(files.out.trim().split('\n').at(-1)).toBe(
      `source: built-in files ${relative(process.cwd(), FOLDER)}`,
    );
    const db = join(tmp, 'sources.db');
    expect((await run('import', FOLDER, '--db', db)).code).toBe(0);
    for (const args of [
      ['standings', '2024-pccna'],
      ['explain', '2024-pccna', 'loek-hartog'],
      ['reconcile', '2024-pccna'],
      ['calendar', '2024-pccna'],
      ['entries', '2024-pccna'],
      ['results', '2024-pccna', '1'],
      ['check', '2024-pccna'],
    ]) {
      const r = await run(...args, '--db', db);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out.trim().split('\n').at(-1), args.join(' ')).toBe(`source: database ${db}, revision 1`);
    }
    const folder = await run('check', FOLDER);
    expect(folder.out).toContain(`source: folder ${relative(process.cwd(), FOLDER)}`);
  });

  it('reads only the database with a bare --db, and says when there is none', async () => {
    const cwd = process.cwd();
    const saved = { db: process.env['PADDOCK_DB'], url: process.env['DATABASE_URL'] };
    delete process.env['PADDOCK_DB'];
    delete process.env['DATABASE_URL'];
    process.chdir(tmp);
    try {
      const none = await run('standings', '2024-pccna', '--db');
      expect(none.code).toBe(2);
      expect(none.err).toContain('this command needs a database');
      expect((await run('history', '2024-pccna')).err).toContain('this command needs a database');
    } finally {
      process.chdir(cwd);
      if (saved.db !== undefined) process.env['PADDOCK_DB'] = saved.db;
      if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    }
  });
});

if (!PG_URL) it.skip('the CLI on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases({ file: true }))('the CLI over a database on $name', ({ make }) => {
  let database: TestDatabase;
  let db: string;
  let site: Paddock;
  let client: Client;
  beforeAll(async () => {
    database = make();
    db = urlOf(database);
    // Creates the database (and, on PostgreSQL, the test's schema) before the CLI connects.
    await (await database.open()).close();
    const imported = await run('import', FOLDER, '--db', db);
    expect(imported.out).toContain(`imported ${SEASON} (8 events, 16 results, version 1)`);
    expect(
      (
        await runWith(
          { PADDOCK_PASSWORD: PASSWORD },
          'user',
          'add',
          'steward@example.com',
          '--role',
          'steward',
          '--db',
          db,
        )
      ).code,
    ).toBe(0);
    // The site, as `paddock serve` runs it, over the same database.
    site = await Paddock.open(database.options, { builtIns: false, folders: false });
    client = new Client(createApp({ paddock: site }));
    expect((await client.logIn('steward@example.com', PASSWORD)).status).toBe(303);
  }, 60_000);
  afterAll(async () => {
    await site.close();
    await database.cleanUp();
  });

  const api = async (path: string) => {
    const res = await client.get(`/api/v1${path}`, { accept: 'application/json' });
    expect(res.status, path).toBe(200);
    return res.text();
  };

  it('prints the same bytes as the API after edits made through the forms', async () => {
    const edit = `/seasons/${SEASON}/edit/race-01`;
    let csrf = await client.csrfFrom(edit);
    const penalty = await client.post(`${edit}/penalty`, {
      _csrf: csrf,
      entryId: '24-kellymoss-loek-hartog',
      penalty: 'places',
      amount: '1',
      championshipId: '',
      reason: 'Causing a collision',
    });
    expect(penalty.status).toBe(303);
    csrf = await client.csrfFrom(`/seasons/${SEASON}/edit/race-03`);
    const points = await client.post(`/seasons/${SEASON}/edit/race-03/penalty`, {
      _csrf: csrf,
      entryId: '78-topp-performance-ryan-yardley',
      penalty: 'points',
      amount: '5/2',
      championshipId: 'overall',
      reason: 'Unsportsmanlike conduct',
    });
    expect(points.status).toBe(303);
    const cli = await run('standings', '2024-pccna', '--json', '--db', db);
    expect(cli.code).toBe(0);
    expect(cli.out).toBe(await api('/seasons/2024-pccna/standings'));
    // Hartog was moved down a place in race 1 after the edit: the CLI sees it.
    expect(cli.out).not.toBe((await run('standings', '2024-pccna', '--json')).out);
    const one = await run('standings', '2024-pccna', '--json', '-c', 'pro', '--after', '3', '--db', db);
    expect(one.out).toBe(await api('/seasons/2024-pccna/standings?championship=pro&after=3'));
    const explained = await run(
      'explain',
      '2024-pccna',
      'ryan-yardley',
      '--json',
      '-c',
      'overall',
      '--db',
      db,
    );
    expect(explained.out).toBe(
      await api('/seasons/2024-pccna/explanations/ryan-yardley?championship=overall'),
    );
    expect(explained.out).toContain('"pointsExact": "-5/2"');
    // The official classification of race 1, with the penalty and its decision.
    const race1 = (await run('results', '2024-pccna', '1', '--db', db)).out;
    expect(race1).toMatch(/^\s*1\s+pro P1\s+20\s+Gustav Burton\s+classified/m);
    expect(race1).toMatch(/^\s*2\s+pro P2\s+24\s+Loek Hartog\s+classified/m);
    expect(race1).toContain('  #24 Loek Hartog: 1-place penalty (P1 -> P2): Causing a collision');
    for (const [args, path] of [
      [['calendar', '2024-pccna'], '/seasons/2024-pccna/events'],
      [['entries', '2024-pccna'], '/seasons/2024-pccna/entries'],
      [['results', '2024-pccna', '1'], '/seasons/2024-pccna/results/race-01'],
    ] as const) {
      const r = await run(...args, '--json', '--db', db);
      expect(r.out, args.join(' ')).toBe(await api(path));
    }
  });

  it('lists the history, shows a diff, and reverts (a revert can be reverted)', async () => {
    const history = await run('history', '2024-pccna', '--db', db);
    expect(history.code).toBe(0);
    expect(history.out).toMatch(
      /^\s*3\s+\S+ \S+\s+steward@example\.com\s+penalty:points\s+Unsportsmanlike conduct$/m,
    );
    expect(history.out).toMatch(/^\s*2\s+.*penalty:places\s+Causing a collision$/m);
    expect(history.out).toMatch(/^\s*1\s+.*import\s+season folder imported$/m);
    const diff = await run('diff', '2024-pccna', '1', '2', '--db', db);
    // The penalty is a record in adjustments.yaml; the diff shows the results it changed.
    expect(diff.out).toContain('  + adjustments.yaml');
    expect(diff.out).toContain(
      '  + adjustment places-penalty 24-kellymoss-loek-hartog 1 place(s) race-01 (Causing a collision)',
    );
    expect(diff.out).toContain('    ~ 24-kellymoss-loek-hartog: P1 -> P2');
    expect(diff.out).toMatch(/overall: Loek Hartog P1 \d+ -> P1 \d+/);
    const json = JSON.parse((await run('diff', '2024-pccna', '2', '3', '--db', db, '--json')).out) as {
      adjustments: { added: string[] };
    };
    expect(json.adjustments.added).toEqual([
      'points-deduction ryan-yardley 5/2 overall race-03 (Unsportsmanlike conduct)',
    ]);
    const noReason = await run('revert', '2024-pccna', '1', '--db', db);
    expect(noReason.code).toBe(2);
    const revert = await run('revert', '2024-pccna', '1', '--reason', 'start again', '--db', db);
    expect(revert.code).toBe(0);
    expect(revert.out).toContain('revision 4 has the files of revision 1');
    expect((await run('standings', '2024-pccna', '--json', '--db', db)).out).toBe(
      (await run('standings', '2024-pccna', '--json')).out,
    );
    expect(
      (await run('revert', '2024-pccna', '3', '--reason', 'the edits were right', '--db', db)).code,
    ).toBe(0);
    expect((await run('standings', '2024-pccna', '--json', '--db', db)).out).toBe(
      await api('/seasons/2024-pccna/standings'),
    );
    expect((await run('diff', '2024-pccna', '3', '5', '--db', db)).out).toContain('no file differs');
  });

  it('refuses to import a folder over newer edits unless --force, keeping the old revision restorable', async () => {
    const out = join(tmp, `exported-${database.name}`);
    expect((await run('export', '2024-pccna', out, '--format', 'folder', '--db', db)).code).toBe(0);
    expect(await readFile(join(out, 'paddock-revision.yaml'), 'utf8')).toContain('revision: 5');
    const csrf = await client.csrfFrom(`/seasons/${SEASON}/edit/race-04`);
    expect(
      (
        await client.post(`/seasons/${SEASON}/edit/race-04/state`, {
          _csrf: csrf,
          state: 'final',
          reason: 'confirmed on the site',
        })
      ).status,
    ).toBe(303);
    const teams = (await readFile(join(out, 'teams.csv'), 'utf8')).replace(
      'kellymoss,Kellymoss,',
      'kellymoss,KellyMoss Racing,',
    );
    await writeFile(join(out, 'teams.csv'), teams);
    const refused = await run('import', out, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `${SEASON} was changed in the database since revision 5 was exported to this folder: revision 6 by steward@example.com (state:final: confirmed on the site)`,
    );
    const dry = await run('import', out, '--db', db, '--force', '--dry-run');
    expect(dry.out).toContain('  ~ teams.csv');
    expect(dry.out).toContain('  ~ team kellymoss');
    expect(dry.out).toContain('would import');
    const forced = await run(
      'import',
      out,
      '--db',
      db,
      '--force',
      '--reason',
      'the team name from the folder',
    );
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('version 7');
    expect((await run('entries', '2024-pccna', '--db', db)).out).toContain('KellyMoss Racing');
    // The site's edit is in revision 6, and comes back with a revert.
    expect(
      (await run('revert', '2024-pccna', '6', '--reason', 'keep the confirmation', '--db', db)).code,
    ).toBe(0);
    expect((await run('results', '2024-pccna', '4', '--db', db)).out).toContain('[final]');
  });

  it('remembers identities confirmed by import-results --into-db', async () => {
    const file = fixture('iracing/sebring-league-race.json');
    const unmatched = await run(
      'import-results',
      '2024-pccna',
      'race-01',
      file,
      '--format',
      'iracing',
      '--into-db',
      '--db',
      db,
    );
    expect(unmatched.code).toBe(1);
    expect(unmatched.err).toContain('--assign "iracing:900003=<driver-id>"');
    const assigned = await run(
      'import-results',
      '2024-pccna',
      'race-01',
      file,
      '--format',
      'iracing',
      '--assign',
      'iracing:900003=james-sofronas',
      '--into-db',
      '--db',
      db,
    );
    expect(assigned.code).toBe(0);
    expect(assigned.out).toContain('will remember the confirmed identities');
    const exported = join(tmp, `mappings-${database.name}`);
    await run('export', '2024-pccna', exported, '--format', 'folder', '--db', db);
    expect(await readFile(join(exported, 'mappings.yaml'), 'utf8')).toContain(
      'iracing:900003: james-sofronas',
    );
    // Race 2 is at the same event: the same driver is matched by the remembered identity alone.
    const remembered = await run(
      'import-results',
      '2024-pccna',
      'race-02',
      file,
      '--format',
      'iracing',
      '--into-db',
      '--db',
      db,
    );
    expect(remembered.code).toBe(0);
    expect(remembered.out).toContain('wrote race-02');
  });
});

describe('export --db', () => {
  /** Seasons also sent through the CLI's own `export` and `import` (the rest through the same app calls). */
  const THROUGH_CLI = [SEASON, '1954-formula-one', '2008-formula-one'];

  it('gives back exactly the files of every built-in season, and importing them back changes nothing', async () => {
    const db = join(tmp, 'built-in.db');
    const filled = await Paddock.open({ file: db }, { builtIns: false });
    const refreshed = await filled.refreshBuiltIns();
    await filled.close();
    const library = listSeasons();
    expect(refreshed.issues).toEqual([]);
    expect([...refreshed.imported].sort()).toEqual(library.map((l) => l.id).sort());
    expect(library.map((l) => l.id)).toEqual(expect.arrayContaining(THROUGH_CLI));
    // Only the database: a season could not come back from its built-in files.
    const app = await Paddock.open({ file: db }, { builtIns: false, folders: false });
    const roundTrip = async (id: string, dir: string, viaCli: boolean): Promise<void> => {
      const out = join(tmp, viaCli ? 'built-in-cli' : 'built-in', id);
      if (viaCli) expect((await run('export', id, out, '--format', 'folder', '--db', db)).code, id).toBe(0);
      else expect((await app.exportFolder(id, out)).ok, id).toBe(true);
      const back = await readSeasonFolder(out);
      const original = await readSeasonFolder(dir);
      if (!back.ok || !original.ok) throw new Error(id);
      expect(back.value.get('paddock-revision.yaml')).toContain(`season: ${id}\nrevision: 1\n`);
      back.value.delete('paddock-revision.yaml');
      expect(back.value, id).toEqual(original.value);
      if (viaCli) expect((await run('import', out, '--db', db)).out, id).toContain('nothing to change');
      else {
        const again = await app.importFolder(out, {
          change: { author: 'test', reason: 'again', origin: 'folder' },
        });
        expect(again.ok && again.value.unchanged, id).toBe(true);
      }
    };
    // Four seasons at a time: a round trip mostly waits on the file system (writing a folder,
    // reading two), and the database calls queue on its one connection as they would one by one.
    const queue = [...library];
    const lanes = Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await roundTrip(next.id, next.dir, false);
    });
    try {
      const failed = (await Promise.allSettled(lanes)).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      await app.close();
    }
    for (const id of THROUGH_CLI) await roundTrip(id, library.find((l) => l.id === id)!.dir, true);
  }, 300_000);
});
