/**
 * The odds of the reference season are seeded: seed 1 gives these title counts, run for run. They
 * were recorded before the simulator's fast kernel (season scorer, uint32 draws) and must not move
 * unless the generator or the results model is changed on purpose (then say so in the commit).
 */
import { describe, expect, it } from 'vitest';
import { SeasonScorer } from '../../src/engine/compiled/season-scorer.js';
import { compileSeason, createScorer } from '../../src/engine/index.js';
import {
  fitResultsModel,
  RemainderSampler,
  seededRandom,
  simulateTitles,
} from '../../src/engine/scenarios/index.js';
import { loadSeason } from '../../src/formats/catalog.js';

async function titleCounts(afterRace: number, runs: number): Promise<Record<string, string[]>> {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error('load');
  const { season, rulebook } = loaded.value;
  const compiled = compileSeason(season, rulebook, { afterRace });
  if (!compiled.ok) throw new Error('compile');
  const titles = simulateTitles(compiled.value, fitResultsModel(season, afterRace), runs, 1);
  return Object.fromEntries(
    compiled.value.championships.map((c, i) => [
      c.id,
      c.competitors.flatMap((comp, j) => (titles[i]![j] ? [`${comp.id} ${titles[i]![j]}`] : [])),
    ]),
  );
}

describe('odds of the reference season (2024-pccna), seed 1', () => {
  it('give the recorded title counts after race 12 (20,000 runs)', async () => {
    expect(await titleCounts(12, 20_000)).toEqual({
      overall: ['loek-hartog 20000'],
      pro: ['loek-hartog 20000'],
      'pro-am': ['marco-cirone 15102', 'moisey-uretsky 3968', 'alan-metni 883', 'efrin-castro 47'],
      masters: ['matt-halcome 19928', 'chris-bellomo 72'],
      'andial-cup': ['loek-hartog 20000'],
    });
  });

  it('give the recorded title counts after race 8 (5,000 runs)', async () => {
    expect(await titleCounts(8, 5_000)).toEqual({
      overall: ['loek-hartog 5000'],
      pro: ['loek-hartog 5000'],
      'pro-am': ['marco-cirone 4580', 'moisey-uretsky 409', 'alan-metni 9', 'efrin-castro 2'],
      masters: ['matt-halcome 5000'],
      'andial-cup': ['loek-hartog 4991', 'alex-sedgwick 6', 'michael-cooper 3'],
    });
  });
});

describe('the season scorer on the reference season', () => {
  it('gives every championship the Scorer’s totals and leader over sampled remainders from race 12', async () => {
    const loaded = await loadSeason('2024-pccna');
    if (!loaded.ok) throw new Error('load');
    const { season, rulebook } = loaded.value;
    const compiled = compileSeason(season, rulebook, { afterRace: 12 });
    if (!compiled.ok) throw new Error('compile');
    const sampler = new RemainderSampler(compiled.value, fitResultsModel(season, 12));
    const kernel = new SeasonScorer(compiled.value);
    const scorers = compiled.value.championships.map(createScorer);
    const random = seededRandom(7);
    expect(scorers.map((_, c) => kernel.takes(c))).toEqual([true, true, true, true, true]);
    let sole = 0;
    let candidates = 0;
    const differences: string[] = [];
    for (let run = 0; run < 2000; run++) {
      sampler.sample(random);
      kernel.score(sampler.remainder);
      scorers.forEach((scorer, c) => {
        scorer.score(sampler.remainder);
        const table = kernel.tableOf(c);
        const leader = kernel.leaderOf(c);
        if (leader !== undefined) sole++;
        // Exact for the candidates; every other competitor the Scorer lists is below the most points.
        const top = Math.max(...Array.from(scorer.totals).filter((_, i) => scorer.listed[i]));
        if (table !== undefined) candidates += table.candidate.reduce((a, b) => a + b, 0);
        const same =
          table !== undefined &&
          table.listed.every((l, i) =>
            table.candidate[i]
              ? l === scorer.listed[i] && (!l || table.totals[i] === scorer.totals[i])
              : !scorer.listed[i] || scorer.totals[i]! < top,
          ) &&
          (leader === undefined || leader === scorer.leader());
        if (!same) differences.push(`run ${run}, ${compiled.value.championships[c]!.id}`);
      });
    }
    expect(differences).toEqual([]);
    // Ties on the most points are rare: almost every table has a sole leader.
    expect(sole).toBeGreaterThan(0.95 * 2000 * scorers.length);
    // Most competitors cannot lead any more: the kernel keeps only the others' totals.
    const competitors = compiled.value.championships.reduce((sum, c) => sum + c.competitors.length, 0);
    expect(candidates).toBeLessThan(0.5 * 2000 * competitors);
  });
});

