import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import type { RaceSpec } from '../test-support/builders.js';
import { scoreTable, totalsOf } from '../test-support/score.js';

// a finishes 1st, 2nd, 3rd, 4th in four races (10, 6, 4, 3); b the opposite order.
const races: RaceSpec[] = [
  { rows: ['a', 'b'] },
  { rows: ['b', 'a'] },
  { rows: ['a', 'b'] },
  { rows: ['b', 'a'] },
];
const entries = [{ id: 'a' }, { id: 'b' }];

describe('drop rules', () => {
  it('counts only the best N results', () => {
    const season = buildSeason({ entries, races });
    const table = scoreTable(season, buildRulebook({ drops: [{ kind: 'best-results', count: 3 }] }));
    // a: 10 + 6 + 10 (+6 dropped) = 26.
    expect(totalsOf(table)).toEqual({ a: '26', b: '26' });
    const dropped = table.rows.find((r) => r.competitor.id === 'a')!.contributions.filter((c) => !c.counted);
    expect(dropped.map((c) => [c.race, c.reason])).toEqual([[4, 'outside the best 3 results']]);
  });

  it('drops the lowest results before the final event only, and only in the final standings', () => {
    const season = buildSeason({
      entries,
      races: [
        { rows: ['a', 'b'] },
        { rows: ['b', 'a'] },
        { rows: ['b', 'a'], event: 'final' },
        { rows: ['b', 'a'], event: 'final' },
      ],
    });
    const rulebook = buildRulebook({
      drops: [{ kind: 'drop-lowest', count: 1, window: 'before-final-event', applies: 'final' }],
    });
    // a: 10, 6, 6, 6 -> drops the 6 of race 2 (not the final event's) = 22; b: 6, 10, 10, 10 -> drops 6 = 30.
    expect(totalsOf(scoreTable(season, rulebook))).toEqual({ b: '30', a: '22' });
    // After race 3 the season is not complete: nothing is dropped yet.
    expect(totalsOf(scoreTable(season, rulebook, { afterRace: 3 }))).toEqual({ b: '26', a: '22' });
  });

  it('drops a race not started as a zero result before a real result', () => {
    const season = buildSeason({
      entries: [...entries, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, { rows: ['a', 'b'] }, { rows: ['c', 'a', 'b'] }],
    });
    const table = scoreTable(
      season,
      buildRulebook({ drops: [{ kind: 'drop-lowest', count: 1, window: 'all' }] }),
    );
    const c = table.rows.find((r) => r.competitor.id === 'c')!;
    // c: 4, (not started), 10 -> the missing race is the dropped one: 14.
    expect(totalsOf(table).c).toBe('14');
    expect(c.contributions.filter((x) => !x.counted).map((x) => x.race)).toEqual([2]);
  });

  it('drops a race the car did not start (a DNS row) before a later real zero', () => {
    // g: DNS in race 1 (0), 7th in race 2 (0 on a six-place scale), winner of race 3 (10).
    // Equal zeros: the race not started goes first, though race 2 is the later one.
    const field = ['a', 'b', 'c', 'd', 'e', 'f'];
    const season = buildSeason({
      entries: [...field, 'g'].map((id) => ({ id })),
      races: [
        { rows: [...field, { entry: 'g', status: 'DNS' }] },
        { rows: [...field, 'g'] },
        { rows: ['g', ...field] },
      ],
    });
    const table = scoreTable(
      season,
      buildRulebook({ drops: [{ kind: 'drop-lowest', count: 1, window: 'all' }], listed: 'entered' }),
    );
    const g = table.rows.find((r) => r.competitor.id === 'g')!;
    expect(totalsOf(table).g).toBe('10');
    expect(g.contributions.filter((x) => !x.counted).map((x) => x.race)).toEqual([1]);
    expect(g.cells.filter((c) => c.dropped).map((c) => c.race)).toEqual([1]);
  });

  it('keeps bonus points when their race result is dropped', () => {
    const season = buildSeason({ entries, races: [{ rows: ['b', 'a'], pole: ['a'] }, { rows: ['a', 'b'] }] });
    const table = scoreTable(
      season,
      buildRulebook({
        bonuses: [{ kind: 'pole', points: fraction(2), scope: 'overall' }],
        drops: [{ kind: 'best-results', count: 1 }],
      }),
    );
    // a: race 1 (6) dropped, pole (2) kept, race 2 (10) = 12.
    expect(totalsOf(table).a).toBe('12');
  });

  it('drops bonus points with their race when the rule includes them (F1 1950s best-N)', () => {
    const season = buildSeason({
      entries,
      races: [{ rows: ['b', 'a'], fastestLap: ['a'] }, { rows: ['a', 'b'] }],
    });
    const table = scoreTable(
      season,
      buildRulebook({
        bonuses: [{ kind: 'fastest-lap', points: fraction(1), scope: 'overall' }],
        drops: [{ kind: 'best-results', count: 1, includeBonuses: true }],
      }),
    );
    expect(totalsOf(table).a).toBe('10');
  });

  it('counts best X of the first half plus best Y of the rest, an odd race going to the second part', () => {
    // Five races: first part = races 1-2, second part = races 3-5.
    const season = buildSeason({
      entries,
      races: [
        { rows: ['a', 'b'] },
        { rows: ['a', 'b'] },
        { rows: ['b', 'a'] },
        { rows: ['a', 'b'] },
        { rows: ['a', 'b'] },
      ],
    });
    const table = scoreTable(
      season,
      buildRulebook({
        drops: [
          {
            kind: 'split-season',
            firstPartRaces: 'half',
            oddRace: 'second-part',
            firstPartBest: 1,
            secondPartBest: 2,
          },
        ],
      }),
    );
    // a: best 1 of (10, 10) = 10; best 2 of (6, 10, 10) = 20 -> 30.  b: 6 + (10 + 6) = 22.
    expect(totalsOf(table)).toEqual({ a: '30', b: '22' });
  });
});
