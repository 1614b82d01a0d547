/**
 * `npm run bench:cli`: how long a user waits for the command line, against bare Node in the same
 * run (`node -e 0`), so a busy or slow machine shifts both alike. Each command runs as a user runs
 * it, through the installed bin (`node bin/paddock.js`, which runs the bundle dist/bundle/ that
 * `npm run build` makes):
 *   --version                           target under 150 ms and under 3x `node -e 0`
 *   standings 2024-pccna --json         target under 300 ms: the built-in files (an empty folder),
 *                                       and a paddock.db holding the season (imported first)
 *   --help                              every command's module loads (no target)
 *   build 2024-pccna --out <dir>        the static site of the reference season: target under 5 s
 *                                       (fewer runs; the number of files it wrote is printed)
 * With hyperfine on the PATH it times them (`-N`, warm-ups, medians); else its own loop runs each
 * command in turn, interleaved, and takes medians. Prints the load average: other sessions on the
 * machine slow every figure (ratios suffer less).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'paddock.js');
const runs = Number(process.env['RUNS'] ?? 20);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (!existsSync(join(root, 'dist', 'bundle', 'main.js'))) {
  console.error('bench:cli times the bundled command line: run `npm run build` first.');
  process.exit(2);
}
console.log(`load average at start: ${load()} (1, 5, 15 min); node ${process.version}; ${runs} runs each`);

// Two working folders: one empty (the built-in files), one with a paddock.db holding the season.
const empty = mkdtempSync(join(tmpdir(), 'paddock-bench-files-'));
const withDb = mkdtempSync(join(tmpdir(), 'paddock-bench-db-'));
execFileSync(
  process.execPath,
  [bin, 'import', join(root, 'data', 'seasons', '2024-porsche-carrera-cup-north-america')],
  {
    cwd: withDb,
    stdio: 'ignore',
  },
);

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly target?: { readonly ms: number; readonly ratio?: number };
  /** Timed runs, when fewer than the others' (a long command). */
  readonly runs?: number;
}
const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'], cwd: empty },
  { name: 'paddock --version', args: [bin, '--version'], cwd: empty, target: { ms: 150, ratio: 3 } },
  {
    name: 'paddock standings 2024-pccna --json (built-in files)',
    args: [bin, 'standings', '2024-pccna', '--json'],
    cwd: empty,
    target: { ms: 300 },
  },
  {
    name: 'paddock standings 2024-pccna --json (paddock.db)',
    args: [bin, 'standings', '2024-pccna', '--json'],
    cwd: withDb,
    target: { ms: 300 },
  },
  { name: 'paddock --help', args: [bin, '--help'], cwd: empty },
  {
    name: 'paddock build 2024-pccna (static site)',
    args: [bin, 'build', '2024-pccna', '--out', join(empty, 'site')],
    cwd: empty,
    target: { ms: 5_000 },
    runs: Math.min(runs, 5),
  },
];

// The same output either way: the run is checked once before it is timed.
for (const c of cases) {
  const r = spawnSync(process.execPath, c.args, { cwd: c.cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${c.name} failed (exit ${r.status}): ${r.stderr}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** CPU time (user + system) of each case, when hyperfine measured it: steadier than wall time on a busy machine. */
const cpu: number[] = [];

function withHyperfine(): number[] | undefined {
  if (spawnSync('hyperfine', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  const out = join(empty, 'hyperfine.json');
  const medians: number[] = [];
  // One hyperfine run per working folder, so bare Node and the commands share it.
  for (const c of cases) {
    execFileSync(
      'hyperfine',
      [
        '-N',
        '--warmup',
        c.runs === undefined ? '3' : '1',
        '--runs',
        String(c.runs ?? runs),
        '--export-json',
        out,
        [process.execPath, ...c.args].map(quote).join(' '),
      ],
      { cwd: c.cwd, stdio: 'ignore' },
    );
    const { results } = JSON.parse(readFileSync(out, 'utf8')) as {
      results: { median: number; user: number; system: number }[];
    };
    medians.push(results[0]!.median * 1000);
    cpu.push((results[0]!.user + results[0]!.system) * 1000);
  }
  return medians;
}

function ownLoop(): number[] {
  const times: number[][] = cases.map(() => []);
  for (let i = 0; i < runs + 3; i++) {
    cases.forEach((c, j) => {
      if (i >= (c.runs ?? runs) + 3) return;
      const t0 = performance.now();
      spawnSync(process.execPath, c.args, { cwd: c.cwd, stdio: 'ignore' });
      if (i >= 3) times[j]!.push(performance.now() - t0);
    });
  }
  return times.map(median);
}

const viaHyperfine = withHyperfine();
const medians = viaHyperfine ?? ownLoop();
const node = medians[0]!;
console.log(`timed with ${viaHyperfine ? 'hyperfine -N (median)' : 'its own loop (median)'}\n`);
let missed = 0;
cases.forEach((c, i) => {
  const ms = medians[i]!;
  const ratio = ms / node;
  let verdict = '';
  if (c.target) {
    const ok = ms < c.target.ms && (c.target.ratio === undefined || ratio < c.target.ratio);
    if (!ok) missed++;
    verdict = `  target < ${c.target.ms} ms${c.target.ratio ? ` and < ${c.target.ratio}x` : ''}: ${ok ? 'met' : 'NOT met'}`;
  }
  const cpuMs = cpu[i] === undefined ? '' : `  (CPU ${cpu[i].toFixed(0).padStart(4)} ms)`;
  console.log(
    `${c.name.padEnd(54)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2).padStart(5)}x node${cpuMs}${verdict}`,
  );
});
const siteFiles = readdirSync(join(empty, 'site'), { recursive: true }).filter((f) =>
  statSync(join(empty, 'site', String(f))).isFile(),
).length;
console.log(`static site: ${siteFiles} files`);
console.log(`\nload average at end: ${load()}${missed ? `; ${missed} target(s) not met on this run` : ''}`);
rmSync(empty, { recursive: true, force: true });
rmSync(withDb, { recursive: true, force: true });
