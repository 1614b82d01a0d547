/**
 * The RMonitor timing protocol (MYLAPS Orbits and compatible scoreboards), one record per line:
 * `$` + command + comma-separated fields, strings in double quotes, CR LF at the end. This module
 * reads a line into a typed record and writes a record back as a line (the synthetic recording is
 * written with it, so the two stay in step). The IMSA enhanced records ($COR, $L, $T) are read
 * too; any other command is ignored, as the IMSA document asks of receivers. A line that cannot
 * be read is an issue naming the source, the line and the field; it never throws.
 */
import { parse } from 'csv-parse/sync';
import type { Issue } from '../engine/index.js';

/** The flag of the heartbeat ($F); an empty field means no session is running. */
export type Flag = 'none' | 'green' | 'yellow' | 'red' | 'finish' | 'unknown';

export type RMonitorRecord =
  /** $A: a competitor (registration number, car number, transponder, names, class). */
  | {
      readonly kind: 'competitor';
      readonly regNo: string;
      readonly number: string;
      readonly transponder?: string;
      readonly firstName: string;
      readonly lastName: string;
      readonly nationality: string;
      readonly classId?: number;
    }
  /**
   * $COMP: a competitor, extended. IMSA uses its nationality field during a race for the car's
   * state: blank when running, "Retired" or "Excluded".
   */
  | {
      readonly kind: 'competitor-ext';
      readonly regNo: string;
      readonly number: string;
      readonly classId?: number;
      readonly firstName: string;
      readonly lastName: string;
      readonly nationality: string;
      readonly additional: string;
    }
  /** $B: the run (session) number and its description. */
  | { readonly kind: 'run'; readonly run: number; readonly description: string }
  /** $C: a class number and its description. */
  | { readonly kind: 'class'; readonly classId: number; readonly description: string }
  /** $E: a track setting (TRACKNAME, TRACKLENGTH). */
  | { readonly kind: 'setting'; readonly name: string; readonly value: string }
  /** $F: the heartbeat, once a second while a session runs. Times in milliseconds. */
  | {
      readonly kind: 'heartbeat';
      readonly lapsToGo?: number;
      readonly timeToGoMs?: number;
      readonly timeOfDayMs?: number;
      readonly raceTimeMs?: number;
      readonly flag: Flag;
    }
  /** $G: a competitor's race position, laps completed and total time. */
  | {
      readonly kind: 'race-position';
      readonly position: number;
      readonly regNo: string;
      readonly laps?: number;
      readonly totalTimeMs?: number;
    }
  /** $H: a competitor's practice/qualifying position: best lap number and time. */
  | {
      readonly kind: 'qualifying-position';
      readonly position: number;
      readonly regNo: string;
      readonly bestLap?: number;
      readonly bestLapMs?: number;
    }
  /** $I: reset the scoreboard (results are cleared, a refresh follows). */
  | { readonly kind: 'init'; readonly timeOfDayMs?: number; readonly date: string }
  /** $J: a passing of the finish line: lap time and total time. */
  | {
      readonly kind: 'passing';
      readonly regNo: string;
      readonly lapTimeMs?: number;
      readonly totalTimeMs?: number;
    }
  /** $COR (IMSA): a corrected total time after a passing. */
  | {
      readonly kind: 'correction';
      readonly regNo: string;
      readonly number: string;
      readonly laps?: number;
      readonly totalTimeMs?: number;
      readonly correction: string;
    }
  /** $L (IMSA): a crossing of any timeline, with the driver when the car reports one. */
  | {
      readonly kind: 'line-crossing';
      readonly number: string;
      readonly timeline: string;
      readonly timelineName: string;
      readonly date: string;
      readonly time: string;
      readonly driverId?: number;
      readonly className?: string;
    }
  /** $T (IMSA): the track: name, short name, distance and its sections. */
  | {
      readonly kind: 'track';
      readonly name: string;
      readonly shortName: string;
      readonly distance: string;
      readonly sections: number;
    };

