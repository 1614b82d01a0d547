/**
 * A CSV (or semicolon/tab separated) results table of any shape, read through a column mapping:
 * `--map position=Pos,driver=Driver,car=No`. Without a mapping, headers named like Paddock's
 * fields (position, car, driver, team, class, status, laps, time ...) are used.
 *
 * A file whose statuses sit in a column nobody mapped would import a disqualified driver as
 * classified: a cell of an unmapped column that holds a status word other than a finish
 * (DSQ, DNF, DNS ...) stops the import at that line until the column is mapped.
 */
import { readCsvStream } from '../csv-table.js';
import type { CsvHeader } from '../csv-table.js';
import {
  lapTimeMs,
  lineIssue,
  MAX_LAPS,
  MAX_POSITION,
  parseStatus,
  readCount,
  readText,
} from '../imported-row.js';
import type { ImportedRow, ResultsReader } from '../imported-row.js';
import type { Status } from '../../../engine/index.js';

export const GENERIC_FIELDS = [
  'position',
  'car',
  'driver',
  'team',
  'class',
  'status',
  'laps',
  'laps_led',
  'time',
  'best_lap',
  'platform_id',
  'class_position',
] as const;
export type GenericField = (typeof GENERIC_FIELDS)[number];

const ALIASES: Readonly<Record<GenericField, readonly string[]>> = {
  position: ['POSITION', 'POS', 'POS.', 'P', 'PLACE', 'RANK'],
  car: ['CAR', 'NO', 'NO.', 'NUMBER', '#', 'CAR NUMBER', 'CAR_NUMBER', 'STARTNUMBER'],
  driver: ['DRIVER', 'DRIVERS', 'NAME', 'DRIVER NAME'],
  team: ['TEAM', 'ENTRANT'],
  class: ['CLASS', 'CATEGORY', 'CLS'],
  status: ['STATUS', 'STATE'],
  laps: ['LAPS', 'LAPS COMPLETED'],
  laps_led: ['LAPS_LED', 'LAPS LED', 'LED'],
  time: ['TIME', 'TOTAL_TIME', 'TOTAL TIME'],
  best_lap: ['BEST_LAP', 'BEST LAP', 'BEST', 'FASTEST LAP'],
  platform_id: ['PLATFORM_ID', 'ID', 'DRIVER_ID', 'CUST_ID'],
  class_position: ['CLASS_POSITION', 'PIC', 'CLASS POS'],
};

/**
 * Status words that cannot be anything else in a results table. Short ones that could be a class
 * or a country (NC, EX, WD) are left out: these are the words that must not be lost.
 */
const TELLTALE_STATUSES: ReadonlySet<string> = new Set([
  'DSQ',
  'DQ',
  'DISQUALIFIED',
  'DNF',
  'DNS',
  'RETIRED',
  'EXCLUDED',
  'WITHDRAWN',
  'DISCONNECTED',
  'NOT CLASSIFIED',
  'DID NOT START',
  'DID NOT FINISH',
]);

/** Parses `position=Pos,driver=Driver` into a mapping; unknown field names are returned as errors. */
export function parseColumnMap(text: string): { map: Record<string, string>; unknown: string[] } {
  const map: Record<string, string> = {};
  const unknown: string[] = [];
  for (const part of text.split(',')) {
    const [field, column] = part.split('=').map((s) => s.trim());
    if (!field || !column) continue;
    if ((GENERIC_FIELDS as readonly string[]).includes(field)) map[field] = column;
    else unknown.push(field);
  }
  return { map, unknown };
}

/** The column of each field, or the issues that stop the import at the header. */
function mapColumns(
  header: CsvHeader,
  columns: Readonly<Record<string, string>> | undefined,
  file: string,
  report: (i: ReturnType<typeof lineIssue>) => void,
): Map<GenericField, number> | undefined {
  const column = new Map<GenericField, number>();
  let ok = true;
  for (const field of GENERIC_FIELDS) {
    const wanted = columns?.[field];
    if (wanted !== undefined) {
      const at = header.index.get(wanted.trim().toUpperCase());
      if (at === undefined) {
        ok = false;
        report(
          lineIssue(
            file,
            1,
            'import.no-column',
            `no column "${wanted}" (mapped to ${field}) in the header`,
            `Columns: ${header.cells.join(', ')}.`,
          ),
        );
      } else column.set(field, at);
      continue;
    }
    const at = ALIASES[field].map((a) => header.index.get(a)).find((i) => i !== undefined);
    if (at !== undefined) column.set(field, at);
  }
  if (!column.has('position') && !column.has('status')) {
    ok = false;
    report(
      lineIssue(
        file,
        1,
        'import.no-position',
        'no position or status column',
        'Map one: --map position=<header>.',
      ),
    );
  }
  if (!column.has('car') && !column.has('driver') && !column.has('platform_id')) {
    ok = false;
    report(
      lineIssue(
        file,
        1,
        'import.no-identity',
        'no car, driver or platform id column to match entries by',
        'Map one: --map car=<header> or driver=<header>.',
      ),
    );
  }
  return ok ? column : undefined;
}

