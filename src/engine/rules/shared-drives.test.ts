import { describe, expect, it } from 'vitest';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { scoreTable, totalsOf } from '../test-support/score.js';

describe('shared drives', () => {
  const season = buildSeason({
    entries: [
      { id: 'car1', drivers: ['x', 'y'] },
      { id: 'car2', drivers: ['z'] },
    ],
    races: [{ rows: ['car1', 'car2'] }],
  });

  it("divides a shared car's points between its drivers (F1 1950-1957)", () => {
    expect(totalsOf(scoreTable(season, buildRulebook({ sharedDrives: { kind: 'divide' } })))).toEqual({
      x: '5',
      y: '5',
      z: '6',
    });
  });
  it('gives each driver the full points when the rules say so', () => {
    expect(totalsOf(scoreTable(season, buildRulebook({ sharedDrives: { kind: 'full' } })))).toEqual({
      x: '10',
      y: '10',
      z: '6',
    });
  });
  it('scores nothing for a shared car from 1958, and says why', () => {
    const table = scoreTable(season, buildRulebook({ sharedDrives: { kind: 'none' } }));
    expect(totalsOf(table)).toEqual({ z: '6', x: '0', y: '0' });
    expect(table.rows.find((r) => r.competitor.id === 'x')!.contributions[0]!.reason).toMatch(/shared car/);
  });
  it('keeps only the best share of a driver who drove two scoring cars (1956-1957)', () => {
    const two = buildSeason({
      entries: [
        { id: 'c1', drivers: ['fangio', 'musso'] },
        { id: 'c2', drivers: ['fangio', 'castellotti'] },
      ],
      races: [{ rows: ['c1', 'c2'] }],
    });
    const table = scoreTable(two, buildRulebook({ sharedDrives: { kind: 'divide', bestShareOnly: true } }));
    // fangio: 10/2 from c1 and 6/2 from c2 -> keeps 5 only.
    expect(totalsOf(table)).toMatchObject({ fangio: '5', musso: '5', castellotti: '3' });
    const sum = totalsOf(scoreTable(two, buildRulebook({ sharedDrives: { kind: 'divide' } })));
    expect(sum.fangio).toBe('8');
  });
});
