/**
 * Importing one session's results into a season folder, in two steps so `--dry-run` and the real
 * run share everything: `planResultsImport` reads the file as a stream, matches and checks each row
 * as it arrives (no writing), and `applyImport` writes the results file, the fastest-lap awards,
 * the file's post-race time penalties (appended to adjustments.yaml) and the confirmed mappings
 * through temporary files renamed into place.
 *
 * Any rejected or unmatched row stops the import before anything is written. Problems are counted
 * without limit but only the first few are kept in full, so a 50 MB file of wrong rows costs
 * neither minutes of suggestions nor a gigabyte of messages. What would be written is read back
 * through the season-folder schemas and checked by the season validation first, so an import can
 * never leave a folder that does not load. Importing the same file twice finds nothing to change.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { fraction, validateSeason } from '../../engine/index.js';
import type {
  Adjustment,
  Award,
  Classification,
  ClassificationRow,
  Entry,
  Issue,
  Penalty,
  ResultState,
  Season,
  Session,
} from '../../engine/index.js';
import { RESULT_STATES_FILE } from '../../formats/result-states.js';
import type { PresetResolver } from '../../formats/rulebook-file.js';
import { loadSeasonFiles, MAPPINGS_FILE } from '../../formats/season-folder.js';
import type { LoadedSeason } from '../../formats/season-folder.js';
import {
  appendAdjustmentText,
  awardsFileText,
  resultsFileName,
  resultsFileText,
  resultStatesFileText,
} from '../../formats/write-season-folder.js';
import type { ByteSource } from './decode.js';
import { RESULT_FORMATS } from './formats/registry.js';
import type { ResultFormat } from './formats/registry.js';
import { lineIssue } from './imported-row.js';
import type { ImportedRow, ParsedResults, ParseOptions, RowSink } from './imported-row.js';
import { classificationRows, createMatcher, identityKey } from './match-entries.js';
import type { EntryMatcher, Mappings } from './match-entries.js';

export { MAPPINGS_FILE };
export const AWARDS_FILE = 'awards.csv';

/** How many problems a plan keeps in full; the rest are counted by code. */
export const MAX_LISTED_PROBLEMS = 50;

export interface ImportPlan {
  readonly session: Session;
  readonly rows: readonly ClassificationRow[];
  readonly previous?: Classification;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  /** The rows equal the season's; `unchanged` also needs the same state and awards. */
  readonly rowsUnchanged: boolean;
  readonly unchanged: boolean;
  /** The first MAX_LISTED_PROBLEMS problems, in the order they were found. */
  readonly issues: readonly Issue[];
  /** Every problem, listed or not: the import writes nothing unless this is 0. */
  readonly problemCount: number;
  /** Problems by code, listed or not. */
  readonly problemCounts: Readonly<Record<string, number>>;
  /**
   * Rows that match no entry: apart from the problems (planImport), or, for a file, the unmatched
   * rows among the listed problems (each is also an `import.unmatched` problem), with the key to
   * confirm and the closest drivers, for a form that asks which driver each one is.
   */
  readonly unmatched: readonly UnmatchedRow[];
  /** Result rows read from the file (accepted or not). */
  readonly rowsRead: number;
  readonly state?: ResultState;
  /** The mappings file after this import (the confirmed assignments added). */
  readonly mappings: Mappings;
  readonly mappingsChanged: boolean;
  /**
   * What a folder import writes: path inside the season folder -> text (results/<session>.csv,
   * awards.csv, result-states.csv, mappings.yaml, only those that change). Checked by loading
   * the folder's files with these in place before the plan is returned.
   */
  readonly writes: ReadonlyMap<string, string>;
  /** The session's fastest-lap awards from the file's lap times (undefined: the file has none). */
  readonly fastestLaps?: readonly Award[];
  /** The session's pole awards from the file's starting grid (undefined: the file gives no grid). */
  readonly poles?: readonly Award[];
  /** The season's awards after the import, when the fastest laps or poles change them. */
  readonly awards?: readonly Award[];
  /**
   * Time penalties the file gives that the season does not have yet (ACC's post-race time
   * penalties), appended to adjustments.yaml as the editor writes a stewards' penalty.
   */
  readonly penalties: readonly TimePenalty[];
}

