/**
 * Totals without explanations, and the tables after every race from one pass, against the full
 * engine: the same totals, order, shared positions and exclusions on generated seasons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings, computeTotals, computeTotalsAfterEachRace } from './compute-standings.js';
import { formatExact, fraction } from './fraction.js';
import type { Championship, DropRule, Rulebook } from './rulebook.js';
import type { Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { champArb, dropsArb, seasonArb } from './test-support/random-standings.js';
import type { ChampionshipTotals } from './totals.js';
import type { ChampionshipStandings } from './standings.js';

/** What a table says without explanations: rows and exclusions, points exact. */
const summary = (t: ChampionshipStandings | ChampionshipTotals) => ({
  afterRace: t.afterRace,
  final: t.final,
  rows: t.rows.map((r) => [r.position, r.shared, r.competitor.id, r.competitor.name, formatExact(r.points)]),
  excluded: t.excluded.map((e) => [e.competitor.id, formatExact(e.points), e.reason]),
});

const full = (season: Season, champ: Partial<Championship>, afterRace?: number) => {
  const result = computeStandings(season, buildRulebook(champ), afterRace === undefined ? {} : { afterRace });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.championships[0]!;
};

/**
 * Every after-race table of the one pass equals computeStandings' table after that race, and the
 * final totals equal the last of them.
 */
function expectEveryTableAsScored(season: Season, rulebook: Rulebook): void {
  const each = computeTotalsAfterEachRace(season, rulebook);
  if (!each.ok) throw new Error(JSON.stringify(each.issues));
  for (const tables of each.value) {
    const scored = computeStandings(season, rulebook, { afterRace: tables.afterRace });
    if (!scored.ok) throw new Error(JSON.stringify(scored.issues));
    expect(summary(tables.championships[0]!)).toEqual(summary(scored.value.championships[0]!));
  }
  const last = each.value.at(-1);
  if (last === undefined) return;
  const lean = computeTotals(season, rulebook);
  if (!lean.ok) throw new Error(JSON.stringify(lean.issues));
  expect(summary(lean.value.championships[0]!)).toEqual(summary(last.championships[0]!));
}

describe('totals without explanations', () => {
  it('give the same totals, order, shared positions and exclusions as computeStandings', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const lean = computeTotals(season, buildRulebook(champ));
        if (!lean.ok) throw new Error(JSON.stringify(lean.issues));
        expect(summary(lean.value.championships[0]!)).toEqual(summary(full(season, champ)));
      }),
      { numRuns: 300 },
    );
  });

  it('after a chosen race, give the same table as computeStandings after that race', () => {
    fc.assert(
      fc.property(seasonArb, champArb, fc.nat(), (season, champ, pick) => {
        const races = season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race]));
        const afterRace = races[pick % races.length]!;
        const lean = computeTotals(season, buildRulebook(champ), { afterRace });
        if (!lean.ok) throw new Error(JSON.stringify(lean.issues));
        expect(summary(lean.value.championships[0]!)).toEqual(summary(full(season, champ, afterRace)));
      }),
      { numRuns: 200 },
    );
  });

  it('after every race, from one pass, equal each table computed from scratch', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const result = computeTotalsAfterEachRace(season, buildRulebook(champ));
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const last = computeStandings(season, buildRulebook(champ));
        if (!last.ok) throw new Error(JSON.stringify(last.issues));
        const races = season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race]));
        expect(result.value.map((t) => t.afterRace)).toEqual(races.filter((r) => r <= last.value.afterRace));
        for (const tables of result.value)
          expect(summary(tables.championships[0]!)).toEqual(summary(full(season, champ, tables.afterRace)));
      }),
      { numRuns: 300 },
    );
  });

  it("without bonuses (a team's best car chosen from its rows alone), equal computeStandings after every race", () => {
    fc.assert(
      fc.property(seasonArb, champArb, fc.boolean(), (season, champ, bestCar) => {
        // Points follow a driver only in a drivers' table: a team's table leaves class changes out.
        const { classChanges, ...rest } = champ;
        const rules: Partial<Championship> = bestCar
          ? { ...rest, bonuses: [], competitor: 'team', teamScoring: { kind: 'best-cars', count: 1 } }
          : { ...rest, ...(classChanges ? { classChanges } : {}), bonuses: [] };
        expectEveryTableAsScored(season, buildRulebook(rules));
      }),
      { numRuns: 200 },
    );
  });

  it('judges who scored first as it stood after each race, not from later races', () => {
    // Race 1: g and h finish 7th and 8th, scoring nothing; race 2: g wins. After race 1 neither
    // has scored, so scored-first cannot separate them: they share 7th.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const season = buildSeason({
      entries: ids.map((id) => ({ id })),
      races: [{ rows: ids }, { rows: ['g', ...ids.filter((x) => x !== 'g')] }],
    });
    const result = computeTotalsAfterEachRace(
      season,
      buildRulebook({ listed: 'entered', tieBreaks: [{ kind: 'scored-first' }] }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const line = (i: number) =>
      result.value[i]!.championships[0]!.rows.map(
        (r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.id} ${formatExact(r.points)}`,
      );
    expect(line(0).slice(-2)).toEqual(['7= g 0', '7= h 0']);
    // After race 2: g 0 + 10 = 10, level with b (6 + 4 = 10); b scored first (race 1).
    expect(line(1).slice(1, 3)).toEqual(['2 b 10', '3 g 10']);
  });

  it('counts the best 3 results after each race as they stood then (worked by hand)', () => {
    // a: 1st, 2nd, 1st, 2nd (10, 6, 10, 6); b: the opposite. Best 3 results count.
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['b', 'a'] }, { rows: ['a', 'b'] }, { rows: ['b', 'a'] }],
    });
    const result = computeTotalsAfterEachRace(
      season,
      buildRulebook({ drops: [{ kind: 'best-results', count: 3 }] }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const tables = result.value.map((t) =>
      t.championships[0]!.rows.map(
        (r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.id} ${formatExact(r.points)}`,
      ),
    );
    expect(tables).toEqual([
      ['1 a 10', '2 b 6'],
      // Level on 16 with a win and a second each: countback cannot separate them.
      ['1= a 16', '1= b 16'],
      ['1 a 26', '2 b 22'],
      // a 10 + 10 + 6 (a 6 dropped), b 10 + 10 + 6 (a 6 dropped): level again, two wins each.
      ['1= a 26', '1= b 26'],
    ]);
  });
});

