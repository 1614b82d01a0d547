/**
 * Turning the bytes of an imported file into text: UTF-8 with or without a byte-order mark, and
 * UTF-16 (ACC writes its result files as UTF-16LE). Bytes that are not valid in the encoding are
 * reported with the line they are on, never silently replaced.
 *
 * A file arrives either whole (a `Uint8Array`) or as a stream of chunks: line-shaped formats are
 * decoded piece by piece, so a 50 MB file never sits in memory as one string.
 */
import type { Issue, Result } from '../../engine/index.js';
import { lineIssue } from './imported-row.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The bytes of a file: whole, or as chunks in order (a file read stream). */
export type ByteSource = Uint8Array | AsyncIterable<Uint8Array>;

/**
 * The longest line a line-shaped file may have. A result row is a few hundred bytes; a longer line
 * is not a result row, and reading on would hold it all in memory.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Guesses the encoding from the byte-order mark, or from NUL bytes for BOM-less UTF-16. */
export function detectEncoding(bytes: Uint8Array, fallback: Encoding = 'utf-8'): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[1] === 0 && bytes[0] !== 0) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return 'utf-16be';
  return fallback;
}

const encodingIssue = (file: string, encoding: Encoding, line: number): Issue =>
  lineIssue(
    file,
    line,
    'import.encoding',
    `the file is not valid ${encoding.toUpperCase()} (first bad bytes on line ${line})`,
    'Save the file as UTF-8 (ACC result files: UTF-16LE).',
  );

/** Decodes bytes to text without a byte-order mark; invalid bytes are an issue naming their line. */
export function decodeText(bytes: Uint8Array, file: string, fallback: Encoding = 'utf-8'): Result<string> {
  const encoding = detectEncoding(bytes, fallback);
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, value: text.replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, issues: [encodingIssue(file, encoding, firstBadLine(bytes, encoding, 1))] };
  }
}

/** The line of the first undecodable bytes, decoding line by line from `firstLine`. */
function firstBadLine(bytes: Uint8Array, encoding: Encoding, firstLine: number): number {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let line = firstLine;
  let start = 0;
  for (;;) {
    const end = nextLineEnd(bytes, encoding, start);
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (end >= bytes.length) return line;
    start = end;
    line++;
  }
}

/** The offset just after the next line feed at or after `from` (or the end), on code unit boundaries. */
function nextLineEnd(bytes: Uint8Array, encoding: Encoding, from: number): number {
  if (encoding === 'utf-8') {
    const at = bytes.indexOf(10, from);
    return at < 0 ? bytes.length : at + 1;
  }
  const high = encoding === 'utf-16le' ? 1 : 0;
  for (let i = from; i + 1 < bytes.length; i += 2)
    if (bytes[i + 1 - high] === 10 && bytes[i + high] === 0) return i + 2;
  return bytes.length;
}

/**
 * The offset just after the last line end of `bytes` (a line feed, else a carriage return that is
 * not the last byte, so a CRLF pair is never split), or 0 when there is none.
 */
function lastLineEnd(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === 'utf-8') {
    const lf = bytes.lastIndexOf(10);
    if (lf >= 0) return lf + 1;
    // (lastIndexOf counts a negative start from the end: guard the one-byte case.)
    const cr = bytes.length < 2 ? -1 : bytes.lastIndexOf(13, bytes.length - 2);
    return cr >= 0 ? cr + 1 : 0;
  }
  const high = encoding === 'utf-16le' ? 1 : 0;
  let cr = 0;
  for (let i = (bytes.length & ~1) - 2; i >= 0; i -= 2) {
    if (bytes[i + high] !== 0) continue;
    const unit = bytes[i + 1 - high];
    if (unit === 10) return i + 2;
    if (unit === 13 && cr === 0 && i + 2 < (bytes.length & ~1)) cr = i + 2;
  }
  return cr;
}

const countLineFeeds = (text: string): number => {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
};

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) yield source;
  else yield* source;
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/**
 * Decodes a file in pieces that each end at a line end (the last piece may not), without the
 * byte-order mark. Stops after reporting the first undecodable bytes, or a line longer than
 * MAX_LINE_BYTES, with its line.
 */
export async function* decodePieces(
  source: ByteSource,
  file: string,
  report: (issue: Issue) => void,
  fallback: Encoding = 'utf-8',
): AsyncGenerator<string> {
  let pending: Uint8Array = new Uint8Array(0);
  let encoding: Encoding | undefined;
  let decoder: TextDecoder | undefined;
  let line = 1;
  let first = true;
  /** Decodes complete lines; false when the bytes are bad (reported). */
  const decode = (bytes: Uint8Array): string | undefined => {
    try {
      let text = decoder!.decode(bytes);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      line += countLineFeeds(text);
      return text;
    } catch {
      report(encodingIssue(file, encoding!, firstBadLine(bytes, encoding!, line)));
      return undefined;
    }
  };
  for await (const chunk of chunksOf(source)) {
    pending = concat(pending, chunk);
    if (!encoding) {
      // Four bytes are enough to tell a byte-order mark or UTF-16's NUL bytes.
      if (pending.length < 4) continue;
      encoding = detectEncoding(pending, fallback);
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    }
    const cut = lastLineEnd(pending, encoding);
    if (cut === 0) {
      if (pending.length > MAX_LINE_BYTES) {
        report(
          lineIssue(
            file,
            line,
            'import.long-line',
            `line ${line} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB: not a results table`,
            'Check that it is the right file and format.',
          ),
        );
        return;
      }
      continue;
    }
    const text = decode(pending.subarray(0, cut));
    if (text === undefined) return;
    pending = pending.slice(cut);
    yield text;
  }
  if (!encoding) {
    encoding = detectEncoding(pending, fallback);
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }
  if (pending.length === 0) return;
  const text = decode(pending);
  if (text !== undefined) yield text;
}

/**
 * JSON and XML results are read whole (their rows are found by position in the document), so their
 * size is capped: a sim's file with every lap of a 24-hour race is a few megabytes.
 */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** Reads and decodes a whole document of at most MAX_DOCUMENT_BYTES. */
export async function readDocumentText(
  source: ByteSource,
  file: string,
  fallback: Encoding = 'utf-8',
): Promise<Result<string>> {
  const bytes = await readAllBytes(source, file, MAX_DOCUMENT_BYTES);
  return bytes.ok ? decodeText(bytes.value, file, fallback) : bytes;
}

/** Reads a whole file into memory, refusing one of more than `maxBytes`. */
export async function readAllBytes(
  source: ByteSource,
  file: string,
  maxBytes: number,
): Promise<Result<Uint8Array>> {
  if (source instanceof Uint8Array)
    return source.length > maxBytes
      ? { ok: false, issues: [tooLarge(file, maxBytes)] }
      : { ok: true, value: source };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxBytes) return { ok: false, issues: [tooLarge(file, maxBytes)] };
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, value: out };
}

const tooLarge = (file: string, maxBytes: number): Issue =>
  lineIssue(
    file,
    1,
    'import.too-large',
    `the file is larger than ${maxBytes / 1024 / 1024} MB, more than one session's results of this format hold`,
    'Check that it is the right file; export one session.',
  );

/** The 1-based line of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
