import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { resolvePreset, resolveSeasonDir, SEASONS_DIR } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { readAcc } from '../../src/importers/results/formats/acc.js';
import { readGenericCsv } from '../../src/importers/results/formats/generic-csv.js';
import { readIracing } from '../../src/importers/results/formats/iracing.js';
import { readRfactor } from '../../src/importers/results/formats/rfactor.js';
import { readSpeedhive } from '../../src/importers/results/formats/speedhive.js';
import { readTimingCsv } from '../../src/importers/results/formats/timing-csv.js';
import { collectResults, lapTimeMs } from '../../src/importers/results/imported-row.js';
import type { ParseOptions, ResultsReader } from '../../src/importers/results/imported-row.js';
import { fastestLapAwards, poleAwards } from '../../src/importers/results/plan-import.js';
import type { ImportedRow } from '../../src/importers/results/imported-row.js';
import { officialResults } from '../../src/engine/index.js';
import type { Entry, Status } from '../../src/engine/index.js';
import { run } from '../support/run-cli.js';

/** A reader over a whole file, everything collected. */
const reading = (reader: ResultsReader) => (bytes: Uint8Array, file: string, options: ParseOptions) =>
  collectResults(reader, bytes, file, options);
const parseAcc = reading(readAcc);
const parseGenericCsv = reading(readGenericCsv);
const parseIracing = reading(readIracing);
const parseRfactor = reading(readRfactor);
const parseSpeedhive = reading(readSpeedhive);
const parseTimingCsv = reading(readTimingCsv);

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/importers/${p}`, import.meta.url));
const bytes = async (p: string) => new Uint8Array(await readFile(fixture(p)));
const TIMING = 'timing-csv/03_Classification_Race 1_Official.CSV';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-import-'));
const folder = join(tmp, 'season');
afterAll(() => rm(tmp, { recursive: true, force: true }));
beforeEach(async () => {
  await rm(folder, { recursive: true, force: true });
  await cp(resolveSeasonDir('2024-pccna')!, folder, { recursive: true });
});

const race01 = () => readFile(join(folder, 'results', 'race-01.csv'), 'utf8');

describe('timing-system classification CSV', () => {
  it('reads the semicolon file with a BOM and drifting headers', async () => {
    const parsed = await parseTimingCsv(await bytes(TIMING), TIMING, {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.state).toBe('final');
    const byCar = new Map(parsed.rows.map((r) => [r.car, r]));
    expect(byCar.get('24')).toMatchObject({
      position: 1,
      drivers: ['Loek Hartog'],
      laps: 21,
      time: '45:12.331',
      bestLap: '2:01.118',
      className: 'PRO',
    });
    // Class positions are the engine's, from the entry list; this file states none.
    expect(parsed.rows.every((r) => r.classPosition === undefined)).toBe(true);
    expect(byCar.get('68')).toMatchObject({ status: 'DNF', laps: 11 });
    expect(byCar.get('68')!.position).toBeUndefined();
  });
  it('accepts the POS spelling of the position header', async () => {
    const text = new TextEncoder().encode(
      '\uFEFFPOS; NUMBER ;STATUS;LAPS\n1;24;Classified;21\n2;20;Not classified;3\n',
    );
    const parsed = await parseTimingCsv(text, 'r.csv', {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => [r.car, r.position, r.status])).toEqual([
      ['24', 1, 'classified'],
      ['20', undefined, 'NC'],
    ]);
  });
  it('reads provisional from the file name', async () => {
    const text = new TextEncoder().encode('POSITION;NUMBER;STATUS\n1;24;Classified\n');
    expect((await parseTimingCsv(text, 'x/05_Results_Race_Provisional.CSV', {})).state).toBe('provisional');
  });
  it('rejects a row with an unknown status, naming file and line', async () => {
    const text = new TextEncoder().encode('POSITION;NUMBER;STATUS\n1;24;Classified\n2;20;Crashed\n');
    const parsed = await parseTimingCsv(text, 'r.csv', {});
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ location: { file: 'r.csv', line: 3 } });
    expect(parsed.issues[0]!.message).toContain('Crashed');
  });
  it('imports into a season folder, and a second import changes nothing', async () => {
    const first = await run('import-results', folder, 'race-01', fixture(TIMING), '--format', 'timing-csv');
    expect(first.code).toBe(0);
    expect(first.out).toContain('race-01 (final results): will write 7 rows');
    const loaded = await loadSeasonFolder(folder, resolvePreset);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const rows = loaded.value.season.classifications.find((c) => c.sessionId === 'race-01')!.rows;
    expect(rows.map((r) => [r.entryId, r.position ?? r.status])).toEqual([
      ['24-kellymoss-loek-hartog', 1],
      ['20-mdk-gustav-burton', 2],
      ['78-topp-performance-ryan-yardley', 3],
      ['14-gmg-james-sofronas', 4],
      ['55-aci-matt-halcome', 5],
      ['84-aci-marco-cirone', 6],
      ['68-kellymoss-chris-bellomo', 'DNF'],
    ]);
    const text = await race01();
    const mtime = (await stat(join(folder, 'results', 'race-01.csv'))).mtimeMs;
    const second = await run('import-results', folder, '1', fixture(TIMING), '--format', 'timing-csv');
    expect(second.code).toBe(0);
    expect(second.out).toContain('nothing to change');
    expect(await race01()).toBe(text);
    expect((await stat(join(folder, 'results', 'race-01.csv'))).mtimeMs).toBe(mtime);
  });
  it('records provisional, then final, results in result-states.csv', async () => {
    const provisional = await run(
      'import-results',
      folder,
      'race-01',
      fixture(TIMING),
      '--format',
      'timing-csv',
      '--state',
      'provisional',
    );
    expect(provisional.code).toBe(0);
    const stateOf = async () => {
      const loaded = await loadSeasonFolder(folder, resolvePreset);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      return loaded.value.season.classifications.find((c) => c.sessionId === 'race-01')!.state;
    };
    expect(await stateOf()).toBe('provisional');
    // The official file (same rows) changes only the state.
    const official = await run(
      'import-results',
      folder,
      'race-01',
      fixture(TIMING),
      '--format',
      'timing-csv',
    );
    expect(official.code).toBe(0);
    expect(official.out).not.toContain('nothing to change');
    expect(await stateOf()).toBe('final');
    expect(await readFile(join(folder, 'result-states.csv'), 'utf8')).toBe('session,state\nrace-01,final\n');
  });
  it('shows the changes with --dry-run and writes nothing', async () => {
    const before = await race01();
    const dry = await run(
      'import-results',
      folder,
      'race-01',
      fixture(TIMING),
      '--format',
      'timing-csv',
      '--dry-run',
    );
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would write 7 rows (0 added, 33 removed, 7 changed)');
    expect(await race01()).toBe(before);
  });
});

describe('generic CSV with a column mapping', () => {
  it('reads the columns named by --map', async () => {
    const parsed = await parseGenericCsv(await bytes('generic-csv/sebring-race-1.csv'), 'g.csv', {
      columns: {
        position: 'Pos',
        car: 'No',
        driver: 'Driver',
        laps: 'Laps',
        laps_led: 'Led',
        status: 'Result',
      },
    });
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      position: 1,
      car: '24',
      drivers: ['Loek Hartog'],
      laps: 21,
      lapsLed: 21,
      status: 'classified',
    });
    expect(parsed.rows[4]).toMatchObject({ car: '68', status: 'DNF', laps: 11 });
  });
  it('reports a mapped column that is not in the header', async () => {
    const parsed = await parseGenericCsv(await bytes('generic-csv/sebring-race-1.csv'), 'g.csv', {
      columns: { position: 'Place' },
    });
    expect(parsed.issues[0]).toMatchObject({
      code: 'import.no-column',
      location: { file: 'g.csv', line: 1 },
    });
  });
  it('imports through the command with --map', async () => {
    const r = await run(
      'import-results',
      folder,
      'race-01',
      fixture('generic-csv/sebring-race-1.csv'),
      '--format',
      'csv',
      '--map',
      'position=Pos,car=No,driver=Driver,laps=Laps,laps_led=Led,status=Result',
    );
    expect(r.code).toBe(0);
    expect((await race01()).split('\n')[1]).toBe('1,24-kellymoss-loek-hartog,,classified,21,21,,');
  });
});

describe('iRacing session results', () => {
  it('reads the race session with 0-based positions made 1-based', async () => {
    const parsed = await parseIracing(await bytes('iracing/sebring-league-race.json'), 'i.json', {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows).toHaveLength(4);
    expect(parsed.rows[0]).toMatchObject({
      position: 1,
      classPosition: 1,
      car: '24',
      platformId: 'iracing:900001',
      drivers: ['Loek Hartog'],
      laps: 21,
      lapsLed: 18,
      bestLap: '2:01.118',
      incidents: 2,
      className: 'Cup',
      line: 26,
    });
    expect(parsed.rows[3]).toMatchObject({ status: 'DNF', laps: 11 });
    expect(parsed.rows[3]!.position).toBeUndefined();
  });
  it('lists an unmatched driver with the closest names, writes nothing, and remembers a confirmed match', async () => {
    const before = await race01();
    const file = fixture('iracing/sebring-league-race.json');
    const failed = await run('import-results', folder, 'race-01', file, '--format', 'iracing');
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(`${file}:56: no entry for #114 Jim Sofronas`);
    expect(failed.err).toContain('James Sofronas (#14, james-sofronas)');
    expect(failed.err).toContain('--assign "iracing:900003=<driver-id>"');
    expect(await race01()).toBe(before);
    const ok = await run(
      'import-results',
      folder,
      'race-01',
      file,
      '--format',
      'iracing',
      '--assign',
      'iracing:900003=james-sofronas',
    );
    expect(ok.code).toBe(0);
    expect(await readFile(join(folder, 'mappings.yaml'), 'utf8')).toContain('iracing:900003: james-sofronas');
    const again = await run('import-results', folder, 'race-01', file, '--format', 'iracing');
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to change');
  });
});

