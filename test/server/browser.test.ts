/**
 * The server in a real browser: Debian's chromium (PADDOCK_CHROMIUM) driven by playwright-core.
 * Opens the standings, logs in as a steward, moves the race 1 winner down a place, and sees the
 * standings change; saves a screenshot under test-output/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start.js';
import { silentLogger } from '../../src/server/request-log.js';

const CHROMIUM = process.env['PADDOCK_CHROMIUM'];
const SEASON = '2024-porsche-carrera-cup-north-america';

describe.skipIf(!CHROMIUM)('in a browser (skipped: PADDOCK_CHROMIUM is not set)', () => {
  let dir: string;
  let browser: BrowserContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-browser-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      database: { file: join(dir, 'paddock.db') },
      log: () => undefined,
      logger: silentLogger(),
    });
    await server.paddock.addUser('steward@example.com', 'steward', 'browser-test-password');
    // A fresh profile each run (playwright passes it to chromium as --user-data-dir).
    browser = await launchChromium(CHROMIUM!, join(dir, 'chromium-profile'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.server.close();
    await server?.paddock.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('changes a result and shows the new standings', async () => {
    const page = await browser.newPage();
    // The total is the cell linking to its explanation (the gap to the leader comes after it).
    const pointsOf = async (driver: string) =>
      (
        await page
          .locator('table.matrix tbody tr', { has: page.locator(`th a:text-is("${driver}")`) })
          .locator('td.num a[href*="/explain/"]')
          .innerText()
      ).trim();

    await page.goto(`${server.url}/seasons/${SEASON}/standings/overall?after=1`);
    expect(await page.locator('h1').innerText()).toBe('Overall standings');
    // Race 1: Hartog won from pole with the fastest lap (25 + 2 + 1); Burton second (20).
    expect(await pointsOf('Loek Hartog')).toBe('28');
    expect(await pointsOf('Gustav Burton')).toBe('20');

    await page.click('text=Log in');
    await page.fill('#email', 'steward@example.com');
    await page.fill('#password', 'browser-test-password');
    await page.click('button:has-text("Log in")');
    await page.goto(`${server.url}/seasons/${SEASON}/edit/race-01`);
    await page.selectOption('#penalty-entry', '24-kellymoss-loek-hartog');
    await page.selectOption('#penalty-kind', 'places');
    await page.fill('#penalty-amount', '1');
    await page.fill('#penalty-reason', 'Browser test: track limits');
    await page.click('button:has-text("Apply penalty")');
    expect(await page.locator('p.ok').innerText()).toContain('Saved');

    await page.goto(`${server.url}/seasons/${SEASON}/standings/overall?after=1`);
    // One place down: Hartog 20 + 3 bonus points, Burton the win's 25.
    expect(await pointsOf('Loek Hartog')).toBe('23');
    expect(await pointsOf('Gustav Burton')).toBe('25');
    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: join('test-output', 'standings-after-edit.png'), fullPage: false });
  }, 60_000);
});
