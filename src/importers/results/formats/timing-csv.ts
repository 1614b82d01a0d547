/**
 * The classification CSV that professional timing providers publish for IMSA-sanctioned and
 * endurance series: semicolon-separated, UTF-8 with a byte-order mark, upper-case headers whose
 * spelling drifts between events (" NUMBER" with a leading space, DRIVER_1 or DRIVER1_FIRSTNAME
 * + DRIVER1_SECONDNAME). The file name ("..._Official.CSV", "..._Provisional.CSV") says
 * provisional or final.
 */
import type { ResultState } from '../../../engine/index.js';
import { readCsvStream } from '../csv-table.js';
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

interface DriverColumns {
  readonly full?: number;
  readonly first?: number;
  readonly last?: number;
}

export const readTimingCsv: ResultsReader = async (source, file, _options, sink) => {
  let index = new Map<string, number>();
  const driverColumns: DriverColumns[] = [];
  const col = (name: string) => index.get(name);
  await readCsvStream(source, file, {
    header(h) {
      index = new Map(h.index);
      for (const [name, others] of Object.entries(SYNONYMS))
        if (!index.has(name)) {
          const at = others.map((o) => index.get(o)).find((i) => i !== undefined);
          if (at !== undefined) index.set(name, at);
        }
      const missing = REQUIRED.filter((n) => !index.has(n));
      if (missing.length) {
        sink.issue(
          lineIssue(
            file,
            1,
            'import.missing-column',
            `missing column(s) ${missing.join(', ')}`,
            `A timing classification has POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;...; this header has ${h.cells.join(';')}.`,
          ),
        );
        return false;
      }
      for (let n = 1; n <= 8; n++) {
        const full =
          col(`DRIVER_${n}`) ?? col(`DRIVER${n}`) ?? col(`DRIVER_${n}_NAME`) ?? col(`DRIVER${n}_NAME`);
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
      return true;
    },
    issue: (i) => sink.issue(i),
    record(cells, line) {
      const row = readRow(cells, line);
      if (row) sink.row(row);
    },
  });
  const state = stateFromFileName(file);
  return state ? { state } : {};

  function readRow(cells: readonly string[], line: number): ImportedRow | undefined {
    const get = (name: string) => {
      const i = col(name);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const fail = (issue: ReturnType<typeof lineIssue>) => void sink.issue(issue);
    const where = (field: string) => ({ file, line, field });
    const statusText = get('STATUS');
    const status = parseStatus(statusText);
    if (!status)
      return fail(
        lineIssue(
          file,
          line,
          'import.bad-status',
          `STATUS "${statusText.slice(0, 40)}" not understood`,
          'Expected Classified, Not classified, Retired, DNS, DSQ ...',
        ),
      );
    const position = readCount(get('POSITION'), where('POSITION'), MAX_POSITION, 1);
    if (!position.ok) return fail(position.issue);
    const laps = readCount(get('LAPS'), where('LAPS'), MAX_LAPS);
    if (!laps.ok) return fail(laps.issue);
    const classPositionField = ['PIC', 'CLASS_POSITION', 'POSITION_IN_CLASS'].find((n) => get(n) !== '');
    const classPosition = readCount(
      classPositionField && get(classPositionField),
      where(classPositionField ?? 'PIC'),
      MAX_POSITION,
      1,
    );
    if (!classPosition.ok) return fail(classPosition.issue);
    const texts = new Map<string, string>();
    for (const name of ['NUMBER', 'TEAM', 'CLASS', 'TOTAL_TIME', 'FL_TIME']) {
      const t = readText(get(name), where(name));
      if (!t.ok) return fail(t.issue);
      if (t.value !== undefined) texts.set(name, t.value);
    }
    const car = texts.get('NUMBER')?.replace(/^#/, '');
    if (!car) return fail(lineIssue(file, line, 'import.no-car', 'the row has no car NUMBER'));
    const drivers: string[] = [];
    for (const [n, d] of driverColumns.entries()) {
      const name =
        d.full !== undefined
          ? (cells[d.full] ?? '')
          : `${d.first === undefined ? '' : (cells[d.first] ?? '')} ${d.last === undefined ? '' : (cells[d.last] ?? '')}`;
      const t = readText(name, where(`driver ${n + 1}`));
      if (!t.ok) return fail(t.issue);
      if (t.value) drivers.push(t.value);
    }
    const row: { -readonly [K in keyof ImportedRow]: ImportedRow[K] } = { line, car, drivers, status };
    if (position.value !== undefined && status === 'classified') row.position = position.value;
    if (classPosition.value !== undefined && status === 'classified') row.classPosition = classPosition.value;
    if (texts.has('TEAM')) row.team = texts.get('TEAM')!;
    if (texts.has('CLASS')) row.className = texts.get('CLASS')!;
    if (laps.value !== undefined) row.laps = laps.value;
    if (texts.has('TOTAL_TIME')) row.time = texts.get('TOTAL_TIME')!;
    if (texts.has('FL_TIME')) {
      row.bestLap = texts.get('FL_TIME')!;
      const ms = lapTimeMs(row.bestLap);
      if (ms !== undefined) row.bestLapMs = ms;
    }
    return row;
  }
};
