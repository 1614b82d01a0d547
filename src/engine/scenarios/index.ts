/**
 * Title scenarios: who can still win each championship after a race, what the contenders need at
 * the next race, and the leader's magic number. Exact under the rulebook (docs/decisions/
 * 0007-exact-title-scenarios.md); built on the compiled championship (the engine's fast path).
 */
import { compileSeason } from '../compiled/compile-season.js';
import type { CompileOptions } from '../compiled/compile-season.js';
import { createScorer } from '../compiled/scorer.js';
import { fail, ok } from '../issues.js';
import type { Result } from '../issues.js';
import type { Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';
import type { CompetitorKind } from '../rulebook.js';
import type { Competitor } from '../standings.js';
import { magicNumber, nextSessionNeeds } from './next-race.js';
import type { ContenderNeeds, MagicNumber } from './next-race.js';
import { analyseTitleFight } from './title-fight.js';
import type { Outlook, TitleFightOptions } from './title-fight.js';

export { analyseTitleFight, positionOf } from './title-fight.js';
export type { IntegerProgram, ProgramRow, ProgramSolution, ProgramSolver } from './integer-program.js';
export type { Outlook, TitleFight, TitleFightOptions, TitleStatus } from './title-fight.js';
export { magicNumber, nextSessionNeeds } from './next-race.js';
export type { ClinchCondition, ContenderNeeds, MagicNumber, Placing, RivalLimit } from './next-race.js';
export { describeNeeds, ordinal } from './describe-needs.js';
export { checkDecider, titleDecidedAfter } from './deciders.js';
export type { DeciderCheck } from './deciders.js';

export interface ChampionshipScenarios {
  readonly id: string;
  readonly name: string;
  readonly competitorKind: CompetitorKind;
  readonly afterRace: number;
  /** Sessions still to be scored by this championship. */
  readonly remaining: number;
  /** The competitor who has won or clinched the title. */
  readonly champion: Competitor | undefined;
  /** Every competitor, in the current table's order. */
  readonly outlooks: readonly Outlook[];
  /** What each contender needs at the next session. */
  readonly needs: readonly ContenderNeeds[];
  readonly magic: MagicNumber | undefined;
}

export interface SeasonScenarios {
  readonly season: { readonly id: string; readonly name: string };
  readonly afterRace: number;
  readonly championships: readonly ChampionshipScenarios[];
}

/** Title scenarios of every championship (or the chosen ones) of a season after a race (the latest by default). */
export function titleScenarios(
  season: Season,
  rulebook: Rulebook,
  options: CompileOptions & TitleFightOptions = {},
): Result<SeasonScenarios> {
  const compiled = compileSeason(season, rulebook, options);
  if (!compiled.ok) return fail(compiled.issues);
  const championships = compiled.value.championships.map((champ): ChampionshipScenarios => {
    const fight = analyseTitleFight(champ, options);
    const scorer = createScorer(champ);
    return {
      id: champ.id,
      name: champ.name,
      competitorKind: champ.championship.competitor,
      afterRace: compiled.value.afterRace,
      remaining: fight.remaining,
      champion: fight.champion === undefined ? undefined : champ.competitors[fight.champion],
      outlooks: fight.outlooks,
      needs: nextSessionNeeds(fight, scorer),
      magic: magicNumber(fight),
    };
  });
  return ok({
    season: { id: compiled.value.id, name: compiled.value.name },
    afterRace: compiled.value.afterRace,
    championships,
  });
}
export { championshipScenariosView, comparedView, scenariosView } from './view.js';
export type {
  ChampionshipScenariosView,
  ComparedView,
  OutlookView,
  PointsView,
  SeasonScenariosView,
} from './view.js';
export {
  applyRaceChanges,
  changesAnything,
  compareStandings,
  parseRaceChange,
  rescore,
  whatIf,
} from './what-if.js';
export type { ComparedChampionship, ComparedRow, RaceChange, WhatIf } from './what-if.js';
export { RemainderSampler, seasonOdds, simulateTitles } from './odds.js';
export type { ChampionshipOdds, CompetitorOdds, OddsOptions, SeasonOdds } from './odds.js';
export { entryModel, fitResultsModel } from './results-model.js';
export type { ResultsModel } from './results-model.js';
export { seededRandom } from './random.js';
export type { Random } from './random.js';
