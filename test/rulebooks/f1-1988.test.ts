/**
 * 1988: best 11 of 16 results for drivers (preset f1-1981-1990). Every points finisher of the 16
 * races is entered in test/fixtures/seasons/1988-formula-one (9-6-4-3-2-1).
 *
 * Worked by hand:
 * - Senna: 8 wins (San Marino, Canada, Detroit, Britain, Germany, Hungary, Belgium, Japan) = 72,
 *   3 seconds (Mexico, France, Australia) = 18, a 4th (Spain) = 3 and a 6th (Portugal) = 1:
 *   94 scored in 13 results; the best 11 are the wins and seconds: 90 counted.
 * - Prost: 7 wins = 63 and 7 seconds = 42: 105 scored in 14 results; best 11 = 7 wins and 4
 *   seconds = 87 counted.
 * - Nobody else scored in more than 11 races, so their totals are all they scored: Berger 41
 *   (6+2+6+4+3+4+3+9+1+3), Boutsen 27, Alboreto 24, Piquet 22, Capelli 17, Warwick 17, Mansell
 *   12, Nannini 12, Patrese 8, Cheever 6, Gugelmin 5, Palmer 5, de Cesaris 3, Nakajima 1, Martini 1.
 * - Ties (countback over the scoring places, then shared): Capelli has a 2nd (Portugal), Warwick
 *   none; Mansell two 2nds, Nannini none; Gugelmin a 4th (Britain), Palmer at best 5th; Nakajima
 *   (6th, Brazil) and Martini (6th, Detroit) cannot be separated and share 16th.
 * - Constructors, both cars, all results: McLaren 94+105 = 199, Ferrari 41+24 = 65, Benetton
 *   27+12 = 39, Lotus 22+1 = 23 and Arrows 17+6 = 23 (Lotus ahead: three 3rds to one), March
 *   17+5 = 22, Williams 12+8 = 20, Tyrrell 5, Rial 3, Minardi 1. These match the published table.
 */
import { describe, expect, it } from 'vitest';
import { lines, standingsOf } from './fixture.js';

describe('1988 Formula One (best 11 results of 16)', () => {
  it('counts Senna 90 of 94 and Prost 87 of 105, so Senna is champion', async () => {
    const s = await standingsOf('1988-formula-one');
    const [first, second] = s.table('drivers');
    expect(first).toEqual({ pos: '1', id: 'senna', points: '90' });
    expect(second).toEqual({ pos: '2', id: 'prost', points: '87' });
    expect(s.scored('drivers', 'senna')).toBe('94');
    expect(s.scored('drivers', 'prost')).toBe('105');
  });

  it("drops exactly Senna's 4th and 6th places and three of Prost's seconds", async () => {
    const s = await standingsOf('1988-formula-one');
    const dropped = (id: string) =>
      s
        .get('drivers')
        .rows.find((r) => r.competitor.id === id)!
        .contributions.filter((c) => !c.counted && c.points.num > 0n)
        .map((c) => Number(c.points.num))
        .sort();
    expect(dropped('senna')).toEqual([1, 3]);
    expect(dropped('prost')).toEqual([6, 6, 6]);
  });

  it("ranks the whole drivers' table, ties by countback over the scoring places", async () => {
    const s = await standingsOf('1988-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'senna', 90],
        [2, 'prost', 87],
        [3, 'berger', 41],
        [4, 'boutsen', 27],
        [5, 'alboreto', 24],
        [6, 'piquet', 22],
        [7, 'capelli', 17],
        [8, 'warwick', 17],
        [9, 'mansell', 12],
        [10, 'nannini', 12],
        [11, 'patrese', 8],
        [12, 'cheever', 6],
        [13, 'gugelmin', 5],
        [14, 'palmer', 5],
        [15, 'de-cesaris', 3],
        ['16=', 'martini', 1],
        ['16=', 'nakajima', 1],
      ]),
    );
  });

  it('scores constructors on every car with every result counting', async () => {
    const s = await standingsOf('1988-formula-one');
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'mclaren', 199],
        [2, 'ferrari', 65],
        [3, 'benetton', 39],
        [4, 'lotus', 23],
        [5, 'arrows', 23],
        [6, 'march', 22],
        [7, 'williams', 20],
        [8, 'tyrrell', 5],
        [9, 'rial', 3],
        [10, 'minardi', 1],
      ]),
    );
  });
});
