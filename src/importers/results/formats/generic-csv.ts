/**
 * A CSV (or semicolon/tab separated) results table of any shape, read through a column mapping:
 * `--map position=Pos,driver=Driver,car=No`. Without a mapping, headers named like Paddock's
 * fields (position, car, driver, team, class, status, laps, time ...) are used.
 */
import { decodeText } from '../decode.js';
import { readCsvTable } from '../csv-table.js';
import { lineIssue, parseCount, parseStatus } from '../imported-row.js';
import type { ImportedRow, ParsedResults, ResultsParser } from '../imported-row.js';

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

export const parseGenericCsv: ResultsParser = (bytes, file, options): ParsedResults => {
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return { rows: [], issues: decoded.issues };
  const table = readCsvTable(decoded.value, file);
  if (!table.header.length) return { rows: [], issues: table.issues };
  const issues = [...table.issues];
  const column = new Map<GenericField, number>();
  for (const field of GENERIC_FIELDS) {
    const wanted = options.columns?.[field];
    if (wanted !== undefined) {
      const at = table.index.get(wanted.trim().toUpperCase());
      if (at === undefined)
        issues.push(
          lineIssue(
            file,
            1,
            'import.no-column',
            `no column "${wanted}" (mapped to ${field}) in the header`,
            `Columns: ${table.header.join(', ')}.`,
          ),
        );
      else column.set(field, at);
      continue;
    }
    const at = ALIASES[field].map((a) => table.index.get(a)).find((i) => i !== undefined);
    if (at !== undefined) column.set(field, at);
  }
  if (!column.has('position') && !column.has('status'))
    issues.push(
      lineIssue(
        file,
        1,
        'import.no-position',
        'no position or status column',
        'Map one: --map position=<header>.',
      ),
    );
  if (!column.has('car') && !column.has('driver') && !column.has('platform_id'))
    issues.push(
      lineIssue(
        file,
        1,
        'import.no-identity',
        'no car, driver or platform id column to match entries by',
        'Map one: --map car=<header> or driver=<header>.',
      ),
    );
  if (issues.some((i) => i.location?.line === 1)) return { rows: [], issues };
  const rows: ImportedRow[] = [];
  for (const { cells, line } of table.records) {
    const get = (f: GenericField) => {
      const i = column.get(f);
      return i === undefined ? undefined : cells[i];
    };
    const positionText = get('position') ?? '';
    const position = parseCount(positionText);
    const statusText = get('status') || undefined;
    let status = statusText === undefined ? undefined : parseStatus(statusText);
    if (statusText !== undefined && status === undefined) {
      issues.push(
        lineIssue(
          file,
          line,
          'import.bad-status',
          `status "${statusText}" not understood`,
          'Use Classified, DNF, DNS, DSQ, NC, WD or EX.',
        ),
      );
      continue;
    }
    if (position === null) {
      const asStatus = parseStatus(positionText);
      if (!asStatus) {
        issues.push(
          lineIssue(file, line, 'import.bad-position', `position "${positionText}" is not a whole number`),
        );
        continue;
      }
      status = asStatus;
    }
    if (status === undefined && position === undefined) {
      issues.push(
        lineIssue(
          file,
          line,
          'import.no-result',
          'the row has neither a position nor a status',
          'Give a position, or a status such as DNF.',
        ),
      );
      continue;
    }
    status ??= 'classified';
    const laps = parseCount(get('laps'));
    const lapsLed = parseCount(get('laps_led'));
    const classPosition = parseCount(get('class_position'));
    if (laps === null || lapsLed === null || classPosition === null) {
      issues.push(
        lineIssue(file, line, 'import.bad-number', 'laps, laps led and class position must be whole numbers'),
      );
      continue;
    }
    const drivers = (get('driver') ?? '')
      .split(/\s*[;/]\s*|\s+&\s+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const car = get('car')?.replace(/^#/, '');
    const platformId = get('platform_id');
    if (!car && !drivers.length && !platformId) {
      issues.push(lineIssue(file, line, 'import.no-identity', 'the row names no car, driver or platform id'));
      continue;
    }
    rows.push({
      line,
      ...(position === undefined || position === null || status !== 'classified' ? {} : { position }),
      ...(classPosition === undefined ? {} : { classPosition }),
      ...(car ? { car } : {}),
      ...(platformId ? { platformId } : {}),
      drivers,
      ...(get('team') ? { team: get('team')! } : {}),
      ...(get('class') ? { className: get('class')! } : {}),
      status,
      ...(laps === undefined ? {} : { laps }),
      ...(lapsLed === undefined ? {} : { lapsLed }),
      ...(get('time') ? { time: get('time')! } : {}),
      ...(get('best_lap') ? { bestLap: get('best_lap')! } : {}),
    });
  }
  return { rows, issues };
};