describe('ACC, rFactor 2 / Le Mans Ultimate and Speedhive', () => {
  it('reads an ACC UTF-16LE result file with cup categories', async () => {
    const parsed = await parseAcc(await bytes('acc/240315_160000_R.json'), 'a.json', {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => [r.car, r.position, r.className, r.status])).toEqual([
      ['24', 1, 'Pro', 'classified'],
      ['14', 2, 'Pro-Am', 'classified'],
      ['68', undefined, 'Am', 'DNS'],
    ]);
    expect(parsed.rows[0]).toMatchObject({
      platformId: 'steam:76561190000000001',
      bestLap: '1:47.812',
      time: '45:12.331',
    });
  });
  it('reads rFactor 2 XML with class positions and finish status', async () => {
    const parsed = await parseRfactor(await bytes('rfactor/2024_03_15_Sebring_R1.xml'), 'r.xml', {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => [r.car, r.position, r.classPosition, r.status, r.line])).toEqual([
      ['24', 1, 1, 'classified', 15],
      ['14', 2, 1, 'classified', 38],
      ['68', undefined, undefined, 'DNF', 59],
    ]);
    expect(parsed.rows[0]).toMatchObject({ bestLap: '2:01.118', time: '45:12.331' });
    // GridPos: the starting grid, from which the poles are worked out.
    expect(parsed.rows.map((r) => r.grid)).toEqual([1, 3, 2]);
  });
  it('reads the fastest lap of a timing sheet as milliseconds', async () => {
    expect([lapTimeMs('2:01.118'), lapTimeMs('58.2'), lapTimeMs('1:02:03.456'), lapTimeMs('1 Lap')]).toEqual([
      121_118,
      58_200,
      3_723_456,
      undefined,
    ]);
    const parsed = await collectResults(
      readTimingCsv,
      await bytes('timing-csv/03_Classification_Race 1_Official.CSV'),
      't.csv',
    );
    expect(parsed.rows.map((r) => r.bestLapMs)).toEqual([
      121_118, 121_440, 121_702, 123_870, 125_001, 124_993, 125_820,
    ]);
  });
  it('reads a Speedhive classification with in-class positions', async () => {
    const parsed = await parseSpeedhive(
      await bytes('speedhive/sebring-race-1-classification.json'),
      's.json',
      {},
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => [r.car, r.position, r.classPosition, r.status])).toEqual([
      ['24', 1, 1, 'classified'],
      ['14', 2, 1, 'classified'],
      ['55', 3, 1, 'classified'],
      ['68', undefined, undefined, 'DNF'],
    ]);
  });
  it('imports the ACC file through the command', async () => {
    const r = await run(
      'import-results',
      folder,
      'race-01',
      fixture('acc/240315_160000_R.json'),
      '--format',
      'acc',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('will write 3 rows');
  });
});

