/**
 * Reading CSV tables with line numbers. Each row is validated by a zod schema; problems name the
 * file, the line and the column header.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Issue, Result } from '../engine/index.js';

export interface CsvRow<T> {
  readonly value: T;
  readonly line: number;
  /** 1-based column number of each header, for locating a field. */
  readonly columns: Readonly<Record<string, number>>;
}

/** Parses CSV text with a header row and validates every row; reports every bad row. */
export function parseCsv<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  required: readonly string[] = [],
): Result<CsvRow<z.output<S>>[]> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse<Record<string, string>>(text, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return {
      ok: false,
      issues: [
        {
          code: 'csv.syntax',
          path: [file],
          message: `CSV: ${err.message}`,
          hint: 'Check quoting and the number of fields on this line.',
          location: { file, ...(err.lines === undefined ? {} : { line: err.lines }) },
        },
      ],
    };
  }
  const header = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((h) => h.trim());
  const columns = Object.fromEntries(header.map((h, i) => [h, i + 1]));
  const missing = required.filter((r) => !(r in columns));
  if (missing.length) {
    return {
      ok: false,
      issues: [
        {
          code: 'csv.missing-column',
          path: [file],
          message: `missing column(s) ${missing.join(', ')}`,
          hint: `The header must name: ${required.join(',')}.`,
          location: { file, line: 1 },
        },
      ],
    };
  }
  const rows: CsvRow<z.output<S>>[] = [];
  const issues: Issue[] = [];
  for (const { record, info } of records) {
    const cleaned = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === '' ? undefined : v]));
    const parsed = schema.safeParse(cleaned);
    if (parsed.success) rows.push({ value: parsed.data, line: info.lines, columns });
    else {
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? '');
        const column = columns[field];
        issues.push({
          code: `schema.${i.code}`,
          path: [file, info.lines, field],
          message: `field "${field}": ${i.message}${cleaned[field] === undefined ? '' : ` (got "${String(cleaned[field])}")`}`,
          location: { file, line: info.lines, ...(column === undefined ? {} : { column }) },
        });
      }
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: rows };
}
