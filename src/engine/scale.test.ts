import { describe, expect, it } from 'vitest';
import { formatExact, fraction } from './fraction.js';
import type { Scale } from './rulebook.js';
import { describeScale, pointsForPlace, scoringPlaces } from './scale.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { scoreTable, totalsOf } from './test-support/score.js';

const f = (xs: readonly number[]) => xs.map((x) => fraction(x));
// NASCAR Cup 1975-2003: 175 for a win, 5 less per place to 6th (150), 4 less to 11th (130), then
// 3 less for every further place.
const nascar: Scale = {
  points: f([175, 170, 165, 160, 155, 150, 146, 142, 138, 134, 130]),
  then: { step: fraction(-3) },
};

describe('scales that continue past their last place', () => {
  it('gives NASCAR 1975-2003 points to the 43rd car: 130 - 3 × 32 = 34', () => {
    expect(formatExact(pointsForPlace(nascar, 11))).toBe('130');
    expect(formatExact(pointsForPlace(nascar, 12))).toBe('127');
    expect(formatExact(pointsForPlace(nascar, 43))).toBe('34');
    // 130 / 3 = 43.3: the 54th car scores 1, the 55th would score -2 and gets the floor, 0.
    expect(formatExact(pointsForPlace(nascar, 54))).toBe('1');
    expect(formatExact(pointsForPlace(nascar, 55))).toBe('0');
    expect(scoringPlaces(nascar)).toBe(54);
  });

  it('pays every finisher after the listed places the same when the step is 0 (IndyCar: 5 from 25th)', () => {
    const indycar: Scale = {
      points: f([
        50, 40, 35, 32, 30, 28, 26, 24, 22, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5,
      ]),
      then: { step: fraction(0) },
    };
    expect(formatExact(pointsForPlace(indycar, 33))).toBe('5');
    expect(scoringPlaces(indycar)).toBe(Infinity);
    expect(describeScale(indycar)).toMatch(/, and 5 for every place after$/);
  });

  it('gives nothing past the last place of a scale that does not continue', () => {
    expect(formatExact(pointsForPlace({ points: f([3, 2, 1]) }, 4))).toBe('0');
  });

  it('scores a race with the continuation', () => {
    const ids = Array.from({ length: 14 }, (_, i) => `d${i + 1}`);
    const season = buildSeason({ entries: ids.map((id) => ({ id })), races: [{ rows: ids }] });
    const rulebook = buildRulebook({ points: { race: 'nascar' } }, {});
    const table = scoreTable(season, { ...rulebook, scales: { ...rulebook.scales, nascar } });
    expect(totalsOf(table)).toMatchObject({ d11: '130', d12: '127', d14: '121' });
    expect(describeScale(nascar)).toBe(
      '175-170-165-160-155-150-146-142-138-134-130, then -3 for each further place',
    );
  });
});
