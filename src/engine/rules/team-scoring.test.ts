import { describe, expect, it } from 'vitest';
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
