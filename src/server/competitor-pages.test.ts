/**
 * Team, driver and entry-list pages, titles, the icon and the 404 page, against the reference
 * season's files (entries.csv, results/), read independently of the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDates } from './pages/season-pages.js';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2025-01-01T12:00:00Z') });
});
afterAll(() => h.paddock.close());

const page = async (path: string) => {
  const res = await h.app.request(path, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text(), res };
};

const text = (html: string) =>
  html
    .replace(/<br\/?>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

/** The text of the table row whose first header cell names `label`. */
function rowText(html: string, label: string): string {
  const row = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1]!).find((r) => text(r).includes(label));
  if (!row) throw new Error(`no row with ${label}`);
  return text(row).trim();
}

describe('a team page', () => {
  it("lists the team's cars and drivers at each round, from the results", async () => {
    const { html } = await page('/seasons/2024-pccna/teams/kellymoss');
    expect(html).toContain('<h2>Drivers per round</h2>');
    // Sebring: Kellymoss ran cars 13, 23, 24, 57, 65, 68 and 99 (results/race-01.csv), by number.
    expect(rowText(html, 'Sebring')).toBe(
      '1Sebring#13 Todd Parriott (Masters) | #23 Jordan Wallace (Pro-Am) | #24 Loek Hartog (Pro) | #57 John Goetz (Masters) | #65 Efrin Castro (Pro-Am) | #68 Chris Bellomo (Masters) | #99 Alan Metni (Pro-Am)',
    );
    // Circuit of the Americas adds #8 McCann, #80 Gilliland and #85 Pedersen (race-15.csv).
    expect(rowText(html, 'Circuit of the Americas#')).toMatch(
      /^8Circuit of the Americas#8 Michael McCann \(Pro\) \| #13 /,
    );
    expect(rowText(html, 'Circuit of the Americas#')).toContain(
      '#80 John Gilliland (Masters) | #85 Jake Pedersen (Pro)',
    );
  });

  it('names the car and drivers of every result', async () => {
    const { html } = await page('/seasons/2024-pccna/teams/kellymoss');
    // Race 1: Hartog won; Bellomo was 21st overall (race-01.csv).
    const r1 = rowText(html, 'R1');
    expect(r1.startsWith('R1SebringP1 #24 Loek Hartog | ')).toBe(true);
    expect(r1).toContain('P21 #68 Chris Bellomo');
  });

  it("shows the championships of the team's drivers, and no empty heading", async () => {
    const { html } = await page('/seasons/2024-pccna/teams/kellymoss');
    expect(html).not.toMatch(/<h2>Championships<\/h2>\s*<ul>\s*<\/ul>/);
    expect(text(html)).toContain('Pro-Am: Alan Metni 1st with 245 points; Efrin Castro 2nd');
  });
});

describe('a driver page', () => {
  it('gives each of a driver’s entries the rounds it covers, in order', async () => {
    // entries.csv: Baltas drove #15 for MDK in rounds 1-4, GMG in round 5 and ACI in rounds 6-8.
    const { html } = await page('/seasons/2024-pccna/drivers/yves-baltas');
    const items = [...html.matchAll(/<li>(#15 ·.*?)<\/li>/g)].map((m) => text(m[1]!));
    expect(items).toEqual([
      '#15 · Pro · MDK Motorsports · rounds 1–4 (Sebring, Miami, Montreal, Watkins Glen)',
      '#15 · Pro · GMG Racing · round 5 (Road America)',
      '#15 · Pro · ACI Motorsports · rounds 6–8 (Indianapolis, Road Atlanta, Circuit of the Americas)',
    ]);
  });
});

describe('the entry list', () => {
  it('sorts each class by car number and never says "none yet" once the season is over', async () => {
    const { html } = await page('/seasons/2024-pccna/entries');
    const pro = html.slice(html.indexOf('>Pro</h2>'), html.indexOf('>Pro-Am</h2>'));
    const cars = [...pro.matchAll(/<tr><td class="num">([^<]+)<\/td>/g)].map((m) => m[1]!);
    expect(cars.length).toBeGreaterThan(10);
    expect(cars).toEqual([...cars].sort((a, b) => Number(a) - Number(b)));
    expect(cars.slice(0, 3)).toEqual(['2', '4', '5']);
    expect(html).not.toContain('none yet');
  });
});

describe('dates', () => {
  it("prints an event's dates short enough not to wrap on a phone", async () => {
    expect(formatDates('2024-03-13', '2024-03-15')).toBe('13–15 Mar 2024');
    expect(formatDates('2024-04-30', '2024-05-02')).toBe('30 Apr – 2 May 2024');
    expect(formatDates('2024-12-31', '2025-01-01')).toBe('31 Dec 2024 – 1 Jan 2025');
    expect(formatDates('2024-06-09', '2024-06-09')).toBe('9 Jun 2024');
    expect(formatDates('2024-06-09', undefined)).toBe('9 Jun 2024');
    expect(formatDates(undefined, undefined)).toBe('date to be announced');
    const { html } = await page('/seasons/2024-pccna');
    // Sebring, 13-15 March 2024 (season.yaml).
    expect(html).toContain('<time datetime="2024-03-13">13–15 Mar 2024</time></td>');
  });
});

describe('titles, icon and the page for a wrong address', () => {
  it('does not repeat the season name in the title of its home page', async () => {
    const { html } = await page('/seasons/2024-pccna');
    expect(html).toContain('<title>2024 Porsche Carrera Cup North America · Paddock</title>');
    const entries = await page('/seasons/2024-pccna/entries');
    expect(entries.html).toContain(
      '<title>Entry list · 2024 Porsche Carrera Cup North America · Paddock</title>',
    );
  });

  it('serves an icon every page links to', async () => {
    const { html } = await page('/seasons/2024-pccna');
    expect(html).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"/>');
    const icon = await h.app.request('/assets/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
  });

  it('tells a visitor the page is not there, without commands or server details', async () => {
    for (const path of ['/seasons/no-such-season', '/seasons/2024-pccna/drivers/nobody', '/nowhere']) {
      const { status, html } = await page(path);
      expect(status).toBe(404);
      expect(html).toContain('<h1>Page not found</h1>');
      expect(html).toContain('There is no page at this address.');
      expect(html).toContain('<a href="/">See every series and season</a>');
      expect(html).not.toMatch(/paddock (seasons|import)|\.db\b|memory/);
    }
  });
});
