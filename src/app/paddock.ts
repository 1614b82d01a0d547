/**
 * The application layer: the one path by which the CLI and the server read and change seasons.
 *
 * Reading: `open(arg, { version })` resolves a season argument (the database, else the built-in
 * files, else a folder path) and loads that version through the one loader (`loadSeasonFiles`),
 * kept in a bounded LRU keyed by season id and version; `standings`, `explain` and `reconcile`
 * are computed per version and cached the same way (failures are never cached, so unknown
 * championships or competitors do not grow memory).
 *
 * Changing: every write builds the season's new file map (touching only the files it changes),
 * loads it through the same loader (so it is validated exactly as a folder is), and stores it as
 * a new revision that only succeeds while the season is still at the version it was read at.
 * Nothing is ever half-written and nothing is lost: history, diff and revert read the revisions.
 */
import { LRUCache } from 'lru-cache';
import { computeStandings, explain, reconcile } from '../engine/index.js';
import type { Explanation, Finding, Issue, Result, SeasonStandings } from '../engine/index.js';
import {
  findBuiltInSeason,
  isSeasonFolder,
  listSeasons as listBuiltIns,
  resolvePreset,
} from '../formats/catalog.js';
import type { SeasonListing } from '../formats/catalog.js';
import { replaceFolder } from '../formats/replace-folder.js';
import { loadSeasonFiles, readSeasonFolder, REVISION_FILE } from '../formats/season-folder.js';
import type { ImportPlan } from '../importers/results/plan-import.js';
import type { LoadedSeason, SeasonFiles } from '../formats/season-folder.js';
import { contentHash, manifestOf } from '../store/content-hash.js';
import type { Manifest } from '../store/content-hash.js';
import type { OpenOptions } from '../store/connect.js';
import { openStore } from '../store/store.js';
import type { RevisionRow, SeasonRow, SeriesRow, Store } from '../store/store.js';
import { addUser, findLogin, logIn, logOut } from './accounts.js';
import type { Login, Role } from './accounts.js';
import { readRevisionMarker, revisionMarkerText, writeChangedFiles } from './folder-files.js';
import { compareManifests, diffSeasons } from './season-diff.js';
import type { SeasonDiff } from './season-diff.js';
import { applyEdit } from './season-edits.js';
import type { SeasonEdit } from './season-edits.js';
import { editedFiles } from './edited-files.js';
import type { SeasonSource } from './sources.js';

/** Who changes a season, why, from where, and from which version. */
export interface Change {
  readonly author: string;
  readonly reason: string;
  /** Where the change came from: editor (the site's forms), cli, api, folder, built-in. */
  readonly origin: string;
  readonly at?: Date;
  /** The version the change was made from; refused (season.conflict) when the season moved on. */
  readonly expectedVersion?: number;
}

/** One version of a season, loaded. */
export interface SeasonVersion {
  /** The cache key: `db:<id>@<version>`, or `files:<content hash>` for files on disk. */
  readonly key: string;
  readonly source: SeasonSource;
  /** The database revision; undefined for files on disk. */
  readonly version: number | undefined;
  readonly loaded: LoadedSeason;
  readonly manifest: Manifest;
}

export interface StandingsQuery {
  readonly championship?: string;
  readonly afterRace?: number;
}

/** A season in a listing: from the database (with its version) or only in the built-in files. */
export interface SeasonSummary {
  readonly id: string;
  readonly name: string;
  readonly year: number | undefined;
  readonly seriesId: string | undefined;
  readonly aliases: readonly string[];
  readonly version: number | undefined;
  readonly source: 'database' | 'built-in';
}

export interface History {
  readonly season: SeasonRow;
  /** Newest first. */
  readonly revisions: readonly RevisionRow[];
}

export interface FolderImport {
  readonly seasonId: string;
  /** The new version; undefined for a dry run or when nothing changed. */
  readonly version: number | undefined;
  /** The version before; undefined when the season is new. */
  readonly previous: number | undefined;
  readonly diff: SeasonDiff | undefined;
  readonly created: boolean;
  readonly unchanged: boolean;
  readonly loaded: LoadedSeason;
}

export interface BuiltInRefresh {
  readonly imported: readonly string[];
  readonly refreshed: readonly string[];
  /** Built-in seasons whose data/ files changed but that were edited in the database since. */
  readonly diverged: readonly { readonly id: string; readonly message: string }[];
  readonly issues: readonly Issue[];
}

