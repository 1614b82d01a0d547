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
import type { Explanation, Finding, Result, SeasonStandings } from '../engine/index.js';
import { findBuiltInSeason } from '../formats/catalog.js';
import type { SeasonListing } from '../formats/catalog.js';
import type { LoadedSeason, SeasonFiles } from '../formats/season-folder.js';
import type { ImportPlan, PlanInput } from '../importers/results/plan-import.js';
import type { OpenOptions } from '../store/connect.js';
import type { SeriesRow, SeasonRow, Store } from '../store/store.js';
import {
  addUser,
  createApiToken,
  findAccount,
  findLogin,
  findTokenLogin,
  listApiTokens,
  listSeriesRoles,
  logIn,
  logOut,
  revokeApiToken,
  setDisplayName,
  setSeriesRole,
} from './accounts.js';
import type { ApiToken, Login, Role, SeriesRole } from './accounts.js';
import { clearLoginFailures, loginWait, recordLoginFailure } from './login-throttle.js';
import { beginIdempotent } from './idempotency.js';
import type { Idempotency, RequestKey } from './idempotency.js';
import { noDatabase } from './common.js';
import type {
  BuiltInRefresh,
  Change,
  FolderImport,
  History,
  PaddockOptions,
  SeasonSummary,
  SeasonVersion,
  StandingsQuery,
} from './common.js';
import { FolderTransfer } from './folder-transfer.js';
import type { SeasonDiff } from './season-diff.js';
import { SeasonChanges } from './season-changes.js';
import type { SeasonEdit } from './season-edits.js';
import { SeasonLibrary } from './season-library.js';
import { conflict, fail } from './common.js';
import { applySetupChange, makeNewSeason } from './season-setup.js';
import type { NewSeasonInput, SetupChange } from './season-setup.js';
import type { SeasonSource } from './sources.js';

export type {
  BuiltInRefresh,
  Change,
  FolderImport,
  History,
  PaddockOptions,
  SeasonSummary,
  SeasonVersion,
  StandingsQuery,
} from './common.js';
export type { SeasonFiles };

/**
 * The app: one object the CLI and the server hold, over an optional database. Its methods are
 * those of its three parts: reading (SeasonLibrary), changing (SeasonChanges) and moving seasons
 * between folders and the database (FolderTransfer), plus accounts.
 */
export class Paddock {
  readonly #store: Store | undefined;
  readonly #options: PaddockOptions;
  readonly #library: SeasonLibrary;
  readonly #changes: SeasonChanges;
  readonly #transfer: FolderTransfer;
  /** The Idempotency-Keys this process is answering now (src/app/idempotency.ts). */
  readonly #inFlight = new Set<string>();

  constructor(options: PaddockOptions = {}) {
    this.#store = options.store;
    this.#options = options;
    const now = (change?: Change) => change?.at ?? this.#options.now?.() ?? new Date();
    this.#library = new SeasonLibrary(options.store, options);
    this.#changes = new SeasonChanges(this.#library, options.store, now, options.afterChange);
    this.#transfer = new FolderTransfer(this.#library, this.#changes, options.store, now);
  }

  /** Opens the database (when given) and the app over it. */
  static async open(
    database: OpenOptions | undefined,
    options: Omit<PaddockOptions, 'store'> = {},
  ): Promise<Paddock> {
    if (!database) return new Paddock(options);
    // The store (and the query builder under it) loads only when there is a database.
    const { openStore } = await import('../store/store.js');
    return new Paddock({ ...options, store: await openStore(database) });
  }

  /** Where the database is ("paddock.db", "postgres://host/db"), or undefined without one. */
  get where(): string | undefined {
    return this.#store?.where;
  }

  async close(): Promise<void> {
    await this.#store?.close();
  }

  // ---- reading (season-library.ts) ----------------------------------------------------------

  /** Counts standings computations, so tests can tell that a cached request recomputed nothing. */
  get computations(): number {
    return this.#library.computations;
  }

  /** Counts seasons loaded from files, for the same reason. */
  get loads(): number {
    return this.#library.loads;
  }

  /** Counts files parsed (not kept from an earlier load), so tests can tell what an edit re-parsed. */
  get parses(): number {
    return this.#library.parsed.parses;
  }

  /** How many entries each cache holds (tests check they stay bounded). */
  get cacheSizes(): { seasons: number; standings: number; derived: number } {
    return this.#library.cacheSizes;
  }

