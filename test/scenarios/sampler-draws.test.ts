/**
 * The odds sampler against a plain reference written from its definition (ADR 8): per session, per
 * car in entry order a retirement draw (`next() < retire`), then for a car still running the key
 * Exp(1) × (1 / strength) from `exponential`; then per award a draw u = next() × total strength of
 * the cars that may hold it, the holder being the first whose running sum of strengths exceeds u.
 * The finishing order is the finishers by key (a tie in entry order), then the retired cars from
 * the back. The sampler steps the generator inline and finds award holders through a guide table;
 * this checks that it draws the same remainders, number for number. Then the places counted for
 * the season scorer when keys tie (a case the draws all but never give).
 */
import { describe, expect, it } from 'vitest';
import { SeasonScorer } from '../../src/engine/compiled/season-scorer.js';
import { compileSeason } from '../../src/engine/index.js';
import type { CompiledSeason, HypotheticalResult } from '../../src/engine/compiled/types.js';
import {
  entryModel,
  fitResultsModel,
  RemainderSampler,
  seededRandom,
} from '../../src/engine/scenarios/index.js';
import type { ResultsModel } from '../../src/engine/scenarios/index.js';
import { exponential } from '../../src/engine/scenarios/random.js';
import type { Random } from '../../src/engine/scenarios/random.js';
import { loadSeason } from '../../src/formats/catalog.js';

async function reference(afterRace: number): Promise<{ compiled: CompiledSeason; model: ResultsModel }> {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error('load');
  const { season, rulebook } = loaded.value;
  const compiled = compileSeason(season, rulebook, { afterRace });
  if (!compiled.ok) throw new Error('compile');
  // The fitted model retires nobody from race 12; here every car retires one time in ten.
  const fitted = fitResultsModel(season, afterRace);
  const model = {
    ...fitted,
    retire: new Map([...fitted.retire.keys()].map((k) => [k, 0.1])),
    fieldRetire: 0.1,
  };
  return { compiled: compiled.value, model };
}

/** One session drawn by the definition: its order, classified count and award holders. */
function drawSession(
  compiled: CompiledSeason,
  model: ResultsModel,
  k: number,
  awards: readonly { readonly award: string; readonly scope: string }[],
  random: Random,
): { order: number[]; classified: number; holders: number[] } {
  const entered = compiled.sessions[k]!.entered;
  const params = entered.map((e) => entryModel(model, compiled.entries[e]!));
  const finishers: { e: number; key: number }[] = [];
  const retired: number[] = [];
  entered.forEach((e, s) => {
    if (random.next() < params[s]!.retire) retired.push(e);
    else finishers.push({ e, key: exponential(random) * (1 / params[s]!.strength) });
  });
  // Array.prototype.sort is stable: equal keys stay in entry order.
  finishers.sort((x, y) => x.key - y.key);
  const holders = awards.map(({ scope }) => {
    const cars = entered.flatMap((e, s) =>
      scope === 'overall' || compiled.entries[e]!.classId === scope ? [s] : [],
    );
    if (cars.length === 0) return -1;
    const total = cars.reduce((sum, s) => sum + params[s]!.strength, 0);
    const u = random.next() * total;
    let sum = 0;
    for (const s of cars) {
      sum += params[s]!.strength;
      if (sum > u) return entered[s]!;
    }
    return entered[cars[cars.length - 1]!]!;
  });
  return {
    order: [...finishers.map((f) => f.e), ...retired.reverse()],
    classified: finishers.length,
    holders,
  };
}