/**
 * Rules the integer-indexed booking (indexed-booking.ts) treats itself or hands back to the
 * general pipeline: points that are not whole (a third of a pole point, a half for a non-starter,
 * a factor of 3/2) so the unit grows, a scale changed for one race, shared cars scoring nothing,
 * the best 2 cars of a team, nominated cars, split seasons and dropped weeks.
 */
const unitArb = fc.record({
  nonStarters: fc.boolean(),
  override: fc.boolean(),
  basis: fc.constantFrom('overall' as const, 'class' as const),
  ineligible: fc.constantFrom('keep' as const, 'remove' as const),
  competitor: fc.constantFrom('driver' as const, 'team' as const, 'entry' as const),
  bonuses: fc.constantFrom(
    [{ kind: 'pole' as const, points: fraction(1, 3), scope: 'overall' as const }],
    [
      { kind: 'pole' as const, points: fraction(1), scope: 'overall' as const },
      { kind: 'fastest-lap' as const, points: fraction(1, 2), scope: 'overall' as const },
    ],
  ),
  multipliers: fc.constantFrom(
    [],
    [{ kind: 'factor' as const, factor: fraction(3, 2), sessions: ['r2'], includeBonuses: true }],
  ),
  drops: fc.constantFrom<DropRule[]>(
    [],
    [
      {
        kind: 'split-season',
        firstPartRaces: 'half',
        oddRace: 'first-part',
        firstPartBest: 2,
        secondPartBest: 1,
      },
    ],
    [{ kind: 'drop-weeks', count: 1 }],
    [{ kind: 'best-results', count: 2, includeBonuses: true }],
  ),
  sharedDrives: fc.constantFrom({ kind: 'none' as const }, { kind: 'divide' as const }),
  teamScoring: fc.constantFrom({ kind: 'best-cars' as const, count: 2 }, { kind: 'nominated' as const }),
  listed: fc.constantFrom('scored' as const, 'classified' as const, 'started' as const, 'entered' as const),
  tieBreaks: fc.constantFrom(
    [{ kind: 'countback' as const, places: 'all' as const }],
    [{ kind: 'scored-first' as const }],
  ),
});

