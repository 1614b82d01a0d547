/**
 * The worst-position search over multisets of places, A/B in one process (ADR 7, "Ninth session"):
 * every round of the F1 history (every `every`th season), analysed as known after the race, once
 * per budget of that search (0: not run), twice over, interleaved; CPU time per pass and how many
 * worst positions stay ranges.
 *
 *   node scripts/bench.mjs worst-position-search [every=1] [budgets=0,6000]
 *   node scripts/bench.mjs worst-position-search reference [budgets]   (2024-pccna after race 12, 7 passes)
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { compileSeason } from '../src/engine/index.js';
import type { CompiledChampionship } from '../src/engine/compiled/types.js';
import { analyseTitleFight } from '../src/engine/scenarios/index.js';
import { loadSeason, SEASONS_DIR } from '../src/formats/catalog.js';
const reference = process.argv[2] === 'reference';
const every = reference ? 1 : Number(process.argv[2] ?? 1);
const budgets = (process.argv[3] ?? '0,6000').split(',').map(Number);
const dirs = reference
  ? ['2024-pccna']
  : readdirSync(SEASONS_DIR)
      .filter((d) => /^f1-\d{4}/.test(d))
      .filter((_, i) => i % every === 0);
const champs: CompiledChampionship[] = [];
for (const dir of dirs) {
  const r = await loadSeason(dir);
  if (!r.ok) throw new Error(dir);
  const { season, rulebook } = r.value;
  const races = reference
    ? [12]
    : [...new Set(season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race])))];
  for (const after of races) {
    const c = compileSeason(season, rulebook, { afterRace: after, asKnown: !reference });
    if (!c.ok) throw new Error(dir);
    champs.push(...c.value.championships);
  }
}
const reps = reference ? 7 : 2;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`${dirs.length} seasons, ${champs.length} tables; load ${load()}`);
const cpu: number[][] = budgets.map(() => []);
const bounded: number[] = budgets.map(() => 0);
for (let rep = 0; rep < reps; rep++)
  budgets.forEach((b, i) => {
    const t0 = process.cpuUsage();
    let n = 0;
    for (const champ of champs)
      n += analyseTitleFight(champ, { aggregateBudget: b }).outlooks.filter((o) => !o.worstExact).length;
    const t = process.cpuUsage(t0);
    cpu[i]!.push((t.user + t.system) / 1000);
    bounded[i] = n;
  });
budgets.forEach((b, i) =>
  console.log(
    `aggregateBudget ${b}: CPU ${cpu[i]!.map((x) => x.toFixed(0)).join(', ')} ms; ${bounded[i]} bounded`,
  ),
);
console.log(`load ${load()}`);
