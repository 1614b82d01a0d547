import { describe, expect, it } from 'vitest';
import { computeStandings } from './compute-standings.js';
import { compileSeason } from './compiled/compile-season.js';
import { createScorer } from './compiled/scorer.js';
import { formatExact, fraction } from './fraction.js';
import { formatRaceTime, parseRaceTime, penaliseSeason } from './penalties.js';
import type { Adjustment, Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { scoreTable, totalsOf } from './test-support/score.js';

const entries = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
// a wins by 3.2 s from b, c is 6 s behind a, d is a lap down.
const timed = {
  rows: [
    { entry: 'a', laps: 20, time: '45:00.000' },
    { entry: 'b', laps: 20, time: '45:03.200' },
    { entry: 'c', laps: 20, time: '45:06.000' },
    { entry: 'd', laps: 19, time: '45:30.000' },
  ],
};
const seasonWith = (...adjustments: Adjustment[]) => buildSeason({ entries, races: [timed], adjustments });
const time = (entryId: string, seconds: number | bigint, den: number | bigint = 1): Adjustment => ({
  kind: 'time-penalty',
  sessionId: 'r1',
  entryId,
  seconds: fraction(seconds, den),
  reason: 'decision 7: track limits',
});
const places = (entryId: string, n: number): Adjustment => ({
  kind: 'places-penalty',
  sessionId: 'r1',
  entryId,
  places: n,
  reason: 'decision 8: causing a collision',
});
const dsq = (entryId: string): Adjustment => ({
  kind: 'disqualification',
  sessionId: 'r1',
  entryId,
  reason: 'decision 9: car under weight',
});
const official = (season: Season) =>
  penaliseSeason(season)
    .sessions.get('r1')!
    .classification.rows.map(
      (r) => `${r.position ?? '-'} ${r.entryId} ${r.status}${r.time ? ` ${r.time}` : ''}`,
    );

describe('penalties as season data', () => {
  it('adds a 5-second penalty to the race time, dropping the winner behind the car 3.2 s back only', () => {
    // a: 45:00.000 + 5 = 45:05.000, slower than b (45:03.200), faster than c (45:06.000).
    expect(official(seasonWith(time('a', 5)))).toEqual([
      '1 b classified 45:03.200',
      '2 a classified 45:05.000',
      '3 c classified 45:06.000',
      '4 d classified 45:30.000',
    ]);
    // The scale is 10, 6, 4, 3: b wins.
    expect(totalsOf(scoreTable(seasonWith(time('a', 5)), buildRulebook()))).toEqual({
      b: '10',
      a: '6',
      c: '4',
      d: '3',
    });
  });

  it('never moves a car behind one a lap down, however long the penalty', () => {
    // a + 60 s = 46:00.000 is slower than d's time, but d completed 19 laps to a's 20.
    expect(official(seasonWith(time('a', 60)))).toEqual([
      '1 b classified 45:03.200',
      '2 c classified 45:06.000',
      '3 a classified 46:00.000',
      '4 d classified 45:30.000',
    ]);
  });

  it('keeps the penalised car ahead on an equal time, and keeps exact decimals', () => {
    // a + 3.2 s = b's time exactly; 16/5 s is written 3.2.
    expect(official(seasonWith(time('a', 16, 5)))).toEqual([
      '1 a classified 45:03.200',
      '2 b classified 45:03.200',
      '3 c classified 45:06.000',
      '4 d classified 45:30.000',
    ]);
  });

  it('drops a car the given number of places, at most to last of the classified cars', () => {
    expect(official(seasonWith(places('a', 2))).map((r) => r.slice(0, 4))).toEqual([
      '1 b ',
      '2 c ',
      '3 a ',
      '4 d ',
    ]);
    expect(official(seasonWith(places('b', 10))).map((r) => r.slice(0, 4))).toEqual([
      '1 a ',
      '2 c ',
      '3 d ',
      '4 b ',
    ]);
  });

  it('disqualifies a car: no position, status DSQ, and the cars behind move up', () => {
    expect(official(seasonWith(dsq('a')))).toEqual([
      '1 b classified 45:03.200',
      '2 c classified 45:06.000',
      '3 d classified 45:30.000',
      '- a DSQ 45:00.000',
    ]);
    const table = scoreTable(seasonWith(dsq('a')), buildRulebook({ listed: 'entered' }));
    expect(totalsOf(table)).toEqual({ b: '10', c: '6', d: '4', a: '0' });
  });

  it("applies a session's penalties in the order written", () => {
    // 5 s first: b, a, c, d; then one place: b, c, a, d.
    expect(official(seasonWith(time('a', 5), places('a', 1))).map((r) => r.slice(0, 4))).toEqual([
      '1 b ',
      '2 c ',
      '3 a ',
      '4 d ',
    ]);
    // One place first: b, a, c, d; then 5 s (45:05.000) is still faster than c: unchanged.
    expect(official(seasonWith(places('a', 1), time('a', 5))).map((r) => r.slice(0, 4))).toEqual([
      '1 b ',
      '2 a ',
      '3 c ',
      '4 d ',
    ]);
  });

  it('records what each penalty did, by its place in adjustments.yaml', () => {
    const applied = penaliseSeason(seasonWith(time('a', 5), dsq('c'))).sessions.get('r1')!.applied;
    expect(applied.map((p) => [p.index, p.penalty.kind, p.before, p.after])).toEqual([
      [0, 'time-penalty', 1, 2],
      [1, 'disqualification', 3, undefined],
    ]);
  });

  it('does not mutate the season', () => {
    const season = seasonWith(time('a', 5), dsq('c'));
    const copy = structuredClone(season);
    penaliseSeason(season);
    computeStandings(season, buildRulebook());
    expect(season).toEqual(copy);
  });

  it('changes nothing in standings after earlier races', () => {
    const season = buildSeason({
      entries,
      races: [{ rows: ['a', 'b', 'c', 'd'] }, timed],
      adjustments: [{ ...(time('a', 5) as object), sessionId: 'r2' } as Adjustment],
    });
    expect(totalsOf(scoreTable(season, buildRulebook(), { afterRace: 1 }))).toEqual({
      a: '10',
      b: '6',
      c: '4',
      d: '3',
    });
    expect(totalsOf(scoreTable(season, buildRulebook()))).toMatchObject({ a: '16', b: '16' });
  });

  it('reports every penalty that cannot apply, with its place in the data', () => {
    const season = buildSeason({
      entries: [...entries, { id: 'e' }],
      races: [
        {
          rows: [
            { entry: 'a', laps: 20, time: '45:00.000' },
            { entry: 'b', laps: 20 },
            { entry: 'c', status: 'DNF', laps: 3 },
          ],
        },
        { rows: [], notRun: true },
      ],
      adjustments: [
        time('a', 5), // b has no time
        places('c', 1), // c retired
        dsq('e'), // e is not in the results
        { ...(dsq('a') as object), sessionId: 'r2' } as Adjustment, // no results yet
        { ...(dsq('a') as object), entryId: 'zz' } as Adjustment,
        places('a', 0),
      ],
    });
    const result = computeStandings(season, buildRulebook());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['entry.unknown', 'adjustments.4.entry'],
      ['penalty.bad-amount', 'adjustments.5.places'],
      ['penalty.no-times', 'adjustments.0'],
      ['penalty.not-classified', 'adjustments.1.entry'],
      ['penalty.not-in-results', 'adjustments.2.entry'],
      ['penalty.no-results', 'adjustments.3.session'],
    ]);
  });
});

