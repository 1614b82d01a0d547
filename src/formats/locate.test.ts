import { describe, expect, it } from 'vitest';
import type { DataPath } from '../engine/index.js';
import { Locations } from './locate.js';

describe('locations', () => {
  it('finds a row registered at once exactly where its row and fields registered one by one are', () => {
    const columns = { position: 1, entry: 2, status: 4 };
    const fields = ['position', 'entry', 'drivers', 'status'];
    const place = { file: 'results/race-01.csv', line: 7 };
    const byRow = new Locations();
    byRow.setRow(['results', 'race-01', 5], place, columns, fields);
    const oneByOne = new Locations();
    oneByOne.set(['results', 'race-01', 5], place);
    for (const f of fields) {
      const column = columns[f as keyof typeof columns];
      oneByOne.set(['results', 'race-01', 5, f], column === undefined ? place : { ...place, column });
    }
    for (const l of [byRow, oneByOne])
      l.set(['results', 'race-01'], { file: 'results/race-01.csv', line: 1 });
    const asked: DataPath[] = [
      ['results', 'race-01', 5],
      ['results', 'race-01', 5, 'status'],
      ['results', 'race-01', 5, 'entry', 'x'],
      ['results', 'race-01', 5, 'drivers'],
      ['results', 'race-01', 5, 'laps'],
      ['results', 'race-01', 6, 'status'],
      ['results', 'race-01'],
      ['results', 'race-02', 5, 'status'],
      ['results'],
    ];
    for (const path of asked) expect(byRow.find(path), JSON.stringify(path)).toEqual(oneByOne.find(path));
    expect(byRow.find(['results', 'race-01', 5, 'status'])).toEqual({ ...place, column: 4 });
    expect(byRow.find(['results', 'race-01', 6, 'status'])).toEqual({ file: 'results/race-01.csv', line: 1 });
  });
});
