import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Issue } from '../engine/index.js';
import { LiveRunner } from './live-runner.js';
import { LiveSession } from './live-session.js';
import type { LiveUpdate } from './live-session.js';
import type { LiveScorer } from './live-standings.js';
import { rescoringScorer } from './live-standings.js';
import { RECORDING_FILE } from './reference-recording.js';
import { referenceSeason } from './test-support/race-16.js';

const loaded = await referenceSeason();
const { season, rulebook } = loaded;
const lines = (await readFile(RECORDING_FILE, 'latin1')).split('\r\n').filter(Boolean);
const half = Math.floor(lines.length / 2);
const dir = await mkdtemp(join(tmpdir(), 'paddock-live-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A timing server: connection n gets `parts[n - 1]` (then ends, or stays open when `hold`). */
async function timingServer(
  parts: string[][],
  hold = false,
): Promise<{ port: number; connections: () => number }> {
  let n = 0;
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    const part = parts[n++] ?? [];
    s.write(part.map((l) => `${l}\r\n`).join(''), 'latin1');
    if (!hold || n < parts.length) s.end();
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, connections: () => n };
}

function follow(options: { statePath?: string; scorer?: LiveScorer } = {}) {
  const session = LiveSession.create({
    season,
    rulebook,
    sessionId: 'race-16',
    ...(options.scorer ? { scorer: options.scorer } : {}),
  });
  if (!session.ok) throw new Error('session');
  const issues: Issue[] = [];
  const updates: LiveUpdate[] = [];
  const notices: string[] = [];
  const opened = LiveRunner.open({
    session: session.value,
    seasonId: season.id,
    ...(options.statePath ? { statePath: options.statePath } : {}),
    onUpdate: (u) => updates.push(u),
    onIssue: (i) => issues.push(i),
    onNotice: (t) => notices.push(t),
    persistIntervalMs: 20,
  });
  return { opened, issues, updates, notices };
}

const realOrder = () => {
  const car = new Map(season.entries.map((e) => [e.id, e.car]));
  return season.classifications.find((c) => c.sessionId === 'race-16')!.rows.map((r) => car.get(r.entryId));
};
const fastBackOff = { initialMs: 20, maxMs: 100, factor: 2 };

describe('following a race over TCP', () => {
  it('reconnects after a dropped connection and carries on from the state it had', async () => {
    const server = await timingServer([lines.slice(0, half), lines.slice(half)]);
    const f = follow();
    const { runner } = await f.opened;
    await runner.followRMonitor('127.0.0.1', server.port, undefined, fastBackOff);
    await runner.close();
    expect(server.connections()).toBe(2);
    expect(f.notices.some((n) => n.startsWith('disconnected from'))).toBe(true);
    expect(f.notices.filter((n) => n.startsWith('connected to'))).toHaveLength(2);
    expect(runner.finished).toBe(true);
    expect(runner.current!.order.map((r) => r.car)).toEqual(realOrder());
    expect(f.issues).toEqual([]);
  });

  it('logs a malformed line with its line number, skips it, and keeps the last good state', async () => {
    const garbled = [
      ...lines.slice(0, half),
      '$G,first,"78",9,"00:20:00.000"',
      'NOISE\u0007',
      ...lines.slice(half),
    ];
    const server = await timingServer([garbled]);
    const f = follow();
    const { runner } = await f.opened;
    await runner.followRMonitor('127.0.0.1', server.port, undefined, fastBackOff);
    await runner.close();
    expect(f.issues.map((i) => [i.code, i.location?.line])).toEqual([
      ['rmonitor.bad-field', half + 1],
      ['rmonitor.not-a-record', half + 2],
    ]);
    expect(f.issues[0]!.location?.file).toBe(`127.0.0.1:${server.port}`);
    expect(runner.current!.order.map((r) => r.car)).toEqual(realOrder());
  });

  it('resumes from the saved state after a restart', async () => {
    const statePath = join(dir, 'resume.json');
    // The first run sees half the race, then stops (as a crash would, after the last save).
    const first = await timingServer([lines.slice(0, half)], true);
    const a = follow({ statePath });
    const { runner: one, resumed: fresh } = await a.opened;
    expect(fresh).toBe(false);
    const stop = new AbortController();
    const following = one.followRMonitor('127.0.0.1', first.port, stop.signal, fastBackOff);
    await new Promise((r) => setTimeout(r, 300));
    stop.abort();
    await following;
    await one.close();
    const midRace = one.current!;
    expect(midRace.finished).toBe(false);

    // The second run starts with the tables of the first, before any line arrives ...
    const b = follow({ statePath });
    const { runner: two, resumed } = await b.opened;
    expect(resumed).toBe(true);
    expect(two.current!.order).toEqual(midRace.order);
    expect(two.current!.championships).toEqual(midRace.championships);
    // ... and the rest of the race (no refresh) finishes on top of the resumed scoreboard.
    const second = await timingServer([lines.slice(half)]);
    await two.followRMonitor('127.0.0.1', second.port, undefined, fastBackOff);
    await two.close();
    expect(two.current!.order.map((r) => r.car)).toEqual(realOrder());
    expect(b.issues).toEqual([]);
  });

  it('starts afresh, saying why, when the saved state cannot be read', async () => {
    const statePath = join(dir, 'broken.json');
    await writeFile(statePath, '{"version": 1, "season": ', 'utf8');
    const f = follow({ statePath });
    const { runner, resumed } = await f.opened;
    expect(resumed).toBe(false);
    expect(f.issues.map((i) => i.code)).toEqual(['live-state.syntax']);
    const server = await timingServer([lines]);
    await runner.followRMonitor('127.0.0.1', server.port, undefined, fastBackOff);
    await runner.close();
    expect(runner.finished).toBe(true);
    // The broken file is replaced by a good state.
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toMatchObject({ version: 1, session: 'race-16' });
  });

  it('reports a scoring failure and keeps the last tables', async () => {
    const session = season.sessions.find((s) => s.id === 'race-16')!;
    const real = rescoringScorer(season, rulebook, session);
    let calls = 0;
    const flaky: LiveScorer = {
      score: (rows, awards) => {
        if (++calls === 1) throw new Error('scorer bug');
        return real.score(rows, awards);
      },
    };
    const f = follow({ scorer: flaky });
    const { runner } = await f.opened;
    // The race comes in two parts, so the first scoring fails and later ones do not.
    const server = await timingServer([lines.slice(0, half), lines.slice(half)]);
    await runner.followRMonitor('127.0.0.1', server.port, undefined, fastBackOff);
    await runner.close();
    expect(f.issues.map((i) => i.code)).toEqual(['live.internal']);
    expect(runner.current!.order.map((r) => r.car)).toEqual(realOrder());
  });
});