export interface PaddockOptions {
  /** The database; without one, seasons are read from files only. */
  readonly store?: Store;
  /** Read built-in seasons (data/seasons) the database does not hold. Default true. */
  readonly builtIns?: boolean;
  /** Accept the path of a season folder as a season argument (the CLI; never the server). */
  readonly folders?: boolean;
  /**
   * How long a read of the seasons' versions is trusted, in ms. 0 (the default) reads them on
   * every call; the server trusts them briefly (its own writes clear them at once), so changes
   * made by another process show within that time.
   */
  readonly versionCheckMs?: number;
  /** Bounds of the caches (entries). */
  readonly cacheSize?: { readonly seasons?: number; readonly standings?: number; readonly derived?: number };
  readonly now?: () => Date;
}

/** Revisions made from files outside the database (a folder the import checks against). */
const OUTSIDE = new Set(['folder', 'built-in', 'migration']);

const fail = (
  code: string,
  path: (string | number)[],
  message: string,
  hint?: string,
): { ok: false; issues: Issue[] } => ({
  ok: false,
  issues: [hint === undefined ? { code, path, message } : { code, path, message, hint }],
});

const conflict = (id: string): Issue => ({
  code: 'season.conflict',
  path: ['season'],
  message: `season ${id} was changed by someone else meanwhile`,
  hint: 'Reload the page and make the change again.',
});

const noDatabase = (what: string) =>
  fail(
    'database.none',
    [],
    `${what} needs a database`,
    'Give --db <file|postgres-url>, set DATABASE_URL, or run where paddock.db is.',
  );

export class Paddock {
  readonly #store: Store | undefined;
  readonly #options: PaddockOptions;
  readonly #seasons: LRUCache<string, SeasonVersion>;
  readonly #loading = new Map<string, Promise<Result<SeasonVersion>>>();
  readonly #standings: LRUCache<string, SeasonStandings>;
  readonly #derived: LRUCache<string, { value: unknown }>;
  #rows: { readonly rows: readonly SeasonRow[]; readonly at: number } | undefined;
  /** Counts standings computations, so tests can tell that a cached request recomputed nothing. */
  computations = 0;
  /** Counts seasons loaded from files, for the same reason. */
  loads = 0;

  constructor(options: PaddockOptions = {}) {
    this.#store = options.store;
    this.#options = options;
    this.#seasons = new LRUCache({ max: options.cacheSize?.seasons ?? 32 });
    this.#standings = new LRUCache({ max: options.cacheSize?.standings ?? 256 });
    this.#derived = new LRUCache({ max: options.cacheSize?.derived ?? 2000 });
  }

  /** Opens the database (when given) and the app over it. */
  static async open(
    database: OpenOptions | undefined,
    options: Omit<PaddockOptions, 'store'> = {},
  ): Promise<Paddock> {
    return new Paddock({ ...options, ...(database ? { store: await openStore(database) } : {}) });
  }

  /** Where the database is ("paddock.db", "postgres://host/db"), or undefined without one. */
  get where(): string | undefined {
    return this.#store?.where;
  }

