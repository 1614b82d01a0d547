import { describe, expect, it } from 'vitest';
import { fraction } from '../../fraction.js';
import { compileSeason } from '../../compiled/index.js';
import { buildRulebook, buildSeason } from '../../test-support/builders.js';
import { scoreTable, totalsOf } from '../../test-support/score.js';
import { bestCarsPerRound } from './best-cars-per-round.js';

// Team t runs cars x, y and z; team u runs car u. Scale 10-6-4-3-2-1.
// Round 1, two races: x 1st (10) and 4th (3) = 13; y 3rd and 3rd (4 + 4) = 8; z 4th (3) and
// 1st (10) = 13; u 2nd twice (12). Round 2, one race: y 1st (10), x 2nd (6), u 3rd (4), z retired.
const season = buildSeason({
  entries: [
    { id: 'x', team: 't' },
    { id: 'y', team: 't' },
    { id: 'z', team: 't' },
    { id: 'u', team: 'u' },
  ],
  races: [
    { event: 'one', rows: ['x', 'u', 'y', 'z'] },
    { event: 'one', rows: ['z', 'u', 'y', 'x'] },
    { event: 'two', rows: ['y', 'x', 'u', { entry: 'z', status: 'DNF' }] },
  ],
});
const rule = { kind: 'best-cars-per-round' as const, count: 2 };

describe('best-cars-per-round', () => {
  it("counts the team's best two cars over each round: x and z (13 each) then y and x (10 + 6)", () => {
    const table = scoreTable(season, buildRulebook({ competitor: 'team', teamScoring: rule }));
    // t: 26 + 16 = 42, where every car gives 10 + 3 + 4 + 4 + 3 + 10 + 10 + 6 = 50.
    expect(totalsOf(table)).toEqual({ t: '42', u: '16' });
    const t = table.rows.find((r) => r.competitor.id === 't')!;
    expect(t.contributions.filter((c) => !c.counted).map((c) => [c.race, c.entryId, c.reason])).toEqual([
      [1, 'y', "not among the team's best 2 car(s) over the round"],
      [2, 'y', "not among the team's best 2 car(s) over the round"],
      // z's retirement in round 2 (no points) is the third car there.
      [3, 'z', "not among the team's best 2 car(s) over the round"],
    ]);
    // The results matrix shows y's round 1 races without points.
    expect(t.cells.filter((c) => c.entryId === 'y').map((c) => c.points.num)).toEqual([0n, 0n, 10n]);
  });

  it('differs from the best two cars of each race (y counts in both races of round 1 there: 44)', () => {
    const perRace = scoreTable(
      season,
      buildRulebook({ competitor: 'team', teamScoring: { kind: 'best-cars', count: 2 } }),
    );
    // Race 1: x 10 + y 4; race 2: z 10 + y 4; race 3: y 10 + x 6.
    expect(totalsOf(perRace).t).toBe('44');
  });

  it('takes the round so far after its first race (standings after race 1: x 10 + y 4)', () => {
    const table = scoreTable(season, buildRulebook({ competitor: 'team', teamScoring: rule }), {
      afterRace: 1,
    });
    expect(totalsOf(table).t).toBe('14');
  });

  it('gives equal round totals to the car with the better best position', () => {
    const cars = [
      { entryId: 'a', points: fraction(7), nominated: false, position: 3 },
      { entryId: 'b', points: fraction(7), nominated: false, position: 2 },
    ];
    expect([...bestCarsPerRound.excludeInRound({ ...rule, count: 1 }, cars).keys()]).toEqual(['a']);
  });

  it('leaves drivers’ tables alone', () => {
    expect(totalsOf(scoreTable(season, buildRulebook({ teamScoring: rule }))).y).toBe('18');
  });

  it('is refused by the compiled fast path, so callers score it with the engine', () => {
    const compiled = compileSeason(season, buildRulebook({ competitor: 'team', teamScoring: rule }));
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.issues.map((i) => i.code)).toEqual(['fast-path.unsupported']);
  });

  it('rejects a count below 1 and describes itself', () => {
    expect(bestCarsPerRound.validate({ ...rule, count: 0 }, ['team_scoring']).map((i) => i.code)).toEqual([
      'rule.bad-count',
    ]);
    expect(bestCarsPerRound.describe(rule)).toBe(
      "only the team's best 2 cars score over each round (a car\u2019s points at every session of the event added up)",
    );
  });
});
