/**
 * JSON.parse keeps no positions, but every rejected row must name its line. This scans the text
 * once and records the line where each element of the array under a given key starts, so a
 * results importer can say "line 57" for results[3].
 */
import type { Result } from '../../engine/index.js';
import { lineAt, readDocumentText } from './decode.js';
import type { ByteSource, Encoding } from './decode.js';
import { lineIssue } from './imported-row.js';

/** Reads, decodes and parses a whole JSON document; the text is kept for finding lines. */
export async function readJsonDocument(
  source: ByteSource,
  file: string,
  fallback: Encoding = 'utf-8',
): Promise<Result<{ value: unknown; text: string }>> {
  const text = await readDocumentText(source, file, fallback);
  if (!text.ok) return text;
  const parsed = parseJson(text.value, file);
  return parsed.ok ? { ok: true, value: { value: parsed.value, text: text.value } } : parsed;
}

/** Parses JSON, reporting a syntax error with its line. */
export function parseJson(text: string, file: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const lineCol = /line (\d+)/.exec(message);
    const line = pos ? lineAt(text, Number(pos[1])) : lineCol ? Number(lineCol[1]) : undefined;
    return {
      ok: false,
      issues: [
        lineIssue(
          file,
          line ?? lineAt(text, text.length),
          'import.json-syntax',
          `not valid JSON: ${message.split('\n')[0]}`,
          'The file may be cut short or not be a results file.',
        ),
      ],
    };
  }
}

/**
 * Lines where the elements of every array named `key` start, in document order (arrays of the
 * same key nested in several places are concatenated, as iRacing's session_results[].results are).
 */
export function arrayElementLines(text: string, key: string): number[][] {
  const out: number[][] = [];
  const needle = `"${key}"`;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    from = at + needle.length;
    let i = from;
    while (i < text.length && /[\s:]/.test(text[i]!)) i++;
    if (text[i] !== '[') continue;
    const lines: number[] = [];
    let depth = 0;
    let inString = false;
    let line = lineAt(text, i);
    let expectElement = true;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') {
        if (depth === 1 && expectElement) {
          lines.push(line);
          expectElement = false;
        }
        inString = true;
        continue;
      }
      if (c === '[' || c === '{') {
        if (depth === 1 && expectElement) {
          lines.push(line);
          expectElement = false;
        }
        depth++;
        continue;
      }
      if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) break;
        continue;
      }
      if (depth === 1 && c === ',') expectElement = true;
      else if (depth === 1 && expectElement && !/\s/.test(c)) {
        lines.push(line);
        expectElement = false;
      }
    }
    out.push(lines);
    from = i;
  }
  return out;
}
