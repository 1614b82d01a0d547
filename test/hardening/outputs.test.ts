/**
 * Issue 15's output and storage reproductions: exports meant for people cannot carry a formula or
 * markup, writing a folder never deletes what Paddock did not write, an older Paddock refuses a
 * newer database, and SQLite commits are on disk when acknowledged.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { computeStandings } from '../../src/engine/index.js';
import { spreadsheetSafe } from '../../src/exporters/csv/spreadsheet-safe.js';
import { resultsCsv, standingsCsv } from '../../src/exporters/csv/season-csv.js';
import { escapeWikitext, standingsWikitext } from '../../src/exporters/wikitext/standings-wikitext.js';
import { loadSeason } from '../../src/formats/catalog.js';
import { openDatabase } from '../../src/store/connect.js';
import { run } from '../support/run-cli.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-outputs-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function referenceWithNames(driverName: string, championshipName: string) {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error('reference season does not load');
  const { season, rulebook } = loaded.value;
  const hartog = season.drivers.findIndex((d) => d.id === 'loek-hartog');
  const drivers = season.drivers.map((d, i) => (i === hartog ? { ...d, name: driverName } : d));
  const championships = rulebook.championships.map((c, i) =>
    i === 0 ? { ...c, name: championshipName } : c,
  );
  const s = { ...season, drivers };
  const r = { ...rulebook, championships };
  const standings = computeStandings(s, r);
  if (!standings.ok) throw new Error('reference season does not score');
  return { season: s, rulebook: r, standings: standings.value };
}

describe('CSV exports', () => {
  it('prefix formula-like cells with an apostrophe and leave numbers alone', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(spreadsheetSafe('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(spreadsheetSafe('+cmd|calc')).toBe(`'+cmd|calc`);
    expect(spreadsheetSafe('-2+3')).toBe(`'-2+3`);
    expect(spreadsheetSafe('\tx')).toBe(`'\tx`);
    for (const plain of ['-3', '+1', '12', '1/7', '-1/7', '0.5', 'Loek Hartog', ''])
      expect(spreadsheetSafe(plain)).toBe(plain);
  });

  it('write a driver named =1+1 as text in the results and standings CSV', async () => {
    const { season, standings } = await referenceWithNames('=1+1', 'Overall');
    for (const text of [resultsCsv(season), standingsCsv(standings)]) {
      const cells: string[] = (parse(text) as unknown[][]).flat().map(String);
      expect(cells).toContain("'=1+1");
      expect(cells).not.toContain('=1+1');
    }
  });
});

describe('wikitext', () => {
  it('escapes markup, headings and line breaks in names', async () => {
    expect(escapeWikitext("a|b [[c]] {{d}} <e> ''f'' == g ~~~~\n| h")).toBe(
      'a&#124;b &#91;&#91;c&#93;&#93; &#123;&#123;d&#125;&#125; &#60;e&#62; &#39;&#39;f&#39;&#39; &#61;&#61; g &#126;&#126;&#126;&#126; &#124; h',
    );
    const { season, standings } = await referenceWithNames('X\n|-\n! {{evil}}', 'Over}}all');
    const text = standingsWikitext(season, standings.championships[0]!);
    expect(text).not.toContain('{{evil}}');
    expect(text).toContain('X &#124;- ! &#123;&#123;evil&#125;&#125;');
  });

  it('escapes championship names in the export headings', async () => {
    const dir = join(tmp, 'wiki-season');
    expect((await run('export', '2024-pccna', dir, '--format', 'folder')).code).toBe(0);
    const rulebook = join(dir, 'rulebook.yaml');
    const text = await readFile(rulebook, 'utf8');
    const named = text.replace(/name: Overall\b/, 'name: "Overall ===\\n{{evil}}"');
    expect(named).not.toBe(text);
    await writeFile(rulebook, named);
    const r = await run('export', dir, '--format', 'wikitext');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('=== Overall &#61;&#61;&#61; &#123;&#123;evil&#125;&#125; ===');
  });
});

describe('writing folders', () => {
  it('paddock build --out refuses a folder holding other files, and leaves them', async () => {
    const dir = join(tmp, 'documents');
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.txt'), 'five years of work');
    const r = await run('build', '2024-pccna', '--out', dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${dir} already holds files that are not a site built by Paddock`);
    expect(await readdir(dir)).toEqual(['thesis.txt']);
  });

  it('paddock export refuses a folder holding other files', async () => {
    const dir = join(tmp, 'photos');
    await mkdir(dir);
    await writeFile(join(dir, 'holiday.jpg'), 'jpeg');
    const r = await run('export', '2024-pccna', dir, '--format', 'folder');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('already holds files that are not a season folder');
    expect(await readdir(dir)).toEqual(['holiday.jpg']);
    // A season folder it wrote before is replaced.
    const season = join(tmp, 'season-again');
    expect((await run('export', '2024-pccna', season, '--format', 'folder')).code).toBe(0);
    expect((await run('export', '2024-pccna', season, '--format', 'folder')).code).toBe(0);
  });
});

describe('the database', () => {
  it('an older Paddock refuses a database a newer one migrated, and changes nothing', async () => {
    const file = join(tmp, 'newer.db');
    const first = await openDatabase({ file });
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')`.execute(
      first.db,
    );
    await first.close();
    await expect(openDatabase({ file })).rejects.toThrow(
      /written by a newer Paddock \(migrations 9999-from-the-future are unknown/,
    );
  });

  it('SQLite commits with synchronous=FULL (an acknowledged edit survives power loss)', async () => {
    const opened = await openDatabase({ file: join(tmp, 'durable.db') });
    const r = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(opened.db);
    await opened.close();
    expect(r.rows[0]!.synchronous).toBe(2); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
  });
});

describe('results --json', () => {
  it('prints a race with a points factor (no BigInt left in the document)', async () => {
    const dir = join(tmp, 'factor-season');
    expect((await run('export', '2024-pccna', dir, '--format', 'folder')).code).toBe(0);
    const file = join(dir, 'season.yaml');
    const text = await readFile(file, 'utf8');
    const halved = text.replace(
      '{ id: race-01, type: race, race: 1, name: Race 1 }',
      '{ id: race-01, type: race, race: 1, name: Race 1, points_factor: 1/2 }',
    );
    expect(halved).not.toBe(text);
    await writeFile(file, halved);
    for (const args of [
      ['results', dir, '1', '--json'],
      ['standings', dir, '--json'],
      ['calendar', dir, '--json'],
      ['explain', dir, 'loek-hartog', '--json'],
    ]) {
      const r = await run(...args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      expect(() => JSON.parse(r.out) as unknown).not.toThrow();
    }
  });
});
