/**
 * Importing one session's results into a season folder, in two steps so `--dry-run` and the real
 * run share everything: `planImport` reads, matches and checks (no I/O), and `applyImport`
 * writes the results file and the confirmed mappings through temporary files renamed into place.
 * Any rejected or unmatched row stops the import before anything is written; importing the same
 * file twice finds nothing to change.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { validateSeason } from '../../engine/index.js';
import type {
  Classification,
  ClassificationRow,
  Issue,
  ResultState,
  Season,
  Session,
} from '../../engine/index.js';
import { lineIssue } from './imported-row.js';
import type { ParsedResults } from './imported-row.js';
import { classificationRows, identityKey, matchEntries } from './match-entries.js';
import type { Mappings, UnmatchedRow } from './match-entries.js';
import { formatResultStates, RESULT_STATES_FILE, resultStateRowSchema } from '../../formats/result-states.js';
import { parseCsv } from '../../formats/csv-file.js';

export const MAPPINGS_FILE = 'mappings.yaml';

export interface ImportPlan {
  readonly session: Session;
  readonly rows: readonly ClassificationRow[];
  readonly previous?: Classification;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  /** The rows equal the season's; `unchanged` also needs the same provisional/final state. */
  readonly rowsUnchanged: boolean;
  readonly unchanged: boolean;
  readonly unmatched: readonly UnmatchedRow[];
  /** Every problem; the import writes nothing unless this is empty and nothing is unmatched. */
  readonly issues: readonly Issue[];
  readonly state?: ResultState;
  /** The mappings file after this import (the confirmed assignments added). */
  readonly mappings: Mappings;
  readonly mappingsChanged: boolean;
  /** The text of results/<session>.csv. */
  readonly resultsText: string;
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
    const value = parse(text) as unknown;
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
    return {
      ok: false,
      issues: [lineIssue(file, 1, 'mappings.syntax', `YAML: ${(e as Error).message.split('\n')[0]}`)],
    };
  }
}

/** One CSV field, quoted only when it must be (RFC 4180). */
const csvField = (v: string | number | undefined): string => {
  const t = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/**
 * results/<session>.csv in the season-folder format (the columns write-season-folder.ts writes).
 * Written by hand rather than with csv-stringify: a 100 000-row import spends a quarter of its
 * time there otherwise.
 */
function resultsCsv(rows: readonly ClassificationRow[]): string {
  const lines = ['position,entry,drivers,status,laps,laps_led,time,note'];
  for (const r of rows)
    lines.push(
      [r.position, r.entryId, r.driverIds?.join(';'), r.status, r.laps, r.lapsLed, r.time, r.note]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

const sameRow = (a: ClassificationRow, b: ClassificationRow) => JSON.stringify(a) === JSON.stringify(b);

/** Plans the import of parsed rows into one session; pure apart from its inputs. */
export function planImport(
  season: Season,
  session: Session,
  parsed: ParsedResults,
  mappings: Mappings,
  assignments: Mappings,
  file: string,
  onProgress?: (done: number) => void,
): ImportPlan {
  const issues: Issue[] = [...parsed.issues];
  if (!parsed.rows.length && !parsed.issues.length)
    issues.push(
      lineIssue(
        file,
        1,
        'import.no-rows',
        'the file holds no result rows',
        'Check that it is the right file and format.',
      ),
    );
  for (const [key, driver] of Object.entries(assignments))
    if (!season.drivers.some((d) => d.id === driver))
      issues.push({
        code: 'assign.unknown-driver',
        path: ['--assign', key],
        message: `--assign ${key}=${driver}: no driver "${driver}" in the season`,
      });
  const allMappings = { ...mappings, ...assignments };
  const match = matchEntries(season, session.eventId, parsed.rows, allMappings, onProgress);
  // Two rows of the file for one entry, or one position twice, are rejected with both lines.
  const firstOfEntry = new Map<string, number>();
  const firstOfPosition = new Map<number, number>();
  for (const { row, entry } of match.matched) {
    const other = firstOfEntry.get(entry.id);
    if (other === undefined) firstOfEntry.set(entry.id, row.line);
    else
      issues.push(
        lineIssue(
          file,
          row.line,
          'import.duplicate-entry',
          `entry ${entry.id} is matched by lines ${other} and ${row.line}`,
        ),
      );
    if (row.position === undefined) continue;
    const before = firstOfPosition.get(row.position);
    if (before === undefined) firstOfPosition.set(row.position, row.line);
    else
      issues.push(
        lineIssue(
          file,
          row.line,
          'import.duplicate-position',
          `position ${row.position} appears on lines ${before} and ${row.line}`,
        ),
      );
  }
  const rows = classificationRows(match.matched);
  const previous = season.classifications.find((c) => c.sessionId === session.id);
  const classification: Classification = { sessionId: session.id, rows };
  const next: Season = {
    ...season,
    classifications: [...season.classifications.filter((c) => c.sessionId !== session.id), classification],
  };
  if (!issues.length && !match.unmatched.length) {
    const lineOf = firstOfEntry;
    for (const i of validateSeason(next)) {
      const [kind, sessionId, index] = i.path;
      if (kind !== 'results' || sessionId !== session.id) continue;
      const line = typeof index === 'number' ? lineOf.get(rows[index]?.entryId ?? '') : undefined;
      issues.push({ ...i, location: { file, ...(line === undefined ? {} : { line }) } });
    }
  }
  const before = new Map((previous?.rows ?? []).map((r) => [r.entryId, r]));
  const after = new Map(rows.map((r) => [r.entryId, r]));
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed = [...after.keys()].filter(
    (id) => before.has(id) && !sameRow(before.get(id)!, after.get(id)!),
  );
  const order = previous !== undefined && previous.rows.every((r, i) => rows[i]?.entryId === r.entryId);
  const newMappings: Record<string, string> = { ...mappings };
  let mappingsChanged = false;
  for (const { row, entry, by } of match.matched) {
    if (by !== 'mapping') continue;
    const key = identityKey(row);
    if (
      assignments[key] !== undefined &&
      mappings[key] !== assignments[key] &&
      entry.driverIds.includes(assignments[key])
    ) {
      newMappings[key] = assignments[key];
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
    unchanged: rowsUnchanged && (parsed.state === undefined || parsed.state === previous?.state),
    unmatched: match.unmatched,
    issues,
    ...(parsed.state ? { state: parsed.state } : {}),
    mappings: newMappings,
    mappingsChanged,
    resultsText: resultsCsv(rows),
  };
}

/** Writes a file through a temporary sibling renamed into place. */
async function stage(path: string, text: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text, 'utf8');
  return temp;
}

/** Writes a plan that has no issues: both files are written to temporaries first, then renamed. */
export async function applyImport(dir: string, plan: ImportPlan): Promise<void> {
  if (plan.issues.length || plan.unmatched.length)
    throw new Error(`applyImport called with a failed plan for ${plan.session.id}`);
  const staged: [string, string][] = [];
  try {
    if (!plan.unchanged) {
      const target = join(dir, 'results', `${plan.session.id}.csv`);
      staged.push([await stage(target, plan.resultsText), target]);
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