/** A time penalty of the season's penalty data (adjustments.yaml). */
export type TimePenalty = Extract<Penalty, { kind: 'time-penalty' }>;

/** Finds a session by id ("race-05") or race number ("5"). */
export function findSession(season: Season, arg: string): Session | undefined {
  return season.sessions.find((s) => s.id === arg || (/^\d+$/.test(arg) && s.race === Number(arg)));
}

/**
 * Reads mappings.yaml of a season folder ({} when there is none). The season-folder loader reads it
 * too (LoadedSeason.mappings); this is for callers that hold only the folder's path.
 */
export async function readMappings(
  dir: string,
): Promise<{ ok: true; value: Mappings } | { ok: false; issues: Issue[] }> {
  const file = join(dir, MAPPINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: true, value: {} };
  }
  try {
    const value = parse(text, { maxAliasCount: 0 }) as unknown;
    if (value === null || value === undefined) return { ok: true, value: {} };
    if (
      typeof value !== 'object' ||
      Array.isArray(value) ||
      Object.values(value).some((v) => typeof v !== 'string')
    )
      return {
        ok: false,
        issues: [
          lineIssue(
            file,
            1,
            'mappings.shape',
            'mappings.yaml maps keys to driver ids: `iracing:123456: loek-hartog`',
          ),
        ],
      };
    return { ok: true, value: value as Mappings };
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
    return {
      ok: false,
      issues: [lineIssue(file, line, 'mappings.syntax', `YAML: ${(e as Error).message.split('\n')[0]}`)],
    };
  }
}

const sameRow = (a: ClassificationRow, b: ClassificationRow) => JSON.stringify(a) === JSON.stringify(b);

export interface PlanInput {
  readonly season: Season;
  /**
   * The season folder's files as loaded, for an import into a folder: what the import writes is
   * then checked by loading these files with the new ones in place (the season-folder loader's
   * every check), and the folder's result-state decisions are kept.
   */
  readonly folder?: LoadedSeason;
  /** Finds the presets a rulebook extends (needed with `folder`). */
  readonly resolvePreset?: PresetResolver;
  readonly session: Session;
  readonly format: ResultFormat;
  /** The file's bytes, whole or as a stream of chunks. */
  readonly source: ByteSource;
  /** The file's name, for messages. */
  readonly file: string;
  readonly options?: ParseOptions;
  readonly mappings?: Mappings;
  /** Identities confirmed on this run (`--assign`). */
  readonly assignments?: Mappings;
  /** Provisional or final as the user states it, over what the file says. */
  readonly state?: ResultState;
  readonly maxListed?: number;
}

/** Reads, matches and checks a results file for one session; writes nothing. */
export async function planResultsImport(input: PlanInput): Promise<ImportPlan> {
  const planner = new ImportPlanner(input);
  const outcome = await RESULT_FORMATS[input.format](input.source, input.file, input.options ?? {}, planner);
  return planner.finish(input.state ?? outcome.state);
}

const MAPPINGS_HEADER =
  '# Confirmed identities from imported result files (platform id or name -> driver id).\n';

interface Matched {
  readonly row: ImportedRow;
  readonly entry: Entry;
  readonly by: string;
}

/** A row that matches no entry, with the key to confirm it and the closest drivers. */
export interface UnmatchedRow {
  readonly row: ImportedRow;
  /** The key to confirm with `--assign <key>=<driver-id>`. */
  readonly key: string;
  readonly reason: string;
  /** Closest drivers of the event, as "Name (#car, driver-id)". */
  readonly suggestions: readonly string[];
}

