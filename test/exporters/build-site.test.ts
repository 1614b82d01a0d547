import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { computeStandings, explain, formatDisplay } from '../../src/engine/index.js';
import { loadSeason } from '../../src/formats/catalog.js';
import {
  dropLeftOutLinks,
  fileForPath,
  formsToLinks,
  rewriteLinks,
} from '../../src/exporters/static-site/static-site.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-build-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('static site paths', () => {
  it('maps site paths to files and links to relative files', () => {
    expect(fileForPath('/')).toBe('index.html');
    expect(fileForPath('/seasons/x/entries')).toBe('seasons/x/entries/index.html');
    expect(fileForPath('/assets/paddock.css')).toBe('assets/paddock.css');
    const html =
      '<a href="/seasons/x/standings#top">s</a><a href="/login">in</a><a href="https://example.com/">e</a>';
    expect(rewriteLinks(html, 'seasons/x/entries/index.html', (p) => p !== '/login')).toBe(
      '<a href="../standings/index.html#top">s</a><a href="#">in</a><a href="https://example.com/">e</a>',
    );
  });
});

describe('links to pages a static copy leaves out', () => {
  it('drops an item holding only such a link and turns other such links into text', () => {
    const include = (p: string) => !/^\/login|\/audit/.test(p);
    const html =
      '<ul><li><a href="/s/standings">Standings</a></li><li><a href="/s/audit">Changes</a></li></ul><div class="account"><a href="/login">Log in</a></div><p>See <a href="/s/audit?x=1&amp;y=2">the changes</a> and <a href="https://example.com/">this</a>.</p>';
    expect(dropLeftOutLinks(html, include)).toBe(
      '<ul><li><a href="/s/standings">Standings</a></li></ul><p>See the changes and <a href="https://example.com/">this</a>.</p>',
    );
  });
});

describe('offline forms', () => {
  it('turns a GET form with one select into links, and leaves other forms alone', () => {
    const form =
      '<form method="get" action="/s/standings"><label for="a">After </label><select id="a" name="after"><option value="1">race 1</option><option value="2" selected="">race 2</option></select> <button type="submit">Show</button></form>';
    expect(formsToLinks(form)).toBe(
      '<p class="choices">After <a href="/s/standings?after=1">race 1</a> <a href="/s/standings?after=2" aria-current="page">race 2</a></p>',
    );
    const search =
      '<form method="get" action="/s"><input name="q"><select name="x"><option value="1">1</option></select></form>';
    expect(formsToLinks(search)).toBe(search);
  });
});

describe('paddock build', () => {
  it('writes public pages whose every local link resolves to a file in the folder', async () => {
    const out = join(tmp, 'site');
    const lines: string[] = [];
    const io: CliIo = {
      out: (t) => void lines.push(t),
      err: (t) => void lines.push(t),
      color: false,
      isTTY: false,
    };
    expect(await main(['node', 'paddock', 'build', '2024-pccna', '--out', out], io)).toBe(0);
    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'));
    const season = 'seasons/2024-porsche-carrera-cup-north-america';
    expect(files).toContain('index.html');
    expect(files).toContain(`${season}/standings/overall/index.html`);
    expect(files).toContain(`${season}/entries/index.html`);
    expect(files.some((f) => f.includes('/edit') || f.includes('/audit') || f.startsWith('login'))).toBe(
      false,
    );
    // The widget and its snippets name the server's address: a static copy has none to give.
    expect(files.some((f) => f.includes('/embed'))).toBe(false);
    expect(files).toContain(`${season}/print/index.html`);
    expect(files).toContain(`${season}/standings/andial-cup/progress/index.html`);
    expect(existsSync(join(out, season, 'calendar.ics'))).toBe(true);
    // Every local link of every page: each target checked once (pages share most links), and
    // the failures gathered so one assertion lists them all.
    const targets = new Map<string, string>();
    const absolute: string[] = [];
    for (const f of files) {
      const html = await readFile(join(out, f), 'utf8');
      for (const [, url] of html.matchAll(/(?:href|src)="([^"#][^"]*)"/g)) {
        if (/^[a-z]+:/.test(url!)) continue;
        if (url!.startsWith('/')) absolute.push(`${f} -> ${url}`);
        const target = join(out, dirname(f), url!.split('#')[0]!);
        if (!targets.has(target)) targets.set(target, `${f} -> ${url}`);
      }
    }
    expect(absolute).toEqual([]);
    // No dead links: nothing points nowhere, and no page offers logging in, editing or changes.
    const dead: string[] = [];
    for (const f of files) {
      const html = await readFile(join(out, f), 'utf8');
      if (/href="#"|>Log in<|>Changes<|>Edit results<|>Live<|>Title fight</.test(html)) dead.push(f);
    }
    expect(dead).toEqual([]);
    expect([...targets].filter(([target]) => !existsSync(target)).map(([, link]) => link)).toEqual([]);
    // The pages link to each other: nearly every page is some link's target (a championship's
    // title-fight page is linked with ?after= only, so a few pages are reached by the crawl alone).
    expect(targets.size).toBeGreaterThan(files.length * 0.9);
    const overall = await readFile(join(out, season, 'standings/overall/index.html'), 'utf8');
    expect(overall).toContain('Loek Hartog');
    // The "standings after race N" form became links to pages written for every race.
    expect(overall).toContain('<a href="index~after=8.html">race 8</a>');
    expect(overall).not.toContain('<form method="get"');
    expect(existsSync(join(out, season, 'standings/overall/index~after=8.html'))).toBe(true);
    // An explanation after race N is the row `after-N` of the explanation's page, not a page of its
    // own: the table after race 8 links there, and the row holds what the server's explanation
    // after race 8 says (position and points, worked out here by the engine itself).
    expect(files.filter((f) => /\/explain\/.*~after=/.test(f))).toEqual([]);
    const after8 = await readFile(join(out, season, 'standings/overall/index~after=8.html'), 'utf8');
    expect(after8).toContain('href="explain/loek-hartog/index.html#after-8"');
    const loaded = await loadSeason('2024-pccna');
    if (!loaded.ok) throw new Error('reference season');
    const standings8 = computeStandings(loaded.value.season, loaded.value.rulebook, { afterRace: 8 });
    if (!standings8.ok) throw new Error('standings after race 8');
    const then = explain(standings8.value, 'loek-hartog').find((x) => x.championshipId === 'overall')!;
    const page = await readFile(
      join(out, season, 'standings/overall/explain/loek-hartog/index.html'),
      'utf8',
    );
    const row = /<tr id="after-8">([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? '';
    const cells = [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]);
    expect(cells.slice(0, 3)).toEqual([
      'R8',
      `${then.position}${then.shared ? '=' : ''}`,
      formatDisplay(then.points),
    ]);
    // Every fragment a page links to is an id of its target page.
    const missing: string[] = [];
    const pages = new Map<string, string>();
    for (const f of files) {
      const html = await readFile(join(out, f), 'utf8');
      for (const [, file, id] of html.matchAll(/href="([^"#:]+)#(after-\d+)"/g)) {
        const path = join(out, dirname(f), file!);
        const target = pages.get(path) ?? (await readFile(path, 'utf8'));
        pages.set(path, target);
        if (!target.includes(`id="${id}"`)) missing.push(`${f} -> ${file}#${id}`);
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
