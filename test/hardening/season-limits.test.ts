/**
 * Issue 15's season-data reproductions: each bad value is refused when the season loads (the one
 * path every writer goes through), with the file, line and field, instead of crashing, hanging or
 * being read as something else. The numbers are the issue's own.
 */
import { mkdtemp, rm, writeFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/engine/index.js';
import { resolvePreset, resolveSeasonDir } from '../../src/formats/catalog.js';
import { loadSeasonFiles, readSeasonFolder } from '../../src/formats/season-folder.js';
import { cp } from 'node:fs/promises';

let reference: Map<string, string>;
const tmp = await mkdtemp(join(tmpdir(), 'paddock-limits-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  const read = await readSeasonFolder(resolveSeasonDir('2024-pccna')!);
  if (!read.ok) throw new Error('the reference season does not read');
  reference = read.value;
});

/** Loads the reference season with one file changed; returns its issues (none when it loads). */
async function issuesWith(name: string, edit: (text: string) => string): Promise<readonly Issue[]> {
  const files = new Map(reference);
  const before = files.get(name) ?? '';
  const after = edit(before);
  expect(after, `the edit of ${name} changed nothing`).not.toBe(before);
  files.set(name, after);
  const loaded = await loadSeasonFiles(files, { resolvePreset, origin: 'season' });
  return loaded.ok ? [] : loaded.issues;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('season data limits', () => {
  it('refuses a finishing position beyond any field (4294967297), naming file and line', async () => {
    const issues = await issuesWith('results/race-01.csv', (t) => t.replace(/\n1,/, '\n4294967297,'));
    expect(issues.map((i) => i.code)).toEqual(['results.position-out-of-range']);
    expect(issues[0]!.message).toMatch(
      /position 4294967297 is beyond the field \(\d+ cars listed, \d+ entered\)/,
    );
    expect(issues[0]!.location).toMatchObject({ file: join('season', 'results/race-01.csv'), line: 2 });
  });

  it('refuses rounds 1-300000000 at the cost of the calendar, not of the range', async () => {
    const started = performance.now();
    const issues = await issuesWith('entries.csv', (t) => t.replace(',pro,all,', ',pro,1-300000000,'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(issues.map((i) => i.code)).toEqual(['entry.unknown-round']);
    expect(issues[0]!.message).toContain('round 300000000');
    expect(issues[0]!.location).toMatchObject({ file: join('season', 'entries.csv'), line: 2 });
  });

  it('refuses a YAML alias bomb in rulebook.yaml', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
    ])
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const issues = await issuesWith('rulebook.yaml', (t) => `${t}\n${bomb.join('\n')}\n`);
    expect(issues.map((i) => i.code)).toEqual(['yaml.aliases']);
    // The line of the first alias: the rulebook's own lines, a blank one, then the anchor line.
    const lines = reference.get('rulebook.yaml')!.split('\n').length;
    expect(issues[0]!.location).toEqual({ file: join('season', 'rulebook.yaml'), line: lines + 2 });
  });

  it('refuses a rulebook cut down to a comment at its first line (found by the season fuzz campaign)', async () => {
    const issues = await issuesWith('rulebook.yaml', () => '# nothing left\n');
    expect(issues[0]!.location).toEqual({ file: join('season', 'rulebook.yaml'), line: 1 });
  });

  it('refuses lists nested 50,000 deep (found by the season fuzz campaign: a stack overflow)', async () => {
    const issues = await issuesWith(
      'rulebook.yaml',
      (t) => `${t}\nnested: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    );
    expect(issues.map((i) => i.code)).toEqual(['yaml.too-deep']);
    const lines = reference.get('rulebook.yaml')!.split('\n').length;
    expect(issues[0]!.location).toEqual({ file: join('season', 'rulebook.yaml'), line: lines + 1 });
  });

  it('refuses an unknown YAML tag instead of reading it as text', async () => {
    const issues = await issuesWith('season.yaml', (t) =>
      t.replace('name: 2024 Porsche', 'name: !secret 2024 Porsche'),
    );
    expect(issues.map((i) => i.code)).toEqual(['yaml.syntax']);
    expect(issues[0]!.message).toContain('Unresolved tag: !secret');
    expect(issues[0]!.location).toMatchObject({
      line: lineOf(reference.get('season.yaml')!, 'name: 2024 Porsche'),
    });
  });

  it('refuses impossible dates (2024-17-05, 2023-02-29) and keeps real ones (2024-02-29)', async () => {
    for (const bad of ['2024-17-05', '2023-02-29']) {
      const issues = await issuesWith('season.yaml', (t) => t.replace('start: 2024-03-13', `start: ${bad}`));
      expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('real calendar dates')]);
      expect(issues[0]!.location).toMatchObject({
        line: lineOf(reference.get('season.yaml')!, 'start: 2024-03-13'),
      });
    }
    expect(
      await issuesWith('season.yaml', (t) => t.replace('start: 2024-03-13', 'start: 2024-02-29')),
    ).toEqual([]);
  });

  it('refuses country codes that are not countries (XQ, UK, ZZ) and accepts real ones (GB, XK)', async () => {
    for (const bad of ['XQ', 'UK', 'ZZ']) {
      const issues = await issuesWith('season.yaml', (t) => t.replace('country: US', `country: ${bad}`));
      expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('ISO 3166-1 alpha-2')]);
    }
    for (const good of ['GB', 'XK'])
      expect(await issuesWith('season.yaml', (t) => t.replace('country: US', `country: ${good}`))).toEqual(
        [],
      );
  });

  it('refuses a duplicated award row (it would share the bonus with itself)', async () => {
    const issues = await issuesWith('awards.csv', (t) => `${t.trimEnd()}\n${t.split('\n')[1]}\n`);
    expect(issues.map((i) => i.code)).toEqual(['awards.duplicate']);
  });

  it('refuses two state rows for one session', async () => {
    const issues = await issuesWith(
      'result-states.csv',
      () => 'session,state\nrace-01,final\nrace-01,provisional\n',
    );
    expect(issues.map((i) => i.code)).toEqual(['results.duplicate-state']);
    expect(issues[0]!.location).toMatchObject({ file: join('season', 'result-states.csv'), line: 3 });
  });

  it('does not read a season file larger than 16 MB', async () => {
    const dir = join(tmp, 'big');
    await cp(resolveSeasonDir('2024-pccna')!, dir, { recursive: true });
    await writeFile(join(dir, 'notes.txt'), '');
    await truncate(join(dir, 'notes.txt'), 17 * 1024 * 1024);
    const read = await readSeasonFolder(dir);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.issues.map((i) => [i.code, i.location?.file])).toEqual([
        ['file.too-big', join(dir, 'notes.txt')],
      ]);
  });
  it('refuses a negative or zero points deduction (it would add points, or do nothing)', async () => {
    for (const points of ['-10', '0']) {
      const issues = await issuesWith(
        'adjustments.yaml',
        () =>
          `- kind: points-deduction\n  driver: loek-hartog\n  points: "${points}"\n  reason: a stewards' decision\n`,
      );
      expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('more than zero points')]);
      expect(issues[0]!.location).toMatchObject({ file: join('season', 'adjustments.yaml'), line: 3 });
    }
    expect(
      await issuesWith(
        'adjustments.yaml',
        () => `- kind: points-deduction\n  driver: loek-hartog\n  points: "1/7"\n  reason: x\n`,
      ),
    ).toEqual([]);
  });
});
