/**
 * Issue 15's importer reproductions: each bad file is refused with its file, line and field, and
 * the season folder is left byte for byte as it was (so `paddock check` and a re-import still work).
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { resolvePreset, resolveSeasonDir } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { run } from '../support/run-cli.js';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/importers/${p}`, import.meta.url));
const tmp = await mkdtemp(join(tmpdir(), 'paddock-hardening-'));
const folder = join(tmp, 'season');
afterAll(() => rm(tmp, { recursive: true, force: true }));
beforeEach(async () => {
  await rm(folder, { recursive: true, force: true });
  await cp(resolveSeasonDir('2024-pccna')!, folder, { recursive: true });
});

async function snapshot(): Promise<[string, string][]> {
  const files = (await readdir(folder, { recursive: true })).sort();
  return Promise.all(
    files.map(
      async (f) => [f, await readFile(join(folder, f), 'utf8').catch(() => '<dir>')] as [string, string],
    ),
  );
}

/** Imports `text` (a fixture edited) and expects a refusal naming file, line and `expected`. */
async function refused(
  format: string,
  name: string,
  bytes: string | Uint8Array,
  expected: RegExp,
  ...args: string[]
) {
  const before = await snapshot();
  const file = join(tmp, name);
  await writeFile(file, bytes);
  const r = await run('import-results', folder, 'race-01', file, '--format', format, ...args);
  expect(r.code).toBe(1);
  expect(r.err).toContain('nothing was written');
  const listed = r.err.split('\n').filter((l) => l.startsWith(`${file}:`));
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.join('\n')).toMatch(expected);
  expect(await snapshot()).toEqual(before);
  const loaded = await loadSeasonFolder(folder, resolvePreset);
  expect(loaded.ok).toBe(true);
  return r.err;
}

