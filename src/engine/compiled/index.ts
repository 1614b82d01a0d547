/**
 * The compiled championship, the engine's fast path: compile a season after a race once, then
 * score hypothetical remainders (the races not yet run, or the running order of a race in
 * progress) in microseconds with the engine's exact totals, drops and ranking. See
 * docs/compiled-championship.md.
 */
export { compileSeason, sessionsInScope } from './compile-season.js';
export type { CompileOptions } from './compile-season.js';
export { createScorer, Scorer } from './scorer.js';
export type { FastRanking, FastRow } from './scorer.js';
export { kernelTakes, SeasonScorer } from './season-scorer.js';
export { remainderOf, seasonWithRemainder } from './hypothetical-season.js';
export type {
  ChampionshipSession,
  CompiledChampionship,
  CompiledSeason,
  HypotheticalAward,
  HypotheticalResult,
  Remainder,
  RemainingSession,
} from './types.js';
