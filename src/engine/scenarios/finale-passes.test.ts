import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSeason } from '../compiled/compile-season.js';
import { createScorer } from '../compiled/scorer.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { finalePasses } from './finale-passes.js';
import { completionCount } from './test-support/brute-force.js';
import { passQuestionOf, passQuestionsOf } from './test-support/pass-questions.js';
import { smallCaseArb } from './test-support/small-cases.js';

describe('the worst position before a finale', () => {
  it('is 3rd for the race 1 winner when a needs 2nd and b or d a win, by hand', () => {
    // 10-6-4-3-2-1, countback. Race 1: c, a, b, d (10, 6, 4, 3); one race left, c scores nothing
    // more. a passes with 2nd or better (12; 3rd gives 10, level, and c's win takes the countback);
    // b (14) and d (13) only with a win. One win: two rivals pass (a 2nd behind b or d), never three.
    const season = buildSeason({
      entries: [{ id: 'c' }, { id: 'a' }, { id: 'b' }, { id: 'd' }],
      races: [{ rows: ['c', 'a', 'b', 'd'] }, { rows: [], notRun: true }],
    });
    const compiled = compileSeason(season, buildRulebook({ competitor: 'entry', listed: 'entered' }), {
      afterRace: 1,
    });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const champ = compiled.value.championships[0]!;
    const c = champ.competitors.findIndex((x) => x.id === 'c');
    const asked = passQuestionOf(champ, createScorer(champ), c)!;
    const found = finalePasses(asked.question)!;
    expect(found.passes).toBe(2);
    // Its remainder: the winner and a 2nd from the rivals, in that order.
    const order = Array.from(found.witness.find((r) => r && r.order.length)!.order);
    const id = (e: number) => compiled.value.entries[e]!.id;
    expect(order.slice(0, 2).map(id)).toEqual([expect.stringMatching(/^[bd]$/), 'a']);
  });

  it('finds what enumerating every completion finds, where it applies', () => {
    let settled = 0;
    fc.assert(
      fc.property(smallCaseArb, ({ season, rulebook, afterRace }) => {
        const compiled = compileSeason(season, rulebook, { afterRace });
        if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
        const champ = compiled.value.championships[0]!;
        fc.pre(champ.sessions.filter(Boolean).length === 1 && completionCount(champ) <= 60_000);
        for (const { question, certain, worst } of passQuestionsOf(champ)) {
          const found = finalePasses(question);
          if (!found) continue;
          expect(1 + certain + found.passes).toBe(worst);
          settled++;
        }
      }),
      { numRuns: 150, seed: 14 },
    );
    expect(settled).toBeGreaterThan(25);
  }, 120_000);

  it('finds the same for teams, scored by their best car or by every car', () => {
    // The small cases as team championships: a team's other cars retire where its best car alone
    // scores; where every car scores, a team needs a pair of places and the matching does not apply.
    const settled = { 'best-cars': 0, 'all-cars': 0 };
    for (const kind of ['best-cars', 'all-cars'] as const)
      fc.assert(
        fc.property(smallCaseArb, ({ season, rulebook, afterRace }) => {
          const teamScoring = kind === 'best-cars' ? { kind, count: 1 } : { kind };
          const champ0 = { ...rulebook.championships[0]!, competitor: 'team' as const, teamScoring };
          // Two teams of up to two cars (the small cases spread up to four cars over three teams).
          const teams = { ...season, entries: season.entries.map((e, i) => ({ ...e, teamId: `t${i % 2}` })) };
          const compiled = compileSeason(teams, { ...rulebook, championships: [champ0] }, { afterRace });
          if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
          const champ = compiled.value.championships[0]!;
          fc.pre(champ.sessions.filter(Boolean).length === 1 && completionCount(champ) <= 60_000);
          for (const { question, certain, worst } of passQuestionsOf(champ)) {
            const found = finalePasses(question);
            if (!found) continue;
            expect(1 + certain + found.passes).toBe(worst);
            settled[kind]++;
          }
        }),
        { numRuns: 100, seed: 15 },
      );
    expect(settled['best-cars']).toBeGreaterThan(10);
  }, 120_000);
});
