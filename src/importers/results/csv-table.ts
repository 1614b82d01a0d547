/**
 * Reading a delimited table with line numbers for the CSV-shaped importers. The delimiter is
 * taken from the header line (timing providers publish semicolon-separated files); header names
 * are trimmed and compared case-insensitively, because they drift between events.
 */
import { parse } from 'csv-parse/sync';
import type { Issue } from '../../engine/index.js';
import { lineIssue } from './imported-row.js';

export interface CsvTable {
  readonly header: readonly string[];
  /** Normalized header name (upper case, trimmed) -> column index. */
  readonly index: ReadonlyMap<string, number>;
  readonly records: readonly { readonly cells: readonly string[]; readonly line: number }[];
  readonly issues: readonly Issue[];
}

/** The delimiter used on the header line: ';', tab or ','. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', '\t', ','].map((d) => [d, first.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![1] > 0
    ? [...counts].sort((a, b) => b[1] - a[1])[0]![0]
    : ',';
}

/** The 1-based numbers of the lines that are not empty. */
function nonEmptyLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      if (end > start && !(line === 1 && end - start === 1 && text.charCodeAt(start) === 0xfeff))
        out.push(line);
      line++;
      start = i + 1;
    }
  }
  return out;
}

/** Parses a delimited table; rows with the wrong number of fields are reported with their line. */
export function readCsvTable(text: string, file: string): CsvTable {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    };
    if (text.includes('"')) {
      // Quoted fields may span lines: let the parser count them (about twice as slow).
      records = parse(text, { ...options, info: true }) as unknown as typeof records;
    } else {
      // No quotes: every non-empty line is one record, so lines are counted here.
      const lines = nonEmptyLines(text);
      records = parse(text, options).map((record, i) => ({
        record,
        info: { lines: lines[i] ?? lines.length },
      }));
    }
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return {
      header: [],
      index: new Map(),
      records: [],
      issues: [
        lineIssue(
          file,
          err.lines ?? 1,
          'import.csv-syntax',
          `CSV: ${err.message}`,
          'Check quoting on this line.',
        ),
      ],
    };
  }
  if (records.length === 0)
    return {
      header: [],
      index: new Map(),
      records: [],
      issues: [lineIssue(file, 1, 'import.empty', 'the file has no header line')],
    };
  const header = records[0]!.record.map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h.toUpperCase(), i]));
  const issues: Issue[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  for (const { record, info } of records.slice(1)) {
    // A trailing delimiter gives one empty extra field; anything else is a broken row.
    const cells = record.length === header.length + 1 && record.at(-1) === '' ? record.slice(0, -1) : record;
    if (cells.length !== header.length) {
      issues.push(
        lineIssue(
          file,
          info.lines,
          'import.field-count',
          `line has ${cells.length} fields; the header has ${header.length}`,
          'The line may be cut short, or a field holds an unquoted delimiter.',
        ),
      );
      continue;
    }
    for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
    rows.push({ cells, line: info.lines });
  }
  return { header, index, records: rows, issues };
}
