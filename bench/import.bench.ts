/**
 * `npm run bench:import`, two workloads (WORKLOAD=accepted or 50mb runs one of them):
 *
 * - accepted: 10 000 result rows of generic CSV (ROWS, at most the importer's MAX_POSITION: a
 *   position past it is refused as a broken file) imported into one session of a synthetic season
 *   folder (one entry per car), through the same read -> parse -> match -> check -> write path as
 *   `paddock import-results`, in this process. Prints the time of each step and the memory the
 *   import adds. Targets: under 2 s and under 200 MB.
 * - 50mb: a 50 MB generic CSV (SIZE_MB) of result rows that match no entry, imported into a copy
 *   of the reference season by the real command in a child process (bin/paddock.js, compiled
 *   first when src/ is newer than dist/), its output read and counted. Prints wall time, rows/s and the child's peak RSS,
 *   measured in one run, beside the same child answering `--help` (the start-up alone).
 *   Targets (issue 12): under 10 s and under 200 MB.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { resolvePreset, resolveSeasonDir } from '../src/formats/catalog.js';
import { loadSeasonFolder } from '../src/formats/season-folder.js';
import { applyImport, findSession, planResultsImport } from '../src/importers/results/plan-import.js';
import { MAX_POSITION } from '../src/importers/results/imported-row.js';

/** One session's rows: each row's position is its index, so no more than a position may be. */
const ROWS = Number(process.env['ROWS'] ?? MAX_POSITION);
if (!Number.isInteger(ROWS) || ROWS < 1 || ROWS > MAX_POSITION) {
  throw new Error(`ROWS must be a whole number from 1 to ${MAX_POSITION} (the importer's MAX_POSITION)`);
}
/** Figures are medians of several runs: the machine may be busy. */
const RUNS = Number(process.env['RUNS'] ?? 5);
const TARGET_MS = 2_000;
const TARGET_MB = 200;
const WORKLOAD = process.env['WORKLOAD'] ?? 'all';

