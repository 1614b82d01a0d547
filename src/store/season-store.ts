/**
 * Seasons in the database: importing a loaded season folder in one transaction, and loading it
 * back as the engine's `Season` and `Rulebook`, equal to what the folder gave.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { parse as parseYamlText } from 'yaml';
import type { Classification, Issue, Result, Rulebook, Season } from '../engine/index.js';
import { compact } from '../formats/compact.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import {
  adjustmentFromColumns,
  adjustmentToColumns,
  awardFromColumns,
  awardToColumns,
  classificationRowFromColumns,
  classificationRowToColumns,
  fractionText,
  json,
  orNull,
  orUndefined,
  parseList,
  readFraction,
  rulebookFromJson,
  rulebookToJson,
} from './codec.js';
import type { Database } from './schema.js';

type Writer = Kysely<Database> | Transaction<Database>;

/** A season and its rulebook as stored, with the stored extras the engine does not model. */
export interface StoredSeason {
  readonly season: Season;
  readonly rulebook: Rulebook;
  readonly rulebookYaml: string;
  readonly version: number;
  /** Decisions that amended results, by session id. */
  readonly decisions: ReadonlyMap<string, string>;
}

const CHUNK = 200;
async function insertAll<T extends keyof Database>(
  trx: Writer,
  table: T,
  rows: readonly Record<string, unknown>[],
) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely's insert types are per table; the rows were built from the same table types.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

/** Reads the rulebook file a loaded season folder names, as text. */
export async function readRulebookYaml(dir: string): Promise<string> {
  const meta = parseYamlText(await readFile(join(dir, 'season.yaml'), 'utf8')) as { rulebook?: unknown };
  const name = typeof meta.rulebook === 'string' ? meta.rulebook : 'rulebook.yaml';
  return readFile(join(dir, name), 'utf8');
}

/** Deletes every row of a season's results, awards and adjustments (inside a transaction). */
export async function deleteSeasonRows(trx: Writer, seasonId: string): Promise<void> {
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
  ] as const) {
    await trx.deleteFrom(table).where('season_id', '=', seasonId).execute();
  }
}

/** Writes one classification (its state row and its result rows), replacing what was there. */
export async function writeClassification(
  trx: Writer,
  seasonId: string,
  c: Classification,
  ord: number,
  decision: string | undefined,
): Promise<void> {
  await trx
    .deleteFrom('classification_rows')
    .where('season_id', '=', seasonId)
    .where('session_id', '=', c.sessionId)
    .execute();
  await trx
    .deleteFrom('classifications')
    .where('season_id', '=', seasonId)
    .where('session_id', '=', c.sessionId)
    .execute();
  await trx
    .insertInto('classifications')
    .values({
      season_id: seasonId,
      session_id: c.sessionId,
      ord,
      state: orNull(c.state),
      decision: orNull(decision),
    })
    .execute();
  await insertAll(
    trx,
    'classification_rows',
    c.rows.map((r, i) => ({
      season_id: seasonId,
      session_id: c.sessionId,
      ord: i,
      ...classificationRowToColumns(r),
    })),
  );
}

/** Replaces every award of the season. */
export async function writeAwards(trx: Writer, season: Season): Promise<void> {
  await trx.deleteFrom('awards').where('season_id', '=', season.id).execute();
  await insertAll(
    trx,
    'awards',
    season.awards.map((a, ord) => ({ season_id: season.id, ord, ...awardToColumns(a) })),
  );
}

/** Replaces every adjustment of the season. */
export async function writeAdjustments(trx: Writer, season: Season): Promise<void> {
  await trx.deleteFrom('adjustments').where('season_id', '=', season.id).execute();
  await insertAll(
    trx,
    'adjustments',
    season.adjustments.map((a, ord) => ({ season_id: season.id, ord, ...adjustmentToColumns(a) })),
  );
}

