/**
 * The standings matrix as season articles print it: every bonus a championship scores marked,
 * dropped results, penalties and deductions with footnotes, results not yet final, flags and
 * event codes, movement and gap to the leader. Expected values are worked out from the season's
 * files (results, awards.csv, rulebook.yaml), not read back from the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2025-01-01T12:00:00Z') });
});
afterAll(() => h.paddock.close());

const page = async (path: string) => {
  const res = await h.app.request(path, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text() };
};

/** A matrix row as text: position cell, competitor, then each cell with its marks spelt out. */
function matrixRow(html: string, driverId: string): string[] {
  const row = [...html.matchAll(/<tr>(.*?)<\/tr>/g)]
    .map((m) => m[1]!)
    .find((r) => r.includes(`/drivers/${driverId}"`));
  if (!row) throw new Error(`no row for ${driverId}`);
  return [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) =>
    m[1]!
      .replace(/<strong>/g, 'B:')
      .replace(/<em>/g, 'I:')
      .replace(/<span class="vh">[^<]*<\/span>/g, '')
      .replace(/<sup><a[^>]*>(\d+)<\/a><\/sup>/g, '^$1')
      .replace(/<[^>]+>/g, '')
      .trim(),
  );
}

describe('the standings matrix', () => {
  it('marks the overall pole and fastest lap the Pro table scores as class bonuses', async () => {
    // Pro scores the overall pole (2) and fastest lap (1) bonuses, which Pro drivers hold
    // (rulebook.yaml). awards.csv: race 1 pole and fastest lap Hartog; race 3 pole Sedgwick; race 2
    // fastest lap Hartog. Sedgwick was 12th of the Pro cars in race 3.
    const { html } = await page('/seasons/2024-pccna/standings/pro?after=3');
    const hartog = matrixRow(html, 'loek-hartog');
    expect(hartog.slice(2, 5)).toEqual(['B:I:1', 'I:3', '1']);
    const sedgwick = matrixRow(html, 'alex-sedgwick');
    expect(sedgwick[4]).toBe('B:12');
    expect(html).toContain('<strong>12</strong><span class="vh"> (pole)</span>');
  });

  it("puts Metni's two lowest Pro-Am results before the final round in parentheses", async () => {
    // Metni's Pro-Am places: 13, 1, 5, 12, 5, 3, 1, 7, 8, 8, 1, 1, 2, 2, 4, 1; the lowest two
    // before the final round are race 1 (13th: 3 points) and race 4 (12th: 4 points). The 16
    // results give 252 points; without those two, 245.
    const { html } = await page('/seasons/2024-pccna/standings/pro-am');
    const metni = matrixRow(html, 'alan-metni');
    expect(metni.slice(2, 18)).toEqual([
      '(13)',
      '1',
      '5',
      '(12)',
      '5',
      '3',
      '1',
      '7',
      '8',
      '8',
      '1',
      '1',
      '2',
      '2',
      '4',
      '1',
    ]);
    expect(metni[18]).toBe('245');
    expect(metni[19]).toBe('–');
  });

  it('shows the move since the previous race and the gap to the leader', async () => {
    // After race 1: Hartog 28 (win, pole, fastest lap), Burton 20, Yardley 17. Race 2: Burton won
    // from pole (27), Yardley second (20), Hartog third with the fastest lap (18): Burton 47,
    // Hartog 46, Yardley 37.
    const { html } = await page('/seasons/2024-pccna/standings/overall?after=2');
    expect(matrixRow(html, 'gustav-burton')[0]).toBe('1 ▲1');
    expect(matrixRow(html, 'loek-hartog')[0]).toBe('2 ▼1');
    expect(matrixRow(html, 'ryan-yardley')[0]).toBe('3 =');
    // Screen readers hear the move in words.
    expect(html).toContain('<span class="vh">up 1 place</span>');
    expect(html).toContain('<span class="vh">down 1 place</span>');
    expect(matrixRow(html, 'gustav-burton').at(-1)).toBe('–');
    expect(matrixRow(html, 'loek-hartog').at(-1)).toBe('−1');
    expect(matrixRow(html, 'ryan-yardley').at(-1)).toBe('−10');
    expect(html).toContain('Places gained since race 1');
    // After the first race there is nothing to compare with.
    const first = await page('/seasons/2024-pccna/standings/overall?after=1');
    expect(first.html).not.toContain('class="move');
  });

  it('gives events their article codes and flags, and drivers their flags', async () => {
    const { html } = await page('/seasons/2024-pccna/standings/overall');
    expect(html).toContain('<abbr title="Sebring">SEB</abbr>');
    // Road America, then Road Atlanta, which takes the start of its last word (wikitext export).
    expect(html).toContain('<abbr title="Road America">ROA</abbr>');
    expect(html).toContain('<abbr title="Road Atlanta">ATL</abbr>');
    expect(html).toContain('<span class="flag" role="img" aria-label="Canada" title="Canada">🇨🇦</span>');
    // Hartog is Dutch (drivers.csv: NL).
    expect(matrixRow(html, 'loek-hartog')[1]).toBe('🇳🇱 Loek Hartog');
  });

  it('footnotes a penalty on the result and a points deduction on the total', async () => {
    const changed = await h.paddock.changeFiles(
      '2024-pccna',
      new Map([
        [
          'adjustments.yaml',
          [
            '- kind: places-penalty',
            '  session: race-01',
            '  entry: 24-kellymoss-loek-hartog',
            '  places: 2',
            '  reason: "Decision 3: false start"',
            '- kind: points-deduction',
            '  championship: overall',
            '  driver: gustav-burton',
            "  points: '5'",
            '  session: race-02',
            '  reason: "Decision 7: unsafe release"',
            '',
          ].join('\n'),
        ],
      ]),
      { author: 'admin@example.com', reason: 'stewards', origin: 'test' },
      'adjustments',
    );
    expect(changed.ok).toBe(true);
    const { html } = await page('/seasons/2024-pccna/standings/overall?after=2');
    // Notes are numbered in reading order: Burton's row (first) before Hartog's.
    // Hartog, two places down, is third in race 1 (bronze) with his pole and fastest lap.
    expect(matrixRow(html, 'loek-hartog')[2]).toBe('B:I:3^2');
    expect(html).toContain(
      '<li id="note-2" value="2">Sebring race 1: 2-place penalty (Decision 3: false start)</li>',
    );
    // Burton: race 1 win 25 (Hartog demoted) + race 2 win from pole 27, less 5 = 47.
    const burton = matrixRow(html, 'gustav-burton');
    expect(burton.at(-2)).toBe('47^1');
    expect(html).toContain(
      '<li id="note-1" value="1">Gustav Burton: 5 point(s) deducted: Decision 7: unsafe release (Sebring race 2)</li>',
    );
  });

  it('splits the key so each item reads on one line', async () => {
    const { html } = await page('/seasons/2024-pccna/standings/overall');
    expect(html).toContain('<span class="swatch state-mark">prov.</span>Provisional result</li>');
    expect(html).toContain('<span class="swatch state-mark">amended</span>Changed after it was final</li>');
  });
});
