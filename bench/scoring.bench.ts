/**
 * `npm run bench`: a generated history (80 seasons x 20 races x 30 entries, with best-N and
 * drop-lowest rules, pole and fastest-lap bonuses, shared cars, and a best-car constructors'
 * table) scored end to end. Prints the median of several runs, results per second, and the ratio
 * to the 100 ms target. Figures are measured in this run, on this machine.
 */
import { performance } from 'node:perf_hooks';
import { computeStandings } from '../src/engine/index.js';
import { generateSeason, historyRulebook } from './generate-history.js';

const SEASONS = 80;
const RACES = 20;
const ENTRIES = 30;
const TARGET_MS = 100;
const RUNS = 9;

const history = Array.from({ length: SEASONS }, (_, n) => generateSeason(n, RACES, ENTRIES));
const rows = history.reduce((n, s) => n + s.classifications.reduce((m, c) => m + c.rows.length, 0), 0);

function scoreAll(): number {
  let standings = 0;
  for (const season of history) {
    const result = computeStandings(season, historyRulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
    standings += result.value.championships.reduce((n, c) => n + c.rows.length, 0);
  }
  return standings;
}

scoreAll(); // warm-up (JIT)
const times: number[] = [];
let standings = 0;
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  standings = scoreAll();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)]!;
console.log(
  `history: ${SEASONS} seasons x ${RACES} races x ${ENTRIES} entries = ${rows} result rows, 3 championships each`,
);
console.log(
  `whole history: median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}) over ${RUNS} runs`,
);
console.log(
  `throughput: ${Math.round(rows / (median / 1000)).toLocaleString('en')} result rows/s; ${standings} standing rows per history`,
);
console.log(
  `target ${TARGET_MS} ms: median is ${(median / TARGET_MS).toFixed(2)}x the target (${median < TARGET_MS ? 'met' : 'NOT met'})`,
);
