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
