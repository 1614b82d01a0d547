/**
 * The memory campaign (issue 15): 100,000 requests to distinct unknown URLs (unknown pages of a
 * season, unknown drivers, teams, events, explanations, seasons and routes, and `?after=` variants)
 * must grow the server's memory by less than 20 MB. Each unknown URL once took a cache slot for good
 * (20,000 requests grew the server from 135 MB to 430 MB).
 *
 *   npm run campaign:memory [-- --requests 100000]
 *
 * The server (`startServer`, as `paddock serve` runs it, over a temporary SQLite file with the
 * built-in seasons) runs in a child process with --expose-gc; its memory is read after a forced
 * garbage collection, once after a warm-up (every page type of the reference season, and 5,000
 * unknown URLs so lazily built code and pools exist) and again after the campaign. The campaign
 * passes when both the resident set (RSS) and the live heap grew by less than 20 MB. Exit code 1
 * otherwise.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT_MB = 20;
const CONCURRENCY = 32;
const SEASON = '2024-porsche-carrera-cup-north-america';

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
}

/** Child: the server; answers 'memory' messages with its memory after a full collection. */
async function child(dir: string): Promise<void> {
  const { startServer } = await import('../../src/server/start.js');
  const { silentLogger } = await import('../../src/server/request-log.js');
  const { url } = await startServer({
    port: 0,
    host: '127.0.0.1',
    database: { file: join(dir, 'paddock.db') },
    log: () => undefined,
    logger: silentLogger(),
  });
  process.on('message', (m) => {
    if (m !== 'memory') return;
    for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ rss, heapUsed });
  });
  process.send!({ url });
}

/** The i-th unknown URL: a different path (or query) each time, over every kind of lookup. */
export function unknownUrl(i: number): string {
  const s = `/seasons/${SEASON}`;
  switch (i % 10) {
    case 0:
      return `${s}/drivers/nobody-${i}`;
    case 1:
      return `${s}/teams/no-team-${i}`;
    case 2:
      return `${s}/events/no-event-${i}`;
    case 3:
      return `${s}/standings/no-cup-${i}`;
    case 4:
      return `${s}/standings/overall/explain/nobody-${i}`;
    case 5:
      return `/api/v1/seasons/${SEASON}/explanations/nobody-${i}`;
    case 6:
      return `/seasons/no-season-${i}/standings`;
    case 7:
      return `${s}/standings/overall?after=${i}`;
    case 8:
      return `${s}/no-such-page-${i}?q=${i}`;
    default:
      return `/no/route/${i}`;
  }
}

const ask = (server: ChildProcess): Promise<Memory> =>
  new Promise((resolve) => {
    server.once('message', (m) => resolve(m as Memory));
    server.send('memory');
  });

/** Sends `count` requests from `from`, CONCURRENCY at a time; counts answers by status class. */
async function hammer(base: string, urls: (i: number) => string, from: number, count: number) {
  const statuses = new Map<string, number>();
  let next = from;
  const worker = async () => {
    for (let i = next++; i < from + count; i = next++) {
      const res = await fetch(`${base}${urls(i)}`, { headers: { accept: i % 2 ? 'text/html' : '*/*' } });
      await res.arrayBuffer();
      const key = `${Math.floor(res.status / 100)}xx`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--requests');
  const requests = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'paddock-memory-'));
  const server = fork(fileURLToPath(import.meta.url), ['--child', dir], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { url } = await new Promise<{ url: string }>((resolve, reject) => {
      server.once('message', (m) => resolve(m as { url: string }));
      server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
    const known = [
      '/',
      `/seasons/${SEASON}`,
      `/seasons/${SEASON}/standings`,
      `/seasons/${SEASON}/standings/overall`,
      `/seasons/${SEASON}/standings/overall/explain/loek-hartog`,
      `/seasons/${SEASON}/drivers/loek-hartog`,
      `/seasons/${SEASON}/events/sebring`,
      `/seasons/${SEASON}/entries`,
      `/api/v1/seasons/${SEASON}/standings`,
    ];
    await hammer(url, (i) => known[i % known.length]!, 0, 900);
    await hammer(url, unknownUrl, 10_000_000, 5_000);
    const before = await ask(server);
    const started = performance.now();
    const statuses = await hammer(url, unknownUrl, 0, requests);
    const seconds = (performance.now() - started) / 1000;
    const after = await ask(server);
    const rss = mb(after.rss - before.rss);
    const heap = mb(after.heapUsed - before.heapUsed);
    const pass = rss < LIMIT_MB && heap < LIMIT_MB;
    console.log(`Memory campaign: ${requests} requests to distinct unknown URLs, ${CONCURRENCY} at a time`);
    console.log(
      `  answers: ${[...statuses].map(([k, n]) => `${k} ${n}`).join(', ')} in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `  RSS ${mb(before.rss).toFixed(1)} -> ${mb(after.rss).toFixed(1)} MB (${rss >= 0 ? '+' : ''}${rss.toFixed(1)} MB)`,
    );
    console.log(
      `  live heap ${mb(before.heapUsed).toFixed(1)} -> ${mb(after.heapUsed).toFixed(1)} MB (${heap >= 0 ? '+' : ''}${heap.toFixed(1)} MB)`,
    );
    console.log(`  target: both under +${LIMIT_MB} MB: ${pass ? 'met' : 'NOT met'}`);
    if (!pass || (statuses.get('5xx') ?? 0) > 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
else await main();
