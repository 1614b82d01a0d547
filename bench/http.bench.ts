/**
 * `npm run bench:http`: the standings JSON and the standings page of the reference season under
 * autocannon (50 connections, loopback), beside the same bytes served as static files by the same
 * kind of server in the same run. Prints median requests/s and p99 latency per target and the
 * ratios to the targets: JSON at least half the static rate; page p99 under 20 ms. Then the time from
 * an edit (the write API, an API token) to fresh standings served: target under 50 ms.
 *
 * The servers run in a child process, so the load generator does not share its event loop.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fastestLapEdits } from './support/fastest-lap-edits.js';

const CONNECTIONS = 50;
const SECONDS = 4;
const ROUNDS = 3;
const SEASON = '2024-porsche-carrera-cup-north-america';
const JSON_PATH = `/api/v1/seasons/${SEASON}/standings`;
const PAGE_PATH = `/seasons/${SEASON}/standings/overall`;

interface Urls {
  readonly paddock: string;
  readonly files: string;
  /** An API token of a steward of the reference season's series. */
  readonly token: string;
}

const EDITS = 25;

/** Child: the Paddock server and a static file server over the same bytes. */
async function serveBoth(dir: string): Promise<void> {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const { serveStatic } = await import('@hono/node-server/serve-static');
  const { startServer } = await import('../src/server/start.js');
  const { silentLogger } = await import('../src/server/request-log.js');
  const { url, paddock } = await startServer({
    port: 0,
    host: '127.0.0.1',
    database: { file: join(dir, 'paddock.db') },
    log: () => undefined,
    logger: silentLogger(),
  });
  await paddock.addUser('bench@example.com', 'steward', 'bench-password-long', undefined, [
    'porsche-carrera-cup-north-america',
  ]);
  const made = await paddock.createApiToken('bench@example.com', { name: 'bench' });
  if (!made.ok) throw new Error(JSON.stringify(made.issues));
  for (const [name, path] of [
    ['standings.json', JSON_PATH],
    ['standings.html', PAGE_PATH],
  ] as const) {
    const bytes = new Uint8Array(
      await (await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer(),
    );
    await writeFile(join(dir, name), bytes);
    // The static twin of the gzip form: the same compressed bytes, precompressed on disk.
    await writeFile(join(dir, `${name}.gz`), gzipSync(bytes, { level: 6 }));
  }
  const files = new Hono();
  // The server process's CPU time so far (both servers share it; only the edits run meanwhile),
  // so edit -> fresh standings also reads as CPU per edit, which the machine's load moves less.
  files.get('/__cpu', (c) => c.json(process.cpuUsage()));
  files.use('/*', serveStatic({ root: dir, precompressed: true }));
  const server = serve({ fetch: files.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    const urls: Urls = { paddock: url, files: `http://127.0.0.1:${info.port}`, token: made.value.token };
    process.stdout.write(`${JSON.stringify(urls)}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    process.exit(0);
  });
}

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly bytes: number;
  readonly errors: number;
}

async function load(url: string, encoding: string, seconds = SECONDS): Promise<Run> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'accept-encoding': encoding },
  });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    bytes: r.throughput.average,
    errors: r.errors + r.non2xx,
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const urls = await new Promise<Urls>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) => resolve(JSON.parse(line) as Urls));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const paths = {
      'standings JSON (API)': `${urls.paddock}${JSON_PATH}`,
      'same JSON as a static file': `${urls.files}/standings.json`,
      'standings page': `${urls.paddock}${PAGE_PATH}`,
      'same page as a static file': `${urls.files}/standings.html`,
    };
    console.log(
      `Paddock HTTP benchmark: ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s per target, loopback`,
    );
    // Browsers ask for gzip; both servers answer it from bytes compressed once.
    // PADDOCK_BENCH_ONLY=edit measures only edit -> fresh standings (no load runs).
    const encodings = process.env['PADDOCK_BENCH_ONLY'] === 'edit' ? [] : ['identity', 'gzip'];
    for (const encoding of encodings) {
      const sizes = await Promise.all(
        Object.values(paths).map(
          async (u) =>
            (await fetch(u, { headers: { 'accept-encoding': encoding } })).headers.get('content-length') ??
            '?',
        ),
      );
      console.log('');
      console.log(`Accept-Encoding: ${encoding}`);
      Object.keys(paths).forEach((name, i) => console.log(`  ${name}: ${sizes[i]} bytes on the wire`));
      for (const url of Object.values(paths)) await load(url, encoding, 1); // warm up
      const runs = new Map<string, Run[]>(Object.keys(paths).map((k) => [k, []]));
      for (let round = 0; round < ROUNDS; round++)
        for (const [name, url] of Object.entries(paths)) runs.get(name)!.push(await load(url, encoding));
      const summary = new Map<string, { rps: number; p99: number; errors: number }>();
      console.log('  target                          req/s (median)   p99 ms (median)   errors');
      for (const [name, list] of runs) {
        const s = {
          rps: median(list.map((r) => r.rps)),
          p99: median(list.map((r) => r.p99)),
          errors: list.reduce((a, r) => a + r.errors, 0),
        };
        summary.set(name, s);
        console.log(
          `  ${name.padEnd(32)}${s.rps.toFixed(0).padStart(14)}   ${s.p99.toFixed(1).padStart(15)}   ${s.errors}`,
        );
      }
      const json = summary.get('standings JSON (API)')!;
      const staticJson = summary.get('same JSON as a static file')!;
      const page = summary.get('standings page')!;
      const staticPage = summary.get('same page as a static file')!;
      const ratio = json.rps / staticJson.rps;
      console.log(
        `  JSON / static JSON rate: ${ratio.toFixed(2)} (target >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
      );
      console.log(
        `  page / static page rate: ${(page.rps / staticPage.rps).toFixed(2)}; static page p99 ${staticPage.p99.toFixed(1)} ms`,
      );
      console.log(
        `  page p99: ${page.p99.toFixed(1)} ms (target < 20 ms: ${page.p99 < 20 ? 'met' : 'NOT met'})`,
      );
    }
    await editToFresh(urls);
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Edit -> fresh standings: the fastest lap of the last race moves between its first two finishers
 * (one point moves, so the standings document changes), through PUT .../awards with If-Match; the
 * clock runs from sending the edit until a GET of the standings JSON returns the new document.
 */
async function editToFresh(urls: Urls): Promise<void> {
  const edits = await fastestLapEdits(urls.paddock, SEASON, urls.token);
  let etag = (await fetch(`${urls.paddock}${JSON_PATH}`)).headers.get('etag');
  const total: number[] = [];
  const write: number[] = [];
  const cpu = async () => {
    const used = (await (await fetch(`${urls.files}/__cpu`)).json()) as { user: number; system: number };
    return (used.user + used.system) / 1000;
  };
  const cpuBefore = await cpu();
  for (let i = 0; i < EDITS; i++) {
    const started = performance.now();
    const res = await edits.send(i, `bench edit ${i}`);
    if (res.status !== 200) throw new Error(`edit ${i}: ${res.status} ${await res.text()}`);
    const written = performance.now();
    const read = await fetch(`${urls.paddock}${JSON_PATH}`);
    await read.arrayBuffer();
    const fresh = read.headers.get('etag');
    if (fresh === etag) throw new Error(`edit ${i}: the standings did not change`);
    etag = fresh;
    total.push(performance.now() - started);
    write.push(written - started);
  }
  const serverCpu = ((await cpu()) - cpuBefore) / EDITS;
  const p95 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
  const m = median(total);
  console.log('');
  console.log(
    `Edit -> fresh standings (${EDITS} edits through PUT /awards, each then one GET of the standings JSON)`,
  );
  console.log(`  edit (write API, new revision): median ${median(write).toFixed(1)} ms`);
  console.log(
    `  edit -> fresh standings served: median ${m.toFixed(1)} ms, p95 ${p95(total).toFixed(1)} ms (target < 50 ms: ${m < 50 ? 'met' : 'NOT met'})`,
  );
  console.log(`  server CPU per edit and read: ${serverCpu.toFixed(1)} ms (user + system)`);
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await serveBoth(process.argv[serveAt + 1]!);
else await main();
