import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';
import { STYLESHEET } from './styles.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2024-12-01T12:00:00Z') });
});
afterAll(() => h.paddock.close());

const page = async (path: string) => {
  const res = await h.app.request(path, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text() };
};

describe('printable standings', () => {
  it('gives every championship its own sheet, a matrix without links', async () => {
    const { status, html } = await page('/seasons/2024-pccna/print');
    expect(status).toBe(200);
    const sheets = html.split('<section class="sheet"').slice(1);
    expect(sheets.map((s) => /<\/span> ([^<]+)<\/h2>/.exec(s)?.[1])).toEqual([
      'Overall',
      'Pro',
      'Pro-Am',
      'Masters',
      'ANDIAL Cup',
    ]);
    const overall = sheets[0]!;
    expect(overall).toContain('Standings after race 16 (Circuit of the Americas, 2024-10-20)');
    // Hartog: 359 points, pole and fastest lap in race 1 (bold italics 1), as the article's table.
    expect(overall).toMatch(
      /<th scope="row" class="competitor">Loek Hartog<\/th><td class="cell c-gold"><strong><em>1<\/em><\/strong><\/td>/,
    );
    expect(overall).toContain('<td class="num total">359</td>');
    // Nothing on a sheet links away: a notice board has no links.
    expect(sheets.join('')).not.toContain('<a ');
  });

  it('prints the standings after an earlier race, with drops as they stood then', async () => {
    const { html } = await page('/seasons/2024-pccna/print?after=1');
    expect(html).toContain(
      'Standings after race 1 (Sebring, 2024-03-15); drop rules for the final standings not yet applied',
    );
    const proAm = html.split('<section class="sheet"')[3]!;
    expect(proAm).toMatch(/Alan Metni<\/th><td class="cell c-points">13<\/td><td class="num total">3<\/td>/);
  });

  it('puts one championship on each A4 page when printed', () => {
    const print = STYLESHEET.slice(STYLESHEET.indexOf('@media print'));
    expect(print).toContain('@page { size: A4 portrait;');
    expect(print).toContain('.sheet { break-after: page;');
    expect(print).toContain('header.site');
  });
});
