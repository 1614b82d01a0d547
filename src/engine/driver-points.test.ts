import { describe, expect, it } from 'vitest';
import { fraction } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import type { Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { orderOf, scoreTable, totalsOf } from './test-support/score.js';
import { compileSeason } from './compiled/compile-season.js';

// NASCAR from 2011: a driver who declared for another series' points scores no Cup driver points,
// and his car still scores owner points. One race on 10-6-4-3-2-1, 1 for leading a lap: car x
// (driver bayne, declared elsewhere) wins and led; y (edwards) 2nd; z (gilliland) 3rd, led a lap.
const built = buildSeason({
  entries: [
    { id: 'x', drivers: ['bayne'], team: 'wood' },
    { id: 'y', drivers: ['edwards'], team: 'roush' },
    { id: 'z', drivers: ['gilliland'], team: 'roush' },
  ],
  races: [
    {
      rows: [
        { entry: 'x', lapsLed: 3 },
        { entry: 'y', lapsLed: 0 },
        { entry: 'z', lapsLed: 1 },
      ],
    },
    { rows: [], notRun: true },
  ],
});
const season: Season = {
  ...built,
  entries: built.entries.map((e) => (e.id === 'x' ? { ...e, driverPoints: false } : e)),
};
const rules = (competitor: Championship['competitor']): Rulebook =>
  buildRulebook({ competitor, bonuses: [{ kind: 'lap-led', points: fraction(1) }] });

describe('an entry whose drivers score no drivers’ points (driver_points: false)', () => {
  it('keeps its place in the drivers’ table with nothing, so nobody moves up', () => {
    // edwards 2nd: 6; gilliland 3rd: 4 + 1 = 5; bayne not listed (scored nothing, listed: started
    // lists eligible starters only).
    expect(totalsOf(scoreTable(season, rules('driver')))).toEqual({ edwards: '6', gilliland: '5' });
  });

  it('scores in the entry (owners’) table: the win and the lap led', () => {
    // x 10 + 1 = 11; y 6; z 4 + 1 = 5.
    expect(totalsOf(scoreTable(season, rules('entry')))).toEqual({ x: '11', y: '6', z: '5' });
  });

  it('scores in the team table', () => {
    // wood 10 + 1 = 11; roush 6 + 4 + 1 = 11: level, wood ahead on countback (a 1st).
    const table = scoreTable(season, rules('team'));
    expect(totalsOf(table)).toEqual({ wood: '11', roush: '11' });
    expect(orderOf(table)).toEqual(['wood', 'roush']);
  });

  it('gives the fast path the same eligibility', () => {
    const compiled = compileSeason(season, rules('driver'), {});
    if (!compiled.ok) expect.fail(JSON.stringify(compiled.issues));
    const champ = compiled.value.championships[0]!;
    const x = compiled.value.entryIndex.get('x')!;
    expect(champ.eligible[x]).toBe(0);
    const owners = compileSeason(season, rules('entry'), {});
    if (!owners.ok) expect.fail(JSON.stringify(owners.issues));
    expect(owners.value.championships[0]!.eligible[x]).toBe(1);
  });
});
