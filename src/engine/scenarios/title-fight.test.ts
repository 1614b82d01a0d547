import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../compute-standings.js';
import { compileSeason } from '../compiled/compile-season.js';
import { seasonWithRemainder } from '../compiled/hypothetical-season.js';
import type { CompiledSeason, Remainder } from '../compiled/types.js';
import { fraction } from '../fraction.js';
import type { Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import type { RaceSpec } from '../test-support/builders.js';
import {
  buildSpecSeason,
  championshipArb,
  entriesArb,
  resultArb,
  rulebookOf,
  sessionsArb,
} from '../compiled/test-support/random-season.js';
import type { SeasonSpec } from '../compiled/test-support/random-season.js';
import { analyseTitleFight } from './title-fight.js';
import type { Outlook } from './title-fight.js';
import { bruteForce, completionCount } from './test-support/brute-force.js';
import { smallCaseArb as smallCases } from './test-support/small-cases.js';

const compiled = (season: Season, rulebook: Rulebook, afterRace?: number): CompiledSeason => {
  const c = compileSeason(season, rulebook, afterRace === undefined ? {} : { afterRace });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
};

const byId = (outlooks: readonly Outlook[]) =>
  Object.fromEntries(outlooks.map((o) => [o.competitor.id, [o.status, o.best, o.worst]]));

const notRun = (n: number): RaceSpec[] => Array.from({ length: n }, () => ({ rows: [], notRun: true }));

describe('title fight', () => {
  it('puts a team’s nominated car ahead of its other car in the team’s best case', () => {
    // Teams' championship of nominated cars, 10-6-4-3. Team x has cars a (not nominated) and d
    // (nominated); team y has b (nominated). Race 1: b wins, y 10. Race 2 left: x reaches 10 only
    // with d winning (a winning gives x nothing and d 6), then shares first place with y (no
    // tie-breaks): its best is 1st, a contender; y cannot be passed (clinched, shared at worst).
    // (A fast-check counterexample: x's best was 2nd, its cars put in entry order, a first.)
    const season = buildSeason({
      entries: [
        { id: 'a', team: 'x', nominated: false },
        { id: 'd', team: 'x', nominated: true },
        { id: 'b', team: 'y', nominated: true },
      ],
      races: [{ rows: ['b'] }, ...notRun(1)],
    });
    const rulebook = buildRulebook(
      { competitor: 'team', teamScoring: { kind: 'nominated' }, tieBreaks: [] },
      { main: [10, 6, 4, 3] },
    );
    const fight = analyseTitleFight(compiled(season, rulebook).championships[0]!);
    expect(byId(fight.outlooks)).toEqual({ x: ['contender', 1, 2], y: ['clinched', 1, 1] });
  });

  it('does not let two rivals both win the same race', () => {
    // 10-6-4-3. After three races a has 30 and b, c, d 13 each; two races left. Each of b, c, d
    // needs 18 more to pass a, which only two wins give (10 + 6 = 16 is short): each can still
    // pass a alone, so a has not clinched, but only one of them can win both races, so a's worst
    // final position is 2nd, not the 4th that adding up each rival's maximum would say.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      races: [
        { rows: ['a', 'b', 'c', 'd'] },
        { rows: ['a', 'c', 'd', 'b'] },
        { rows: ['a', 'd', 'b', 'c'] },
        ...notRun(2),
      ],
    });
    const fight = analyseTitleFight(
      compiled(season, buildRulebook({}, { main: [10, 6, 4, 3] })).championships[0]!,
    );
    expect(byId(fight.outlooks)).toEqual({
      a: ['contender', 1, 2],
      b: ['contender', 1, 4],
      c: ['contender', 1, 4],
      d: ['contender', 1, 4],
    });
  });

  it('sees a forced drop eliminate a driver who naively looks alive', () => {
    // Best 2 results of 3 count. a: 10, 10 = 20. b: 6, 6, and one race left: winning it gives
    // 10 + 6 + 6, but only the best two count: 16 < 20. Adding up points says b can reach 22.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['a', 'b'] }, ...notRun(1)],
    });
    const rulebook = buildRulebook({ drops: [{ kind: 'best-results', count: 2 }] });
    const fight = analyseTitleFight(compiled(season, rulebook).championships[0]!);
    expect(byId(fight.outlooks)).toEqual({ a: ['clinched', 1, 1], b: ['eliminated', 2, 2] });
    expect(fight.champion).toBe(fight.outlooks[0]!.index);
  });

  it('counts bonuses a rival can take in the races left', () => {
    // 10-6-4-3-2-1 and 1 point for the fastest lap. a 10 + 10 = 20, b 6 + 6 = 12 + 1 (fastest lap in
    // race 2) = 13. One race left: b can reach 13 + 10 + 1 = 24 > 20 with the fastest lap, 23 without.
    // Two races left would be needed without bonuses? No: one is enough either way, so b is alive.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['a', 'b'], fastestLap: ['b'] }, ...notRun(1)],
    });
    const rulebook = buildRulebook({
      bonuses: [{ kind: 'fastest-lap', points: fraction(1), scope: 'overall' }],
    });
    const fight = analyseTitleFight(compiled(season, rulebook).championships[0]!);
    expect(byId(fight.outlooks)).toEqual({ a: ['contender', 1, 2], b: ['contender', 1, 2] });
    expect(fight.outlooks.map((o) => String(o.maxPoints.num))).toEqual(['31', '24']);
  });

  it('breaks an exact tie on points by countback: level on points is not enough', () => {
    // a 10 + 10 = 20 (two wins). b 6 + 6 = 12, one race left: a win gives b 22 and a retiring
    // leaves 20... so b can pass. With scale 10-2: b 2 + 2 = 4 + 10 = 14 < 20: eliminated.
    // Here scale 10-5: b 5 + 5 + 10 = 20 = a's 20, and a has two wins against one: a wins the tie.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['a', 'b'] }, ...notRun(1)],
    });
    const rulebook = buildRulebook({}, { main: [10, 5] });
    const fight = analyseTitleFight(compiled(season, rulebook).championships[0]!);
    expect(byId(fight.outlooks)).toEqual({ a: ['clinched', 1, 1], b: ['eliminated', 2, 2] });
  });

  it('calls the title won once the season is over', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['b', 'a'] }, { rows: ['a', 'b'] }],
    });
    const fight = analyseTitleFight(compiled(season, buildRulebook()).championships[0]!);
    // 16 each; countback: one win each, one 2nd each: shared first place.
    expect(byId(fight.outlooks)).toEqual({ a: ['champion', 1, 1], b: ['champion', 1, 1] });
  });
});

