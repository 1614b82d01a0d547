/**
 * Changing seasons: every write builds the season's new file map (touching only the files it
 * changes), loads it through the same loader a folder goes through (so it is validated exactly as
 * a folder is), and stores it as a new revision that only succeeds while the season is still at
 * the version it was read at (or, for a folder, writes only the changed files). Nothing is ever
 * half-written and nothing is lost: history, diff and revert read the revisions.
 */
import { computeStandings } from '../engine/index.js';
import type { Issue, Result } from '../engine/index.js';
import { resolvePreset } from '../formats/catalog.js';
import { loadSeasonFiles, REVISION_FILE } from '../formats/season-folder.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import type { ImportPlan, PlanInput } from '../importers/results/plan-import.js';
import { manifestOf } from '../store/content-hash.js';
import type { Manifest } from '../store/content-hash.js';
import type { Store } from '../store/store.js';
import { conflict, fail, noDatabase } from './common.js';
import type { Change, History, SeasonVersion } from './common.js';
import { editedFiles } from './edited-files.js';
import { writeChangedFiles } from './folder-files.js';
import { compareManifests, diffSeasons } from './season-diff.js';
import type { SeasonDiff } from './season-diff.js';
import { applyEdit } from './season-edits.js';
import type { SeasonEdit } from './season-edits.js';
import type { SeasonLibrary } from './season-library.js';

/** What a change records besides who and why. */
export interface ChangeRecord {
  readonly action: string;
  readonly summary?: Record<string, unknown>;
  readonly sourceHash?: string;
  readonly builtIn?: boolean;
}

export class SeasonChanges {
  /** Plans checked by loading exactly the files they write onto one version's files. */
  readonly #checked = new WeakMap<ImportPlan, string>();

  constructor(
    private readonly library: SeasonLibrary,
    private readonly store: Store | undefined,
    private readonly now: (change?: Change) => Date,
    private readonly afterChange?: (sv: SeasonVersion) => void,
  ) {}

  /**
   * Stores new files of a season as a revision (database) or writes the changed files (folder),
   * after loading them through the loader (or taking `preloaded`, loaded from exactly these
   * files): an invalid change is refused with its issues and nothing is written.
   */
  async commit(
    sv: SeasonVersion,
    files: Map<string, string>,
    change: Change,
    what: ChangeRecord,
    preloaded?: LoadedSeason,
  ): Promise<Result<{ version: number | undefined; loaded: LoadedSeason }>> {
    const refused = this.refuse(sv, change);
    if (refused) return refused;
    files.delete(REVISION_FILE);
    let loaded = preloaded;
    if (!loaded) {
      const origin = sv.source.kind === 'database' ? '' : sv.source.dir;
      // A season in the database is changed without files: its problems keep the season's words.
      const wording = sv.source.kind === 'database' ? 'season' : 'files';
      const result = await loadSeasonFiles(files, {
        resolvePreset,
        origin,
        wording,
        cache: this.library.parsed,
      });
      if (!result.ok) return result;
      loaded = result.value;
    }
    const season = loaded.season;
    if (season.id !== sv.loaded.season.id)
      return fail(
        'season.id-changed',
        ['id'],
        `season.yaml says ${season.id}, but this is ${sv.loaded.season.id}`,
        'A season keeps its id; import a folder with another id as a new season.',
      );
    const saved = await this.persist(sv, files, change, what, loaded);
    return saved.ok ? { ok: true, value: { version: saved.value.version, loaded } } : saved;
  }

  /** A change without a reason, or made from a version the season has moved on from. */
  private refuse(sv: SeasonVersion, change: Change): { ok: false; issues: Issue[] } | undefined {
    if (!change.reason.trim()) return fail('edit.no-reason', ['reason'], 'give the reason for this change');
    if (change.expectedVersion !== undefined && change.expectedVersion !== sv.version)
      return { ok: false, issues: [conflict(sv.loaded.season.id)] };
    return undefined;
  }

