/**
 * The store the server and CLI use: seasons loaded once per version and their standings computed
 * once per (version, championship, after race) and cached; every change is one transaction that
 * bumps the season's version and writes an audit entry with who, when, before, after and reason.
 */
import type { Kysely } from 'kysely';
import { computeStandings, validateRulebook, validateSeason } from '../engine/index.js';
import type { Issue, Result, SeasonStandings } from '../engine/index.js';
import { rulebookToJson } from './codec.js';
import { openDatabase } from './connect.js';
import { parseRulebookText } from './rulebook-text.js';
import type { Db, OpenOptions } from './connect.js';
import type { Database } from './schema.js';
import { applyEdit } from './season-edits.js';
import type { SeasonEdit } from './season-edits.js';
import {
  listStoredSeasons,
  loadStoredSeason,
  unknownSeason,
  writeAdjustments,
  writeAwards,
  writeClassification,
} from './season-store.js';
import type { SeasonSummary, StoredSeason } from './season-store.js';

export interface StandingsQuery {
  readonly championship?: string;
  readonly afterRace?: number;
}

export interface AuditEntry {
  readonly id: number;
  readonly seasonId: string;
  readonly at: string;
  readonly who: string;
  readonly action: string;
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string;
  readonly version: number;
}

interface CachedSeason {
  readonly stored: StoredSeason;
  readonly standings: Map<string, Result<SeasonStandings>>;
  /** Anything a caller derives from one version (serialised JSON, rendered pages). */
  readonly derived: Map<string, unknown>;
}

const conflict = (id: string): Issue => ({
  code: 'season.conflict',
  path: ['season'],
  message: `season ${id} was changed by someone else meanwhile`,
  hint: 'Reload the page and make the change again.',
});

export class Store {
  private readonly cache = new Map<string, CachedSeason>();
  /** Counts standings computations, so tests can tell that a cached request recomputed nothing. */
  computations = 0;

  private lookup: { readonly rows: readonly { id: string; version: number; aliases: readonly string[] }[]; readonly at: number } | undefined;

  /**
   * @param versionCheckMs how long a read of the seasons' versions is trusted. 0 (the default)
   * reads them on every request; the server trusts them briefly (its own writes clear them at
   * once), so writes made by another process show within that time.
   */
  constructor(
    readonly handle: Db,
    readonly versionCheckMs = 0,
  ) {}

  private async versions(): Promise<readonly { id: string; version: number; aliases: readonly string[] }[]> {
    const now = performance.now();
    if (this.lookup && now - this.lookup.at < this.versionCheckMs) return this.lookup.rows;
    const rows = (await this.db.selectFrom('seasons').select(['id', 'version', 'aliases']).execute()).map((r) => ({
      id: r.id,
      version: r.version,
      aliases: JSON.parse(r.aliases) as string[],
    }));
    this.lookup = { rows, at: now };
    return rows;
  }

  /** Forgets what the store knows of versions (after a change made outside `edit`, such as an import). */
  forgetVersions(): void {
    this.lookup = undefined;
  }

