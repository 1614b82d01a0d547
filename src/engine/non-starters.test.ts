import { describe, expect, it } from 'vitest';
import { fraction } from './fraction.js';
import type { Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { scoreTable, totalsOf } from './test-support/score.js';

// Scale 10-6-4-3-2-1. a, b, c finish 1-2-3; d qualified but did not start, classified 4th by the series.
const base = buildSeason({
  entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
  races: [{ rows: ['a', 'b', 'c', { entry: 'd', status: 'DNS' }] }],
});
const season: Season = {
  ...base,
  classifications: base.classifications.map((c) => ({
    ...c,
    rows: c.rows.map((r) => (r.status === 'DNS' ? { ...r, position: 4 } : r)),
  })),
};

describe('points for non-starters', () => {
  it('gives a car that did not start half of its place’s points (IndyCar): half of 3 for 4th', () => {
    const table = scoreTable(season, buildRulebook({ nonStarters: { share: fraction(1, 2) } }));
    expect(totalsOf(table)).toEqual({ a: '10', b: '6', c: '4', d: '3/2' });
    const d = table.rows.find((r) => r.competitor.id === 'd')!;
    expect(d.contributions[0]!.description).toBe('P4, did not start: 3 × 0.5 = 1.5');
  });

  it('gives a non-starter nothing, and no place, without the rule', () => {
    const table = scoreTable(season, buildRulebook({ listed: 'entered' }));
    expect(totalsOf(table)).toEqual({ a: '10', b: '6', c: '4', d: '0' });
    expect(table.rows.find((r) => r.competitor.id === 'd')!.cells[0]!.position).toBeUndefined();
  });
});
