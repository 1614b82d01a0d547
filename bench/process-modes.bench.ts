/**
 * `node scripts/bench.mjs process-modes <mode> [n]`: one process's figures for the scoring
 * benchmark's history, printed as one line, for comparing fresh processes (ADR 23: whether a
 * process runs the totals or the full workload in a slow mode of its own, or the machine is slow).
 *  - `totals [runs]`: computeTotals alone, medians and minima of wall and CPU ms a run;
 *  - `bench [runs]`: drivers, full, full+read, then totals, in `npm run bench`'s order;
 *  - `probe [seconds]`: for that long, a totals run then a floor run (a plain loop summing scale
 *    points over the same rows), each pair printed with the CPU the process was on: when the machine
 *    slows, both slow together;
 *  - `phases`: computeTotals' CPU ms a run with no championship, with each one alone, and with all
 *    three (interleaved); RACES=2 in the environment gives the fixed part per season and booking,
 *    ENTRIES (even, at least 10) the part per row.
 * Run it several times in a row (`for i in $(seq 10); do node dist/bench/process-modes.mjs totals;
 * done` after one bundling run) and compare the lines.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { computeStandings, computeTotals } from '../src/engine/index.js';
import type { Rulebook } from '../src/engine/index.js';
import { generateSeason, historyRulebook, sumScalePoints } from './generate-history.js';

const RACES = Number(process.env['RACES'] ?? 20);
const ENTRIES = Number(process.env['ENTRIES'] ?? 30);
const history = Array.from({ length: 80 }, (_, n) => generateSeason(n, RACES, ENTRIES));
const [mode = 'totals', arg] = process.argv.slice(2);
const WARM_UP = 5;

const subset = (from: number, to: number): Rulebook => ({
  ...historyRulebook,
  championships: historyRulebook.championships.slice(from, to),
});

function scoreAll(rulebook: Rulebook, read: boolean): number {
  let n = 0;
  for (const season of history) {
    const result = computeStandings(season, rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    for (const table of result.value.championships)
      for (const row of table.rows) {
        n++;
        if (!read) continue;
        for (const c of row.contributions) n += c.description.length;
        for (const cell of row.cells) n += cell.position ?? 0;
        n += row.aboveNext?.detail.length ?? 0;
      }
  }
  return n;
}

function totalsAll(rulebook: Rulebook = historyRulebook): number {
  let n = 0;
  for (const season of history) {
    const result = computeTotals(season, rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    n += result.value.championships.length;
  }
  return n;
}

/** The benchmark's floor: each table's scale points summed per entry over the same rows. */
function floorAll(): number {
  const tables = historyRulebook.championships.length;
  return history.reduce((n, season) => n + sumScalePoints(season, tables), 0);
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fixed = (x: number): number => Math.round(x * 100) / 100;

function time(run: () => unknown, runs: number) {
  for (let i = 0; i < WARM_UP; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  return {
    wall: fixed(median(wall)),
    wallMin: fixed(Math.min(...wall)),
    cpu: fixed(median(cpu)),
    cpuMin: fixed(Math.min(...cpu)),
  };
}

/** The CPU this process's main thread last ran on (field 39 of /proc/<pid>/stat). */
const cpuNow = (): string => {
  try {
    return readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[36]!;
  } catch {
    return '?';
  }
};

const load = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  } catch {
    return '?';
  }
};

if (mode === 'totals' || mode === 'bench') {
  const runs = Number(arg ?? 21);
  const out: Record<string, unknown> = { mode, load: load() };
  if (mode === 'bench') {
    out['drivers'] = time(() => scoreAll(subset(0, 1), false), runs);
    out['full'] = time(() => scoreAll(historyRulebook, false), runs);
    out['full+read'] = time(() => scoreAll(historyRulebook, true), runs);
  }
  out['totals'] = time(() => totalsAll(), runs);
  console.log(JSON.stringify(out));
} else if (mode === 'probe') {
  const end = performance.now() + Number(arg ?? 30) * 1000;
  const start = performance.now();
  console.log('seconds cpu totals-ms floor-ms ratio');
  while (performance.now() < end) {
    const on = cpuNow();
    let t0 = performance.now();
    totalsAll();
    const t = performance.now() - t0;
    t0 = performance.now();
    floorAll();
    const f = performance.now() - t0;
    console.log(
      `${((t0 - start) / 1000).toFixed(2)} ${on} ${t.toFixed(2)} ${f.toFixed(2)} ${(t / f).toFixed(2)}`,
    );
  }
} else if (mode === 'phases') {
  const subsets: [string, Rulebook][] = [
    ['none', subset(0, 0)],
    ...historyRulebook.championships.map((c, i): [string, Rulebook] => [c.id, subset(i, i + 1)]),
    ['all', historyRulebook],
  ];
  const cpu = new Map<string, number[]>(subsets.map(([name]) => [name, []]));
  for (let round = 0; round < WARM_UP + 35; round++)
    for (const [name, rulebook] of subsets) {
      const c0 = process.cpuUsage();
      totalsAll(rulebook);
      if (round >= WARM_UP) cpu.get(name)!.push(cpuMs(c0));
    }
  const out: Record<string, string> = { races: String(RACES), entries: String(ENTRIES), load: load() };
  for (const [name, xs] of cpu) out[name] = `${median(xs).toFixed(2)} (min ${Math.min(...xs).toFixed(2)})`;
  console.log(JSON.stringify(out));
} else {
  console.error(`process-modes: unknown mode ${mode}; give totals, bench, probe or phases`);
  process.exit(2);
}
