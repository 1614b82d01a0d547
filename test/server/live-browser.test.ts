/**
 * The done-test for live standings: a replayed race (the shipped RMonitor recording,
 * served on loopback at 480 times its pace) drives the live page in Chromium. A visitor's page,
 * opened before the race, is redrawn in place from the server-sent events (never reloaded) while
 * an editor starts following the feed from the site; the leader of the running order changes when
 * the replay's order changes (Cooper leads the first laps, Yardley wins); the live Pro-Am table ends
 * with its new leader. At the flag the editor saves the result in one click.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDING_FILE } from '../../src/live/reference-recording.js';
import { scheduleRecording, startReplay } from '../../src/live/replay.js';
import type { ReplayServer } from '../../src/live/replay.js';
import { startServer } from '../../src/server/start.js';
import { silentLogger } from '../../src/server/request-log.js';

const CHROMIUM = process.env['PADDOCK_CHROMIUM'];
const SEASON = '2024-porsche-carrera-cup-north-america';

describe.skipIf(!CHROMIUM)('the live page in a browser (skipped: PADDOCK_CHROMIUM is not set)', () => {
  let dir: string;
  let browser: BrowserContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let replay: ReplayServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-live-browser-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      database: { file: join(dir, 'paddock.db') },
      liveStateDir: join(dir, 'live'),
      log: () => undefined,
      logger: silentLogger(),
    });
    await server.paddock.addUser('steward@example.com', 'steward', 'browser-test-password');
    const recording = scheduleRecording(await readFile(RECORDING_FILE, 'latin1'));
    replay = await startReplay({ recording, port: 0, speed: 480 });
    browser = await launchChromium(CHROMIUM!, join(dir, 'chromium-profile'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await replay?.close();
    await server?.live.close();
    server?.server.close();
    await server?.paddock.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The text of the first row's cell of a table, or '' before there is one. */
  const firstRow = (page: Page, table: string, cell: string) =>
    page.evaluate(([t, c]) => document.querySelector(`${t} tbody tr:first-child ${c}`)?.textContent ?? '', [
      table,
      cell,
    ] as const);

  it('follows a replayed race: the leader of the live table changes when the order does', async () => {
    // A visitor opens the live page before the race; it must never reload.
    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/seasons/2024-pccna/live`);
    expect(await visitor.locator('#live-status').innerText()).toContain('No race is being followed');
    await visitor.waitForFunction(() => document.getElementById('live')?.dataset['connected'] === '1');
    await visitor.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
      // Every leader of the running order and of the Pro-Am table the page showed, in order.
      const seen = { race: [] as string[], proAm: [] as string[] };
      (window as unknown as { seen: typeof seen }).seen = seen;
      const note = () => {
        const race = document.querySelector('#live-order tbody tr:first-child td.driver')?.textContent;
        const proAm = document.querySelector(
          '[data-championship="pro-am"] tbody tr:first-child td.competitor',
        )?.textContent;
        if (race && race !== seen.race.at(-1)) seen.race.push(race);
        if (proAm && proAm !== seen.proAm.at(-1)) seen.proAm.push(proAm);
      };
      new MutationObserver(note).observe(document.getElementById('live')!, {
        childList: true,
        subtree: true,
      });
    });

    // An editor starts following the replay from the site.
    const editor = await browser.newPage();
    await editor.goto(`${server.url}/login`);
    await editor.fill('#email', 'steward@example.com');
    await editor.fill('#password', 'browser-test-password');
    await editor.click('button:has-text("Log in")');
    await editor.goto(`${server.url}/seasons/${SEASON}/live`);
    await editor.selectOption('#live-session', 'race-16');
    await editor.fill('#live-rmonitor', `127.0.0.1:${replay.port}`);
    await editor.click('button:has-text("Start following")');
    expect(await editor.locator('#live-editor p.ok').innerText()).toContain('Following the feed');

    // The pole-sitter leads the first laps, then Yardley takes the lead. Read from the page's own
    // record of every leader it showed (the MutationObserver above), not by polling the table: at
    // 480x on a loaded machine Cooper's laps in front can pass between two polls.
    await visitor.waitForFunction(
      () => (window as unknown as { seen: { race: string[] } }).seen.race.includes('Michael Cooper'),
      undefined,
      { timeout: 30_000 },
    );
    await visitor.waitForFunction(
      () => (window as unknown as { seen: { race: string[] } }).seen.race.at(-1) === 'Ryan Yardley',
      undefined,
      { timeout: 60_000 },
    );
    await visitor.waitForFunction(
      () => document.getElementById('live-status')?.textContent?.includes('finished'),
      undefined,
      { timeout: 60_000 },
    );
    const seen = await visitor.evaluate(
      () => (window as unknown as { seen: { race: string[]; proAm: string[] } }).seen,
    );
    expect(seen.race.slice(0, 1)).toEqual(['Michael Cooper']);
    expect(seen.race.at(-1)).toBe('Ryan Yardley');
    // Metni came to the race third in Pro-Am and leaves it leading (+18 to Cirone's -14).
    expect(seen.proAm.at(-1)).toBe('Alan Metni');
    expect(await firstRow(visitor, '[data-championship="overall"]', 'td.competitor')).toBe('Loek Hartog');
    expect(await visitor.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await mkdir('test-output', { recursive: true });
    await visitor.screenshot({ path: join('test-output', 'live-at-the-flag.png'), fullPage: false });

    // One click at the flag: the result is saved as a revision.
    await editor.waitForSelector('#live-save button:not([disabled])', { timeout: 30_000 });
    await editor.click('#live-save button[type=submit]');
    expect(await editor.locator('#live-editor p.ok').innerText()).toMatch(
      /Saved as the provisional result \(season version \d+\)/,
    );
  }, 180_000);
});
