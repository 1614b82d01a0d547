/**
 * Golden tests of the Formula One presets on small real seasons entered by hand under
 * test/fixtures/seasons/ (each folder's season.yaml says where its results come from). Every
 * expected figure below is worked out by hand from the regulations in the comments.
 */
import { describe, expect, it } from 'vitest';
import { formatExact } from '../../src/engine/index.js';
import { lines, standingsOf } from './fixture.js';

describe("1951 French Grand Prix (f1-1951: a shared car's points divided)", () => {
  // 8-6-4-3-2. The winning Alfa Romeo was shared by Fagioli and Fangio: 8 / 2 = 4 each, and
  // Fangio set the fastest lap in it, a point for him alone: 5. The 2nd-placed Ferrari was shared
  // by González and Ascari: 6 / 2 = 3 each. Villoresi 4, Parnell 3, Farina 2. Fangio's first car
  // (11th) scores nothing. Ties by countback over the scoring places: Fagioli's share of the win
  // puts him ahead of Villoresi (3rd); González and Ascari (a 2nd each) cannot be separated and
  // share 4th, ahead of Parnell (4th place).
  it("divides each shared car's points between its drivers", async () => {
    const s = await standingsOf('1951-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'fangio', 5],
        [2, 'fagioli', 4],
        [3, 'villoresi', 4],
        ['4=', 'ascari', 3],
        ['4=', 'gonzalez', 3],
        [6, 'parnell', 3],
        [7, 'farina', 2],
      ]),
    );
  });
});

describe('1954 British Grand Prix (f1-1954)', () => {
  // 8-6-4-3-2 for the first five, and the fastest-lap point split seven ways (all lapped in 1:50):
  // González 8 + 1/7 = 57/7, Hawthorn 6 + 1/7 = 43/7, Marimón 4 + 1/7 = 29/7, Fangio 3 + 1/7 =
  // 22/7, Trintignant 2, and Ascari, Behra and Moss (who retired) 1/7 each, sharing 6th place as
  // countback over the scoring places cannot separate them. Mieres (6th) scored nothing.
  it('shares the fastest-lap point exactly, 1/7 to each of the seven', async () => {
    const s = await standingsOf('1954-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'gonzalez', '57/7'],
        [2, 'hawthorn', '43/7'],
        [3, 'marimon', '29/7'],
        [4, 'fangio', '22/7'],
        [5, 'trintignant', 2],
        ['6=', 'ascari', '1/7'],
        ['6=', 'behra', '1/7'],
        ['6=', 'moss', '1/7'],
      ]),
    );
  });
});

