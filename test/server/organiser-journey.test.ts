/**
 * Issue 10's whole journey in a real browser (Debian's chromium through playwright-core, no
 * JavaScript needed by any page): an organiser creates a season with two classes and two events,
 * pastes an entry list, uploads a timing CSV with an unknown driver and resolves it, uploads the
 * second race as an iRacing file, applies a points deduction and a places penalty, sees them
 * change the matrix and listed on the public decisions page, restores the season as it was
 * before the penalty from the Changes page, and finds the command line's standings equal to the
 * page's. With PADDOCK_SCREENSHOTS=1 it saves the steps' screenshots into docs/organiser/ (the
 * pictures docs/organiser.md shows).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/server/request-log.js';
import { startServer } from '../../src/server/start.js';
import { launchChromium } from '../support/chromium.js';
import { run } from '../support/run-cli.js';

const CHROMIUM = process.env['PADDOCK_CHROMIUM'];
const SCREENSHOTS = process.env['PADDOCK_SCREENSHOTS'] === '1';
const SHOTS = fileURLToPath(new URL('../../docs/organiser/', import.meta.url));
const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/importers/${path}`, import.meta.url));

const SEASON = '2026-club-cup';
const PASSWORD = 'journey-test-password';

/** The entry list as a club sends it: number, driver, team, class. */
const ENTRIES = [
  '24, Loek Hartog, Kellymoss, Pro',
  '20, Gustav Burton, MDK Motorsports, Pro',
  '78, Ryan Yardley, Topp Racing, Pro',
  '14, James Sofronas, GMG Racing, Am',
  '55, Matt Halcome, ACI Motorsports, Am',
  '84, Marco Cirone, ACI Motorsports, Am',
  '68, Chris Bellomo, Kellymoss, Am',
].join('\n');

