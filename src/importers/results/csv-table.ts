/**
 * Reading a delimited table with line numbers for the CSV-shaped importers, as a stream: each
 * piece of decoded text is split into records and handed on, so a 50 MB file is never held whole.
 * The delimiter is taken from the header line (timing providers publish semicolon-separated
 * files); header names are trimmed and compared case-insensitively, because they drift between
 * events.
 *
 * A piece without a quote character is split at line ends and delimiters directly (what any CSV
 * parser does with such text, ten times faster than a general parser); a piece with quotes goes
 * through csv-parse, and a quoted field left open at its end is completed with the next piece.
 */
import { parse } from 'csv-parse/sync';
import type { Issue } from '../../engine/index.js';
import { decodePieces, MAX_LINE_BYTES } from './decode.js';
import type { ByteSource } from './decode.js';
import { lineIssue } from './imported-row.js';

export interface CsvHeader {
  readonly cells: readonly string[];
  /** Normalized header name (upper case, trimmed) -> column index. */
  readonly index: ReadonlyMap<string, number>;
}

export interface CsvVisitor {
  /** The header line; returning false stops reading (the header was reported as unusable). */
  header(header: CsvHeader): boolean;
  /** One record with as many trimmed cells as the header, and the line it starts on. */
  record(cells: readonly string[], line: number): void;
  issue(issue: Issue): void;
}

/** The delimiter used on the header line: ';', tab or ','. */
export function detectDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [';', '\t', ',']) {
    const n = line.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/** Reads a delimited table; rows with the wrong number of fields are reported with their line. */
export async function readCsvStream(source: ByteSource, file: string, visitor: CsvVisitor): Promise<void> {
  let delimiter: string | undefined;
  /** '\n' (with '\r\n') or '\r' alone, from the first line end of the file. */
  let lineEnd: '\n' | '\r' | undefined;
  let header: CsvHeader | undefined;
  let stopped = false;
  /** The line the next piece starts on. */
  let line = 1;
  /** Text of a piece whose last quoted field was still open, waiting for the next piece. */
  let carried = '';
  let carriedLine = 1;

  const take = (cells: string[], at: number): void => {
    if (stopped) return;
    if (!header) {
      const trimmed = cells.map((c) => c.trim());
      header = { cells: trimmed, index: new Map(trimmed.map((h, i) => [h.toUpperCase(), i])) };
      if (!visitor.header(header)) stopped = true;
      return;
    }
    const width = header.cells.length;
    // A trailing delimiter gives one empty extra field; anything else is a broken row.
    if (cells.length === width + 1 && cells[width] === '') cells.length = width;
    if (cells.length !== width) {
      visitor.issue(
        lineIssue(
          file,
          at,
          'import.field-count',
          `line has ${cells.length} fields; the header has ${width}`,
          'The line may be cut short, or a field holds an unquoted delimiter.',
        ),
      );
      return;
    }
    for (let i = 0; i < width; i++) cells[i] = cells[i]!.trim();
    visitor.record(cells, at);
  };

  /** A piece without quotes: every non-empty line is one record. */
  const splitPlain = (text: string, first: number): void => {
    let at = first;
    let start = 0;
    while (start < text.length && !stopped) {
      let end = text.indexOf(lineEnd!, start);
      if (end < 0) end = text.length;
      let stop = end;
      if (lineEnd === '\n' && stop > start && text.charCodeAt(stop - 1) === 13) stop--;
      if (stop > start) take(text.slice(start, stop).split(delimiter!), at);
      at++;
      start = end + 1;
    }
  };

  /** A piece with quotes, through csv-parse; false when a quoted field is still open at its end. */
  const parseQuoted = (text: string, first: number, last: boolean): boolean => {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(text, {
        delimiter: delimiter!,
        record_delimiter: lineEnd === '\r' ? '\r' : ['\r\n', '\n'],
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
      }) as unknown as typeof records;
    } catch (e) {
      const err = e as { code?: string; message: string; lines?: number };
      if (err.code === 'CSV_QUOTE_NOT_CLOSED' && !last) return false;
      visitor.issue(
        lineIssue(
          file,
          first - 1 + (err.lines ?? 1),
          'import.csv-syntax',
          `CSV: ${err.message.replace(/ at line \d+$/, '')}`,
          'Check quoting on this line.',
        ),
      );
      stopped = true;
      return true;
    }
    for (const { record, info } of records) {
      // csv-parse counts to the record's last line; a quoted line break inside it moves the start up.
      let inner = 0;
      for (const cell of record)
        for (let i = cell.indexOf(lineEnd!); i >= 0; i = cell.indexOf(lineEnd!, i + 1)) inner++;
      take(record, first - 1 + info.lines - inner);
      if (stopped) break;
    }
    return true;
  };

  const handle = (text: string, first: number, last: boolean): void => {
    lineEnd ??= '\n';
    if (delimiter === undefined) {
      const firstLine = text.split(lineEnd).find((l) => l.trim() !== '');
      if (firstLine === undefined) return;
      delimiter = detectDelimiter(firstLine);
    }
    const whole = carried + text;
    const from = carried ? carriedLine : first;
    if (!whole.includes('"')) {
      carried = '';
      splitPlain(whole, from);
      return;
    }
    if (parseQuoted(whole, from, last)) {
      carried = '';
      return;
    }
    if (whole.length > MAX_LINE_BYTES) {
      visitor.issue(
        lineIssue(
          file,
          from,
          'import.csv-syntax',
          `a quoted field is still open ${MAX_LINE_BYTES / 1024 / 1024} MB after line ${from}`,
          'Check quoting near this line.',
        ),
      );
      stopped = true;
      return;
    }
    carried = whole;
    carriedLine = from;
  };

  let previous: string | undefined;
  let previousLine = 1;
  const issue = (i: Issue) => {
    visitor.issue(i);
    stopped = true;
  };
  for await (const piece of decodePieces(source, file, issue)) {
    if (stopped) break;
    lineEnd ??= detectLineEnd(piece);
    // Hold one piece back, so the last one is known (an open quote at the very end is an error).
    if (previous !== undefined) handle(previous, previousLine, false);
    previous = piece;
    previousLine = line;
    line += countLines(piece, lineEnd);
  }
  if (stopped) return;
  if (previous !== undefined) handle(previous, previousLine, true);
  if (!header && !stopped) visitor.issue(lineIssue(file, 1, 'import.empty', 'the file has no header line'));
}

/** '\r' when the first line end of the text is a carriage return alone, '\n' when it is a line feed (or CRLF). */
function detectLineEnd(text: string): '\n' | '\r' | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf - 1)) return '\r';
  return lf >= 0 ? '\n' : undefined;
}

/** Line ends in a piece (before the file's line end is known, line feeds). */
function countLines(text: string, lineEnd: '\n' | '\r' | undefined): number {
  const end = lineEnd ?? '\n';
  let n = 0;
  for (let at = text.indexOf(end); at >= 0; at = text.indexOf(end, at + 1)) n++;
  return n;
}
