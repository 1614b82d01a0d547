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

describe('nominations for a span of rounds', () => {
  it('counts a car for its team only at the rounds its nominated entry covers', () => {
    // Car 7 of team t is nominated for round 1 (entry a7) and not for round 2 (entry b7), as a
    // manufacturer nominating its scoring cars meeting by meeting. Both wins score for the driver;
    // t keeps 10 of 20. Team m's nominated car is 2nd twice: 12.
    const base = buildSeason({
      entries: [
        { id: 'a7', team: 't', drivers: ['d7'], nominated: true },
        { id: 'b7', team: 't', drivers: ['d7'], nominated: false },
        { id: 'm1', team: 'm', nominated: true },
      ],
      races: [{ rows: ['a7', 'm1'] }, { rows: ['b7', 'm1'] }],
    });
    const span = { a7: ['e1'], b7: ['e2'], m1: ['e1', 'e2'] } as Record<string, string[]>;
    const season = { ...base, entries: base.entries.map((e) => ({ ...e, eventIds: span[e.id]! })) };
    const teams = buildRulebook({ competitor: 'team', teamScoring: { kind: 'nominated' } });
    expect(totalsOf(scoreTable(season, teams))).toEqual({ m: '12', t: '10' });
    expect(totalsOf(scoreTable(season, buildRulebook())).d7).toBe('20');
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