describe('bad imported files are refused with file, line and field; nothing is written', () => {
  it('refuses numberOfLaps: 1e308 in a Speedhive file', async () => {
    const text = (await readFile(fixture('speedhive/sebring-race-1-classification.json'), 'utf8')).replace(
      '"numberOfLaps": 21',
      '"numberOfLaps": 1e308',
    );
    await refused(
      'speedhive',
      's.json',
      text,
      /s\.json:6: rows\[0\]\.numberOfLaps 1e\+308 is out of range \(0 to 10,000\)/,
    );
  });
  it('refuses laps_lead: -1 in an iRacing file', async () => {
    const text = (await readFile(fixture('iracing/sebring-league-race.json'), 'utf8')).replace(
      '"laps_lead": 18',
      '"laps_lead": -1',
    );
    await refused(
      'iracing',
      'i.json',
      text,
      /i\.json:26: results\[0\]\.laps_lead -1 is out of range \(0 to 21\)/,
      '--assign',
      'iracing:900003=james-sofronas',
    );
  });
  it('refuses more laps led than laps completed', async () => {
    const text = (await readFile(fixture('iracing/sebring-league-race.json'), 'utf8')).replace(
      '"laps_lead": 18',
      '"laps_lead": 22',
    );
    await refused('iracing', 'i.json', text, /laps_lead 22 is out of range \(0 to 21\)/);
  });
  it('refuses bytes that are not UTF-8, naming their line', async () => {
    const text = await readFile(fixture('generic-csv/sebring-race-1.csv'));
    const at = text.indexOf('Gustav');
    const bytes = new Uint8Array([...text.subarray(0, at), 0xe9, ...text.subarray(at)]);
    await refused('csv', 'latin1.csv', bytes, /latin1\.csv:3: the file is not valid UTF-8/);
  });
  it('refuses a disqualified driver in a status column the generic importer does not map', async () => {
    const text = 'Pos,No,Driver,Outcome\n1,24,Loek Hartog,Finished\n2,20,Gustav Burton,DSQ\n';
    const err = await refused(
      'csv',
      'dsq.csv',
      text,
      /dsq\.csv:3: column "Outcome" holds "DSQ", a status, but no status column is mapped/,
    );
    expect(err).toContain('--map status=Outcome');
  });
  it('imports the same file once the status column is mapped, the driver disqualified', async () => {
    const file = join(tmp, 'dsq.csv');
    await writeFile(file, 'Pos,No,Driver,Outcome\n1,24,Loek Hartog,Finished\n2,20,Gustav Burton,DSQ\n');
    const r = await run(
      'import-results',
      folder,
      'race-01',
      file,
      '--format',
      'csv',
      '--map',
      'status=Outcome',
    );
    expect(r.code).toBe(0);
    expect((await readFile(join(folder, 'results', 'race-01.csv'), 'utf8')).split('\n').slice(1, 3)).toEqual([
      '1,24-kellymoss-loek-hartog,,classified,,,,',
      ',20-mdk-gustav-burton,,DSQ,,,,',
    ]);
  });
  it('refuses a position far beyond the rows of the file', async () => {
    await refused(
      'csv',
      'pos.csv',
      'Pos,No,Driver\n1,24,Loek Hartog\n4294967297,20,Gustav Burton\n',
      /pos\.csv:3: position \(column "Pos"\) "4294967297" is out of range \(1 to 10,000\)/,
    );
    await refused(
      'csv',
      'pos2.csv',
      'Pos,No,Driver\n1,24,Loek Hartog\n9000,20,Gustav Burton\n',
      /pos2\.csv:3: position 9000 is more than the 2 rows of the file/,
    );
  });
  it('refuses negative and huge numbers in a timing CSV', async () => {
    await refused(
      'timing-csv',
      't.csv',
      'POSITION;NUMBER;STATUS;LAPS\n1;24;Classified;-3\n',
      /t\.csv:2: LAPS "-3" is out of range/,
    );
    await refused(
      'timing-csv',
      't2.csv',
      'POSITION;NUMBER;STATUS;LAPS\n1;24;Classified;99999999999999999999\n',
      /t2\.csv:2: LAPS "99999999999999999999" is not a whole number/,
    );
  });
  it('refuses duplicate rows for one car with both lines', async () => {
    await refused(
      'csv',
      'dup.csv',
      'Pos,No,Driver\n1,24,Loek Hartog\n2,20,Gustav Burton\n3,24,Loek Hartog\n',
      /dup\.csv:4: entry 24-kellymoss-loek-hartog is matched by lines 2 and 4/,
    );
  });
  it('refuses a very long cell and a control character', async () => {
    await refused(
      'csv',
      'long.csv',
      `Pos,No,Driver,Team\n1,24,Loek Hartog,${'x'.repeat(300)}\n`,
      /long\.csv:2: team \(column "Team"\) is 300 characters long/,
    );
    await refused(
      'csv',
      'ctl.csv',
      'Pos,No,Driver,Time\n1,24,Loek Hartog,"45:12\u0007"\n',
      /ctl\.csv:2: time \(column "Time"\) holds a control character/,
    );
  });
  it('refuses an ACC best lap beyond 48 hours and a cup category out of range', async () => {
    const text = new TextDecoder('utf-16le').decode(await readFile(fixture('acc/240315_160000_R.json')));
    const encode = (t: string) => {
      const out = new Uint8Array(t.length * 2);
      for (let i = 0; i < t.length; i++) {
        out[2 * i] = t.charCodeAt(i) & 0xff;
        out[2 * i + 1] = t.charCodeAt(i) >> 8;
      }
      return out;
    };
    await refused(
      'acc',
      'a.json',
      encode(text.replace('"bestLap": 107812', '"bestLap": 999999999')),
      /timing\.bestLap 999999999 is out of range/,
    );
    await refused(
      'acc',
      'b.json',
      encode(text.replace('"cupCategory": 0', '"cupCategory": 9')),
      /cupCategory is not 0-4/,
    );
  });
});
