/**
 * Reading YAML with positions: syntax errors and schema problems both come back as issues with
 * file:line:column.
 *
 * Two parsers, one meaning (ADR 21). A plain file (no anchors, aliases, tags or merge keys) is read
 * by js-yaml, about ten times faster; the `yaml` library's document, which knows where each node
 * is, is made only when something asks where a node is (a problem to report). Anything js-yaml
 * refuses, and every file with the features where YAML libraries differ, goes through `yaml` alone,
 * which reports the problem with its place. A test reads every YAML file the project ships, and
 * thousands of damaged ones, both ways and requires the same values.
 */
import { load } from 'js-yaml';
import { LineCounter, parse, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import type { Issue, Result } from '../engine/index.js';
import { yamlLocation } from './locate.js';

export interface YamlFile<T> {
  readonly value: T;
  /** The positioned document: parsed on first use when the quick reader read the file. */
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly file: string;
}

/**
 * Anchors, aliases, tags, merge keys, directives and document markers: left to the positioned
 * parser (the characters may also be text; such a file is then only read more slowly).
 */
const NOT_PLAIN = /[&*!]|<<|^(%|\.\.\.|---)/m;

/** A number written with an exponent: js-yaml keeps one too large for a double as text. */
const EXPONENT_NUMBER = /^[-+]?(\.\d+|\d+(\.\d*)?)[eE][-+]?\d+$/;

/**
 * Whether the quick reader's value holds something the positioned parser reads differently: a
 * map key "null" (js-yaml's name for an empty or null key, where `yaml` says "") or text that is
 * a number with an exponent (js-yaml keeps 1e400 as text, `yaml` reads Infinity). Neither is
 * anything a season file means to write; such a file is read by the positioned parser alone.
 */
function readsDifferently(value: unknown): boolean {
  if (typeof value === 'string') return EXPONENT_NUMBER.test(value);
  if (Array.isArray(value)) return value.some(readsDifferently);
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value)
    if (
      key === 'null' ||
      EXPONENT_NUMBER.test(key) ||
      readsDifferently((value as Record<string, unknown>)[key])
    )
      return true;
  return false;
}

/**
 * The value of a plain YAML text by the quick reader, or undefined when the text is not plain,
 * holds no map or list (empty, only comments, a lone scalar) or js-yaml refuses it: the positioned parser then
 * reads it and reports what is wrong.
 */
export function quickValue(text: string): { value: unknown } | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  try {
    const value = load(text, { maxAliases: 0 });
    // A season file is a map or a list; a lone scalar is left to the positioned parser.
    return typeof value !== 'object' || value === null || readsDifferently(value) ? undefined : { value };
  } catch {
    return undefined;
  }
}

/**
 * The value of YAML text without a schema or places (a header read for a listing): the quick
 * reader's when it answers, else the positioned parser's. Throws on text that is not YAML.
 */
export function readYamlValue(text: string): unknown {
  const quick = quickValue(text);
  return quick ? quick.value : parse(text);
}

/** A YamlFile whose positioned document is parsed when first asked for. */
function lazyYamlFile<T>(value: T, text: string, file: string): YamlFile<T> {
  let parsed: { doc: Document; lines: LineCounter } | undefined;
  const positioned = () => {
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false }), lines };
    }
    return parsed;
  };
  return {
    value,
    file,
    get doc() {
      return positioned().doc;
    },
    get lines() {
      return positioned().lines;
    },
  };
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
  const quick = quickValue(text);
  if (quick) {
    const parsed = schema.safeParse(quick.value);
    if (parsed.success) return { ok: true, value: lazyYamlFile(parsed.data, text, file) };
  }
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