describe('1958 (f1-1958: best 6 results, fastest-lap point, Indianapolis for drivers only)', () => {
  // Drivers, 8-6-4-3-2 + 1 for the fastest lap, best 6 results with the fastest-lap point in them:
  // Hawthorn: Argentina 4, Monaco 1 (fastest lap, retired), Netherlands 2, Belgium 6+1, France 8+1,
  // Britain 6+1, Portugal 6+1, Italy 6, Morocco 6 = 49 scored; best six 9+7+7+7+6+6 = 42.
  // Moss: Argentina 8, Netherlands 8+1, France 6, Germany 1 (fastest lap, retired), Portugal 8,
  // Morocco 8+1 = 41 in six results, all counted. Hawthorn is champion by one point.
  // The rest score in six races or fewer: Brooks 24, Salvadori 3+4+6+2 = 15, Collins 4+2+8 = 14
  // and Schell 2+6+2+2+2 = 14 (Collins ahead: a win), Trintignant 8+4 = 12 and Musso 6+6 = 12
  // (Trintignant: a win), Lewis-Evans 11, P. Hill 4+1+4 = 9 (two 3rds) then Behra 2+4+3 and von
  // Trips 4+3+2, 9 each with one 3rd, one 4th and one 5th: shared 11th; Bryan 8 (Indianapolis),
  // Fangio 3+1+3 = 7, Amick 6, Boyd 4, then Allison, Brabham, Bonnier and Bettenhausen 3 each with
  // one 4th: shared 17th; Rathmann 2. McLaren's F2 Cooper (5th in Germany) and the Gregory/Shelby
  // Maserati (4th at Monza) score nothing, and nobody inherits their places' points.
  it('makes Hawthorn champion with 42 of 49 points, one ahead of Moss', async () => {
    const s = await standingsOf('1958-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'hawthorn', 42],
        [2, 'moss', 41],
        [3, 'brooks', 24],
        [4, 'salvadori', 15],
        [5, 'collins', 14],
        [6, 'schell', 14],
        [7, 'trintignant', 12],
        [8, 'musso', 12],
        [9, 'lewis-evans', 11],
        [10, 'p-hill', 9],
        ['11=', 'behra', 9],
        ['11=', 'von-trips', 9],
        [13, 'bryan', 8],
        [14, 'fangio', 7],
        [15, 'amick', 6],
        [16, 'boyd', 4],
        ['17=', 'allison', 3],
        ['17=', 'brabham', 3],
        ['17=', 'bonnier', 3],
        ['17=', 'bettenhausen', 3],
        [21, 'rathmann', 2],
      ]),
    );
    expect(s.scored('drivers', 'hawthorn')).toBe('49');
  });

  // Manufacturers: best-placed car only, 8-6-4-3-2 without the fastest-lap point, the
  // Indianapolis 500 left out, best 6 of the 10 Grands Prix (the published table):
  // Vanwall 8+8+6+3+8+8+8+8 = 57 scored, best six 48; Ferrari 6+6+2+6+8+8+3+6+6+6 = 57, best six
  // 8+8+6+6+6+6 = 40; Cooper 8+8+3+4+6+2 = 31; BRM 2+6+2+2+3+3 = 18; Maserati 3+3 = 6; Lotus 3.
  it('scores the manufacturers on their best car, without Indianapolis', async () => {
    const s = await standingsOf('1958-formula-one');
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'vanwall', 48],
        [2, 'ferrari', 40],
        [3, 'cooper', 31],
        [4, 'brm', 18],
        [5, 'maserati', 6],
        [6, 'lotus', 3],
      ]),
    );
    // Dropped by the best-six rule (second cars' points are set aside by team scoring, not drops).
    const dropped = (team: string) =>
      s
        .get('constructors')
        .rows.find((r) => r.competitor.id === team)!
        .contributions.filter((c) => c.reason === 'outside the best 6 results' && c.points.num > 0n)
        .map((c) => Number(c.points.num))
        .sort((a, b) => a - b);
    expect(dropped('vanwall')).toEqual([3, 6]);
    expect(dropped('ferrari')).toEqual([2, 3, 6, 6]);
  });
});

describe('1976 (f1-1976: best 7 of the first 8 rounds plus best 7 of the last 8)', () => {
  // Lauda, rounds 1-8: 9 9 6 6 9 9 4 and a retirement in France: 52, all seven scores kept.
  // Rounds 9-16: Britain 9 (Hunt disqualified), Italy 3, USA 4: 16. Total 68.
  // Hunt, rounds 1-8: South Africa 6, Spain 9, Sweden 2, France 9 = 26; rounds 9-16: Germany 9,
  // Austria 3, Netherlands 9, Canada 9, USA 9, Japan 4 = 43. Total 69: champion by one point.
  it('makes Hunt champion by one point, 69 to 68', async () => {
    const s = await standingsOf('1976-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'hunt', 69],
        [2, 'lauda', 68],
      ]),
    );
  });

  it('applies the split after the first part too: after round 8 Lauda 52, Hunt 26', async () => {
    const s = await standingsOf('1976-formula-one', 8);
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'lauda', 52],
        [2, 'hunt', 26],
      ]),
    );
  });
});

