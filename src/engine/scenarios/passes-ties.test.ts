import { describe, expect, it } from 'vitest';
import { compileSeason } from '../compiled/compile-season.js';
import { createScorer } from '../compiled/scorer.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import type { TieBreakRule } from '../rulebook.js';
import { tieWinningPlaces } from './passes-ties.js';
import { passQuestionOf } from './test-support/pass-questions.js';

/** The tie-winning places of every candidate against c after race `afterRace`, by competitor id. */
function placesAgainst(rows: string[][], c: string, left: number, tieBreaks?: TieBreakRule[]) {
  const ids = [...new Set(rows.flat())];
  const season = buildSeason({
    entries: ids.map((id) => ({ id })),
    races: [
      ...rows.map((r) => ({ rows: r })),
      ...Array.from({ length: left }, () => ({ rows: [], notRun: true })),
    ],
  });
  const rulebook = buildRulebook({
    competitor: 'entry',
    listed: 'entered',
    ...(tieBreaks ? { tieBreaks } : {}),
  });
  const compiled = compileSeason(season, rulebook, { afterRace: rows.length });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const champ = compiled.value.championships[0]!;
  const asked = passQuestionOf(
    champ,
    createScorer(champ),
    champ.competitors.findIndex((x) => x.id === c),
  )!;
  const places = tieWinningPlaces(asked.question);
  return Object.fromEntries(asked.question.candidates.map((r, x) => [champ.competitors[r]!.id, places[x]]));
}

describe('the places that win a tie on points', () => {
  it('is a win against a winner, by hand', () => {
    // 10-6-4-3-2-1, countback over all places. c won race 1; a was 2nd, b 3rd, d 4th. One race
    // left: level with c, a needs a 1st (then one win each, and a's 2nd beats nothing of c's);
    // a 2nd leaves it with no win against c's one.
    expect(placesAgainst([['c', 'a', 'b', 'd']], 'c', 1)).toEqual({ a: 1, b: 1, d: 1 });
  });

  it('counts every race left: a 3rd or better against a single 3rd, whatever came before', () => {
    // Race 1: c 3rd (4), a 4th (3), b 7th. Two races left. a needs a 3rd or better once to beat c's
    // single 3rd on countback (4ths in both races: no 3rd against one, behind at 3rd places), so 3.
    // b, 7th, likewise needs a 3rd or better (two of them beat c's one): also 3.
    expect(placesAgainst([['x', 'y', 'c', 'a', 'p', 'q', 'b']], 'c', 2)).toMatchObject({ a: 3, b: 3 });
  });

  it('asks no place of a rival already ahead on the record, and a 2nd where a 3rd decides', () => {
    // Race 1: a won, c 2nd; race 2: c 2nd, a 6th. c 12 points, a 11, but a holds a win to c's none:
    // level on points, a is ahead whatever it takes (Infinity).
    expect(
      placesAgainst(
        [
          ['a', 'c'],
          ['x', 'c', 'y', 'z', 'w', 'a'],
        ],
        'c',
        1,
      ),
    ).toMatchObject({ a: Infinity });
    // Race 1: a won, c 2nd; race 2: c won, a 3rd. Records c (1st, 2nd), a (1st, 3rd). With a 2nd in
    // the race left a has (1 win, one 2nd, one 3rd) against c's (1, 1, 0): ahead at 3rd places; with
    // a 3rd, (1, 0, 2) is behind at 2nd places. So 2.
    expect(
      placesAgainst(
        [
          ['a', 'c'],
          ['c', 'x', 'a'],
        ],
        'c',
        1,
      ),
    ).toMatchObject({ a: 2 });
    // Without countback a tie is not modelled: Infinity.
    expect(
      placesAgainst(
        [
          ['a', 'c'],
          ['c', 'x', 'a'],
        ],
        'c',
        1,
        [],
      ),
    ).toMatchObject({ a: Infinity });
  });
});
