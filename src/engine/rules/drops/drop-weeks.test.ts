import { describe, expect, it } from 'vitest';
import { fraction } from '../../fraction.js';
import type { DropRule } from '../../rulebook.js';
import type { DropContext, DropUnit } from '../types.js';
import { dropLowest } from './drop-lowest.js';
import { dropWeeks, weeksOf } from './drop-weeks.js';

type DropWeeks = Extract<DropRule, { kind: 'drop-weeks' }>;

const unit = (
  sessionId: string,
  order: number,
  points: number,
  started: boolean,
  race?: number,
): DropUnit => ({
  sessionId,
  order,
  points: fraction(points),
  started,
  ...(race === undefined ? {} : { race }),
});

// A four-week league: qualifying (3-2-1) then a race each week.
// Week 1: qualified 1st (3) and won (25) = 28. Week 2: qualified outside the top three (0), 5th in
// the race (10) = 10. Week 3: qualified 2nd (2), retired (0) = 2. Week 4: did not take part = 0.
const season: DropUnit[] = [
  unit('q1', 0, 3, true),
  unit('r1', 1, 25, true, 1),
  unit('q2', 2, 0, true),
  unit('r2', 3, 10, true, 2),
  unit('q3', 4, 2, true),
  unit('r3', 5, 0, true, 3),
  unit('q4', 6, 0, false),
  unit('r4', 7, 0, false, 4),
];
const ctx: DropContext = {
  seasonSessionIds: season.map((u) => u.sessionId),
  finalEventSessionIds: new Set(['q4', 'r4']),
  rounds: new Map(),
};
const rule = (count: number): DropWeeks => ({ kind: 'drop-weeks', count });

describe('drop-weeks', () => {
  it('groups each race with the qualifying before it', () => {
    expect(weeksOf(season).map((w) => w.map((u) => u.sessionId))).toEqual([
      ['q1', 'r1'],
      ['q2', 'r2'],
      ['q3', 'r3'],
      ['q4', 'r4'],
    ]);
  });

  it('drops the two lowest weeks whole: week 4 (0, not raced) and week 3 (2 points)', () => {
    // Kept: 28 + 10 = 38 of the 40 scored.
    const dropped = dropWeeks.drop(rule(2), season, ctx);
    expect([...dropped.keys()].sort()).toEqual(['q3', 'q4', 'r3', 'r4']);
    expect(dropped.get('r3')).toBe('one of the lowest 2 weeks (drop week)');
  });

  it('differs from drop-lowest over sessions, which spends both drops on the week not raced', () => {
    const bySession = dropLowest.drop({ kind: 'drop-lowest', count: 2, window: 'all' }, season, ctx);
    expect([...bySession.keys()].sort()).toEqual(['q4', 'r4']);
  });

  it('drops the later of two equal weeks first', () => {
    const equal = [
      unit('q1', 0, 0, true),
      unit('r1', 1, 10, true, 1),
      unit('q2', 2, 1, true),
      unit('r2', 3, 9, true, 2),
    ];
    expect([...dropWeeks.drop(rule(1), equal, ctx).keys()].sort()).toEqual(['q2', 'r2']);
  });

  it('treats qualifying after the last race as a week of its own', () => {
    expect(weeksOf([unit('r1', 0, 25, true, 1), unit('q2', 1, 3, true)]).map((w) => w.length)).toEqual([
      1, 1,
    ]);
  });

  it('drops nothing with a count of 0 and does not mutate its input', () => {
    const copy = structuredClone(season);
    expect(dropWeeks.drop(rule(0), season, ctx).size).toBe(0);
    dropWeeks.drop(rule(3), season, ctx);
    expect(season).toEqual(copy);
  });

  it('rejects a count that is not a whole number', () => {
    expect(dropWeeks.validate(rule(1.5), ['drops', 0]).map((i) => i.code)).toEqual(['rule.bad-count']);
    expect(dropWeeks.validate(rule(2), ['drops', 0])).toEqual([]);
  });

  it('describes itself in words', () => {
    expect(dropWeeks.describe(rule(2))).toContain('the lowest 2 weeks are dropped');
  });
});
