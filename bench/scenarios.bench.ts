/**
 * `npm run bench:scenarios`: the title-scenario solver and the odds simulator, in one run.
 *  1. Every competitor of every championship of the reference season after race 12: clinched,
 *     contender or eliminated, best and worst final position (target: under 1 s).
 * 1b. The same with the integer-program solver (HiGHS) for the worst-position ranges the searches
 *     leave open: each range before and after, the time with and without it (medians of 3).
 *  2. Every round of the Formula One history: who has clinched each title after each race, taking
 *     what was known after it (compileSeason's asKnown; target: under 60 s), and the worst
 *     positions left as ranges, by sessions left after the round. The built-in F1
 *     seasons (data/seasons/f1-*) when there are any, else the F1 seasons entered by hand under
 *     test/fixtures/seasons (then the figure is not the target's).
 * 2c. With --f1-solver: every sixth F1 season's tables with 2-4 races left and an open range,
 *     again with the integer-program solver: ranges proven and the time (a measure of progress).
 *  3. Simulated remainders of the reference season from race 12 per second on one core: each run
 *     draws races 13-16 and scores every championship, as `simulateTitles` (the odds) does
 *     (target: 100,000 per second); then sampling and scoring alone, with the share of the time in
 *     garbage collection. `--odds` runs only this part.
 * Prints medians and the load average: other sessions on the machine slow every figure.
 */
import { loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { compileSeason, createScorer } from '../src/engine/index.js';
import type { Rulebook, Season } from '../src/engine/index.js';
import {
  analyseTitleFight,
  checkDecider,
  fitResultsModel,
  RemainderSampler,
  seededRandom,
  simulateTitles,
} from '../src/engine/scenarios/index.js';
import { SeasonScorer } from '../src/engine/compiled/season-scorer.js';
import type { DeciderCheck } from '../src/engine/scenarios/index.js';
import { loadSeason, SEASONS_DIR } from '../src/formats/catalog.js';
import { loadHighsSolver } from '../src/app/highs-solver.js';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average at start: ${load()} (1, 5, 15 min); node ${process.version}`);

const oddsOnly = process.argv.includes('--odds');
const f1Solver = process.argv.includes('--f1-solver');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function loaded(arg: string): Promise<{ season: Season; rulebook: Rulebook }> {
  const r = await loadSeason(arg);
  if (!r.ok) throw new Error(`${arg}: ${JSON.stringify(r.issues.slice(0, 2))}`);
  return r.value;
}

// 1. The reference season after race 12.
if (!oddsOnly) {
  const { season, rulebook } = await loaded('2024-pccna');
  let competitors = 0;
  let bounded = 0;
  const once = () => {
    const compiled = compileSeason(season, rulebook, { afterRace: 12 });
    if (!compiled.ok) throw new Error('compile');
    competitors = 0;
    bounded = 0;
    for (const champ of compiled.value.championships) {
      const fight = analyseTitleFight(champ);
      competitors += fight.outlooks.length;
      bounded += fight.outlooks.filter((o) => !o.worstExact).length;
    }
  };
  once();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  const m = median(times);
  console.log(
    `\n1. reference season after race 12: ${competitors} competitors in 5 championships, median ${m.toFixed(0)} ms` +
      ` (min ${Math.min(...times).toFixed(0)}), ${(m / 1000).toFixed(2)}x the 1 s target (${m < 1000 ? 'met' : 'NOT met'});` +
      ` ${bounded} worst positions bounded, not proven, within the search budget`,
  );
}

// 1b. The reference season's ranges left open by the searches, handed to the integer-program
// solver (HiGHS, loaded as the command line loads it: only when a range is open).
if (!oddsOnly) {
  const { season, rulebook } = await loaded('2024-pccna');
  const compiled = compileSeason(season, rulebook, { afterRace: 12 });
  if (!compiled.ok) throw new Error('compile');
  const open = compiled.value.championships.filter((champ) =>
    analyseTitleFight(champ).outlooks.some((o) => !o.worstExact),
  );
  const t0 = performance.now();
  const solver = open.length ? await loadHighsSolver() : undefined;
  const loadMs = performance.now() - t0;
  const ranges: string[] = [];
  let left = 0;
  // Without and with the solver in turns (load from other sessions falls on each alike); the
  // first pair warms both paths up and is not counted.
  let before = open.map((champ) => analyseTitleFight(champ).outlooks);
  let fights = open.map((champ) => analyseTitleFight(champ, solver ? { solver } : {}));
  const withoutMs: number[] = [];
  const withMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t2 = performance.now();
    before = open.map((champ) => analyseTitleFight(champ).outlooks);
    withoutMs.push(performance.now() - t2);
    const t1 = performance.now();
    fights = open.map((champ) => analyseTitleFight(champ, solver ? { solver } : {}));
    withMs.push(performance.now() - t1);
  }
  const searchMs = median(withoutMs);
  const solveMs = median(withMs);
  fights.forEach((fight, f) => {
    for (const o of fight.outlooks) {
      if (!o.worstExact) left++;
      const b = before[f]!.find((x) => x.index === o.index)!;
      if (!b.worstExact)
        ranges.push(
          `${fight.championship.id} ${o.competitor.name} ${b.worst}-${b.worstBound} -> ` +
            (o.worstExact ? `${o.worst} proven` : `${o.worst}-${o.worstBound}`),
        );
    }
  });
  console.log(
    `\n1b. reference season after race 12 with the integer-program solver for open ranges: ` +
      (open.length
        ? `${ranges.join('; ')}; ${left} left open; HiGHS loaded in ${loadMs.toFixed(0)} ms, ` +
          `the ${open.length === 1 ? 'championship' : 'championships'} with an open range analysed with it in ${solveMs.toFixed(0)} ms, without it ${searchMs.toFixed(0)} ms (medians of 3 in turns, after one of each)`
        : 'no range open, solver not loaded'),
  );
}

// 2. Every round of the F1 history.
if (!oddsOnly) {
  const builtIn = readdirSync(SEASONS_DIR).filter((d) => /^f1-\d{4}/.test(d));
  const fixtures = ['1958', '1976', '1979', '1988'].map((y) =>
    join('test', 'fixtures', 'seasons', `${y}-formula-one`),
  );
  const dirs = builtIn.length ? builtIn : fixtures;
  let rounds = 0;
  let fights = 0;
  let bounded = 0;
  // The ranges left open by sessions left after the round (the measure of progress to exactness).
  const byLeft = new Map<string, number>(['1', '2', '3-4', '5+'].map((k) => [k, 0]));
  const t0 = performance.now();
  for (const dir of dirs) {
    const { season, rulebook } = await loaded(builtIn.length ? dir : dir);
    const races = [...new Set(season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race])))];
    for (const after of races) {
      const compiled = compileSeason(season, rulebook, { afterRace: after, asKnown: true });
      if (!compiled.ok) throw new Error(`${dir} after ${after}`);
      rounds++;
      for (const champ of compiled.value.championships) {
        const fight = analyseTitleFight(champ);
        fights++;
        const open = fight.outlooks.filter((o) => !o.worstExact).length;
        bounded += open;
        const left = fight.remaining <= 2 ? String(fight.remaining) : fight.remaining <= 4 ? '3-4' : '5+';
        if (open) byLeft.set(left, (byLeft.get(left) ?? 0) + open);
      }
    }
  }
  const ms = performance.now() - t0;
  console.log(
    `\n2. ${builtIn.length ? 'F1 history' : 'F1 seasons entered by hand (the history has not landed)'}:` +
      ` ${dirs.length} seasons, ${rounds} rounds, ${fights} championship tables analysed in ${(ms / 1000).toFixed(1)} s` +
      `${builtIn.length ? ` (${(ms / 60_000).toFixed(2)}x the 60 s target, ${ms < 60_000 ? 'met' : 'NOT met'})` : ''};` +
      ` ${bounded} worst positions bounded (by sessions left: ${[...byLeft].map(([k, n]) => `${k}: ${n}`).join(', ')})`,
  );
}

// 2c. (--f1-solver) How far the integer-program solver takes the F1 history's open ranges: every
// sixth built-in season, each table with 2 to 4 races left and a range the searches leave open,
// analysed again with HiGHS (as `paddock scenarios` does). A measure of progress, not a target.
if (!oddsOnly && f1Solver) {
  const seasons = readdirSync(SEASONS_DIR)
    .filter((d) => /^f1-\d{4}/.test(d))
    .filter((_, i) => i % 6 === 0);
  const solver = await loadHighsSolver();
  let open = 0;
  let proven = 0;
  let searchMs = 0;
  let solveMs = 0;
  for (const dir of seasons) {
    const { season, rulebook } = await loaded(dir);
    const races = [...new Set(season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race])))];
    for (const after of races) {
      const compiled = compileSeason(season, rulebook, { afterRace: after, asKnown: true });
      if (!compiled.ok) throw new Error(`${dir} after ${after}`);
      for (const champ of compiled.value.championships) {
        const t0 = performance.now();
        const fight = analyseTitleFight(champ);
        searchMs += performance.now() - t0;
        const ranges = fight.outlooks.filter((o) => !o.worstExact && o.worst !== undefined);
        if (fight.remaining < 2 || fight.remaining > 4 || ranges.length === 0) continue;
        const t1 = performance.now();
        const solved = analyseTitleFight(champ, { solver });
        solveMs += performance.now() - t1;
        open += ranges.length;
        proven += ranges.filter((o) => solved.outlooks.find((x) => x.index === o.index)!.worstExact).length;
      }
    }
  }
  console.log(
    `\n2c. F1 history with the solver, every sixth season (${seasons.length}), tables with 2-4 races left: ` +
      `${proven} of ${open} open ranges proven; searches ${(searchMs / 1000).toFixed(1)} s, ` +
      `the tables with an open range again with the solver ${(solveMs / 1000).toFixed(1)} s`,
  );
}

// 2b. Every recorded title decider of the F1 history (test/f1/title-deciders.csv, from f1db).
if (!oddsOnly) {
  const rows = readFileSync(join('test', 'f1', 'title-deciders.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const counts: Record<DeciderCheck, number> = { agrees: 0, 'decided earlier': 0, 'decided later': 0 };
  const differences: string[] = [];
  const t0 = performance.now();
  for (const row of rows) {
    const [year, drivers, constructors] = row.split(',');
    if (!drivers || !readdirSync(SEASONS_DIR).includes(`f1-${year}`)) continue;
    const { season, rulebook } = await loaded(`f1-${year}`);
    for (const [kind, race] of [
      ['drivers', drivers],
      ['constructors', constructors],
    ] as const) {
      if (!race) continue;
      const result = checkDecider(season, rulebook, kind, Number(race));
      counts[result]++;
      if (result !== 'agrees') differences.push(`${year} ${kind} (${result})`);
    }
  }
  const total = counts.agrees + counts['decided earlier'] + counts['decided later'];
  console.log(
    `\n2b. F1 title deciders (f1db): the solver agrees on ${counts.agrees} of ${total} in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s; differs on ${differences.join(', ') || 'none'}`,
  );
}

// 3. Simulated remainders from race 12: the odds loop (simulateTitles) end to end, then its parts,
// measured in turns (round-robin) so that load from other sessions falls on each alike.
{
  const { season, rulebook } = await loaded('2024-pccna');
  const compiled = compileSeason(season, rulebook, { afterRace: 12 });
  if (!compiled.ok) throw new Error('compile');
  const model = fitResultsModel(season, 12);
  const sampler = new RemainderSampler(compiled.value, model);
  const kernel = new SeasonScorer(compiled.value);
  const scorers = compiled.value.championships.map(createScorer);
  const random = seededRandom(1);
  // The odds loop's way: the sampler places only the cars the season scorer reads (no order sorted).
  const placedSampler = new RemainderSampler(compiled.value, model);
  const placedKernel = new SeasonScorer(compiled.value);
  placedSampler.want(placedKernel.wantedEntries(placedSampler.remainder)!);
  const placedRandom = seededRandom(1);
  const RUNS = 20_000;
  const variants: { label: string; step: () => void; batch?: number }[] = [
    {
      label: 'odds runs end to end (simulateTitles), all 5 championships',
      step: () => simulateTitles(compiled.value, model, RUNS, 1),
      batch: RUNS,
    },
    {
      label: 'sampled only, placing the cars scored (as simulateTitles)',
      step: () => placedSampler.samplePlaced(placedRandom, placedKernel.places),
    },
    { label: 'sampled only, every order sorted (before)', step: () => sampler.sample(random) },
    {
      label: 'scored only, all 5: season scorer, flat pass on the places',
      step: () => {
        placedKernel.scorePlaced(placedSampler.remainder);
        for (let c = 0; c < scorers.length; c++)
          if (placedKernel.leaderOf(c) === undefined) {
            placedSampler.order();
            scorers[c]!.score(placedSampler.remainder);
            scorers[c]!.leader();
          }
      },
    },
    {
      label: 'scored only, all 5: season scorer on the orders (before)',
      step: () => {
        kernel.score(sampler.remainder);
        for (let c = 0; c < scorers.length; c++)
          if (kernel.leaderOf(c) === undefined) {
            scorers[c]!.score(sampler.remainder);
            scorers[c]!.leader();
          }
      },
    },
    {
      label: 'scored only, all 5: one Scorer each',
      step: () => {
        for (const s of scorers) {
          s.score(sampler.remainder);
          s.leader();
        }
      },
    },
  ];
  // Per second of wall clock, and per second of this process's CPU time (what one core gives it
  // when other sessions share the machine: the wall clock then counts their time too).
  const rates = variants.map(() => [] as number[]);
  const cpuRates = variants.map(() => [] as number[]);
  // Garbage collection's share of each variant's wall clock: the pauses V8 reports (performance's
  // 'gc' entries, delivered between turns) that began within the variant's turns.
  const pauses: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const turns = variants.map(() => [] as [number, number][]);
  const delivered = () => new Promise<void>((resolve) => setImmediate(resolve));
  // Warm-up (JIT). simulateTitles makes its sampler and scorers afresh at each call, and V8 went on
  // optimizing (and re-optimizing) that set-up's functions over the first dozen calls or so, on its
  // background threads (which the CPU time counts): about 15% of the CPU time of the first 200,000
  // runs, in 20,000-run calls. So the end to end row first makes 15 calls (300,000 runs).
  // The first call is timed too: what one `paddock odds` in a fresh process gets (JIT still warming).
  const cold0 = performance.now();
  const coldCpu0 = process.cpuUsage();
  variants[0]!.step();
  const coldWall = RUNS / ((performance.now() - cold0) / 1000);
  const coldCpuUsed = process.cpuUsage(coldCpu0);
  const coldCpu = RUNS / ((coldCpuUsed.user + coldCpuUsed.system) / 1e6);
  for (const [j, v] of variants.entries())
    for (let i = j === 0 ? 1 : 0; i < (v.batch ? 15 : 2000); i++) v.step();
  await delivered();
  pauses.length = 0;
  for (let round = 0; round < 5; round++)
    for (const [j, v] of variants.entries()) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let n = 0;
      while (performance.now() - t0 < 400) {
        if (v.batch) {
          v.step();
          n += v.batch;
        } else {
          for (let i = 0; i < 200; i++) v.step();
          n += 200;
        }
      }
      const t1 = performance.now();
      rates[j]!.push(n / ((t1 - t0) / 1000));
      const cpu = process.cpuUsage(cpu0);
      cpuRates[j]!.push(n / ((cpu.user + cpu.system) / 1e6));
      turns[j]!.push([t0, t1]);
      await delivered();
    }
  observer.disconnect();
  const gcShare = turns.map((windows) => {
    const within = (t: number) => windows.some(([a, b]) => t >= a && t < b);
    const paused = pauses.filter((p) => within(p.start)).reduce((sum, p) => sum + p.duration, 0);
    return paused / windows.reduce((sum, [a, b]) => sum + (b - a), 0);
  });
  console.log(`\n3. simulated remainders of the reference season from race 12, one core (load ${load()}):`);
  console.log(
    `   ${''.padEnd(62)} ${'wall clock'.padStart(11)} ${'CPU time'.padStart(11)} ${'GC'.padStart(6)}`,
  );
  variants.forEach(({ label }, j) => {
    const r = median(rates[j]!);
    const c = median(cpuRates[j]!);
    const fmt = (x: number) => `${Math.round(x).toLocaleString('en').padStart(9)}/s`;
    const gc = `${(gcShare[j]! * 100).toFixed(1)}%`.padStart(6);
    console.log(
      `   ${label.padEnd(62)} ${fmt(r)} ${fmt(c)} ${gc}  (${(r / 100_000).toFixed(2)}x, ${(c / 100_000).toFixed(2)}x the 100,000/s target)`,
    );
  });
  console.log(
    "   GC: the share of each row's wall clock spent in V8's collection pauses (performance's 'gc' entries)",
  );
  console.log(
    `   the end to end row after 15 calls of ${RUNS.toLocaleString('en')} runs (steady state); the first call of the` +
      ` process, JIT still warming: ${Math.round(coldWall).toLocaleString('en')}/s wall clock,` +
      ` ${Math.round(coldCpu).toLocaleString('en')}/s CPU time`,
  );
  const [, placedRate, sortedRate, flat, onOrders, before] = cpuRates.map(median);
  console.log(
    `   CPU time: placing the cars scored against sorting every order ${(placedRate! / sortedRate!).toFixed(2)}x;` +
      ` flat pass against the season scorer on the orders ${(flat! / onOrders!).toFixed(2)}x,` +
      ` against one Scorer per championship ${(flat! / before!).toFixed(2)}x`,
  );
  // The competitors whose totals the season scorer keeps (those that can still lead from race 12).
  kernel.score(sampler.remainder);
  const kept = compiled.value.championships.map((_, c) =>
    kernel.tableOf(c)?.candidate.reduce((a, b) => a + b, 0),
  );
  const all = compiled.value.championships.map((c) => c.competitors.length);
  console.log(
    `   competitors the season scorer keeps (can still lead): ${kept.join(' + ')} of ${all.join(' + ')}`,
  );
}
console.log(`\nload average at end: ${load()}`);
