import { describe, expect, it } from 'vitest';
import { fraction } from './fraction.js';
import type { Championship } from './rulebook.js';
import type { Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { scoreTable, totalsOf } from './test-support/score.js';
import { validateRulebook } from './validate-rulebook.js';

// A sim-league race scored by class on 10-6-4-3-2-1. GT3: g1 30 laps, g2 29, g3 20 (2/3 of the class
// leader's 30), g4 25, g5 28 but disconnected. GT4: t1 25 laps (its class leader), t2 19 (76% of 25,
// though only 63% of the overall winner's 30).
const built = buildSeason({
  entries: [
    ...['g1', 'g2', 'g3', 'g4', 'g5'].map((id) => ({ id, class: 'gt3' })),
    ...['t1', 't2'].map((id) => ({ id, class: 'gt4' })),
  ],
  races: [
    {
      rows: [
        { entry: 'g1', laps: 30 },
        { entry: 'g2', laps: 29 },
        { entry: 'g3', laps: 20 },
        { entry: 'g4', laps: 25 },
        { entry: 'g5', laps: 28 },
        { entry: 't1', laps: 25 },
        { entry: 't2', laps: 19 },
      ],
    },
  ],
});
const season: Season = {
  ...built,
  classifications: built.classifications.map((c) => ({
    ...c,
    rows: c.rows.map((r) => (r.entryId === 'g5' ? { ...r, disconnected: true } : r)),
  })),
};
const rules = (more: Partial<Championship>) =>
  buildRulebook({
    basis: 'class',
    listed: 'entered',
    requires: { minLapsShare: fraction(3, 4), notDisconnected: true },
    ...more,
  });

describe('conditions for position points', () => {
  it('keeps the place of a car that fails them by default: it scores nothing, nobody moves up', () => {
    // GT3: g1 10, g2 6, g3 3rd but 0, g4 4th = 3, g5 5th but disconnected 0. GT4: t1 10, t2 6.
    expect(totalsOf(scoreTable(season, rules({})))).toEqual({
      g1: '10',
      t1: '10',
      g2: '6',
      t2: '6',
      g4: '3',
      g3: '0',
      g5: '0',
    });
  });

  it('moves the cars behind up when the rule says so', () => {
    // g3 and g5 leave the order: g4 is 3rd in class, 4 points.
    const table = scoreTable(season, rules({ unmet: 'move-up' }));
    expect(totalsOf(table)).toMatchObject({ g4: '4', g3: '0', g5: '0', t2: '6' });
    const g3 = table.rows.find((r) => r.competitor.id === 'g3')!;
    expect(g3.contributions[0]!.description).toBe(
      "no place: no points (completed less than 75% of the class leader's laps)",
    );
    expect(g3.cells[0]!.position).toBeUndefined();
  });

  it('refuses a top-N condition for position points', () => {
    const bad = buildRulebook({ requires: { topN: 10 } });
    expect(validateRulebook(bad).map((i) => i.code)).toEqual(['condition.top-n-for-places']);
  });
});

describe('conditions judged in some session types only', () => {
  // A week: qualifying (no laps in its rows) then a race of 20 laps. Scales: race 10-6-4-3-2-1,
  // qualifying 3-2-1. Qualifying: q3, q1, q2, q4. Race: q1 20, q2 19 (disconnected), q4 16 (80%),
  // q3 14 (70%).
  const week = buildSeason({
    entries: [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }, { id: 'q4' }],
    races: [
      { event: 'w1', type: 'qualifying', rows: ['q3', 'q1', 'q2', 'q4'] },
      {
        event: 'w1',
        rows: [
          { entry: 'q1', laps: 20 },
          { entry: 'q2', laps: 19 },
          { entry: 'q4', laps: 16 },
          { entry: 'q3', laps: 14 },
        ],
      },
    ],
  });
  const weekSeason: Season = {
    ...week,
    classifications: week.classifications.map((c) => ({
      ...c,
      rows: c.rows.map((r) =>
        r.entryId === 'q2' && r.laps !== undefined ? { ...r, disconnected: true } : r,
      ),
    })),
  };
  const weekRules = (more: Partial<Championship>) =>
    buildRulebook(
      { points: { race: 'main', qualifying: 'quali' }, listed: 'entered', ...more },
      { quali: [3, 2, 1] },
    );
  const racesOnly = { minLapsShare: fraction(3, 4), notDisconnected: true, sessionTypes: ['race'] };

  it('judges the race only: qualifying points stand, the short and the disconnected cars score nothing there', () => {
    // keep-place: q1 2 + 10 = 12; q2 1 + 0 (2nd, disconnected); q4 0 + 4 (3rd); q3 3 + 0 (4th, 70%).
    expect(totalsOf(scoreTable(weekSeason, weekRules({ requires: racesOnly })))).toEqual({
      q1: '12',
      q4: '4',
      q3: '3',
      q2: '1',
    });
    // move-up: q2 and q3 leave the race order, q4 is 2nd: 6.
    expect(totalsOf(scoreTable(weekSeason, weekRules({ requires: racesOnly, unmet: 'move-up' })))).toEqual({
      q1: '12',
      q4: '6',
      q3: '3',
      q2: '1',
    });
  });

  it('judges every session without session types: qualifying rows have no laps, so none scores there', () => {
    const everywhere = { minLapsShare: fraction(3, 4), notDisconnected: true };
    // Qualifying: laps unknown for all, 0 each. Race as above with keep-place.
    expect(totalsOf(scoreTable(weekSeason, weekRules({ requires: everywhere })))).toEqual({
      q1: '10',
      q4: '4',
      q2: '0',
      q3: '0',
    });
  });
});
