/**
 * `npm run bench:import`: 100 000 result rows of generic CSV imported into one session of a
 * synthetic season folder (one entry per car), through the same read -> parse -> match -> check
 * -> write path as `paddock import-results`. Prints the time of each step and peak memory.
 * Targets: under 2 s and under 200 MB.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { resolvePreset } from '../src/formats/catalog.js';
import { loadSeasonFolder } from '../src/formats/season-folder.js';
import { parseGenericCsv } from '../src/importers/results/formats/generic-csv.js';
import { applyImport, findSession, planImport, readMappings } from '../src/importers/results/plan-import.js';

const ROWS = Number(process.env['ROWS'] ?? 100_000);
/** Figures are medians of several runs: the machine may be busy. */
const RUNS = Number(process.env['RUNS'] ?? 5);
const TARGET_MS = 2_000;
const TARGET_MB = 200;

const dir = await mkdtemp(join(tmpdir(), 'paddock-bench-import-'));
try {
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
    const bytes = new Uint8Array(await readFile(csvFile));
    const t1 = performance.now();
    const parsed = parseGenericCsv(bytes, csvFile, { columns });
    const t2 = performance.now();
    const mappings = await readMappings(folder);
    if (!mappings.ok) throw new Error('mappings');
    const plan = planImport(season, session, parsed, mappings.value, {}, csvFile);
    if (plan.issues.length || plan.unmatched.length)
      throw new Error(
        `bench import failed: ${JSON.stringify([...plan.issues, ...plan.unmatched].slice(0, 3))}`,
      );
    const t3 = performance.now();
    await applyImport(folder, plan);
    const t4 = performance.now();
    return { read: t1 - t0, parse: t2 - t1, match: t3 - t2, write: t4 - t3, total: t4 - t0 };
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
  const row = (label: string, key: 'read' | 'parse' | 'match' | 'write' | 'total') => {
    const xs = runs.map((r) => r[key]);
    return `  ${label.padEnd(14)} median ${median(xs).toFixed(0).padStart(5)} ms   min ${Math.min(...xs)
      .toFixed(0)
      .padStart(5)} ms`;
  };
  const total = median(runs.map((r) => r.total));
  const mb = (n: number) => n / 1024 / 1024;
  const maxRss = process.resourceUsage().maxRSS / 1024;
  console.log(`paddock import benchmark: ${ROWS.toLocaleString('en')} generic-CSV result rows, ${RUNS} runs`);
  console.log(row('read', 'read'));
  console.log(row('parse', 'parse'));
  console.log(row('match + check', 'match'));
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
} finally {
  await rm(dir, { recursive: true, force: true });
}