  /** How many entries each cache holds (tests check they stay bounded). */
  get cacheSizes(): { seasons: number; standings: number; derived: number } {
    return { seasons: this.#seasons.size, standings: this.#standings.size, derived: this.#derived.size };
  }

  async close(): Promise<void> {
    await this.#store?.close();
  }

  private now(change?: Change): Date {
    return change?.at ?? this.#options.now?.() ?? new Date();
  }

  // ---- finding seasons ---------------------------------------------------------------------

  private async seasonRows(): Promise<readonly SeasonRow[]> {
    if (!this.#store) return [];
    const now = performance.now();
    const trust = this.#options.versionCheckMs ?? 0;
    if (this.#rows && now - this.#rows.at < trust) return this.#rows.rows;
    const rows = await this.#store.listSeasons();
    this.#rows = { rows, at: now };
    return rows;
  }

  /** Forgets the seasons' versions read from the database (after a change made elsewhere). */
  forgetVersions(): void {
    this.#rows = undefined;
  }

  /** The stored season with this id or alias, or undefined. */
  async findStoredSeason(idOrAlias: string): Promise<SeasonRow | undefined> {
    const rows = await this.seasonRows();
    return rows.find((r) => r.id === idOrAlias) ?? rows.find((r) => r.aliases.includes(idOrAlias));
  }

  private async unknownSeason(arg: string): Promise<{ ok: false; issues: Issue[] }> {
    const known = [
      ...new Set([
        ...(await this.seasonRows()).flatMap((r) => [r.id, ...r.aliases]),
        ...(this.#options.builtIns === false ? [] : listBuiltIns().flatMap((s) => [s.id, ...s.aliases])),
      ]),
    ].sort();
    const shown =
      known.length > 24 ? [...known.slice(0, 24), `... (${known.length} in all: paddock seasons)`] : known;
    return fail(
      'season.unknown',
      ['season'],
      `no season "${arg}"${this.#store ? ` in ${this.#store.where}` : ''}`,
      this.#options.folders
        ? `Give a season folder, or one of: ${shown.join(', ')}.`
        : `Seasons: ${shown.join(', ')}.`,
    );
  }

  /**
   * Where a season argument points: a stored season (id or alias), else a built-in season, else
   * (when folders are allowed) a season folder. A path (with a slash, or starting with a dot) is
   * taken as a folder first.
   */
  async resolve(arg: string): Promise<Result<SeasonSource>> {
    const folders = this.#options.folders ?? false;
    if (folders && /[/\\]|^\./.test(arg) && isSeasonFolder(arg))
      return { ok: true, value: this.folderSource(arg) };
    const row = await this.findStoredSeason(arg);
    if (row)
      return {
        ok: true,
        value: { kind: 'database', where: this.#store!.where, seasonId: row.id, version: row.version },
      };
    if (this.#options.builtIns !== false) {
      const listing = findBuiltInSeason(arg);
      if (listing) return { ok: true, value: { kind: 'built-in', dir: listing.dir, seasonId: listing.id } };
    }
    if (folders && isSeasonFolder(arg)) return { ok: true, value: this.folderSource(arg) };
    return this.unknownSeason(arg);
  }

  private folderSource(dir: string): SeasonSource {
    return { kind: 'folder', dir };
  }

  /** A season at its current version (or at `version`, from the database), loaded and cached. */
  async open(arg: string, options: { readonly version?: number } = {}): Promise<Result<SeasonVersion>> {
    const source = await this.resolve(arg);
    if (!source.ok) return source;
    const s = source.value;
    if (s.kind !== 'database') {
      if (options.version !== undefined)
        return fail(
          'revision.no-history',
          ['version'],
          `${arg} is read from files, which have no revisions`,
          'Import it into the database first: paddock import <folder>.',
        );
      return this.openFiles(s);
    }
    const version = options.version ?? s.version;
    if (version > s.version || version < 1)
      return fail(
        'revision.unknown',
        ['version'],
        `${s.seasonId} has no revision ${version}`,
        `Its revisions are 1 to ${s.version}.`,
      );
    return this.openStored({ ...s, version });
  }

  private async openStored(
    source: Extract<SeasonSource, { kind: 'database' }>,
  ): Promise<Result<SeasonVersion>> {
    const key = `db:${source.seasonId}@${source.version}`;
    const hit = this.#seasons.get(key);
    if (hit) return { ok: true, value: hit };
    // Requests for the same version while it loads share one load.
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const load = (async (): Promise<Result<SeasonVersion>> => {
      const revision = await this.#store!.findRevision(source.seasonId, source.version);
      if (!revision)
        return fail('revision.unknown', ['version'], `${source.seasonId} has no revision ${source.version}`);
      if (!revision.manifest)
        return fail(
          'revision.not-kept',
          ['version'],
          `revision ${source.version} of ${source.seasonId} was recorded before Paddock kept the files of every revision; only its history entry remains`,
        );
      const files = await this.#store!.readFiles(revision.manifest);
      this.loads++;
      const loaded = await loadSeasonFiles(files, { resolvePreset });
      if (!loaded.ok) return loaded;
      const value: SeasonVersion = {
        key,
        source,
        version: source.version,
        loaded: loaded.value,
        manifest: revision.manifest,
      };
      this.#seasons.set(key, value);
      return { ok: true, value };
    })();
    this.#loading.set(key, load);
    try {
      return await load;
    } finally {
      this.#loading.delete(key);
    }
  }

  private async openFiles(
    source: Exclude<SeasonSource, { kind: 'database' }>,
  ): Promise<Result<SeasonVersion>> {
    const read = await readSeasonFolder(source.dir);
    if (!read.ok) return read;
    const files = read.value;
    files.delete(REVISION_FILE);
    const manifest = manifestOf(files);
    const key = `files:${contentHash(manifest)}:${source.dir}`;
    const hit = this.#seasons.get(key);
    if (hit) return { ok: true, value: hit };
    this.loads++;
    const loaded = await loadSeasonFiles(files, { resolvePreset, origin: source.dir });
    if (!loaded.ok) return loaded;
    const value: SeasonVersion = { key, source, version: undefined, loaded: loaded.value, manifest };
    this.#seasons.set(key, value);
    return { ok: true, value };
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Standings of one version for a query, computed once per version (successes only are kept). */
  standings(sv: SeasonVersion, query: StandingsQuery = {}): Result<SeasonStandings> {
    const key = `${sv.key}|${query.championship ?? '*'}@${query.afterRace ?? 'latest'}`;
    const hit = this.#standings.get(key);
    if (hit) return { ok: true, value: hit };
    this.computations++;
    const { season, rulebook } = sv.loaded;
    const result = computeStandings(season, rulebook, {
      ...(query.afterRace === undefined ? {} : { afterRace: query.afterRace }),
      ...(query.championship === undefined ? {} : { championships: [query.championship] }),
    });
    if (result.ok) this.#standings.set(key, result.value);
    return result;
  }

  /** Every point of one competitor (id or name) in the standings of a query. */
  explain(sv: SeasonVersion, competitor: string, query: StandingsQuery = {}): Result<Explanation[]> {
    const standings = this.standings(sv, query);
    if (!standings.ok) return standings;
    const found = explain(standings.value, competitor);
    if (!found.length)
      return fail(
        'competitor.unknown',
        ['competitor'],
        `"${competitor}" is in no championship table of ${sv.loaded.season.id}`,
        'Give a driver or team id from drivers.csv/teams.csv, or the exact name.',
      );
    return { ok: true, value: found };
  }

  /** Published figures against computed ones, made once per version. */
  reconcile(sv: SeasonVersion): Result<readonly Finding[]> {
    const hit = this.findDerived<Result<readonly Finding[]>>(sv, 'reconcile');
    if (hit) return hit;
    const result = reconcile(sv.loaded.season, sv.loaded.rulebook);
    if (result.ok) this.setDerived(sv, 'reconcile', result);
    return result;
  }

  /** A value derived from one version (a serialised document, a rendered page), or undefined. */
  findDerived<T>(sv: SeasonVersion, key: string): T | undefined {
    return this.#derived.get(`${sv.key}|${key}`)?.value as T | undefined;
  }

  /** Keeps a value derived from one version; bounded, so old versions' values fall out. */
  setDerived<T>(sv: SeasonVersion, key: string, value: T): T {
    this.#derived.set(`${sv.key}|${key}`, { value });
    return value;
  }

  /** A value derived from one version, made once: `make` runs only when it is not cached. */
  derived<T>(sv: SeasonVersion, key: string, make: () => T): T {
    const hit = this.#derived.get(`${sv.key}|${key}`);
    return hit ? (hit.value as T) : this.setDerived(sv, key, make());
  }

  /** The seasons in the database, then (for the CLI) the built-in ones it does not hold. */
  async listSeasons(): Promise<SeasonSummary[]> {
    const rows = await this.seasonRows();
    const stored: SeasonSummary[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      year: r.year,
      seriesId: r.seriesId,
      aliases: r.aliases,
      version: r.version,
      source: 'database',
    }));
    if (this.#options.builtIns === false) return stored;
    const have = new Set(rows.map((r) => r.id));
    const files = listBuiltIns()
      .filter((l: SeasonListing) => !have.has(l.id))
      .map((l): SeasonSummary => ({
        id: l.id,
        name: l.name,
        year: undefined,
        seriesId: undefined,
        aliases: l.aliases,
        version: undefined,
        source: 'built-in',
      }));
    return [...stored, ...files];
  }

  async listSeries(): Promise<SeriesRow[]> {
    return this.#store ? this.#store.listSeries() : [];
  }

  async findSeries(id: string): Promise<SeriesRow | undefined> {
    return this.#store?.findSeries(id);
  }

  // ---- changing ----------------------------------------------------------------------------

  /**
   * Stores new files of a season as a revision (database) or writes the changed files (folder),
   * after loading them through the loader: an invalid change is refused with its issues and
   * nothing is written.
   */
  private async commit(
    sv: SeasonVersion,
    files: Map<string, string>,
    change: Change,
    what: {
      readonly action: string;
      readonly summary?: Record<string, unknown>;
      readonly sourceHash?: string;
      readonly builtIn?: boolean;
    },
    preloaded?: LoadedSeason,
  ): Promise<Result<{ version: number | undefined; loaded: LoadedSeason }>> {
    const reason = change.reason.trim();
    if (!reason) return fail('edit.no-reason', ['reason'], 'give the reason for this change');
    if (change.expectedVersion !== undefined && change.expectedVersion !== sv.version)
      return { ok: false, issues: [conflict(sv.loaded.season.id)] };
    files.delete(REVISION_FILE);
    let loaded = preloaded;
    if (!loaded) {
      const origin = sv.source.kind === 'database' ? '' : sv.source.dir;
      const result = await loadSeasonFiles(files, { resolvePreset, origin });
      if (!result.ok) return result;
      loaded = result.value;
    }
    return this.store(sv, files, change, what, reason, loaded);
  }

  private async store(
    sv: SeasonVersion,
    files: Map<string, string>,
    change: Change,
    what: {
      readonly action: string;
      readonly summary?: Record<string, unknown>;
      readonly sourceHash?: string;
      readonly builtIn?: boolean;
    },
    reason: string,
    loaded: LoadedSeason,
  ): Promise<Result<{ version: number | undefined; loaded: LoadedSeason }>> {
    const season = loaded.season;
    if (season.id !== sv.loaded.season.id)
      return fail(
        'season.id-changed',
        ['id'],
        `season.yaml says ${season.id}, but this is ${sv.loaded.season.id}`,
        'A season keeps its id; import a folder with another id as a new season.',
      );
    if (sv.source.kind !== 'database') {
      await writeChangedFiles(sv.source.dir, sv.loaded.files, files);
      return { ok: true, value: { version: undefined, loaded } };
    }
    const manifest = manifestOf(files);
    const saved = await this.#store!.saveRevision({
      season: {
        id: season.id,
        series: season.series,
        name: season.name,
        year: season.year,
        aliases: season.aliases,
      },
      baseVersion: sv.version!,
      files,
      revision: {
        at: this.now(change).toISOString(),
        author: change.author,
        action: what.action,
        reason,
        origin: change.origin,
        summary: { files: compareManifests(sv.manifest, manifest), ...what.summary },
        ...(what.sourceHash === undefined ? {} : { sourceHash: what.sourceHash }),
      },
      ...(what.builtIn === undefined ? {} : { builtIn: what.builtIn }),
    });
    this.forgetVersions();
    if (!saved.ok) return { ok: false, issues: [conflict(season.id)] };
    // The new version is loaded already: keep it, so the next read costs nothing.
    const key = `db:${season.id}@${saved.version}`;
    this.#seasons.set(key, {
      key,
      source: { kind: 'database', where: this.#store!.where, seasonId: season.id, version: saved.version },
      version: saved.version,
      loaded,
      manifest,
    });
    return { ok: true, value: { version: saved.version, loaded } };
  }

  /** Applies an edit from the site's forms (or an import) as a new revision. */
  async edit(
    arg: string,
    edit: SeasonEdit,
    change: Change,
  ): Promise<Result<{ version: number | undefined }>> {
    const reason = change.reason.trim();
    if (!reason) return fail('edit.no-reason', ['reason'], 'give the reason for this change');
    const sv = await this.open(arg);
    if (!sv.ok) return sv;
    const applied = applyEdit(sv.value.loaded.season, edit, reason);
    if (!applied.ok) return applied;
    const outcome = applied.value;
    const files = editedFiles(sv.value.loaded, outcome, reason);
    const saved = await this.commit(sv.value, files, change, {
      action: outcome.action,
      summary: { subject: outcome.subject, before: outcome.before ?? null, after: outcome.after ?? null },
    });
    return saved.ok ? { ok: true, value: { version: saved.value.version } } : saved;
  }

  /** Replaces the season's rulebook file with new text (which may `extends:` a preset). */
  async changeRulebook(
    arg: string,
    yaml: string,
    change: Change,
  ): Promise<Result<{ version: number | undefined }>> {
    const sv = await this.open(arg);
    if (!sv.ok) return sv;
    const files = new Map(sv.value.loaded.files);
    files.set(sv.value.loaded.rulebookFile, yaml);
    const saved = await this.commit(sv.value, files, change, {
      action: 'rulebook',
      summary: { subject: sv.value.loaded.rulebookFile },
    });
    return saved.ok ? { ok: true, value: { version: saved.value.version } } : saved;
  }

  /** Replaces some files of a season (path -> text; undefined deletes), validated as a whole. */
  async changeFiles(
    arg: string,
    changes: ReadonlyMap<string, string | undefined>,
    change: Change,
    action: string,
  ): Promise<Result<{ version: number | undefined; loaded: LoadedSeason }>> {
    const sv = await this.open(arg);
    if (!sv.ok) return sv;
    const files = new Map(sv.value.loaded.files);
    for (const [path, text] of changes) {
      if (text === undefined) files.delete(path);
      else files.set(path, text);
    }
    return this.commit(sv.value, files, change, {
      action,
      summary: { subject: [...changes.keys()].join(', ') },
    });
  }

  /**
   * Writes a planned import of one session's results (importers' planResultsImport, planned with
   * this version's files as its `folder`) into the season: the files the plan writes (the results,
   * their state, fastest-lap awards, and the identities it confirmed in mappings.yaml, so the next
   * import remembers them), as one revision or one folder write.
   */
  async importSessionResults(
    sv: SeasonVersion,
    plan: ImportPlan,
    change: Change,
  ): Promise<Result<{ version: number | undefined; changed: boolean }>> {
    if (plan.problemCount)
      throw new Error(`importSessionResults: a plan with problems for ${plan.session.id}`);
    if (!plan.writes.size) return { ok: true, value: { version: sv.version, changed: false } };
    const files = new Map(sv.loaded.files);
    for (const [path, text] of plan.writes) files.set(path, text);
    const saved = await this.commit(sv, files, change, {
      action: 'import-results',
      summary: { subject: plan.session.id, rows: plan.rows.length, state: plan.state ?? null },
    });
    return saved.ok ? { ok: true, value: { version: saved.value.version, changed: true } } : saved;
  }

  // ---- history -----------------------------------------------------------------------------

  /** A stored season's revisions, newest first. */
  async history(arg: string, limit = 1000): Promise<Result<History>> {
    if (!this.#store) return noDatabase('history');
    const row = await this.findStoredSeason(arg);
    if (!row) return this.unknownSeason(arg);
    return { ok: true, value: { season: row, revisions: await this.#store.listRevisions(row.id, limit) } };
  }

  /** What changed from version `from` to version `to` of a stored season. */
  async diff(arg: string, from: number, to: number): Promise<Result<SeasonDiff>> {
    if (!this.#store) return noDatabase('diff');
    const a = await this.open(arg, { version: from });
    if (!a.ok) return a;
    if (a.value.source.kind !== 'database')
      return fail('revision.no-history', ['season'], `${arg} is not in the database`);
    const b = await this.open(a.value.loaded.season.id, { version: to });
    if (!b.ok) return b;
    return { ok: true, value: this.compare(a.value, b.value) };
  }

  private compare(
    a: SeasonVersion,
    b: SeasonVersion | { loaded: LoadedSeason; manifest: Manifest; key: string },
  ): SeasonDiff {
    const before = this.standings(a);
    const after = 'source' in b ? this.standings(b) : computeStandings(b.loaded.season, b.loaded.rulebook);
    return diffSeasons(
      { season: a.loaded.season, manifest: a.manifest, rulebookFile: a.loaded.rulebookFile },
      { season: b.loaded.season, manifest: b.manifest, rulebookFile: b.loaded.rulebookFile },
      before.ok && after.ok ? { before: before.value, after: after.value } : undefined,
    );
  }

  /** Makes an earlier revision's files the season's files again, as a new revision (itself revertible). */
  async revert(
    arg: string,
    version: number,
    change: Change,
  ): Promise<Result<{ version: number; diff: SeasonDiff }>> {
    if (!this.#store) return noDatabase('revert');
    const current = await this.open(arg);
    if (!current.ok) return current;
    if (current.value.source.kind !== 'database')
      return fail('revision.no-history', ['season'], `${arg} is not in the database`);
    const target = await this.open(current.value.loaded.season.id, { version });
    if (!target.ok) return target;
    const diff = this.compare(current.value, target.value);
    if (diff.unchanged)
      return fail(
        'revert.unchanged',
        ['version'],
        `revision ${version} has the same files as the current revision ${current.value.version}`,
      );
    const saved = await this.commit(
      current.value,
      new Map(target.value.loaded.files),
      change,
      { action: 'revert', summary: { subject: `revision ${version}`, revertedTo: version } },
      target.value.loaded,
    );
    return saved.ok ? { ok: true, value: { version: saved.value.version!, diff } } : saved;
  }

  // ---- folders -----------------------------------------------------------------------------

  /**
   * Imports a season folder into the database: a new season, or a new revision of the stored one
   * (with the diff against it). Refused when the season was changed in the database since the
   * folder was exported (paddock-revision.yaml) or, for a folder without that marker, since the
   * season was last imported from files, unless `force`; the replaced revision stays restorable.
   */
  async importFolder(
    dir: string,
    options: { readonly change: Change; readonly force?: boolean; readonly dryRun?: boolean },
  ): Promise<Result<FolderImport>> {
    if (!this.#store) return noDatabase('import');
    const read = await readSeasonFolder(dir);
    if (!read.ok) return read;
    const files = read.value;
    const marker = readRevisionMarker(files);
    files.delete(REVISION_FILE);
    const loaded = await loadSeasonFiles(files, { resolvePreset, origin: dir });
    if (!loaded.ok) return loaded;
    return this.importFiles(files, loaded.value, {
      ...options,
      ...(marker ? { marker } : {}),
      sourceHash: contentHash(manifestOf(files)),
    });
  }

  /** Stores a season already loaded (from its files) in the database, as `importFolder` does. */
  async importSeason(
    loaded: LoadedSeason,
    options: { readonly change: Change; readonly force?: boolean; readonly dryRun?: boolean },
  ): Promise<Result<FolderImport>> {
    if (!this.#store) return noDatabase('import');
    const files = new Map(loaded.files);
    files.delete(REVISION_FILE);
    return this.importFiles(files, loaded, { ...options, sourceHash: contentHash(manifestOf(files)) });
  }

  private async importFiles(
    files: Map<string, string>,
    loaded: LoadedSeason,
    options: {
      readonly change: Change;
      readonly force?: boolean;
      readonly dryRun?: boolean;
      readonly marker?: { readonly season: string; readonly revision: number };
      readonly sourceHash: string;
      readonly builtIn?: boolean;
    },
  ): Promise<Result<FolderImport>> {
    const store = this.#store!;
    const id = loaded.season.id;
    this.forgetVersions();
    const row = (await this.seasonRows()).find((r) => r.id === id);
    const result = (r: Partial<FolderImport>): Result<FolderImport> => ({
      ok: true,
      value: {
        seasonId: id,
        version: undefined,
        previous: row?.version,
        diff: undefined,
        created: false,
        unchanged: false,
        loaded,
        ...r,
      },
    });
    if (!row) {
      if (options.dryRun) return result({ created: true });
      const saved = await store.saveRevision({
        season: {
          id,
          series: loaded.season.series,
          name: loaded.season.name,
          year: loaded.season.year,
          aliases: loaded.season.aliases,
        },
        baseVersion: 0,
        files,
        revision: {
          at: this.now(options.change).toISOString(),
          author: options.change.author,
          action: 'import',
          reason: options.change.reason,
          origin: options.change.origin,
          summary: { files: { added: Object.keys(manifestOf(files)), removed: [], changed: [] } },
          sourceHash: options.sourceHash,
        },
        ...(options.builtIn === undefined ? {} : { builtIn: options.builtIn }),
      });
      this.forgetVersions();
      if (!saved.ok) return { ok: false, issues: [conflict(id)] };
      return result({ version: saved.version, created: true });
    }
    const current = await this.open(id);
    if (!current.ok) return current;
    const diff = this.compare(current.value, {
      loaded,
      manifest: manifestOf(files),
      key: `import:${options.sourceHash}`,
    });
    if (diff.unchanged) return result({ diff, unchanged: true, version: undefined });
    const base =
      options.marker && options.marker.season === id
        ? options.marker.revision
        : (await store.listRevisions(id)).find((r) => OUTSIDE.has(r.origin))?.version;
    if (base !== row.version && !options.force) {
      const latest = await store.getRevision(id, row.version);
      return fail(
        'import.stale',
        ['season'],
        `${id} was changed in the database since ${options.marker ? `revision ${base} was exported to this folder` : base === undefined ? 'it was created' : `it was last imported from files (revision ${base})`}: revision ${row.version} by ${latest.author} (${latest.action}: ${latest.reason})`,
        'Export it again (paddock export <season> <folder> --format folder --db) and make the change there, or import with --force: the current revision stays restorable with paddock revert.',
      );
    }
    if (options.dryRun) return result({ diff });
    const saved = await this.commit(
      current.value,
      files,
      options.change,
      {
        action: options.builtIn ? 'refresh' : 'import',
        summary: {
          subject: id,
          ...(base !== row.version ? { forced: true, replaced: row.version } : {}),
          ...(options.marker ? { exportedFrom: options.marker.revision } : {}),
        },
        sourceHash: options.sourceHash,
        ...(options.builtIn === undefined ? {} : { builtIn: options.builtIn }),
      },
      loaded,
    );
    if (!saved.ok) return saved;
    return result({ version: saved.value.version, diff });
  }

  /**
   * Writes a season as a folder: exactly its files, plus paddock-revision.yaml when it came from
   * the database (so importing the folder back knows which revision it holds).
   */
  async exportFolder(arg: string, dir: string): Promise<Result<SeasonVersion>> {
    const sv = await this.open(arg);
    if (!sv.ok) return sv;
    const files = new Map(sv.value.loaded.files);
    if (sv.value.source.kind === 'database')
      files.set(
        REVISION_FILE,
        revisionMarkerText(
          { season: sv.value.loaded.season.id, revision: sv.value.version! },
          sv.value.source.where,
        ),
      );
    await replaceFolder(dir, files);
    return sv;
  }

  /**
   * Brings the database's built-in seasons up to date with data/seasons: imports the missing ones,
   * refreshes those whose files changed while nobody edited them in the database, and reports the
   * ones edited in the database since (diverged). Files are only hashed when nothing changed.
   */
  async refreshBuiltIns(
    change: Omit<Change, 'reason' | 'origin'> = { author: 'built-in' },
    library: readonly SeasonListing[] = listBuiltIns(),
  ): Promise<BuiltInRefresh> {
    const store = this.#store;
    if (!store) return { imported: [], refreshed: [], diverged: [], issues: [] };
    const imported: string[] = [];
    const refreshed: string[] = [];
    const diverged: { id: string; message: string }[] = [];
    const issues: Issue[] = [];
    const rows = new Map((await store.listSeasons()).map((r) => [r.id, r]));
    const current = new Map((await store.listBuiltInRevisions()).map((x) => [x.season.id, x.revision]));
    for (const listing of library) {
      const row = rows.get(listing.id);
      if (row && !row.builtIn) continue; // Imported by someone from a folder: theirs to manage.
      const read = await readSeasonFolder(listing.dir);
      if (!read.ok) {
        issues.push(...read.issues);
        continue;
      }
      const files = read.value;
      files.delete(REVISION_FILE);
      const hash = contentHash(manifestOf(files));
      const revision = current.get(listing.id);
      if (revision?.manifest && contentHash(revision.manifest) === hash) continue;
      if (revision && revision.origin !== 'built-in') {
        const last = await store.findLatestRevisionFrom(listing.id, 'built-in');
        if (last?.sourceHash !== hash)
          diverged.push({
            id: listing.id,
            message: `built-in season ${listing.id} changed in ${listing.dir} but was edited in the database since (revision ${revision.version} by ${revision.author}): not refreshed; \`paddock import ${listing.dir} --force\` takes the files`,
          });
        continue;
      }
      const loaded = await loadSeasonFiles(files, { resolvePreset, origin: listing.dir });
      if (!loaded.ok) {
        issues.push(...loaded.issues);
        continue;
      }
      const done = await this.importFiles(files, loaded.value, {
        change: {
          ...change,
          reason: row ? `the files in ${listing.dir} changed` : 'built-in season',
          origin: 'built-in',
        },
        force: true,
        sourceHash: hash,
        builtIn: true,
      });
      // Another server starting on the same database did it first: nothing to do.
      if (!done.ok) {
        if (!done.issues.some((i) => i.code === 'season.conflict')) issues.push(...done.issues);
        continue;
      }
      (row ? refreshed : imported).push(listing.id);
    }
    this.forgetVersions();
    return { imported, refreshed, diverged, issues };
  }

  // ---- accounts ----------------------------------------------------------------------------

  async addUser(
    email: string,
    role: string,
    password: string,
    at?: Date,
  ): Promise<Result<{ email: string; role: Role }>> {
    if (!this.#store) return noDatabase('an account');
    return addUser(this.#store, email, role, password, at ?? this.now());
  }

  async logIn(
    email: string,
    password: string,
    at?: Date,
  ): Promise<{ token: string; login: Login } | undefined> {
    return this.#store && logIn(this.#store, email, password, at ?? this.now());
  }

  async findLogin(token: string | undefined, at?: Date): Promise<Login | undefined> {
    return token && this.#store ? findLogin(this.#store, token, at ?? this.now()) : undefined;
  }

  async logOut(token: string): Promise<void> {
    if (this.#store) await logOut(this.#store, token);
  }
}

export type { SeasonFiles };
