/**
 * What every results importer produces: one row per car of an outside file, with the line it came
 * from, the facts used to find its entry (car number, platform id, driver names) and the result.
 * Rows that cannot be read become issues naming file, line, field and reason; nothing is guessed.
 */
import type { Issue, ResultState, Status } from '../../engine/index.js';
import type { ByteSource } from './decode.js';

export interface ImportedRow {
  /** 1-based line in the source file (for JSON and XML, the line where the row's object starts). */
  readonly line: number;
  readonly position?: number;
  readonly classPosition?: number;
  readonly car?: string;
  /** An id on the platform the file came from (iRacing cust_id, ACC playerId), as "platform:id". */
  readonly platformId?: string;
  readonly drivers: readonly string[];
  readonly team?: string;
  readonly className?: string;
  readonly status: Status;
  readonly laps?: number;
  readonly lapsLed?: number;
  readonly time?: string;
  readonly bestLap?: string;
  /** The best lap in milliseconds, from a sim's lap data: the fastest-lap awards are worked out from it. */
  readonly bestLapMs?: number;
  readonly incidents?: number;
  /** Starting grid position (1: pole), when the file gives it; the pole awards are worked out from it. */
  readonly grid?: number;
  /** The driver's sim left the server before the end (iRacing "Disconnected", rFactor Connected 0). */
  readonly disconnected?: boolean;
  /**
   * Time penalties the file gives that were not served in the race (ACC's post-race time
   * penalties): the import writes each as a time penalty in adjustments.yaml, so the engine
   * reorders the classification. Penalties served in the race are in its time and not listed.
   */
  readonly timePenalties?: readonly ImportedTimePenalty[];
}

/** A time penalty to be added to a car's race time after the race. */
export interface ImportedTimePenalty {
  /** Whole seconds added to the race time. */
  readonly seconds: number;
  /** The decision's text, written as the penalty's reason. */
  readonly reason: string;
}

/** Where a reader puts what it reads, row by row, in file order. */
export interface RowSink {
  row(row: ImportedRow): void;
  issue(issue: Issue): void;
}

/** What a reader knows about the file as a whole once it has read it. */
export interface ReadOutcome {
  /** Provisional or final, when the file says so. */
  readonly state?: ResultState;
}

/**
 * A results importer: the bytes of a file (whole or streamed) in, rows and problems out through the
 * sink. Never throws on bad input.
 */
export type ResultsReader = (
  source: ByteSource,
  file: string,
  options: ParseOptions,
  sink: RowSink,
) => Promise<ReadOutcome>;

/** Everything a reader read, collected (for small files and tests). */
export interface ParsedResults {
  readonly rows: readonly ImportedRow[];
  /** Rows that could not be read, and problems with the file as a whole. */
  readonly issues: readonly Issue[];
  /** Provisional or final, when the file says so. */
  readonly state?: ResultState;
}

export interface ParseOptions {
  /** Column mapping for the generic CSV format: Paddock field -> header in the file. */
  readonly columns?: Readonly<Record<string, string>>;
  /** Which session of a multi-session file (iRacing: RACE, QUALIFY). */
  readonly session?: string;
}

/** Runs a reader over a whole file and collects its rows and problems. */
export async function collectResults(
  reader: ResultsReader,
  source: ByteSource,
  file: string,
  options: ParseOptions = {},
): Promise<ParsedResults> {
  const rows: ImportedRow[] = [];
  const issues: Issue[] = [];
  const outcome = await reader(source, file, options, {
    row: (r) => void rows.push(r),
    issue: (i) => void issues.push(i),
  });
  return { rows, issues, ...(outcome.state ? { state: outcome.state } : {}) };
}

/** An issue about one line of an imported file. */
export function lineIssue(
  file: string,
  line: number | undefined,
  code: string,
  message: string,
  hint?: string,
): Issue {
  return {
    code,
    path: line === undefined ? [file] : [file, line],
    message,
    ...(hint === undefined ? {} : { hint }),
    location: { file, ...(line === undefined ? {} : { line }) },
  };
}

const STATUS_WORDS: Readonly<Record<string, Status>> = {
  classified: 'classified',
  finished: 'classified',
  'finished normally': 'classified',
  running: 'classified',
  normal: 'classified',
  ok: 'classified',
  fin: 'classified',
  '': 'classified',
  dnf: 'DNF',
  ret: 'DNF',
  retired: 'DNF',
  'not running': 'DNF',
  disconnected: 'DNF',
  dns: 'DNS',
  'did not start': 'DNS',
  dsq: 'DSQ',
  dq: 'DSQ',
  disqualified: 'DSQ',
  nc: 'NC',
  'not classified': 'NC',
  wd: 'WD',
  withdrawn: 'WD',
  ex: 'EX',
  excluded: 'EX',
};