describe('1979 (f1-1979: best 4 of the first 7 rounds plus best 4 of the last 8)', () => {
  // Scheckter, rounds 1-7: Brazil 1, South Africa 6, Long Beach 6, Spain 3, Belgium 9, Monaco 9:
  // best four 9+9+6+6 = 30 (Spain's 3 and Brazil's 1 dropped). Rounds 8-15: Britain 2, Germany 3,
  // Austria 3, Netherlands 6, Italy 9, Canada 3: best four 9+6+3+3 = 21. 51 of 60 scored.
  // Villeneuve, rounds 1-7: Brazil 2, South Africa 9, Long Beach 9 = 20, all kept. Rounds 8-15:
  // France 6, Austria 6, Italy 6, Canada 6, USA 9: best four 9+6+6+6 = 27. 47 of 53.
  // Ferrari, all results of both cars (from 1979): 60 + 53 = 113, the published figure.
  it('counts Scheckter 51 of 60 and Villeneuve 47 of 53', async () => {
    const s = await standingsOf('1979-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'scheckter', 51],
        [2, 'villeneuve', 47],
      ]),
    );
    expect(s.scored('drivers', 'scheckter')).toBe('60');
    expect(s.scored('drivers', 'villeneuve')).toBe('53');
  });

  it('counts every Ferrari result for the constructors: 113', async () => {
    const s = await standingsOf('1979-formula-one');
    expect(s.table('constructors')).toEqual(lines([[1, 'ferrari', 113]]));
  });
});

describe('1997 Japan and Europe (f1-1991-1997, Schumacher excluded in adjustments.yaml)', () => {
  // 10-6-4-3-2-1. Japan: M. Schumacher 10, Frentzen 6, Irvine 4, Häkkinen 3, Alesi 2, Herbert 1
  // (Villeneuve disqualified). Europe: Häkkinen 10, Coulthard 6, Villeneuve 4, Berger 3, Irvine 2,
  // Frentzen 1. Schumacher is excluded with his 10 points; nobody inherits his win, so Frentzen
  // keeps 6 for 2nd at Suzuka: Häkkinen 13, Frentzen 7, Coulthard 6 and Irvine 6 (Coulthard has a
  // 2nd, Irvine at best a 3rd), Villeneuve 4, Berger 3, Alesi 2, Herbert 1.
  // Constructors keep Schumacher's points: McLaren 3+10+6 = 19, Ferrari 10+4+2 = 16, Williams
  // 6+4+1 = 11, Benetton 2+3 = 5, Sauber 1.
  it("removes Schumacher from the drivers' table without moving anyone up", async () => {
    const s = await standingsOf('1997-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'hakkinen', 13],
        [2, 'frentzen', 7],
        [3, 'coulthard', 6],
        [4, 'irvine', 6],
        [5, 'villeneuve', 4],
        [6, 'berger', 3],
        [7, 'alesi', 2],
        [8, 'herbert', 1],
      ]),
    );
    const excluded = s.get('drivers').excluded;
    expect(excluded.map((e) => [e.competitor.id, formatExact(e.points)])).toEqual([['m-schumacher', '10']]);
  });

  it("keeps Schumacher's points for Ferrari in the constructors' table", async () => {
    const s = await standingsOf('1997-formula-one');
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'mclaren', 19],
        [2, 'ferrari', 16],
        [3, 'williams', 11],
        [4, 'benetton', 5],
        [5, 'sauber', 1],
      ]),
    );
  });
});

describe("1995 Brazil (f1-1991-1997, constructors' points withheld in adjustments.yaml)", () => {
  // 10-6-4-3-2-1: Schumacher 10, Coulthard 6, Berger 4, Häkkinen 3, Alesi 2, Blundell 1; the
  // drivers keep them. Constructors: Ferrari 4+2 = 6, McLaren 3+1 = 4, and Benetton and Williams
  // nothing for this race (their 10 and 6 are withheld), nobody moving up.
  it("keeps the drivers' points and withholds Benetton's and Williams's", async () => {
    const s = await standingsOf('1995-formula-one');
    expect(s.table('drivers').map((l) => [l.id, l.points])).toEqual([
      ['m-schumacher', '10'],
      ['coulthard', '6'],
      ['berger', '4'],
      ['hakkinen', '3'],
      ['alesi', '2'],
      ['blundell', '1'],
    ]);
    const constructors = s.table('constructors');
    expect(constructors.slice(0, 2)).toEqual(
      lines([
        [1, 'ferrari', 6],
        [2, 'mclaren', 4],
      ]),
    );
    // Listed by points scored (listed: scored), Benetton and Williams, whose only points were
    // withheld, are not in the table.
    expect(constructors.map((l) => l.id)).toEqual(['ferrari', 'mclaren']);
  });
});

