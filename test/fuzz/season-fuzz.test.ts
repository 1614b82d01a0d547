/**
 * A small seeded run of the season-folder fuzz campaign (test/fuzz/season-fuzz.ts), in this
 * process: every mutated folder is accepted (then imported, loaded back and scored) or refused
 * with every message naming its file and line; nothing crashes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSeasonTasks, summarizeSeasons } from './season-fuzz.js';

const dir = await mkdtemp(join(tmpdir(), 'paddock-season-fuzz-test-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('season-folder fuzz campaign, seeded', () => {
  it('accepts or refuses 40 mutated folders without a failure', async () => {
    const tasks = Array.from({ length: 40 }, (_, index) => ({ index, seed: 20261130 }));
    const outcomes = await runSeasonTasks(tasks, dir);
    const failures = outcomes.filter((o) => o.failure !== undefined);
    expect(
      failures.map((f) => `#${f.task.index} ${f.applied.join('; ')}: ${f.failure}`),
      summarizeSeasons(outcomes),
    ).toEqual([]);
    // The untouched folder is accepted; most mutated ones are refused.
    expect(outcomes[0]!.code).toBe(0);
    expect(outcomes.filter((o) => o.code === 1).length).toBeGreaterThan(20);
  }, 240_000);
});