type PlannerInput = Omit<PlanInput, 'format' | 'source' | 'options'> & {
  /** Collects unmatched rows apart instead of reporting them as problems. */
  readonly unmatched?: UnmatchedRow[];
};

/**
 * The plan of rows already read (a live running order): matched, checked by validateSeason and
 * diffed like a file, synchronously. Unmatched rows come apart in `plan.unmatched`, not as problems.
 */
export function planImport(
  season: Season,
  session: Session,
  parsed: ParsedResults,
  mappings: Mappings,
  assignments: Mappings,
  file: string,
): ImportPlan {
  const unmatched: UnmatchedRow[] = [];
  const planner = new ImportPlanner({ season, session, file, mappings, assignments, unmatched });
  for (const i of parsed.issues) planner.issue(i);
  for (const r of parsed.rows) planner.row(r);
  return planner.finishSync(parsed.state);
}

/** Takes rows as a reader finds them; `finish` turns them into a plan. */
class ImportPlanner implements RowSink {
  private readonly listed: Issue[] = [];
  private readonly counts: Record<string, number> = {};
  private problems = 0;
  private rowsRead = 0;
  private readonly matched: Matched[] = [];
  private readonly firstOfEntry = new Map<string, number>();
  private readonly firstOfPosition = new Map<number, number>();
  private readonly matcher: EntryMatcher;
  private readonly max: number;
  /** Unmatched rows that were listed as problems (a file's plan). */
  private readonly unmatchedListed: UnmatchedRow[] = [];

  constructor(private readonly input: PlannerInput) {
    this.max = input.maxListed ?? MAX_LISTED_PROBLEMS;
    const assignments = input.assignments ?? {};
    for (const [key, driver] of Object.entries(assignments))
      if (!input.season.drivers.some((d) => d.id === driver))
        this.issue({
          code: 'assign.unknown-driver',
          path: ['--assign', key],
          message: `--assign ${key}=${driver}: no driver "${driver}" in the season`,
        });
    this.matcher = createMatcher(input.season, input.session.eventId, {
      ...(input.mappings ?? {}),
      ...assignments,
    });
  }

  /** Whether a further problem will be listed in full (else it is only counted). */
  private get listing(): boolean {
    return this.listed.length < this.max;
  }

  issue(issue: Issue): void {
    this.problems++;
    this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1;
    if (this.listing) this.listed.push(issue);
  }

  row(row: ImportedRow): void {
    this.rowsRead++;
    const { file } = this.input;
    const m = this.matcher.match(row);
    if (!m.entry) {
      const key = identityKey(row);
      if (this.input.unmatched) {
        this.input.unmatched.push({ row, key, reason: m.reason, suggestions: this.matcher.suggest(row) });
        return;
      }
      // Suggestions cost an edit distance against every driver: only for problems that are shown.
      if (!this.listing) return this.issue({ code: 'import.unmatched', path: [file, row.line], message: '' });
      const suggestions = this.matcher.suggest(row);
      this.unmatchedListed.push({ row, key, reason: m.reason, suggestions });
      return this.issue({
        code: 'import.unmatched',
        path: [file, row.line],
        message: `no entry for ${row.car === undefined ? '' : `#${row.car} `}${row.drivers.join(' / ') || key}: ${m.reason}`,
        hint: `Closest: ${suggestions.join('; ') || 'none'}. Confirm with --assign "${key}=<driver-id>".`,
        location: { file, line: row.line },
      });
    }
    // Two rows of the file for one entry, or one position twice, are rejected with both lines.
    const other = this.firstOfEntry.get(m.entry.id);
    if (other === undefined) this.firstOfEntry.set(m.entry.id, row.line);
    else
      this.issue(
        lineIssue(
          file,
          row.line,
          'import.duplicate-entry',
          `entry ${m.entry.id} is matched by lines ${other} and ${row.line}`,
        ),
      );
    if (row.position !== undefined) {
      const before = this.firstOfPosition.get(row.position);
      if (before === undefined) this.firstOfPosition.set(row.position, row.line);
      else
        this.issue(
          lineIssue(
            file,
            row.line,
            'import.duplicate-position',
            `position ${row.position} appears on lines ${before} and ${row.line}`,
          ),
        );
    }
    // Once the import has failed, matched rows are no longer needed: only counted.
    if (this.problems === 0) this.matched.push({ row, entry: m.entry, by: m.by });
  }