// A real-shaped ACC race file (240316_173000_R.json, UTF-16LE as the server writes it): Hartog #24
// took the flag 1st in 45:12.331, Sofronas #14 2nd in 45:14.102, Bellomo #68 3rd in 45:16.900, all
// on 25 laps. Hartog has a 5 s PostRaceTime penalty for cutting on lap 24, listed both in
// penalties[] and post_race_penalties[] (one penalty); Sofronas served a drive-through and Bellomo a
// 10 s stop-and-go in the race (already in their times). With the 5 s Hartog's time is 45:17.331:
// behind Bellomo's 45:16.900, so the order is Sofronas, Bellomo, Hartog.
describe('ACC time penalties', () => {
  const PENALISED = 'acc/240316_173000_R.json';

  it('reads the post-race time penalty once, and not the penalties served in the race', async () => {
    const parsed = await parseAcc(await bytes(PENALISED), 'p.json', {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => [r.car, r.position, r.time, r.timePenalties])).toEqual([
      ['24', 1, '45:12.331', [{ seconds: 5, reason: 'ACC post-race time penalty: Cutting (lap 24)' }]],
      ['14', 2, '45:14.102', undefined],
      ['68', 3, '45:16.900', undefined],
    ]);
  });

  it('writes it to adjustments.yaml, so the classification is reordered; a second import adds nothing', async () => {
    const first = await run('import-results', folder, 'race-01', fixture(PENALISED), '--format', 'acc');
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      'will add a time penalty to adjustments.yaml: 24-kellymoss-loek-hartog +5 s (ACC post-race time penalty: Cutting (lap 24))',
    );
    const adjustments = await readFile(join(folder, 'adjustments.yaml'), 'utf8');
    expect(adjustments).toContain('kind: time-penalty');
    expect(adjustments.match(/kind: time-penalty/g)).toHaveLength(1);
    const loaded = await loadSeasonFolder(folder, resolvePreset);
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    // The results file keeps the order on the road; the official classification applies the 5 s.
    expect(
      (await race01())
        .split('\n')
        .slice(1, 4)
        .map((l) => l.split(',').slice(0, 2).join(',')),
    ).toEqual(['1,24-kellymoss-loek-hartog', '2,14-gmg-james-sofronas', '3,68-kellymoss-chris-bellomo']);
    const official = officialResults(loaded.value.season).find('race-01')!;
    expect(official.rows.slice(0, 3).map((r) => [r.position, r.row.entryId, r.row.time])).toEqual([
      [1, '14-gmg-james-sofronas', '45:14.102'],
      [2, '68-kellymoss-chris-bellomo', '45:16.900'],
      [3, '24-kellymoss-loek-hartog', '45:17.331'],
    ]);
    const again = await run('import-results', folder, 'race-01', fixture(PENALISED), '--format', 'acc');
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to change');
    expect(await readFile(join(folder, 'adjustments.yaml'), 'utf8')).toBe(adjustments);
  });

  it('refuses a post-race penalty whose value is not a number of seconds, naming the line', async () => {
    const text = new TextDecoder('utf-16le').decode(await bytes(PENALISED));
    const broken = text.replaceAll('"penaltyValue": 5,', '"penaltyValue": "five",');
    const parsed = await parseAcc(new Uint8Array(Buffer.from(broken, 'utf16le')), 'p.json', {});
    expect(parsed.issues.map((i) => [i.code, i.location?.line])).toEqual([
      ['import.bad-penalty', 187],
      ['import.bad-penalty', 198],
    ]);
  });
});

