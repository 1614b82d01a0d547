/**
 * Reading YAML with positions: syntax errors and schema problems both come back as issues with
 * file:line:column.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import type { Issue, Result } from '../engine/index.js';
import { yamlLocation } from './locate.js';

export interface YamlFile<T> {
  readonly value: T;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly file: string;
}

/** How many alias expansions a YAML file may make (the yaml library's own default guard). */
const MAX_ALIAS_COUNT = 100;

/** How deep `[` and `{` may nest: far beyond any season file, far below the parser's stack. */
const MAX_FLOW_DEPTH = 64;

/** The line where flow collections first nest deeper than MAX_FLOW_DEPTH, if they do. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '[' || ch === '{') {
      if (++depth > MAX_FLOW_DEPTH) return line;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** The line of the first alias (`*name`) in a text, for problems about aliases. */
const firstAliasLine = (text: string): number | undefined => {
  const at = text.search(/(^|[\s,[{:-])\*[^\s,\]}]/m);
  return at < 0 ? undefined : text.slice(0, at + 1).split('\n').length;
};

/** Parses YAML text and validates it with a zod schema, reporting every problem with its place. */
export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Result<YamlFile<z.output<S>>> {
  // Brackets nested thousands deep would exhaust the parser's stack: refused before parsing.
  const deep = tooDeep(text);
  if (deep !== undefined)
    return {
      ok: false,
      issues: [
        {
          code: 'yaml.too-deep',
          path: [],
          message: `YAML: lists and maps nest more than ${MAX_FLOW_DEPTH} deep`,
          hint: 'A season file needs a few levels; check the brackets on this line.',
          location: { file, line: deep },
        },
      ],
    };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  // Warnings such as an unresolved tag (`!foo`) would be read silently as plain text: refused too.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) {
    return {
      ok: false,
      issues: problems.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return {
          code: 'yaml.syntax',
          path: [],
          message: `YAML syntax: ${e.message.split('\n')[0]}`,
          hint: 'Check indentation and quoting on this line.',
          location: { file, line, column: col },
        };
      }),
    };
  }
  let value: unknown;
  try {
    // An alias bomb (aliases of aliases, billions of nodes from a few lines) is refused here.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return {
      ok: false,
      issues: [
        {
          code: 'yaml.aliases',
          path: [],
          message: `YAML: ${(e as Error).message.split('\n')[0]}`,
          hint: `Write the values out; a season file may repeat an &anchor at most ${MAX_ALIAS_COUNT} times.`,
          location: { file, ...(firstAliasLine(text) === undefined ? {} : { line: firstAliasLine(text)! }) },
        },
      ],
    };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => zodIssue(i, file, (p) => yamlLocation(doc, lines, file, p))),
    };
  }
  return { ok: true, value: { value: parsed.data, doc, lines, file } };
}

/** Turns a zod issue into a Paddock issue located with `locate`. */
export function zodIssue(
  i: z.core.$ZodIssue,
  file: string,
  locate: (path: readonly (string | number)[]) => Issue['location'],
): Issue {
  const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = path.length ? `"${path.join('.')}"` : 'the file';
  const location = locate(path) ?? { file };
  return { code: `schema.${i.code}`, path: [file, ...path], message: `${field}: ${i.message}`, location };
}
