/**
 * Turning the bytes of an imported file into text: UTF-8 with or without a byte-order mark, and
 * UTF-16 (ACC writes its result files as UTF-16LE). Bytes that are not valid in the encoding are
 * reported with the line they are on, never silently replaced.
 */
import type { Issue, Result } from '../../engine/index.js';
import { lineIssue } from './imported-row.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Guesses the encoding from the byte-order mark, or from NUL bytes for BOM-less UTF-16. */
export function detectEncoding(bytes: Uint8Array, fallback: Encoding = 'utf-8'): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[1] === 0 && bytes[0] !== 0) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return 'utf-16be';
  return fallback;
}

/** Decodes bytes to text without a byte-order mark; invalid bytes are an issue naming their line. */
export function decodeText(bytes: Uint8Array, file: string, fallback: Encoding = 'utf-8'): Result<string> {
  const encoding = detectEncoding(bytes, fallback);
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, value: text.replace(/^\uFEFF/, '') };
  } catch {
    // Find the first bad spot by decoding leniently and looking for the replacement character.
    const lenient = new TextDecoder(encoding).decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
    const issue: Issue = lineIssue(
      file,
      line,
      'import.encoding',
      `the file is not valid ${encoding.toUpperCase()} (first bad bytes on line ${line})`,
      'Save the file as UTF-8 (ACC result files: UTF-16LE).',
    );
    return { ok: false, issues: [issue] };
  }
}

/** The 1-based line of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
