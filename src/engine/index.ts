/** The scoring core's public surface. Pure: no I/O, no clock, no dependencies. */
export * from './fraction.js';
export * from './issues.js';
export * from './season.js';
export * from './rulebook.js';
export * from './standings.js';
export { computeStandings } from './compute-standings.js';
export type { ComputeOptions } from './compute-standings.js';
export { explain, matchesCompetitor } from './explain.js';
export type { Explanation } from './explain.js';
export { formatPlace, reconcile } from './reconcile.js';
export type { Finding, FindingKind, Place } from './reconcile.js';
export { validateSeason } from './validate-season.js';
export { validateRulebook } from './validate-rulebook.js';
export { describeChampionship } from './describe.js';
export { describeScale, pointsForPlace } from './scale.js';
export * from './compiled/index.js';