describe('--into-db', () => {
  it('imports into the database in one audited edit, and a second import changes nothing', async () => {
    const { Paddock } = await import('../../src/app/index.js');
    const dbFile = join(tmp, 'paddock.db');
    const seed = await Paddock.open({ file: dbFile });
    const imported = await seed.importFolder(join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america'), {
      change: { author: 'test', reason: 'seed', origin: 'folder' },
    });
    if (!imported.ok) throw new Error('import');
    await seed.close();
    const saved = { url: process.env['DATABASE_URL'], db: process.env['PADDOCK_DB'] };
    delete process.env['DATABASE_URL'];
    process.env['PADDOCK_DB'] = dbFile;
    try {
      const first = await run(
        'import-results',
        '2024-pccna',
        'race-01',
        fixture(TIMING),
        '--format',
        'timing-csv',
        '--into-db',
      );
      expect(first.code).toBe(0);
      expect(first.out).toContain('season version 2');
      const again = await run(
        'import-results',
        '2024-pccna',
        'race-01',
        fixture(TIMING),
        '--format',
        'timing-csv',
        '--into-db',
      );
      expect(again.out).toContain('nothing to change');
      const app = await Paddock.open({ file: dbFile });
      try {
        const stored = await app.open('2024-pccna');
        if (!stored.ok) throw new Error('stored');
        const rows = stored.value.loaded.season.classifications.find((c) => c.sessionId === 'race-01')!.rows;
        expect(rows.map((r) => r.entryId)).toEqual([
          '24-kellymoss-loek-hartog',
          '20-mdk-gustav-burton',
          '78-topp-performance-ryan-yardley',
          '14-gmg-james-sofronas',
          '55-aci-matt-halcome',
          '84-aci-marco-cirone',
          '68-kellymoss-chris-bellomo',
        ]);
        const history = await app.history('2024-pccna');
        if (!history.ok) throw new Error('history');
        expect(history.value.revisions[0]).toMatchObject({
          author: 'paddock import-results',
          reason: `imported from ${TIMING.split('/')[1]}`,
        });
      } finally {
        await app.close();
      }
    } finally {
      if (saved.url === undefined) delete process.env['DATABASE_URL'];
      else process.env['DATABASE_URL'] = saved.url;
      if (saved.db === undefined) delete process.env['PADDOCK_DB'];
      else process.env['PADDOCK_DB'] = saved.db;
    }
  });
});

