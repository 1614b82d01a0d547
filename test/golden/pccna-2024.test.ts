/**
 * Golden test of the reference season. Expected totals were worked out independently of Paddock:
 * a separate script read the seed article's Overall matrix (overall positions), the Results table
 * (overall poles and fastest laps) and the entry list (classes), applied the stated scale
 * (25-20-17-14-12-10-9-8-7-6-5-4-3-2-1, pole 2, fastest lap 1) and, for Pro-Am and Masters, ranked
 * each class's finishers and dropped the lowest two race results of races 1-14 (before the final
 * round) in the final standings. Every non-Pro Overall total below is also exactly the article's.
 */
import { describe, expect, it } from 'vitest';
import { computeStandings, formatExact } from '../../src/engine/index.js';
import type { ChampionshipStandings } from '../../src/engine/index.js';
import { loadSeason } from '../../src/formats/catalog.js';

const loaded = await loadSeason('2024-pccna');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const { season, rulebook } = loaded.value;

function table(championship: string, afterRace: number): ChampionshipStandings {
  const result = computeStandings(season, rulebook, { afterRace, championships: [championship] });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.championships[0]!;
}
const totals = (t: ChampionshipStandings) =>
  Object.fromEntries(t.rows.map((r) => [r.competitor.id, Number(formatExact(r.points))]));

