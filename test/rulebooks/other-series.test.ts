/**
 * Golden tests of the NASCAR, IndyCar, BTCC and Formula E presets on real races entered
 * by hand under test/fixtures/seasons/ (each season.yaml names its sources and what is left out),
 * with the expected figures worked out by hand from the regulations and, where the sources publish
 * them, checked against the published points and title margins.
 */
import { describe, expect, it } from 'vitest';
import { formatExact } from '../../src/engine/index.js';
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

describe('2015 Sonoma finale (indycar-2014-2017, double points)', () => {
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

describe('2004 Daytona 500 (nascar-cup-2004-2006)', () => {
  // Earnhardt Jr. won and led 58 laps: 180 + 5 = 185. Stewart, 2nd, led the most (98): 170 + 5 + 5
  // = 180. With the 1975 scale (175 for the win) they would have tied on 180: the change of 2004.
  it('scores the winner 180, 5 more than before, ahead of a runner-up with both bonuses', async () => {
    const s = await standingsOf('2004-nascar-cup');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'dale-earnhardt-jr', 185],
        [2, 'tony-stewart', 180],
      ]),
    );
    expect(s.table('owners').map((l) => l.points)).toEqual(['185', '180']);
  });
});

describe('2010 Ford 400 (nascar-cup-2007-2010)', () => {
  // Edwards won and led the most laps: 185 + 5 + 5 = 195, the maximum. Johnson 2nd with a lap led:
  // 170 + 5 = 175. Hamlin 14th: 121. Hamlin came in 15 ahead of Johnson, who won the title by 39:
  // a swing of 54 = 175 - 121.
  it('pays 185 for the win and reproduces the published 39-point title margin', async () => {
    const s = await standingsOf('2010-nascar-cup');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'carl-edwards', 195],
        [2, 'jimmie-johnson', 175],
        [3, 'denny-hamlin', 121],
      ]),
    );
    const published = { hamlinLeadBefore: 15, johnsonTitleMargin: 39 };
    expect(175 - 121 - published.hamlinLeadBefore).toBe(published.johnsonTitleMargin);
  });
});

describe('2011 Daytona 500 (nascar-cup-2011-2015)', () => {
  // Bayne won but scored no Cup driver points and nobody moved up: Edwards 2nd 42 (not 46),
  // Gilliland 3rd 41, Labonte 4th 40 + 1 for leading = 41, Newman 22nd 22 + 1 + 1 (most laps led, 37)
  // = 24, Johnson 27th 17: the LA Times' figures.
  it('keeps the ineligible winner in 1st place, so 2nd scores 42, and gives 1 for leading and 1 for the most laps', async () => {
    const s = await standingsOf('2011-nascar-cup');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'carl-edwards', 42],
        [2, 'david-gilliland', 41],
        [3, 'bobby-labonte', 41],
        [4, 'ryan-newman', 24],
        [5, 'jimmie-johnson', 17],
      ]),
    );
    // Gilliland above Labonte on countback: a 3rd place to a 4th.
    expect(s.get('drivers').rows[1]!.aboveNext?.rule).toBe('tie-break:countback');
  });

  // Owner points are not limited to drivers who score driver points: the Wood Brothers' No. 21 scores
  // Bayne's win, 43 + 3 + 1 for leading a lap = 47 (Wikipedia, Sprint Cup Series, Owner's
  // Championship: "he earned 47 owner's points for Wood Brothers Racing"); the others as above.
  it('gives the ineligible winner’s car its owner points: 47 for the No. 21', async () => {
    const s = await standingsOf('2011-nascar-cup');
    expect(s.table('owners')).toEqual(
      lines([
        [1, '21-bayne', 47],
        [2, '99-edwards', 42],
        [3, '34-gilliland', 41],
        [4, '47-labonte', 41],
        [5, '39-newman', 24],
        [6, '48-johnson', 17],
      ]),
    );
  });
});

describe('2016 Daytona 500 (nascar-cup-2016)', () => {
  // 40 to 1 on 40-car fields with the 2011 bonuses: Hamlin won and led the most laps (95): 40 + 3 +
  // 1 + 1 = 45. Kyle Busch 3rd with laps led: 38 + 1 = 39. Kenseth led 40 laps and finished 14th:
  // 27 + 1 = 28. On the 2011 scale (46 for the win, 41 for 3rd) they would have scored 48, 42, 31.
  it('pays 43 for the win on the 40-car scale, plus the lap-led and most-laps-led points', async () => {
    const s = await standingsOf('2016-nascar-cup');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'denny-hamlin', 45],
        [2, 'kyle-busch', 39],
        [3, 'matt-kenseth', 28],
      ]),
    );
  });
});