  /** The plan, checked by loading the folder with its writes in place (or by validateSeason). */
  async finish(state: ResultState | undefined): Promise<ImportPlan> {
    const draft = this.draft(state);
    if (this.problems === 0) await this.check(draft.next, draft.rows, draft.writes);
    return draft.plan();
  }

  /** The plan of rows already read, checked by validateSeason (no folder to load). */
  finishSync(state: ResultState | undefined): ImportPlan {
    if (this.input.folder) throw new Error('finishSync cannot check a folder import: use finish');
    const draft = this.draft(state);
    if (this.problems === 0) this.checkSeason(draft.next, draft.rows);
    return draft.plan();
  }

  /** Everything but the final check: the rows, awards and files to write, and the plan once checked. */
  private draft(state: ResultState | undefined) {
    const { season, session, file } = this.input;
    if (this.rowsRead === 0 && this.problems === 0)
      this.issue(
        lineIssue(
          file,
          1,
          'import.no-rows',
          'the file holds no result rows',
          'Check that it is the right file and format.',
        ),
      );
    // A position is at most the number of cars in the file.
    for (const [position, line] of this.firstOfPosition)
      if (position > this.rowsRead)
        this.issue(
          lineIssue(
            file,
            line,
            'import.position-out-of-range',
            `position ${position} is more than the ${this.rowsRead} rows of the file`,
          ),
        );
    const rows = this.problems === 0 ? classificationRows(this.matched) : [];
    const previous = season.classifications.find((c) => c.sessionId === session.id);
    const fastestLaps = this.problems === 0 ? fastestLapAwards(session.id, this.matched) : undefined;
    const poles = this.problems === 0 ? poleAwards(session.id, this.matched) : undefined;
    const held = (award: Award['award']) =>
      season.awards.filter((a) => a.sessionId === session.id && a.award === award);
    const lapsChanged =
      fastestLaps !== undefined && JSON.stringify(fastestLaps) !== JSON.stringify(held('fastest-lap'));
    const polesChanged = poles !== undefined && JSON.stringify(poles) !== JSON.stringify(held('pole'));
    const awardsChanged = lapsChanged || polesChanged;
    let awards: readonly Award[] | undefined;
    if (polesChanged) awards = replaceAwards(season.awards, session.id, 'pole', poles);
    if (lapsChanged) awards = replaceAwards(awards ?? season.awards, session.id, 'fastest-lap', fastestLaps);

    const before = new Map((previous?.rows ?? []).map((r) => [r.entryId, r]));
    const after = new Map(rows.map((r) => [r.entryId, r]));
    const added = [...after.keys()].filter((id) => !before.has(id));
    const removed = [...before.keys()].filter((id) => !after.has(id));
    const changed = [...after.keys()].filter(
      (id) => before.has(id) && !sameRow(before.get(id)!, after.get(id)!),
    );
    const order = previous !== undefined && previous.rows.every((r, i) => rows[i]?.entryId === r.entryId);
    const assignments = this.input.assignments ?? {};
    const mappings = this.input.mappings ?? {};
    const newMappings: Record<string, string> = { ...mappings };
    let mappingsChanged = false;
    for (const { row, entry, by } of this.matched) {
      if (by !== 'mapping') continue;
      const key = identityKey(row);
      const assigned = Object.hasOwn(assignments, key) ? assignments[key] : undefined;
      if (assigned !== undefined && mappings[key] !== assigned && entry.driverIds.includes(assigned)) {
        newMappings[key] = assigned;
        mappingsChanged = true;
      }
    }
    const rowsUnchanged =
      previous !== undefined && !added.length && !removed.length && !changed.length && order;
    const nextState = state ?? previous?.state;
    const penalties =
      this.problems === 0 ? newTimePenalties(season.adjustments, session.id, this.matched) : [];
    const next: Season = {
      ...season,
      classifications: [
        ...season.classifications.filter((c) => c.sessionId !== session.id),
        { sessionId: session.id, rows, ...(nextState ? { state: nextState } : {}) },
      ],
      ...(awards ? { awards } : {}),
      ...(penalties.length ? { adjustments: [...season.adjustments, ...penalties] } : {}),
    };
    const writes = new Map<string, string>();
    if (this.problems === 0) {
      if (!rowsUnchanged) writes.set(resultsFileName(session.id), resultsFileText(rows));
      if (awards) writes.set(AWARDS_FILE, awardsFileText(awards));
      if (state !== undefined && state !== previous?.state) {
        const text = resultStatesFileText(next.classifications, this.input.folder?.decisions);
        if (text !== undefined) writes.set(RESULT_STATES_FILE, text);
      }
      if (mappingsChanged) writes.set(MAPPINGS_FILE, `${MAPPINGS_HEADER}${stringify(newMappings)}`);
      // Appended as the editor appends a stewards' penalty, the file's comments and order kept.
      // Only into a folder's (or revision's) files: without them there is no text to append to.
      const folderFiles = this.input.folder?.files;
      if (penalties.length && folderFiles) {
        let text = folderFiles.get(ADJUSTMENTS_FILE);
        for (const p of penalties) text = appendAdjustmentText(text, p);
        writes.set(ADJUSTMENTS_FILE, text!);
      }
    }
    const plan = (): ImportPlan => {
      const ok = this.problems === 0;
      return {
        session,
        rows: ok ? rows : [],
        ...(previous ? { previous } : {}),
        added,
        removed,
        changed,
        rowsUnchanged,
        unchanged:
          rowsUnchanged &&
          (state === undefined || state === previous?.state) &&
          !awardsChanged &&
          !penalties.length,
        issues: this.listed,
        problemCount: this.problems,
        problemCounts: this.counts,
        rowsRead: this.rowsRead,
        ...(state ? { state } : {}),
        mappings: newMappings,
        mappingsChanged,
        writes: ok ? writes : new Map(),
        ...(fastestLaps ? { fastestLaps } : {}),
        ...(poles ? { poles } : {}),
        ...(awards ? { awards } : {}),
        penalties,
        unmatched: this.input.unmatched ?? this.unmatchedListed,
      };
    };
    return { next, rows, writes, plan };
  }

