/**
 * A season whose rulebook.yaml is nothing but `extends: <preset>` takes its rulebook's id and name
 * from the season, and scores the same read from its folder and from the database (SQLite, and
 * PostgreSQL with PADDOCK_TEST_PG_URL). Figures: Formula One 1988 on the f1-1981-1990 preset, best
 * 11 results: Senna 90 (94 scored), Prost 87 (105 scored).
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/paddock.js';
import { formatExact } from '../../src/engine/index.js';
import type { SeasonStandings } from '../../src/engine/index.js';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { PG_URL, testDatabases } from '../../src/store/test-support/databases.js';

const SEASON = '1988-formula-one';

const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const drivers = (s: SeasonStandings) =>
  s.championships
    .find((c) => c.id === 'drivers')!
    .rows.slice(0, 2)
    .map((r) => [r.competitor.id, formatExact(r.points)]);

/** Every table as plain data: rows, points, positions and every contribution with its reason. */
const tables = (s: SeasonStandings) =>
  s.championships.map((c) => ({
    id: c.id,
    rows: c.rows.map((r) => ({
      id: r.competitor.id,
      position: r.position,
      points: formatExact(r.points),
      contributions: r.contributions.map((x) => [
        x.sessionId,
        formatExact(x.points),
        x.counted,
        x.reason,
        x.description,
      ]),
    })),
  }));

let tmp: string;
let folder: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'paddock-extends-'));
  folder = join(tmp, 'season');
  await cp(join(SEASONS_DIR, 'f1-1988'), folder, { recursive: true });
  await writeFile(join(folder, 'rulebook.yaml'), 'extends: f1-1981-1990\n');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('a rulebook.yaml that only extends a preset', () => {
  it("takes the season's id and name, read from a folder", async () => {
    const app = new Paddock({ builtIns: false, folders: true });
    const sv = ok(await app.open(folder));
    expect(sv.source.kind).not.toBe('database');
    expect([sv.loaded.rulebook.id, sv.loaded.rulebook.name]).toEqual([
      SEASON,
      '1988 Formula One World Championship',
    ]);
    expect(drivers(ok(app.standings(sv)))).toEqual([
      ['ayrton-senna', '90'],
      ['alain-prost', '87'],
    ]);
  });

  if (!PG_URL) it.skip('from PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

  describe.each(testDatabases())('read from the database ($name)', ({ make }) => {
    it('scores the same as from the folder, with the same rulebook id and name', async () => {
      const database = make();
      const store = await database.open();
      try {
        const app = new Paddock({ store, builtIns: false });
        const change = { author: 'test', reason: 'import', origin: 'folder' as const, at: new Date(0) };
        ok(await app.importFolder(folder, { change }));
        const sv = ok(await app.open(SEASON));
        expect(sv.source.kind).toBe('database');
        expect([sv.loaded.rulebook.id, sv.loaded.rulebook.name]).toEqual([
          SEASON,
          '1988 Formula One World Championship',
        ]);
        const fromFolder = new Paddock({ builtIns: false, folders: true });
        const folderStandings = ok(fromFolder.standings(ok(await fromFolder.open(folder))));
        expect(drivers(ok(app.standings(sv)))).toEqual([
          ['ayrton-senna', '90'],
          ['alain-prost', '87'],
        ]);
        expect(tables(ok(app.standings(sv)))).toEqual(tables(folderStandings));
      } finally {
        await store.close();
        await database.cleanUp();
      }
    });
  });
});
