import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { scoreTable, totalsOf } from '../test-support/score.js';

const one = fraction(1);

describe('pole and fastest-lap bonuses', () => {
  it('gives the pole sitter 2 points on top of the race points', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['b', 'a'], pole: ['a'] }],
    });
    const table = scoreTable(
      season,
      buildRulebook({ bonuses: [{ kind: 'pole', points: fraction(2), scope: 'overall' }] }),
    );
    // a: P2 = 6, + 2 pole = 8; b: P1 = 10.
    expect(totalsOf(table)).toEqual({ b: '10', a: '8' });
  });

  it('shares a fastest lap tied seven ways exactly (1954 British Grand Prix)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const season = buildSeason({
      entries: ids.map((id) => ({ id })),
      races: [{ rows: ids, fastestLap: ids }],
    });
    const table = scoreTable(
      season,
      buildRulebook(
        { bonuses: [{ kind: 'fastest-lap', points: one, scope: 'overall' }] },
        { main: [8, 6, 4, 3, 2] },
      ),
    );
    // 8 + 1/7 = 57/7 for the winner; g, outside the scale, keeps just 1/7.
    expect(totalsOf(table)).toMatchObject({ a: '57/7', b: '43/7', e: '15/7', f: '1/7', g: '1/7' });
  });

  it('withholds a fastest-lap point outside the top 10 (F1 2019-2024)', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `d${i + 1}`);
    const season = buildSeason({
      entries: ids.map((id) => ({ id })),
      races: [{ rows: ids, fastestLap: ['d11'] }],
    });
    const table = scoreTable(
      season,
      buildRulebook({
        bonuses: [{ kind: 'fastest-lap', points: one, scope: 'overall', requires: { topN: 10 } }],
        listed: 'scored',
      }),
    );
    expect(table.rows.map((r) => r.competitor.id)).not.toContain('d11');
  });

  it('gives class pole points only to the class pole sitter', () => {
    const season = buildSeason({
      entries: [
        { id: 'p', class: 'pro' },
        { id: 'a1', class: 'am' },
        { id: 'a2', class: 'am' },
      ],
      races: [{ rows: ['p', 'a2', 'a1'], pole: ['p'], classPole: { am: ['a1'] } }],
    });
    const table = scoreTable(
      season,
      buildRulebook({
        scope: { classes: ['am'] },
        basis: 'class',
        bonuses: [{ kind: 'pole', points: fraction(2), scope: 'class' }],
      }),
    );
    // am: a2 class P1 = 10; a1 class P2 = 6 + 2 class pole = 8; the overall pole (p) is not in scope.
    expect(totalsOf(table)).toEqual({ a2: '10', a1: '8' });
  });

  it('gives lap-led points to every leader and shares most-laps-led points on a tie', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [
        {
          rows: [
            { entry: 'a', lapsLed: 40 },
            { entry: 'b', lapsLed: 40 },
            { entry: 'c', lapsLed: 0 },
          ],
        },
      ],
    });
    const table = scoreTable(
      season,
      buildRulebook(
        {
          bonuses: [
            { kind: 'lap-led', points: fraction(5) },
            { kind: 'most-laps-led', points: fraction(5) },
          ],
        },
        { main: [175, 170, 165] },
      ),
    );
    // a: 175 + 5 + 5/2; b: 170 + 5 + 5/2; c: 165.
    expect(totalsOf(table)).toEqual({ a: '365/2', b: '355/2', c: '165' });
  });

  it('gives the pole bonus only at the first race of an event when the rule says so (BTCC)', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [
        { rows: ['a', 'b'], pole: ['a'], event: 'm1' },
        { rows: ['a', 'b'], pole: ['a'], event: 'm1' },
      ],
    });
    const table = scoreTable(
      season,
      buildRulebook({ bonuses: [{ kind: 'pole', points: one, scope: 'overall', firstRaceOfEvent: true }] }),
    );
    expect(totalsOf(table).a).toBe('21');
  });
});
