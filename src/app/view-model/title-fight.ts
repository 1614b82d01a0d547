/**
 * The title-fight page's view model: a championship's exact scenarios (clinched, contender,
 * eliminated; best and worst final position; what each contender needs at the next race; the
 * magic number) beside its title odds (seeded Monte Carlo, each with its 95% simulation error,
 * "0.0% (possible)" told apart from impossible by the exact solver), and the span of points each
 * competitor can still finish on (the chart). Worked out by the engine, once per season version
 * and query; the page only formats it.
 */
import type { Result, Rulebook, Season } from '../../engine/index.js';
import {
  entryModel,
  fitResultsModel,
  scenariosView,
  seasonOdds,
  titleScenarios,
} from '../../engine/scenarios/index.js';
import type { ChampionshipScenariosView, ProgramSolver, SeasonOdds } from '../../engine/scenarios/index.js';

export interface OddsRowView {
  readonly competitor: { readonly id: string; readonly name: string };
  readonly titles: number;
  readonly probability: number;
  /** Standard error of the probability. */
  readonly error: number;
  readonly possible: boolean;
  readonly status: string;
  /** "43.2%", "100% (clinched)", "0.0% (possible)". */
  readonly text: string;
  /** "±1.0" (the 95% simulation error in percentage points), or '' when no run produced it. */
  readonly errorText: string;
}

export interface TitleFightChampionshipView extends ChampionshipScenariosView {
  readonly odds: readonly OddsRowView[];
}

export interface TitleFightView {
  readonly season: { readonly id: string; readonly name: string };
  readonly afterRace: number;
  readonly runs: number;
  readonly seed: number;
  readonly racesFitted: number;
  readonly championships: readonly TitleFightChampionshipView[];
}

export interface TitleFightQuery {
  readonly afterRace?: number;
  readonly championship?: string;
  /** The integer-program solver for worst-position ranges the searches leave open (exact-scenarios.ts). */
  readonly solver?: ProgramSolver;
  readonly runs?: number;
  readonly seed?: number;
}

const percent = (p: number) => `${(p * 100).toFixed(1)}%`;

/** The odds of a season as JSON-ready rows: what `paddock odds --json` prints. */
export function oddsDocument(odds: SeasonOdds) {
  return {
    ...odds,
    championships: odds.championships.map((c) => ({
      ...c,
      competitors: c.competitors.map(({ index: _index, competitor, ...rest }) => ({
        competitor: { id: competitor.id, name: competitor.name },
        ...rest,
      })),
    })),
  };
}

/** Scenarios and odds of every championship (or one) of a season after a race. */
export function titleFightView(
  season: Season,
  rulebook: Rulebook,
  query: TitleFightQuery = {},
): Result<TitleFightView> {
  const options = {
    ...(query.afterRace === undefined ? {} : { afterRace: query.afterRace }),
    ...(query.championship === undefined ? {} : { championships: [query.championship] }),
  };
  const scenarios = titleScenarios(season, rulebook, {
    ...options,
    ...(query.solver ? { solver: query.solver } : {}),
  });
  if (!scenarios.ok) return scenarios;
  const odds = seasonOdds(season, rulebook, {
    ...options,
    ...(query.runs === undefined ? {} : { runs: query.runs }),
    ...(query.seed === undefined ? {} : { seed: query.seed }),
  });
  if (!odds.ok) return odds;
  const view = scenariosView(scenarios.value);
  return {
    ok: true,
    value: {
      season: view.season,
      afterRace: view.afterRace,
      runs: odds.value.runs,
      seed: odds.value.seed,
      racesFitted: odds.value.racesFitted,
      championships: view.championships.map((c) => {
        const o = odds.value.championships.find((x) => x.id === c.id);
        return {
          ...c,
          odds: (o?.competitors ?? []).map((r) => ({
            competitor: { id: r.competitor.id, name: r.competitor.name },
            titles: r.titles,
            probability: r.probability,
            error: r.error,
            possible: r.possible,
            status: r.status,
            text:
              r.status === 'clinched' || r.status === 'champion'
                ? `100% (${r.status})`
                : r.titles === 0
                  ? `${percent(0)} (possible)`
                  : r.titles === o!.runs
                    ? `${percent(1)} (not yet certain)`
                    : percent(r.probability),
            errorText: r.titles === 0 ? '' : `±${(1.96 * r.error * 100).toFixed(1)}`,
          })),
        };
      }),
    },
  };
}

/**
 * The races not run, each filled in "by form": the cars entered for it in the most likely order
 * of the odds' results model fitted on the races run (strongest first), as car numbers in the
 * what-if syntax ("#78, #24, ..."). Retirements and bonuses are left to the person asking.
 */
export function ordersByForm(season: Season): Map<number, string> {
  const held = new Set(season.classifications.map((c) => c.sessionId));
  const racesRun = season.sessions.flatMap((s) => (s.race !== undefined && held.has(s.id) ? [s.race] : []));
  const model = fitResultsModel(season, Math.max(0, ...racesRun));
  const out = new Map<number, string>();
  for (const s of season.sessions) {
    if (s.race === undefined || held.has(s.id)) continue;
    const entries = season.entries
      .filter((e) => e.eventIds.includes(s.eventId))
      .map((e) => ({ e, strength: entryModel(model, e).strength }))
      .sort((a, b) => b.strength - a.strength || a.e.id.localeCompare(b.e.id));
    out.set(s.race, entries.map(({ e }) => `#${e.car}`).join(', '));
  }
  return out;
}