describe('iRacing team events', () => {
  it('takes the drivers of a team car from driver_results and the team id as identity', async () => {
    const doc = {
      data: {
        session_results: [
          {
            simsession_number: 0,
            simsession_type_name: 'Race',
            simsession_name: 'RACE',
            results: [
              {
                team_id: -451234,
                display_name: 'Kellymoss Sim',
                finish_position: 0,
                finish_position_in_class: 0,
                laps_lead: 40,
                laps_complete: 120,
                best_lap_time: 1209990,
                incidents: 6,
                car_class_short_name: 'GT3',
                reason_out: 'Running',
                livery: { car_number: '24' },
                driver_results: [
                  { cust_id: 900001, display_name: 'Loek Hartog' },
                  { cust_id: 900010, display_name: 'Michael McCann' },
                ],
              },
            ],
          },
        ],
      },
    };
    const parsed = await parseIracing(new TextEncoder().encode(JSON.stringify(doc, null, 1)), 't.json', {});
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      position: 1,
      car: '24',
      team: 'Kellymoss Sim',
      platformId: 'iracing-team:-451234',
      drivers: ['Loek Hartog', 'Michael McCann'],
      lapsLed: 40,
      bestLap: '2:00.999',
    });
  });
  it('says which sessions a file holds when the one asked for is missing', async () => {
    const parsed = await parseIracing(await bytes('iracing/sebring-league-race.json'), 'i.json', {
      session: 'practice',
    });
    expect(parsed.issues[0]!.message).toBe('no "practice" session in the file');
    expect(parsed.issues[0]!.hint).toContain('QUALIFY, RACE');
  });
});

