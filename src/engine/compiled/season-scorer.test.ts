import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fraction } from '../fraction.js';
import type { Championship, Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { compileSeason } from './compile-season.js';
import { createScorer } from './scorer.js';
import { kernelTakes, SeasonScorer } from './season-scorer.js';
import type { CompiledSeason, Remainder } from './types.js';
import {
  buildSpecSeason,
  championshipArb,
  remainderArb,
  rulebookOf,
  seasonSpecArb,
} from './test-support/random-season.js';

const compiledOrFail = (season: Season, rulebook: Rulebook, afterRace: number): CompiledSeason => {
  const c = compileSeason(season, rulebook, afterRace === 0 ? {} : { afterRace });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
};

/** What the kernel and the championship's Scorer say after the same remainder. */
function compare(compiled: CompiledSeason, kernel: SeasonScorer, remainder: Remainder) {
  kernel.score(remainder);
  return compiled.championships.map((champ, c) => {
    const scorer = createScorer(champ);
    scorer.score(remainder);
    const table = kernel.tableOf(c);
    const listed = (flags: Uint8Array) => Array.from(flags, (f, i) => (f ? i : -1)).filter((i) => i >= 0);
    const totals = (t: Float64Array, flags: Uint8Array) => listed(flags).map((i) => t[i]!);
    const leader = kernel.leaderOf(c);
    // The kernel keeps the candidates' totals only: compare those, and check every other competitor
    // the Scorer lists has fewer points than the most (so it could neither lead nor share the lead).
    const candidate = table?.candidate ?? new Uint8Array(scorer.n).fill(1);
    const scorerListed = Uint8Array.from(scorer.listed, (l, i) => (l && candidate[i] ? 1 : 0));
    const top = Math.max(...totals(scorer.totals, scorer.listed));
    const pruned = listed(Uint8Array.from(scorer.listed, (l, i) => (l && !candidate[i] ? 1 : 0)));
    return {
      takes: kernel.takes(c),
      decided: table !== undefined,
      leader,
      kernel: table && { listed: listed(table.listed), totals: totals(table.totals, table.listed) },
      scorer: { listed: listed(scorerListed), totals: totals(scorer.totals, scorerListed) },
      scorerTotals: totals(scorer.totals, scorer.listed),
      scorerLeader: scorer.leader(),
      pruned: pruned.length,
      prunedAtTop: pruned.filter((i) => scorer.totals[i]! >= top).length,
    };
  });
}

/**
 * What `scorePlaced` says, with the wanted cars placed by hand from each session's order (their
 * slot, and their rank in their class counted here), against `score` on the same remainder.
 */
function comparePlaced(compiled: CompiledSeason, remainder: Remainder) {
  const kernel = new SeasonScorer(compiled);
  const wanted = kernel.wantedEntries(remainder);
  if (wanted === undefined) return undefined;
  const { slot, rank } = kernel.places;
  remainder.forEach((r, k) => {
    if (r === undefined || k >= slot.length) return;
    for (const e of [...wanted.slot, ...wanted.rank]) {
      const s = Array.prototype.indexOf.call(r.order, e);
      slot[k]![e] = s;
      if (s < 0) continue;
      const cls = compiled.entries[e]!.classId;
      rank[k]![e] =
        1 +
        Array.from(r.order)
          .slice(0, s)
          .filter((x) => compiled.entries[x]!.classId === cls).length;
    }
  });
  kernel.scorePlaced(remainder);
  const reference = new SeasonScorer(compiled);
  reference.score(remainder);
  return compiled.championships.map((_, c) => {
    const table = (k: SeasonScorer) => {
      const t = k.tableOf(c);
      return (
        t &&
        Array.from(t.candidate, (x, i) => (x ? [i, t.listed[i], t.listed[i] ? t.totals[i] : 0] : [])).flat()
      );
    };
    return {
      placed: { leader: kernel.leaderOf(c), table: table(kernel) },
      scored: { leader: reference.leaderOf(c), table: table(reference) },
    };
  });
}

/** Championships within the kernel's rules (award bonuses, window drops, no best-cars team scoring). */
const kernelChampionshipArb = championshipArb.map((c): Championship => ({
  ...c,
  bonuses: c.bonuses.filter((b) => b.kind === 'pole' || b.kind === 'fastest-lap'),
  teamScoring: c.teamScoring.kind === 'best-cars' ? { kind: 'all-cars' } : c.teamScoring,
  drops: c.drops.filter((d) => d.kind !== 'drop-weeks' && d.kind !== 'drop-rounds').slice(0, 1),
  sharedDrives: { kind: 'full' },
}));

describe('season scorer (the odds kernel)', () => {
  it('gives the Scorer’s totals, listed competitors and sole leader for any remainder, several championships at once', () => {
    const seen = { taken: 0, drops: 0, classBasis: 0, awards: 0, undecided: 0, soleLeader: 0, pruned: 0 };
    const placed = { seasons: 0, drops: 0, classBasis: 0, awards: 0, soleLeader: 0 };
    const caseArb = fc
      .tuple(
        seasonSpecArb,
        fc.array(fc.oneof(championshipArb, kernelChampionshipArb), { minLength: 1, maxLength: 3 }),
      )
      .map(([spec, champs]) => {
        const season = buildSpecSeason(spec);
        const rulebook: Rulebook = {
          ...rulebookOf(champs[0]!),
          championships: champs.map((c, i): Championship => ({ ...c, id: `c${i}`, name: `C${i}` })),
        };
        const held = season.sessions.filter((s) => season.classifications.some((c) => c.sessionId === s.id));
        const afterRace = Math.max(0, ...held.flatMap((s) => (s.race === undefined ? [] : [s.race])));
        return { compiled: compiledOrFail(season, rulebook, afterRace) };
      })
      .chain((c) =>
        fc
          .tuple(remainderArb(c.compiled), remainderArb(c.compiled))
          .map(([remainder, before]) => ({ ...c, remainder, before })),
      );
    fc.assert(
      fc.property(caseArb, ({ compiled, remainder, before }) => {
        const kernel = new SeasonScorer(compiled);
        // Cars placed by the caller (the odds sampler's way): the same leaders and candidates' totals.
        const byPlaces = comparePlaced(compiled, remainder);
        if (byPlaces !== undefined) {
          placed.seasons++;
          for (const [c, r] of byPlaces.entries()) {
            expect(r.placed).toEqual(r.scored);
            const champ = compiled.championships[c]!;
            if (champ.dropRules.length) placed.drops++;
            if (champ.championship.basis === 'class') placed.classBasis++;
            if (champ.sessions.some((cs) => cs?.bonuses.length)) placed.awards++;
            if (r.placed.leader !== undefined) placed.soleLeader++;
          }
        }
        // Reused after another remainder: no state carries over.
        compare(compiled, kernel, before);
        for (const [c, r] of compare(compiled, kernel, remainder).entries()) {
          const champ = compiled.championships[c]!;
          expect(r.takes).toBe(kernelTakes(champ));
          if (!r.takes) {
            expect(r.leader).toBeUndefined();
            continue;
          }
          seen.taken++;
          if (champ.dropRules.length) seen.drops++;
          if (champ.championship.basis === 'class') seen.classBasis++;
          if (champ.sessions.some((cs) => cs?.bonuses.length)) seen.awards++;
          if (!r.decided) {
            seen.undecided++;
            expect(r.leader).toBeUndefined();
            continue;
          }
          expect(r.kernel).toEqual(r.scorer);
          expect(r.prunedAtTop).toBe(0);
          if (r.pruned > 0) seen.pruned++;
          // A sole leader is the Scorer's leader; undefined only when the leader shares the most points.
          if (r.leader !== undefined) {
            seen.soleLeader++;
            expect(r.leader).toBe(r.scorerLeader);
          } else {
            const top = Math.max(...r.scorerTotals);
            expect(r.scorerTotals.filter((t) => t === top).length).toBeGreaterThan(1);
          }
        }
      }),
      { numRuns: 1000 },
    );
    // The property reached every path of the kernel.
    for (const [path, count] of Object.entries(seen)) expect(count, path).toBeGreaterThan(20);
    for (const [path, count] of Object.entries(placed)) expect(count, `placed: ${path}`).toBeGreaterThan(20);
  });

  it('scores a class championship with a class pole and a drop rule, by hand', () => {
    // Two classes; the class championship scores pro only (10-6-4-3), pole 2 points in class,
    // the lowest result dropped over the season. Held: race 1 p1 1st, p2 2nd (a 10, b 6).
    const season = buildSeason({
      classes: ['pro', 'am'],
      entries: [
        { id: 'a', class: 'pro' },
        { id: 'x', class: 'am' },
        { id: 'b', class: 'pro' },
        { id: 'c', class: 'pro' },
      ],
      races: [{ rows: ['a', 'x', 'b', 'c'] }, { rows: [], notRun: true }, { rows: [], notRun: true }],
    });
    const champ: Championship = {
      ...rulebookOf(championBase()).championships[0]!,
      scope: { classes: ['pro'] },
      basis: 'class',
      ineligible: 'remove',
      bonuses: [{ kind: 'pole', points: fraction(2), scope: 'class' }],
      drops: [{ kind: 'drop-lowest', count: 1, window: 'all' }],
    };
    const compiled = compiledOrFail(season, { ...rulebookOf(champ), championships: [champ] }, 1);
    const e = (id: string) => compiled.entryIndex.get(id)!;
    const kernel = new SeasonScorer(compiled);
    expect(kernel.takes(0)).toBe(true);
    // Race 2: x (am) wins overall, then c, b, a: pro places c 1st (10), b 2nd (6), a 3rd (4); b has
    // the pro pole (+2). Race 3: b, x, a, c: b 10, a 6, c 4; an am pole held by a pro car is no pro
    // pole (nothing to a).
    kernel.score([
      { order: [e('x'), e('c'), e('b'), e('a')], awards: [{ award: 'pole', scope: 'pro', entry: e('b') }] },
      { order: [e('b'), e('x'), e('a'), e('c')], awards: [{ award: 'pole', scope: 'am', entry: e('a') }] },
    ]);
    // Before drops: a 10 + 4 + 6 = 20, b 6 + 8 + 10 = 24, c 4 + 10 + 4 = 18 (race 1: c 3rd in pro).
    // Each drops its lowest result: a 4 (16), b 6 (18; the pole counts with race 2's result: 8),
    // c 4 (14).
    const table = kernel.tableOf(0)!;
    const comps = compiled.championships[0]!.competitors.map((c) => c.id);
    const scale = compiled.championships[0]!.scale;
    const points = Object.fromEntries(comps.map((id, i) => [id, table.totals[i]! / scale]));
    expect(points).toMatchObject({ a: 16, b: 18, c: 14 });
    expect(comps[kernel.leaderOf(0)!]).toBe('b');
  });
  it('gives a bonus for a top-2 finish by overall position, by hand', () => {
    // 10-6-4-3; fastest lap 1 point for a finisher in the top 2 overall. Held: race 1 a, b, c.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, { rows: [], notRun: true }],
    });
    const champ: Championship = {
      ...championBase(),
      bonuses: [{ kind: 'fastest-lap', points: fraction(1), scope: 'overall', requires: { topN: 2 } }],
    };
    const compiled = compiledOrFail(season, { ...rulebookOf(champ), championships: [champ] }, 1);
    const e = (id: string) => compiled.entryIndex.get(id)!;
    const kernel = new SeasonScorer(compiled);
    const points = () => {
      const table = kernel.tableOf(0)!;
      const comps = compiled.championships[0]!.competitors;
      return Object.fromEntries(
        comps.map((c, i) => [c.id, table.totals[i]! / compiled.championships[0]!.scale]),
      );
    };
    // Race 2: c, b, a; b (2nd) has the fastest lap: a 10 + 4, b 6 + 6 + 1, c 4 + 10.
    kernel.score([
      {
        order: [e('c'), e('b'), e('a')],
        awards: [{ award: 'fastest-lap', scope: 'overall', entry: e('b') }],
      },
    ]);
    expect(points()).toEqual({ a: 14, b: 13, c: 14 });
    // Race 2: c, a, b; b (3rd) has it: no bonus. a 10 + 6, b 6 + 4, c 4 + 10.
    kernel.score([
      {
        order: [e('c'), e('a'), e('b')],
        awards: [{ award: 'fastest-lap', scope: 'overall', entry: e('b') }],
      },
    ]);
    expect(points()).toEqual({ a: 16, b: 10, c: 14 });
    expect(kernel.leaderOf(0)).toBe(compiled.championships[0]!.competitors.findIndex((c) => c.id === 'a'));
  });
  it('leaves a tied award to the Scorer whether or not the caller placed its holders, by hand', () => {
    // 10-6-4-3, fastest lap 1 point. Held: races 1 and 2, both a, b, c, d: a 20, b 12, c 8, d 6; c
    // (19 at best) and d (17) cannot lead. A fastest lap shared by c and d in race 3 is still a tie
    // the rule settles, left to the Scorer by `score`; `scorePlaced`, given only the candidates'
    // cars (a's and b's), must say the same (it once skipped the tie, the holders not placed).
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      races: [{ rows: ['a', 'b', 'c', 'd'] }, { rows: ['a', 'b', 'c', 'd'] }, { rows: [], notRun: true }],
    });
    const champ: Championship = {
      ...championBase(),
      bonuses: [{ kind: 'fastest-lap', points: fraction(1), scope: 'overall' }],
    };
    const compiled = compiledOrFail(season, { ...rulebookOf(champ), championships: [champ] }, 2);
    const e = (id: string) => compiled.entryIndex.get(id)!;
    const fastestLap = (id: string) => ({ award: 'fastest-lap' as const, scope: 'overall', entry: e(id) });
    const remainder: Remainder = [
      { order: [e('c'), e('d'), e('b'), e('a')], awards: [fastestLap('c'), fastestLap('d')] },
    ];
    const kernel = new SeasonScorer(compiled);
    expect(Array.from(kernel.wantedEntries(remainder)!.slot)).toEqual([e('a'), e('b')]);
    const [result] = comparePlaced(compiled, remainder)!;
    expect(result!.scored).toEqual({ leader: undefined, table: undefined });
    expect(result!.placed).toEqual(result!.scored);
  });
});