/** ROWS rows, every one accepted, imported in this process (median of RUNS imports). */
async function acceptedWorkload(dir: string): Promise<void> {
  const folder = join(dir, 'season');
  await mkdir(join(folder, 'results'), { recursive: true });
  await writeFile(
    join(folder, 'season.yaml'),
    [
      'id: bench-league',
      'name: Bench League',
      'year: 2025',
      'series: { id: bench-league, name: Bench League }',
      'classes: [{ id: open, name: Open }]',
      'events:',
      '  - { id: round-1, round: 1, name: Round 1, circuit: Bench Ring, sessions: [{ id: race-01, type: race, race: 1, name: Race 1 }] }',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(folder, 'rulebook.yaml'),
    'id: bench\nname: Bench\nscales: { f1: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1] }\nchampionships:\n  - { id: drivers, name: Drivers, points: { race: f1 } }\n',
  );
  const ids = Array.from({ length: ROWS }, (_, i) => i + 1);
  await writeFile(
    join(folder, 'drivers.csv'),
    `id,name\n${ids.map((i) => `driver-${i},Driver ${i}`).join('\n')}\n`,
  );
  await writeFile(join(folder, 'teams.csv'), 'id,name\nteam,Team\n');
  await writeFile(
    join(folder, 'entries.csv'),
    `id,car,team,drivers,class,rounds\n${ids.map((i) => `car-${i},${i},team,driver-${i},open,all`).join('\n')}\n`,
  );
  const csvFile = join(dir, 'results.csv');
  await writeFile(
    csvFile,
    `Pos,No,Driver,Laps\n${ids.map((i) => `${i},${i},Driver ${i},${50 - (i % 7)}`).join('\n')}\n`,
  );

  const loaded = await loadSeasonFolder(folder, resolvePreset);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues.slice(0, 3)));
  const { season } = loaded.value;
  // Collect the garbage of loading the season, so the figures below belong to the import.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);

  const session = findSession(season, 'race-01')!;
  const columns = { position: 'Pos', car: 'No', driver: 'Driver', laps: 'Laps' };
  /** One import, as the command does it; returns the time of each step in ms. */
  const importOnce = async () => {
    const t0 = performance.now();
    // Read as a stream, each row parsed, matched and checked as it arrives; then the folder's
    // files are loaded with the new results file in place, as the command does.
    const plan = await planResultsImport({
      season,
      folder: loaded.value,
      resolvePreset,
      session,
      format: 'csv',
      source: createReadStream(csvFile),
      file: csvFile,
      options: { columns },
      mappings: loaded.value.mappings,
    });
    if (plan.problemCount) throw new Error(`bench import failed: ${JSON.stringify(plan.issues.slice(0, 3))}`);
    const t1 = performance.now();
    await applyImport(folder, plan);
    const t2 = performance.now();
    return { plan: t1 - t0, write: t2 - t1, total: t2 - t0 };
  };
  const runs: (Awaited<ReturnType<typeof importOnce>> & { memory: number })[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Each run starts from a collected heap, and its memory is its peak RSS above that start.
    gc();
    const base = process.memoryUsage().rss;
    peak = base;
    const times = await importOnce();
    peak = Math.max(peak, process.memoryUsage().rss);
    runs.push({ ...times, memory: peak - base });
  }
  clearInterval(sampler);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const row = (label: string, key: 'plan' | 'write' | 'total') => {
    const xs = runs.map((r) => r[key]);
    return `  ${label.padEnd(14)} median ${median(xs).toFixed(0).padStart(5)} ms   min ${Math.min(...xs)
      .toFixed(0)
      .padStart(5)} ms`;
  };
  const total = median(runs.map((r) => r.total));
  const mb = (n: number) => n / 1024 / 1024;
  const maxRss = process.resourceUsage().maxRSS / 1024;
  console.log(`paddock import benchmark: ${ROWS.toLocaleString('en')} generic-CSV result rows, ${RUNS} runs`);
  console.log(row('read + check', 'plan'));
  console.log(row('write', 'write'));
  console.log(row('total', 'total'));
  console.log(
    `  median total ${total.toFixed(0)} ms (target < ${TARGET_MS} ms: ${total < TARGET_MS ? 'met' : 'MISSED'})`,
  );
  const importMb = mb(Math.max(...runs.map((r) => r.memory)));
  console.log(
    `  memory: an import adds at most ${importMb.toFixed(0)} MB to the RSS at its peak (the first run; later runs reuse that heap) (target < ${TARGET_MB} MB: ${importMb < TARGET_MB ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  the whole process peaked at ${maxRss.toFixed(0)} MB RSS, most of it the synthetic ${ROWS.toLocaleString('en')}-entry season loaded by the season-folder loader before the import starts`,
  );
}