describe('the sampler placing only the wanted cars (the odds loop)', () => {
  it('draws the remainders `sample` draws, and places the wanted cars as their orders do', async () => {
    const loaded = await loadSeason('2024-pccna');
    if (!loaded.ok) throw new Error('load');
    const { season, rulebook } = loaded.value;
    const compiled = compileSeason(season, rulebook, { afterRace: 12 });
    if (!compiled.ok) throw new Error('compile');
    // The fitted model retires nobody from race 12; here every car retires one time in ten, so
    // retired cars are placed too.
    const fitted = fitResultsModel(season, 12);
    const model = {
      ...fitted,
      retire: new Map([...fitted.retire.keys()].map((k) => [k, 0.1])),
      fieldRetire: 0.1,
    };
    const full = new RemainderSampler(compiled.value, model);
    const placed = new RemainderSampler(compiled.value, model);
    const kernel = new SeasonScorer(compiled.value);
    const reference = new SeasonScorer(compiled.value);
    const wanted = kernel.wantedEntries(placed.remainder)!;
    placed.want(wanted);
    const { slot, rank } = kernel.places;
    const randomFull = seededRandom(3);
    const randomPlaced = seededRandom(3);
    const differences: string[] = [];
    let retired = 0;
    for (let run = 0; run < 1000; run++) {
      full.sample(randomFull);
      placed.samplePlaced(randomPlaced, kernel.places);
      kernel.scorePlaced(placed.remainder);
      reference.score(full.remainder);
      full.remainder.forEach((r, k) => {
        const p = placed.remainder[k]!;
        if (r.order.length === 0) return;
        if (p.classified !== r.classified || JSON.stringify(p.awards) !== JSON.stringify(r.awards))
          differences.push(`run ${run} session ${k}: classified or awards`);
        const order = Array.from(r.order);
        const classified = r.classified!;
        retired += order.length - classified;
        for (const e of [...wanted.slot, ...wanted.rank]) {
          const s = order.indexOf(e);
          if (s < 0) continue;
          const cls = compiled.value.entries[e]!.classId;
          const inClass =
            1 + order.slice(0, s).filter((x) => compiled.value.entries[x]!.classId === cls).length;
          const slotOk = wanted.slot.includes(e)
            ? slot[k]![e] === s
            : slot[k]![e]! < classified === s < classified;
          if (!slotOk || (s < classified && rank[k]![e] !== inClass))
            differences.push(`run ${run} session ${k} entry ${e}`);
        }
      });
      compiled.value.championships.forEach((_, c) => {
        if (kernel.leaderOf(c) !== reference.leaderOf(c))
          differences.push(`run ${run} championship ${c}: leader`);
        const a = kernel.tableOf(c);
        const b = reference.tableOf(c);
        if (a && b && a.totals.some((t, i) => a.candidate[i] && a.listed[i] && t !== b.totals[i]))
          differences.push(`run ${run} championship ${c}: totals`);
      });
      // The full order, made afterwards from the same draws, is the one `sample` made.
      placed.order();
      if (
        placed.remainder.some(
          (r, k) => Array.from(r.order).join() !== Array.from(full.remainder[k]!.order).join(),
        )
      )
        differences.push(`run ${run}: order`);
    }
    expect(differences).toEqual([]);
    // Retired cars were placed too (from the back of the order).
    expect(retired).toBeGreaterThan(100);
  });
});
