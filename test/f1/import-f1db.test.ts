/**
 * The f1db importer on a small made-up checkout in f1db's layout (test/fixtures/f1db-mini): what
 * each f1db file becomes in the season folder, and that the folder loads and reconciles with no
 * difference (its standings were worked out by hand from its results).
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatExact, reconcile } from '../../src/engine/index.js';
import type { Season } from '../../src/engine/index.js';
import { resolvePreset } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { importF1dbSeason } from '../../src/importers/f1db/import-f1db.js';
import { run } from '../support/run-cli.js';

const CHECKOUT = join(import.meta.dirname, '..', 'fixtures', 'f1db-mini');
const tmp = await mkdtemp(join(tmpdir(), 'paddock-f1db-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function imported(year: number): Promise<Season> {
  const result = await importF1dbSeason(CHECKOUT, year);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.season;
}

describe('import-f1db: 1955 (shared car, tied fastest lap, Indianapolis 500)', async () => {
  const season = await imported(1955);

  it('makes the calendar with scheduled laps and the Indianapolis 500 tagged', () => {
    expect(season.id).toBe('1955-formula-one');
    expect(season.aliases).toEqual(['f1-1955']);
    expect(season.events.map((e) => [e.id, e.round, e.name, e.circuit, e.country, e.start, e.tags])).toEqual([
      ['argentina', 1, 'Argentine Grand Prix', 'Buenos Aires', 'AR', '1955-01-16', []],
      ['indianapolis', 2, 'Indianapolis 500', 'Indianapolis', 'US', '1955-05-30', ['indianapolis-500']],
    ]);
    expect(season.sessions.map((s) => [s.id, s.type, s.race, s.scheduledLaps])).toEqual([
      ['argentina', 'race', 1, 96],
      ['indianapolis', 'race', 2, 200],
    ]);
  });

  it('turns a shared car into one row naming both drivers, starter first', () => {
    const rows = season.classifications.find((c) => c.sessionId === 'argentina')!.rows;
    expect(
      rows.map((r) => [r.position ?? r.status, r.entryId, r.driverIds?.join(';') ?? '', r.note ?? '']),
    ).toEqual([
      [1, '2-juan-manuel-fangio', '', ''],
      [2, '12-jose-froilan-gonzalez', 'jose-froilan-gonzalez;nino-farina', ''],
      [3, '14-maurice-trintignant', '', ''],
      [4, '6-hans-herrmann', '', ''],
      [5, '10-nino-farina', '', ''],
      ['DNF', '8-stirling-moss', '', 'Fuel pump'],
      ['DNS', '20-bob-sweikert', '', 'did not qualify'],
    ]);
  });

  it('gives entries their entrant, engine and tyres, and marks a car in a paying place without points ineligible', () => {
    const entry = (id: string) => season.entries.find((e) => e.id === id)!;
    expect(entry('2-juan-manuel-fangio')).toMatchObject({
      car: '2',
      teamId: 'mercedes',
      entrant: 'Daimler Benz AG',
      engine: 'Mercedes',
      tyres: 'Continental',
      eligible: true,
      eventIds: ['argentina'],
    });
    expect(entry('6-hans-herrmann')).toMatchObject({ eligible: false });
    expect(entry('6-hans-herrmann').note).toContain('not eligible');
    // Sweikert raced both rounds with different numbers: two entries; f1db has no record of the
    // entrant, so its id stands in for the name and a note says so.
    expect(entry('4-bob-sweikert')).toMatchObject({
      entrant: 'kurtis-kraft-team',
      teamId: 'kurtis-kraft-offenhauser',
    });
    expect(season.notes).toContain(
      'f1db has no entrants/kurtis-kraft-team.yml: its id stands in for the name.',
    );
    expect(season.teams).toContainEqual({
      id: 'kurtis-kraft-offenhauser',
      name: 'Kurtis Kraft-Offenhauser',
      nationality: 'US',
    });
  });

  it('keeps a tied fastest lap as two awards, and the pole', () => {
    expect(season.awards.map((a) => [a.sessionId, a.award, a.entryId])).toEqual([
      ['argentina', 'fastest-lap', '2-juan-manuel-fangio'],
      ['argentina', 'fastest-lap', '8-stirling-moss'],
      ['argentina', 'pole', '12-jose-froilan-gonzalez'],
      ['indianapolis', 'fastest-lap', '14-bill-vukovich'],
    ]);
  });

  it("reads f1db's published tables after every race, two-decimal points as exact fractions", () => {
    const after1 = season.published.filter((p) => p.afterRace === 1);
    expect(after1.map((p) => [p.position, p.competitorId, formatExact(p.points!)])).toEqual([
      [1, 'juan-manuel-fangio', '17/2'],
      [2, 'nino-farina', '5'],
      [3, 'maurice-trintignant', '4'],
      [4, 'jose-froilan-gonzalez', '3'],
      [5, 'stirling-moss', '1/2'],
    ]);
    expect(season.sources?.[0]).toMatchObject({ name: 'f1db', licence: 'CC BY 4.0' });
    expect(season.sources?.[0]?.credit).toContain('https://github.com/f1db/f1db');
  });
});

describe('import-f1db: written folders', () => {
  it('writes folders that load and reconcile with no difference (standings worked out by hand)', async () => {
    const { code, out } = await run('import-f1db', CHECKOUT, '--out', tmp);
    expect(code).toBe(0);
    expect(out).toContain('wrote 1955 Formula One World Championship');
    for (const year of [1955, 2022]) {
      const loaded = await loadSeasonFolder(join(tmp, `f1-${year}`), resolvePreset);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      const findings = reconcile(loaded.value.season, loaded.value.rulebook);
      expect(findings.ok && findings.value).toEqual([]);
    }
    expect(await readFile(join(tmp, 'f1-1955', 'rulebook.yaml'), 'utf8')).toContain('extends: f1-1955');
  });

  it('makes a sprint session, and names teams by chassis and engine make', async () => {
    const season = await imported(2022);
    expect(season.sessions.map((s) => [s.id, s.type, s.race, s.scheduledLaps])).toEqual([
      ['emilia-romagna-sprint', 'sprint', undefined, 21],
      ['emilia-romagna', 'race', 1, 63],
    ]);
    expect(season.teams).toContainEqual({
      id: 'red-bull-rbpt',
      name: 'Red Bull-Honda RBPT',
      nationality: 'GB',
    });
    expect(
      season.published.filter((p) => p.championshipId === 'constructors').map((p) => p.competitorId),
    ).toEqual(['red-bull-rbpt', 'ferrari']);
  });

  it('refuses to replace a folder without --force, and replaces it with it', async () => {
    const again = await run('import-f1db', CHECKOUT, '--season', '2022', '--out', tmp);
    expect(again.code).toBe(2);
    expect(again.err).toContain('f1-2022 exists');
    expect((await run('import-f1db', CHECKOUT, '--season', '2022', '--out', tmp, '--force')).code).toBe(0);
  });

  it('reports a bad f1db file with its file and line, and writes nothing', async () => {
    const broken = join(tmp, 'broken');
    await cp(CHECKOUT, broken, { recursive: true });
    const file = join(broken, 'src', 'data', 'seasons', '1955', 'races', '01-argentina', 'race-results.yml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('- position: 3', '- position: third'));
    const { code, err } = await run('import-f1db', broken, '--season', '1955', '--out', join(tmp, 'none'));
    expect(code).toBe(1);
    expect(err).toMatch(/race-results\.yml:44:13: "3\.position"/);
    expect(existsSync(join(tmp, 'none', 'f1-1955'))).toBe(false);
  });

  it('says so when the folder is not an f1db checkout, or the season is not in it', async () => {
    const notOne = await run('import-f1db', tmp, '--out', join(tmp, 'x'));
    expect(notOne.code).toBe(1);
    expect(notOne.err).toContain('is not an f1db checkout');
    const missing = await run('import-f1db', CHECKOUT, '--season', '1988', '--out', join(tmp, 'x'));
    expect(missing.err).toContain('the f1db checkout has no season 1988');
    const bad = await run('import-f1db', CHECKOUT, '--season', 'last', '--out', join(tmp, 'x'));
    expect(bad.code).toBe(2);
  });
});
