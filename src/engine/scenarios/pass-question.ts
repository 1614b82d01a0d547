/**
 * The joint half of the worst-position question, as the searches and the integer programs take it
 * (worst-position.ts, aggregate-passes.ts, passes-program.ts, passes-columns.ts, passes-solve.ts).
 */
import type { Scorer } from '../compiled/scorer.js';
import type { CompiledChampionship, Remainder } from '../compiled/types.js';

/**
 * How many of `candidates` can finish above competitor `c` together while c scores nothing more
 * (`threshold` is c's total then), over the remaining sessions `inScope` of `champ`; `scorer`
 * scores the witnesses.
 */
export interface PassQuestion {
  readonly champ: CompiledChampionship;
  readonly scorer: Scorer;
  readonly c: number;
  readonly candidates: readonly number[];
  readonly threshold: number;
  readonly inScope: readonly number[];
}

/** Scores `remainder` and counts the candidates it brings above c: what a witness is worth. */
export function passesIn(question: PassQuestion, remainder: Remainder): number {
  const { scorer, c, candidates } = question;
  scorer.score(remainder);
  let passes = 0;
  for (const r of candidates) if (scorer.listed[r] && scorer.compare(r, c) < 0) passes++;
  return passes;
}
