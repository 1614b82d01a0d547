/**
 * `npm run bench`: a generated history (80 seasons x 20 races x 30 entries) scored end to end,
 * validation included. Workloads, measured in the same run:
 *  - drivers: one drivers' championship per season with best-11 drops, pole and fastest-lap
 *    bonuses and shared cars (the issue's example workload);
 *  - full: that plus an Am class table with drop-lowest-2 and a best-car constructors' table,
 *    every point explained (issue 12: under 50 ms); `full+read` also reads every explanation
 *    (each contribution's words, each cell, each tie-break step), so lazily made words are paid;
 *  - totals: the same three tables without explanations (computeTotals; issue 12: under 20 ms);
 *  - after each race: every season's 20 after-race tables in one pass (computeTotalsAfterEachRace;
 *    issue 12: under 2x the time of the final table alone);
 *  - floor: a plain loop that only sums scale points over the same rows for the same three
 *    tables, the least any scorer must do (the ratio says how far the engine is from it). Each
 *    timed run of the other workloads is followed by a floor run, and each line prints the median
 *    of their ratios run by run: a figure that a few slow seconds of a shared machine do not move.
 * Prints medians over several runs, result rows per second, ratios, and the machine's load.
 * Figures are what this machine measured in this run; other load on the machine shows in them.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { computeStandings, computeTotals, computeTotalsAfterEachRace } from '../src/engine/index.js';
import type { Rulebook, Season } from '../src/engine/index.js';
import { generateSeason, historyRulebook, sumScalePoints } from './generate-history.js';

const SEASONS = 80;
const RACES = 20;
const ENTRIES = 30;
const TARGET_DRIVERS_MS = 100;
const TARGET_FULL_MS = 50;
const TARGET_TOTALS_MS = 20;
/** Seasons (and runs) for the slow reference: every after-race table computed from scratch. */
const FROM_SCRATCH_SEASONS = 8;
const FROM_SCRATCH_RUNS = 3;
const RUNS = 21;
/** Untimed runs first: the optimizing compiler's work and a workload's first collections. */
const WARM_UP = 5;

const history = Array.from({ length: SEASONS }, (_, n) => generateSeason(n, RACES, ENTRIES));
const rows = history.reduce((n, s) => n + s.classifications.reduce((m, c) => m + c.rows.length, 0), 0);

function scoreAll(rulebook: Rulebook): number {
  let standings = 0;
  for (const season of history) {
    const result = computeStandings(season, rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    standings += result.value.championships.reduce((n, c) => n + c.rows.length, 0);
  }
  return standings;
}

/**
 * `full`, then every explanation read as a caller would: each contribution's words (made when
 * read) and fields, and each cell. What a lazily made explanation costs shows here.
 */
function scoreAndReadAll(rulebook: Rulebook): number {
  let read = 0;
  for (const season of history) {
    const result = computeStandings(season, rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    for (const table of result.value.championships)
      for (const row of table.rows) {
        for (const c of row.contributions) read += c.description.length + (c.counted ? 1 : 0);
        for (const cell of row.cells) read += (cell.dropped ? 1 : 0) + (cell.position ?? 0);
        read += row.aboveNext?.detail.length ?? 0;
      }
  }
  return read;
}

function totalsAll(): number {
  let rows = 0;
  for (const season of history) {
    const result = computeTotals(season, historyRulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    rows += result.value.championships.reduce((n, c) => n + c.rows.length, 0);
  }
  return rows;
}

function afterEachRace(seasons: readonly Season[]): number {
  let tables = 0;
  for (const season of seasons) {
    const result = computeTotalsAfterEachRace(season, historyRulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    tables += result.value.length;
  }
  return tables;
}

/** The old way: each after-race table computed from scratch with computeStandings. */
function fromScratch(seasons: readonly Season[]): number {
  let tables = 0;
  for (const season of seasons)
    for (let race = 1; race <= RACES; race++) {
      const result = computeStandings(season, historyRulebook, { afterRace: race });
      if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
      tables++;
    }
  return tables;
}

interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The floor's median over runs made right after each timed run (the machine's speed then). */
  readonly floor?: number;
  /** The median of each timed run over the floor run right after it. */
  readonly perFloor?: number;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median of `RUNS` timed runs after `WARM_UP` untimed ones (JIT). With `beside`, each timed run
 * is followed by an untimed-by-the-median run of `beside` (the floor): the ratio of the two,
 * taken pair by pair, does not move when the machine slows down for a few seconds, which the
 * median alone does (ADR 23: a process of this bench read totals 22.8 ms and floor 4.1 ms where
 * the runs before and after read 14-16 and 2.7, both slower by the same 1.5x).
 */
function time(run: () => unknown, runs = RUNS, beside?: () => unknown): Timing {
  for (let i = 0; i < Math.min(WARM_UP, runs); i++) run();
  const times: number[] = [];
  const floors: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    run();
    const t = performance.now() - start;
    times.push(t);
    if (beside) {
      start = performance.now();
      beside();
      const f = performance.now() - start;
      floors.push(f);
      ratios.push(t / f);
    }
  }
  times.sort((a, b) => a - b);
  const t = { median: times[Math.floor(runs / 2)]!, min: times[0]!, max: times.at(-1)! };
  return beside ? { ...t, floor: median(floors), perFloor: median(ratios) } : t;
}

function report(label: string, t: Timing, target?: number): void {
  const rate = Math.round(rows / (t.median / 1000)).toLocaleString('en');
  const verdict =
    target === undefined
      ? ''
      : `  ${(t.median / target).toFixed(2)}x the ${target} ms target (${t.median < target ? 'met' : 'NOT met'})`;
  const beside =
    t.perFloor === undefined
      ? ''
      : `  ${t.perFloor.toFixed(1)}x the floor run beside it (${t.floor!.toFixed(1)} ms)`;
  console.log(
    `${label.padEnd(10)} median ${t.median.toFixed(1).padStart(6)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)})` +
      `  ${rate.padStart(10)} result rows/s${verdict}${beside}`,
  );
}

const loadAverage = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' })
      .trim()
      .replace(/^.*load/, 'load');
  } catch {
    return 'load average unknown';
  }
};