describe('2017 Daytona 500 (nascar-cup-2017-2025, stage era)', () => {
  // Race 40-35-34 for Kurt Busch, Blaney and Allmendinger, no bonus for laps led; the stage winners
  // (Kyle Busch, Harvick) 10 each; playoff points 5 for the race win and 1 per stage win.
  it('scores the race 40-35-34 and the stage winners 10, with no lap-led bonus', async () => {
    const s = await standingsOf('2017-nascar-cup');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'kurt-busch', 40],
        [2, 'ryan-blaney', 35],
        [3, 'a-j-allmendinger', 34],
        ['4=', 'kevin-harvick', 10],
        ['4=', 'kyle-busch', 10],
      ]),
    );
  });

  it('keeps 5 playoff points for the race win and 1 for each stage win apart', async () => {
    const s = await standingsOf('2017-nascar-cup');
    expect(s.table('playoff-points')).toEqual(
      lines([
        [1, 'kurt-busch', 5],
        ['2=', 'kevin-harvick', 1],
        ['2=', 'kyle-busch', 1],
      ]),
    );
  });
});

describe('2008 Chicagoland finale (indycar-2008)', () => {
  // The first nineteen with the published points: 50 + 3 for the most laps led to Castroneves, no
  // point for leading a lap (Dixon led 14 and scored 40) and none for pole (Briscoe), 12 for 18th
  // and for 19th (the 2013 scale pays 11 for 19th). Dixon's 30-point lead became 17: 30 - 13.
  it('scores the published points, 3 for the most laps led, 12 down to 24th', async () => {
    const s = await standingsOf('2008-indycar');
    expect(s.table('drivers').map((l) => Number(l.points))).toEqual([
      53, 40, 35, 32, 30, 28, 26, 24, 22, 20, 19, 18, 17, 16, 15, 14, 13, 12, 12,
    ]);
    expect(s.table('drivers')[18]).toEqual({ pos: '19', id: 'graham-rahal', points: '12' });
    const published = { dixonLeadBefore: 30, dixonTitleMargin: 17 };
    expect(published.dixonLeadBefore - (53 - 40)).toBe(published.dixonTitleMargin);
  });
});

describe('2009 Homestead finale (indycar-2009)', () => {
  // The published points of the first seven: Franchitti 50 + 1 for pole = 51; Briscoe 40 + 2 for
  // the most laps led (103) = 42; Castroneves led 2 laps and scored 30 for 5th: no lap-led point.
  it('gives 1 for pole and 2 for the most laps led, nothing for leading a lap', async () => {
    const s = await standingsOf('2009-indycar');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'dario-franchitti', 51],
        [2, 'ryan-briscoe', 42],
        [3, 'scott-dixon', 35],
        [4, 'tony-kanaan', 32],
        [5, 'helio-castroneves', 30],
        [6, 'hideki-mutoh', 28],
        [7, 'mario-moraes', 26],
      ]),
    );
  });
});

describe('2012 Fontana finale (indycar-2010-2012)', () => {
  // Hunter-Reay 4th 32; Power 24th 12 (25th would have paid 10, the 2013 scale 6); Viso 25th 10.
  // Published: Power 453 before the race and 465 after, Hunter-Reay 436 and 468, champion by 3.
  it('pays 12 for 24th and 10 for 25th, the swing that left Power 3 points short', async () => {
    const s = await standingsOf('2012-indycar');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'ryan-hunter-reay', 32],
        [2, 'will-power', 12],
        [3, 'e-j-viso', 10],
      ]),
    );
    const published = { powerBefore: 453, powerAfter: 465, hunterReayBefore: 436, hunterReayAfter: 468 };
    expect(published.powerBefore + 12).toBe(published.powerAfter);
    expect(published.hunterReayBefore + 32).toBe(published.hunterReayAfter);
  });
});

describe('2013 Fontana finale (indycar-2013)', () => {
  // Dixon 5th 30, Castroneves 6th 28: Dixon's 25-point lead became the 27-point title margin.
  it('scores 5th and 6th 30 and 28, the published 25-to-27 change of the title margin', async () => {
    const s = await standingsOf('2013-indycar');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'scott-dixon', 30],
        [2, 'helio-castroneves', 28],
      ]),
    );
    expect(25 + 30 - 28).toBe(27);
  });
});

