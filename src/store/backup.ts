/**
 * `paddock backup` and `paddock restore` for the embedded SQLite database: SQLite's online backup
 * (a consistent copy while a server keeps writing), checked before it is trusted. Seasons with
 * their whole revision history, series, accounts and login records are in the one file.
 * PostgreSQL is backed up with its own tools (pg_dump / pg_restore: docs/operations.md).
 */
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import type { Result } from '../engine/index.js';
import { MIGRATIONS } from './migrations.js';
import type { OpenOptions } from './connect.js';

/** What a backup or a restore holds. */
export interface BackupReport {
  readonly file: string;
  readonly seasons: number;
  readonly revisions: number;
  readonly users: number;
  /** Restore only: where the database as it was before the restore was kept. */
  readonly kept?: string;
}

const problem = (code: string, message: string, hint: string, file?: string): Result<never> => ({
  ok: false,
  issues: [{ code, path: file ? [file] : [], message, hint, ...(file ? { location: { file } } : {}) }],
});

const postgres = (): Result<never> =>
  problem(
    'backup.postgres',
    'paddock backup and restore copy the embedded SQLite database; this one is PostgreSQL',
    'Use pg_dump -Fc and pg_restore (docs/operations.md).',
  );

/** Checks that `file` is a whole Paddock database this version can open; counts what it holds. */
function inspect(file: string): Result<BackupReport> {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return problem(
      'backup.unreadable',
      `${file} cannot be opened: ${(e as Error).message}`,
      'Give a file made by paddock backup.',
      file,
    );
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      return problem(
        'backup.damaged',
        `${file} fails SQLite's integrity check (${String(integrity)})`,
        'Use another backup.',
        file,
      );
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has('kysely_migration') || !tables.has('season_revisions'))
      return problem(
        'backup.not-paddock',
        `${file} is not a Paddock database`,
        'Give a file made by paddock backup.',
        file,
      );
    const known = new Set<string>(MIGRATIONS);
    const newer = (db.prepare('SELECT name FROM kysely_migration').all() as { name: string }[])
      .map((m) => m.name)
      .filter((m) => !known.has(m));
    if (newer.length)
      return problem(
        'backup.newer',
        `${file} was written by a newer Paddock (migrations ${newer.join(', ')})`,
        'Restore it with that Paddock or a later one.',
        file,
      );
    const count = (table: string) =>
      tables.has(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    return {
      ok: true,
      value: { file, seasons: count('seasons'), revisions: count('season_revisions'), users: count('users') },
    };
  } catch (e) {
    return problem(
      'backup.unreadable',
      `${file} is not a readable SQLite database: ${(e as Error).message}`,
      'Give a file made by paddock backup.',
      file,
    );
  } finally {
    db.close();
  }
}

/** Copies the database into `target` (a new file), then checks the copy. */
export async function backupDatabase(options: OpenOptions, target: string): Promise<Result<BackupReport>> {
  if (options.url) return postgres();
  const source = options.file ?? 'paddock.db';
  if (!existsSync(source))
    return problem('backup.no-database', `there is no database at ${source}`, 'Give --db <file>.', source);
  if (existsSync(target))
    return problem(
      'backup.exists',
      `${target} already exists; nothing was written`,
      'Give a new file name (backups are never overwritten).',
      target,
    );
  const db = new SQLite(source, { fileMustExist: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  const checked = inspect(partial);
  if (!checked.ok) return checked;
  await rename(partial, target);
  return { ok: true, value: { ...checked.value, file: target } };
}

/**
 * Replaces the database's content with a backup's, after checking the backup. The database as it
 * was is first copied to `<database>.before-restore-<time>`, so a restore can itself be undone.
 * Stop servers using the database first: they keep serving what they cached.
 */
export async function restoreDatabase(
  options: OpenOptions,
  backup: string,
  now: Date = new Date(),
): Promise<Result<BackupReport>> {
  if (options.url) return postgres();
  const checked = inspect(backup);
  if (!checked.ok) return checked;
  const target = options.file ?? 'paddock.db';
  let kept: string | undefined;
  if (existsSync(target)) {
    kept = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    const current = new SQLite(target, { fileMustExist: true });
    try {
      await current.backup(kept);
    } finally {
      current.close();
    }
  }
  // SQLite's backup writes into the target through a connection, so its WAL stays consistent.
  const from = new SQLite(backup, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target);
  } finally {
    from.close();
  }
  const restored = inspect(target);
  if (!restored.ok) return restored;
  return { ok: true, value: { ...restored.value, ...(kept ? { kept } : {}) } };
}
