import { describe, expect, it } from 'vitest';
import { computeStandings, explain, formatExact } from '../../engine/index.js';
import type { SeasonStandings } from '../../engine/index.js';
import { buildRulebook, buildSeason } from '../../engine/test-support/builders.js';
import { explanationHistory } from './explanation-history.js';
import { viewSeason } from './season-view.js';

/**
 * Best two results of three count, scale 10-6. a: 10, 10, 6; b: 6, 6, 10.
 * After race 1: a 10 (1st), b 6. After race 2: a 20, b 12 (both results count, nothing to drop).
 * After race 3: a 20 (race 3's 6 dropped), b 16 (race 3's 10 and one of its 6s; the other 6 dropped).
 */
const season = buildSeason({
  entries: [{ id: 'a' }, { id: 'b' }],
  races: [{ rows: ['a', 'b'] }, { rows: ['a', 'b'] }, { rows: ['b', 'a'] }],
});
const rulebook = buildRulebook({ drops: [{ kind: 'best-results', count: 2 }] }, { main: [10, 6] });
const after = (afterRace?: number): SeasonStandings => {
  const r = computeStandings(season, rulebook, afterRace === undefined ? {} : { afterRace });
  if (!r.ok) throw new Error(r.issues[0]!.message);
  return r.value;
};

describe('explanationHistory', () => {
  const view = viewSeason(season);
  const final = (id: string) => explain(after(), id)[0]!;

  it('gives position and points after each race', () => {
    const steps = explanationHistory(view, final('a'), after);
    expect(steps.map((s) => [s.afterRace, s.position, formatExact(s.points)])).toEqual([
      [1, 1, '10'],
      [2, 1, '20'],
      [3, 1, '20'],
    ]);
    // a's counted results are the same at every step: nothing differs from the final lists.
    expect(steps.every((s) => s.notCountedThen.length === 0 && s.countedThenOnly.length === 0)).toBe(true);
  });

  it('names the result that counted then but is dropped at the end', () => {
    const b = final('b');
    expect(formatExact(b.points)).toBe('16');
    const droppedAtEnd = b.notCounted.filter((c) => c.race !== undefined);
    expect(droppedAtEnd).toHaveLength(1);
    const steps = explanationHistory(view, b, after);
    expect(steps.map((s) => [s.afterRace, s.position, formatExact(s.points)])).toEqual([
      [1, 2, '6'],
      [2, 2, '12'],
      [3, 2, '16'],
    ]);
    const dropped = droppedAtEnd[0]!.race!;
    // Before race 3 every result counted, so the one dropped at the end is listed as counted then
    // (from the race it was scored in on), and after race 3 nothing differs from the final lists.
    expect(steps.map((s) => s.countedThenOnly.map((c) => c.race))).toEqual([
      dropped === 1 ? [1] : [],
      [dropped],
      [],
    ]);
    expect(steps.every((s) => s.notCountedThen.length === 0)).toBe(true);
  });

  it('stops at the race of the table it explains', () => {
    const steps = explanationHistory(view, explain(after(2), 'b')[0]!, after);
    expect(steps.map((s) => s.afterRace)).toEqual([1, 2]);
  });
});
