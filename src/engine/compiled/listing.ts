/**
 * What a car did in a session, as bits the fast scorers (scorer.ts, season-scorer.ts) keep per
 * competitor, and which of them put a competitor in a championship's table (its `listed` rule).
 */
export const SCORED = 1;
export const CLASSIFIED = 2;
export const STARTED = 4;
export const ENTERED = 8;

/** Whoever scored is listed; classified adds those classified in a race (score-championship.ts). */
export const LISTED_BIT = {
  scored: SCORED,
  classified: CLASSIFIED | SCORED,
  started: STARTED | SCORED,
  entered: ENTERED,
} as const;
