import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { scoreTable, totalsOf } from '../test-support/score.js';

const half = fraction(1, 2);

/** Two cars that ran 40 of 60 laps, scored with half points below 75% of the distance. */
function twoCarsAt40Of60Laps() {
  const season = buildSeason({
    entries: [{ id: 'a' }, { id: 'b' }],
    races: [
      {
        rows: [
          { entry: 'a', laps: 40 },
          { entry: 'b', laps: 40 },
        ],
        scheduledLaps: 60,
      },
    ],
  });
  return scoreTable(
    season,
    buildRulebook({ multipliers: [{ kind: 'distance', below: fraction(3, 4), factor: half }] }),
  );
}

describe('race multipliers', () => {
  it('halves the points when less than 75% of the distance was run', () => {
    const table = twoCarsAt40Of60Laps();
    expect(totalsOf(table)).toEqual({ a: '5', b: '3' });
  });

  it("words a result as its place's points, the factor and the product, with why the factor applies", () => {
    const table = twoCarsAt40Of60Laps();
    // 40 of 60 laps is 66.67%, under 75%: P1's 10 points halved, P2's 6.
    expect(table.rows.map((r) => r.contributions.map((c) => c.description))).toEqual([
      ['P1: 10 × 0.5 = 5 (66.67% of the distance run (under 75%))'],
      ['P2: 6 × 0.5 = 3 (66.67% of the distance run (under 75%))'],
    ]);
  });

  it('gives full points at exactly 75% (the threshold is "less than")', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }],
      races: [{ rows: [{ entry: 'a', laps: 45 }], scheduledLaps: 60 }],
    });
    const table = scoreTable(
      season,
      buildRulebook({ multipliers: [{ kind: 'distance', below: fraction(3, 4), factor: half }] }),
    );
    expect(totalsOf(table)).toEqual({ a: '10' });
  });

  it('doubles points at an event tagged for it, but not the bonus unless asked (2014 finale)', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['b', 'a'], tags: ['double-points'], pole: ['a'] }],
    });
    const table = scoreTable(
      season,
      buildRulebook({
        multipliers: [{ kind: 'factor', factor: fraction(2), eventTags: ['double-points'] }],
        bonuses: [{ kind: 'pole', points: fraction(1), scope: 'overall' }],
      }),
    );
    // a: 10 + 6*2 + 1 = 23; b: 6 + 10*2 = 26.
    expect(totalsOf(table)).toEqual({ b: '26', a: '23' });
  });

  it('applies a factor declared for a race in the season data', () => {
    const season = buildSeason({ entries: [{ id: 'a' }], races: [{ rows: ['a'], pointsFactor: half }] });
    expect(totalsOf(scoreTable(season, buildRulebook()))).toEqual({ a: '5' });
  });
});
