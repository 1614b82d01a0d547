import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2024-12-01T12:00:00Z') });
});
afterAll(() => h.paddock.close());

const page = async (path: string) => {
  const res = await h.app.request(path, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text() };
};

/** The figures of a section's table: "R1 3 13" per row, tags stripped. */
const figures = (html: string, heading: string): string[] => {
  const start = html.indexOf(`>${heading}</h3>`);
  const section = html.slice(start, html.indexOf('</section>', start));
  return [
    ...section.matchAll(
      /<tr><th scope="row">(R\d+)<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
    ),
  ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
};

describe('charts of the standings race by race', () => {
  it("draws a driver's championships as separate charts, with the table after each race as their text", async () => {
    const { status, html } = await page('/seasons/2024-pccna/drivers/alan-metni');
    expect(status).toBe(200);
    // Overall, Pro-Am and ANDIAL Cup: a points and a position chart each, none sharing an axis.
    expect(html.match(/<svg[^>]*role="img"/g)).toHaveLength(6);
    const proAm = figures(html, 'Pro-Am');
    // After race 1 the Pro-Am table gave Metni 3 (13th); the final table drops that race.
    expect(proAm[0]).toBe('R1 3 13');
    expect(proAm.at(-1)).toBe('R16 245 1');
    expect(proAm).toHaveLength(16);
    // The ANDIAL Cup has only the races of its IMSA weekends.
    expect(figures(html, 'ANDIAL Cup').map((f) => f.split(' ')[0])).toEqual([
      'R1',
      'R2',
      'R7',
      'R8',
      'R9',
      'R10',
      'R11',
      'R12',
      'R13',
      'R14',
    ]);
  });

  it("gives a championship's progress page with every competitor's points and position after each race", async () => {
    const { status, html } = await page('/seasons/2024-pccna/standings/andial-cup/progress');
    expect(status).toBe(200);
    expect(html).toContain('<h1>ANDIAL Cup: race by race</h1>');
    expect(html).toContain('aria-labelledby="leaders-points"');
    // The table's columns are the races in scope only.
    const head = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'));
    expect([...head.matchAll(/>R(\d+)</g)].map((m) => Number(m[1]))).toEqual([
      1, 2, 7, 8, 9, 10, 11, 12, 13, 14,
    ]);
    expect(html).not.toContain('<script');
  });

  it('answers 404 for a championship the season does not have', async () => {
    const { status } = await page('/seasons/2024-pccna/standings/nope/progress');
    expect(status).toBe(404);
  });
});
