/**
 * Importing one session's results into a season folder, in two steps so `--dry-run` and the real
 * run share everything: `planResultsImport` reads the file as a stream, matches and checks each row
 * as it arrives (no writing), and `applyImport` writes the results file, the fastest-lap awards
 * and the confirmed mappings through temporary files renamed into place.
 *
 * Any rejected or unmatched row stops the import before anything is written. Problems are counted
 * without limit but only the first few are kept in full, so a 50 MB file of wrong rows costs
 * neither minutes of suggestions nor a gigabyte of messages. What would be written is read back
 * through the season-folder schemas and checked by the season validation first, so an import can
 * never leave a folder that does not load. Importing the same file twice finds nothing to change.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { parse, stringify } from 'yaml';
import { validateSeason } from '../../engine/index.js';
import type {
  Award,
  Classification,
  ClassificationRow,
  Entry,
  Issue,
  ResultState,
  Season,
  Session,
} from '../../engine/index.js';
import { parseCsv } from '../../formats/csv-file.js';
import { formatResultStates, RESULT_STATES_FILE, resultStateRowSchema } from '../../formats/result-states.js';
import { awardRowSchema, resultRowSchema } from '../../formats/season-schema.js';
import type { ByteSource } from './decode.js';
import { RESULT_FORMATS } from './formats/registry.js';
import type { ResultFormat } from './formats/registry.js';
import { lineIssue } from './imported-row.js';
import type { ImportedRow, ParseOptions, RowSink } from './imported-row.js';
import { classificationRows, createMatcher, identityKey } from './match-entries.js';
import type { EntryMatcher, Mappings } from './match-entries.js';

export const MAPPINGS_FILE = 'mappings.yaml';
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
  /** Result rows read from the file (accepted or not). */
  readonly rowsRead: number;
  readonly state?: ResultState;
  /** The mappings file after this import (the confirmed assignments added). */
  readonly mappings: Mappings;
  readonly mappingsChanged: boolean;
  /** The text of results/<session>.csv. */
  readonly resultsText: string;
  /** The session's fastest-lap awards from the file's lap times (undefined: the file has none). */
  readonly fastestLaps?: readonly Award[];
  /** The season's awards after the import, when the fastest laps change them. */
  readonly awards?: readonly Award[];
}

/** Finds a session by id ("race-05") or race number ("5"). */
export function findSession(season: Season, arg: string): Session | undefined {
  return season.sessions.find((s) => s.id === arg || (/^\d+$/.test(arg) && s.race === Number(arg)));
}

/** Reads mappings.yaml of a season folder ({} when there is none). */
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