export type RMonitorKind = RMonitorRecord['kind'];

/** Where a line came from, for issues: a file, or host:port. */
export interface LineSource {
  readonly source: string;
  readonly line: number;
}

export type ParsedLine =
  | { readonly ok: true; readonly record: RMonitorRecord }
  /** A well-formed line of a command this reader does not use (IMSA: ignore it). */
  | { readonly ok: true; readonly record: undefined; readonly command: string }
  | { readonly ok: false; readonly issue: Issue };

/** "No passing yet" in $G total times. */
const NO_TIME = '00:59:59.999';

const FLAGS: Readonly<Record<string, Flag>> = {
  '': 'none',
  green: 'green',
  yellow: 'yellow',
  red: 'red',
  finish: 'finish',
  checkered: 'finish',
};

/** Reads "HH:MM:SS.DDD", "HH:MM:SS" or "MM:SS.DDD" as milliseconds; undefined when empty, null when not a time. */
export function parseClock(text: string): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?$/.exec(t);
  if (!m) return null;
  const [, h = '0', min = '0', s = '0', frac = ''] = m;
  if (Number(s) > 59 || (m[1] !== undefined && Number(min) > 59)) return null;
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + Number(frac.padEnd(3, '0'));
}

/** Milliseconds as "HH:MM:SS.DDD" (or without the fraction). */
export function formatClock(ms: number, withMillis = true): string {
  const whole = Math.max(0, Math.round(ms));
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const s = Math.floor((whole % 60_000) / 1000);
  const base = [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
  return withMillis ? `${base}.${String(whole % 1000).padStart(3, '0')}` : base;
}

class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Field readers for one record: each names its field when it fails. */
function reader(fields: readonly string[]) {
  const at = (i: number, name: string, required: boolean): string => {
    const v = fields[i];
    if (v === undefined) {
      if (required) throw new FieldError(name, 'missing');
      return '';
    }
    return v;
  };
  const int = (i: number, name: string): number | undefined => {
    const t = at(i, name, false).trim();
    if (t === '') return undefined;
    if (!/^\d+$/.test(t)) throw new FieldError(name, `"${t}" is not a whole number`);
    return Number(t);
  };
  return {
    str: (i: number, name: string, required = true) => at(i, name, required),
    trimmed: (i: number, name: string, required = true) => at(i, name, required).trim(),
    int,
    requiredInt: (i: number, name: string): number => {
      at(i, name, true);
      const n = int(i, name);
      if (n === undefined) throw new FieldError(name, 'empty');
      return n;
    },
    clock: (i: number, name: string, sentinel?: string): number | undefined => {
      const t = at(i, name, false).trim();
      if (sentinel !== undefined && t === sentinel) return undefined;
      const ms = parseClock(t);
      if (ms === null) throw new FieldError(name, `"${t}" is not a time (HH:MM:SS.DDD)`);
      return ms;
    },
  };
}

const opt = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } =>
  (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };

