import { expect } from 'vitest';
import { computeStandings } from '../compute-standings.js';
import type { ComputeOptions } from '../compute-standings.js';
import { formatExact } from '../fraction.js';
import type { Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';
import type { ChampionshipStandings } from '../standings.js';

/** Scores a season and returns its first championship table (fails the test on issues). */
export function scoreTable(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions = {},
): ChampionshipStandings {
  const result = computeStandings(season, rulebook, options);
  if (!result.ok) expect.fail(JSON.stringify(result.issues, null, 2));
  return result.value.championships[0]!;
}

/** Totals by competitor id as exact strings ("57/7"). */
export const totalsOf = (t: ChampionshipStandings) =>
  Object.fromEntries(t.rows.map((r) => [r.competitor.id, formatExact(r.points)]));

/** Competitor ids in table order. */
export const orderOf = (t: ChampionshipStandings) => t.rows.map((r) => r.competitor.id);
