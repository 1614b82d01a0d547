import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCsv, plainCsvRecords } from './csv-file.js';

/** csv-parse with the options parseCsv gives it: the reading the plain one must equal. */
function csvParse(text: string): unknown {
  try {
    const records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as unknown as { record: unknown; info: { lines: number } }[];
    return records.map((r) => ({ record: r.record, info: { lines: r.info.lines } }));
  } catch {
    return 'error';
  }
}

describe('the plain CSV reading', () => {
  it('reads what csv-parse reads, or leaves the text to it', () => {
    // Text made of the pieces that matter: commas, blanks, tabs, line ends of each kind, quotes,
    // a BOM, white space csv-parse trims, and a duplicate header name now and then.
    const piece = fc.constantFrom(
      'a',
      'b',
      'id',
      'x y',
      ',',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '"',
      '\uFEFF',
      '\u00a0',
      '1',
    );
    const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    const header = fc.constantFrom('id,name\n', 'a, b ,c\r\n', '\uFEFFid,points\n', 'a,a\n', '\n\nid\n', '');
    fc.assert(
      fc.property(header, text, (h, body) => {
        const plain = plainCsvRecords(h + body);
        if (plain !== undefined) expect(plain).toEqual(csvParse(h + body));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the usual season files and leaves quoted or ragged ones to the full parser', () => {
    const text = '\uFEFFposition, entry ,status\r\n1,a-1 , finished\r\n\r\n2,b-2,dnf\r\n';
    expect(plainCsvRecords(text)).toEqual([
      { record: { position: '1', entry: 'a-1', status: 'finished' }, info: { lines: 2 } },
      { record: { position: '2', entry: 'b-2', status: 'dnf' }, info: { lines: 4 } },
    ]);
    expect(plainCsvRecords('id,name\n1,"Smith, J"\n')).toBeUndefined();
    expect(plainCsvRecords('id,name\n1,a,b\n')).toBeUndefined();
    expect(plainCsvRecords('id,name\r1,a\n')).toBeUndefined();
  });

  it('reports a ragged row with its line either way', () => {
    const schema = z.object({ id: z.string(), name: z.string() });
    const bad = parseCsv('id,name\n1,a\n2,b,c\n', 'drivers.csv', schema);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues[0]).toMatchObject({ code: 'csv.syntax', location: { file: 'drivers.csv', line: 3 } });
  });
});
