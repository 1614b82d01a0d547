import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSeason } from '../compiled/compile-season.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { aggregatePasses } from './aggregate-passes.js';
import { analyseTitleFight } from './title-fight.js';
import { completionCount } from './test-support/brute-force.js';
import { passQuestionsOf } from './test-support/pass-questions.js';
import { smallCaseArb as smallCases } from './test-support/small-cases.js';

/** Small seasons the brute force can enumerate (test-support/small-cases.ts). */
const smallCaseArb = smallCases.map(({ season, rulebook, afterRace }) => {
  const c = compileSeason(season, rulebook, { afterRace });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
});

describe('aggregatePasses', () => {
  it('proves a worst position the bounds and the greedy witnesses leave as a range', () => {
    // 10-6-4-3, no tie-breaks (level on points is not above). Five races run: b, c, d win one
    // each with a second, then a wins two: a 6+6+6+10+10 = 38; b 10+3+4+6+3 = 26; c 4+10+3+4+4 =
    // 25; d 3+4+10+3+6 = 26. Two races left, a scoring nothing: b and d need 13 more, c 14.
    // From two places: 10+10, 10+6, 10+4, 10+3 reach 13, 6+6 = 12 does not; c needs 10+4 at least.
    // So each of them needs a win, and two races have two winners: at most two pass a, and two do
    // (b wins race 6 with d 2nd, d wins race 7 with b 2nd: b and d 42 each): a's worst position is
    // 3rd. The Hall bound does not see it: the three needs, 13+14+13 = 40, fit in the
    // top three places of both races (2 x (10+6+4) = 40); the greedy completions find two. The
    // search over each rival's pair of places proves no three pass.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      races: [
        { rows: ['b', 'a', 'c', 'd'] },
        { rows: ['c', 'a', 'd', 'b'] },
        { rows: ['d', 'a', 'b', 'c'] },
        { rows: ['a', 'b', 'c', 'd'] },
        { rows: ['a', 'd', 'c', 'b'] },
        { rows: [], notRun: true },
        { rows: [], notRun: true },
      ],
    });
    const rulebook = buildRulebook({ tieBreaks: [] }, { main: [10, 6, 4, 3] });
    const c = compileSeason(season, rulebook, { afterRace: 5 });
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const champ = c.value.championships[0]!;
    const a = (o: { competitor: { id: string } }) => o.competitor.id === 'a';
    // Without either search (no nodes for the search over orders, none for this one): a range.
    const before = analyseTitleFight(champ, { budget: 0, aggregateBudget: 0 }).outlooks.find(a)!;
    expect([before.points.num, before.worst, before.worstExact, before.worstBound]).toEqual([
      38n,
      3,
      false,
      4,
    ]);
    // With this search alone: exact.
    const after = analyseTitleFight(champ, { budget: 0 }).outlooks.find(a)!;
    expect([after.worst, after.worstExact]).toEqual([3, true]);
  });
});

describe('aggregatePasses against brute force', () => {
  it('finds every worst final position that enumerating every completion finds, where it applies', () => {
    let checked = 0;
    fc.assert(
      fc.property(smallCaseArb, (cs) => {
        const champ = cs.championships[0]!;
        fc.pre(completionCount(champ) <= 60_000);
        for (const { question, certain, worst } of passQuestionsOf(champ)) {
          const possible = question.candidates.length;
          const found = aggregatePasses(question, 1_000_000, 0, possible);
          if (!found) continue;
          checked++;
          // Complete, with a witness scoring as many as its bound: exact, and right.
          expect(found.complete).toBe(true);
          expect([question.c, 1 + certain + found.passes]).toEqual([question.c, worst]);
          expect(found.bound).toBe(found.passes);
          // Out of budget at once (witnesses only, or the model's Hall bound): still a range
          // around the truth.
          const cut = aggregatePasses(question, 1, 0, possible)!;
          expect(1 + certain + cut.passes).toBeLessThanOrEqual(worst);
          expect(1 + certain + cut.bound).toBeGreaterThanOrEqual(worst);
        }
      }),
      { numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(20);
  }, 120_000);
});