describe('2014 Indianapolis 500 and its qualifying (indycar-2014-2017)', () => {
  // Carpenter fastest on both days: 33 (first day) + 9 (Fast Nine) = 42, the published maximum, not
  // doubled. Hunter-Reay's win at the double-points Indianapolis 500: 2 x 50 = 100.
  it('pays 33 for the first qualifying day and 9 for the Fast Nine, and doubles the race', async () => {
    const s = await standingsOf('2014-indycar');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'ryan-hunter-reay', 100],
        [2, 'ed-carpenter', 42],
      ]),
    );
  });
});

describe('2019 Indianapolis 500 (indycar-2018-2021)', () => {
  // Pagenaud: pole, 9 qualifying points (top nine only); won, 2 x 50; led, 1; the most laps, 116, 2.
  it('gives the pole-sitter 9 qualifying points and doubles only the position points: 112', async () => {
    const s = await standingsOf('2019-indycar');
    expect(s.table('drivers')).toEqual(lines([[1, 'simon-pagenaud', 112]]));
    expect(s.get('drivers').rows[0]!.contributions.map((c) => [c.rule, formatExact(c.points)])).toEqual([
      ['scale:indycar-indy500-qualifying-2018', '9'],
      ['scale:indycar-2013', '100'],
      ['bonus:lap-led', '1'],
      ['bonus:most-laps-led', '2'],
    ]);
  });
});

describe('2022 Indianapolis 500 (indycar-2022)', () => {
  // The published points of the first nine (The Apex): e.g. Ericsson 100 + 1 (led) + 8 (5th in
  // qualifying) = 109, Palou 44 + 1 + 11 (2nd in qualifying) = 56. Dixon (worked by hand): 21st 2 x
  // 9 = 18, led 1, the most laps (95) 2, pole 12: 33.
  it('matches the published points: doubled places, single bonuses, 12-to-1 qualifying points', async () => {
    const s = await standingsOf('2022-indycar');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'marcus-ericsson', 109],
        [2, 'pato-oward', 87],
        [3, 'tony-kanaan', 78],
        [4, 'felix-rosenqvist', 69],
        [5, 'alexander-rossi', 60],
        [6, 'conor-daly', 57],
        [7, 'alex-palou', 56],
        [8, 'helio-castroneves', 52],
        [9, 'simon-pagenaud', 48],
        [10, 'scott-dixon', 33],
      ]),
    );
  });
});

describe('2023 GMR Grand Prix and Indianapolis 500 (indycar-2023)', () => {
  // Position points only at the GMR Grand Prix (no laps led or pole entered): 50 ... 11 for 19th,
  // 6 for 24th, 5 from 25th. The Indianapolis 500 is no longer doubled: Newgarden 7th (26) + 50 = 76;
  // Palou 50 + 12 for the Indianapolis pole = 62.
  it('pays the graduated scale down the field and no double points at Indianapolis', async () => {
    const s = await standingsOf('2023-indycar');
    const table = s.table('drivers');
    expect(table.slice(0, 2)).toEqual(
      lines([
        [1, 'josef-newgarden', 76],
        [2, 'alex-palou', 62],
      ]),
    );
    expect(table.slice(-9).map((l) => [l.id, l.points])).toEqual([
      ['conor-daly', '11'],
      ['jack-harvey', '10'],
      ['agustin-canapino', '9'],
      ['helio-castroneves', '8'],
      ['santino-ferrucci', '7'],
      ['benjamin-pedersen', '6'],
      ['simon-pagenaud', '5'],
      ['david-malukas', '5'],
      ['sting-ray-robb', '5'],
    ]);
  });
});

describe('2004 BTCC finale, race 30 (btcc-2004-2011)', () => {
  // Muller won: 15 + 1 for leading = 16. Thompson 3rd with the fastest lap: 10 + 1 = 11. Thompson's
  // 6-point lead became the 1-point title. VX Racing scores both cars without bonuses: 25.
  it('scores 15-12-10 with a point for leading and one for the fastest lap: Thompson champion by one', async () => {
    const s = await standingsOf('2004-btcc');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'yvan-muller', 16],
        [2, 'james-thompson', 11],
      ]),
    );
    expect(6 + 11 - 16).toBe(1);
    expect(s.table('teams')).toEqual(lines([[1, 'vx-racing', 25]]));
  });
});