describe("2007 Brazil (f1-2003-2009, McLaren excluded from the constructors' championship)", () => {
  // 10-8-6-5-4-3-2-1: Räikkönen 10, Massa 8, Alonso 6, Rosberg 5, Kubica 4, Heidfeld 3, Hamilton 2,
  // Trulli 1; the McLaren drivers keep theirs. Constructors: Ferrari 18, BMW Sauber 7, Williams 5,
  // Toyota 1; McLaren (6+2 = 8) is excluded and nobody inherits its places.
  it("excludes McLaren from the constructors' table only", async () => {
    const s = await standingsOf('2007-formula-one');
    expect(s.table('drivers').find((l) => l.id === 'hamilton')).toEqual({
      pos: '7',
      id: 'hamilton',
      points: '2',
    });
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'ferrari', 18],
        [2, 'bmw-sauber', 7],
        [3, 'williams', 5],
        [4, 'toyota', 1],
      ]),
    );
    expect(s.get('constructors').excluded.map((e) => [e.competitor.id, formatExact(e.points)])).toEqual([
      ['mclaren', '8'],
    ]);
  });
});

describe('2014 Brazil and Abu Dhabi (f1-2014: double points at the event tagged double-points)', () => {
  // Brazil 25-18-15-12-10-8-6-4-2-1: Rosberg, Hamilton, Massa, Button, Vettel, Alonso, Räikkönen,
  // Hülkenberg, Magnussen, Bottas. Abu Dhabi doubled, 50-36-30-24-20-16-12-8-4-2: Hamilton, Massa,
  // Bottas, Ricciardo, Button, Hülkenberg, Pérez, Vettel, Alonso, Räikkönen (Rosberg 14th, 0).
  // Hamilton 18+50 = 68, Massa 15+36 = 51, Button 12+20 = 32, Bottas 1+30 = 31, Rosberg 25,
  // Ricciardo 24, Hülkenberg 4+16 = 20, Vettel 10+8 = 18, Alonso 8+4 = 12 and Pérez 12 (Alonso
  // ahead on countback: a 6th place), Räikkönen 6+2 = 8, Magnussen 2.
  it("doubles the finale's points for drivers", async () => {
    const s = await standingsOf('2014-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'hamilton', 68],
        [2, 'massa', 51],
        [3, 'button', 32],
        [4, 'bottas', 31],
        [5, 'rosberg', 25],
        [6, 'ricciardo', 24],
        [7, 'hulkenberg', 20],
        [8, 'vettel', 18],
        [9, 'alonso', 12],
        [10, 'perez', 12],
        [11, 'raikkonen', 8],
        [12, 'magnussen', 2],
      ]),
    );
  });

  it('doubles them for constructors too', async () => {
    // Mercedes 25+18+50 = 93, Williams 15+1+36+30 = 82, Red Bull 10+24+8 = 42, McLaren
    // 12+2+20 = 34, Force India 4+16+12 = 32, Ferrari 8+6+4+2 = 20.
    const s = await standingsOf('2014-formula-one');
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'mercedes', 93],
        [2, 'williams', 82],
        [3, 'red-bull', 42],
        [4, 'mclaren', 34],
        [5, 'force-india', 32],
        [6, 'ferrari', 20],
      ]),
    );
  });
});

