import { describe, expect, it } from 'vitest';
import { resolvePreset, SEASONS_DIR } from './catalog.js';
import { loadSeasonFiles, readSeasonFolder } from './season-folder.js';
import { resultsFileText } from './write-season-folder.js';
import { join } from 'node:path';

const FOLDER = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');

describe('the disconnected column of a results file', () => {
  it('is read into the row, and written back only when a row has it', async () => {
    const read = await readSeasonFolder(FOLDER);
    if (!read.ok) expect.fail(JSON.stringify(read.issues));
    const original = read.value.get('results/race-01.csv')!;
    const lines = original.split('\n');
    // Second row disconnected.
    lines[0] = 'position,entry,drivers,status,laps,laps_led,disconnected,time,note';
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      const cells = lines[i]!.split(',');
      cells.splice(6, 0, i === 2 ? 'true' : '');
      lines[i] = cells.join(',');
    }
    const files = new Map(read.value).set('results/race-01.csv', lines.join('\n'));
    const loaded = await loadSeasonFiles(files, { resolvePreset });
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    const rows = loaded.value.season.classifications.find((c) => c.sessionId === 'race-01')!.rows;
    expect(rows.map((r) => r.disconnected)).toEqual([undefined, true, ...rows.slice(2).map(() => undefined)]);
    expect(resultsFileText(rows).split('\n')[0]).toBe(
      'position,entry,drivers,status,laps,laps_led,disconnected,time,note',
    );
    const plain = rows.map(({ disconnected: _d, ...r }) => r);
    expect(resultsFileText(plain)).toBe(original);
  });
});

describe('the best_lap and grid columns of a results file', () => {
  it('are read into the rows and written back, and left out when no row has them', async () => {
    const read = await readSeasonFolder('test/fixtures/seasons/two-class-endurance');
    if (!read.ok) expect.fail(JSON.stringify(read.issues));
    const original = read.value.get('results/spa-race.csv')!;
    const loaded = await loadSeasonFiles(read.value, { resolvePreset });
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    const rows = loaded.value.season.classifications.find((c) => c.sessionId === 'spa-race')!.rows;
    expect(rows.map((r) => [r.bestLap, r.grid])).toEqual([
      ['2:18.402', 2],
      ['2:18.117', 1],
      ['2:21.930', 3],
    ]);
    expect(resultsFileText(rows)).toBe(original);
    const plain = rows.map(({ bestLap: _b, grid: _g, ...r }) => r);
    expect(resultsFileText(plain).split('\n')[0]).toBe(
      'position,entry,drivers,status,laps,laps_led,time,note',
    );
  });

  it('refuses a grid that is not a whole number, naming the file and line', async () => {
    const read = await readSeasonFolder('test/fixtures/seasons/two-class-endurance');
    if (!read.ok) expect.fail(JSON.stringify(read.issues));
    const files = new Map(read.value);
    files.set(
      'results/spa-race.csv',
      files.get('results/spa-race.csv')!.replace(',2:18.117,1,', ',2:18.117,first,'),
    );
    const loaded = await loadSeasonFiles(files, { resolvePreset });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map((i) => `${i.path.join(':')} ${i.message}`).join('\n')).toMatch(
      /results\/spa-race\.csv:3.*grid|grid.*results\/spa-race\.csv:3/s,
    );
  });
});
