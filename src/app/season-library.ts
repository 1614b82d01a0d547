/**
 * Reading seasons: resolving a season argument (the database, else the built-in files, else a
 * folder path), loading a version through the one loader (`loadSeasonFiles`) into a bounded LRU
 * keyed by season id and version, and everything computed per version (standings, explanations,
 * reconciliation, derived documents), cached the same way. Failures are never cached, so unknown
 * seasons, championships or competitors do not grow memory.
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
import { loadSeasonFiles, readSeasonFolder, REVISION_FILE } from '../formats/season-folder.js';
import { ParseCache } from '../formats/parse-cache.js';
import { contentHash, manifestOf } from '../store/content-hash.js';
import type { SeasonRow, SeriesRow, Store } from '../store/store.js';
import { fail } from './common.js';
import type { PaddockOptions, SeasonSummary, SeasonVersion, StandingsQuery } from './common.js';
import type { SeasonSource } from './sources.js';

/** Bytes of derived values kept by default (serialised documents and pages, by their length). */
const DERIVED_BYTES = 256 * 1024 * 1024;

/**
 * About how many bytes a derived value holds: a body's bytes (and its gzip form, made later, about
 * a tenth more), a string's characters; other values (view models) are counted as 1 KB.
 */
function bytesOf(value: unknown): number {
  if (typeof value === 'string') return Math.max(1, value.length * 2);
  const bytes = (value as { bytes?: unknown } | null)?.bytes;
  if (bytes instanceof Uint8Array) return Math.max(1, Math.ceil(bytes.byteLength * 1.1));
  return 1024;
}

export class SeasonLibrary {
  readonly #seasons: LRUCache<string, SeasonVersion>;
  readonly #loading = new Map<string, Promise<Result<SeasonVersion>>>();
  readonly #standings: LRUCache<string, SeasonStandings>;
  readonly #derived: LRUCache<string, { value: unknown }>;
  /** Files parsed before, so a version after a change re-parses only the files it changed. */
  readonly parsed: ParseCache;
  #rows: { readonly rows: readonly SeasonRow[]; readonly at: number } | undefined;
  /** Counts standings computations, so tests can tell that a cached request recomputed nothing. */
  computations = 0;
  /** Counts seasons loaded from files, for the same reason. */
  loads = 0;

  constructor(
    readonly store: Store | undefined,
    private readonly options: PaddockOptions,
  ) {
    this.#seasons = new LRUCache({ max: options.cacheSize?.seasons ?? 32 });
    this.#standings = new LRUCache({ max: options.cacheSize?.standings ?? 256 });
    // Bounded by bytes too: a version's standings document is 545 KB, and the server makes one for
    // every change (afterChange), read or not.
    this.#derived = new LRUCache({
      max: options.cacheSize?.derived ?? 2000,
      maxSize: options.cacheSize?.derivedBytes ?? DERIVED_BYTES,
      sizeCalculation: (entry) => bytesOf(entry.value),
    });
    this.parsed = new ParseCache(resolvePreset, options.cacheSize?.parsedChars);
  }

  /** How many entries each cache holds (tests check they stay bounded). */
  get cacheSizes(): { seasons: number; standings: number; derived: number } {
    return { seasons: this.#seasons.size, standings: this.#standings.size, derived: this.#derived.size };
  }

  /** Keeps a version just stored (its files already loaded), so the next read costs nothing. */
  remember(sv: SeasonVersion): void {
    this.#seasons.set(sv.key, sv);
  }

  async seasonRows(): Promise<readonly SeasonRow[]> {
    if (!this.store) return [];
    const now = performance.now();
    const trust = this.options.versionCheckMs ?? 0;
    if (this.#rows && now - this.#rows.at < trust) return this.#rows.rows;
    const rows = await this.store.listSeasons();
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

  async unknownSeason(arg: string): Promise<{ ok: false; issues: Issue[] }> {
    // Each season by its shortest name (an alias when it has one), and runs of yearly seasons of
    // one series as a span, so the built-in Formula One history reads "f1-1950 ... f1-2026".
    const shortest = (names: readonly string[]) =>
      [...names].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
    const known = [
      ...new Set([
        ...(await this.seasonRows()).map((r) => shortest([r.id, ...r.aliases])),
        ...(this.options.builtIns === false ? [] : listBuiltIns().map((s) => shortest([s.id, ...s.aliases]))),
      ]),
    ].sort();
    const spans: string[] = [];
    for (let i = 0; i < known.length;) {
      const m = /^(.*-)(\d{4})$/.exec(known[i]!);
      let j = i + 1;
      while (m && j < known.length && known[j] === `${m[1]}${Number(m[2]) + (j - i)}`) j++;
      if (j - i <= 2) j = i + 1;
      spans.push(j - i > 2 ? `${known[i]} ... ${known[j - 1]}` : known[i]!);
      i = j;
    }
    const shown =
      spans.length > 24 ? [...spans.slice(0, 24), `... (${known.length} in all: paddock seasons)`] : spans;
    return fail(
      'season.unknown',
      ['season'],
      `no season "${arg}"${this.store ? ` in ${this.store.where}` : ''}`,
      this.options.folders
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
    const folders = this.options.folders ?? false;
    if (folders && /[/\\]|^\./.test(arg) && isSeasonFolder(arg))
      return { ok: true, value: this.folderSource(arg) };
    const row = await this.findStoredSeason(arg);
    if (row)
      return {
        ok: true,
        value: { kind: 'database', where: this.store!.where, seasonId: row.id, version: row.version },
      };
    if (this.options.builtIns !== false) {
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
      const revision = await this.store!.findRevision(source.seasonId, source.version);
      if (!revision)
        return fail('revision.unknown', ['version'], `${source.seasonId} has no revision ${source.version}`);
      if (!revision.manifest)
        return fail(
          'revision.not-kept',
          ['version'],
          `revision ${source.version} of ${source.seasonId} was recorded before Paddock kept the files of every revision; only its history entry remains`,
        );
      const files = await this.store!.readFiles(revision.manifest);
      this.loads++;
      const loaded = await loadSeasonFiles(files, { resolvePreset, cache: this.parsed });
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
    const loaded = await loadSeasonFiles(files, { resolvePreset, origin: source.dir, cache: this.parsed });
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
    if (this.options.builtIns === false) return stored;
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
    return this.store ? this.store.listSeries() : [];
  }

  async findSeries(id: string): Promise<SeriesRow | undefined> {
    return this.store?.findSeries(id);
  }
}
