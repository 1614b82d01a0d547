/**
 * What every results importer produces: one row per car of an outside file, with the line it came
 * from, the facts used to find its entry (car number, platform id, driver names) and the result.
 * Rows that cannot be read become issues naming file, line and reason; nothing is guessed.
 */
import type { Issue, ResultState, Status } from '../../engine/index.js';

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
  readonly incidents?: number;
}

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

/** A results importer: bytes of a file in, rows and problems out. Never throws on bad input. */
export type ResultsParser = (bytes: Uint8Array, file: string, options: ParseOptions) => ParsedResults;

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

/** Parses a whole number field; undefined when empty, NaN marker when not a number. */
export function parseCount(text: string | undefined): number | undefined | null {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Derives class positions from overall order where the file does not give them. */
export function withClassPositions(rows: readonly ImportedRow[]): ImportedRow[] {
  const seen = new Map<string, number>();
  return [...rows]
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity))
    .map((r) => {
      if (
        r.classPosition !== undefined ||
        r.position === undefined ||
        r.status !== 'classified' ||
        !r.className
      )
        return r;
      const n = (seen.get(r.className) ?? 0) + 1;
      seen.set(r.className, n);
      return { ...r, classPosition: n };
    });
}

/** Milliseconds (or ten-thousandths with `unit`) as "1:45.123" / "1:02:03.456". */
export function formatDuration(value: number, unitsPerSecond = 1000): string | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const ms = Math.round((value / unitsPerSecond) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = s.toFixed(3).padStart(6, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