describe('fastest laps from the lap data', () => {
  it('records the fastest lap overall and in each class of the season from an iRacing file', async () => {
    const file = fixture('iracing/sebring-league-race.json');
    const r = await run(
      'import-results',
      folder,
      'race-01',
      file,
      '--format',
      'iracing',
      '--assign',
      'iracing:900003=james-sofronas',
    );
    expect(r.code).toBe(0);
    const loaded = await loadSeasonFolder(folder, resolvePreset);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const laps = loaded.value.season.awards
      .filter((a) => a.sessionId === 'race-01' && a.award === 'fastest-lap')
      .map((a) => [a.scope, a.entryId]);
    // best_lap_time by hand: Hartog 1211180 (pro), Burton 1214402 (pro), Sofronas 1238700 (pro-am),
    // Bellomo 1258200 (masters, retired but timed). The season's classes, not the file's "Cup".
    expect(laps).toEqual([
      ['overall', '24-kellymoss-loek-hartog'],
      ['masters', '68-kellymoss-chris-bellomo'],
      ['pro', '24-kellymoss-loek-hartog'],
      ['pro-am', '14-gmg-james-sofronas'],
    ]);
    // The pole from the file's QUALIFY session (only Hartog set a time there): overall and in his class.
    const poles = loaded.value.season.awards
      .filter((a) => a.sessionId === 'race-01' && a.award === 'pole')
      .map((a) => [a.scope, a.entryId]);
    expect(poles).toEqual([
      ['overall', '24-kellymoss-loek-hartog'],
      ['pro', '24-kellymoss-loek-hartog'],
    ]);
    // The other sessions' awards stay as they were, in place.
    const before = await readFile(join(resolveSeasonDir('2024-pccna')!, 'awards.csv'), 'utf8');
    const after = await readFile(join(folder, 'awards.csv'), 'utf8');
    const race01 = /^race-01,(fastest-lap|pole),/;
    expect(after.split('\n').filter((l) => !race01.test(l))).toEqual(
      before.split('\n').filter((l) => !race01.test(l)),
    );
  });
  it('gives the pole overall and in each class of the season to the first car on the grid', () => {
    const entry = (id: string, classId: string): Entry => ({
      id,
      car: id,
      teamId: 't',
      driverIds: [`d-${id}`],
      classId,
      eventIds: ['e'],
      eligible: true,
    });
    const row = (line: number, grid: number): ImportedRow => ({
      line,
      drivers: [],
      status: 'classified',
      grid,
    });
    const poles = poleAwards('r1', [
      { row: row(2, 3), entry: entry('a', 'pro') },
      { row: row(3, 1), entry: entry('b', 'am') },
      { row: row(4, 2), entry: entry('c', 'pro') },
    ]);
    expect(poles?.map((a) => [a.scope, a.entryId, a.driverId])).toEqual([
      ['overall', 'b', 'd-b'],
      ['am', 'b', 'd-b'],
      ['pro', 'c', 'd-c'],
    ]);
    expect(
      poleAwards('r1', [{ row: { line: 2, drivers: [], status: 'classified' }, entry: entry('a', 'pro') }]),
    ).toBeUndefined();
  });
  it('shares a tie and leaves out a disqualified car', () => {
    const entry = (id: string, classId: string): Entry => ({
      id,
      car: id,
      teamId: 't',
      driverIds: [`d-${id}`],
      classId,
      eventIds: ['e'],
      eligible: true,
    });
    const row = (line: number, bestLapMs: number, status: Status = 'classified'): ImportedRow => ({
      line,
      drivers: [],
      status,
      bestLapMs,
    });
    const awards = fastestLapAwards('race-01', [
      { row: row(2, 90_500), entry: entry('a', 'pro') },
      { row: row(3, 90_100), entry: entry('b', 'am') },
      { row: row(4, 90_100), entry: entry('c', 'pro') },
      { row: row(5, 89_000, 'DSQ'), entry: entry('d', 'pro') },
    ]);
    expect(awards?.map((a) => [a.scope, a.entryId, a.driverId])).toEqual([
      ['overall', 'b', 'd-b'],
      ['overall', 'c', 'd-c'],
      ['am', 'b', 'd-b'],
      ['pro', 'c', 'd-c'],
    ]);
    expect(
      fastestLapAwards('race-01', [
        { row: { line: 2, drivers: [], status: 'DNF' }, entry: entry('a', 'pro') },
      ]),
    ).toBeUndefined();
  });
});

describe('problems of a large file', () => {
  it('lists the first 50 problems and counts the rest, writing nothing', async () => {
    const before = await race01();
    const file = join(tmp, 'many.csv');
    const rows = Array.from({ length: 500 }, (_, i) => `${i + 1},${1000 + i},Nobody ${i}`);
    await writeFile(file, `Pos,No,Driver\n${rows.join('\n')}\n`);
    const r = await run('import-results', folder, 'race-01', file, '--format', 'csv');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${file}: 500 problem(s) in 500 rows read (500 import.unmatched); the first 50 are listed; nothing was written.`,
    );
    expect(r.err.match(/: no entry for #/g)).toHaveLength(50);
    expect(r.err).toContain(`${file}:51: no entry for #1049 Nobody 49`);
    expect(r.err).not.toContain(`${file}:52:`);
    expect(await race01()).toBe(before);
  });
});

describe('result states', () => {
  it("keeps another session's amending decision when an import records its own state", async () => {
    await writeFile(
      join(folder, 'result-states.csv'),
      'session,state,decision\nrace-02,amended,Stewards decision 7: #20 five seconds\n',
    );
    const r = await run('import-results', folder, 'race-01', fixture(TIMING), '--format', 'timing-csv');
    expect(r.code).toBe(0);
    expect(await readFile(join(folder, 'result-states.csv'), 'utf8')).toBe(
      'session,state,decision\nrace-01,final,\nrace-02,amended,Stewards decision 7: #20 five seconds\n',
    );
  });
});
