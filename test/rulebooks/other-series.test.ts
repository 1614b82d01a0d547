/**
 * Golden tests of the NASCAR, IndyCar and sim-racing presets on small seasons under
 * test/fixtures/seasons/ (each season.yaml says where its results come from), worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { lines, standingsOf } from './fixture.js';

describe('1992 Hooters 500 (nascar-cup-1975-2003)', () => {
  // Elliott: 175 for the win + 5 for leading a lap = 180. Kulwicki: 170 for 2nd + 5 for leading a
  // lap + 5 for leading the most laps (103 to Elliott's 102) = 180. Equal on points, Elliott is
  // ahead on countback (a win). The most-laps-led bonus is the 5-point margin that, with the
  // 10 points he held over Elliott before the race, gave Kulwicki the title 4078 to 4068.
  it('gives the winner 180 and the runner-up who led the most laps 180 too', async () => {
    const s = await standingsOf('1992-nascar-cup');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'bill-elliott', 180],
        [2, 'alan-kulwicki', 180],
      ]),
    );
    const kulwicki = s.get('drivers').rows[1]!;
    expect(kulwicki.contributions.map((c) => [c.rule, Number(c.points.num)])).toEqual([
      ['scale:nascar-1975', 170],
      ['bonus:lap-led', 5],
      ['bonus:most-laps-led', 5],
    ]);
    expect(s.get('drivers').rows[0]!.aboveNext?.rule).toBe('tie-break:countback');
  });

  it("scores the owners' championship by car", async () => {
    const s = await standingsOf('1992-nascar-cup');
    expect(s.table('owners')).toEqual(
      lines([
        [1, '11-elliott', 180],
        [2, '7-kulwicki', 180],
      ]),
    );
  });
});

describe('stage era (nascar-cup-2017-2025, a made-up four-car race)', () => {
  // Stage 1: B, A, C, D score 10, 9, 8, 7. Stage 2: A, C, B, D score 10, 9, 8, 7. Race: C 40,
  // A 35, D 34, B 33. Drivers: C 8+9+40 = 57, A 9+10+35 = 54, B 10+8+33 = 51, D 7+7+34 = 48.
  // Playoff points: C 5 for the race win, B and A 1 each for a stage win; A ahead of B on
  // countback (two 2nd places to none), D has none and is not listed.
  it('adds stage points to race points', async () => {
    const s = await standingsOf('nascar-stage-example');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'c', 57],
        [2, 'a', 54],
        [3, 'b', 51],
        [4, 'd', 48],
      ]),
    );
  });

  it('keeps playoff points as a separate table', async () => {
    const s = await standingsOf('nascar-stage-example');
    expect(s.table('playoff-points')).toEqual(
      lines([
        [1, 'c', 5],
        [2, 'a', 1],
        [3, 'b', 1],
      ]),
    );
  });
});

describe('2015 Sonoma finale (indycar-2014-2023, double points)', () => {
  // Position points doubled, bonuses not: Dixon 2 × 50 + 1 (led a lap) + 2 (most laps led) = 103;
  // Montoya 2 × 28 (6th) = 56. Dixon gains 103 - 56 = 47, exactly the gap before the race (500 to
  // 453), so both end on 556 and Dixon's third win of the year makes him champion.
  it('doubles position points only: Dixon 103, Montoya 56, a swing of 47', async () => {
    const s = await standingsOf('2015-indycar');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'scott-dixon', 103],
        [2, 'juan-pablo-montoya', 56],
      ]),
    );
    const published = { montoya: 500, dixon: 453 };
    expect(published.dixon + 103).toBe(published.montoya + 56);
  });
});

describe('sim-racing-league template (a made-up four-week league)', () => {
  // Weekly points (qualifying 3-2-1, race 25-22-20-18, fastest lap 1 with 75% of the laps):
  //   Ana: W1 3+25 = 28, W2 2+22 = 24, W3 3+22+1 = 26, W4 absent 0   -> 78, drop W4 and W2: 54
  //   Ben: W1 2+20 = 22, W2 3+25 = 28, W3 1+18 = 19, W4 3+25+1 = 29  -> 98, drop W3 and W1: 57
  //   Cy:  W1 1+22 = 23, W2 0+0 = 0 (retired; his fastest lap came in only 10 of 20 laps, so no
  //        point), W3 2+25 = 27, W4 2+20 = 22 (3rd after a penalty)   -> 72, drop W2 and W4: 50
  //   Dee: W1 0+18+1 = 19 (fastest lap in 19 of 20 laps), W2 1+20 = 21, W3 0+20 = 20, W4 1+22 = 23
  //                                                                  -> 83, drop W1 and W3: 44
  it('scores qualifying, races and the fastest lap overall, dropping the two worst weeks', async () => {
    const s = await standingsOf('sim-league');
    expect(s.table('overall')).toEqual(
      lines([
        [1, 'ben', 57],
        [2, 'ana', 54],
        [3, 'cy', 50],
        [4, 'dee', 44],
      ]),
    );
    expect(s.scored('overall', 'ben')).toBe('98');
  });

  // Gold (Ana and Ben, class positions; the gold fastest lap of week 3 is Ana's):
  //   Ana: 3+25 = 28, 2+22 = 24, 3+25+1 = 29, 0 -> drop W4 and W2: 57
  //   Ben: 2+22 = 24, 3+25 = 28, 2+22 = 24, 3+25 = 28 -> drop W3 and W1: 56
  // Silver (Cy alone): 28, 3, 28, 28 -> drop W2 and one 28: 56.
  // Bronze (Dee alone, bronze fastest lap in week 1): 29, 28, 28, 28 -> drop two 28s: 57.
  it('scores each class on its own positions', async () => {
    const s = await standingsOf('sim-league');
    expect(s.table('gold')).toEqual(
      lines([
        [1, 'ana', 57],
        [2, 'ben', 56],
      ]),
    );
    expect(s.table('silver')).toEqual(lines([[1, 'cy', 56]]));
    expect(s.table('bronze')).toEqual(lines([[1, 'dee', 57]]));
  });
});