  /** validateSeason over the new season; problems name the imported file's lines. */
  private checkSeason(next: Season, rows: readonly ClassificationRow[]): void {
    const { session, file } = this.input;
    const lineOfRow = (index: unknown) =>
      typeof index === 'number' ? this.firstOfEntry.get(rows[index]?.entryId ?? '') : undefined;
    for (const i of validateSeason(next)) {
      const [kind, first, index] = i.path;
      const line =
        kind === 'results' && first === session.id
          ? lineOfRow(index)
          : kind === 'awards' && typeof first === 'number'
            ? this.firstOfEntry.get(next.awards[first]?.entryId ?? '')
            : undefined;
      this.issue({ ...i, location: { file, ...(line === undefined ? {} : { line }) } });
    }
  }

  /**
   * Everything loading the season would check. For a folder, its files are loaded with the new
   * ones in place (the loader's every check: schemas, references, validateSeason) and the loaded
   * classification must be the planned one; otherwise (the database, which checks again on
   * saving) validateSeason over the new season. Problems name the imported file's lines.
   */
  private async check(
    next: Season,
    rows: readonly ClassificationRow[],
    writes: ReadonlyMap<string, string>,
  ): Promise<void> {
    const { session, file, folder } = this.input;
    const lineOfRow = (index: unknown) =>
      typeof index === 'number' ? this.firstOfEntry.get(rows[index]?.entryId ?? '') : undefined;
    const report = (i: Issue, line: number | undefined, prefix = '') =>
      this.issue({
        ...i,
        message: `${prefix}${i.message}`,
        location: { file, ...(line === undefined ? {} : { line }) },
      });
    if (!folder) return this.checkSeason(next, rows);
    if (!writes.size) return;
    const files = new Map(folder.files);
    for (const [path, text] of writes) files.set(path, text);
    const loaded = await loadSeasonFiles(files, {
      ...(this.input.resolvePreset ? { resolvePreset: this.input.resolvePreset } : {}),
      origin: folder.dir,
    });
    if (!loaded.ok) {
      const resultsPath = join(folder.dir, resultsFileName(session.id));
      const awardsPath = join(folder.dir, AWARDS_FILE);
      for (const i of loaded.issues) {
        const where = i.location;
        let line: number | undefined;
        if (where?.file === resultsPath && where.line !== undefined) line = lineOfRow(where.line - 2);
        else if (where?.file === awardsPath && where.line !== undefined)
          line = this.firstOfEntry.get(next.awards[where.line - 2]?.entryId ?? '');
        const shown = where
          ? `${where.file.startsWith(folder.dir) ? where.file.slice(folder.dir.length + 1) : where.file}${where.line ? `:${where.line}` : ''}`
          : '';
        report(i, line, `the season would not load${shown ? ` (${shown})` : ''}: `);
      }
      return;
    }
    const back = loaded.value.season.classifications.find((c) => c.sessionId === session.id)?.rows ?? [];
    back.forEach((r, index) => {
      if (JSON.stringify(r) !== JSON.stringify(rows[index]))
        this.issue(
          lineIssue(
            file,
            lineOfRow(index),
            'import.round-trip',
            `${resultsFileName(session.id)} would not read back as imported (entry ${rows[index]?.entryId ?? r.entryId})`,
            'A field holds characters the results file cannot keep.',
          ),
        );
    });
  }
}