/** Small seasons the brute force can enumerate (test-support/small-cases.ts). */
const smallCaseArb = smallCases.map(({ season, rulebook, afterRace }) => ({
  season,
  rulebook,
  compiled: compiled(season, rulebook, afterRace),
}));

describe('title fight against brute force', () => {
  it('finds every best and worst final position that enumerating every completion finds', () => {
    let checked = 0;
    fc.assert(
      fc.property(smallCaseArb, ({ compiled: cs }) => {
        const champ = cs.championships[0]!;
        fc.pre(completionCount(champ) <= 60_000);
        checked++;
        const truth = bruteForce(champ);
        const fight = analyseTitleFight(champ, { budget: 1_000_000 });
        for (const o of fight.outlooks) {
          if (o.status === 'excluded') continue;
          expect([o.competitor.id, o.best, o.worst, o.worstExact]).toEqual([
            o.competitor.id,
            truth.best[o.index],
            truth.worst[o.index],
            true,
          ]);
        }
      }),
      { numRuns: 100 },
    );
    expect(checked).toBeGreaterThan(30);
    // About 2 s on a quiet machine; a run whose drawn seasons enumerate tens of thousands of
    // completions took over the default 30 s once at load 10 (eighth session).
  }, 120_000);
});

/** Larger seasons (up to 6 entries, 3 remaining sessions): the witnesses reach what the solver claims. */
describe('title fight witnesses', () => {
  it('reach each best and worst position under computeStandings', () => {
    const caseArb = fc
      .record({
        entries: entriesArb({ min: 3, max: 6 }),
        sessions: sessionsArb({ minLength: 3, maxLength: 4 }),
        results: fc.array(resultArb(['a', 'b', 'c', 'd', 'e', 'f']), { minLength: 6, maxLength: 6 }),
        champ: championshipArb,
      })
      .map(({ entries, sessions, results, champ }) => {
        const ids = entries.map((e) => e.id);
        const races = sessions.filter((s) => s.type === 'race').length;
        const heldRaces = Math.max(1, races - 3);
        let seen = 0;
        const nHeld = sessions.findIndex((s) => s.type === 'race' && ++seen === heldRaces) + 1;
        const spec: SeasonSpec = {
          entries,
          sessions,
          results: results.slice(0, nHeld).map((r) => {
            const order = r.order.filter((id) => ids.includes(id));
            const use = order.length ? order : [ids[0]!];
            return {
              order: use,
              classified: Math.max(1, use.length - r.dnf),
              pole: r.pole !== undefined && use.includes(r.pole) ? r.pole : undefined,
              fastest: r.fastest.filter((id) => use.includes(id)),
              classPole: undefined,
              led: r.led,
            };
          }),
          adjustments: [],
        };
        const season = buildSpecSeason(spec);
        const rulebook = rulebookOf(champ);
        return { season, rulebook, compiled: compiled(season, rulebook, heldRaces) };
      });
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ season, rulebook, compiled: cs }, orders) => {
        // Either search's witnesses: the one over orders with a large budget, or (none for it) the
        // one over multisets of places (aggregate-passes.ts).
        const fight = analyseTitleFight(cs.championships[0]!, {
          witnesses: true,
          budget: orders ? 20_000 : 0,
        });
        const positionIn = (remainder: Remainder, id: string) => {
          const s = seasonWithRemainder(season, cs, remainder);
          const result = computeStandings(s, rulebook, { afterRace: cs.lastRace });
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          return result.value.championships[0]!.rows.find((r) => r.competitor.id === id)?.position;
        };
        for (const o of fight.outlooks) {
          if (o.status === 'excluded' || !o.witness) continue;
          expect(positionIn(o.witness.best, o.competitor.id)).toBe(o.best);
          if (o.worst !== undefined && o.witness.worst)
            expect(positionIn(o.witness.worst, o.competitor.id)).toBe(o.worst);
        }
      }),
      { numRuns: 60 },
    );
  });
});
