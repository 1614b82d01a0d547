import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../engine/index.js';
import { readCsvStream } from './csv-table.js';
import { MAX_LINE_BYTES } from './decode.js';

/** Reads CSV text fed in chunks of `size` bytes; returns header, records with lines, and issues. */
async function read(text: string | Uint8Array, size = 7) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  let header: readonly string[] = [];
  const records: [number, ...string[]][] = [];
  const issues: Issue[] = [];
  await readCsvStream(chunks(), 'f.csv', {
    header: (h) => {
      header = h.cells;
      return true;
    },
    record: (cells, line) => void records.push([line, ...cells]),
    issue: (i) => void issues.push(i),
  });
  return { header, records, issues };
}

describe('readCsvStream', () => {
  it('splits plain lines at the delimiter of the header, with the line of each record', async () => {
    const r = await read('Pos;No;Driver\n1;24;Loek Hartog\n\n2; 20 ;Gustav Burton\n');
    expect(r.header).toEqual(['Pos', 'No', 'Driver']);
    expect(r.records).toEqual([
      [2, '1', '24', 'Loek Hartog'],
      [4, '2', '20', 'Gustav Burton'],
    ]);
    expect(r.issues).toEqual([]);
  });
  it('reads CRLF and carriage-return-only line ends, and a byte-order mark', async () => {
    for (const text of ['\uFEFFa,b\r\n1,2\r\n3,4\r\n', 'a,b\r1,2\r3,4']) {
      const r = await read(text, 3);
      expect(r.header).toEqual(['a', 'b']);
      expect(r.records).toEqual([
        [2, '1', '2'],
        [3, '3', '4'],
      ]);
    }
  });
  it('reads a quoted field with a line break and a delimiter across chunk boundaries', async () => {
    const r = await read('a,b,c\n1,"x, y\nz",3\n4,"q ""quoted""",6\n', 4);
    expect(r.records).toEqual([
      [2, '1', 'x, y\nz', '3'],
      [4, '4', 'q "quoted"', '6'],
    ]);
  });
  it('reports a line with the wrong number of fields and keeps reading', async () => {
    const r = await read('a,b\n1,2,3\n4,5,\n6,7\n');
    expect(r.issues.map((i) => [i.code, i.location?.line])).toEqual([['import.field-count', 2]]);
    expect(r.records).toEqual([
      [3, '4', '5'],
      [4, '6', '7'],
    ]);
  });
  it('reports a quote left open at the end of the file with its line', async () => {
    const r = await read('a,b\n1,2\n3,"open\n4,5\n');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'import.csv-syntax', location: { file: 'f.csv' } });
    expect(r.records).toEqual([[2, '1', '2']]);
  });
  it('refuses a line longer than the limit instead of holding it', async () => {
    const long = new Uint8Array(MAX_LINE_BYTES + 10).fill(65);
    const r = await read(new Uint8Array([...new TextEncoder().encode('a,b\n1,2\n'), ...long]), 64 * 1024);
    expect(r.issues.map((i) => [i.code, i.location?.line])).toEqual([['import.long-line', 3]]);
  });
  it('reports bytes that are not UTF-8 with their line, read in any chunk size', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('a,b\n1,2\n3,'),
      0xff,
      0x34,
      10,
      53,
      44,
      54,
      10,
    ]);
    for (const size of [1, 2, 5, 100]) {
      const r = await read(bytes, size);
      expect(r.issues.map((i) => [i.code, i.location?.line])).toEqual([['import.encoding', 3]]);
    }
  });
  it('reads UTF-16LE with a byte-order mark', async () => {
    const text = '\uFEFFPos\tNo\n1\t24\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const r = await read(bytes, 3);
    expect(r.header).toEqual(['Pos', 'No']);
    expect(r.records).toEqual([[2, '1', '24']]);
  });
  it('gives the same records as csv-parse on the whole text, whatever the chunk size', async () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.stringMatching(/^[a-z,\n ]{0,6}$/).map((s) => `"${s}"`),
    );
    const line = fc.array(cell, { minLength: 3, maxLength: 3 }).map((cells) => cells.join(','));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        async (lines, size) => {
          const text = `h1,h2,h3\n${lines.join('\n')}\n`;
          const expected = parse(text, { relax_quotes: true, skip_empty_lines: true })
            .slice(1)
            .map((r) => r.map((c) => c.trim()));
          const got = await read(text, size);
          expect(got.issues).toEqual([]);
          expect(got.records.map(([, ...cells]) => cells)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
