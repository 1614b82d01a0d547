/**
 * A small seeded run of the importer fuzz campaign (test/fuzz/importers-fuzz.ts), in this process:
 * every mutated file of every format is imported or refused by the command, never crashes, never
 * leaves a folder that does not load, and every message names its file and line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS, prepareFolder, runTasks, summarize, writeTasks } from './importers-fuzz.js';

const dir = await mkdtemp(join(tmpdir(), 'paddock-fuzz-test-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('importer fuzz campaign, seeded', () => {
  it('imports or refuses 8 mutated files of every format without a failure', async () => {
    const tasks = await writeTasks(join(dir, 'files'), 8, 20261130);
    expect(tasks).toHaveLength(8 * FORMATS.length);
    const outcomes = await runTasks(tasks, await prepareFolder(dir));
    const failures = outcomes.filter((o) => o.failure !== undefined);
    expect(
      failures.map((f) => `${f.task.format} ${f.task.applied.join('+')}: ${f.failure}`),
      summarize(outcomes).join('\n'),
    ).toEqual([]);
    // The untouched fixture of every format imports.
    for (const f of FORMATS) expect(outcomes.find((o) => o.task.format === f)?.code).toBe(0);
  }, 240_000);
});
