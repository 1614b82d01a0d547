/**
 * `paddock scenarios` on the reference season. Expectations worked by hand from the standings:
 * the overall championship gives at most 25 + 2 (pole) + 1 (fastest lap) = 28 points a race.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli.js';

describe('paddock scenarios', () => {
  it('after race 12: Hartog leads Sedgwick by 99 with 4 races (112 points) left; Yardley is out', async () => {
    // Hartog 282, Sedgwick 183 (max 183 + 112 = 295 > 282: alive), Yardley 166 (max 278 < 282).
    const { code, out } = await run('scenarios', '2024-pccna', '-c', 'overall', '--after', '12');
    expect(code).toBe(0);
    expect(out).toMatch(/1 {2}Loek Hartog +282 +394 +1 +2 {2}contender/);
    expect(out).toMatch(/2 {2}Alex Sedgwick +183 +295 +1 +\S+ {2}contender/);
    expect(out).toMatch(/3 {2}Ryan Yardley +166 +278 +2 +\S+ {2}eliminated/);
    // Race 13 settles it if Hartog's result leaves him above Sedgwick's best after it (Sedgwick
    // winning race 13 with pole and fastest lap, then the three races left: 183 + 28 + 84 = 295):
    // 4th gives 282 + 14 = 296. 5th (294) needs Sedgwick no higher than 2nd (183 + 20 + 3 + 84 =
    // 290), down to 8th (290: level, and Hartog's wins take the countback); 9th (289) to 11th
    // (287) need him no higher than 3rd (183 + 17 + 3 + 84 = 287).
    expect(out).toContain(
      'Loek Hartog is champion after race 13 with a finish in the top 4; or 5th to 8th with Alex Sedgwick no higher than 2nd; or 9th to 11th with Alex Sedgwick no higher than 3rd;',
    );
    expect(out).toContain('Alex Sedgwick cannot be champion after race 13.');
    // 295 - 282 = 13.
    expect(out).toContain('Magic number 13: Loek Hartog is champion once');
  });

  it('after race 13: Hartog (302) has clinched: Sedgwick can reach only 199 + 84 = 283', async () => {
    const { code, out } = await run('scenarios', '2024-pccna', '-c', 'overall', '--after', '13');
    expect(code).toBe(0);
    expect(out).toContain('Loek Hartog has clinched the title.');
    expect(out).toMatch(/1 {2}Loek Hartog +302 +386 +1 +1 {2}clinched/);
    expect(out).toMatch(/2 {2}Alex Sedgwick +199 +283 +2 +\S+ {2}eliminated/);
  });

  it('prints the scenarios as JSON with exact points', async () => {
    const { code, out } = await run('scenarios', '2024-pccna', '-c', 'overall', '--after', '12', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as {
      afterRace: number;
      championships: {
        id: string;
        remaining: number;
        table: { competitor: { id: string }; maxPoints: { exact: string }; status: string; best: number }[];
        magic: { points: { exact: string }; rival: { id: string } };
        nextRace: { competitor: { id: string }; text: string }[];
      }[];
    };
    expect(doc.afterRace).toBe(12);
    const overall = doc.championships[0]!;
    expect([overall.id, overall.remaining]).toEqual(['overall', 4]);
    expect(overall.table[0]).toMatchObject({
      competitor: { id: 'loek-hartog' },
      maxPoints: { exact: '394' },
      status: 'contender',
      best: 1,
    });
    expect(overall.magic).toMatchObject({ points: { exact: '13' }, rival: { id: 'alex-sedgwick' } });
    expect(overall.nextRace.map((n) => n.competitor.id)).toEqual(['loek-hartog', 'alex-sedgwick']);
  });

  it('says which races exist when asked for one that is not on the calendar', async () => {
    const { code, err } = await run('scenarios', '2024-pccna', '--after', '40');
    expect(code).toBe(1);
    expect(err).toContain('there is no race 40');
  });
});
