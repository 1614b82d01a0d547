import { describe, expect, it } from 'vitest';
import { compileSeason } from '../compiled/compile-season.js';
import { createScorer } from '../compiled/scorer.js';
import { fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { buildClassResults, emptyRemainder } from './scenario-remainders.js';

describe('the results a program witness is realised as', () => {
  it('gives the most laps led to the session’s leader alone, by hand', () => {
    // 10-6-4-3-2-1 and 5 points for the most laps led, shared on a tie. Held: race 1 c, a, b
    // (c 10, a 6, b 4). Realised race 2: a, b, c with b leading most: a 10, b 6 + 5, c 4, so
    // a 16, b 15, c 14. Were the laps led level, the 5 points would be shared three ways.
    const season = buildSeason({
      entries: [{ id: 'c' }, { id: 'a' }, { id: 'b' }],
      races: [{ rows: ['c', 'a', 'b'] }, { rows: [], notRun: true }],
    });
    const rulebook = buildRulebook({
      competitor: 'entry',
      listed: 'entered',
      bonuses: [{ kind: 'most-laps-led', points: fraction(5) }],
    });
    const compiled = compileSeason(season, rulebook, { afterRace: 1 });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const champ = compiled.value.championships[0]!;
    const car = (id: string) => compiled.value.entryIndex.get(id)!;
    const [race2] = buildClassResults(
      champ.sessions[0]!.bonuses,
      [[car('a'), car('b'), car('c')]],
      [[]],
      Int32Array.of(car('b')),
    );
    // The remaining sessions are indexed from the first not run: race 2 is 0.
    const remainder = emptyRemainder(champ);
    remainder[0] = race2!;
    const scorer = createScorer(champ);
    scorer.score(remainder);
    const points = Object.fromEntries(
      champ.competitors.map((x, i) => [x.id, scorer.totals[i]! / champ.scale]),
    );
    expect(points).toEqual({ c: 14, a: 16, b: 15 });
  });
});