const ADJUSTMENTS_FILE = 'adjustments.yaml';

/**
 * The time penalties of the file's rows as the season's penalties, less those the season already
 * has (the same session, entry, seconds and reason, as many times as it has them), so importing
 * the same file twice adds nothing.
 */
function newTimePenalties(
  adjustments: readonly Adjustment[],
  sessionId: string,
  matched: readonly Matched[],
): TimePenalty[] {
  const key = (entryId: string, seconds: string, reason: string) => `${entryId}|${seconds}|${reason}`;
  const held = new Map<string, number>();
  for (const a of adjustments)
    if (a.kind === 'time-penalty' && a.sessionId === sessionId) {
      const k = key(a.entryId, `${a.seconds.num}/${a.seconds.den}`, a.reason);
      held.set(k, (held.get(k) ?? 0) + 1);
    }
  const out: TimePenalty[] = [];
  for (const { row, entry } of matched)
    for (const p of row.timePenalties ?? []) {
      const seconds = fraction(p.seconds);
      const k = key(entry.id, `${seconds.num}/${seconds.den}`, p.reason);
      const left = held.get(k) ?? 0;
      if (left > 0) held.set(k, left - 1);
      else out.push({ kind: 'time-penalty', sessionId, entryId: entry.id, seconds, reason: p.reason });
    }
  return out;
}

/**
 * The fastest lap of the session overall and in each class of the season (the entry's class, not
 * the file's car class), from the rows' lap times: equal best times are a tie (several rows, the
 * bonus shared). Disqualified and excluded cars' laps do not count. Undefined when no row has a
 * lap time, so a file without lap data leaves the season's awards alone.
 */