/** Writes all of a season's rows (the season row must exist and its old rows be gone). */
async function writeSeasonRows(trx: Writer, season: Season): Promise<void> {
  const sid = season.id;
  await insertAll(
    trx,
    'events',
    season.events.map((e, ord) => ({
      season_id: sid,
      id: e.id,
      ord,
      round: e.round,
      name: e.name,
      circuit: e.circuit,
      city: orNull(e.city),
      country: orNull(e.country),
      start_date: orNull(e.start),
      end_date: orNull(e.end),
      tags: json(e.tags),
    })),
  );
  await insertAll(
    trx,
    'sessions',
    season.sessions.map((s, ord) => ({
      season_id: sid,
      id: s.id,
      ord,
      event_id: s.eventId,
      type: s.type,
      name: s.name,
      race: orNull(s.race),
      scheduled_laps: orNull(s.scheduledLaps),
      distance_share: fractionText(s.distanceShare),
      points_factor: fractionText(s.pointsFactor),
      points_scale: orNull(s.pointsScale),
      note: orNull(s.note),
    })),
  );
  for (const [table, people] of [
    ['drivers', season.drivers],
    ['teams', season.teams],
  ] as const) {
    await insertAll(
      trx,
      table,
      people.map((p, ord) => ({
        season_id: sid,
        id: p.id,
        ord,
        name: p.name,
        nationality: orNull(p.nationality),
      })),
    );
  }
  await insertAll(
    trx,
    'entries',
    season.entries.map((e, ord) => ({
      season_id: sid,
      id: e.id,
      ord,
      car: e.car,
      team_id: e.teamId,
      driver_ids: json(e.driverIds),
      class_id: e.classId,
      event_ids: json(e.eventIds),
      eligible: e.eligible ? 1 : 0,
      nominated: e.nominated === undefined ? null : e.nominated ? 1 : 0,
      note: orNull(e.note),
    })),
  );
  for (const [ord, c] of season.classifications.entries())
    await writeClassification(trx, sid, c, ord, undefined);
  await writeAwards(trx, season);
  await writeAdjustments(trx, season);
  await insertAll(
    trx,
    'published',
    season.published.map((p, ord) => ({
      season_id: sid,
      ord,
      championship_id: p.championshipId,
      after_race: p.afterRace,
      competitor_id: p.competitorId,
      position: orNull(p.position),
      points: fractionText(p.points),
      note: orNull(p.note),
    })),
  );
}

export interface ImportOptions {
  /** The rulebook file's text; read from the season folder when absent. */
  readonly rulebookYaml?: string;
  /** Who imported it, for the audit log. */
  readonly who?: string;
  /** The clock, for the audit log. */
  readonly now?: Date;
}

/**
 * Imports (or replaces) a loaded season in one transaction, and records it in the audit log.
 * Returns the season's new version.
 */
export async function importSeason(
  db: Kysely<Database>,
  loaded: Pick<LoadedSeason, 'season' | 'rulebook'> & { readonly dir?: string },
  options: ImportOptions = {},
): Promise<number> {
  const { season, rulebook } = loaded;
  const rulebookYaml =
    options.rulebookYaml ?? (loaded.dir === undefined ? undefined : await readRulebookYaml(loaded.dir));
  if (rulebookYaml === undefined)
    throw new Error(`importSeason(${season.id}): no rulebook text and no folder`);
  const at = (options.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('seasons')
      .select('version')
      .where('id', '=', season.id)
      .executeTakeFirst();
    const series = await trx
      .selectFrom('series')
      .select('id')
      .where('id', '=', season.series.id)
      .executeTakeFirst();
    if (series)
      await trx
        .updateTable('series')
        .set({ name: season.series.name })
        .where('id', '=', season.series.id)
        .execute();
    else await trx.insertInto('series').values({ id: season.series.id, name: season.series.name }).execute();
    const version = (existing?.version ?? 0) + 1;
    const row = {
      series_id: season.series.id,
      name: season.name,
      year: season.year,
      aliases: json(season.aliases),
      classes: json(season.classes),
      notes: json(season.notes),
      rulebook_yaml: rulebookYaml,
      rulebook_json: rulebookToJson(rulebook),
      rulebook_id: rulebook.id,
      version,
      imported_at: at,
    };
    if (existing) {
      await deleteSeasonRows(trx, season.id);
      await trx.updateTable('seasons').set(row).where('id', '=', season.id).execute();
    } else {
      await trx
        .insertInto('seasons')
        .values({ id: season.id, ...row })
        .execute();
    }
    await writeSeasonRows(trx, season);
    await trx
      .insertInto('audit')
      .values({
        season_id: season.id,
        at,
        who: options.who ?? 'import',
        action: existing ? 'reimport' : 'import',
        subject: season.id,
        before: null,
        after: null,
        reason: existing
          ? 'season folder imported again, replacing the stored season'
          : 'season folder imported',
        version,
      })
      .execute();
    return version;
  });
}

export interface SeasonSummary {
  readonly id: string;
  readonly name: string;
  readonly year: number;
  readonly seriesId: string;
  readonly aliases: readonly string[];
  readonly version: number;
}

/** Lists the stored seasons, newest year first. */
export async function listStoredSeasons(db: Kysely<Database>): Promise<SeasonSummary[]> {
  const rows = await db
    .selectFrom('seasons')
    .select(['id', 'name', 'year', 'series_id', 'aliases', 'version'])
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    year: r.year,
    seriesId: r.series_id,
    aliases: parseList(r.aliases),
    version: r.version,
  }));
}

/** The stored season id for an id or alias, or undefined. */
export async function findSeasonId(db: Kysely<Database>, idOrAlias: string): Promise<string | undefined> {
  const seasons = await listStoredSeasons(db);
  return seasons.find((s) => s.id === idOrAlias || s.aliases.includes(idOrAlias))?.id;
}