  get db(): Kysely<Database> {
    return this.handle.db;
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  listSeasons(): Promise<SeasonSummary[]> {
    return listStoredSeasons(this.db);
  }

  /** The season at its current version, from the cache when nothing changed (one small query). */
  async season(idOrAlias: string): Promise<Result<CachedSeason & { readonly id: string }>> {
    const rows = await this.versions();
    const row = rows.find((r) => r.id === idOrAlias) ?? rows.find((r) => r.aliases.includes(idOrAlias));
    if (!row) return { ok: false, issues: [unknownSeason(idOrAlias)] };
    const hit = this.cache.get(row.id);
    if (hit && hit.stored.version === row.version) return { ok: true, value: { ...hit, id: row.id } };
    const stored = await loadStoredSeason(this.db, row.id);
    if (!stored.ok) return stored;
    const entry: CachedSeason = { stored: stored.value, standings: new Map(), derived: new Map() };
    this.cache.set(row.id, entry);
    return { ok: true, value: { ...entry, id: row.id } };
  }

  /** Standings for a query, computed once per season version. */
  async standings(idOrAlias: string, query: StandingsQuery = {}): Promise<Result<{ standings: SeasonStandings; version: number; seasonId: string }>> {
    const s = await this.season(idOrAlias);
    if (!s.ok) return s;
    const result = this.standingsOf(s.value, query);
    if (!result.ok) return result;
    return { ok: true, value: { standings: result.value, version: s.value.stored.version, seasonId: s.value.id } };
  }

  private standingsOf(s: CachedSeason, query: StandingsQuery): Result<SeasonStandings> {
    const key = `${query.championship ?? '*'}@${query.afterRace ?? 'latest'}`;
    let result = s.standings.get(key);
    if (!result) {
      this.computations++;
      const { season, rulebook } = s.stored;
      result = computeStandings(season, rulebook, {
        ...(query.afterRace === undefined ? {} : { afterRace: query.afterRace }),
        ...(query.championship === undefined ? {} : { championships: [query.championship] }),
      });
      s.standings.set(key, result);
    }
    return result;
  }

  /**
   * A value made from one version's standings (a serialised document, its ETag), made once per
   * version: a request when nothing changed costs one small query and a map lookup.
   */
  async standingsDerived<T>(idOrAlias: string, query: StandingsQuery, key: string, make: (standings: SeasonStandings, stored: StoredSeason) => T): Promise<Result<{ value: T; version: number; seasonId: string }>> {
    const s = await this.season(idOrAlias);
    if (!s.ok) return s;
    const full = `${key}|${query.championship ?? '*'}@${query.afterRace ?? 'latest'}`;
    if (!s.value.derived.has(full)) {
      const result = this.standingsOf(s.value, query);
      if (!result.ok) return result;
      s.value.derived.set(full, make(result.value, s.value.stored));
    }
    return { ok: true, value: { value: s.value.derived.get(full) as T, version: s.value.stored.version, seasonId: s.value.id } };
  }

  /** A value derived from one season version, made once (serialised JSON, ETags). */
  async derived<T>(idOrAlias: string, key: string, make: (s: StoredSeason) => T): Promise<Result<{ value: T; version: number; seasonId: string }>> {
    const s = await this.season(idOrAlias);
    if (!s.ok) return s;
    if (!s.value.derived.has(key)) s.value.derived.set(key, make(s.value.stored));
    return { ok: true, value: { value: s.value.derived.get(key) as T, version: s.value.stored.version, seasonId: s.value.id } };
  }

  /**
   * Applies an edit: validated like a season folder (the engine's validateSeason and
   * validateRulebook), then written in one transaction with its audit entry, or not at all.
   */
  async edit(idOrAlias: string, edit: SeasonEdit, who: string, reason: string, now: Date = new Date()): Promise<Result<{ version: number }>> {
    if (!reason.trim()) return { ok: false, issues: [{ code: 'edit.no-reason', path: ['reason'], message: 'give the reason for this change' }] };
    const loaded = await loadStoredSeason(this.db, idOrAlias);
    if (!loaded.ok) return loaded;
    const { season, rulebook, version } = loaded.value;
    const applied = applyEdit(season, edit, reason.trim());
    if (!applied.ok) return applied;
    const outcome = applied.value;
    const problems = [...validateSeason(outcome.season), ...validateRulebook(rulebook, outcome.season)];
    if (problems.length) return { ok: false, issues: problems };
    const next = version + 1;
    const saved = await this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('seasons')
        .set({ version: next })
        .where('id', '=', season.id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) return false;
      if (outcome.classification !== undefined) {
        const ord = outcome.season.classifications.findIndex((c) => c.sessionId === outcome.classification);
        const c = outcome.season.classifications[ord]!;
        const decision = c.state === 'amended' ? reason.trim() : loaded.value.decisions.get(c.sessionId);
        await writeClassification(trx, season.id, c, ord, c.state === 'amended' ? decision : undefined);
      }
      if (outcome.awards) await writeAwards(trx, outcome.season);
      if (outcome.adjustments) await writeAdjustments(trx, outcome.season);
      await trx
        .insertInto('audit')
        .values({
          season_id: season.id,
          at: now.toISOString(),
          who,
          action: outcome.action,
          subject: outcome.subject,
          before: JSON.stringify(outcome.before ?? null),
          after: JSON.stringify(outcome.after ?? null),
          reason: reason.trim(),
          version: next,
        })
        .execute();
      return true;
    });
    this.lookup = undefined;
    if (!saved) return { ok: false, issues: [conflict(season.id)] };
    this.cache.delete(season.id);
    return { ok: true, value: { version: next } };
  }

  /**
   * Replaces a season's rulebook with new YAML text (which may `extends:` a built-in preset),
   * validated against the season like a season folder's rulebook, in one audited transaction.
   */
  async changeRulebook(idOrAlias: string, yamlText: string, who: string, reason: string, now: Date = new Date()): Promise<Result<{ version: number }>> {
    if (!reason.trim()) return { ok: false, issues: [{ code: 'edit.no-reason', path: ['reason'], message: 'give the reason for this change' }] };
    const loaded = await loadStoredSeason(this.db, idOrAlias);
    if (!loaded.ok) return loaded;
    const { season, version, rulebookYaml: before } = loaded.value;
    const parsed = await parseRulebookText(yamlText);
    if (!parsed.ok) return parsed;
    const problems = validateRulebook(parsed.value, season);
    if (problems.length) return { ok: false, issues: problems };
    const next = version + 1;
    const saved = await this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('seasons')
        .set({ version: next, rulebook_yaml: yamlText, rulebook_json: rulebookToJson(parsed.value), rulebook_id: parsed.value.id })
        .where('id', '=', season.id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('audit')
        .values({ season_id: season.id, at: now.toISOString(), who, action: 'rulebook', subject: parsed.value.id, before: JSON.stringify(before), after: JSON.stringify(yamlText), reason: reason.trim(), version: next })
        .execute();
      return true;
    });
    this.lookup = undefined;
    if (!saved) return { ok: false, issues: [conflict(season.id)] };
    this.cache.delete(season.id);
    return { ok: true, value: { version: next } };
  }

  /** A season's audit log, newest first. */
  async audit(seasonId: string, limit = 500): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit')
      .selectAll()
      .where('season_id', '=', seasonId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      seasonId: r.season_id,
      at: r.at,
      who: r.who,
      action: r.action,
      subject: r.subject,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
      reason: r.reason,
      version: r.version,
    }));
  }
}

/** Opens the database (migrating it) and wraps it in a Store. */
export async function openStore(options: OpenOptions, versionCheckMs = 0): Promise<Store> {
  return new Store(await openDatabase(options), versionCheckMs);
}
