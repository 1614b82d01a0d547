/**
 * Every page type in a real browser (Debian's chromium, PADDOCK_CHROMIUM) at a phone's width
 * (390 px) and a wide screen's (1400 px): a screenshot of each, what the screen shows (saved in
 * test-output/pages/; full pages with PADDOCK_SCREENSHOTS=1, about a second more per page), and
 * the test fails when the page body scrolls sideways there or at 320 px
 * (tables may scroll in their own box), when an image or an SVG drawn as an image has no text alternative, or when
 * axe-core (run in the page) reports a serious or critical accessibility violation. The printable
 * standings are printed to PDF: one A4 page per championship. One server and one browser for all.
 *
 * The screenshots and axe-core run only for a page that is new or changed since it last passed
 * (test/support/page-checks-cache.ts; `PADDOCK_PAGE_CACHE=0` runs them for every page): the overflow
 * and text-alternative checks run every time.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, PASSWORD } from '../../src/server/test-support/harness.js';
import type { Harness } from '../../src/server/test-support/harness.js';
import { launchChromium } from '../support/chromium.js';
import { PageChecksCache } from '../support/page-checks-cache.js';

const CHROMIUM = process.env['PADDOCK_CHROMIUM'];
const S = '/seasons/2024-porsche-carrera-cup-north-america';
/** The season with two classes and shared cars (test/fixtures/seasons/two-class-endurance). */
const T = '/seasons/two-class-endurance';
const WIDTHS = [390, 1400] as const;
/** The narrowest phone width the layout supports: checked for overflow only (no screenshot, no axe). */
const NARROWEST = 320;
/** Where the screenshots go, and whether they are whole pages (slow) or what the screen shows. */
const SHOTS = join('test-output', 'pages');
const FULL_PAGE = process.env['PADDOCK_SCREENSHOTS'] === '1';

/** One page of each type a visitor sees, then those an editor sees (logged in as the steward). */
const VISITOR_PAGES: readonly [string, string][] = [
  ['home', '/'],
  ['season', S],
  ['entries', `${S}/entries`],
  ['event', `${S}/events/sebring`],
  ['race', `${S}/results/race-01`],
  ['shared-race', `${T}/results/spa-race`],
  ['qualifying', `${T}/results/spa-qualifying`],
  ['shared-event', `${T}/events/spa`],
  ['shared-matrix', `${T}/standings/drivers`],
  ['shared-class-matrix', `${T}/standings/am`],
  ['shared-team', `${T}/teams/red-line`],
  ['shared-driver', `${T}/drivers/ben-okafor`],
  ['standings-index', `${S}/standings`],
  ['matrix', `${S}/standings/overall`],
  ['matrix-class', `${S}/standings/pro-am?after=8`],
  ['explain', `${S}/standings/pro-am/explain/alan-metni`],
  ['progress', `${S}/standings/andial-cup/progress`],
  ['driver', `${S}/drivers/alan-metni`],
  ['team', `${S}/teams/kellymoss`],
  ['print', `${S}/print`],
  ['embed-help', `${S}/embed`],
  ['widget', `${S}/embed/overall`],
  ['title-fights', `${S}/title-fight?after=12`],
  ['title-fight', `${S}/title-fight/overall?after=12`],
  ['whatif', `${S}/whatif?after=12`],
  ['rescore', `${S}/rescore`],
  ['live', `${S}/live`],
  ['changes', `${S}/audit`],
  ['decisions', `${S}/decisions`],
  ['login', '/login'],
  ['not-found', '/seasons/no-such-season'],
  ['api-reference', '/api/v1/reference'],
];
const EDITOR_PAGES: readonly [string, string][] = [
  ['editor', `${S}/edit`],
  ['editor-session', `${S}/edit/race-01`],
  ['upload', `${S}/edit/race-01/upload`],
  ['account', '/account/tokens'],
];
/** Pages only an organiser of the series (or the administrator) sees. */
const ORGANISER_PAGES: readonly [string, string][] = [
  ['roles', '/series/porsche-carrera-cup-north-america/roles'],
  // The setup pages, each with its change forms open.
  ['setup', `${S}/setup?class=pro`],
  ['setup-calendar', `${S}/setup/calendar?event=sebring`],
  ['setup-entries', `${S}/setup/entries?entry=24-kellymoss-loek-hartog&driver=alan-metni&team=kellymoss`],
  ['new-season', '/series/porsche-carrera-cup-north-america/seasons/new'],
  ['rulebook-editor', `${S}/edit/rulebook`],
];

/** What the page's rendering depends on, as loaded: its markup and the rules of its style sheets. */
const rendered = (page: Page): Promise<[markup: string, styles: string]> =>
  page.evaluate(() => [
    document.documentElement.outerHTML,
    [...document.styleSheets]
      .map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n'))
      .join('\n'),
  ]);

/**
 * The markup less what changes from run to run without changing what is checked (each replaced by
 * text of the same length, so the layout stays): the server's port, CSRF tokens, and the times of
 * revisions saved while the test ran.
 */
const steady = (markup: string, base: string): string =>
  markup
    .replaceAll(base, 'http://127.0.0.1:00000'.slice(0, base.length).padEnd(base.length, '0'))
    .replace(/(name="_csrf" value=")[^"]*/g, '$1')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '0000-00-00 00:00 UTC');

interface Findings {
  readonly overflow: number;
  readonly unlabelledImages: string[];
}