describe('totals without explanations, with fractions and rules the indexed booking hands back', () => {
  const scales = { alt: [20, 12, 8, 6, 4, 2] };

  it('equal computeStandings after every race and in the final table', () => {
    fc.assert(
      fc.property(seasonArb, unitArb, (season, { nonStarters, override, ...rules }) => {
        // The second session scores on another scale (its race number may be anything).
        const second = season.sessions[1]?.id;
        const champ: Partial<Championship> = {
          ...rules,
          ...(nonStarters ? { nonStarters: { share: fraction(1, 2) } } : {}),
          ...(override && second ? { overrides: [{ sessions: [second], points: { race: 'alt' } }] } : {}),
        };
        expectEveryTableAsScored(season, buildRulebook(champ, scales));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The places the indexed booking counts itself (without rankRows's row objects) and the sessions it
 * hands to rankRows (a championship's `requires`): class and overall bases, removed and kept
 * ineligible cars, non-starters the series placed, results listed out of position order, a row
 * naming which of a car's drivers drove, laps against the leader's, conditions judged in some
 * session types only, and cars that fail them moving others up or keeping their place.
 */
const rankingArb = fc.record({
  season: seasonArb,
  /** Per race: reverse the listed rows (positions kept), so the ranking must sort them. */
  reversed: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
  laps: fc.array(fc.nat(10), { minLength: 72, maxLength: 72 }),
  ineligible: fc.constantFrom(undefined, 'b', 'c'),
  hDrove: fc.constantFrom(undefined, ['h'], ['h2']),
  rules: fc.record({
    basis: fc.constantFrom('overall' as const, 'class' as const),
    ineligible: fc.constantFrom('keep' as const, 'remove' as const),
    scope: fc.constantFrom({}, { classes: ['am'] }),
    competitor: fc.constantFrom('driver' as const, 'team' as const, 'entry' as const),
    nonStarters: fc.constantFrom(undefined, { share: fraction(1, 2) }),
    requires: fc.constantFrom(
      undefined,
      { minLapsShare: fraction(3, 4) },
      { classified: true, sessionTypes: ['sprint'] },
      { minLapsShare: fraction(1, 2), sessionTypes: ['race'] },
    ),
    unmet: fc.constantFrom('keep-place' as const, 'move-up' as const),
    drops: dropsArb,
    sharedDrives: fc.constantFrom({ kind: 'full' as const }, { kind: 'divide' as const }),
    teamScoring: fc.constantFrom({ kind: 'all-cars' as const }, { kind: 'best-cars' as const, count: 1 }),
    listed: fc.constantFrom('scored' as const, 'classified' as const, 'started' as const, 'entered' as const),
    bonuses: fc.constant([
      { kind: 'pole' as const, points: fraction(1), scope: 'overall' as const },
      { kind: 'fastest-lap' as const, points: fraction(1), scope: 'overall' as const, requires: { topN: 5 } },
    ]),
    tieBreaks: fc.constant([{ kind: 'countback' as const, places: 'all' as const }]),
  }),
});

describe('totals without explanations, ranked by the indexed booking itself or by rankRows', () => {
  it('equal computeStandings after every race and in the final table', () => {
    fc.assert(
      fc.property(rankingArb, ({ season: plain, reversed, laps, ineligible, hDrove, rules }) => {
        const season: Season = {
          ...plain,
          entries: plain.entries.map((e) => (e.id === ineligible ? { ...e, eligible: false } : e)),
          classifications: plain.classifications.map((c, i) => {
            // A non-starter the series placed after the classified cars.
            let next = c.rows.filter((r) => r.position !== undefined).length;
            const rows = c.rows.map((r, j) => ({
              ...r,
              laps: laps[(i * 8 + j) % laps.length]!,
              ...(r.status === 'DNS' ? { position: ++next } : {}),
              ...(r.entryId === 'h' && hDrove ? { driverIds: hDrove } : {}),
            }));
            return { ...c, rows: reversed[i] ? rows.reverse() : rows };
          }),
        };
        const { nonStarters, requires, ...rest } = rules;
        const champ: Partial<Championship> = {
          ...rest,
          ...(nonStarters ? { nonStarters } : {}),
          ...(requires ? { requires } : {}),
        };
        expectEveryTableAsScored(season, buildRulebook(champ));
      }),
      { numRuns: 200 },
    );
  });
});