/** One CSV field, quoted only when it must be (RFC 4180). */
const csvField = (v: string | number | undefined): string => {
  const t = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

const RESULT_COLUMNS = ['position', 'entry', 'drivers', 'status', 'laps', 'laps_led', 'time', 'note'];

/**
 * results/<session>.csv in the season-folder format (the columns write-season-folder.ts writes).
 * Written by hand rather than with csv-stringify: a 100 000-row import spends a quarter of its
 * time there otherwise.
 */
function resultsCsv(rows: readonly ClassificationRow[]): string {
  const lines = [RESULT_COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      [r.position, r.entryId, r.driverIds?.join(';'), r.status, r.laps, r.lapsLed, r.time, r.note]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** awards.csv as write-season-folder.ts writes it. */
const awardsCsv = (awards: readonly Award[]): string =>
  stringifyCsv([
    ['session', 'award', 'scope', 'entry', 'driver', 'note'],
    ...awards.map((a) => [a.sessionId, a.award, a.scope, a.entryId, a.driverId ?? '', a.note ?? '']),
  ]);

const sameRow = (a: ClassificationRow, b: ClassificationRow) => JSON.stringify(a) === JSON.stringify(b);

export interface PlanInput {
  readonly season: Season;
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

interface Matched {
  readonly row: ImportedRow;
  readonly entry: Entry;
  readonly by: string;
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

  constructor(private readonly input: PlanInput) {
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
      // Suggestions cost an edit distance against every driver: only for problems that are shown.
      if (!this.listing) return this.issue({ code: 'import.unmatched', path: [file, row.line], message: '' });
      const suggestions = this.matcher.suggest(row);
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

  finish(state: ResultState | undefined): ImportPlan {
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
    const sessionLaps = season.awards.filter((a) => a.sessionId === session.id && a.award === 'fastest-lap');
    const awardsChanged =
      fastestLaps !== undefined && JSON.stringify(fastestLaps) !== JSON.stringify(sessionLaps);
    const awards = awardsChanged ? replaceFastestLaps(season.awards, session.id, fastestLaps) : undefined;
    const resultsText = resultsCsv(rows);
    if (this.problems === 0) this.check(rows, resultsText, awards);

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
    return {
      session,
      rows,
      ...(previous ? { previous } : {}),
      added,
      removed,
      changed,
      rowsUnchanged,
      unchanged: rowsUnchanged && (state === undefined || state === previous?.state) && !awardsChanged,
      issues: this.listed,
      problemCount: this.problems,
      problemCounts: this.counts,
      rowsRead: this.rowsRead,
      ...(state ? { state } : {}),
      mappings: newMappings,
      mappingsChanged,
      resultsText,
      ...(fastestLaps ? { fastestLaps } : {}),
      ...(awards ? { awards } : {}),
    };
  }

  /**
   * Everything the season-folder loader would check: the new classification and awards through
   * validateSeason, and the text to be written read back through the loader's schemas, so what is
   * written loads as the season that was validated. Problems name the imported file's lines.
   */
  private check(
    rows: readonly ClassificationRow[],
    resultsText: string,
    awards: readonly Award[] | undefined,
  ) {
    const { season, session, file } = this.input;
    const next: Season = {
      ...season,
      classifications: [
        ...season.classifications.filter((c) => c.sessionId !== session.id),
        { sessionId: session.id, rows },
      ],
      ...(awards ? { awards } : {}),
    };
    const lineOfRow = (index: unknown) =>
      typeof index === 'number' ? this.firstOfEntry.get(rows[index]?.entryId ?? '') : undefined;
    for (const i of validateSeason(next)) {
      const [kind, first, index] = i.path;
      let line: number | undefined;
      if (kind === 'results' && first === session.id) line = lineOfRow(index);
      else if (
        kind === 'awards' &&
        awards &&
        typeof first === 'number' &&
        awards[first]?.sessionId === session.id
      )
        line = this.firstOfEntry.get(awards[first].entryId);
      else continue;
      this.issue({ ...i, location: { file, ...(line === undefined ? {} : { line }) } });
    }
    const target = join('results', `${session.id}.csv`);
    const reread = parseCsv(resultsText, target, resultRowSchema, ['position', 'entry', 'status']);
    if (!reread.ok) {
      for (const i of reread.issues) {
        const line = i.location?.line === undefined ? undefined : lineOfRow(i.location.line - 2);
        this.issue({
          ...i,
          message: `${target} would not load: ${i.message}`,
          location: { file, ...(line === undefined ? {} : { line }) },
        });
      }
    } else
      reread.value.forEach((r, index) => {
        const v = r.value;
        const row = rows[index]!;
        const same =
          v.entry === row.entryId &&
          v.status === row.status &&
          v.position === row.position &&
          v.laps === row.laps &&
          v.laps_led === row.lapsLed &&
          v.time === row.time;
        if (!same)
          this.issue(
            lineIssue(
              file,
              lineOfRow(index),
              'import.round-trip',
              `${target} would not read back as imported (entry ${row.entryId})`,
              'A field holds characters the results file cannot keep.',
            ),
          );
      });
    if (awards) {
      const reread = parseCsv(awardsCsv(awards), AWARDS_FILE, awardRowSchema, [
        'session',
        'award',
        'scope',
        'entry',
      ]);
      if (!reread.ok)
        for (const i of reread.issues)
          this.issue({ ...i, message: `${AWARDS_FILE} would not load: ${i.message}`, location: { file } });
    }
  }
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
 * The season's awards with a session's fastest laps replaced, where the old ones stood (else after
 * the session's other awards, else at the end), so awards.csv changes only where it must.
 */
function replaceFastestLaps(all: readonly Award[], sessionId: string, laps: readonly Award[]): Award[] {
  const isOld = (a: Award) => a.sessionId === sessionId && a.award === 'fastest-lap';
  let at = all.findIndex(isOld);
  if (at < 0) {
    const last = all.findLastIndex((a) => a.sessionId === sessionId);
    at = last < 0 ? all.length : last + 1;
  } else at = all.slice(0, at).filter((a) => !isOld(a)).length;
  const kept = all.filter((a) => !isOld(a));
  return [...kept.slice(0, at), ...laps, ...kept.slice(at)];
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
    if (!plan.rowsUnchanged) {
      const target = join(dir, 'results', `${plan.session.id}.csv`);
      staged.push([await stage(target, plan.resultsText), target]);
    }
    if (plan.awards) {
      const target = join(dir, AWARDS_FILE);
      staged.push([await stage(target, awardsCsv(plan.awards)), target]);
    }
    if (plan.state) {
      // Record provisional or final for this session beside the other sessions' states.
      const target = join(dir, RESULT_STATES_FILE);
      const states = new Map<string, string>();
      const existing = await readFile(target, 'utf8').catch(() => undefined);
      if (existing !== undefined) {
        const parsed = parseCsv(existing, target, resultStateRowSchema, ['session', 'state']);
        if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
        for (const r of parsed.value) states.set(r.value.session, r.value.state);
      }
      if (states.get(plan.session.id) !== plan.state) {
        states.set(plan.session.id, plan.state);
        staged.push([await stage(target, formatResultStates(states)), target]);
      }
    }
    if (plan.mappingsChanged) {
      const target = join(dir, MAPPINGS_FILE);
      const text = `# Confirmed identities from imported result files (platform id or name -> driver id).\n${stringify(plan.mappings)}`;
      staged.push([await stage(target, text), target]);
    }
    for (const [temp, target] of staged) await rename(temp, target);
  } catch (e) {
    for (const [temp] of staged) await rm(temp, { force: true });
    throw e;
  }
}