  /**
   * Writes checked files: a new revision with optimistic concurrency, or the changed files of a
   * folder. `loaded` (the new files, loaded) also gives the season row's name, year and aliases
   * and is kept as the new version; without it (files that leave season.yaml as it was) the
   * season row is written from the version the change was made from.
   */
  private async persist(
    sv: SeasonVersion,
    files: Map<string, string>,
    change: Change,
    what: ChangeRecord,
    loaded: LoadedSeason | undefined,
  ): Promise<Result<{ version: number | undefined }>> {
    if (sv.source.kind !== 'database') {
      await writeChangedFiles(sv.source.dir, sv.loaded.files, files);
      return { ok: true, value: { version: undefined } };
    }
    const season = (loaded ?? sv.loaded).season;
    const manifest = manifestOf(files);
    const saved = await this.store!.saveRevision({
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
        reason: change.reason.trim(),
        origin: change.origin,
        summary: { files: compareManifests(sv.manifest, manifest), ...what.summary },
        ...(what.sourceHash === undefined ? {} : { sourceHash: what.sourceHash }),
      },
      ...(what.builtIn === undefined ? {} : { builtIn: what.builtIn }),
      ...(change.requestKey === undefined ? {} : { requestKey: change.requestKey }),
    });
    this.library.forgetVersions();
    if (!saved.ok) return { ok: false, issues: [conflict(season.id)] };
    // The new version is loaded already: keep it, so the next read costs nothing.
    if (loaded) {
      const next: SeasonVersion = {
        key: `db:${season.id}@${saved.version}`,
        source: { kind: 'database', where: this.store!.where, seasonId: season.id, version: saved.version },
        version: saved.version,
        loaded,
        manifest,
      };
      this.library.remember(next);
      const after = this.afterChange;
      if (after)
        setImmediate(() => {
          try {
            after(next);
          } catch {
            // Warming only: the first read makes what this could not, and reports why.
          }
        });
    }
    return { ok: true, value: { version: saved.version } };
  }

  /** Applies an edit from the site's forms (or an import) as a new revision. */
  async edit(
    arg: string,
    edit: SeasonEdit,
    change: Change,
  ): Promise<Result<{ version: number | undefined }>> {
    const reason = change.reason.trim();
    if (!reason) return fail('edit.no-reason', ['reason'], 'give the reason for this change');
    const sv = await this.library.open(arg);
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
    const sv = await this.library.open(arg);
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
    const sv = await this.library.open(arg);
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
   * Plans a results import into one version (importers' planResultsImport): matched with the
   * version's confirmed identities (mappings.yaml), and checked by loading the version's files with
   * the plan's writes in place, exactly the files `importSessionResults` then stores. Writes nothing.
   */
  async planResults(
    sv: SeasonVersion,
    input: Omit<PlanInput, 'season' | 'folder' | 'resolvePreset' | 'mappings'>,
  ): Promise<ImportPlan> {
    // The importers (every results format's parser) load only when results are imported.
    const { planResultsImport } = await import('../importers/results/plan-import.js');
    const plan = await planResultsImport({
      ...input,
      season: sv.loaded.season,
      folder: sv.loaded,
      resolvePreset,
      mappings: sv.loaded.mappings,
    });
    this.#checked.set(plan, sv.key);
    return plan;
  }

  /**
   * Writes a planned import of one session's results into the version it was planned against: the
   * files the plan writes (the results, their state, fastest-lap awards, and the identities it
   * confirmed in mappings.yaml, so the next import remembers them), as one revision or one folder
   * write. A plan from `planResults` on this version was checked on exactly these files and is not
   * loaded again (a 100,000-row file is parsed once); any other plan is.
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
    const what = {
      action: 'import-results',
      summary: { subject: plan.session.id, rows: plan.rows.length, state: plan.state ?? null },
    };
    const checked = this.#checked.get(plan) === sv.key && !plan.writes.has('season.yaml');
    if (!checked) {
      const saved = await this.commit(sv, files, change, what);
      return saved.ok ? { ok: true, value: { version: saved.value.version, changed: true } } : saved;
    }
    const refused = this.refuse(sv, change);
    if (refused) return refused;
    const saved = await this.persist(sv, files, change, what, undefined);
    return saved.ok ? { ok: true, value: { version: saved.value.version, changed: true } } : saved;
  }

  /**
   * What a planned import would make of the season, without writing it: the version's files with
   * the plan's writes in place, loaded through the loader, and the diff from the version (results,
   * awards, every competitor whose points or position would change). For the upload form's preview.
   */
  async previewImport(
    sv: SeasonVersion,
    plan: ImportPlan,
  ): Promise<Result<{ loaded: LoadedSeason; diff: SeasonDiff }>> {
    if (plan.problemCount) throw new Error(`previewImport: a plan with problems for ${plan.session.id}`);
    const files = new Map(sv.loaded.files);
    for (const [path, text] of plan.writes) files.set(path, text);
    files.delete(REVISION_FILE);
    const origin = sv.source.kind === 'database' ? '' : sv.source.dir;
    const wording = sv.source.kind === 'database' ? 'season' : 'files';
    const loaded = await loadSeasonFiles(files, {
      resolvePreset,
      origin,
      wording,
      cache: this.library.parsed,
    });
    if (!loaded.ok) return loaded;
    const next = { loaded: loaded.value, manifest: manifestOf(files), key: `preview:${sv.key}` };
    return { ok: true, value: { loaded: loaded.value, diff: this.compare(sv, next) } };
  }

  /** A stored season's revisions, newest first. */
  async history(arg: string, limit = 1000): Promise<Result<History>> {
    if (!this.store) return noDatabase('history');
    const row = await this.library.findStoredSeason(arg);
    if (!row) return this.library.unknownSeason(arg);
    return { ok: true, value: { season: row, revisions: await this.store.listRevisions(row.id, limit) } };
  }

  /** What changed from version `from` to version `to` of a stored season. */
  async diff(arg: string, from: number, to: number): Promise<Result<SeasonDiff>> {
    if (!this.store) return noDatabase('diff');
    const a = await this.library.open(arg, { version: from });
    if (!a.ok) return a;
    if (a.value.source.kind !== 'database')
      return fail('revision.no-history', ['season'], `${arg} is not in the database`);
    const b = await this.library.open(a.value.loaded.season.id, { version: to });
    if (!b.ok) return b;
    return { ok: true, value: this.compare(a.value, b.value) };
  }

  compare(
    a: SeasonVersion,
    b: SeasonVersion | { loaded: LoadedSeason; manifest: Manifest; key: string },
  ): SeasonDiff {
    const before = this.library.standings(a);
    const after =
      'source' in b ? this.library.standings(b) : computeStandings(b.loaded.season, b.loaded.rulebook);
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
    if (!this.store) return noDatabase('revert');
    const current = await this.library.open(arg);
    if (!current.ok) return current;
    if (current.value.source.kind !== 'database')
      return fail('revision.no-history', ['season'], `${arg} is not in the database`);
    const target = await this.library.open(current.value.loaded.season.id, { version });
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
}