  /** Forgets the seasons' versions read from the database (after a change made elsewhere). */
  forgetVersions(): void {
    this.#library.forgetVersions();
  }

  /** The stored season with this id or alias, or undefined. */
  findStoredSeason(idOrAlias: string): Promise<SeasonRow | undefined> {
    return this.#library.findStoredSeason(idOrAlias);
  }

  /** Where a season argument points: the database, else the built-in files, else a folder. */
  resolve(arg: string): Promise<Result<SeasonSource>> {
    return this.#library.resolve(arg);
  }

  /** A season at its current version (or at `version`, from the database), loaded and cached. */
  open(arg: string, options: { readonly version?: number } = {}): Promise<Result<SeasonVersion>> {
    return this.#library.open(arg, options);
  }

  /** Standings of one version for a query, computed once per version (successes only are kept). */
  standings(sv: SeasonVersion, query: StandingsQuery = {}): Result<SeasonStandings> {
    return this.#library.standings(sv, query);
  }

  /** Every point of one competitor (id or name) in the standings of a query. */
  explain(sv: SeasonVersion, competitor: string, query: StandingsQuery = {}): Result<Explanation[]> {
    return this.#library.explain(sv, competitor, query);
  }

  /** Published figures against computed ones, made once per version. */
  reconcile(sv: SeasonVersion): Result<readonly Finding[]> {
    return this.#library.reconcile(sv);
  }

  /** A value derived from one version (a serialised document, a rendered page), or undefined. */
  findDerived<T>(sv: SeasonVersion, key: string): T | undefined {
    return this.#library.findDerived<T>(sv, key);
  }

  /** Keeps a value derived from one version; bounded, so old versions' values fall out. */
  setDerived<T>(sv: SeasonVersion, key: string, value: T): T {
    return this.#library.setDerived(sv, key, value);
  }

  /** A value derived from one version, made once: `make` runs only when it is not cached. */
  derived<T>(sv: SeasonVersion, key: string, make: () => T): T {
    return this.#library.derived(sv, key, make);
  }

  /** The seasons in the database, then (for the CLI) the built-in ones it does not hold. */
  listSeasons(): Promise<SeasonSummary[]> {
    return this.#library.listSeasons();
  }

  listSeries(): Promise<SeriesRow[]> {
    return this.#library.listSeries();
  }

  findSeries(id: string): Promise<SeriesRow | undefined> {
    return this.#library.findSeries(id);
  }

  // ---- changing (season-changes.ts) ---------------------------------------------------------

  /** Applies an edit from the site's forms as a new revision. */
  edit(arg: string, edit: SeasonEdit, change: Change): Promise<Result<{ version: number | undefined }>> {
    return this.#changes.edit(arg, edit, change);
  }

  /** Replaces the season's rulebook file with new text (which may `extends:` a preset). */
  changeRulebook(
    arg: string,
    yaml: string,
    change: Change,
  ): Promise<Result<{ version: number | undefined }>> {
    return this.#changes.changeRulebook(arg, yaml, change);
  }

  /** Replaces some files of a season (path -> text; undefined deletes), validated as a whole. */
  changeFiles(
    arg: string,
    changes: ReadonlyMap<string, string | undefined>,
    change: Change,
    action: string,
  ): Promise<Result<{ version: number | undefined; loaded: LoadedSeason }>> {
    return this.#changes.changeFiles(arg, changes, change, action);
  }

  /** Plans a results import into one version (its files and confirmed identities); writes nothing. */
  planResults(sv: SeasonVersion, input: ResultsInput): Promise<ImportPlan> {
    return this.#changes.planResults(sv, input);
  }

  /** Writes a planned results import as one revision (or one folder write). */
  importSessionResults(
    sv: SeasonVersion,
    plan: ImportPlan,
    change: Change,
  ): Promise<Result<{ version: number | undefined; changed: boolean }>> {
    return this.#changes.importSessionResults(sv, plan, change);
  }

  /** What a planned import would make of the season (loaded, and its diff), writing nothing. */
  previewImport(
    sv: SeasonVersion,
    plan: ImportPlan,
  ): Promise<Result<{ loaded: LoadedSeason; diff: SeasonDiff }>> {
    return this.#changes.previewImport(sv, plan);
  }

  /** A stored season's revisions, newest first. */
  history(arg: string, limit = 1000): Promise<Result<History>> {
    return this.#changes.history(arg, limit);
  }

