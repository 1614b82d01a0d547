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
export { describeDiff } from './season-diff.js';
export type { SeasonDiff } from './season-diff.js';
export { canEdit, MIN_PASSWORD, ROLES } from './accounts.js';
export type { Login, Role } from './accounts.js';
export { PENALTY_KINDS } from './season-edits.js';
export type { PenaltyKind, SeasonEdit } from './season-edits.js';
export type { OpenOptions } from '../store/connect.js';
export { backupDatabase, restoreDatabase } from '../store/backup.js';
export type { BackupReport } from '../store/backup.js';
export {
  calendarDocument,
  entriesDocument,
  explanationsDocument,
  jsonText,
  seasonOverview,
  sessionResultsDocument,
} from './documents.js';
export * from './view-model/index.js';
