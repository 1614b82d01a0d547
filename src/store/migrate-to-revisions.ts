/**
 * Migration 0003: seasons stored in normalized tables with an audit log become seasons stored as
 * revisions of their folder files. Each season's current state is written as the files of its
 * folder (the same writer `paddock export` uses, decisions kept in result-states.csv) and becomes
 * its current revision; every audit entry becomes a revision of its own, with who, when, what
 * and why and its before/after kept in the summary. The old tables only held the current state,
 * so revisions before the current one have no files (manifest null): their history stays
 * readable, and they cannot be restored. Nothing is dropped before everything is copied, and the
 * migration runs in one transaction.
 */
import type { Kysely } from 'kysely';
import { seasonFolderFiles } from '../formats/write-season-folder.js';
import { contentHash, hashText, manifestOf } from './content-hash.js';
import { readLegacySeason } from './legacy-schema.js';
import type { AuditTable, LegacyDatabase } from './legacy-schema.js';

type AuditEntry = Omit<AuditTable, 'id'> & { readonly id: number };
import type { Database, SeasonRevisionTable } from './schema.js';

/** Creates the revision tables (used on a fresh database too). */
export async function createRevisionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('season_files')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('season_revisions')
    .addColumn('season_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('parent_version', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('manifest', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source_hash', 'text')
    .addPrimaryKeyConstraint('season_revisions_pk', ['season_id', 'version'])
    .execute();
}

const parseJson = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/** A revision row for an audit entry whose files were not kept. */
const legacyRevision = (a: AuditEntry, parent: number | null): SeasonRevisionTable => ({
  season_id: a.season_id,
  version: a.version,
  parent_version: parent,
  at: a.at,
  author: a.who,
  action: a.action,
  reason: a.reason,
  origin: 'audit',
  manifest: null,
  summary: JSON.stringify({
    subject: a.subject,
    before: parseJson(a.before),
    after: parseJson(a.after),
    auditId: a.id,
  }),
  source_hash: null,
});

/** Converts every season of a database at migration 0002 into revisions, then drops the old tables. */
export async function migrateToRevisions(db: Kysely<unknown>, now: Date): Promise<void> {
  await createRevisionTables(db);
  const legacy = db as unknown as Kysely<LegacyDatabase>;
  const next = db as unknown as Kysely<Database>;
  const seasons = await legacy.selectFrom('seasons').select(['id', 'version']).orderBy('id').execute();
  const audit = (await legacy.selectFrom('audit').selectAll().orderBy('id').execute()).map((a) => ({
    ...a,
    id: Number(a.id),
  }));
  const bySeason = new Map<string, typeof audit>();
  for (const a of audit) bySeason.set(a.season_id, [...(bySeason.get(a.season_id) ?? []), a]);
  const builtIn = new Set<string>();

  for (const { id, version } of seasons) {
    const stored = await readLegacySeason(legacy, id);
    const files = seasonFolderFiles(stored.season, stored.rulebookYaml, { decisions: stored.decisions });
    const manifest = manifestOf(files);
    for (const [, text] of files)
      await next
        .insertInto('season_files')
        .values({ hash: hashText(text), text })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
    const entries = bySeason.get(id) ?? [];
    bySeason.delete(id);
    if (entries.some((a) => a.who === 'first start')) builtIn.add(id);
    // One revision per version: the last audit entry of a version speaks for it (versions are unique
    // under the old optimistic check; any other entry is kept in that revision's summary).
    const lastOf = new Map<number, (typeof entries)[number]>();
    const extra: typeof entries = [];
    for (const a of entries) {
      const seen = lastOf.get(a.version);
      if (seen) extra.push(seen);
      lastOf.set(a.version, a);
    }
    const current = lastOf.get(version);
    lastOf.delete(version);
    let parent: number | null = null;
    for (const [v, a] of [...lastOf].sort(([x], [y]) => x - y)) {
      if (v > version) {
        extra.push(a);
        continue;
      }
      await next.insertInto('season_revisions').values(legacyRevision(a, parent)).execute();
      parent = v;
    }
    // Nobody edited a season since its first-start import: it stays refreshable from data/.
    const untouched = current?.who === 'first start';
    await next
      .insertInto('season_revisions')
      .values({
        season_id: id,
        version,
        parent_version: parent,
        at: current?.at ?? now.toISOString(),
        author: current?.who ?? 'migration',
        action: current?.action ?? 'migrate',
        reason: current?.reason ?? 'the season as stored before revisions were kept',
        origin: untouched ? 'built-in' : 'migration',
        manifest: JSON.stringify(manifest),
        summary: JSON.stringify({
          migrated: true,
          files: Object.keys(manifest),
          ...(current
            ? {
                subject: current.subject,
                before: parseJson(current.before),
                after: parseJson(current.after),
                auditId: current.id,
              }
            : {}),
          ...(extra.length ? { alsoLogged: extra.map((a) => legacyRevision(a, null)) } : {}),
        }),
        source_hash: untouched ? contentHash(manifest) : null,
      })
      .execute();
  }
  // Audit entries of seasons no longer stored are kept too.
  for (const entries of bySeason.values()) {
    let parent: number | null = null;
    for (const version of [...new Set(entries.map((a) => a.version))].sort((x, y) => x - y)) {
      const [first, ...more] = entries.filter((a) => a.version === version);
      const row = legacyRevision(first!, parent);
      const summary = more.length
        ? { ...(JSON.parse(row.summary) as object), alsoLogged: more.map((a) => legacyRevision(a, null)) }
        : undefined;
      await next
        .insertInto('season_revisions')
        .values(summary ? { ...row, summary: JSON.stringify(summary) } : row)
        .execute();
      parent = version;
    }
  }

  for (const table of [
    'classification_rows',
    'classifications',
    'awards',
    'adjustments',
    'published',
    'entries',
    'drivers',
    'teams',
    'sessions',
    'events',
    'audit',
  ])
    await db.schema.dropTable(table).execute();
  for (const column of ['classes', 'notes', 'rulebook_yaml', 'rulebook_json', 'rulebook_id', 'imported_at'])
    await db.schema.alterTable('seasons').dropColumn(column).execute();
  await db.schema
    .alterTable('seasons')
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const id of builtIn)
    await next.updateTable('seasons').set({ built_in: 1 }).where('id', '=', id).execute();
}
