/**
 * The classification CSV that professional timing providers publish for IMSA-sanctioned and
 * endurance series: semicolon-separated, UTF-8 with a byte-order mark, upper-case headers whose
 * spelling drifts between events (" NUMBER" with a leading space, DRIVER_1 or DRIVER1_FIRSTNAME
 * + DRIVER1_SECONDNAME). Class positions are derived from the overall order and the CLASS
 * column; the file name ("..._Official.CSV", "..._Provisional.CSV") says provisional or final.
 */
import type { ResultState } from '../../../engine/index.js';
import { decodeText } from '../decode.js';
import { readCsvTable } from '../csv-table.js';
import { lineIssue, parseCount, parseStatus, withClassPositions } from '../imported-row.js';
import type { ImportedRow, ParsedResults, ResultsParser } from '../imported-row.js';

/** Provisional or final from the file name, as timing providers name their PDFs and CSVs. */
export function stateFromFileName(file: string): ResultState | undefined {
  const name = file.split(/[\\/]/).pop() ?? file;
  if (/provisional|unofficial/i.test(name)) return 'provisional';
  if (/official|final/i.test(name)) return 'final';
  return undefined;
}

const REQUIRED = ['POSITION', 'NUMBER', 'STATUS'];
/** Header spellings seen for the same column in different events' files. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = { POSITION: ['POS'], NUMBER: ['NO', 'CAR'] };

export const parseTimingCsv: ResultsParser = (bytes, file): ParsedResults => {
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return { rows: [], issues: decoded.issues };
  const table = readCsvTable(decoded.value, file);
  if (!table.header.length) return { rows: [], issues: table.issues };
  const index = new Map(table.index);
  for (const [name, others] of Object.entries(SYNONYMS))
    if (!index.has(name)) {
      const at = others.map((o) => index.get(o)).find((i) => i !== undefined);
      if (at !== undefined) index.set(name, at);
    }
  const missing = REQUIRED.filter((h) => !index.has(h));
  if (missing.length)
    return {
      rows: [],
      issues: [
        ...table.issues,
        lineIssue(
          file,
          1,
          'import.missing-column',
          `missing column(s) ${missing.join(', ')}`,
          `A timing classification has POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;...; this header has ${table.header.join(';')}.`,
        ),
      ],
    };
  const issues = [...table.issues];
  const col = (name: string) => index.get(name);
  const driverColumns: { full?: number; first?: number; last?: number }[] = [];
  for (let n = 1; n <= 8; n++) {
    const full = col(`DRIVER_${n}`) ?? col(`DRIVER${n}`) ?? col(`DRIVER_${n}_NAME`) ?? col(`DRIVER${n}_NAME`);
    const first = col(`DRIVER_${n}_FIRSTNAME`) ?? col(`DRIVER${n}_FIRSTNAME`);
    const last =
      col(`DRIVER_${n}_SECONDNAME`) ??
      col(`DRIVER${n}_SECONDNAME`) ??
      col(`DRIVER_${n}_LASTNAME`) ??
      col(`DRIVER${n}_LASTNAME`);
    if (full !== undefined || first !== undefined || last !== undefined)
      driverColumns.push({
        ...(full === undefined ? {} : { full }),
        ...(first === undefined ? {} : { first }),
        ...(last === undefined ? {} : { last }),
      });
  }
  const rows: ImportedRow[] = [];
  for (const { cells, line } of table.records) {
    const get = (name: string) => {
      const i = col(name);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const statusText = get('STATUS');
    const status = parseStatus(statusText);
    if (!status) {
      issues.push(
        lineIssue(
          file,
          line,
          'import.bad-status',
          `STATUS "${statusText}" not understood`,
          'Expected Classified, Not classified, Retired, DNS, DSQ ...',
        ),
      );
      continue;
    }
    const position = parseCount(get('POSITION'));
    const laps = parseCount(get('LAPS'));
    if (position === null || laps === null) {
      issues.push(
        lineIssue(
          file,
          line,
          'import.bad-number',
          `POSITION "${get('POSITION')}" and LAPS "${get('LAPS')}" must be whole numbers`,
        ),
      );
      continue;
    }
    const car = get('NUMBER').replace(/^#/, '');
    if (!car) {
      issues.push(lineIssue(file, line, 'import.no-car', 'the row has no car NUMBER'));
      continue;
    }
    const drivers = driverColumns
      .map((d) =>
        d.full !== undefined
          ? (cells[d.full] ?? '')
          : `${d.first === undefined ? '' : (cells[d.first] ?? '')} ${d.last === undefined ? '' : (cells[d.last] ?? '')}`,
      )
      .map((n) => n.trim())
      .filter(Boolean);
    const classPosition = parseCount(get('PIC') || get('CLASS_POSITION') || get('POSITION_IN_CLASS'));
    rows.push({
      line,
      ...(position === undefined || status !== 'classified' ? {} : { position }),
      ...(typeof classPosition === 'number' && status === 'classified' ? { classPosition } : {}),
      car,
      drivers,
      ...(get('TEAM') ? { team: get('TEAM') } : {}),
      ...(get('CLASS') ? { className: get('CLASS') } : {}),
      status,
      ...(laps === undefined ? {} : { laps }),
      ...(get('TOTAL_TIME') ? { time: get('TOTAL_TIME') } : {}),
      ...(get('FL_TIME') ? { bestLap: get('FL_TIME') } : {}),
    });
  }
  const state = stateFromFileName(file);
  return { rows: withClassPositions(rows), issues, ...(state ? { state } : {}) };
};