describe.skipIf(!CHROMIUM)('the organiser journey (skipped: PADDOCK_CHROMIUM is not set)', () => {
  let dir: string;
  let db: string;
  let browser: BrowserContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-journey-'));
    db = join(dir, 'paddock.db');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      database: { file: db },
      log: () => undefined,
      logger: silentLogger(),
    });
    await server.paddock.addUser('organiser@example.com', 'admin', PASSWORD);
    expect((await server.paddock.setDisplayName('organiser@example.com', 'Club Cup organiser')).ok).toBe(
      true,
    );
    browser = await launchChromium(CHROMIUM!, join(dir, 'chromium-profile'));
    page = await browser.newPage();
    if (SCREENSHOTS) await mkdir(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const go = (path: string) => page.goto(`${server.url}${path}`);
  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  /** Fills a form's fields by name and submits it with the button named. */
  async function submit(form: string, fields: Record<string, string>, button: string) {
    const f = page.locator(form);
    for (const [name, value] of Object.entries(fields)) {
      const field = f.locator(`[name="${name}"]`).first();
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await Promise.all([page.waitForLoadState('load'), f.locator(`button:has-text("${button}")`).click()]);
  }
  /** Totals of a championship's matrix, as the page shows them: name -> points. */
  async function matrixTotals(championship: string): Promise<Map<string, string>> {
    await go(`/seasons/${SEASON}/standings/${championship}`);
    const rows = await page.locator('table.matrix tbody tr').all();
    const out = new Map<string, string>();
    for (const row of rows) {
      const name = (await row.locator('th a').first().innerText()).trim();
      // The points cell links to how they add up (a footnote mark may follow the link).
      out.set(name, (await row.locator('td.num a[href*="/explain/"]').first().innerText()).trim());
    }
    return out;
  }

  it('runs a season from nothing to published, stewarded standings', async () => {
    // 1. Log in and create the season: two classes, a template rulebook.
    await go('/login');
    await page.fill('#email', 'organiser@example.com');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Log in")')]);
    await go('/seasons/new');
    await submit(
      'form[action="/seasons/new"][method="post"]',
      {
        series_name: 'Club Cup',
        year: '2026',
        preset: 'sim-racing-league',
        classes: 'Pro, Am',
        reason: 'The club votes for a 2026 cup',
      },
      'Create the season',
    );
    expect(page.url()).toContain(`/seasons/${SEASON}/setup`);
    await shot('1-new-season');

    // 2. The calendar: two events, one race each.
    for (const [round, name, circuit, day] of [
      ['1', 'Brands Hatch', 'Brands Hatch Indy', '2026-04-12'],
      ['2', 'Snetterton', 'Snetterton 300', '2026-05-10'],
    ] as const) {
      await go(`/seasons/${SEASON}/setup/calendar`);
      await submit(
        `form[action="/seasons/${SEASON}/setup/event"]`,
        {
          name,
          circuit,
          country: 'GB',
          start: day,
          timezone: 'Europe/London',
          round,
          session_0_type: 'race',
          session_0_name: 'Race',
          session_0_date: day,
          session_0_time: '14:00',
          session_0_duration: '30',
          session_1_type: '',
          session_2_type: '',
          reason: `Round ${round}`,
        },
        'Add the event',
      );
      expect(await page.locator('.field-error').count()).toBe(0);
    }
    await shot('2-calendar');

    // 3. The entry list, pasted, previewed, added.
    await go(`/seasons/${SEASON}/setup/entries`);
    await submit(`form:has(#paste-text)`, { text: ENTRIES, reason: 'Entry list' }, 'Preview');
    expect(await page.locator('#preview-title').innerText()).toBe('Preview: 7 entries');
    await submit(`form:has(#paste-text)`, { reason: 'Entry list from the club' }, 'Add these 7 entries');
    await go(`/seasons/${SEASON}/entries`);
    expect(await page.locator('main').innerText()).toContain('Chris Bellomo');
    await shot('3-entries');

    // 4. Race 1 from the timing system, where car 68 is #168 "Christopher Bellomo".
    const sessions = await server.paddock.open(SEASON);
    if (!sessions.ok) throw new Error(JSON.stringify(sessions.issues));
    const [race1, race2] = sessions.value.loaded.season.sessions.map((s) => s.id);
    const timing = (await readFile(fixture('timing-csv/03_Classification_Race 1_Official.CSV'), 'utf8'))
      .replace('7;68;Retired', '7;168;Retired')
      .replace('Chris;Bellomo', 'Christopher;Bellomo');
    const timingFile = join(dir, 'race1.csv');
    await writeFile(timingFile, timing);
    await go(`/seasons/${SEASON}/edit/${race1}/upload`);
    await page.setInputFiles('#file', timingFile);
    await page.selectOption('#format', 'timing-csv');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="preview"]')]);
    const unmatched = page.locator('#unmatched');
    expect(await unmatched.innerText()).toContain('Christopher Bellomo');
    await shot('4-unmatched');
    await unmatched.locator('select').selectOption('chris-bellomo');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="preview"]')]);
    expect(await page.locator('#preview').innerText()).toContain('All 7 rows read and matched');
    await shot('5-preview');
    await page.fill('#upload-reason', 'Race 1 official classification');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="apply"]')]);
    expect(await page.locator('p.ok').innerText()).toContain('Saved');

    // 5. Race 2 from iRacing: confirm the one car the file numbers differently.
    await go(`/seasons/${SEASON}/edit/${race2}/upload`);
    await page.setInputFiles('#file', fixture('iracing/sebring-league-race.json'));
    await page.selectOption('#format', 'iracing');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="preview"]')]);
    await page.locator('#unmatched select').selectOption('james-sofronas');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="preview"]')]);
    expect(await page.locator('#preview').innerText()).toContain('Pole: Loek Hartog');
    await Promise.all([page.waitForLoadState('load'), page.click('button[value="apply"]')]);
    expect(await page.locator('p.ok').innerText()).toContain('Saved');
    const before = await matrixTotals('overall');

    // 6. Stewarding: a points deduction, then a places penalty, each with its decision.
    await go(`/seasons/${SEASON}/edit/${race1}`);
    await submit(
      `form[action$="/penalty"]`,
      {
        entryId: '20-mdk-motorsports-gustav-burton',
        penalty: 'points',
        amount: '5',
        reason: 'Decision 1: unsafe release in the pit lane',
      },
      'Apply penalty',
    );
    expect(await page.locator('p.ok').innerText()).toContain('Saved');
    // 5 points off in every championship, exactly.
    const deducted = await matrixTotals('overall');
    expect(Number(deducted.get('Gustav Burton'))).toBe(Number(before.get('Gustav Burton')) - 5);
    await go(`/seasons/${SEASON}/edit/${race1}`);
    await submit(
      `form[action$="/penalty"]`,
      {
        entryId: '24-kellymoss-loek-hartog',
        penalty: 'places',
        amount: '2',
        reason: 'Decision 2: causing a collision at Paddock Hill Bend',
      },
      'Apply penalty',
    );
    expect(await page.locator('p.ok').innerText()).toContain('Saved');
    await shot('6-stewarding');

    // 7. Published: the decisions page, and the matrix's marks.
    await go(`/seasons/${SEASON}/decisions`);
    const decisions = await page.locator('#decisions').innerText();
    expect(decisions).toContain('Decision 1: unsafe release in the pit lane');
    expect(decisions).toContain('Decision 2: causing a collision at Paddock Hill Bend');
    expect(decisions).toContain('P1 → P3');
    await shot('7-decisions');
    const penalised = await matrixTotals('overall');
    expect(penalised).not.toEqual(before);
    // The matrix marks the penalised result and the deduction with footnotes, as season articles do.
    const notes = await page.locator('ol.footnotes').first().innerText();
    expect(notes).toContain('Decision 2: causing a collision at Paddock Hill Bend');
    expect(notes).toContain('Gustav Burton');
    await shot('8-matrix');

    // 8. The penalty restored away from the Changes page: the season as after the deduction.
    await go(`/seasons/${SEASON}/audit`);
    const latest = page.locator('ol.revisions > li').first();
    expect(await latest.innerText()).toContain('#24 Loek Hartog: P1 → P3');
    expect(await latest.innerText()).toContain('by Club Cup organiser');
    const deduction = page.locator('ol.revisions > li').nth(1);
    expect(await deduction.innerText()).toContain('points deduction');
    await deduction.locator('input[name="reason"]').fill('The appeal against decision 2 is upheld');
    await Promise.all([page.waitForLoadState('load'), deduction.locator('button').click()]);
    expect(await page.locator('p.ok').innerText()).toMatch(/Revision \d+ restored as revision \d+\./);
    await shot('9-changes');
    await go(`/seasons/${SEASON}/decisions`);
    expect(await page.locator('main').innerText()).not.toContain('Decision 2');
    expect(await page.locator('main').innerText()).toContain('Decision 1');

    // 9. The command line reads the same standings as the page shows.
    const page1 = await matrixTotals('overall');
    expect(page1).toEqual(deducted);
    const cli = await run('standings', SEASON, '--db', db, '--championship', 'overall', '--json');
    expect(cli.code).toBe(0);
    const doc = JSON.parse(cli.out) as {
      championships: { standings: { competitor: { name: string }; points: number }[] }[];
    };
    const fromCli = new Map(
      doc.championships[0]!.standings.map((s) => [s.competitor.name, String(s.points)] as const),
    );
    expect(page1).toEqual(fromCli);
  }, 240_000);
});
