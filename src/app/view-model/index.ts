/**
 * View models: what the pages show, worked out once per season version from the loaded season and
 * the engine's standings (class positions, events run, points per race and running totals as
 * exact fractions, the next event). Pages only format them; organiser pages, public pages, live
 * and scenario pages add their view models here.
 */
export {
  calendar,
  nextEvent,
  orderedRows,
  racesWithResults,
  STATUS_LABEL,
  viewSeason,
} from './season-view.js';
export type { SeasonView } from './season-view.js';
export { eventResults, sessionPoints, sessionResults, sessionRows, STATUS_TEXT } from './event-results.js';
export type {
  ClassResultView,
  EventResultsView,
  PenaltyView,
  ResultRowView,
  SessionPointsView,
  SessionResultsView,
} from './event-results.js';
export { compareCars, entryList, eventsRun } from './entry-list.js';
export type { EntryListView, EntryView } from './entry-list.js';
export { competitorView } from './competitor.js';
export type {
  CompetitorEntryView,
  CompetitorRaceView,
  CompetitorResultView,
  CompetitorTableView,
  CompetitorView,
  TeamDriverStandingsView,
  TeamRoundView,
} from './competitor.js';
export { seasonHome } from './season-home.js';
export type { SeasonHomeView } from './season-home.js';
export { seriesWithSeasons } from './series.js';
export type { SeriesSeasons } from './series.js';
export { competitorProgress, standingsProgress, tablesAfterEachRace } from './standings-progress.js';
export type {
  ChampionshipProgress,
  CompetitorProgress,
  ProgressRace,
  ProgressStep,
  StandingsProgress,
} from './standings-progress.js';
export { eventDecisions, seasonDecisions } from './decisions.js';
export type { DecisionView } from './decisions.js';
export { flagOf, previousRaceOf, standingsMatrix } from './standings-matrix.js';
export type {
  FlagView,
  MatrixCellView,
  MatrixEventView,
  MatrixRowView,
  MatrixSessionView,
  MatrixView,
} from './standings-matrix.js';
export { revisionChanges } from './revision-changes.js';
export type { ResultsChangeView, RevisionChangesView, StandingChangeView } from './revision-changes.js';
export { explanationHistory } from './explanation-history.js';
export type { ExplanationStep } from './explanation-history.js';
