/** Types and issue makers shared by the application layer's modules (see paddock.ts). */
import type { Issue } from '../engine/index.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import type { Manifest } from '../store/content-hash.js';
import type { RevisionRow, SeasonRow, Store } from '../store/store.js';
import type { SeasonDiff } from './season-diff.js';
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
  /**
   * The Idempotency-Key of the request making the change (src/app/idempotency.ts): its answer,
   * `{ season, version }`, is kept in the same transaction as the revision, so a retry after a
   * crash between the two still gets the first answer and the change is applied once.
   */
  readonly requestKey?: { readonly email: string; readonly key: string; readonly fingerprint: string };
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
  readonly cacheSize?: {
    readonly seasons?: number;
    readonly standings?: number;
    readonly derived?: number;
    /** Bytes of derived values (serialised documents and pages, by their length). */
    readonly derivedBytes?: number;
    /** Characters of file text whose parses are kept (src/formats/parse-cache.ts). */
    readonly parsedChars?: number;
  };
  readonly now?: () => Date;
  /**
   * Called with each new version this process stores, once the change has answered (on the next
   * turn of the event loop): the server makes the new version's standings there, so the first
   * read after an edit finds them made. Its failures are ignored (the read then reports them).
   */
  readonly afterChange?: (sv: SeasonVersion) => void;
}

/** Revisions made from files outside the database (a folder the import checks against). */
export const OUTSIDE = new Set(['folder', 'built-in', 'migration']);

export const fail = (
  code: string,
  path: (string | number)[],
  message: string,
  hint?: string,
): { ok: false; issues: Issue[] } => ({
  ok: false,
  issues: [hint === undefined ? { code, path, message } : { code, path, message, hint }],
});

export const conflict = (id: string): Issue => ({
  code: 'season.conflict',
  path: ['season'],
  message: `season ${id} was changed by someone else meanwhile`,
  hint: 'Reload the page and make the change again.',
});

export const noDatabase = (what: string) =>
  fail(
    'database.none',
    [],
    `${what} needs a database`,
    'Give --db <file|postgres-url>, set DATABASE_URL, or run where paddock.db is.',
  );
