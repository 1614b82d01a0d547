import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';
import { SEASONS_DIR } from '../formats/catalog.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2024-05-01T12:00:00Z') });
});
afterAll(() => h.paddock.close());

const page = async (path: string, harness = h) => {
  const res = await harness.app.request(path, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text(), res };
};

describe('season pages', () => {
  it('lists each series with its current season on the home page', async () => {
    const { status, html } = await page('/');
    expect(status).toBe(200);
    expect(html).toMatch(
      /<li id="series-porsche-carrera-cup-north-america"><strong>Porsche Carrera Cup North America<\/strong><br\/?>Current: <a href="\/seasons\/2024-porsche-carrera-cup-north-america">2024 Porsche Carrera Cup North America<\/a>/,
    );
  });

  it('marks the next event on the calendar, as of the injected date', async () => {
    // On 1 May 2024 Sebring (13-15 March) is over; Miami (3-5 May) is next.
    const { status, html } = await page('/seasons/2024-pccna');
    expect(status).toBe(200);
    expect(html).toMatch(/<tr id="event-miami" class="next" aria-current="date">/);
    expect(html).not.toMatch(/id="event-sebring" class="next"/);
    expect(html).toContain('Next: <a href="#event-miami">Miami</a>');
  });

  it('says the season is over after the last event', async () => {
    const later = await makeHarness({ now: () => new Date('2025-01-01T00:00:00Z') });
    const { html } = await page('/seasons/2024-pccna', later);
    expect(html).toContain('The season is over.');
    await later.paddock.close();
  });

  it('shows each championship leader with a link to the explanation', async () => {
    const { html } = await page('/seasons/2024-pccna');
    expect(html).toContain(
      'href="/seasons/2024-porsche-carrera-cup-north-america/standings/overall/explain/loek-hartog"',
    );
  });

  it('serves the calendar as iCalendar, linked from the season home', async () => {
    const { html } = await page('/seasons/2024-pccna');
    expect(html).toContain('href="/seasons/2024-porsche-carrera-cup-north-america/calendar.ics"');
    const res = await h.app.request('/seasons/2024-pccna/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    // Eight rounds, all-day events: Sebring 13-15 March 2024 ends (exclusively) on the 16th.
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(8);
    expect(ics).toContain('DTSTART;VALUE=DATE:20240313');
    expect(ics).toContain('DTEND;VALUE=DATE:20240316');
  });

  it('groups the entry list by class', async () => {
    const { html } = await page('/seasons/2024-pccna/entries');
    for (const cls of ['Pro', 'Pro-Am', 'Masters']) expect(html).toContain(`>${cls}</h2>`);
    expect(html.indexOf('Jimmy Llibre')).toBeLessThan(html.indexOf('>Pro-Am</h2>'));
    // Yves Baltas's ACI #15 entry covers rounds 6-8 (entries.csv), and he raced at all three.
    const row =
      /<td class="num">15<\/td><th scope="row"><a href="[^"]*\/drivers\/yves-baltas">Yves Baltas<\/a><\/th><td>[^<]*<a[^>]*>[^<]*<\/a><\/td><td>([^<]*)<\/td>/.exec(
        html,
      );
    expect(row?.[1]).toBe('Indianapolis, Road Atlanta, Circuit of the Americas');
  });

  it('shows an event with pole, fastest lap and class winners', async () => {
    const { html } = await page('/seasons/2024-pccna/events/sebring');
    expect(html).toContain('Pole: Loek Hartog · Fastest lap: Loek Hartog');
    expect(html).toContain('Pro: Loek Hartog');
    expect(html).toContain('Race 1: overall classification');
  });

  it('draws the standings as a results matrix: gold win, bold pole, italic fastest lap, legend', async () => {
    const { html } = await page('/seasons/2024-pccna/standings/overall?after=2');
    // Race 1: Hartog won from pole with the fastest lap.
    expect(html).toContain(
      '<td class="cell c-gold"><strong><em>1</em></strong><span class="vh"> (pole, fastest lap)</span></td>',
    );
    // Race 2: Burton second (silver) from pole; Hartog third (bronze) with the fastest lap.
    expect(html).toContain('<td class="cell c-bronze"><em>3</em><span class="vh"> (fastest lap)</span></td>');
    expect(html).toContain('scope="colgroup" colspan="2"');
    expect(html).toContain('Did not start or withdrew');
    expect(html).toContain('In parentheses: result dropped');
  });

  it('puts dropped results in parentheses in the final Pro-Am standings', async () => {
    const { html } = await page('/seasons/2024-pccna/standings/pro-am');
    expect(html).toMatch(
      /<td class="cell c-[a-z]+">(<strong>|<em>)*\(\d+\)(<\/em>|<\/strong>)*<span class="vh"> \([a-z ,]*dropped\)<\/span><\/td>/,
    );
  });

  it('links every total to its explanation, which lists contributions and tie-breaks', async () => {
    const { html } = await page('/seasons/2024-pccna/standings/overall/explain/loek-hartog?after=1');
    expect(html).toContain('<strong>28 points</strong>');
    expect(html).toContain('bonus:pole');
    expect(html).toContain('Tie-breaks');
  });

  it('shows a driver page with SVG charts drawn on the server', async () => {
    const { html } = await page('/seasons/2024-pccna/drivers/loek-hartog');
    expect(html).toContain('<svg');
    expect(html).toContain('aria-labelledby="chart-0-points"');
    expect(html).toContain(
      '<figcaption id="chart-0-points">Points after each race: Loek Hartog in the Overall standings',
    );
    expect(html).not.toContain('<script');
  });

  it('shows a team page', async () => {
    const { status, html } = await page('/seasons/2024-pccna/teams/kellymoss');
    expect(status).toBe(200);
    expect(html).toContain('Loek Hartog');
  });

  it('answers an unknown page with 404 in HTML for browsers and JSON for others', async () => {
    expect((await page('/seasons/2024-pccna/drivers/nobody')).status).toBe(404);
    const json = await h.app.request('/seasons/nope');
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves the same page from its cache until the season changes', async () => {
    const a = await page('/seasons/2024-pccna/standings/overall');
    const computations = h.paddock.computations;
    const b = await page('/seasons/2024-pccna/standings/overall');
    expect(b.html).toBe(a.html);
    expect(h.paddock.computations).toBe(computations);
  });

  it('keeps nothing for pages and documents that were not found', async () => {
    await page('/seasons/2024-pccna/drivers/loek-hartog');
    const sizes = h.paddock.cacheSizes;
    for (let i = 0; i < 40; i++) {
      expect((await page(`/seasons/2024-pccna/drivers/nobody-${i}`)).status).toBe(404);
      expect((await page(`/seasons/2024-pccna/events/nowhere-${i}`)).status).toBe(404);
      expect((await page(`/seasons/no-such-season-${i}/standings`)).status).toBe(404);
      expect((await h.app.request(`/api/v1/seasons/2024-pccna/explanations/nobody-${i}`)).status).toBe(404);
      expect((await h.app.request(`/api/v1/seasons/2024-pccna/results/no-session-${i}`)).status).toBe(404);
      expect(
        (await h.app.request(`/api/v1/seasons/2024-pccna/standings?championship=none-${i}`)).status,
      ).not.toBe(200);
    }
    expect(h.paddock.cacheSizes).toEqual(sizes);
  });

  it('marks provisional results in the matrix header', async () => {
    const edit = await h.paddock.edit(
      '2024-pccna',
      { kind: 'state', sessionId: 'race-02', state: 'provisional' },
      { author: 'admin@example.com', reason: 'awaiting the stewards', origin: 'test' },
    );
    expect(edit.ok).toBe(true);
    const { html } = await page('/seasons/2024-pccna/standings/overall?after=2');
    expect(html).toContain('R2</a><span class="state-mark"> prov.</span>');
    expect(html).not.toContain('R1</a><span class="state-mark">');
  });

  it('shows the official classification of a race with its penalties and their decisions', async () => {
    const changed = await h.paddock.changeFiles(
      '2024-pccna',
      new Map([
        [
          'adjustments.yaml',
          '- kind: places-penalty\n  session: race-01\n  entry: 24-kellymoss-loek-hartog\n  places: 2\n  reason: "Decision 3: false start"\n',
        ],
      ]),
      { author: 'admin@example.com', reason: 'stewards', origin: 'test' },
      'adjustments',
    );
    expect(changed.ok).toBe(true);
    const { html } = await page('/seasons/2024-pccna/events/sebring');
    // Hartog won race 1 on the road; two places down he is third, Burton wins Pro.
    expect(html).toContain('#24 Loek Hartog: 2-place penalty (P1 → P3). Decision: Decision 3: false start');
    expect(html).toContain('Pro: Gustav Burton');
    const race1 = html.slice(html.indexOf('Race 1: overall classification'));
    expect(race1.indexOf('Gustav Burton')).toBeLessThan(race1.indexOf('Loek Hartog'));
  });

  it('says under the table and on the print page whom the final table excludes, and why', async () => {
    // 1997: Schumacher (78 points) excluded from the final drivers' table by the World Motor Sport
    // Council; the tables after each earlier race still rank him (FIA records; f1db).
    const f1 = await makeHarness();
    const imported = await f1.paddock.importFolder(`${SEASONS_DIR}/f1-1997`, {
      change: { author: 'test', reason: 'the 1997 season', origin: 'folder' },
    });
    expect(imported.ok).toBe(true);
    const final = await page('/seasons/1997-formula-one/standings/drivers', f1);
    expect(final.status).toBe(200);
    expect(final.html).toMatch(
      /<p>Excluded: (<!-- -->)?Michael Schumacher \(78 points\): excluded from the 1997 drivers(&#39;|')? championship for the collision with Villeneuve/,
    );
    const print = await page('/seasons/1997-formula-one/print', f1);
    expect(print.html).toContain('Michael Schumacher (78 points): excluded from the 1997');
    const before = await page('/seasons/1997-formula-one/standings/drivers?after=16', f1);
    expect(before.html).not.toContain('Excluded:');
    expect(before.html).toContain('Michael Schumacher');
    await f1.paddock.close();
  });
});