describe('the odds sampler', () => {
  it('draws the remainders its definition draws, number for number (2,000 remainders from race 12)', async () => {
    const { compiled, model } = await reference(12);
    const sampler = new RemainderSampler(compiled, model);
    const randomSampler = seededRandom(5);
    const randomReference = seededRandom(5);
    const differences: string[] = [];
    let retired = 0;
    let awardsDrawn = 0;
    for (let run = 0; run < 2000 && differences.length < 10; run++) {
      sampler.sample(randomSampler);
      sampler.remainder.forEach((r: HypotheticalResult, k) => {
        if (r.order.length === 0) return;
        const awards = r.awards ?? [];
        const want = drawSession(compiled, model, k, awards, randomReference);
        retired += want.order.length - want.classified;
        awardsDrawn += awards.length;
        if (Array.from(r.order).join() !== want.order.join())
          differences.push(`run ${run} session ${k}: order`);
        if (r.classified !== want.classified) differences.push(`run ${run} session ${k}: classified`);
        awards.forEach((a, x) => {
          if (a.entry !== want.holders[x]) differences.push(`run ${run} session ${k}: ${a.award} ${a.scope}`);
        });
      });
    }
    expect(differences).toEqual([]);
    expect(retired).toBeGreaterThan(1000);
    // 8 awards a session, overall and per class, 4 sessions a remainder.
    expect(awardsDrawn).toBe(2000 * 32);
    // Both drew the same count of numbers.
    expect(randomSampler.next()).toBe(randomReference.next());
  });

  it('places the wanted cars by the finishing order when keys tie (ties go in entry order)', async () => {
    const { compiled, model } = await reference(12);
    const sampler = new RemainderSampler(compiled, model);
    const kernel = new SeasonScorer(compiled);
    const wanted = kernel.wantedEntries(sampler.remainder)!;
    sampler.want(wanted);
    const places = kernel.places;
    // The draws all but never tie; here the keys are rounded down to whole numbers so that many do.
    const inside = sampler as unknown as {
      plans: readonly { classKeys: Float64Array }[];
      placeWanted(p: typeof places): void;
    };
    const random = seededRandom(9);
    const differences: string[] = [];
    let ties = 0;
    for (let run = 0; run < 300; run++) {
      sampler.samplePlaced(random, places);
      for (const plan of inside.plans)
        plan.classKeys.forEach((x, m) => (plan.classKeys[m] = Math.floor(x * 3)));
      inside.placeWanted(places);
      sampler.order();
      sampler.remainder.forEach((r, k) => {
        if (r.order.length === 0) return;
        const order = Array.from(r.order);
        const classified = r.classified!;
        for (const e of [...wanted.slot, ...wanted.rank]) {
          const s = order.indexOf(e);
          if (s < 0) continue;
          const cls = compiled.entries[e]!.classId;
          const inClass = 1 + order.slice(0, s).filter((x) => compiled.entries[x]!.classId === cls).length;
          const slotOk = wanted.slot.includes(e)
            ? places.slot[k]![e] === s
            : places.slot[k]![e]! < classified === s < classified;
          if (!slotOk || (s < classified && places.rank[k]![e] !== inClass))
            differences.push(`run ${run} session ${k} entry ${e}`);
        }
      });
      for (const plan of inside.plans) {
        const keys = Array.from(plan.classKeys).filter((x) => x !== Infinity);
        ties += keys.length - new Set(keys).size;
      }
    }
    expect(differences).toEqual([]);
    expect(ties).toBeGreaterThan(1000);
  });

  it('scores the sampler’s remainder again by the same plan as scorePlaced does (scorePlacedAgain)', async () => {
    const { compiled, model } = await reference(12);
    const sampler = new RemainderSampler(compiled, model);
    const once = new SeasonScorer(compiled);
    const again = new SeasonScorer(compiled);
    const wanted = once.wantedEntries(sampler.remainder)!;
    again.wantedEntries(sampler.remainder);
    sampler.want(wanted);
    // Both scorers read the same places: the sampler writes them into once's arrays, copied.
    const random = seededRandom(11);
    const differences: string[] = [];
    let leaders = 0;
    expect(() => again.scorePlacedAgain()).toThrow(/scorePlaced first/);
    for (let run = 0; run < 1000; run++) {
      sampler.samplePlaced(random, once.places);
      once.places.slot.forEach((x, k) => again.places.slot[k]!.set(x));
      once.places.rank.forEach((x, k) => again.places.rank[k]!.set(x));
      once.scorePlaced(sampler.remainder);
      if (run === 0) again.scorePlaced(sampler.remainder);
      else again.scorePlacedAgain();
      compiled.championships.forEach((_, c) => {
        const leader = once.leaderOf(c);
        if (leader !== undefined && leader >= 0) leaders++;
        if (again.leaderOf(c) !== leader) differences.push(`run ${run} championship ${c}: leader`);
        const a = once.tableOf(c);
        const b = again.tableOf(c);
        if (!a !== !b || (a && b && a.totals.some((t, i) => a.candidate[i] && t !== b.totals[i])))
          differences.push(`run ${run} championship ${c}: totals`);
      });
    }
    expect(differences).toEqual([]);
    expect(leaders).toBeGreaterThan(4000);
    // Scoring another remainder in between changes the plan: scorePlaced must come first again.
    again.score(sampler.remainder);
    expect(() => again.scorePlacedAgain()).toThrow(/scorePlaced first/);
  });
});
