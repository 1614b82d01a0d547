/**
 * Seasons between folders and the database: importing a folder as a new season or a new revision
 * (refused when the season was changed in the database since the folder was exported, unless
 * forced), exporting exactly a revision's files, and keeping the built-in seasons (data/seasons)
 * up to date by the hash of their files.
 */
import type { Issue, Result } from '../engine/index.js';
import { listSeasons as listBuiltIns, resolvePreset } from '../formats/catalog.js';
import type { SeasonListing } from '../formats/catalog.js';
import { FolderInUseError, replaceFolder } from '../formats/replace-folder.js';
import { loadSeasonFiles, readSeasonFolder, REVISION_FILE } from '../formats/season-folder.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import { contentHash, manifestOf } from '../store/content-hash.js';
import type { Store } from '../store/store.js';
import { conflict, fail, noDatabase, OUTSIDE } from './common.js';
import type { BuiltInRefresh, Change, FolderImport, SeasonVersion } from './common.js';
import { readRevisionMarker, revisionMarkerText } from './folder-files.js';
import type { SeasonChanges } from './season-changes.js';
import type { SeasonLibrary } from './season-library.js';

export class FolderTransfer {
  constructor(
    private readonly library: SeasonLibrary,
    private readonly changes: SeasonChanges,
    private readonly store: Store | undefined,
    private readonly now: (change?: Change) => Date,
  ) {}

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
    if (!this.store) return noDatabase('import');
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
    if (!this.store) return noDatabase('import');
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
    const store = this.store!;
    const id = loaded.season.id;
    this.library.forgetVersions();
    const row = (await this.library.seasonRows()).find((r) => r.id === id);
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
      this.library.forgetVersions();
      if (!saved.ok) return { ok: false, issues: [conflict(id)] };
      return result({ version: saved.version, created: true });
    }
    const current = await this.library.open(id);
    if (!current.ok) return current;
    const diff = this.changes.compare(current.value, {
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
    const saved = await this.changes.commit(
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
    const sv = await this.library.open(arg);
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
    try {
      await replaceFolder(dir, 'season', files);
    } catch (e) {
      if (e instanceof FolderInUseError) return { ok: false, issues: [e.issue] };
      throw e;
    }
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
    const store = this.store;
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
      if (done.value.version !== undefined) (row ? refreshed : imported).push(listing.id);
    }
    this.library.forgetVersions();
    return { imported, refreshed, diverged, issues };
  }
}