  /** What changed from version `from` to version `to` of a stored season. */
  diff(arg: string, from: number, to: number): Promise<Result<SeasonDiff>> {
    return this.#changes.diff(arg, from, to);
  }

  /** Makes an earlier revision's files current again, as a new revision (itself revertible). */
  revert(
    arg: string,
    version: number,
    change: Change,
  ): Promise<Result<{ version: number; diff: SeasonDiff }>> {
    return this.#changes.revert(arg, version, change);
  }

  // ---- setting a season up (season-setup.ts) ------------------------------------------------

  /**
   * Creates a season in the database from the organiser's choices (series, year, preset or
   * template, classes): its first revision, loaded and checked as any folder is. Refused when a
   * season with that id exists (in the database or built in).
   */
  async createSeason(
    input: NewSeasonInput,
    change: Change,
  ): Promise<Result<{ id: string; version: number }>> {
    if (!this.#store) return noDatabase('creating a season');
    if (!change.reason.trim()) return fail('edit.no-reason', ['reason'], 'give the reason for this change');
    const made = await makeNewSeason(input);
    if (!made.ok) return made;
    const { id } = made.value;
    if ((await this.#store.findSeason(id)) !== undefined || findBuiltInSeason(id) !== undefined)
      return fail(
        'setup.season-exists',
        ['id'],
        `a season "${id}" exists already`,
        'Give the new season another id, or open the existing one.',
      );
    const saved = await this.#transfer.importSeason(made.value.loaded, { change });
    if (!saved.ok) return saved;
    return { ok: true, value: { id, version: saved.value.version! } };
  }

  /**
   * One change to a season's setup (a class, an event with its sessions, a driver, a team, an
   * entry, a mid-season change of an entry, a pasted entry list) as a new revision, made from the
   * current version (`change.expectedVersion`, when given, must be it).
   */
  async changeSetup(
    arg: string,
    setup: SetupChange,
    change: Change,
  ): Promise<Result<{ version: number | undefined; subject: string }>> {
    if (!change.reason.trim()) return fail('edit.no-reason', ['reason'], 'give the reason for this change');
    const sv = await this.#library.open(arg);
    if (!sv.ok) return sv;
    if (change.expectedVersion !== undefined && change.expectedVersion !== sv.value.version)
      return { ok: false, issues: [conflict(sv.value.loaded.season.id)] };
    const applied = applySetupChange(sv.value.loaded, setup);
    if (!applied.ok) return applied;
    const files = new Map(sv.value.loaded.files);
    for (const [path, text] of applied.value.files) files.set(path, text);
    const saved = await this.#changes.commit(
      sv.value,
      files,
      sv.value.version === undefined ? change : { ...change, expectedVersion: sv.value.version },
      { action: applied.value.action, summary: { subject: applied.value.subject } },
    );
    return saved.ok
      ? { ok: true, value: { version: saved.value.version, subject: applied.value.subject } }
      : saved;
  }

  // ---- folders (folder-transfer.ts) ---------------------------------------------------------

  /** Imports a season folder into the database (see FolderTransfer.importFolder). */
  importFolder(
    dir: string,
    options: { readonly change: Change; readonly force?: boolean; readonly dryRun?: boolean },
  ): Promise<Result<FolderImport>> {
    return this.#transfer.importFolder(dir, options);
  }

  /** Stores a season already loaded (from its files) in the database, as `importFolder` does. */
  importSeason(
    loaded: LoadedSeason,
    options: { readonly change: Change; readonly force?: boolean; readonly dryRun?: boolean },
  ): Promise<Result<FolderImport>> {
    return this.#transfer.importSeason(loaded, options);
  }

  /** Writes a season as a folder: its files, plus paddock-revision.yaml from the database. */
  exportFolder(arg: string, dir: string): Promise<Result<SeasonVersion>> {
    return this.#transfer.exportFolder(arg, dir);
  }

  /** Brings the built-in seasons up to date with data/seasons (see FolderTransfer.refreshBuiltIns). */
  refreshBuiltIns(
    change?: Omit<Change, 'reason' | 'origin'>,
    library?: readonly SeasonListing[],
  ): Promise<BuiltInRefresh> {
    return this.#transfer.refreshBuiltIns(change, library);
  }

  // ---- accounts ----------------------------------------------------------------------------

  /** Creates an account (or resets its password): admin, or a role in `series` (default: every series). */
  async addUser(
    email: string,
    role: string,
    password: string,
    at?: Date,
    series?: readonly string[],
  ): Promise<Result<{ email: string; role: Role; series: readonly string[] }>> {
    if (!this.#store) return noDatabase('an account');
    return addUser(this.#store, email, role, password, at ?? this.#now(), series);
  }

  /** Sets (or, with '', clears) the name an account's changes are shown under. */
  async setDisplayName(
    email: string,
    name: string,
  ): Promise<Result<{ email: string; displayName: string | undefined }>> {
    if (!this.#store) return noDatabase('an account');
    return setDisplayName(this.#store, email, name);
  }

  /** The display names of those of the given accounts that have one (none without a database). */
  async displayNames(emails: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.#store ? this.#store.displayNames(emails) : new Map();
  }

  /** Gives an account a role in a series ('*': every series), or takes it away ('none'). */
  async setSeriesRole(
    email: string,
    seriesId: string,
    role: string,
  ): Promise<Result<{ email: string; series: string; role: SeriesRole | 'none' }>> {
    if (!this.#store) return noDatabase('a role');
    return setSeriesRole(this.#store, email, seriesId, role);
  }

  /** The account an e-mail address or a display name names (exactly one), or issues on `path`. */
  async findAccount(given: string, path?: string): Promise<Result<string>> {
    if (!this.#store) return noDatabase('an account');
    return findAccount(this.#store, given, path);
  }

  /** The accounts with a role in a series (or in every series). */
  async listSeriesRoles(seriesId: string): Promise<{ email: string; series: string; role: SeriesRole }[]> {
    return this.#store ? listSeriesRoles(this.#store, seriesId) : [];
  }

  /** Creates an API token (its text is returned once; only its hash is kept). */
  async createApiToken(
    email: string,
    scope: {
      readonly name: string;
      readonly series?: string | undefined;
      readonly role?: string | undefined;
    },
    at?: Date,
  ): Promise<Result<{ token: string; info: ApiToken }>> {
    if (!this.#store) return noDatabase('an API token');
    return createApiToken(this.#store, email, scope, at ?? this.#now());
  }

  async listApiTokens(email?: string): Promise<ApiToken[]> {
    return this.#store ? listApiTokens(this.#store, email) : [];
  }

  /** Revokes a token (only one of `email`'s, when given). */
  async revokeApiToken(id: string, email?: string, at?: Date): Promise<Result<{ id: string }>> {
    if (!this.#store) return noDatabase('an API token');
    return revokeApiToken(this.#store, id, at ?? this.#now(), email);
  }

  /** The login an API token (Authorization: Bearer) stands for, or undefined. */
  async findTokenLogin(token: string | undefined): Promise<Login | undefined> {
    return token && this.#store ? findTokenLogin(this.#store, token) : undefined;
  }

  /** How long (ms) a login attempt counted against `keys` must still wait (src/app/login-throttle.ts). */
  async loginWait(keys: readonly string[], at?: Date): Promise<number> {
    return this.#store ? loginWait(this.#store, keys, at ?? this.#now()) : 0;
  }

  async recordLoginFailure(keys: readonly string[], at?: Date): Promise<void> {
    if (this.#store) await recordLoginFailure(this.#store, keys, at ?? this.#now());
  }

  async clearLoginFailures(email: string): Promise<void> {
    if (this.#store) await clearLoginFailures(this.#store, email);
  }

  /** Looks up a write request's Idempotency-Key (src/app/idempotency.ts). */
  async idempotent(request: RequestKey, at?: Date): Promise<Idempotency> {
    if (!this.#store) return { kind: 'first', finish: (answer) => Promise.resolve(answer) };
    return beginIdempotent(this.#store, this.#inFlight, request, at ?? this.#now());
  }

  async logIn(
    email: string,
    password: string,
    at?: Date,
  ): Promise<{ token: string; login: Login } | undefined> {
    return this.#store && logIn(this.#store, email, password, at ?? this.#now());
  }

  async findLogin(token: string | undefined, at?: Date): Promise<Login | undefined> {
    return token && this.#store ? findLogin(this.#store, token, at ?? this.#now()) : undefined;
  }

  async logOut(token: string): Promise<void> {
    if (this.#store) await logOut(this.#store, token);
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

/** What `planResults` needs besides the season version it plans against. */
export type ResultsInput = Omit<PlanInput, 'season' | 'folder' | 'resolvePreset' | 'mappings'>;
