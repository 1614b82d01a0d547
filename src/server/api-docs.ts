/**
 * The API section of docs/json.md, generated from the OpenAPI document: one row per operation
 * (method, path, who may, body, answer). `npm run docs:api` writes it between the markers; a test
 * fails when the file and the document disagree.
 */
import { describeSchema } from './pages/api-reference.js';

export const API_TABLE_START = '<!-- api-table:start (npm run docs:api) -->';
export const API_TABLE_END = '<!-- api-table:end -->';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The markdown table of every operation of the document. */
export function apiTable(doc: unknown): string {
  const rows = Object.entries(obj(obj(doc)['paths'])).flatMap(([path, item]) =>
    Object.entries(obj(item)).map(([method, o]) => {
      const op = obj(o);
      const body = Object.entries(obj(obj(op['requestBody'])['content']))
        .map(([type, media]) => `${describeSchema(obj(media)['schema'])} (${type})`)
        .join(', ');
      const ok = Object.values(obj(obj(obj(op['responses'])['200'])['content']))
        .map((media) => describeSchema(obj(media)['schema']))
        .join(', ');
      const summary = typeof op['summary'] === 'string' ? op['summary'] : '';
      return `| \`${method.toUpperCase()} ${path}\` | ${cell(summary)} | ${op['security'] ? 'token' : 'anyone'} | ${cell(body || '-')} | ${cell(ok)} |`;
    }),
  );
  return ['| operation | what | who | body | 200 |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** A markdown text with its generated table replaced by `table`. */
export function withApiTable(markdown: string, table: string): string {
  const start = markdown.indexOf(API_TABLE_START);
  const end = markdown.indexOf(API_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`withApiTable: the markers ${API_TABLE_START} ... ${API_TABLE_END} are missing`);
  return `${markdown.slice(0, start + API_TABLE_START.length)}\n\n${table}\n\n${markdown.slice(end)}`;
}
