import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let plain: Harness;
let branded: Harness;
beforeAll(async () => {
  plain = await makeHarness({ now: () => new Date('2024-12-01T12:00:00Z') });
  branded = await makeHarness({ now: () => new Date('2024-12-01T12:00:00Z') }, (files) =>
    files.set(
      'season.yaml',
      `${files.get('season.yaml')!}branding:\n  colours: { primary: "#D5001C" }\n  logo: https://example.org/pccna.svg\n`,
    ),
  );
});
afterAll(async () => {
  await plain.paddock.close();
  await branded.paddock.close();
});

const get = async (h: Harness, path: string) => {
  const res = await h.app.request(`http://paddock.example${path}`, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text(), headers: res.headers };
};

describe('the standings widget', () => {
  it("shows a championship's leaders in the series' colours and logo, and may be framed by any site", async () => {
    const { status, html, headers } = await get(branded, '/seasons/2024-pccna/embed/overall?rows=3');
    expect(status).toBe(200);
    expect(headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(headers.get('content-security-policy')).not.toContain('script');
    // #d5001c is dark enough for white text (contrast 5.6:1).
    expect(html).toContain('--primary: #d5001c; --on-primary: #ffffff;');
    expect(html).toContain(
      '<img src="https://example.org/pccna.svg" alt="Porsche Carrera Cup North America"/>',
    );
    const rows = [
      ...html.matchAll(
        /<tr><td class="num">(\d+=?)<\/td><td class="name">([^<]+)<\/td><td class="num">([^<]+)<\/td><\/tr>/g,
      ),
    ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    // The article's Overall table: Hartog 359, Yardley 253, Sedgwick 245.
    expect(rows).toEqual(['1 Loek Hartog 359', '2 Ryan Yardley 253', '3 Alex Sedgwick 245']);
    expect(html).toContain(
      'href="http://paddock.example/seasons/2024-porsche-carrera-cup-north-america/standings/overall" target="_blank"',
    );
    expect(html).not.toContain('<script');
  });

  it('falls back to black and white without branding, and refuses a bad row count', async () => {
    const { html } = await get(plain, '/seasons/2024-pccna/embed/pro-am');
    expect(html).toContain('--primary: #111111; --on-primary: #ffffff;');
    expect(html).not.toContain('<img');
    expect(html.match(/<tr><td class="num">/g)).toHaveLength(10);
    expect((await get(plain, '/seasons/2024-pccna/embed/pro-am?rows=0')).status).toBe(400);
    expect((await get(plain, '/seasons/2024-pccna/embed/pro-am?rows=abc')).status).toBe(400);
    expect((await get(plain, '/seasons/2024-pccna/embed/nope')).status).toBe(404);
  });

  it('stays frameable when served again (it is never taken from the page cache), while other pages refuse framing', async () => {
    await get(plain, '/seasons/2024-pccna/embed/overall');
    const again = await get(plain, '/seasons/2024-pccna/embed/overall');
    expect(again.headers.get('content-security-policy')).toContain('frame-ancestors *');
    // X-Frame-Options cannot allow every site, so the widget goes without it; other pages deny.
    expect(again.headers.get('x-frame-options')).toBeNull();
    const standings = await get(plain, '/seasons/2024-pccna/standings/overall');
    expect(standings.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(standings.headers.get('x-frame-options')).toBe('DENY');
    expect((await get(plain, '/seasons/2024-pccna/embed')).headers.get('x-frame-options')).toBe('DENY');
  });

  it('gives organisers the iframe snippet of each championship, escaped', async () => {
    const { status, html, headers } = await get(plain, '/seasons/2024-pccna/embed');
    expect(status).toBe(200);
    expect(headers.get('content-security-policy')).toContain("frame-src 'self'");
    expect(html).toContain(
      '&lt;iframe src=&quot;http://paddock.example/seasons/2024-porsche-carrera-cup-north-america/embed/overall&quot; title=&quot;Overall standings, 2024 Porsche Carrera Cup North America&quot; width=&quot;360&quot; height=&quot;386&quot;',
    );
    expect(
      html.match(/<iframe src="\/seasons\/2024-porsche-carrera-cup-north-america\/embed\//g),
    ).toHaveLength(5);
  });
});

describe('share previews (Open Graph)', () => {
  it('name the leader and the top of the table on a standings page', async () => {
    const { html } = await get(branded, '/seasons/2024-pccna/standings/overall');
    expect(html).toContain(
      '<meta property="og:title" content="Overall standings · 2024 Porsche Carrera Cup North America"/>',
    );
    expect(html).toContain(
      '<meta property="og:description" content="Overall: Loek Hartog champion with 359 points. 1 Loek Hartog 359 · 2 Ryan Yardley 253 · 3 Alex Sedgwick 245 · 4 Zachary Vanier 225 · 5 Michael Cooper 169"/>',
    );
    expect(html).toContain('<meta property="og:image" content="https://example.org/pccna.svg"/>');
    expect(html).toContain(
      '<meta property="og:url" content="http://paddock.example/seasons/2024-pccna/standings/overall"/>',
    );
  });

  it("name each championship's leader on the season's home, as the table after the latest race gives them", async () => {
    const { html } = await get(plain, '/seasons/2024-pccna');
    const description = /<meta property="og:description" content="([^"]*)"/.exec(html)?.[1];
    expect(description).toContain('Overall: Loek Hartog champion with 359 points.');
    expect(description).toContain('Pro-Am: Alan Metni champion with 245 points.');
    expect(html).not.toContain('og:image');
  });
});

describe('the widget path', () => {
  it('is recognised exactly, so no other page escapes the frame ban', async () => {
    const { isWidgetPath } = await import('./routes/embed.js');
    expect(isWidgetPath('/seasons/2024-pccna/embed/overall')).toBe(true);
    expect(isWidgetPath('/seasons/2024-pccna/embed')).toBe(false);
    expect(isWidgetPath('/seasons/2024-pccna/embed/overall/')).toBe(false);
    expect(isWidgetPath('/seasons/2024-pccna/standings/overall')).toBe(false);
    expect(isWidgetPath('/seasons/2024-pccna/embed/overall/x')).toBe(false);
  });

  it('keeps the frame policy on its error pages too', async () => {
    const res = await plain.app.request('/seasons/2024-pccna/embed/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(res.headers.get('content-security-policy')).not.toContain('script');
  });
});