export const readGenericCsv: ResultsReader = async (source, file, options, sink) => {
  let column: Map<GenericField, number> | undefined;
  let header: CsvHeader | undefined;
  /** Columns that no field reads, checked for status words when no status column is mapped. */
  let unmapped: number[] = [];
  await readCsvStream(source, file, {
    header(h) {
      header = h;
      column = mapColumns(h, options.columns, file, (i) => sink.issue(i));
      if (!column) return false;
      const used = new Set(column.values());
      unmapped = column.has('status') ? [] : h.cells.map((_, i) => i).filter((i) => !used.has(i));
      return true;
    },
    issue: (i) => sink.issue(i),
    record(cells, line) {
      const row = readRow(cells, line, column!, header!, unmapped, file, sink);
      if (row) sink.row(row);
    },
  });
  return {};
};

/** One record as a row, or undefined when it was refused (the issue is already reported). */
function readRow(
  cells: readonly string[],
  line: number,
  column: ReadonlyMap<GenericField, number>,
  header: CsvHeader,
  unmapped: readonly number[],
  file: string,
  sink: { issue(i: ReturnType<typeof lineIssue>): void },
): ImportedRow | undefined {
  const get = (f: GenericField) => {
    const i = column.get(f);
    return i === undefined ? undefined : cells[i];
  };
  const fail = (issue: ReturnType<typeof lineIssue>) => {
    sink.issue(issue);
    return undefined;
  };
  for (const i of unmapped) {
    const cell = cells[i]!;
    if (cell.length <= 16 && TELLTALE_STATUSES.has(cell.toUpperCase()))
      return fail(
        lineIssue(
          file,
          line,
          'import.unmapped-status',
          `column "${header.cells[i]}" holds "${cell}", a status, but no status column is mapped: the row would be imported as classified`,
          `Map it: --map status=${header.cells[i]}.`,
        ),
      );
  }
  const where = (field: string) => ({
    file,
    line,
    field: `${field} (column "${header.cells[column.get(field as GenericField)!]}")`,
  });
  const positionText = get('position') ?? '';
  const statusText = get('status') || undefined;
  let status: Status | undefined;
  if (statusText !== undefined) {
    status = parseStatus(statusText);
    if (status === undefined)
      return fail(
        lineIssue(
          file,
          line,
          'import.bad-status',
          `status "${statusText.slice(0, 40)}" not understood`,
          'Use Classified, DNF, DNS, DSQ, NC, WD or EX.',
        ),
      );
  }
  let position: number | undefined;
  const positionAsStatus = positionText === '' ? undefined : parseStatus(positionText);
  if (positionAsStatus !== undefined && !/^\d/.test(positionText)) {
    // A position cell may hold a status instead ("DNF").
    if (status === undefined || status === 'classified') status = positionAsStatus;
  } else {
    const read = readCount(positionText, where('position'), MAX_POSITION, 1);
    if (!read.ok) return fail(read.issue);
    position = read.value;
  }
  if (status === undefined && position === undefined)
    return fail(
      lineIssue(
        file,
        line,
        'import.no-result',
        'the row has neither a position nor a status',
        'Give a position, or a status such as DNF.',
      ),
    );
  status ??= 'classified';
  const laps = readCount(get('laps'), where('laps'), MAX_LAPS);
  if (!laps.ok) return fail(laps.issue);
  const lapsLed = readCount(get('laps_led'), where('laps_led'), laps.value ?? MAX_LAPS);
  if (!lapsLed.ok) return fail(lapsLed.issue);
  const classPosition = readCount(get('class_position'), where('class_position'), MAX_POSITION, 1);
  if (!classPosition.ok) return fail(classPosition.issue);
  const texts: Partial<Record<GenericField, string>> = {};
  for (const f of ['car', 'driver', 'team', 'class', 'time', 'best_lap', 'platform_id'] as const) {
    const t = readText(get(f), where(f));
    if (!t.ok) return fail(t.issue);
    if (t.value !== undefined) texts[f] = t.value;
  }
  const drivers = (texts.driver ?? '')
    .split(/\s*[;/]\s*|\s+&\s+/)
    .map((d) => d.trim())
    .filter(Boolean);
  const car = texts.car?.replace(/^#/, '');
  if (!car && !drivers.length && !texts.platform_id)
    return fail(lineIssue(file, line, 'import.no-identity', 'the row names no car, driver or platform id'));
  const row: { -readonly [K in keyof ImportedRow]: ImportedRow[K] } = { line, drivers, status };
  if (position !== undefined && status === 'classified') row.position = position;
  if (classPosition.value !== undefined && status === 'classified') row.classPosition = classPosition.value;
  if (car) row.car = car;
  if (texts.platform_id) row.platformId = texts.platform_id;
  if (texts.team) row.team = texts.team;
  if (texts.class) row.className = texts.class;
  if (laps.value !== undefined) row.laps = laps.value;
  if (lapsLed.value !== undefined) row.lapsLed = lapsLed.value;
  if (texts.time) row.time = texts.time;
  if (texts.best_lap) {
    row.bestLap = texts.best_lap;
    const ms = lapTimeMs(row.bestLap);
    if (ms !== undefined) row.bestLapMs = ms;
  }
  return row;
}
