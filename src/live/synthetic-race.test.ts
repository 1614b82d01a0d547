import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RECORDING_FILE, referenceRecording } from './reference-recording.js';
import { RMonitorFeed } from './rmonitor-feed.js';
import type { RunningOrder } from './running-order.js';
import { referenceSeason } from './test-support/race-16.js';

const { season } = await referenceSeason();

describe('the shipped recording of race 16', () => {
  it('is exactly what the script generates from the reference season', async () => {
    const committed = await readFile(RECORDING_FILE, 'latin1');
    expect(committed === referenceRecording(season)).toBe(true);
  });

  it('is a race: a grid, a yellow, a retirement, passes for the lead, and the real finishing order', async () => {
    const text = await readFile(RECORDING_FILE, 'latin1');
    const feed = new RMonitorFeed();
    const flags = new Set<string>();
    const leaders: string[] = [];
    let last: RunningOrder | undefined;
    let finishedAt: number | undefined;
    text.split('\r\n').forEach((line, i) => {
      if (!line) return;
      const step = feed.push(line, { source: 'recording', line: i + 1 });
      if (step.kind === 'skipped') throw new Error(step.issue.message);
      if (step.kind !== 'order') return;
      last = step.order;
      flags.add(step.order.flag);
      const lead = step.order.rows[0];
      if (lead?.laps !== undefined && leaders.at(-1) !== lead.car) leaders.push(lead.car!);
      if (step.order.finished && finishedAt === undefined) finishedAt = i + 1;
    });
    expect([...flags].sort()).toEqual(['finish', 'green', 'none', 'yellow']);
    // The pole-sitter (#88 Cooper) leads away; the winner (#78 Yardley) takes over.
    expect(leaders[0]).toBe('88');
    expect(leaders.at(-1)).toBe('78');
    expect(finishedAt).toBeDefined();
    const real = season.classifications.find((c) => c.sessionId === 'race-16')!.rows;
    const car = new Map(season.entries.map((e) => [e.id, e.car]));
    expect(last!.rows.map((r) => `${r.car} ${r.status}`)).toEqual(
      real.map((r) => `${car.get(r.entryId)} ${r.status === 'classified' ? 'classified' : 'DNF'}`),
    );
    expect(last!.rows.at(-1)).toMatchObject({
      car: '12',
      drivers: ['Peter Atwater'],
      laps: 8,
      status: 'DNF',
    });
    expect(last!.rows.reduce((n, r) => n + (r.lapsLed ?? 0), 0)).toBe(14);
    const fastest = [...last!.rows].sort((a, b) => (a.bestLapMs ?? Infinity) - (b.bestLapMs ?? Infinity))[0];
    expect(fastest?.car).toBe('78');
  });
});
