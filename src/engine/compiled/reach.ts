/**
 * How far a remainder takes the season, as the engine's "standings after race N" reads it: the
 * latest race it gives (`afterRace`), that race's place in the calendar (`cutoff`: a session given
 * after it, such as the next qualifying, is left out) and the latest session it gives at all
 * (`last`, never before `cutoff`). One rule for the Scorer and the season scorer; written into `out` (called once per
 * simulated remainder, so nothing is made).
 */
import type { CompiledSeason, Remainder } from './types.js';

export interface Reach {
  afterRace: number;
  cutoff: number;
  last: number;
}

export function reachOf(season: CompiledSeason, remainder: Remainder, out: Reach): Reach {
  let afterRace = season.afterRace;
  let cutoff = season.cutoff;
  let last = cutoff;
  const len = Math.min(remainder.length, season.sessions.length);
  for (let k = 0; k < len; k++) {
    if (remainder[k] === undefined) continue;
    const { race, order } = season.sessions[k]!;
    if (race !== undefined && race > afterRace) {
      afterRace = race;
      cutoff = order;
    }
    if (order > last) last = order;
  }
  out.afterRace = afterRace;
  out.cutoff = cutoff;
  out.last = last;
  return out;
}