function build(command: string, f: readonly string[]): RMonitorRecord | undefined {
  const r = reader(f);
  switch (command) {
    case 'A': {
      const transponder = r.trimmed(2, 'transponder', false);
      return {
        kind: 'competitor',
        regNo: r.trimmed(0, 'registration number'),
        number: r.trimmed(1, 'number'),
        ...opt('transponder', transponder === '' || /^0+$/.test(transponder) ? undefined : transponder),
        firstName: r.trimmed(3, 'first name'),
        lastName: r.trimmed(4, 'last name'),
        nationality: r.trimmed(5, 'nationality', false),
        ...opt('classId', r.int(6, 'class number')),
      };
    }
    case 'COMP':
      return {
        kind: 'competitor-ext',
        regNo: r.trimmed(0, 'registration number'),
        number: r.trimmed(1, 'number'),
        ...opt('classId', r.int(2, 'class number')),
        firstName: r.trimmed(3, 'first name'),
        lastName: r.trimmed(4, 'last name'),
        nationality: r.trimmed(5, 'nationality', false),
        additional: r.trimmed(6, 'additional data', false),
      };
    case 'B':
      return { kind: 'run', run: r.requiredInt(0, 'run number'), description: r.trimmed(1, 'description') };
    case 'C':
      return {
        kind: 'class',
        classId: r.requiredInt(0, 'class number'),
        description: r.trimmed(1, 'description'),
      };
    case 'E':
      return { kind: 'setting', name: r.trimmed(0, 'setting'), value: r.trimmed(1, 'value', false) };
    case 'F': {
      const word = r.trimmed(4, 'flag status', false).toLowerCase();
      return {
        kind: 'heartbeat',
        ...opt('lapsToGo', r.int(0, 'laps to go')),
        ...opt('timeToGoMs', r.clock(1, 'time to go')),
        ...opt('timeOfDayMs', r.clock(2, 'time of day')),
        ...opt('raceTimeMs', r.clock(3, 'race time')),
        flag: FLAGS[word] ?? 'unknown',
      };
    }
    case 'G':
      return {
        kind: 'race-position',
        position: r.requiredInt(0, 'position'),
        regNo: r.trimmed(1, 'registration number'),
        ...opt('laps', r.int(2, 'laps')),
        ...opt('totalTimeMs', r.clock(3, 'total time', NO_TIME)),
      };
    case 'H':
      return {
        kind: 'qualifying-position',
        position: r.requiredInt(0, 'position'),
        regNo: r.trimmed(1, 'registration number'),
        ...opt('bestLap', r.int(2, 'best lap')),
        ...opt('bestLapMs', r.clock(3, 'best lap time', NO_TIME)),
      };
    case 'I':
      return {
        kind: 'init',
        ...opt('timeOfDayMs', r.clock(0, 'time of day')),
        date: r.trimmed(1, 'date', false),
      };
    case 'J':
      return {
        kind: 'passing',
        regNo: r.trimmed(0, 'registration number'),
        ...opt('lapTimeMs', r.clock(1, 'lap time')),
        ...opt('totalTimeMs', r.clock(2, 'total time')),
      };
    case 'COR':
      return {
        kind: 'correction',
        regNo: r.trimmed(0, 'registration number'),
        number: r.trimmed(1, 'number'),
        ...opt('laps', r.int(2, 'laps')),
        ...opt('totalTimeMs', r.clock(3, 'total time')),
        correction: r.trimmed(4, 'correction', false),
      };
    case 'L':
      return {
        kind: 'line-crossing',
        number: r.trimmed(0, 'number'),
        timeline: r.trimmed(1, 'timeline number'),
        timelineName: r.trimmed(2, 'timeline name', false),
        date: r.trimmed(3, 'date', false),
        time: r.trimmed(4, 'time', false),
        ...opt('driverId', r.int(5, 'driver id')),
        ...opt('className', r.trimmed(6, 'class name', false) || undefined),
      };
    case 'T':
      return {
        kind: 'track',
        name: r.trimmed(0, 'name'),
        shortName: r.trimmed(1, 'short name', false),
        distance: r.trimmed(2, 'distance', false),
        sections: r.int(3, 'sections') ?? 0,
      };
    default:
      return undefined;
  }
}

const RECORD_NAMES: Readonly<Record<string, string>> = {
  A: 'competitor',
  COMP: 'competitor',
  B: 'run',
  C: 'class',
  E: 'setting',
  F: 'heartbeat',
  G: 'race position',
  H: 'qualifying position',
  I: 'init',
  J: 'passing',
  COR: 'correction',
  L: 'line crossing',
  T: 'track',
};

