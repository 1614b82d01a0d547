/** The application layer's public surface (docs/architecture.md). */
export { Paddock } from './paddock.js';
export type {
  BuiltInRefresh,
  Change,
  FolderImport,
  History,
  PaddockOptions,
  SeasonSummary,
  SeasonVersion,
  ResultsInput,
  StandingsQuery,
} from './paddock.js';
export { commandDatabase, databaseOption, describeSource, serverDatabase } from './sources.js';
export type { SeasonSource } from './sources.js';
export { describeDiff, setupChanges } from './season-diff.js';
export type { SeasonDiff } from './season-diff.js';
export {
  describeRoles,
  EVERY_SERIES,
  highestRole,
  may,
  mayEdit,
  MIN_PASSWORD,
  PERMISSIONS,
  roleIn,
  ROLES,
  SERIES_ROLES,
  TOKEN_PREFIX,
} from './accounts.js';
export type { ApiToken, Login, Permission, Role, SeriesRole } from './accounts.js';
export { delayAfter, FREE_FAILURES, MAX_DELAY_MS, throttleKeys } from './login-throttle.js';
export { PENALTY_KINDS } from './season-edits.js';
export type { PenaltyKind, SeasonEdit } from './season-edits.js';
export type { OpenOptions } from '../store/connect.js';
export { backupDatabase, restoreDatabase } from './backups.js';
export type { BackupReport } from './backups.js';
export {
  calendarDocument,
  entriesDocument,
  explanationsDocument,
  jsonText,
  seasonOverview,
  sessionResultsDocument,
} from './documents.js';
export * from './view-model/index.js';
export { choosePreset, makeNewSeason, planEntryList, presetChoices, slugOf } from './season-setup.js';
export type {
  EntryListPlan,
  EventInput,
  EntryInput,
  NewSeasonInput,
  SessionInput,
  SetupChange,
} from './season-setup.js';
