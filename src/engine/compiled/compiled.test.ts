import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../compute-standings.js';
import { formatExact, fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import { compileSeason } from './compile-season.js';
import { remainderOf, seasonWithRemainder } from './hypothetical-season.js';
import { createScorer } from './scorer.js';
import type { CompiledSeason, Remainder } from './types.js';
import {
  buildSpecSeason,
  championshipArb,
  remainderArb,
  rulebookOf,
  seasonSpecArb,
} from './test-support/random-season.js';
import type { Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';

const compiledOrFail = (season: Season, rulebook: Rulebook, afterRace?: number): CompiledSeason => {
  const c = compileSeason(season, rulebook, afterRace === undefined ? {} : { afterRace });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
};

/** The engine's table for the season with the remainder written in, as comparable lines. */
function engineLines(season: Season, rulebook: Rulebook, compiled: CompiledSeason, remainder: Remainder) {
  const hypothetical = seasonWithRemainder(season, compiled, remainder);
  const races = compiled.sessions.flatMap((s, k) => (remainder[k] && s.race !== undefined ? [s.race] : []));
  const afterRace = Math.max(compiled.afterRace, ...races);
  const result = computeStandings(hypothetical, rulebook, afterRace === 0 ? {} : { afterRace });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.championships.map((c) =>
    c.rows.map((r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.id} ${formatExact(r.points)}`),
  );
}

/** The fast path's table; with `before`, the scorer first scores that remainder (reused scratch state). */
function fastLines(compiled: CompiledSeason, remainder: Remainder, before?: Remainder) {
  return compiled.championships.map((c) => {
    const scorer = createScorer(c);
    if (before) scorer.score(before);
    scorer.score(remainder);
    return scorer
      .rows()
      .map((r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.id} ${formatExact(r.points)}`);
  });
}

describe('compiled championship (the fast path)', () => {
  it('gives computeStandings’ totals, order and shared positions for any remainder', () => {
    const caseArb = fc
      .tuple(seasonSpecArb, championshipArb)
      .map(([spec, champ]) => {
        const season = buildSpecSeason(spec);
        const rulebook = rulebookOf(champ);
        const held = season.sessions.filter((s) => season.classifications.some((c) => c.sessionId === s.id));
        const afterRace = Math.max(0, ...held.flatMap((s) => (s.race === undefined ? [] : [s.race])));
        return { season, rulebook, compiled: compiledOrFail(season, rulebook, afterRace) };
      })
      .chain((c) =>
        fc
          .tuple(remainderArb(c.compiled), remainderArb(c.compiled))
          .map(([remainder, before]) => ({ ...c, remainder, before })),
      );
    fc.assert(
      fc.property(caseArb, ({ season, rulebook, compiled, remainder, before }) => {
        const engine = engineLines(season, rulebook, compiled, remainder);
        expect(fastLines(compiled, remainder)).toEqual(engine);
        // A scorer reused after another remainder gives the same table.
        expect(fastLines(compiled, remainder, before)).toEqual(engine);
      }),
      { numRuns: 1500 },
    );
  });

  it('scores the races held so far when the remainder is empty', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['b', 'a'] }, { rows: [], notRun: true }],
    });
    const compiled = compiledOrFail(season, buildRulebook());
    expect(compiled.afterRace).toBe(2);
    expect(compiled.sessions.map((s) => s.id)).toEqual(['r3']);
    // 10 + 6 each; countback over all places cannot separate them.
    expect(fastLines(compiled, [])).toEqual([['1= a 16', '1= b 16']]);
  });

  it('applies drop rules for the final standings only once the last race is in the remainder', () => {
    // Best 2 of 3: a 10, 6 then (race 3) 10 → 20 with 6 dropped; b 6, 10, 6 → 16.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['b', 'a'] }, { rows: [], notRun: true }],
    });
    const rulebook = buildRulebook({ drops: [{ kind: 'best-results', count: 2, applies: 'final' }] });
    const compiled = compiledOrFail(season, rulebook);
    const a = compiled.entryIndex.get('a')!;
    const b = compiled.entryIndex.get('b')!;
    const scorer = createScorer(compiled.championships[0]!);
    scorer.score([{ order: [a, b] }]);
    expect(scorer.final).toBe(true);
    expect(scorer.rows().map((r) => `${r.competitor.id} ${formatExact(r.points)}`)).toEqual(['a 20', 'b 16']);
    scorer.score([]);
    expect(scorer.final).toBe(false);
    expect(scorer.rows().map((r) => `${r.competitor.id} ${formatExact(r.points)}`)).toEqual(['a 16', 'b 16']);
  });

  it('counts a session given after the latest race only when asked to (standings after a qualifying)', () => {
    // Race 1 held: a 10, b 6. Given: race 2 (a 10, b 6) and the qualifying after it (b 3, a 2).
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [
        { rows: ['a', 'b'] },
        { rows: [], notRun: true },
        { rows: [], notRun: true, type: 'qualifying' },
      ],
    });
    const rulebook = buildRulebook({ points: { race: 'main', qualifying: 'quali' } }, { quali: [3, 2] });
    const compiled = compiledOrFail(season, rulebook);
    const [a, b] = ['a', 'b'].map((id) => compiled.entryIndex.get(id)!);
    const scorer = createScorer(compiled.championships[0]!);
    const remainder = [{ order: [a!, b!] }, { order: [b!, a!] }];
    const lines = () => scorer.rows().map((r) => `${r.competitor.id} ${formatExact(r.points)}`);
    // The standings after race 2 leave the qualifying after it out, as the engine's do.
    scorer.score(remainder);
    expect([scorer.afterRace, ...lines()]).toEqual([2, 'a 20', 'b 12']);
    scorer.score(remainder, true);
    expect([scorer.afterRace, ...lines()]).toEqual([2, 'a 22', 'b 15']);
  });

  it('keeps exact fractions: a shared car divides its points', () => {
    const season = buildSeason({
      entries: [{ id: 'a', drivers: ['a', 'z'] }, { id: 'b' }, { id: 'c' }],
      races: [{ rows: ['b', 'c', 'a'] }, { rows: [], notRun: true }],
    });
    const rulebook = buildRulebook({ sharedDrives: { kind: 'divide' } }, { main: [9, 6, 3] });
    const compiled = compiledOrFail(season, rulebook);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => compiled.entryIndex.get(id)!);
    const scorer = createScorer(compiled.championships[0]!);
    // Race 1: b 9, c 6, a 3 (3/2 to each of a and z). Race 2: a wins (9/2 each), c 6, b 3.
    scorer.score([{ order: [a!, c!, b!] }]);
    expect(scorer.rows().map((r) => `${r.competitor.id} ${formatExact(r.points)}`)).toEqual([
      'b 12',
      'c 12',
      'a 6',
      'z 6',
    ]);
    expect(compiled.championships[0]!.toFraction(scorer.totals[scorer.leader()]!)).toEqual(fraction(12));
  });

  it('replays a season’s own results through the remainder to the engine’s final standings', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [
        { rows: ['a', 'b', 'c'], pole: ['b'] },
        { rows: ['c', 'a', 'b'], fastestLap: ['c'] },
        { rows: ['b', 'c', 'a'] },
      ],
    });
    const rulebook = buildRulebook({
      bonuses: [{ kind: 'pole', points: fraction(1), scope: 'overall' }],
    });
    const compiled = compiledOrFail(season, rulebook, 1);
    const remainder = remainderOf(season, compiled);
    expect(fastLines(compiled, remainder)).toEqual(engineLines(season, rulebook, compiled, remainder));
    // 10-6-4: a 10 + 6 + 4 = 20; b 6 + 1 (pole) + 4 + 10 = 21; c 4 + 10 + 6 = 20. a and c each
    // have a 1st, a 2nd and a 3rd: countback cannot separate them.
    expect(fastLines(compiled, remainder)).toEqual([['1 b 21', '2= a 20', '2= c 20']]);
  });

  it('agrees with the engine under conditions for position points judged in races', () => {
    // Held race: a 20 laps, b 14 (70%), c 13; b and c leave the order (move-up). The next race's
    // hypothetical classified cars ran the whole distance, so the conditions hold for them.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [
        {
          rows: [
            { entry: 'a', laps: 20 },
            { entry: 'b', laps: 14 },
            { entry: 'c', laps: 13 },
          ],
        },
        { rows: [], notRun: true, scheduledLaps: 20 },
      ],
    });
    const rulebook = buildRulebook({
      requires: { minLapsShare: fraction(3, 4), notDisconnected: true, sessionTypes: ['race'] },
      unmet: 'move-up',
    });
    const compiled = compiledOrFail(season, rulebook);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => compiled.entryIndex.get(id)!);
    for (const remainder of [[{ order: [c!, b!, a!] }], [{ order: [b!, c!, a!], classified: 2 }], []]) {
      expect(fastLines(compiled, remainder)).toEqual(engineLines(season, rulebook, compiled, remainder));
    }
    // Race 1: a 10, b and c nothing. Race 2 c, b, a: c 10, b 6, a 4 -> a 14, c 10, b 6.
    expect(fastLines(compiled, [{ order: [c!, b!, a!] }])).toEqual([['1 a 14', '2 c 10', '3 b 6']]);
  });

  it('reports a race that is not on the calendar', () => {
    const season = buildSeason({ entries: [{ id: 'a' }], races: [{ rows: ['a'] }] });
    const c = compileSeason(season, buildRulebook(), { afterRace: 7 });
    expect(c.ok ? [] : c.issues.map((i) => i.code)).toEqual(['race.unknown']);
  });
});
