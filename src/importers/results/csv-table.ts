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

/** Parses a delimited table; rows with the wrong number of fields are reported with their line. */
export function readCsvTable(text: string, file: string): CsvTable {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
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
    rows.push({ cells: cells.map((c) => c.trim()), line: info.lines });
  }
  return { header, index, records: rows, issues };
}