describe('season scorer: only the competitors that can still lead', () => {
  // 10-6-4-3. Held: races 1 and 2, both a, b, c: a 20, b 12, c 8; race 3 to run.
  const season = buildSeason({
    entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    races: [{ rows: ['a', 'b', 'c'] }, { rows: ['a', 'b', 'c'] }, { rows: [], notRun: true }],
  });
  const kept = (pole: number) => {
    const champ: Championship = {
      ...championBase(),
      bonuses: [{ kind: 'pole', points: fraction(pole), scope: 'overall' }],
    };
    const compiled = compiledOrFail(season, { ...rulebookOf(champ), championships: [champ] }, 2);
    const e = (id: string) => compiled.entryIndex.get(id)!;
    const kernel = new SeasonScorer(compiled);
    // Race 3: c, b, a, c on pole.
    kernel.score([
      { order: [e('c'), e('b'), e('a')], awards: [{ award: 'pole', scope: 'overall', entry: e('c') }] },
    ]);
    const table = kernel.tableOf(0)!;
    const comps = compiled.championships[0]!.competitors;
    return {
      kept: comps.filter((_, i) => table.candidate[i]).map((c) => c.id),
      leader: comps[kernel.leaderOf(0)!]?.id,
    };
  };

  it('leaves out a competitor whose best is below what the leader has without scoring, by hand', () => {
    // a has 20 whatever happens. Pole 1 point: c can reach 8 + 10 + 1 = 19 at best (left out),
    // b 12 + 10 + 1 = 23 (kept). Race 3 as drawn: a 20 + 4 = 24, b 12 + 6 = 18, c 8 + 10 + 1 = 19.
    expect(kept(1)).toEqual({ kept: ['a', 'b'], leader: 'a' });
  });

  it('keeps a competitor that could tie the leader, by hand', () => {
    // Pole 2 points: c can reach 8 + 10 + 2 = 20, a tie with a scoring nothing (a kept, c kept).
    expect(kept(2)).toEqual({ kept: ['a', 'b', 'c'], leader: 'a' });
  });
});

/** The builders' plain championship, of entries (the cars) rather than drivers. */
const championBase = (): Championship =>
  buildRulebook({ id: 'champ', name: 'Championship', competitor: 'entry' }).championships[0]!;
