import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSeason } from '../compiled/compile-season.js';
import type { CompiledChampionship } from '../compiled/types.js';
import { finalePasses } from './finale-passes.js';
import { completionCount } from './test-support/brute-force.js';
import { passQuestionOf, passQuestionsOf, raceOneWinnerQuestion } from './test-support/pass-questions.js';
import { createScorer } from '../compiled/scorer.js';
import { fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { smallCaseArb } from './test-support/small-cases.js';

/** Each question of `champ` the finale's matching answers, checked against brute force: how many. */
function settledAgainstBruteForce(champ: CompiledChampionship): number {
  fc.pre(champ.sessions.filter(Boolean).length === 1 && completionCount(champ) <= 60_000);
  let settled = 0;
  for (const { question, certain, worst } of passQuestionsOf(champ)) {
    const found = finalePasses(question);
    if (!found) continue;
    expect(1 + certain + found.passes).toBe(worst);
    settled++;
  }
  return settled;
}

describe('the worst position before a finale', () => {
  it('is 3rd for the race 1 winner when a needs 2nd and b or d a win, by hand', () => {
    // raceOneWinnerQuestion says why: one win, so two rivals pass (a 2nd behind b or d), never three.
    const { compiled, asked } = raceOneWinnerQuestion();
    const found = finalePasses(asked.question)!;
    expect(found.passes).toBe(2);
    // Its remainder: the winner and a 2nd from the rivals, in that order.
    const order = Array.from(found.witness.find((r) => r && r.order.length)!.order);
    const id = (e: number) => compiled.entries[e]!.id;
    expect(order.slice(0, 2).map(id)).toEqual([expect.stringMatching(/^[bd]$/), 'a']);
  });

  it('judges a rival behind other cars where every car leads a lap and no award goes to the most, by hand', () => {
    // 10-8-2, a point for every car leading a lap. Race 1: c, a, b (c 10, a 8, b 2); race 2: b, c, a
    // (b 12, c 18, a 10); n, entered first, has not raced. Race 3 left, c scores nothing more: a
    // passes 18 with 2nd or better (10 + 8 + 1 = 19; 3rd gives 13), b likewise (12 + 8 + 1 = 21;
    // 15), n not even with a win (11). So a and b pass together, 1st and 2nd: c 3rd at worst. With
    // no award for the most laps led, a rival behind n (first in the entries, so the car ahead) is
    // judged as it is: before, a car to lead the most laps was looked for, n was taken, and a and b
    // were judged failing in 2nd (1 claimed as exact).
    const season = buildSeason({
      entries: [{ id: 'n' }, { id: 'c' }, { id: 'a' }, { id: 'b' }],
      races: [{ rows: ['c', 'a', 'b'] }, { rows: ['b', 'c', 'a'] }, { rows: [], notRun: true }],
    });
    const rulebook = buildRulebook(
      { competitor: 'entry', listed: 'entered', bonuses: [{ kind: 'lap-led', points: fraction(1) }] },
      { main: [10, 8, 2] },
    );
    const compiled = compileSeason(season, rulebook, { afterRace: 2 });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const champ = compiled.value.championships[0]!;
    const c = champ.competitors.findIndex((x) => x.id === 'c');
    const asked = passQuestionOf(champ, createScorer(champ), c)!;
    expect(asked.certain).toBe(0);
    expect(asked.question.candidates.map((r) => champ.competitors[r]!.id).sort()).toEqual(['a', 'b']);
    expect(finalePasses(asked.question)?.passes).toBe(2);
  });

  it('finds what enumerating every completion finds, where it applies', () => {
    let settled = 0;
    fc.assert(
      fc.property(smallCaseArb, ({ season, rulebook, afterRace }) => {
        const compiled = compileSeason(season, rulebook, { afterRace });
        if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
        settled += settledAgainstBruteForce(compiled.value.championships[0]!);
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
          settled[kind] += settledAgainstBruteForce(compiled.value.championships[0]!);
        }),
        { numRuns: 100, seed: 15 },
      );
    expect(settled['best-cars']).toBeGreaterThan(10);
  }, 120_000);
});