describe('race times', () => {
  it('reads timing-sheet times exactly and writes them back', () => {
    expect(parseRaceTime('1:02:03.456')).toEqual(fraction(3723456, 1000));
    expect(parseRaceTime('63.4')).toEqual(fraction(634, 10));
    expect(parseRaceTime('+5.123')).toBeUndefined();
    expect(parseRaceTime('1 lap')).toBeUndefined();
    expect(formatRaceTime(fraction(3723456, 1000))).toBe('1:02:03.456');
    // 59:58.5 + 5 s crosses the hour.
    expect(formatRaceTime(fraction(35985 + 50, 10))).toBe('1:00:03.500');
    expect(formatRaceTime(fraction(634, 10))).toBe('1:03.400');
  });
});

describe('penalties on the fast path', () => {
  const season = buildSeason({
    entries,
    races: [timed, { rows: [], notRun: true }],
    adjustments: [time('a', 5)],
  });

  it('scores held sessions with their penalties, as the engine does', () => {
    const compiled = compileSeason(season, buildRulebook(), { afterRace: 1 });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const scorer = createScorer(compiled.value.championships[0]!);
    // Race 2: d, c, b, a (entry indices 3, 2, 1, 0): b 10 + 4 = 14, a 6 + 3 = 9, c 4 + 6, d 3 + 10.
    scorer.score([{ order: [3, 2, 1, 0] }]);
    expect(scorer.rows().map((r) => `${r.competitor.id} ${formatExact(r.points)}`)).toEqual([
      'b 14',
      'd 13',
      'c 10',
      'a 9',
    ]);
  });

  it('refuses a season with a penalty in a session it would score hypothetically', () => {
    const later = {
      ...season,
      adjustments: [{ ...(time('a', 5) as object), sessionId: 'r2' } as Adjustment],
    };
    const withResults = {
      ...later,
      classifications: [...later.classifications, { ...later.classifications[0]!, sessionId: 'r2' }],
    };
    const compiled = compileSeason(withResults, buildRulebook(), { afterRace: 1 });
    expect(!compiled.ok && compiled.issues.map((i) => i.code)).toEqual(['fast-path.unsupported']);
    expect(!compiled.ok && compiled.issues[0]!.message).toMatch(/penalties in sessions not yet scored/);
  });
});
