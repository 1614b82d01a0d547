import { describe, expect, it } from 'vitest';
import { compileSeason } from '../compiled/compile-season.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import type { RaceSpec } from '../test-support/builders.js';
import { RemainderSampler, seasonOdds } from './odds.js';
import { seededRandom } from './random.js';
import { entryModel, fitResultsModel } from './results-model.js';
import type { ResultsModel } from './results-model.js';

const notRun = (n: number): RaceSpec[] => Array.from({ length: n }, () => ({ rows: [], notRun: true }));

describe('seeded random numbers', () => {
  it('repeat for a seed, differ between seeds, and look uniform', () => {
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 10_000 }, () => r.next());
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43).slice(0, 5)).not.toEqual(a.slice(0, 5));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    // Mean 1/2 and a tenth in each tenth, within a few standard errors.
    expect(Math.abs(a.reduce((s, x) => s + x, 0) / a.length - 0.5)).toBeLessThan(0.01);
    const deciles = new Array<number>(10).fill(0);
    for (const x of a) deciles[Math.floor(x * 10)]! += 1;
    for (const d of deciles) expect(Math.abs(d - 1000)).toBeLessThan(120);
  });
});

describe('results model', () => {
  it('ranks the driver who beat the other more often higher, and gives a newcomer the class mean', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'rookie' }],
      races: [
        { rows: ['a', 'b', 'c'] },
        { rows: ['a', 'c', 'b'] },
        { rows: ['b', 'a', 'c'] },
        { rows: ['a', 'b', { entry: 'c', status: 'DNF' }] },
      ],
    });
    const model = fitResultsModel(season, 4);
    const s = (id: string) => model.strength.get(id)!;
    expect(s('a')).toBeGreaterThan(s('b'));
    expect(s('b')).toBeGreaterThan(s('c'));
    // Geometric mean 1 over the drivers with results.
    expect(Math.abs(Math.log(s('a')) + Math.log(s('b')) + Math.log(s('c')))).toBeLessThan(1e-9);
    // The rookie: no results, so the class's geometric mean (1).
    const rookie = season.entries.find((e) => e.id === 'rookie')!;
    expect(entryModel(model, rookie).strength).toBeCloseTo(1, 9);
    // c retired once in 4 starts, a and b never: 1 of 12 starts overall. With two virtual starts at
    // that rate: c (1 + 2/12) / 6 = 7/36, a (0 + 2/12) / 6 = 1/36.
    expect(model.retire.get('c')).toBeCloseTo(7 / 36, 12);
    expect(model.retire.get('a')).toBeCloseTo(1 / 36, 12);
  });
});

describe('sampling remainders', () => {
  it('draws finishing orders with Plackett-Luce probabilities: first in proportion to strength', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, ...notRun(1)],
    });
    const compiled = compileSeason(season, buildRulebook(), { afterRace: 1 });
    if (!compiled.ok) throw new Error('compile');
    const model: ResultsModel = {
      strength: new Map([
        ['a', 6],
        ['b', 3],
        ['c', 1],
      ]),
      retire: new Map([
        ['a', 0],
        ['b', 0],
        ['c', 0.5],
      ]),
      fieldRetire: 0,
      classStrength: new Map(),
      races: 1,
    };
    const sampler = new RemainderSampler(compiled.value, model);
    const random = seededRandom(7);
    const index = compiled.value.entryIndex;
    const runs = 40_000;
    let aFirst = 0;
    let bAheadOfC = 0;
    let cRetired = 0;
    for (let i = 0; i < runs; i++) {
      sampler.sample(random);
      const r = sampler.remainder[0]!;
      const order = Array.from(r.order);
      const classified = r.classified ?? order.length;
      if (order[0] === index.get('a')) aFirst++;
      const pos = (id: string) => order.indexOf(index.get(id)!);
      if (pos('c') >= classified) cRetired++;
      else if (pos('b') < pos('c')) bAheadOfC++;
    }
    // a wins 6/9 of the races c retires from and 6/10 of the others: (6/9 + 6/10) / 2.
    const expectA = (6 / 9 + 6 / 10) / 2;
    const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(aFirst / runs - expectA)).toBeLessThan(tolerance(expectA, runs));
    expect(Math.abs(cRetired / runs - 0.5)).toBeLessThan(tolerance(0.5, runs));
    // When c finishes, b is ahead of c with probability 3 / (3 + 1) (PL's pairwise marginal).
    const finished = runs - cRetired;
    expect(Math.abs(bAheadOfC / finished - 0.75)).toBeLessThan(tolerance(0.75, finished));
  });
});

describe('title odds', () => {
  // 10-6-4-3-2-1. After 3 races a has 30, b 18, c 12; 2 races left (20 points at most).
  const season = buildSeason({
    entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    races: [{ rows: ['a', 'b', 'c'] }, { rows: ['a', 'b', 'c'] }, { rows: ['a', 'b', 'c'] }, ...notRun(2)],
  });
  const rulebook = buildRulebook();

  it('are reproducible for a seed and carry their simulation error', () => {
    const one = seasonOdds(season, rulebook, { runs: 2000, seed: 5 });
    const two = seasonOdds(season, rulebook, { runs: 2000, seed: 5 });
    if (!one.ok || !two.ok) throw new Error('odds');
    expect(two.value).toEqual(one.value);
    const odds = one.value.championships[0]!;
    const total = odds.competitors.reduce((s, c) => s + c.probability, 0);
    expect(total).toBeCloseTo(1, 12);
    for (const c of odds.competitors)
      expect(c.error).toBeCloseTo(Math.sqrt((c.probability * (1 - c.probability)) / 2000), 12);
  });

  it('tell "0.0% but possible" from impossible with the exact solver', () => {
    const odds = seasonOdds(season, rulebook, { runs: 500, seed: 1 });
    if (!odds.ok) throw new Error('odds');
    const byId = new Map(odds.value.championships[0]!.competitors.map((c) => [c.competitor.id, c]));
    // b (18) can still reach 38 > 30 by winning both while a scores nothing: possible. c (12) can
    // reach 32 > 30 too. a wins three races out of three in the model, so it is nearly certain.
    expect(byId.get('a')!.probability).toBeGreaterThan(0.9);
    expect(byId.get('b')!.possible).toBe(true);
    expect(byId.get('c')!.possible).toBe(true);
    // With one race left b (18 + 10 = 28) and c (22) cannot reach 30: only a is listed.
    const later = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, { rows: ['a', 'b', 'c'] }, { rows: ['a', 'b', 'c'] }, ...notRun(1)],
    });
    const one = seasonOdds(later, rulebook, { runs: 500, seed: 1 });
    if (!one.ok) throw new Error('odds');
    expect(one.value.championships[0]!.competitors.map((c) => [c.competitor.id, c.possible])).toEqual([
      ['a', true],
    ]);
  });

  it('refuse a bad number of runs', () => {
    const odds = seasonOdds(season, rulebook, { runs: 0 });
    expect(odds.ok ? [] : odds.issues.map((i) => i.code)).toEqual(['odds.runs']);
  });
});