describe('2024 Porsche Carrera Cup North America', () => {
  it('scores the Overall table after race 16 as the article prints it for every non-Pro driver', () => {
    const got = totals(table('overall', 16));
    // Published Overall totals of the Pro-Am and Masters drivers: equal to the computed ones.
    const published = {
      'efrin-castro': 24,
      'alan-metni': 23,
      'moisey-uretsky': 14,
      'marco-cirone': 14,
      'pedro-torres': 12,
      'james-sofronas': 9,
      'jordan-wallace': 7,
      'jeff-mosing': 3,
      'kenton-king': 2,
      'matt-halcome': 1,
      'richard-edge': 0,
      'chris-bellomo': 0,
      'roberto-tutino': 0,
      'mark-kvamme': 0,
      'scott-blind': 0,
      'peter-ludwig': 0,
      'john-goetz': 0,
      'jody-miller': 0,
      'kyle-washington': 0,
      'carlos-de-quesada': 0,
      'joel-johnson': 0,
      'tom-balames': 0,
      'ofir-levy': 0,
      'javier-ripoll-sanchez': 0,
      'todd-parriott': 0,
      'thomas-collingwood': 0,
      'andre-renha-fernandes': 0,
      'josh-conley': 0,
      'naveen-rao': 0,
      'peter-atwater': 0,
      'john-gilliland': 0,
    };
    for (const [id, points] of Object.entries(published)) expect(got[id], id).toBe(points);
  });

  it('scores the Pro drivers in the Overall table from their results, poles and fastest laps', () => {
    // Worked out independently; the article prints different totals for them (see reconcile).
    const expected = {
      'loek-hartog': 359,
      'ryan-yardley': 253,
      'alex-sedgwick': 245,
      'zachary-vanier': 225,
      'michael-cooper': 169,
      'dan-clarke': 161,
      'yves-baltas': 135,
      'jimmy-llibre': 124,
      'elias-de-la-torre-iv': 113,
      'michael-mccann': 108,
      'colin-kaminsky': 99,
      'sabre-cook': 68,
      'gustav-burton': 62,
      'jake-pedersen': 41,
      'madeline-stewart': 32,
      'angel-benitez': 27,
      'thomas-kiefer': 3,
      'michael-verhagen': 3,
    };
    const t = table('overall', 16);
    expect(totals(t)).toMatchObject(expected);
    // Hartog: 335 from positions, 8 poles (16) and 8 fastest laps (8).
    const hartog = t.rows.find((r) => r.competitor.id === 'loek-hartog')!;
    expect(hartog.position).toBe(1);
    expect(hartog.contributions.filter((c) => c.rule === 'bonus:pole')).toHaveLength(8);
    expect(hartog.contributions.filter((c) => c.rule === 'bonus:fastest-lap')).toHaveLength(8);
  });

  it('scores the Overall table after race 8 (everyone who had started by then)', () => {
    // Worked out independently from the matrix's first eight columns and races 1-8 of the Results table.
    expect(totals(table('overall', 8))).toEqual({
      'loek-hartog': 170,
      'alex-sedgwick': 116,
      'michael-cooper': 107,
      'ryan-yardley': 106,
      'zachary-vanier': 105,
      'yves-baltas': 88,
      'dan-clarke': 70,
      'gustav-burton': 62,
      'elias-de-la-torre-iv': 56,
      'michael-mccann': 56,
      'colin-kaminsky': 51,
      'jimmy-llibre': 44,
      'sabre-cook': 41,
      'angel-benitez': 27,
      'jake-pedersen': 22,
      'moisey-uretsky': 10,
      'efrin-castro': 7,
      'jordan-wallace': 5,
      'alan-metni': 4,
      'marco-cirone': 4,
      'pedro-torres': 4,
      'james-sofronas': 4,
      'madeline-stewart': 3,
      'michael-verhagen': 3,
      'kenton-king': 2,
      'matt-halcome': 1,
      'jeff-mosing': 0,
      'richard-edge': 0,
      'chris-bellomo': 0,
      'roberto-tutino': 0,
      'mark-kvamme': 0,
      'scott-blind': 0,
      'peter-ludwig': 0,
      'john-goetz': 0,
      'jody-miller': 0,
      'kyle-washington': 0,
      'carlos-de-quesada': 0,
      'tom-balames': 0,
      'ofir-levy': 0,
      'javier-ripoll-sanchez': 0,
      'todd-parriott': 0,
      'thomas-collingwood': 0,
      'andre-renha-fernandes': 0,
      'naveen-rao': 0,
    });
  });

  it('leaves the two drivers who never started out of the Overall table', () => {
    const ids = table('overall', 16).rows.map((r) => r.competitor.id);
    expect(ids).toHaveLength(49);
    expect(ids).not.toContain('david-tuaty');
    expect(ids).not.toContain('stanislav-minskiy');
  });

  it('scores Pro-Am by class position after race 8, before any drop', () => {
    expect(totals(table('pro-am', 8))).toEqual({
      'marco-cirone': 134,
      'moisey-uretsky': 124,
      'alan-metni': 107,
      'efrin-castro': 97,
      'jordan-wallace': 93,
      'kenton-king': 92,
      'james-sofronas': 78,
      'jeff-mosing': 77,
      'peter-ludwig': 75,
      'pedro-torres': 71,
      'roberto-tutino': 61,
      'thomas-collingwood': 30,
      'ofir-levy': 15,
      'andre-renha-fernandes': 12,
      'javier-ripoll-sanchez': 10,
    });
  });

  it('drops the lowest two Pro-Am results before the final round in the final standings', () => {
    const t = table('pro-am', 16);
    expect(t.final).toBe(true);
    expect(totals(t)).toEqual({
      'alan-metni': 245,
      'efrin-castro': 236,
      'marco-cirone': 230,
      'moisey-uretsky': 224,
      'jordan-wallace': 164,
      'pedro-torres': 162,
      'jeff-mosing': 156,
      'james-sofronas': 151,
      'kenton-king': 106,
      'peter-ludwig': 75,
      'javier-ripoll-sanchez': 62,
      'roberto-tutino': 61,
      'thomas-collingwood': 30,
      'ofir-levy': 15,
      'josh-conley': 14,
      'andre-renha-fernandes': 12,
    });
    // Metni: class P13 in race 1 (3 points) and P12 in race 4 (4 points) are his lowest before round 8.
    const metni = t.rows[0]!;
    expect(metni.competitor.id).toBe('alan-metni');
    expect(metni.contributions.filter((c) => !c.counted).map((c) => [c.race, formatExact(c.points)])).toEqual(
      [
        [1, '3'],
        [4, '4'],
      ],
    );
    // Wallace missed round 7 (races 13-14): those zero results are the ones dropped.
    const wallace = t.rows.find((r) => r.competitor.id === 'jordan-wallace')!;
    expect(
      wallace.contributions
        .filter((c) => !c.counted)
        .map((c) => c.race)
        .sort(),
    ).toEqual([13, 14]);
  });

  it('scores Masters after race 8 and settles the 16-point tie by countback', () => {
    const t = table('masters', 8);
    expect(totals(t)).toEqual({
      'matt-halcome': 163,
      'mark-kvamme': 125,
      'chris-bellomo': 109,
      'john-goetz': 98,
      'carlos-de-quesada': 97,
      'richard-edge': 73,
      'scott-blind': 70,
      'kyle-washington': 66,
      'tom-balames': 56,
      'jody-miller': 31,
      'todd-parriott': 16,
      'naveen-rao': 16,
    });
    // Parriott (class 9th and 7th) beats Rao (8th and 8th): one 7th place against none.
    const [p, r] = [t.rows[10]!, t.rows[11]!];
    expect([p.competitor.id, p.position, r.competitor.id, r.position]).toEqual([
      'todd-parriott',
      11,
      'naveen-rao',
      12,
    ]);
    expect(p.aboveNext?.rule).toBe('tie-break:countback');
  });

  it('drops the lowest two Masters results before the final round in the final standings', () => {
    expect(totals(table('masters', 16))).toEqual({
      'matt-halcome': 262,
      'chris-bellomo': 258,
      'scott-blind': 214,
      'richard-edge': 194,
      'john-goetz': 181,
      'mark-kvamme': 125,
      'kyle-washington': 115,
      'carlos-de-quesada': 97,
      'jody-miller': 93,
      'tom-balames': 89,
      'todd-parriott': 72,
      'joel-johnson': 20,
      'naveen-rao': 16,
      'john-gilliland': 13,
      'peter-atwater': 8,
    });
  });
});