/** Horizontal overflow of the page (px) and images without a text alternative. */
const inspect = (page: Page): Promise<Findings> =>
  page.evaluate(() => {
    const unlabelled = [
      ...[...document.querySelectorAll('img')]
        .filter((i) => !i.hasAttribute('alt'))
        .map((i) => i.outerHTML.slice(0, 80)),
      ...[...document.querySelectorAll('svg[role="img"], [role="img"]')]
        .filter((s) => {
          const by = s.getAttribute('aria-labelledby');
          const named = by && by.split(/\s+/).every((id) => document.getElementById(id)?.textContent?.trim());
          return !named && !s.getAttribute('aria-label')?.trim();
        })
        .map((s) => s.outerHTML.slice(0, 80)),
      // An SVG chart that is not hidden must be named as an image.
      ...[...document.querySelectorAll('svg')]
        .filter((s) => s.getAttribute('aria-hidden') !== 'true' && !s.closest('[aria-hidden="true"]'))
        .filter((s) => s.querySelector('text') && s.getAttribute('role') !== 'img')
        .map((s) => s.outerHTML.slice(0, 80)),
    ];
    return {
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      unlabelledImages: unlabelled,
    };
  });

describe.skipIf(!CHROMIUM)(
  'every page type in a browser, at 390 and 1400 px (skipped: PADDOCK_CHROMIUM is not set)',
  () => {
    let dir: string;
    let h: Harness;
    let server: ReturnType<typeof serve>;
    let base: string;
    let browser: BrowserContext;
    let axeSource: string;
    /** Pages whose screenshots and axe run passed in an earlier run, unchanged since (see the module). */
    let cache: PageChecksCache;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'paddock-pages-browser-'));
      h = await makeHarness({ now: () => new Date('2024-08-01T12:00:00Z') });
      const shared = await h.paddock.importFolder('test/fixtures/seasons/two-class-endurance', {
        change: { author: 'test', reason: 'fixture', origin: 'folder' },
      });
      if (!shared.ok) throw new Error(JSON.stringify(shared.issues));
      server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await launchChromium(CHROMIUM!, join(dir, 'profile'));
      await mkdir(SHOTS, { recursive: true });
      axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const testSource = readFileSync(new URL(import.meta.url), 'utf8');
      cache = new PageChecksCache(
        [browser.browser()?.version(), FULL_PAGE, axeSource, testSource].join('\0'),
      );
    }, 60_000);
    afterAll(async () => {
      cache?.save();
      await browser?.close();
      server?.close();
      await h?.paddock.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** Loads each page once: at 1400 and 390 px a screenshot and the overflow, at 320 px the overflow; alternatives once, axe at 390 px. */
    async function check(page: Page, pages: readonly [string, string][]): Promise<string[]> {
      const problems: string[] = [];
      for (const [name, path] of pages) {
        // One load per page; the widths are layouts of it (media queries follow the viewport).
        await page.setViewportSize({ width: WIDTHS[1], height: 900 });
        const res = await page.goto(`${base}${path}`);
        if (name !== 'not-found' && res?.status() !== 200) problems.push(`${name}: HTTP ${res?.status()}`);
        const [markup, styles] = await rendered(page);
        const key = cache.keyOf(steady(markup, base), styles);
        const shots = [WIDTHS[1], WIDTHS[0]].map((width) => join(SHOTS, `${name}-${width}.png`));
        // The overflow and text alternatives are checked every time (they are quick); the
        // screenshots and axe only when the page is new or changed since its last pass.
        const slow = !cache.passedBefore(key, shots);
        const before = problems.length;
        for (const width of [WIDTHS[1], WIDTHS[0], NARROWEST]) {
          await page.setViewportSize({ width, height: 900 });
          const found = await inspect(page);
          if (found.overflow > 0)
            problems.push(`${name} at ${width} px: the page scrolls sideways by ${found.overflow} px`);
          if (width === NARROWEST) continue;
          if (width === WIDTHS[1])
            for (const img of found.unlabelledImages) problems.push(`${name}: no text alternative: ${img}`);
          if (!slow) continue;
          await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: FULL_PAGE });
          if (width === WIDTHS[1]) continue;
          // Evaluated through the debugger protocol, so the page's policy (no scripts) does not block it.
          await page.evaluate(axeSource);
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: {
                  run: (o: unknown) => Promise<{
                    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
                  }>;
                };
              }
            ).axe;
            const r = await axe.run({ resultTypes: ['violations'] });
            return r.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
            }));
          });
          for (const v of violations)
            if (v.impact === 'serious' || v.impact === 'critical')
              problems.push(`${name}: axe ${v.impact} ${v.id} at ${v.nodes.join(', ')}`);
        }
        if (problems.length === before) cache.pass(key);
      }
      return problems;
    }

    it('keeps every visitor page within the screen, images described, and no serious accessibility violation', async () => {
      const page = await browser.newPage();
      expect(await check(page, VISITOR_PAGES)).toEqual([]);
      await page.close();
    }, 180_000);

    it('does the same for the editor pages, logged in', async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#email', 'steward@example.com');
      await page.fill('#password', PASSWORD);
      await page.click('button:has-text("Log in")');
      expect(await check(page, EDITOR_PAGES)).toEqual([]);
      await page.close();
    }, 60_000);

    it('does the same for the organiser pages, logged in as the organiser', async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#email', 'organiser@example.com');
      await page.fill('#password', PASSWORD);
      await page.click('button:has-text("Log in")');
      expect(await check(page, ORGANISER_PAGES)).toEqual([]);
      await page.close();
    }, 60_000);

    it('prints the standings on one A4 page per championship', async () => {
      const page = await browser.newPage();
      await page.goto(`${base}${S}/print`);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      // A4 portrait is 595 x 842 points; five championships, five pages.
      const text = pdf.toString('latin1');
      expect(text.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(5);
      expect(text).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
      await page.close();
    }, 30_000);
  },
);
