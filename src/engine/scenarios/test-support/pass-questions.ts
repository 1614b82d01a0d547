/**
 * The joint worst-position question for one competitor as the title fight puts it, for the property
 * tests of the search over multisets of places and of the integer programs.
 */
import { compileSeason } from '../../compiled/compile-season.js';
import { createScorer } from '../../compiled/scorer.js';
import { buildRulebook, buildSeason } from '../../test-support/builders.js';
import type { Scorer } from '../../compiled/scorer.js';
import type { CompiledChampionship } from '../../compiled/types.js';
import type { PassQuestion } from '../pass-question.js';
import { bestCase, emptyRemainder } from '../scenario-remainders.js';
import { bruteForce } from './brute-force.js';

/**
 * Competitor c scoring nothing more: the rivals above it already (`certain`), and the question over
 * those whose best case takes them above it; undefined when no other rival can.
 */
export function passQuestionOf(
  champ: CompiledChampionship,
  scorer: Scorer,
  c: number,
): { question: PassQuestion; certain: number } | undefined {
  const inScope = champ.sessions.flatMap((s, k) => (s ? [k] : []));
  const n = champ.competitors.length;
  scorer.score(emptyRemainder(champ));
  const threshold = scorer.totals[c]!;
  const certain = new Set<number>();
  for (let r = 0; r < n; r++)
    if (r !== c && !champ.excluded.has(r) && scorer.listed[r] && scorer.compare(r, c) < 0) certain.add(r);
  const candidates: number[] = [];
  for (let r = 0; r < n; r++) {
    if (r === c || certain.has(r) || champ.excluded.has(r)) continue;
    scorer.score(bestCase(champ, r));
    if (scorer.listed[r] && scorer.compare(r, c) < 0) candidates.push(r);
  }
  if (candidates.length === 0) return undefined;
  return { question: { champ, scorer, c, candidates, threshold, inScope }, certain: certain.size };
}

/**
 * Each competitor's question in turn (one scorer, each asked after the last is answered), with its
 * worst final position from enumerating every completion (brute-force.ts): for competitors who
 * have one and whom some rival can still pass.
 */
export function* passQuestionsOf(
  champ: CompiledChampionship,
): Generator<{ question: PassQuestion; certain: number; worst: number }> {
  const truth = bruteForce(champ);
  const scorer = createScorer(champ);
  for (let c = 0; c < champ.competitors.length; c++) {
    const worst = truth.worst[c];
    if (champ.excluded.has(c) || worst === undefined) continue;
    const asked = passQuestionOf(champ, scorer, c);
    if (asked) yield { ...asked, worst };
  }
}

/**
 * A case worked by hand: 10-6-4-3-2-1 with countback; race 1 c, a, b, d (c 10, a 6, b 4, d 3) and
 * one race left with c scoring nothing more. a passes c with 2nd or better (12; 3rd gives 10, level,
 * and c's win takes the countback), b (14) and d (13) only with a win: two rivals pass together,
 * a 2nd behind b or d, never three (c 3rd at worst).
 */
export function raceOneWinnerQuestion() {
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
  return { compiled: compiled.value, champ, c, asked: passQuestionOf(champ, createScorer(champ), c)! };
}