const SIZE_MB = Number(process.env['SIZE_MB'] ?? 50);
const LARGE_TARGET_MS = 10_000;
const LARGE_TARGET_MB = 200;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Writes a generic CSV of about `bytes` bytes (real-shaped rows, no entry of the season); returns its row count. */
async function writeLargeCsv(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  let size = 0;
  let rows = 0;
  const write = (line: string) => {
    size += line.length + 1;
    return out.write(`${line}\n`);
  };
  write('Pos,No,Driver,Team,Class,Status,Laps,Led,Time,Best,Id');
  while (size < bytes) {
    rows++;
    const n = rows;
    const ok = write(
      `${n},${n + 1000},Driver ${n},Team ${n % 40},Pro,Running,${50 - (n % 7)},${n % 3},1:23:${String(n % 60).padStart(2, '0')}.123,1:45.${String(n % 1000).padStart(3, '0')},iracing:${100000 + n}`,
    );
    if (!ok) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return rows;
}

interface ChildRun {
  readonly ms: number;
  readonly code: number | null;
  readonly maxRssMb: number;
  readonly cpuMs: number;
  readonly outBytes: number;
  readonly outLines: number;
  readonly tail: string;
}

/** Runs `paddock <args>` (the installed bin, compiled) in a child process; its output is read and counted. */
async function runCli(dir: string, args: readonly string[]): Promise<ChildRun> {
  const usageFile = join(dir, `usage-${Date.now()}.json`);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', REPORT_USAGE, 'bin/paddock.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, PADDOCK_BENCH_USAGE: usageFile, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let outBytes = 0;
  let outLines = 0;
  let tail = '';
  const count = (chunk: Buffer) => {
    outBytes += chunk.length;
    for (const b of chunk) if (b === 10) outLines++;
    tail = (tail + chunk.toString('utf8')).slice(-600);
  };
  child.stdout.on('data', count);
  child.stderr.on('data', count);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - t0;
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as {
    maxRssKb: number;
    userUs: number;
    systemUs: number;
  };
  return {
    ms,
    code,
    maxRssMb: usage.maxRssKb / 1024,
    cpuMs: (usage.userUs + usage.systemUs) / 1000,
    outBytes,
    outLines,
    tail,
  };
}

/**
 * Preloaded into the child: at exit it writes its own peak resident memory and CPU time to the
 * file named by PADDOCK_BENCH_USAGE, so the figures are the real command's, measured in one run.
 */
const REPORT_USAGE = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.PADDOCK_BENCH_USAGE, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime })); });",
)}`;

/** Compiles src/ into dist/ when a source is newer than the build. */
async function buildIfStale(): Promise<void> {
  const newest = async (d: string): Promise<number> => {
    const names = await readdir(join(ROOT, d), { recursive: true });
    const times = await Promise.all(names.map(async (n) => (await stat(join(ROOT, d, n))).mtimeMs));
    return Math.max(0, ...times);
  };
  const built = await stat(join(ROOT, 'dist', 'cli', 'main.js')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > (await newest('src'))) return;
  console.log('  (compiling src/ into dist/ first: npm run build)');
  const code = await new Promise<number | null>((resolve) =>
    spawn('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' }).on('close', resolve),
  );
  if (code !== 0) throw new Error('npm run build failed');
}

/** A 50 MB file of rows that match no entry of the reference season, through the real command. */
async function largeFileWorkload(dir: string): Promise<void> {
  const folder = join(dir, 'reference');
  await cp(resolveSeasonDir('2024-pccna')!, folder, { recursive: true });
  const file = join(dir, 'large.csv');
  const rows = await writeLargeCsv(file, SIZE_MB * 1024 * 1024);
  await buildIfStale();
  const start = await runCli(dir, ['import-results', '--help']);
  const run = await runCli(dir, ['import-results', folder, 'race-01', file, '--format', 'csv']);
  const s = run.ms / 1000;
  console.log(
    `paddock import benchmark: a ${SIZE_MB} MB generic CSV (${rows.toLocaleString('en')} rows, none of them an entry of the season) into the reference season, by the compiled command in a child process`,
  );
  console.log(
    `  wall ${s.toFixed(2)} s (CPU ${(run.cpuMs / 1000).toFixed(2)} s), ${Math.round(rows / s).toLocaleString('en')} rows/s, peak RSS ${run.maxRssMb.toFixed(0)} MB, exit code ${run.code}`,
  );
  console.log(
    `  the start-up alone (import-results --help, same child): wall ${(start.ms / 1000).toFixed(2)} s, peak RSS ${start.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  output: ${run.outLines.toLocaleString('en')} lines, ${(run.outBytes / 1024).toFixed(0)} kB; it ends:`,
  );
  for (const line of run.tail.trimEnd().split('\n').slice(-4)) console.log(`    | ${line.slice(0, 160)}`);
  console.log(
    `  target < ${LARGE_TARGET_MS / 1000} s: ${run.ms < LARGE_TARGET_MS ? 'met' : 'MISSED'}; target < ${LARGE_TARGET_MB} MB: ${run.maxRssMb < LARGE_TARGET_MB ? 'met' : 'MISSED'}`,
  );
}

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-import-'));
try {
  if (WORKLOAD === 'all' || WORKLOAD === 'accepted') await acceptedWorkload(dir);
  if (WORKLOAD === 'all' || WORKLOAD === '50mb') await largeFileWorkload(dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