console.log(
  `history: ${SEASONS} seasons x ${RACES} races x ${ENTRIES} entries = ${rows} result rows; ${RUNS} timed runs each; ${loadAverage()}`,
);
const tables = historyRulebook.championships.length;
const floorRun = () => history.reduce((n, s) => n + sumScalePoints(s, tables), 0);
const drivers = time(
  () => scoreAll({ ...historyRulebook, championships: historyRulebook.championships.slice(0, 1) }),
  RUNS,
  floorRun,
);
report('drivers', drivers, TARGET_DRIVERS_MS);
const full = time(() => scoreAll(historyRulebook), RUNS, floorRun);
report('full', full, TARGET_FULL_MS);
const fullRead = time(() => scoreAndReadAll(historyRulebook), RUNS, floorRun);
report('full+read', fullRead);
const totals = time(totalsAll, RUNS, floorRun);
report('totals', totals, TARGET_TOTALS_MS);
const eachRace = time(() => afterEachRace(history), RUNS, floorRun);
report('each race', eachRace);
const floor = time(floorRun);
report('floor', floor);
console.log(
  `full / drivers: ${(full.median / drivers.median).toFixed(2)}x for ${tables} championships against 1`,
);
console.log(
  `full / floor: ${(full.median / floor.median).toFixed(1)}x a plain loop summing scale points over the same rows` +
    ` (${full.perFloor!.toFixed(1)}x run by run)`,
);
console.log(
  `totals / floor: ${(totals.median / floor.median).toFixed(1)}x (${totals.perFloor!.toFixed(1)}x run by run);` +
    ` totals / full: ${(totals.median / full.median).toFixed(2)}x`,
);
const ratio = eachRace.median / full.median;
console.log(
  `after each race (${RACES} tables per season, one pass) / final table alone: ${ratio.toFixed(2)}x` +
    ` (target under 2x: ${ratio < 2 ? 'met' : 'NOT met'}); / final totals alone: ${(eachRace.median / totals.median).toFixed(2)}x`,
);
const some = history.slice(0, FROM_SCRATCH_SEASONS);
const scratch = time(() => fromScratch(some), FROM_SCRATCH_RUNS);
const onePass = time(() => afterEachRace(some), FROM_SCRATCH_RUNS);
console.log(
  `${FROM_SCRATCH_SEASONS} seasons' after-race tables: from scratch ${scratch.median.toFixed(1)} ms, one pass ${onePass.median.toFixed(1)} ms` +
    ` (${(scratch.median / onePass.median).toFixed(1)}x faster; medians of ${FROM_SCRATCH_RUNS})`,
);
console.log(`after the run: ${loadAverage()}`);