export function fastestLapAwards(
  sessionId: string,
  matched: readonly { readonly row: ImportedRow; readonly entry: Entry }[],
): Award[] | undefined {
  const timed = matched.filter(
    (m) => m.row.bestLapMs !== undefined && m.row.status !== 'DSQ' && m.row.status !== 'EX',
  );
  if (!timed.length) return undefined;
  const fastestOf = (group: typeof timed, scope: string): Award[] => {
    const best = Math.min(...group.map((m) => m.row.bestLapMs!));
    return group
      .filter((m) => m.row.bestLapMs === best)
      .sort((a, b) => a.row.line - b.row.line)
      .map((m): Award => {
        // A car with one driver names them, as a hand-written awards.csv does.
        const driverId = m.entry.driverIds.length === 1 ? m.entry.driverIds[0] : undefined;
        return {
          sessionId,
          award: 'fastest-lap',
          scope,
          entryId: m.entry.id,
          ...(driverId ? { driverId } : {}),
        };
      });
  };
  const classes = [...new Set(timed.map((m) => m.entry.classId))].sort();
  return [
    ...fastestOf(timed, 'overall'),
    ...classes.flatMap((c) =>
      fastestOf(
        timed.filter((m) => m.entry.classId === c),
        c,
      ),
    ),
  ];
}

/**
 * The pole overall and in each class of the season (the entry's class), from the rows' starting
 * grid: the car that started first overall, and the first-starting car of each class. Undefined
 * when no row has a grid position, so a file without a grid leaves the season's poles alone.
 */
export function poleAwards(
  sessionId: string,
  matched: readonly { readonly row: ImportedRow; readonly entry: Entry }[],
): Award[] | undefined {
  const gridded = matched.filter((m) => m.row.grid !== undefined);
  if (!gridded.length) return undefined;
  const poleOf = (group: typeof gridded, scope: string): Award[] => {
    const first = Math.min(...group.map((m) => m.row.grid!));
    return group
      .filter((m) => m.row.grid === first)
      .sort((a, b) => a.row.line - b.row.line)
      .map((m): Award => {
        const driverId = m.entry.driverIds.length === 1 ? m.entry.driverIds[0] : undefined;
        return { sessionId, award: 'pole', scope, entryId: m.entry.id, ...(driverId ? { driverId } : {}) };
      });
  };
  const classes = [...new Set(gridded.map((m) => m.entry.classId))].sort();
  return [
    ...poleOf(gridded, 'overall'),
    ...classes.flatMap((c) =>
      poleOf(
        gridded.filter((m) => m.entry.classId === c),
        c,
      ),
    ),
  ];
}

/**
 * The season's awards with a session's awards of one kind replaced, where the old ones stood (else
 * after the session's other awards, else at the end), so awards.csv changes only where it must.
 */
function replaceAwards(
  all: readonly Award[],
  sessionId: string,
  kind: Award['award'],
  given: readonly Award[],
): Award[] {
  const isOld = (a: Award) => a.sessionId === sessionId && a.award === kind;
  let at = all.findIndex(isOld);
  if (at < 0) {
    const last = all.findLastIndex((a) => a.sessionId === sessionId);
    at = last < 0 ? all.length : last + 1;
  } else at = all.slice(0, at).filter((a) => !isOld(a)).length;
  const kept = all.filter((a) => !isOld(a));
  return [...kept.slice(0, at), ...given, ...kept.slice(at)];
}

/** Writes a file through a temporary sibling renamed into place. */
async function stage(path: string, text: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, 'utf8');
  return temp;
}

/** Writes a plan that has no problems: every file is written to a temporary first, then renamed. */
export async function applyImport(dir: string, plan: ImportPlan): Promise<void> {
  if (plan.problemCount) throw new Error(`applyImport called with a failed plan for ${plan.session.id}`);
  const staged: [string, string][] = [];
  try {
    for (const [path, text] of plan.writes) {
      const target = join(dir, ...path.split('/'));
      staged.push([await stage(target, text), target]);
    }
    for (const [temp, target] of staged) await rename(temp, target);
  } catch (e) {
    for (const [temp] of staged) await rm(temp, { force: true });
    throw e;
  }
}
