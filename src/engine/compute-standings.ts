/**
 * The engine's front door: season and rulebook in, every championship's standings out, with the
 * reason for every point. Bad data gives issues, never an exception.
 */
import { fail, issue, ok } from './issues.js';
import type { Result } from './issues.js';
import type { Championship, Rulebook } from './rulebook.js';
import type { Season } from './season.js';
import { indexSeason } from './season-index.js';
import type { SeasonIndex } from './season-index.js';
import { totalsAfterRaces } from './totals.js';
import { giveRowSlots, releaseSeasonRows } from './season-rows.js';
import type { SeasonTotals } from './totals.js';
import { scoreChampionship } from './score-championship.js';
import { scoreChampionshipBulk } from './bulk-standings.js';
import type { SharedResults } from './bulk-standings.js';
import type { SeasonStandings } from './standings.js';
import { validateRulebook } from './validate-rulebook.js';
import { checkSeason } from './validate-season.js';

export interface ComputeOptions {
  /** Standings after this race number; the latest race with results by default. */
  readonly afterRace?: number;
  /** Only these championships (by id); all by default. */
  readonly championships?: readonly string[];
}

/** What every entry point checks first: a valid season and rulebook, a known race and championships. */
function prepare(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions,
): Result<{ index: SeasonIndex; afterRace: number; championships: readonly Championship[] }> {
  const checked = checkSeason(season);
  const problems = [...checked.issues, ...validateRulebook(rulebook, season)];
  if (problems.length) return fail(problems);
  const index = indexSeason(season, checked.ids);
  // The rows' entries and the entries' numbers as validation found them, for the indexed booking
  // (this computation only).
  giveRowSlots(index, checked.rowSlots, checked.rowFacts, checked.ids.entrySlot, checked.numbers);
  const afterRace = options.afterRace ?? index.lastHeldRace;
  if (options.afterRace !== undefined && !index.races.includes(options.afterRace)) {
    return fail([
      issue(
        'race.unknown',
        ['afterRace'],
        `there is no race ${options.afterRace} in ${season.id}`,
        `Races run from ${index.races[0] ?? 1} to ${index.races.at(-1) ?? 0}.`,
      ),
    ]);
  }
  const wanted = options.championships;
  const known = new Set(rulebook.championships.map((c) => c.id));
  const unknown = (wanted ?? []).filter((id) => !known.has(id));
  if (unknown.length) {
    return fail(
      unknown.map((id) =>
        issue(
          'championship.unknown',
          ['championship'],
          `unknown championship "${id}"`,
          `Choose one of: ${[...known].join(', ')}.`,
        ),
      ),
    );
  }
  const championships = rulebook.championships.filter((c) => !wanted || wanted.includes(c.id));
  return ok({ index, afterRace, championships });
}

/** Computes every championship's standings (or the chosen ones) after a race. */
export function computeStandings(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions = {},
): Result<SeasonStandings> {
  // Sessions' results shared by the tables that rank and pay them alike (this computation only).
  const shared: SharedResults = new Map();
  return tablesAfter(
    season,
    rulebook,
    options,
    (index, c, afterRace) =>
      scoreChampionshipBulk(index, rulebook, c, afterRace, shared) ??
      scoreChampionship(index, rulebook, c, afterRace),
    // The tables hold none of the season rows' arrays (the team slots are read while booking):
    // the buffer goes to the next computation instead of a new one each time.
    releaseSeasonRows,
  );
}

/**
 * `computeStandings` through the general pipeline only (`scoreChampionship` for every table), never
 * the bulk path: what the property test compares the bulk path with. Not part of the engine's API.
 */
export function computeStandingsGeneral(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions = {},
): Result<SeasonStandings> {
  return tablesAfter(season, rulebook, options, (index, c, afterRace) =>
    scoreChampionship(index, rulebook, c, afterRace),
  );
}

/** Every chosen championship's table after the race, made by `table`: with or without explanations. */
function tablesAfter<T>(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions,
  table: (index: SeasonIndex, c: Championship, afterRace: number) => T,
  done?: (index: SeasonIndex) => void,
): Result<{ season: { id: string; name: string }; afterRace: number; championships: T[] }> {
  const prepared = prepare(season, rulebook, options);
  if (!prepared.ok) return prepared;
  const { index, afterRace, championships } = prepared.value;
  const tables = championships.map((c) => table(index, c, afterRace));
  done?.(index);
  return ok({ season: { id: season.id, name: season.name }, afterRace, championships: tables });
}

/**
 * The same tables as `computeStandings` (totals, order, shared positions, who is listed or
 * excluded) without the explanations: for bulk users that read only totals and positions.
 */
export function computeTotals(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions = {},
): Result<SeasonTotals> {
  return tablesAfter(
    season,
    rulebook,
    options,
    (index, c, afterRace) => totalsAfterRaces(index, rulebook, c, [afterRace])[0]!,
    // The totals hold none of the booking's arrays: its buffer goes to the next computation.
    releaseSeasonRows,
  );
}

/**
 * The totals after every race of the season up to the latest with results (or `afterRace`), in
 * race order, from one pass over the season: each equals `computeTotals` with that `afterRace`.
 */
export function computeTotalsAfterEachRace(
  season: Season,
  rulebook: Rulebook,
  options: ComputeOptions = {},
): Result<readonly SeasonTotals[]> {
  const prepared = prepare(season, rulebook, options);
  if (!prepared.ok) return prepared;
  const { index, afterRace, championships } = prepared.value;
  const races = [...new Set(index.races)].filter((r) => r <= afterRace);
  const tables = championships.map((c) => totalsAfterRaces(index, rulebook, c, races));
  releaseSeasonRows(index);
  return ok(
    races.map((race, i) => ({
      season: { id: season.id, name: season.name },
      afterRace: race,
      championships: tables.map((t) => t[i]!),
    })),
  );
}