/** Reads one line of an RMonitor stream (without its CR LF). */
export function parseRMonitorLine(text: string, where: LineSource): ParsedLine {
  const fail = (code: string, message: string, hint?: string): ParsedLine => ({
    ok: false,
    issue: {
      code,
      path: [where.source, where.line],
      message,
      ...(hint === undefined ? {} : { hint }),
      location: { file: where.source, line: where.line },
    },
  });
  const line = text.replace(/\r$/, '');
  const m = /^\$([A-Z]+),/.exec(line);
  if (!m) {
    const shown = line.length > 40 ? `${line.slice(0, 40)}...` : line;
    return fail(
      'rmonitor.not-a-record',
      `not an RMonitor record: "${shown}"`,
      'Records start with $ and a command ($A, $F, $G ...).',
    );
  }
  const command = m[1]!;
  let fields: string[];
  try {
    const rows: string[][] = parse(line.slice(m[0].length), {
      relax_column_count: true,
      skip_empty_lines: false,
    });
    fields = rows[0] ?? [];
    if (rows.length > 1) throw new Error('more than one line');
  } catch (e) {
    return fail(
      'rmonitor.syntax',
      `$${command}: cannot split the fields: ${(e as Error).message.split('\n')[0]}`,
      'Fields are separated by commas; strings are in double quotes.',
    );
  }
  try {
    const record = build(command, fields);
    return record ? { ok: true, record } : { ok: true, record: undefined, command };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return fail(
      'rmonitor.bad-field',
      `$${command} (${RECORD_NAMES[command] ?? command}) ${e.field}: ${e.reason}`,
    );
  }
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const num = (n: number | undefined) => (n === undefined ? '' : String(n));
const clock = (ms: number | undefined, sentinel = '') =>
  ms === undefined ? q(sentinel) : q(formatClock(ms));
const FLAG_WORDS: Readonly<Record<Flag, string>> = {
  none: '      ',
  green: 'Green ',
  yellow: 'Yellow',
  red: 'Red   ',
  finish: 'Finish',
  unknown: '      ',
};

/** Writes a record as the line a timing system sends (without CR LF). */
export function formatRMonitorRecord(r: RMonitorRecord): string {
  switch (r.kind) {
    case 'competitor':
      return `$A,${q(r.regNo)},${q(r.number)},${r.transponder ?? 0},${q(r.firstName)},${q(r.lastName)},${q(r.nationality)},${num(r.classId)}`;
    case 'competitor-ext':
      return `$COMP,${q(r.regNo)},${q(r.number)},${num(r.classId)},${q(r.firstName)},${q(r.lastName)},${q(r.nationality)},${q(r.additional)}`;
    case 'run':
      return `$B,${r.run},${q(r.description)}`;
    case 'class':
      return `$C,${r.classId},${q(r.description)}`;
    case 'setting':
      return `$E,${q(r.name)},${q(r.value)}`;
    case 'heartbeat':
      return `$F,${num(r.lapsToGo)},${q(r.timeToGoMs === undefined ? '' : formatClock(r.timeToGoMs, false))},${q(r.timeOfDayMs === undefined ? '' : formatClock(r.timeOfDayMs, false))},${q(r.raceTimeMs === undefined ? '' : formatClock(r.raceTimeMs, false))},${q(FLAG_WORDS[r.flag])}`;
    case 'race-position':
      return `$G,${r.position},${q(r.regNo)},${num(r.laps)},${clock(r.totalTimeMs, NO_TIME)}`;
    case 'qualifying-position':
      return `$H,${r.position},${q(r.regNo)},${num(r.bestLap)},${clock(r.bestLapMs, NO_TIME)}`;
    case 'init':
      return `$I,${clock(r.timeOfDayMs)},${q(r.date)}`;
    case 'passing':
      return `$J,${q(r.regNo)},${clock(r.lapTimeMs)},${clock(r.totalTimeMs)}`;
    case 'correction':
      return `$COR,${q(r.regNo)},${q(r.number)},${num(r.laps)},${clock(r.totalTimeMs)},${q(r.correction)}`;
    case 'line-crossing':
      return `$L,${q(r.number)},${q(r.timeline)},${q(r.timelineName)},${q(r.date)},${q(r.time)},${num(r.driverId)},${q(r.className ?? '')}`;
    case 'track':
      return `$T,${q(r.name)},${q(r.shortName)},${q(r.distance)},${r.sections}`;
  }
}
