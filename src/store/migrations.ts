/**
 * Migrations, applied at start by `openStore`. They are code (not SQL files) so one list serves
 * SQLite and PostgreSQL; the only difference is how the (old) audit log's id counts up. 0001 and
 * 0002 made the schema before revisions; 0003 converts it (src/store/migrate-to-revisions.ts).
 */
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { migrateToRevisions } from './migrate-to-revisions.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-seasons': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('series')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('seasons')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('series_id', 'text', (c) => c.notNull().references('series.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('classes', 'text', (c) => c.notNull())
          .addColumn('notes', 'text', (c) => c.notNull())
          .addColumn('rulebook_yaml', 'text', (c) => c.notNull())
          .addColumn('rulebook_json', 'text', (c) => c.notNull())
          .addColumn('rulebook_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('imported_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('events')
          .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('round', 'integer', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('circuit', 'text', (c) => c.notNull())
          .addColumn('city', 'text')
          .addColumn('country', 'text')
          .addColumn('start_date', 'text')
          .addColumn('end_date', 'text')
          .addColumn('tags', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('events_pk', ['season_id', 'id'])
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('race', 'integer')
          .addColumn('scheduled_laps', 'integer')
          .addColumn('distance_share', 'text')
          .addColumn('points_factor', 'text')
          .addColumn('points_scale', 'text')
          .addColumn('note', 'text')
          .addPrimaryKeyConstraint('sessions_pk', ['season_id', 'id'])
          .execute();
        for (const table of ['drivers', 'teams']) {
          await db.schema
            .createTable(table)
            .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
            .addColumn('id', 'text', (c) => c.notNull())
            .addColumn('ord', 'integer', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('nationality', 'text')
            .addPrimaryKeyConstraint(`${table}_pk`, ['season_id', 'id'])
            .execute();
        }
        await db.schema
          .createTable('entries')
          .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('car', 'text', (c) => c.notNull())
          .addColumn('team_id', 'text', (c) => c.notNull())
          .addColumn('driver_ids', 'text', (c) => c.notNull())
          .addColumn('class_id', 'text', (c) => c.notNull())
          .addColumn('event_ids', 'text', (c) => c.notNull())
          .addColumn('eligible', 'integer', (c) => c.notNull())
          .addColumn('nominated', 'integer')
          .addColumn('note', 'text')
          .addPrimaryKeyConstraint('entries_pk', ['season_id', 'id'])
          .execute();
        await db.schema
          .createTable('classifications')
          .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
          .addColumn('session_id', 'text', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('state', 'text')
          .addColumn('decision', 'text')
          .addPrimaryKeyConstraint('classifications_pk', ['season_id', 'session_id'])
          .execute();
        await db.schema
          .createTable('classification_rows')
          .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
          .addColumn('session_id', 'text', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('entry_id', 'text', (c) => c.notNull())
          .addColumn('driver_ids', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('position', 'integer')
          .addColumn('laps', 'integer')
          .addColumn('laps_led', 'integer')
          .addColumn('time', 'text')
          .addColumn('note', 'text')
          .addPrimaryKeyConstraint('classification_rows_pk', ['season_id', 'session_id', 'ord'])
          .execute();
        for (const [table, columns] of [
          ['awards', ['session_id', 'award', 'scope', 'entry_id']],
          ['adjustments', ['kind', 'reason']],
        ] as const) {
          let t = db.schema
            .createTable(table)
            .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
            .addColumn('ord', 'integer', (c) => c.notNull());
          for (const col of columns) t = t.addColumn(col, 'text', (c) => c.notNull());
          const optional =
            table === 'awards'
              ? ['driver_id', 'note']
              : ['championship_id', 'driver_id', 'team_id', 'points', 'session_id'];
          for (const col of optional) t = t.addColumn(col, 'text');
          await t.addPrimaryKeyConstraint(`${table}_pk`, ['season_id', 'ord']).execute();
        }
        await db.schema
          .createTable('published')
          .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id').onDelete('cascade'))
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('championship_id', 'text', (c) => c.notNull())
          .addColumn('after_race', 'integer', (c) => c.notNull())
          .addColumn('competitor_id', 'text', (c) => c.notNull())
          .addColumn('position', 'integer')
          .addColumn('points', 'text')
          .addColumn('note', 'text')
          .addPrimaryKeyConstraint('published_pk', ['season_id', 'ord'])
          .execute();
      },
    },
    '0002-accounts-and-audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('email', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('logins')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().references('users.email').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('season_id', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('who', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_season').on('audit').columns(['season_id', 'id']).execute();
      },
    },
    // Seasons become revisions of their folder files (docs/decisions/0006-seasons-stored-as-revisions-of-their-files.md).
    '0003-season-revisions': {
      async up(db: Kysely<unknown>) {
        await migrateToRevisions(db, new Date());
      },
    },
    // Roles per series, API tokens, and the login throttle kept in the database (issue 8 phase 2).
    '0004-series-roles-tokens-throttle': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('series_roles')
          .addColumn('email', 'text', (c) => c.notNull().references('users.email').onDelete('cascade'))
          // A series id, or '*' for every series (existing and future).
          .addColumn('series_id', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('series_roles_pk', ['email', 'series_id'])
          .execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('email', 'text', (c) => c.notNull().references('users.email').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('series_id', 'text')
          .addColumn('role', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('login_failures')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('last_at', 'text', (c) => c.notNull())
          .execute();
        // Roles were global: a steward or viewer keeps that role in every series ('*'); an admin
        // stays the instance administrator. users.role now says only 'admin' or 'member'.
        const users = db as unknown as Kysely<{ users: { email: string; role: string } }>;
        const rows = await users.selectFrom('users').select(['email', 'role']).execute();
        const kept = rows.filter((r) => r.role !== 'admin');
        if (kept.length)
          await (
            db as unknown as Kysely<{ series_roles: { email: string; series_id: string; role: string } }>
          )
            .insertInto('series_roles')
            .values(kept.map((r) => ({ email: r.email, series_id: '*', role: r.role })))
            .execute();
        await users.updateTable('users').set({ role: 'member' }).where('role', '!=', 'admin').execute();
      },
    },
    '0005-idle-logins-idempotency': {
      async up(db: Kysely<unknown>) {
        // When a login was last used: it ends after IDLE_MINUTES without a request (ASVS 3.3).
        // Logins made before this migration count as used now.
        await db.schema.alterTable('logins').addColumn('last_seen_at', 'text').execute();
        // A write request's answer, kept under the key its client sent (Idempotency-Key), so a
        // retried request gets the first answer instead of being applied again.
        await db.schema
          .createTable('idempotency_keys')
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          // null while the first request is being answered.
          .addColumn('status', 'integer')
          .addColumn('content_type', 'text')
          .addColumn('body', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['email', 'key'])
          .execute();
      },
    },
    '0006-display-names': {
      async up(db: Kysely<unknown>) {
        // The name the Changes page shows for an editor; e-mail addresses only to administrators.
        await db.schema.alterTable('users').addColumn('display_name', 'text').execute();
      },
    },
  };
}

/** The migrations' names, oldest first. */
export const MIGRATIONS = [
  '0001-seasons',
  '0002-accounts-and-audit',
  '0003-season-revisions',
  '0004-series-roles-tokens-throttle',
  '0005-idle-logins-idempotency',
  '0006-display-names',
] as const;

/**
 * Applies every pending migration (or those up to `upTo`, for tests that make an old database);
 * throws (a bug or a broken database) when one fails.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: DialectName,
  upTo?: (typeof MIGRATIONS)[number],
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // On PostgreSQL the migrator looks for its own tables in every schema unless told which one:
  // another schema's tables (a second Paddock, or tests running side by side) would fool it.
  const migrator = new Migrator({
    db,
    provider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  // A database written by a newer Paddock has migrations this code does not know: refuse to open
  // it (an older binary could misread or damage it) rather than let the migrator fail obscurely.
  const known = new Set(Object.keys(migrations(dialect)));
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`
    .execute(db)
    .then((r) => r.rows.map((x) => x.name))
    .catch(() => [] as string[]);
  const newer = applied.filter((name) => !known.has(name));
  if (newer.length)
    throw new Error(
      `this database was written by a newer Paddock (migrations ${newer.join(', ')} are unknown to this one); ` +
        'nothing was changed. Run the newer Paddock, or restore a backup made by this version.',
    );
  // Every migration applied (each command's usual case): nothing for the migrator to do, and its
  // lock and bookkeeping queries cost a one-shot command about 10 ms.
  if (upTo === undefined && [...known].every((name) => applied.includes(name))) return;
  const { error, results } =
    upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}