/** The current version of a season, or undefined when there is no such season. */
export const unknownSeason = (arg: string): Issue => ({
  code: 'season.unknown',
  path: ['season'],
  message: `no season "${arg}" in the database`,
  hint: 'Import it with `paddock import <folder>`.',
});

/** Loads a stored season with everything around it (rulebook text, version, decisions). */
export async function loadStoredSeason(
  db: Kysely<Database>,
  idOrAlias: string,
): Promise<Result<StoredSeason>> {
  const id = await findSeasonId(db, idOrAlias);
  if (id === undefined) return { ok: false, issues: [unknownSeason(idOrAlias)] };
  // One read transaction, so the rows all come from the same version.
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('seasons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const series = await trx
      .selectFrom('series')
      .selectAll()
      .where('id', '=', s.series_id)
      .executeTakeFirstOrThrow();
    const q = () => trx;
    const [events, sessions, drivers, teams, entries, awards, adjustments, published, classifications] =
      await Promise.all([
        q().selectFrom('events').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('sessions').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('drivers').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('teams').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('entries').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('awards').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('adjustments').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('published').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
        q().selectFrom('classifications').selectAll().where('season_id', '=', id).orderBy('ord').execute(),
      ]);
    const resultRows = await trx
      .selectFrom('classification_rows')
      .selectAll()
      .where('season_id', '=', id)
      .orderBy('session_id')
      .orderBy('ord')
      .execute();
    const rowsBySession = new Map<string, typeof resultRows>();
    for (const r of resultRows) {
      const list = rowsBySession.get(r.session_id) ?? [];
      list.push(r);
      rowsBySession.set(r.session_id, list);
    }
    const season: Season = {
      id: s.id,
      name: s.name,
      year: s.year,
      series: { id: series.id, name: series.name },
      aliases: parseList(s.aliases),
      classes: JSON.parse(s.classes) as Season['classes'],
      events: events.map((e) =>
        compact({
          id: e.id,
          round: e.round,
          name: e.name,
          circuit: e.circuit,
          city: orUndefined(e.city),
          country: orUndefined(e.country),
          start: orUndefined(e.start_date),
          end: orUndefined(e.end_date),
          tags: parseList(e.tags),
        }),
      ),
      sessions: sessions.map((x) =>
        compact({
          id: x.id,
          eventId: x.event_id,
          type: x.type,
          name: x.name,
          race: orUndefined(x.race),
          scheduledLaps: orUndefined(x.scheduled_laps),
          distanceShare: readFraction(x.distance_share),
          pointsFactor: readFraction(x.points_factor),
          pointsScale: orUndefined(x.points_scale),
          note: orUndefined(x.note),
        }),
      ),
      drivers: drivers.map((d) =>
        compact({ id: d.id, name: d.name, nationality: orUndefined(d.nationality) }),
      ),
      teams: teams.map((t) => compact({ id: t.id, name: t.name, nationality: orUndefined(t.nationality) })),
      entries: entries.map((e) =>
        compact({
          id: e.id,
          car: e.car,
          teamId: e.team_id,
          driverIds: parseList(e.driver_ids),
          classId: e.class_id,
          eventIds: parseList(e.event_ids),
          eligible: e.eligible === 1,
          nominated: e.nominated === null ? undefined : e.nominated === 1,
          note: orUndefined(e.note),
        }),
      ),
      classifications: classifications.map((c) =>
        compact({
          sessionId: c.session_id,
          rows: (rowsBySession.get(c.session_id) ?? []).map(classificationRowFromColumns),
          state: orUndefined(c.state) as Classification['state'],
        }),
      ),
      awards: awards.map(awardFromColumns),
      adjustments: adjustments.map(adjustmentFromColumns),
      published: published.map((p) =>
        compact({
          championshipId: p.championship_id,
          afterRace: p.after_race,
          competitorId: p.competitor_id,
          position: orUndefined(p.position),
          points: readFraction(p.points),
          note: orUndefined(p.note),
        }),
      ),
      notes: parseList(s.notes),
    };
    const decisions = new Map<string, string>(
      classifications.filter((c) => c.decision !== null).map((c) => [c.session_id, c.decision!] as const),
    );
    return {
      ok: true as const,
      value: {
        season,
        rulebook: rulebookFromJson(s.rulebook_json),
        rulebookYaml: s.rulebook_yaml,
        version: s.version,
        decisions,
      },
    };
  });
}

/** Loads a stored season as the engine's `Season` and `Rulebook`. */
export async function loadSeasonFromStore(
  db: Kysely<Database>,
  idOrAlias: string,
): Promise<Result<{ season: Season; rulebook: Rulebook }>> {
  const stored = await loadStoredSeason(db, idOrAlias);
  if (!stored.ok) return stored;
  return { ok: true, value: { season: stored.value.season, rulebook: stored.value.rulebook } };
}
