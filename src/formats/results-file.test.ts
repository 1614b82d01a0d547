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