describe('2017 BTCC finale, race 30 (btcc-2012-2025)', () => {
  // Austin won from the reversed grid: 20 + 1 for leading = 21. Sutton 3rd: 15; Turkington retired:
  // 0. Sutton's 6-point lead became the published 21-point title margin. Austin, an independent,
  // scores 20 in the Independents' Trophy and for Handy Motorsport, without the bonus.
  it('scores the top fifteen 20-17-15, the title margin 6 + 15 = 21, and the trophies without bonuses', async () => {
    const s = await standingsOf('2017-btcc');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'rob-austin', 21],
        [2, 'ash-sutton', 15],
        [3, 'colin-turkington', 0],
      ]),
    );
    expect(6 + 15).toBe(21);
    expect(s.table('independents')).toEqual(lines([[1, 'rob-austin', 20]]));
    expect(s.table('independent-teams')).toEqual(lines([[1, 'handy-motorsport', 20]]));
    expect(s.table('teams').slice(0, 2)).toEqual(
      lines([
        [1, 'handy-motorsport', 20],
        [2, 'team-bmr', 15],
      ]),
    );
  });
});

describe('2014 Beijing ePrix (formula-e-s1)', () => {
  // 25-18-15 for di Grassi, Montagny, Bird; 1 for Abt's 10th; 3 for Prost's pole although he crashed
  // out; 2 for Sato's fastest lap, not a points finish.
  it('gives 3 for pole and 2 for the fastest lap whatever the finish', async () => {
    const s = await standingsOf('2014-15-formula-e');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'lucas-di-grassi', 25],
        [2, 'franck-montagny', 18],
        [3, 'sam-bird', 15],
        [4, 'nicolas-prost', 3],
        [5, 'takuma-sato', 2],
        [6, 'daniel-abt', 1],
      ]),
    );
    expect(s.table('teams')[0]).toEqual({ pos: '1', id: 'audi-sport-abt', points: '26' });
  });
});

describe('2016 London ePrix race 2 (formula-e-s2)', () => {
  // Buemi: pole 3 and the fastest lap 2 after retiring from the points: 5. Di Grassi: nothing.
  // Published: di Grassi 153, Buemi 150 before the race; Buemi champion 155 to 153.
  it('decides the title with the 2-point fastest lap of a car outside the points', async () => {
    const s = await standingsOf('2015-16-formula-e');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'nicolas-prost', 25],
        [2, 'daniel-abt', 18],
        [3, 'jerome-dambrosio', 15],
        [4, 'sebastien-buemi', 5],
        [5, 'lucas-di-grassi', 0],
      ]),
    );
    const published = { buemiBefore: 150, diGrassiBefore: 153, buemiFinal: 155, diGrassiFinal: 153 };
    expect(published.buemiBefore + 5).toBe(published.buemiFinal);
    expect(published.diGrassiBefore + 0).toBe(published.diGrassiFinal);
    expect(s.table('teams')[0]).toEqual({ pos: '1', id: 'renault-edams', points: '30' });
  });
});

describe('2016 Hong Kong ePrix (formula-e-s3)', () => {
  // Buemi 25, di Grassi 18, Heidfeld 15; Piquet's pole 3 after crashing out; Rosenqvist's fastest
  // lap 1 (not 2, and from outside the top ten, which season 4 no longer paid).
  it('pays the fastest lap 1 point, still whatever the finish', async () => {
    const s = await standingsOf('2016-17-formula-e');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'sebastien-buemi', 25],
        [2, 'lucas-di-grassi', 18],
        [3, 'nick-heidfeld', 15],
        [4, 'nelson-piquet-jr', 3],
        [5, 'felix-rosenqvist', 1],
      ]),
    );
    expect(s.table('teams')[2]).toEqual({ pos: '3', id: 'mahindra-racing', points: '16' });
  });
});

describe('2017 Hong Kong ePrix race 1 (formula-e-s4-s5)', () => {
  // Bird 25; Vergne 18 + 3 for pole = 21; Heidfeld 15. (The fastest-lap point is not entered.)
  it('scores the FIA top ten and 3 for pole', async () => {
    const s = await standingsOf('2017-18-formula-e');
    expect(s.table('drivers')).toEqual(
      lines([
        [1, 'sam-bird', 25],
        [2, 'jean-eric-vergne', 21],
        [3, 'nick-heidfeld', 15],
      ]),
    );
  });
});
