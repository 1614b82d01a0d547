/**
 * `npm run bench:live`: live standings of the reference season, in one run.
 *  1. One running-order change to fresh live standings of every championship: the changes of the
 *     shipped race-16 recording, each scored by a LiveSession (matching cached, the compiled fast
 *     path), beside full rescoring through computeStandings of the same changes. Target: < 1 ms.
 *  2. Server-sent events: 500 clients on loopback (in a child process) subscribed to one LiveHub
 *     mounted on a Hono route in this process, as the server's live route will be; updates from
 *     the recording are published twice a second and each client's delay from publish to the end of
 *     the frame is measured (each client gets the whole document first, then patches: what
 *     changed). Target: p99 < 100 ms. The clients stand in for 500 browsers on other machines: they
 *     find frames as bytes and read only each frame's id (decoding every frame's 39 KB as text
 *     took their one process long enough to show in the delays), and the CPU they spend is
 *     printed beside the server's (on 2 cores it competes with the server).
 * Figures are medians and percentiles of this run on this machine, with the load average printed:
 * other sessions on the machine show in them.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadSeason } from '../src/formats/catalog.js';
import { compiledScorer } from '../src/live/compiled-scorer.js';
import type { CompiledScorerStats } from '../src/live/compiled-scorer.js';
import { rescoringScorer } from '../src/live/live-standings.js';
import { LiveHub, sseFrame } from '../src/live/live-hub.js';
import { liveUpdateJson } from '../src/live/live-json.js';
import { livePatch } from '../src/live/live-patch.js';
import { LiveSession } from '../src/live/live-session.js';
import type { LiveUpdate } from '../src/live/live-session.js';
import { RECORDING_FILE } from '../src/live/reference-recording.js';
import { RMonitorFeed } from '../src/live/rmonitor-feed.js';
import { scheduleRecording } from '../src/live/replay.js';
import type { RunningOrder } from '../src/live/running-order.js';

const TARGET_MS = 1;
const ROUNDS = 7;
const CLIENTS = 500;
const UPDATES = 40;
const PUBLISH_EVERY_MS = 500;
const SSE_TARGET_MS = 100;
const BLANK_LINE = Buffer.from('\n\n');
/** Enough of a frame's start to hold its id line. */
const HEAD_BYTES = 40;

