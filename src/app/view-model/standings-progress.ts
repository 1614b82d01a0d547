/**
 * Each championship's standings as they stood after every race in its scope: the points and the
 * position each competitor had in the table after that race (drop rules as they applied then, so
 * a result dropped from the final table still counts after the race it was scored in). Charts and
 * their tables render this and compute nothing; every step is a row of the table after that race:
 * the engine's `computeTotalsAfterEachRace` (`tablesAfterEachRace`, one pass over the season), the
 * same points and positions as `computeStandings(..., { afterRace })` and `paddock standings
 * --after N`.
 */
import { computeTotalsAfterEachRace } from '../../engine/index.js';
import type {
  CompetitorKind,
  Fraction,
  Rulebook,
  Season,
  SeasonStandings,
  SeasonTotals,
} from '../../engine/index.js';

/** A race in a championship's scope. */
export interface ProgressRace {
  readonly race: number;
  readonly sessionId: string;
  readonly eventId: string;
}

/** Where a competitor stood in the table after one race. */
export interface ProgressStep {
  readonly race: number;
  readonly points: Fraction;
  readonly position: number;
  /** True when the position was shared with another row. */
  readonly shared: boolean;
}

export interface CompetitorProgress {
  readonly id: string;
  readonly name: string;
  /** One step per race of the championship after which the competitor was in its table, in race order. */
  readonly steps: readonly ProgressStep[];
}

export interface ChampionshipProgress {
  readonly id: string;
  readonly name: string;
  readonly competitorKind: CompetitorKind;
  /** The races held in the championship's scope, in order (races outside it are not steps). */
  readonly races: readonly ProgressRace[];
  /** In the order of the latest table. */
  readonly competitors: readonly CompetitorProgress[];
}

export interface StandingsProgress {
  readonly afterRace: number;
  readonly championships: readonly ChampionshipProgress[];
}

/**
 * Every championship's table after each race of the season, from one pass (totals, positions and
 * shared positions, without explanations), as a lookup by race for `standingsProgress`.
 */
export function tablesAfterEachRace(loaded: {
  readonly season: Season;
  readonly rulebook: Rulebook;
}): (race: number) => SeasonTotals {
  const result = computeTotalsAfterEachRace(loaded.season, loaded.rulebook);
  if (!result.ok) throw new Error(`the tables after each race failed: ${JSON.stringify(result.issues)}`);
  const byRace = new Map(result.value.map((t) => [t.afterRace, t]));
  return (race) => {
    const tables = byRace.get(race);
    if (!tables) throw new Error(`there is no table after race ${race} of ${loaded.season.id}`);
    return tables;
  };
}

/**
 * The progress of every championship of `latest`, from the tables after each of its races
 * (`standingsAfter(race)`: `tablesAfterEachRace`, or the app's standings for that race).
 */
export function standingsProgress(
  latest: SeasonStandings,
  standingsAfter: (race: number) => SeasonTotals,
): StandingsProgress {
  const championships = latest.championships.map((table): ChampionshipProgress => {
    const races = table.sessions
      .filter((s) => s.race !== undefined)
      .map((s) => ({ race: s.race!, sessionId: s.id, eventId: s.eventId }))
      .sort((a, b) => a.race - b.race);
    const steps = new Map<string, ProgressStep[]>();
    for (const { race } of races) {
      const then = standingsAfter(race).championships.find((t) => t.id === table.id);
      if (!then) throw new Error(`championship ${table.id} is missing from the standings after race ${race}`);
      for (const row of then.rows) {
        const list = steps.get(row.competitor.id) ?? [];
        list.push({ race, points: row.points, position: row.position, shared: row.shared });
        steps.set(row.competitor.id, list);
      }
    }
    return {
      id: table.id,
      name: table.name,
      competitorKind: table.competitorKind,
      races,
      competitors: table.rows.map((row) => ({
        id: row.competitor.id,
        name: row.competitor.name,
        steps: steps.get(row.competitor.id) ?? [],
      })),
    };
  });
  return { afterRace: latest.afterRace, championships };
}

/** One driver's or team's progress in each championship they are in (same order as `progress`). */
export function competitorProgress(
  progress: StandingsProgress,
  kind: CompetitorKind,
  competitorId: string,
): { readonly championship: ChampionshipProgress; readonly competitor: CompetitorProgress }[] {
  return progress.championships.flatMap((championship) => {
    if (championship.competitorKind !== kind) return [];
    const competitor = championship.competitors.find((c) => c.id === competitorId);
    return competitor ? [{ championship, competitor }] : [];
  });
}
