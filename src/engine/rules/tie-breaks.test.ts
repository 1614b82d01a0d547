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

describe('team countback over every car (F1 constructors from 1979)', () => {
  // Scale 10-6-4-3-2-1. Race 1: a1 a-team 1st, b1 2nd, a2 3rd, b2 4th.
  // Race 2: b1 1st, a1 2nd, x 3rd, y 4th, b2 5th, a2 6th.
  // Team A: 10 + 4 + 6 + 1 = 21; team B: 6 + 3 + 10 + 2 = 21. Best cars: A 1st and 2nd, B 2nd and
  // 1st (equal); every car: A also has a 3rd place, B none.
  const season = buildSeason({
    entries: [
      { id: 'a1', team: 'a' },
      { id: 'a2', team: 'a' },
      { id: 'b1', team: 'b' },
      { id: 'b2', team: 'b' },
      { id: 'x' },
      { id: 'y' },
    ],
    races: [{ rows: ['a1', 'b1', 'a2', 'b2'] }, { rows: ['b1', 'a1', 'x', 'y', 'b2', 'a2'] }],
  });
  const teams = (cars?: 'best' | 'all') =>
    scoreTable(
      season,
      buildRulebook({
        competitor: 'team',
        tieBreaks: [{ kind: 'countback', places: 'all', ...(cars ? { cars } : {}) }],
      }),
    );

  it("counts every car's places when the rule says so", () => {
    const table = teams('all');
    expect(orderOf(table).slice(0, 2)).toEqual(['a', 'b']);
    expect(table.rows[0]!.aboveNext).toEqual({
      rule: 'tie-break:countback',
      detail: 'equal on 21 points; countback: 1 × 3rd place against 0',
    });
  });

  it('counts only the best car of each race by default, so the teams share the position', () => {
    const table = teams();
    expect(table.rows[0]!.shared).toBe(true);
    expect(table.rows[0]!.position).toBe(table.rows[1]!.position);
    expect(teams('best').rows[0]!.aboveNext?.rule).toBe('shared');
  });
});

describe('who scored first', () => {
  it('ranks the driver who scored first above one level on points and countback', () => {
    // Scale 10-6-4-3-2-1. Race 1: a 6th (1 point), b 7th. Race 2: b 6th (1 point), a 7th.
    const fill = ['c', 'd', 'e', 'f', 'g'];
    const season = buildSeason({
      entries: ['a', 'b', ...fill].map((id) => ({ id })),
      races: [{ rows: [...fill, 'b', 'a'] }, { rows: [...fill, 'a', 'b'] }].reverse(),
    });
    const table = scoreTable(
      season,
      buildRulebook({ tieBreaks: [{ kind: 'countback', places: 'all' }, { kind: 'scored-first' }] }),
    );
    const a = table.rows.find((r) => r.competitor.id === 'a')!;
    const b = table.rows.find((r) => r.competitor.id === 'b')!;
    expect(a.points).toEqual(b.points);
    expect(a.position).toBe(b.position - 1);
    expect(a.aboveNext).toEqual({
      rule: 'tie-break:scored-first',
      detail: 'equal on 1 points; scored first: in race 1',
    });
  });
});
