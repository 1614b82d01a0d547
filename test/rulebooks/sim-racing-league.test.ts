/**
 * Golden test of the sim-racing-league template on a made-up four-week league
 * (test/fixtures/seasons/sim-league): qualifying and race points, the fastest-lap point with its
 * 75% minimum, overall and per class, and the worst week dropped whole. Figures by hand.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { computeStandings, formatExact, sum } from '../../src/engine/index.js';
import { resolvePreset } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { FIXTURES, lines, standingsOf } from './fixture.js';

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

// One week (test/fixtures/seasons/sim-league-lap-share), scales race 25-22-20-18-16-15-14,
// qualifying 3-2-1. Race of 20 laps: Ana 20, Ben 20, Cy 19 but disconnected (3rd on the sheet), Dee
// 19, Fay 18 (silver leader), Eve 14 (70% of the winner's 20), Gus 14 (70% overall, 78% of Fay's 18).
// Qualifying: Eve, Ana, Ben, Cy, Dee, Fay, Gus; no laps there, and none are asked for.
describe('sim-racing-league template: conditions for race position points', () => {
  // Overall, move-up (the template): Cy and Eve and Gus leave the order; Dee 3rd 20, Fay 4th 18.
  //   Ana 2 + 25 + 1 (fastest lap) = 28; Ben 1 + 22 = 23; Dee 20; Fay 18; Eve 3 + 0 = 3 (her
  //   qualifying points stand); Cy 0; Gus 0.
  // Gold (class leader Ana 20): Eve 1st in qualifying 3, Ana 2, Ben 1; race Ana 25 + 1, Ben 22,
  //   Dee 3rd in class 20, Cy and Eve 0 -> Ana 28, Ben 23, Dee 20, Eve 3, Cy 0.
  // Silver (class leader Fay 18): qualifying Fay 3, Gus 2; race Fay 25 + 1, Gus 14/18 passes: 22
  //   -> Fay 29, Gus 24.
  it('gives no race points under 75% of the leader’s laps or after a disconnection; cars behind move up', async () => {
    const s = await standingsOf('sim-league-lap-share');
    const scored = (c: string, ids: string[]) => ids.map((id) => `${id} ${s.scored(c, id)}`);
    expect(scored('overall', ['ana', 'ben', 'dee', 'fay', 'eve', 'cy', 'gus'])).toEqual([
      'ana 28',
      'ben 23',
      'dee 20',
      'fay 18',
      'eve 3',
      'cy 0',
      'gus 0',
    ]);
    expect(scored('gold', ['ana', 'ben', 'dee', 'eve', 'cy'])).toEqual([
      'ana 28',
      'ben 23',
      'dee 20',
      'eve 3',
      'cy 0',
    ]);
    expect(scored('silver', ['fay', 'gus'])).toEqual(['fay 29', 'gus 24']);
    const eve = s.get('overall').rows.find((r) => r.competitor.id === 'eve')!;
    expect(eve.contributions.map((c) => c.description)).toContain(
      "no place: no points (completed less than 75% of the leader's laps)",
    );
  });

  // Keep-place (a league's override): Cy keeps 3rd and Eve 6th with nothing; Dee 4th 18, Fay 5th
  // 16 overall; Dee 4th in gold 18. Qualifying unchanged.
  it('lets the cars behind keep their places with unmet: keep-place', async () => {
    const loaded = await loadSeasonFolder(join(FIXTURES, 'sim-league-lap-share'), resolvePreset);
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    const rulebook = {
      ...loaded.value.rulebook,
      championships: loaded.value.rulebook.championships.map((c) => ({ ...c, unmet: 'keep-place' as const })),
    };
    const result = computeStandings(loaded.value.season, rulebook);
    if (!result.ok) expect.fail(JSON.stringify(result.issues));
    const scored = (c: string) =>
      Object.fromEntries(
        result.value.championships
          .find((k) => k.id === c)!
          .rows.map((r) => [
            r.competitor.id,
            formatExact(
              sum(
                r.contributions.filter((d) => d.kind === 'result' || d.kind === 'bonus').map((d) => d.points),
              ),
            ),
          ]),
      );
    expect(scored('overall')).toEqual({
      ana: '28',
      ben: '23',
      dee: '18',
      fay: '16',
      eve: '3',
      cy: '0',
      gus: '0',
    });
    expect(scored('gold')).toEqual({ ana: '28', ben: '23', dee: '18', eve: '3', cy: '0' });
  });
});
