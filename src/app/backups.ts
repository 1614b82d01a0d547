/**
 * Backup and restore of the whole database (src/store/backup.ts), loaded only when asked for: the
 * SQLite driver stays out of commands that read files (the CLI bundle checks it).
 */
import type { Result } from '../engine/index.js';
import type { OpenOptions } from '../store/connect.js';
import type { BackupReport } from '../store/backup.js';

export type { BackupReport };

/** Copies the database into a new file, checked before it is named. */
export async function backupDatabase(options: OpenOptions, target: string): Promise<Result<BackupReport>> {
  return (await import('../store/backup.js')).backupDatabase(options, target);
}

/** Replaces the database's content with a checked backup's, keeping the one it replaces. */
export async function restoreDatabase(options: OpenOptions, backup: string): Promise<Result<BackupReport>> {
  return (await import('../store/backup.js')).restoreDatabase(options, backup);
}
