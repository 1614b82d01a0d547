import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePreset } from './catalog.js';
import { loadSeasonFiles, loadSeasonFolder } from './season-folder.js';
import { seasonFolderFiles } from './write-season-folder.js';

const DIR = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'seasons', '2011-nascar-cup');

describe('the driver_points column of entries.csv', () => {
  it('is read into the entry, and written back only for the entries that have it', async () => {
    const loaded = await loadSeasonFolder(DIR, resolvePreset);
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    const { season } = loaded.value;
    expect(season.entries.map((e) => [e.id, e.eligible, e.driverPoints])).toEqual([
      ['21-bayne', true, false],
      ['99-edwards', true, undefined],
      ['34-gilliland', true, undefined],
      ['47-labonte', true, undefined],
      ['39-newman', true, undefined],
      ['48-johnson', true, undefined],
    ]);
    const files = seasonFolderFiles(season, await readFile(join(DIR, 'rulebook.yaml'), 'utf8'));
    const entries = files.get('entries.csv')!.split('\n');
    expect(entries[0]).toBe('id,car,team,drivers,class,rounds,eligible,driver_points,note');
    expect(entries[1]).toBe(
      '21-bayne,21,wood-brothers-racing,trevor-bayne,cup,all,true,false,running for Nationwide Series points',
    );
    const again = await loadSeasonFiles(files, { resolvePreset });
    if (!again.ok) expect.fail(JSON.stringify(again.issues));
    expect(again.value.season.entries).toEqual(season.entries);
  });

  it('refuses a value other than true or false, naming the file and line', async () => {
    const loaded = await loadSeasonFolder(DIR, resolvePreset);
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    const files = seasonFolderFiles(loaded.value.season, await readFile(join(DIR, 'rulebook.yaml'), 'utf8'));
    files.set('entries.csv', files.get('entries.csv')!.replace(',true,false,', ',true,no,'));
    const bad = await loadSeasonFiles(files, { resolvePreset });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues[0]!.location).toMatchObject({ line: 2 });
    expect(bad.issues[0]!.location?.file).toMatch(/entries\.csv$/);
  });
});