const now = () => performance.timeOrigin + performance.now();
const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Child: CLIENTS subscribers; prints "ready", then the arrival times of every frame per seq. */
async function clients(url: string, n: number): Promise<void> {
  const arrivals = new Map<number, number[]>();
  let ready = 0;
  let last = 0;
  const done = new Promise<void>((resolve) => {
    for (let c = 0; c < n; c++) {
      const req = request(url, { agent: false }, (res) => {
        let greeted = false;
        let head: Buffer | undefined; // the first bytes of a frame that began in an earlier chunk
        let endsWithNewline = false; // the last chunk ended with a newline not yet matched
        const frame = (start: Buffer) => {
          const text = start.toString('latin1');
          if (!greeted && text.startsWith('retry:')) {
            greeted = true;
            if (++ready === n) process.stdout.write('ready\n');
            return;
          }
          const id = /^id: (\d+)/.exec(text);
          if (!id) return;
          const seq = Number(id[1]);
          const list = arrivals.get(seq) ?? [];
          list.push(now());
          arrivals.set(seq, list);
          if (seq === last && list.length === n) resolve();
        };
        res.on('data', (chunk: Buffer) => {
          let start = 0;
          if (endsWithNewline && chunk[0] === 10) {
            frame(head ?? Buffer.alloc(0));
            head = undefined;
            start = 1;
          }
          let end: number;
          while ((end = chunk.indexOf(BLANK_LINE, start)) >= 0) {
            frame(head ?? chunk.subarray(start, Math.min(end, start + HEAD_BYTES)));
            head = undefined;
            start = end + 2;
          }
          if (start < chunk.length) {
            const more = chunk.subarray(start, start + HEAD_BYTES - (head?.length ?? 0));
            head = head ? Buffer.concat([head, more]) : Buffer.from(more);
          }
          endsWithNewline = start < chunk.length && chunk[chunk.length - 1] === 10;
        });
      });
      req.on('error', (e) => {
        process.stderr.write(`client ${c}: ${e.message}\n`);
      });
      req.end();
    }
  });
  const rl = createInterface({ input: process.stdin });
  let cpuBefore = process.cpuUsage();
  for await (const line of rl) {
    last = Number(line);
    cpuBefore = process.cpuUsage();
    break;
  }
  const timeout = new Promise<void>((r) => setTimeout(r, 30_000));
  await Promise.race([done, timeout]);
  // Exit only once the report is written: a pipe is asynchronous.
  const cpu = process.cpuUsage(cpuBefore);
  const report = { arrivals: Object.fromEntries(arrivals), cpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

async function main(): Promise<void> {
  console.log(`load average at start: ${load()}`);
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error(loaded.issues[0]!.message);
  const { season, rulebook } = loaded.value;
  const session = season.sessions.find((s) => s.id === 'race-16')!;

  // The recorded race as the runner sees it: lines sent at the same moment arrive together and are
  // scored once, with the newest running order.
  const feed = new RMonitorFeed();
  const orders: RunningOrder[] = [];
  const { lines, atMs } = scheduleRecording(readFileSync(RECORDING_FILE, 'latin1'));
  let pending: RunningOrder | undefined;
  lines.forEach((line, i) => {
    const step = feed.push(line, { source: 'recording', line: i + 1 });
    if (step.kind === 'order') pending = step.order;
    if (pending && atMs[i + 1] !== atMs[i]) {
      orders.push(pending);
      pending = undefined;
    }
  });

  const measure = (make: () => LiveSession, rounds: number) => {
    const times: number[] = [];
    let changes = 0;
    for (let round = 0; round <= rounds; round++) {
      const live = make();
      let first = true;
      for (const order of orders) {
        const t = performance.now();
        const u = live.apply(order);
        const ms = performance.now() - t;
        if (!u.ok) throw new Error(u.issues[0]!.message);
        if (!u.value) continue;
        // Round 0 warms up the JIT; the first update of a round also matches the field.
        if (round > 0 && !first) times.push(ms);
        if (round === 1) changes++;
        first = false;
      }
    }
    return { times: times.sort((a, b) => a - b), changes };
  };
  const stats: CompiledScorerStats = { fast: 0, rescored: 0 };
  const compiled = (counts: CompiledScorerStats) => {
    const c = compiledScorer(season, rulebook, session, counts);
    if (!c.ok) throw new Error(c.issues[0]!.message);
    return c.value;
  };
  const create = (fast: boolean) => () => {
    const s = LiveSession.create({
      season,
      rulebook,
      sessionId: session.id,
      scorer: fast ? compiled(stats) : rescoringScorer(season, rulebook, session),
    });
    if (!s.ok) throw new Error(s.issues[0]!.message);
    return s.value;
  };
  const champs = rulebook.championships.length;
  const fast = measure(create(true), ROUNDS);
  const full = measure(create(false), 1);
  const fastMedian = pct(fast.times, 0.5);
  const fullMedian = pct(full.times, 0.5);
  console.log(
    `race 16 recording: ${orders.length} batches of lines that change the scoreboard, ${fast.changes} changes the tables show; ` +
      `${champs} championships, ${season.entries.filter((e) => e.eventIds.includes(session.eventId)).length} entries`,
  );
  console.log(
    `change -> live standings (compiled): median ${fastMedian.toFixed(3)} ms, p90 ${pct(fast.times, 0.9).toFixed(3)} ms, ` +
      `p99 ${pct(fast.times, 0.99).toFixed(3)} ms over ${fast.times.length} changes ` +
      `(${stats.rescored} of ${stats.fast + stats.rescored} scorings fell back to computeStandings)  ` +
      `${(fastMedian / TARGET_MS).toFixed(2)}x the ${TARGET_MS} ms target (${fastMedian < TARGET_MS ? 'met' : 'NOT met'})`,
  );
  console.log(
    `change -> live standings (full rescoring): median ${fullMedian.toFixed(3)} ms over ${full.times.length} changes; ` +
      `compiled is ${(fullMedian / fastMedian).toFixed(1)}x faster`,
  );

  // Server-sent events: the hub on a Hono route in this process, clients in a child.
  const updates: LiveUpdate[] = [];
  const live = create(true)();
  for (const order of orders) {
    const u = live.apply(order);
    if (u.ok && u.value) updates.push(u.value);
  }
  const sample = updates.slice(Math.floor(updates.length / 3), Math.floor(updates.length / 3) + UPDATES);
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const hub = new LiveHub({ pingMs: 0 });
  const app = new Hono();
  app.get('/api/v1/seasons/:season/live', (c) => hub.respond(c.req.raw));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/api/v1/seasons/${season.id}/live`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--clients', url, String(CLIENTS)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  if ((await replies.next()).value !== 'ready') throw new Error('clients did not connect');
  console.log(`SSE: ${hub.clientCount} clients connected; load average ${load()}`);
  child.stdin.write(`${sample.at(-1)!.seq}\n`);
  const published = new Map<number, number>();
  const cpuBefore = process.cpuUsage();
  const bytes = Buffer.byteLength(sseFrame(sample[0]!));
  // What a client that holds the previous document is sent (event: patch), on average.
  let patchBytes = 0;
  for (let i = 1; i < sample.length; i++)
    patchBytes += JSON.stringify(
      livePatch(liveUpdateJson(sample[i - 1]!), liveUpdateJson(sample[i]!)),
    ).length;
  patchBytes /= sample.length - 1;
  for (const u of sample) {
    published.set(u.seq, now());
    hub.publish(u);
    await new Promise((r) => setTimeout(r, PUBLISH_EVERY_MS));
  }
  const { arrivals: report, cpuMs: clientCpuMs } = JSON.parse((await replies.next()).value as string) as {
    arrivals: Record<string, number[]>;
    cpuMs: number;
  };
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time of this process (the server) per update: what serving costs, whatever else runs.
  const cpuPerUpdate = (cpu.user + cpu.system) / 1000 / sample.length;
  const delays: number[] = [];
  // The first update reaches every client as a whole document (none holds one yet: a race's first
  // change); the others as patches. Reported apart as well, so the tail's cause shows.
  const firstDelays: number[] = [];
  const patchDelays: number[] = [];
  let missing = 0;
  for (const [seq, at] of published) {
    const got = report[String(seq)] ?? [];
    missing += CLIENTS - got.length;
    for (const t of got) {
      delays.push(t - at);
      (seq === sample[0]!.seq ? firstDelays : patchDelays).push(t - at);
    }
  }
  for (const list of [delays, firstDelays, patchDelays]) list.sort((a, b) => a - b);
  const p99 = pct(delays, 0.99);
  console.log(
    `SSE: ${CLIENTS} clients x ${sample.length} updates (~${Math.round(bytes / 1024)} KB whole, ~${(patchBytes / 1024).toFixed(1)} KB as patches, ${1000 / PUBLISH_EVERY_MS}/s): ` +
      `delay median ${pct(delays, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms, ` +
      `${missing} frames skipped by slow clients; server CPU ${cpuPerUpdate.toFixed(1)} ms per update ` +
      `(the ${CLIENTS} clients' process: ${(clientCpuMs / sample.length).toFixed(1)} ms)  ` +
      `${(p99 / SSE_TARGET_MS).toFixed(2)}x the ${SSE_TARGET_MS} ms target ` +
      `(${p99 < SSE_TARGET_MS ? 'met' : 'NOT met'})`,
  );
  console.log(
    `SSE: the first update, a whole document to all ${CLIENTS} at once: median ${pct(firstDelays, 0.5).toFixed(1)} ms, ` +
      `max ${firstDelays.at(-1)!.toFixed(1)} ms; the ${sample.length - 1} patches: median ${pct(patchDelays, 0.5).toFixed(1)} ms, ` +
      `p99 ${pct(patchDelays, 0.99).toFixed(1)} ms, max ${patchDelays.at(-1)!.toFixed(1)} ms`,
  );
  hub.close();
  child.kill();
  server.close();
  console.log(`load average at end: ${load()}`);
}

const at = process.argv.indexOf('--clients');
if (at >= 0) await clients(process.argv[at + 1]!, Number(process.argv[at + 2]));
else await main();
