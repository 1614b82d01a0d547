/**
 * `npm run bench:load`: loading the reference season folder (data/seasons/2024-porsche-carrera-
 * cup-north-america, alias 2024-pccna) through the one loader, in one process:
 *   - reading its files (readSeasonFolder) and loading them (loadSeasonFiles: YAML, CSV, schemas,
 *     locations, validation): the first load (cold code, what a command pays once) and the median
 *     of the next ones (target: under 10 ms in all);
 *   - finding a built-in season by alias without parsing the ~80 others, and listing them all.
 * Prints medians and the load average: other sessions on the machine slow every figure.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findBuiltInSeason, listSeasons, resolvePreset, SEASONS_DIR } from '../src/formats/catalog.js';
import { loadSeasonFiles, readSeasonFolder } from '../src/formats/season-folder.js';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average at start: ${load()} (1, 5, 15 min); node ${process.version}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = Number(process.env['RUNS'] ?? 100);
const dir = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');

async function once(): Promise<{ read: number; loaded: number; rows: number }> {
  const t0 = performance.now();
  const files = await readSeasonFolder(dir);
  const t1 = performance.now();
  if (!files.ok) throw new Error(JSON.stringify(files.issues.slice(0, 2)));
  const season = await loadSeasonFiles(files.value, { resolvePreset, origin: dir });
  const t2 = performance.now();
  if (!season.ok) throw new Error(JSON.stringify(season.issues.slice(0, 2)));
  const rows = season.value.season.classifications.reduce((n, c) => n + c.rows.length, 0);
  return { read: t1 - t0, loaded: t2 - t1, rows };
}

const first = await once();
const reads: number[] = [];
const loads: number[] = [];
const totals: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  reads.push(r.read);
  loads.push(r.loaded);
  totals.push(r.read + r.loaded);
}
const total = median(totals);
console.log(
  `\nreference season (${first.rows} result rows): first load ${(first.read + first.loaded).toFixed(1)} ms` +
    ` (cold code); then median ${total.toFixed(2)} ms (read ${median(reads).toFixed(2)} + load ${median(loads).toFixed(2)}),` +
    ` min ${Math.min(...totals).toFixed(2)} ms over ${runs} runs: target under 10 ms ${total < 10 ? 'met' : 'NOT met'}`,
);

const time = (f: () => unknown) => {
  const ts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
};
const seasons = listSeasons().length;
console.log(
  `built-in seasons: find 2024-pccna by alias ${time(() => findBuiltInSeason('2024-pccna')).toFixed(2)} ms;` +
    ` list all ${seasons} (id, name, aliases) ${time(() => listSeasons()).toFixed(1)} ms`,
);
console.log(`\nload average at end: ${load()}`);