describe('2021 Britain and Belgium (f1-2021: sprint 3-2-1, half points below 75%)', () => {
  // Britain sprint: Verstappen 3, Hamilton 2, Bottas 1. Race: Hamilton 25 + 1 (fastest lap, in the
  // top ten), Leclerc 18, Bottas 15, Norris 12, Ricciardo 10, Sainz 8, Alonso 6, Stroll 4, Ocon 2,
  // Tsunoda 1. Belgium, 1 lap of 44 run, so half of 25-18-15-12-10-8-6-4-2-1: Verstappen 25/2,
  // Russell 9, Hamilton 15/2, Ricciardo 6, Vettel 5, Gasly 4, Ocon 3, Leclerc 2, Latifi 1, Sainz 1/2.
  // Hamilton 2+26+15/2 = 71/2; Leclerc 20; Bottas 16 and Ricciardo 16 (Bottas ahead on countback
  // over all places: his 3rd in the race); Verstappen 3+25/2 = 31/2; Norris 12; Russell 9; Sainz 17/2;
  // Alonso 6; Vettel 5 and Ocon 5 (Vettel's 5th beats Ocon's 7th); Gasly 4 and Stroll 4 (6th beats
  // 8th); Latifi 1 and Tsunoda 1 (9th beats 10th).
  it("scores the sprint, the fastest lap and Belgium's half points for drivers", async () => {
    const s = await standingsOf('2021-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'hamilton', '71/2'],
        [2, 'leclerc', 20],
        [3, 'bottas', 16],
        [4, 'ricciardo', 16],
        [5, 'verstappen', '31/2'],
        [6, 'norris', 12],
        [7, 'russell', 9],
        [8, 'sainz', '17/2'],
        [9, 'alonso', 6],
        [10, 'vettel', 5],
        [11, 'ocon', 5],
        [12, 'gasly', 4],
        [13, 'stroll', 4],
        [14, 'latifi', 1],
        [15, 'tsunoda', 1],
      ]),
    );
  });

  it('scores them for constructors', async () => {
    // Mercedes 2+1+26+15+15/2 = 103/2, Ferrari 18+8+2+1/2 = 57/2, McLaren 12+10+6 = 28, Red Bull
    // 3+25/2 = 31/2, Alpine 6+2+3 = 11, Williams 9+1 = 10, Aston Martin 4+5 = 9, AlphaTauri 1+4 = 5.
    const s = await standingsOf('2021-formula-one');
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'mercedes', '103/2'],
        [2, 'ferrari', '57/2'],
        [3, 'mclaren', 28],
        [4, 'red-bull', '31/2'],
        [5, 'alpine', 11],
        [6, 'williams', 10],
        [7, 'aston-martin', 9],
        [8, 'alphatauri', 5],
      ]),
    );
  });
});

describe('2022 Emilia Romagna (f1-2022-2024: sprint 8-7-6-5-4-3-2-1, fastest lap in the top ten)', () => {
  // Sprint: Verstappen 8, Leclerc 7, Pérez 6, Sainz 5, Norris 4, Ricciardo 3, Bottas 2, Magnussen 1.
  // Race: Verstappen 25 + 1 (fastest lap), Pérez 18, Norris 15, Russell 12, Bottas 10, Leclerc 8,
  // Tsunoda 6, Vettel 4, Magnussen 2, Stroll 1.
  // Verstappen 8+25+1 = 34, Pérez 24, Norris 19, Leclerc 15, Russell 12 and Bottas 12 (Russell's
  // 4th beats Bottas's 5th), Tsunoda 6, Sainz 5, Vettel 4, Magnussen 3 and Ricciardo 3 (countback
  // reads Grand Prix places only, not the sprint's: Magnussen's 9th beats Ricciardo's 18th), Stroll 1.
  it("scores the sprint and the race for drivers: Verstappen's 34-point maximum", async () => {
    const s = await standingsOf('2022-formula-one');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'verstappen', 34],
        [2, 'perez', 24],
        [3, 'norris', 19],
        [4, 'leclerc', 15],
        [5, 'russell', 12],
        [6, 'bottas', 12],
        [7, 'tsunoda', 6],
        [8, 'sainz', 5],
        [9, 'vettel', 4],
        [10, 'magnussen', 3],
        [11, 'ricciardo', 3],
        [12, 'stroll', 1],
      ]),
    );
  });

  it('scores them for constructors', async () => {
    // Red Bull 34+24 = 58, McLaren 19+3 = 22, Ferrari 15+5 = 20, Mercedes 12 and Alfa Romeo 12
    // (a 4th beats a 5th), AlphaTauri 6, Aston Martin 4+1 = 5, Haas 3.
    const s = await standingsOf('2022-formula-one');
    expect(s.table('constructors')).toEqual(
      lines([
        [1, 'red-bull', 58],
        [2, 'mclaren', 22],
        [3, 'ferrari', 20],
        [4, 'mercedes', 12],
        [5, 'alfa-romeo', 12],
        [6, 'alphatauri', 6],
        [7, 'aston-martin', 5],
        [8, 'haas', 3],
      ]),
    );
  });
});
