/**
 * Every completion of a small season, for checking the solver: in each remaining session any
 * ordered subset of the entered cars is classified and the others retire, and each award goes to
 * any car that took part or to none of them. Not part of the build.
 */
import { createScorer } from '../../compiled/scorer.js';
import type { CompiledChampionship, HypotheticalAward, HypotheticalResult } from '../../compiled/types.js';
import { positionOf } from '../title-fight.js';

/** The outcomes of one session: ordered classified prefixes, the rest retired, with every award holder. */
export function sessionOutcomes(champ: CompiledChampionship, k: number): HypotheticalResult[] {
  const cs = champ.sessions[k];
  if (!cs) return [{ order: [] }];
  const cars = champ.season.sessions[k]!.entered;
  const orders: { order: number[]; classified: number }[] = [];
  const build = (prefix: number[], left: number[]) => {
    orders.push({ order: [...prefix, ...left], classified: prefix.length });
    left.forEach((e, i) => build([...prefix, e], [...left.slice(0, i), ...left.slice(i + 1)]));
  };
  build([], [...cars]);
  const awardKinds = new Map<string, { award: HypotheticalAward['award']; scope: 'overall' | 'class' }>();
  for (const b of cs.bonuses) if (b.kind === 'award') awardKinds.set(`${b.award}:${b.scope}`, b);
  const outcomes: HypotheticalResult[] = [];
  for (const { order: o, classified } of orders) {
    let awardSets: HypotheticalAward[][] = [[]];
    for (const { award, scope } of awardKinds.values()) {
      const next: HypotheticalAward[][] = [];
      for (const set of awardSets) {
        const scopes = scope === 'overall' ? ['overall'] : [...new Set(o.map((e) => champ.entryClass[e]!))];
        let sets: HypotheticalAward[][] = [set];
        for (const sc of scopes) {
          const holders = o.filter((e) => sc === 'overall' || champ.entryClass[e] === sc);
          // The award goes to a car that took part, or to none of them.
          sets = sets.flatMap((s) => [s, ...holders.map((e) => [...s, { award, scope: sc, entry: e }])]);
        }
        next.push(...sets);
      }
      awardSets = next;
    }
    for (const awards of awardSets) outcomes.push({ order: o, classified, awards });
  }
  return outcomes;
}

/** How many completions there are. */
export function completionCount(champ: CompiledChampionship): number {
  return champ.season.sessions.reduce((n, _, k) => n * sessionOutcomes(champ, k).length, 1);
}

/** Best and worst final position of every competitor over every completion (undefined: never listed). */
export function bruteForce(champ: CompiledChampionship): {
  best: (number | undefined)[];
  worst: (number | undefined)[];
} {
  const scorer = createScorer(champ);
  const n = champ.competitors.length;
  const best: (number | undefined)[] = new Array<number | undefined>(n);
  const worst: (number | undefined)[] = new Array<number | undefined>(n);
  const perSession = champ.season.sessions.map((_, k) => sessionOutcomes(champ, k));
  const remainder: HypotheticalResult[] = perSession.map((o) => o[0]!);
  const visit = (k: number) => {
    if (k === perSession.length) {
      scorer.score(remainder);
      for (let i = 0; i < n; i++) {
        const p = positionOf(scorer, i);
        if (p === undefined) continue;
        if (best[i] === undefined || p < best[i]!) best[i] = p;
        if (worst[i] === undefined || p > worst[i]!) worst[i] = p;
      }
      return;
    }
    for (const o of perSession[k]!) {
      remainder[k] = o;
      visit(k + 1);
    }
  };
  visit(0);
  return { best, worst };
}
