/**
 * The load campaign (issue 15): 60 s of 50 connections on the standings JSON, a standings page and
 * a driver page of the reference season while an editor saves a change every 200 ms (the fastest
 * lap of the last race moves between its first two finishers, so every table changes).
 *   - 0 errors: every answer is a 200;
 *   - no torn response: each body's SHA-1 is its ETag, and every standings JSON is one of the two
 *     documents the edits alternate between (read before the campaign);
 *   - p50 and p99 latency per URL;
 *   - the JSON's rate as a ratio to the same bytes from a static file, measured in the same run
 *     (10 s each, 50 connections, while the editor keeps saving, and again once it stopped):
 *     target at least 0.8.
 *
 *   npm run campaign:load [-- --seconds 60]
 *
 * The servers (Paddock, and a static file server over its own answers) are bench/http.bench.ts's
 * child process. Exit code 1 on any error or torn answer.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fastestLapEdits } from '../support/fastest-lap-edits.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const JSON_PATH = `/api/v1/seasons/${SEASON}/standings`;
const PATHS = {
  'standings JSON': JSON_PATH,
  'standings page': `/seasons/${SEASON}/standings/overall`,
  'driver page': `/seasons/${SEASON}/drivers/loek-hartog`,
} as const;
const CONNECTIONS = 50;
const EDIT_EVERY_MS = 200;

interface Urls {
  readonly paddock: string;
  readonly files: string;
  readonly token: string;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** The editor: a change every 200 ms until stopped; counts saves and failures. */
function startEditor(urls: Urls) {
  const counts = { saved: 0, stale: 0, failed: [] as string[] };
  let running = true;
  const done = (async () => {
    const edits = await fastestLapEdits(urls.paddock, SEASON, urls.token);
    for (let i = 0; running; i++) {
      const started = performance.now();
      const res = await edits.send(i, `load ${i}`);
      const text = await res.text();
      if (res.status === 200) counts.saved++;
      else if (res.status === 412) {
        counts.stale++;
        await edits.refresh();
      } else counts.failed.push(`${res.status} ${text.slice(0, 200)}`);
      await new Promise((r) => setTimeout(r, Math.max(0, EDIT_EVERY_MS - (performance.now() - started))));
    }
  })();
  return {
    counts,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** The two standings documents the edits alternate between (their ETags). */
async function knownDocuments(urls: Urls): Promise<Set<string>> {
  const editor = startEditor(urls);
  const seen = new Set<string>();
  while (editor.counts.saved < 3) {
    const res = await fetch(`${urls.paddock}${JSON_PATH}`);
    seen.add(etagOf(await res.text()));
    await new Promise((r) => setTimeout(r, 20));
  }
  await editor.stop();
  return seen;
}

interface Checked {
  rps: number;
  p50: number;
  p99: number;
  answers: number;
  errors: number;
  torn: number;
  unknown: number;
}

async function hammer(
  url: string,
  path: string,
  connections: number,
  seconds: number,
  documents?: Set<string>,
) {
  const checked: Checked = { rps: 0, p50: 0, p99: 0, answers: 0, errors: 0, torn: 0, unknown: 0 };
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        path,
        headers: { 'accept-encoding': 'identity' },
        onResponse: (status, body, _context, headers) => {
          checked.answers++;
          if (status !== 200) return void checked.errors++;
          const etag = etagOf(body);
          if (headers['etag'] !== undefined && headers['etag'] !== etag) checked.torn++;
          if (documents && !documents.has(etag)) checked.unknown++;
        },
      },
    ],
  });
  checked.rps = r.requests.average;
  checked.p50 = r.latency.p50;
  checked.p99 = r.latency.p99;
  checked.errors += r.errors;
  return checked;
}

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--seconds');
  const seconds = arg > 0 ? Number(process.argv[arg + 1]) : 60;
  const dir = await mkdtemp(join(tmpdir(), 'paddock-load-'));
  const bench = fileURLToPath(new URL('../http.bench.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', bench, '--serve', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let failed = false;
  try {
    const urls = await new Promise<Urls>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as Urls));
      child.once('exit', (code) => reject(new Error(`the servers exited with ${code}`)));
    });
    const documents = await knownDocuments(urls);
    console.log(
      `Load campaign: ${seconds} s, ${CONNECTIONS} connections over 3 URLs, an edit every ${EDIT_EVERY_MS} ms`,
    );
    console.log(`  standings documents the edits alternate between: ${documents.size}`);
    const editor = startEditor(urls);
    const names = Object.keys(PATHS) as (keyof typeof PATHS)[];
    const shares = [17, 17, 16];
    const results = await Promise.all(
      names.map((name, i) =>
        hammer(
          urls.paddock,
          PATHS[name],
          shares[i]!,
          seconds,
          name === 'standings JSON' ? documents : undefined,
        ),
      ),
    );
    console.log('  URL               req/s   p50 ms   p99 ms   answers   errors   torn   not a known table');
    names.forEach((name, i) => {
      const r = results[i]!;
      console.log(
        `  ${name.padEnd(16)}${r.rps.toFixed(0).padStart(7)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${String(r.answers).padStart(10)}${String(r.errors).padStart(9)}${String(r.torn).padStart(7)}${String(r.unknown).padStart(20)}`,
      );
      if (r.errors || r.torn || r.unknown) failed = true;
    });
    const json = await hammer(urls.paddock, JSON_PATH, CONNECTIONS, 10, documents);
    await editor.stop();
    const staticJson = await hammer(urls.files, '/standings.json', CONNECTIONS, 10);
    const idle = await hammer(urls.paddock, JSON_PATH, CONNECTIONS, 10, documents);
    console.log(
      `  editor: ${editor.counts.saved} saves, ${editor.counts.stale} refused as stale, ${editor.counts.failed.length} failed`,
    );
    const ratio = json.rps / staticJson.rps;
    const idleRatio = idle.rps / staticJson.rps;
    console.log(
      `  JSON ${json.rps.toFixed(0)} req/s while editing, ${idle.rps.toFixed(0)} idle; the same bytes from a static file ${staticJson.rps.toFixed(0)} req/s`,
    );
    console.log(
      `  JSON / static rate: ${ratio.toFixed(2)} while editing, ${idleRatio.toFixed(2)} idle (target >= 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'} while editing, ${idleRatio >= 0.8 ? 'met' : 'NOT met'} idle)`,
    );
    for (const r of [json, idle]) if (r.errors || r.torn || r.unknown) failed = true;
    if (editor.counts.failed.length) {
      failed = true;
      console.log(`  editor failures: ${editor.counts.failed.slice(0, 5).join('; ')}`);
    }
    console.log(failed ? '  FAILED' : '  errors 0, torn 0');
    if (failed) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
