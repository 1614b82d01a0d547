import { describe, expect, it } from 'vitest';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { orderOf, scoreTable } from '../test-support/score.js';

// Scale 10-6-4-3-2-1. a: 1st, 5th (10+2 = 12); b: 2nd, 2nd (6+6 = 12); c: 3rd, 1st... see each test.
describe('tie-breaks', () => {
  it('separates equal points by countback: one win beats two second places', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'x' }, { id: 'y' }, { id: 'z' }],
      races: [{ rows: ['a', 'b', 'x', 'y', 'z'] }, { rows: ['x', 'b', 'y', 'z', 'a'] }],
    });
    const table = scoreTable(season, buildRulebook());
    const [a, b] = [
      table.rows.find((r) => r.competitor.id === 'a')!,
      table.rows.find((r) => r.competitor.id === 'b')!,
    ];
    expect(a.points).toEqual(b.points);
    expect(a.position).toBeLessThan(b.position);
    expect(orderOf(table).indexOf('a') + 1).toBe(orderOf(table).indexOf('b'));
    expect(a.aboveNext).toEqual({
      rule: 'tie-break:countback',
      detail: 'equal on 12 points; countback: 1 × 1st place against 0',
    });
  });

  it('counts back over scoring places only when the rules say so, then shares the position', () => {
    // p and q both score 6 + 0; p was 7th once, q 8th once: only an all-places countback separates them.
    const ids = ['w', 'p', 'k1', 'k2', 'k3', 'k4', 'k5', 'q'];
    const season = buildSeason({
      entries: ids.map((id) => ({ id })),
      races: [
        { rows: ['w', 'p', 'k1', 'k2', 'k3', 'k4', 'k5', 'q'] },
        { rows: ['w', 'q', 'k1', 'k2', 'k3', 'k4', 'p'] },
      ],
    });
    const all = scoreTable(season, buildRulebook({ tieBreaks: [{ kind: 'countback', places: 'all' }] }));
    const rowOf = (t: typeof all, id: string) => t.rows.find((r) => r.competitor.id === id)!;
    expect(rowOf(all, 'p').position).toBeLessThan(rowOf(all, 'q').position);
    const scoring = scoreTable(
      season,
      buildRulebook({ tieBreaks: [{ kind: 'countback', places: 'scoring' }] }),
    );
    expect(rowOf(scoring, 'p').position).toBe(rowOf(scoring, 'q').position);
    expect(rowOf(scoring, 'p').shared).toBe(true);
    const first = [rowOf(scoring, 'p'), rowOf(scoring, 'q')].find((r) => r.aboveNext?.rule === 'shared');
    expect(first?.aboveNext?.detail).toMatch(/position shared/);
  });

  it('uses the latest race when asked', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['b', 'a'] }],
    });
    const table = scoreTable(season, buildRulebook({ tieBreaks: [{ kind: 'latest-result' }] }));
    expect(orderOf(table)).toEqual(['b', 'a']);
    expect(table.rows[0]!.aboveNext?.detail).toBe(
      'equal on 16 points; latest result: P1 against P2 in race 2',
    );
  });
});
