/**
 * `paddock check` on broken copies of the reference season: one test per kind of mistake, each
 * asserting that the message names the file and the line.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { run } from '../support/run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'paddock-check-')), 'season');
  await cp(join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america'), dir, { recursive: true });
});
afterEach(async () => rm(join(dir, '..'), { recursive: true, force: true }));

/** Replaces line `n` (1-based) of a file in the copied season. */
async function editLine(file: string, n: number, edit: (line: string) => string) {
  const path = join(dir, file);
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[n - 1] = edit(lines[n - 1]!);
  await writeFile(path, lines.join('\n'));
}

describe('paddock check', () => {
  it('passes the reference season', async () => {
    const { code, out } = await run('check', dir);
    expect(code).toBe(0);
    expect(out).toMatch(/ok \(8 events, 58 entries, 16 classifications/);
  });

  it('points at the line of a YAML syntax error', async () => {
    await editLine('season.yaml', 4, () => 'year: [2024');
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`season\\.yaml:\\d+:\\d+: YAML syntax`));
  });

  it('names the file and line of an unknown driver in a result', async () => {
    await editLine('results/race-01.csv', 3, (l) => l.replace(',,classified', ',nobody-at-all,classified'));
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toContain(`${join(dir, 'results', 'race-01.csv')}:3:3: unknown driver "nobody-at-all"`);
  });

  it('names the file and line of two entries in the same position', async () => {
    await editLine('results/race-03.csv', 4, (l) => l.replace(/^3,/, '2,'));
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toContain(
      `${join(dir, 'results', 'race-03.csv')}:4:1: "88-baby-bull-michael-cooper" and "9-jdx-zachary-vanier" are both in position 2`,
    );
  });

  it('names the file and line of an entry used outside its span of rounds', async () => {
    // Naveen Rao's #46 was entered for round 1 only; race 3 is round 2.
    await editLine('results/race-03.csv', 2, (l) =>
      l.replace('24-kellymoss-loek-hartog', '46-mdk-naveen-rao'),
    );
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toContain(
      `${join(dir, 'results', 'race-03.csv')}:2:2: entry "46-mdk-naveen-rao" does not cover event "miami"`,
    );
  });

  it('names the file and line of an unknown championship id', async () => {
    await editLine('published.csv', 2, (l) => l.replace(/^overall,/, 'overal,'));
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toContain(`${join(dir, 'published.csv')}:2:1: unknown championship "overal"`);
    expect(err).toContain(
      "hint: The rulebook's championships are: overall, pro, pro-am, masters, andial-cup.",
    );
  });

  it('names the rulebook line of an unknown rule kind', async () => {
    const path = join(dir, 'rulebook.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('kind: drop-lowest', 'kind: drop-lowset'));
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`rulebook\\.yaml:\\d+:\\d+: "drops\\.0\\.kind"`));
  });

  it('reports every problem, not only the first', async () => {
    await editLine('results/race-01.csv', 3, (l) => l.replace(',,classified', ',nobody-at-all,classified'));
    await editLine('published.csv', 2, (l) => l.replace(/^overall,/, 'overal,'));
    const { err } = await run('check', dir);
    expect(err).toContain('unknown driver');
    expect(err).toContain('unknown championship');
  });

  it('names the line and field of a bad value in a CSV', async () => {
    await editLine('results/race-01.csv', 5, (l) => l.replace('classified', 'finished'));
    const { code, err } = await run('check', dir);
    expect(code).toBe(1);
    expect(err).toContain(
      `${join(dir, 'results', 'race-01.csv')}:5:4: field "status": status is one of classified, DNF, DNS, DSQ, NC, WD, EX (got "finished")`,
    );
  });
});
