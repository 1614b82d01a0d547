/**
 * Every example in docs/rulebook.md is parsed and scored: each ```yaml block, and each inline
 * example in the prose written as a rule (`{ kind: ... }`) or as championship fields
 * (`basis: class`); table rows are the reference, not examples. A block with `championships:` or
 * `extends:` is a whole rulebook (it may extend a preset); a list is an adjustments.yaml; anything
 * else is merged into a small drivers' championship. Each is scored against a season with
 * something of everything (./doc-season.ts); an example that no longer parses or scores fails
 * here, with its line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { computeStandings } from '../../src/engine/index.js';
import { resolvePreset } from '../../src/formats/catalog.js';
import { loadRulebookText } from '../../src/formats/rulebook-file.js';
import { adjustmentsFileSchema } from '../../src/formats/season-schema.js';
import {
  bonusSchemas,
  dropSchemas,
  multiplierSchemas,
  sharedDriveSchemas,
  teamScoringSchemas,
  tieBreakSchemas,
} from '../../src/formats/rulebook-kinds.js';
import { docSeason } from './doc-season.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'rulebook.md');
const text = readFileSync(DOC, 'utf8');
const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;

/** Where a rule of each kind goes in a championship. */
const LISTS = {
  bonuses: bonusSchemas,
  multipliers: multiplierSchemas,
  drops: dropSchemas,
  tie_breaks: tieBreakSchemas,
};
const SINGLE = { shared_drives: sharedDriveSchemas, team_scoring: teamScoringSchemas };
const CHAMPIONSHIP_FIELDS = new Set([
  'id',
  'name',
  'description',
  'assumptions',
  'competitor',
  'scope',
  'basis',
  'ineligible',
  'points',
  ...Object.keys(LISTS),
  ...Object.keys(SINGLE),
  'listed',
]);

interface Example {
  readonly line: number;
  readonly yaml: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  const blocks = /```yaml\n([\s\S]*?)```/g;
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(blocks)) {
    out.push({ line: lineAt(m.index) + 1, yaml: m[1]! });
    ranges.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(/`([^`\n]+)`/g)) {
    if (ranges.some(([a, b]) => m.index >= a && m.index < b)) continue;
    // Table rows name fields and their values; they are the reference, not examples.
    if (text.slice(text.lastIndexOf('\n', m.index) + 1).startsWith('|')) continue;
    let value: unknown;
    try {
      value = parse(m[1]!);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const keys = Object.keys(value);
    if ('kind' in value || keys.every((k) => CHAMPIONSHIP_FIELDS.has(k)))
      out.push({ line: lineAt(m.index), yaml: m[1]! });
  }
  return out;
}

const SCALE = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1];

/** The example as a whole rulebook's text. */
function rulebookText(value: Record<string, unknown>): string {
  if ('championships' in value || 'extends' in value) return stringify(value);
  let fields: Record<string, unknown> = value;
  if ('kind' in value) {
    const kind = String(value['kind']);
    const list = Object.entries(LISTS).find(([, schemas]) => kind in schemas)?.[0];
    const single = Object.entries(SINGLE).find(([, schemas]) => kind in schemas)?.[0];
    if (list) fields = { [list]: [value] };
    else if (single)
      fields = { [single]: value, ...(single === 'team_scoring' ? { competitor: 'team' } : {}) };
    else throw new Error(`no rule family has kind "${kind}"`);
  }
  const champ = { id: 'drivers', name: 'Drivers', points: { race: 'example' }, ...fields };
  const scales = Object.fromEntries(
    ['example', ...Object.values(champ.points as Record<string, string>)].map((id) => [id, SCALE]),
  );
  return stringify({ id: 'example', name: 'Example', scales, championships: [champ] });
}

describe('docs/rulebook.md examples', () => {
  const all = examples();

  it('finds the examples', () => {
    expect(all.length).toBeGreaterThanOrEqual(19);
  });

  it.each(all.map((e) => [e.line, e] as const))(
    'the example at line %i parses and scores',
    async (line, example) => {
      const parsed = parse(example.yaml) as unknown;
      // A list is an adjustments.yaml, scored with a plain drivers' championship.
      const adjustments = Array.isArray(parsed) ? adjustmentsFileSchema.parse(parsed) : [];
      const value = (Array.isArray(parsed) ? {} : parsed) as Record<string, unknown>;
      const loaded = await loadRulebookText(rulebookText(value), `docs/rulebook.md:${line}`, resolvePreset, {
        defaults: { id: 'example', name: 'Example' },
      });
      if (!loaded.ok) expect.fail(loaded.issues.map((i) => `${i.message} ${i.hint ?? ''}`).join('\n'));
      const result = computeStandings({ ...docSeason(), adjustments }, loaded.value.rulebook);
      if (!result.ok) expect.fail(result.issues.map((i) => i.message).join('\n'));
      for (const table of result.value.championships) expect(table.rows.length, table.id).toBeGreaterThan(0);
    },
  );
});
