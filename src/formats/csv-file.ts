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

/** One record as csv-parse gives it with `columns` and `info`: fields by header, and its line. */
export interface CsvRecord {
  readonly record: Record<string, string>;
  readonly info: { readonly lines: number };
}

/**
 * Characters the plain reading leaves to csv-parse: quotes, and white space other than blanks
 * and tabs (so String#trim and csv-parse's trimming cannot differ).
 */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed are exactly what it looks for
const NOT_PLAIN = /["\u000b\u000c\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * The records of CSV text without quotes, exactly as csv-parse reads them with the options of
 * `parseCsv` (a leading BOM dropped, fields trimmed, blank lines skipped, each record with its
 * line), found by splitting lines and commas; undefined when the text needs the full parser
 * (quotes, lone carriage returns, mixed line ends, rows of the wrong length, unusual header
 * names, unusual white space). Most season files are plain, and splitting them is several times
 * faster than the general parser, which matters for a command that reads a season and exits.
 * src/formats/csv-file.test.ts checks both readings agree on generated text.
 */
export function plainCsvRecords(text: string): CsvRecord[] | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (NOT_PLAIN.test(body)) return undefined;
  let lines: string[];
  if (body.includes('\r')) {
    lines = body.split('\r\n');
    for (const l of lines) if (l.includes('\r') || l.includes('\n')) return undefined;
  } else lines = body.split('\n');
  let header: string[] | undefined;
  const records: CsvRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = line.split(',');
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      if (new Set(header).size !== header.length || header.includes('__proto__')) return undefined;
      continue;
    }
    if (fields.length !== header.length) return undefined;
    const record: Record<string, string> = {};
    for (let f = 0; f < fields.length; f++) record[header[f]!] = fields[f]!.trim();
    records.push({ record, info: { lines: i + 1 } });
  }
  return records;
}

/** Parses CSV text with a header row and validates every row; reports every bad row. */
export function parseCsv<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  required: readonly string[] = [],
): Result<CsvRow<z.output<S>>[]> {
  let records: CsvRecord[];
  try {
    records =
      plainCsvRecords(text) ??
      (parse<Record<string, string>>(text, {
        columns: (h: string[]) => h.map((c) => c.trim()),
        bom: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
        relax_column_count: false,
      }) as unknown as CsvRecord[]);
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
    const cleaned: Record<string, string | undefined> = {};
    for (const k in record) {
      const v = record[k];
      cleaned[k] = v === '' ? undefined : v;
    }
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
