/**
 * The quick YAML reader (js-yaml) and the positioned one (`yaml`) must give the same values: on
 * every YAML file the project ships, and on thousands of damaged copies of them. Where the quick
 * reader answers, the positioned parser must find no error or warning and the same value; where
 * they would differ, the quick reader must step aside (answer undefined). ADR 21.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYaml, quickValue } from './yaml-file.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
const SHIPPED = [...yamlFiles('data'), ...yamlFiles('test/fixtures')].map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));

/** What the positioned parser makes of a text: its value, or undefined when it finds any problem. */
function positioned(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length || doc.warnings.length) return undefined;
  return { value: doc.toJS({ maxAliasCount: 100 }) };
}

describe('the quick YAML reader', () => {
  it('reads every plain YAML file the project ships, to the same value as the positioned parser', () => {
    expect(SHIPPED.length).toBeGreaterThan(200);
    for (const { file, text } of SHIPPED) {
      const quick = quickValue(text);
      if (/[&*!]|<<|^(%|\.\.\.|---)/m.test(text) || !text.replace(/#.*$/gm, '').trim()) {
        expect(quick, file).toBeUndefined();
        continue;
      }
      expect(quick, file).toBeDefined();
      expect(quick!.value, file).toEqual(positioned(text)?.value);
    }
  });

  it('never answers differently from the positioned parser on damaged files', () => {
    const tokens = [
      ':',
      ': ',
      '- ',
      '-',
      '[',
      ']',
      '{',
      '}',
      ',',
      '"',
      "'",
      '#',
      '\t',
      '  ',
      '\n',
      '? ',
      '|',
      '>',
      '%',
      '@',
      '`',
      '~',
      'null',
      '0x1F',
      '1e3',
      '.inf',
      'yes',
      '2024-01-01',
      '---',
      '...',
    ];
    const texts = SHIPPED.map((s) => s.text).filter((t) => t.length < 8000);
    const damage = fc.record({
      source: fc.nat({ max: texts.length - 1 }),
      edits: fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('insert' as const),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            token: fc.constantFrom(...tokens),
          }),
          fc.record({
            kind: fc.constant('delete' as const),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            length: fc.integer({ min: 1, max: 12 }),
          }),
          fc.record({
            kind: fc.constant('indent' as const),
            line: fc.nat(),
            by: fc.integer({ min: -2, max: 2 }),
          }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    });
    let compared = 0;
    fc.assert(
      fc.property(damage, ({ source, edits }) => {
        let text = texts[source]!;
        for (const e of edits) {
          if (e.kind === 'insert') {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.token + text.slice(at);
          } else if (e.kind === 'delete') {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + text.slice(at + e.length);
          } else {
            const lines = text.split('\n');
            const i = e.line % lines.length;
            lines[i] = e.by > 0 ? ' '.repeat(e.by) + lines[i] : lines[i]!.slice(-e.by);
            text = lines.join('\n');
          }
        }
        const quick = quickValue(text);
        if (!quick) return;
        compared++;
        const slow = positioned(text);
        expect(slow, text).toBeDefined();
        expect(quick.value).toEqual(slow!.value);
      }),
      { numRuns: Number(process.env['YAML_RUNS'] ?? 1500), seed: Number(process.env['YAML_SEED'] ?? 21) },
    );
    // Most damaged copies are still plain YAML: the comparison is not vacuous.
    expect(compared).toBeGreaterThan(300);
  });

  it('reports a problem with the place the positioned parser finds, after the quick reader read the file', () => {
    const text = 'name: Test\nrounds:\n  - 1\n  - two\n';
    const r = parseYaml(text, 'x.yaml', z.object({ name: z.string(), rounds: z.array(z.number()) }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.location).toEqual({ file: 'x.yaml', line: 4, column: 5 });
  });

  it('makes the positioned document only when asked', () => {
    const r = parseYaml(
      'a: 1\nb:\n  c: 2\n',
      'y.yaml',
      z.object({ a: z.number(), b: z.object({ c: z.number() }) }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.value).toEqual({ a: 1, b: { c: 2 } });
    const node = r.value.doc.getIn(['b', 'c'], true) as { range: [number, number, number] };
    expect(r.value.lines.linePos(node.range[0])).toEqual({ line: 3, col: 6 });
  });
});
