import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { scoreTable, totalsOf } from '../test-support/score.js';

const season = buildSeason({
  entries: [
    { id: 'f1', team: 'ferrari', nominated: true },
    { id: 'f2', team: 'ferrari', nominated: false },
    { id: 'm1', team: 'mclaren', nominated: true },
  ],
  races: [{ rows: ['f2', 'f1', 'm1'] }],
});

describe('team scoring', () => {
  it('adds up every car by default', () => {
    expect(totalsOf(scoreTable(season, buildRulebook({ competitor: 'team' })))).toEqual({
      ferrari: '16',
      mclaren: '4',
    });
  });
  it('counts only the best-placed car (F1 constructors 1958-1978)', () => {
    const table = scoreTable(
      season,
      buildRulebook({ competitor: 'team', teamScoring: { kind: 'best-cars', count: 1 } }),
    );
    expect(totalsOf(table)).toEqual({ ferrari: '10', mclaren: '4' });
    const notCounted = table.rows[0]!.contributions.filter((c) => !c.counted);
    expect(notCounted.map((c) => [c.entryId, c.reason])).toEqual([
      ['f1', "not among the team's best 1 car(s)"],
    ]);
  });
  it('counts only nominated entries', () => {
    expect(
      totalsOf(scoreTable(season, buildRulebook({ competitor: 'team', teamScoring: { kind: 'nominated' } }))),
    ).toEqual({ ferrari: '6', mclaren: '4' });
  });
});

describe('bonuses naming a driver in team tables', () => {
  it("gives the team a fastest-lap point awarded to one driver of a shared car (awards.csv's driver)", () => {
    // Car x (team t) driven by p and q; q set the fastest lap. Scale 10-6-4-3-2-1, fastest lap 1.
    const base = buildSeason({
      entries: [
        { id: 'x', team: 't', drivers: ['p', 'q'] },
        { id: 'y', team: 'u' },
      ],
      races: [{ rows: ['y', 'x'] }],
    });
    const season = {
      ...base,
      awards: [
        { sessionId: 'r1', award: 'fastest-lap' as const, scope: 'overall', entryId: 'x', driverId: 'q' },
      ],
    };
    const bonuses = [{ kind: 'fastest-lap' as const, points: fraction(1), scope: 'overall' as const }];
    // Teams: t 6 + 1 = 7, u 10. Drivers: q alone has the point (p 6, q 7, y 10).
    expect(totalsOf(scoreTable(season, buildRulebook({ competitor: 'team', bonuses })))).toEqual({
      u: '10',
      t: '7',
    });
    expect(totalsOf(scoreTable(season, buildRulebook({ bonuses })))).toEqual({ y: '10', q: '7', p: '6' });
    expect(totalsOf(scoreTable(season, buildRulebook({ competitor: 'entry', bonuses })))).toEqual({
      y: '10',
      x: '7',
    });
  });
});
