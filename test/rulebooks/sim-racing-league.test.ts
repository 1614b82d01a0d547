/**
 * Golden test of the sim-racing-league template on a made-up four-week league
 * (test/fixtures/seasons/sim-league): qualifying and race points, the fastest-lap point with its
 * 75% minimum, overall and per class, and the worst week dropped whole. Figures by hand.
 */
import { describe, expect, it } from 'vitest';
import { lines, standingsOf } from './fixture.js';

describe('sim-racing-league template (a made-up four-week league)', () => {
  // Weekly points (qualifying 3-2-1, race 25-22-20-18, fastest lap 1 with 75% of the laps):
  //   Ana: W1 3+25 = 28, W2 2+22 = 24, W3 3+22+1 = 26, W4 absent 0   -> 78, drop W4: 78
  //   Ben: W1 2+20 = 22, W2 3+25 = 28, W3 1+18 = 19, W4 3+25+1 = 29  -> 98, drop W3: 79
  //   Cy:  W1 1+22 = 23, W2 0+0 = 0 (retired; his fastest lap came in only 10 of 20 laps, so no
  //        point), W3 2+25 = 27, W4 2+20 = 22 (3rd after a penalty)   -> 72, drop W2: 72
  //   Dee: W1 0+18+1 = 19 (fastest lap in 19 of 20 laps), W2 1+20 = 21, W3 0+20 = 20, W4 1+22 = 23
  //                                                                  -> 83, drop W1: 64
  it('scores qualifying, races and the fastest lap overall, dropping the worst week', async () => {
    const s = await standingsOf('sim-league');
    expect(s.table('overall')).toEqual(
      lines([
        [1, 'ben', 79],
        [2, 'ana', 78],
        [3, 'cy', 72],
        [4, 'dee', 64],
      ]),
    );
    expect(s.scored('overall', 'ben')).toBe('98');
  });

  // Gold (Ana and Ben, class positions; the gold fastest lap of week 3 is Ana's):
  //   Ana: 3+25 = 28, 2+22 = 24, 3+25+1 = 29, 0 -> drop W4: 81
  //   Ben: 2+22 = 24, 3+25 = 28, 2+22 = 24, 3+25 = 28 -> drop a 24: 80
  // Silver (Cy alone): 28, 3 (1st of his class in qualifying, retired), 28, 28 -> drop W2: 84.
  // Bronze (Dee alone, bronze fastest lap in week 1): 29, 28, 28, 28 -> drop a 28: 85.
  it('scores each class on its own positions, with the class fastest laps', async () => {
    const s = await standingsOf('sim-league');
    expect(s.table('gold')).toEqual(
      lines([
        [1, 'ana', 81],
        [2, 'ben', 80],
      ]),
    );
    expect(s.table('silver')).toEqual(lines([[1, 'cy', 84]]));
    expect(s.table('bronze')).toEqual(lines([[1, 'dee', 85]]));
  });
});
