/**
 * Problems with a change are worded for where the season lives: a folder's names the file to fix
 * (entries.csv) and its place in it; a season in the database, changed through the web editor or
 * the API, keeps the engine's codes, ids and words and never mentions a file.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../engine/index.js';
import { SEASONS_DIR } from '../formats/catalog.js';
import { testDatabases } from '../store/test-support/databases.js';
import { Paddock } from './paddock.js';
import type { Change } from './paddock.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const change: Change = { author: 'steward@example.com', reason: 'typo', origin: 'editor', at: new Date(0) };

/** Race 3 with its winner's entry id mistyped. */
async function mistype(app: Paddock, arg: string): Promise<Issue> {
  const sv = await app.open(arg);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  const race3 = sv.value.loaded.season.classifications.find((c) => c.sessionId === 'race-03')!;
  const rows = race3.rows.map((r, i) => (i === 0 ? { ...r, entryId: 'no-such-car' } : r));
  const edit = await app.edit(arg, { kind: 'classification', sessionId: 'race-03', rows }, change);
  if (edit.ok) throw new Error('the edit was accepted');
  return edit.issues.find((i) => i.code === 'entry.unknown')!;
}

let tmp: string;
let folder: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'paddock-wording-'));
  folder = join(tmp, 'season');
  await cp(join(SEASONS_DIR, SEASON), folder, { recursive: true });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('the wording of a refused change', () => {
  it('names entries.csv for a season kept in a folder', async () => {
    const found = await mistype(new Paddock({ builtIns: false, folders: true }), folder);
    expect(found.hint).toMatch(/^entries\.csv lists the entries\. Known entries: /);
    expect(found.path).toEqual(['results', 'race-03', 0, 'entry']);
    expect(found.location?.file).toBe(join(folder, 'results', 'race-03.csv'));
  });

  describe.each(testDatabases().slice(0, 1))('for a season in the database ($name)', ({ make }) => {
    it('keeps the engine’s code, path and words, with no file named', async () => {
      const database = make();
      const store = await database.open();
      try {
        const app = new Paddock({ store, builtIns: false });
        const imported = await app.importFolder(folder, { change: { ...change, origin: 'folder' } });
        expect(imported.ok).toBe(true);
        const found = await mistype(app, SEASON);
        expect(found).toMatchObject({
          code: 'entry.unknown',
          path: ['results', 'race-03', 0, 'entry'],
          message: 'unknown entry "no-such-car"',
        });
        expect(found.hint).toMatch(/^Known entries: /);
        expect(`${found.message} ${found.hint}`).not.toMatch(/\.csv|\.yaml/);
        expect(found.location).toBeUndefined();
      } finally {
        await store.close();
        await database.cleanUp();
      }
    });
  });
});
