/**
 * `npm run bench`: a generated history (80 seasons x 20 races x 30 entries) scored end to end,
 * validation included. Two workloads, measured in the same run:
 *  - drivers: one drivers' championship per season with best-11 drops, pole and fastest-lap
 *    bonuses and shared cars (the issue's example workload);
 *  - full: that plus an Am class table with drop-lowest-2 and a best-car constructors' table.
 * Prints medians over several runs, result rows per second, and the ratio to the 100 ms target.
 * Figures are what this machine measured in this run; other load on the machine shows in them.
 */
import { performance } from 'node:perf_hooks';
import { computeStandings } from '../src/engine/index.js';
import type { Rulebook } from '../src/engine/index.js';
import { generateSeason, historyRulebook } from './generate-history.js';

const SEASONS = 80;
const RACES = 20;
const ENTRIES = 30;
const TARGET_MS = 100;
const RUNS = 11;

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

function measure(label: string, rulebook: Rulebook): number {
  scoreAll(rulebook); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    scoreAll(rulebook);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  console.log(
    `${label.padEnd(10)} median ${median.toFixed(1).padStart(6)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})` +
      `  ${Math.round(rows / (median / 1000))
        .toLocaleString('en')
        .padStart(9)} result rows/s` +
      `  ${(median / TARGET_MS).toFixed(2)}x the ${TARGET_MS} ms target (${median < TARGET_MS ? 'met' : 'NOT met'})`,
  );
  return median;
}

console.log(
  `history: ${SEASONS} seasons x ${RACES} races x ${ENTRIES} entries = ${rows} result rows; ${RUNS} timed runs each`,
);
const drivers = measure('drivers', {
  ...historyRulebook,
  championships: historyRulebook.championships.slice(0, 1),
});
const full = measure('full', historyRulebook);
console.log(`full / drivers: ${(full / drivers).toFixed(2)}x for 3 championships against 1`);