/** A status word from a timing file ("Classified", "DNF", "Finished Normally"), or undefined. */
export const parseStatus = (word: string): Status | undefined => STATUS_WORDS[word.trim().toLowerCase()];

/**
 * Upper bounds of the counts a results file gives. Not regulations: limits past which a value is
 * not a result but a broken or hostile file (`numberOfLaps: 1e308`), refused before it is written.
 * The longest races run 24 hours; at a lap every 20 s (a kart track) that is 4 320 laps.
 */
export const MAX_LAPS = 10_000;
/** More cars than any grid; positions are also bounded by the rows of the file. */
export const MAX_POSITION = 10_000;
export const MAX_INCIDENTS = 10_000;
/** A lap time or race time of more than 48 hours is not one. */
export const MAX_DURATION_MS = 48 * 3_600_000;
/** The longest text a result cell (a name, a time) may hold. */
export const MAX_TEXT = 200;

/** A whole-number field read from a file: its value, or the issue that refuses it. */
export type Count = { ok: true; value: number | undefined } | { ok: false; issue: Issue };

/**
 * Reads a whole number from a file's text or JSON value: undefined when absent or empty; an issue
 * naming file, line and field when it is not a whole number from `min` to `max`.
 */
export function readCount(
  value: unknown,
  where: { readonly file: string; readonly line: number; readonly field: string },
  max: number,
  min = 0,
): Count {
  let n: number | undefined;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return { ok: true, value: undefined };
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) n = Number(value.trim());
  const shown =
    typeof value === 'string'
      ? `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`
      : (JSON.stringify(value)?.slice(0, 40) ?? typeof value);
  if (n === undefined || !Number.isInteger(n))
    return {
      ok: false,
      issue: lineIssue(
        where.file,
        where.line,
        'import.bad-number',
        `${where.field} ${shown} is not a whole number`,
      ),
    };
  if (n < min || n > max)
    return {
      ok: false,
      issue: lineIssue(
        where.file,
        where.line,
        'import.out-of-range',
        `${where.field} ${shown} is out of range (${min} to ${max.toLocaleString('en')})`,
        n < 0 ? 'A count cannot be negative.' : 'Check that the column holds what its header says.',
      ),
    };
  return { ok: true, value: n };
}

/**
 * A text cell: undefined when empty; an issue naming file, line and field when it is longer than
 * MAX_TEXT or holds control characters (a line break inside a name would not survive the season's files).
 */
export function readText(
  value: string | undefined,
  where: { readonly file: string; readonly line: number; readonly field: string },
): { ok: true; value: string | undefined } | { ok: false; issue: Issue } {
  const t = value?.trim();
  if (!t) return { ok: true, value: undefined };
  if (t.length > MAX_TEXT)
    return {
      ok: false,
      issue: lineIssue(
        where.file,
        where.line,
        'import.too-long',
        `${where.field} is ${t.length} characters long (at most ${MAX_TEXT})`,
        'Check that the column holds what its header says.',
      ),
    };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(t))
    return {
      ok: false,
      issue: lineIssue(
        where.file,
        where.line,
        'import.control-character',
        `${where.field} holds a control character`,
      ),
    };
  return { ok: true, value: t };
}

/**
 * A lap time as a timing sheet writes it ("2:01.118", "58.204", "1:02:03.4") in milliseconds, or
 * undefined when it is not one (blank, "-", "1 Lap"). Timing exports give the fastest lap only as
 * text; the fastest-lap awards are worked out from this.
 */
export function lapTimeMs(text: string): number | undefined {
  const m = /^(?:(\d{1,2}):)?(?:(\d{1,2}):)?(\d{1,2})(?:[.,](\d{1,4}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [h, min] = m[2] === undefined ? [0, Number(m[1] ?? 0)] : [Number(m[1]), Number(m[2])];
  const fraction = m[4] ?? '';
  const ms = Math.round(Number(`0.${fraction || '0'}`) * 1000);
  const total = ((h * 60 + min) * 60 + Number(m[3])) * 1000 + ms;
  return total > 0 && total <= MAX_DURATION_MS ? total : undefined;
}

/** Milliseconds (or ten-thousandths with `unit`) as "1:45.123" / "1:02:03.456". */
export function formatDuration(value: number, unitsPerSecond = 1000): string | undefined {
  if (!Number.isFinite(value) || value <= 0 || (value / unitsPerSecond) * 1000 > MAX_DURATION_MS)
    return undefined;
  const ms = Math.round((value / unitsPerSecond) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = s.toFixed(3).padStart(6, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
