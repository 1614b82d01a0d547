/** Rewrites the API table of docs/json.md from the OpenAPI document (npm run docs:api). */
import { readFile, writeFile } from 'node:fs/promises';
import { apiTable, withApiTable } from '../src/server/api-docs.js';
import { openApiDocument } from '../src/server/routes/api.js';

const file = new URL('../docs/json.md', import.meta.url);
const before = await readFile(file, 'utf8');
const after = withApiTable(before, apiTable(openApiDocument()));
if (after !== before) await writeFile(file, after);
console.log(
  after === before
    ? 'docs/json.md is up to date'
    : 'docs/json.md: API table rewritten (then: npx prettier --write docs/json.md)',
);
