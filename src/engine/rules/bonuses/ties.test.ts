import { describe, expect, it } from 'vitest';
import { fraction } from '../../fraction.js';
import { buildRulebook, buildSeason } from '../../test-support/builders.js';
import { scoreTable, totalsOf } from '../../test-support/score.js';
import { resolveTie } from './ties.js';

const leadersTied = buildSeason({
  entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  races: [
    {
      rows: [
        { entry: 'a', lapsLed: 100 },
        { entry: 'b', lapsLed: 100 },
        { entry: 'c', lapsLed: 0 },
      ],
    },
  ],
});

describe('ties on a bonus', () => {
  it('gives each of two drivers tied on most laps led the full 5 points (NASCAR 1975-2003)', () => {
    const table = scoreTable(
      leadersTied,
      buildRulebook(
        { bonuses: [{ kind: 'most-laps-led', points: fraction(5), tie: 'full' }] },
        { main: [175, 170, 165] },
      ),
    );
    // a: 175 + 5 = 180; b: 170 + 5 = 175; c: 165. Shared, it would be 177.5 and 172.5.
    expect(totalsOf(table)).toEqual({ a: '180', b: '175', c: '165' });
  });

  it('gives a tied fastest lap to the better finisher of the race', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'], fastestLap: ['c', 'b'] }],
    });
    const table = scoreTable(
      season,
      buildRulebook({
        bonuses: [{ kind: 'fastest-lap', points: fraction(1), scope: 'overall', tie: 'better-finisher' }],
      }),
    );
    // b finished 2nd, ahead of c (3rd): b 6 + 1 = 7; c 4; a 10.
    expect(totalsOf(table)).toEqual({ a: '10', b: '7', c: '4' });
    const bonus = table.rows
      .find((r) => r.competitor.id === 'b')!
      .contributions.find((d) => d.kind === 'bonus')!;
    expect(bonus.description).toBe('fastest lap (tied 2 ways, to the better finisher): 1');
  });

  it('shares exactly by default, and names the tie', () => {
    const table = scoreTable(
      leadersTied,
      buildRulebook({ bonuses: [{ kind: 'most-laps-led', points: fraction(5) }] }, { main: [175, 170, 165] }),
    );
    expect(totalsOf(table)).toEqual({ a: '355/2', b: '345/2', c: '165' });
  });

  it('ranks a holder without a finishing position last, and shares when the holders are level', () => {
    const finish = new Map<string, number | undefined>([
      ['x', undefined],
      ['y', 4],
      ['z', undefined],
    ]);
    const one = fraction(1);
    expect(resolveTie('better-finisher', one, ['x', 'y'], (h) => finish.get(h)).winners).toEqual(['y']);
    const level = resolveTie('better-finisher', one, ['x', 'z'], (h) => finish.get(h));
    expect(level.winners).toEqual(['x', 'z']);
    expect(level.each).toEqual(fraction(1, 2));
    expect(resolveTie('full', one, ['x'], () => 1).note).toBe('');
  });
});
