/**
 * The full tables made in bulk (bulk-standings.ts) against the general pipeline: the same tables
 * in every field, contributions in the same order with the same words, on generated seasons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings, computeStandingsGeneral } from './compute-standings.js';
import { scoreChampionshipBulk } from './bulk-standings.js';
import { fraction } from './fraction.js';
import type { Championship, DropRule } from './rulebook.js';
import type { Adjustment, Season } from './season.js';
import { indexSeason } from './season-index.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import type { RaceSpec, RowSpec } from './test-support/builders.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/**
 * A random season: 1-9 races (some in two-race events, some not run yet) of a random subset of 8
 * entries in 3 teams and 2 classes, with retirements, non-starters, poles (overall and by class),
 * fastest laps shared by two cars, a car shared by two drivers (sometimes naming who drove), a
 * nominated car, penalties that change a classification and, sometimes, a points deduction.
 */
const seasonArb = fc
  .record({
    races: fc.array(
      fc.record({
        order: fc.shuffledSubarray(ids, { minLength: 1 }),
        dnf: fc.nat(3),
        dns: fc.boolean(),
        pole: fc.constantFrom(...ids),
        classPole: fc.constantFrom(...ids),
        fastest: fc.subarray(ids, { minLength: 1, maxLength: 2 }),
        pairedWithNext: fc.boolean(),
        notRun: fc.boolean(),
        oneDriver: fc.boolean(),
      }),
      { minLength: 1, maxLength: 9 },
    ),
    penalty: fc.option(fc.constantFrom('places', 'dsq'), { nil: undefined }),
    deduction: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.constantFrom('a', 'b'), weight: 1 },
    ),
  })
  .map(({ races, penalty, deduction }): Season => {
    let event = 0;
    const specs = races.map((r, i): RaceSpec => {
      const eventKey = `ev${event}`;
      if (!(r.pairedWithNext && i % 2 === 0)) event++;
      const rows: RowSpec[] = r.order.map((entry, j) => {
        const retired = j >= r.order.length - Math.min(r.dnf, r.order.length - 1);
        const drivers = entry === 'h' && r.oneDriver ? { drivers: ['h2'] } : {};
        if (!retired) return { entry, ...drivers };
        return { entry, status: r.dns && j === r.order.length - 1 ? 'DNS' : 'DNF', ...drivers };
      });
      const classOf = (id: string) => (ids.indexOf(id) % 2 ? 'am' : 'pro');
      return {
        rows,
        pole: r.order.includes(r.pole) ? [r.pole] : [],
        classPole: r.order.includes(r.classPole) ? { [classOf(r.classPole)]: [r.classPole] } : {},
        fastestLap: r.fastest.filter((x) => r.order.includes(x)),
        event: eventKey,
        // Only the last races can be still to run.
        notRun: r.notRun && i >= races.length - 2 && i > 0,
      };
    });
    const season = buildSeason({
      entries: ids.map((id, i) => ({
        id,
        team: `t${i % 3}`,
        class: i % 2 ? 'am' : 'pro',
        ...(id === 'h' ? { drivers: ['h', 'h2'] } : {}),
        ...(id === 'd' ? { nominated: true } : {}),
      })),
      races: specs,
    });
    const first = season.classifications[0];
    const adjustments: Adjustment[] = [];
    const target = first?.rows.find((r) => r.position === 1)?.entryId;
    if (penalty && first && target)
      adjustments.push(
        penalty === 'places'
          ? { kind: 'places-penalty', sessionId: first.sessionId, entryId: target, places: 2, reason: 'test' }
          : { kind: 'disqualification', sessionId: first.sessionId, entryId: target, reason: 'test' },
      );
    if (deduction)
      adjustments.push({
        kind: 'points-deduction',
        driverId: deduction,
        points: fraction(3),
        reason: 'test',
      });
    return { ...season, adjustments };
  });

const dropsArb: fc.Arbitrary<DropRule[]> = fc.constantFrom<DropRule[]>(
  [],
  [{ kind: 'best-results', count: 3 }],
  [{ kind: 'best-results', count: 2, includeBonuses: true }],
  [{ kind: 'drop-lowest', count: 2, window: 'before-final-event' }],
  [{ kind: 'drop-lowest', count: 1, window: 'all', applies: 'final' }],
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
  [
    { kind: 'drop-lowest', count: 1, window: 'all' },
    { kind: 'best-results', count: 3 },
  ],
);

const champArb = fc.record({
  basis: fc.constantFrom('overall' as const, 'class' as const),
  ineligible: fc.constantFrom('keep' as const, 'remove' as const),
  scope: fc.constantFrom({}, { classes: ['am'] }),
  competitor: fc.constantFrom('driver' as const, 'team' as const, 'entry' as const),
  bonuses: fc.constantFrom(
    [
      { kind: 'pole' as const, points: fraction(2), scope: 'overall' as const },
      { kind: 'fastest-lap' as const, points: fraction(1), scope: 'overall' as const },
    ],
    [
      { kind: 'pole' as const, points: fraction(1), scope: 'class' as const },
      { kind: 'fastest-lap' as const, points: fraction(1, 2), scope: 'overall' as const },
    ],
  ),
  drops: dropsArb,
  sharedDrives: fc.constantFrom(
    { kind: 'full' as const },
    { kind: 'divide' as const },
    { kind: 'none' as const },
    { kind: 'divide' as const, bestShareOnly: true },
  ),
  teamScoring: fc.constantFrom(
    { kind: 'all-cars' as const },
    { kind: 'best-cars' as const, count: 1 },
    { kind: 'nominated' as const },
    { kind: 'best-cars-per-round' as const, count: 1 },
  ),
  nonStarters: fc.option(fc.constant({ share: fraction(1, 2) }), { nil: undefined }),
  classChanges: fc.constantFrom(undefined, 'follow-driver' as const),
  listed: fc.constantFrom('scored' as const, 'classified' as const, 'started' as const, 'entered' as const),
  tieBreaks: fc.constantFrom(
    [{ kind: 'countback' as const, places: 'all' as const }],
    [{ kind: 'countback' as const, places: 'scoring' as const, cars: 'all' as const }],
    [{ kind: 'scored-first' as const }],
    [{ kind: 'latest-result' as const }],
    [],
  ),
});

/** Everything a caller can read, as plain data: contributions through their toJSON (words included). */
const plain = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

describe('computeStandings made in bulk', () => {
  it('equals the general pipeline in every field, contributions in the same order', () => {
    fc.assert(
      fc.property(seasonArb, champArb, fc.nat(9), (season, rawChamp, race) => {
        const champ = Object.fromEntries(
          Object.entries(rawChamp).filter(([, v]) => v !== undefined),
        ) as Partial<Championship>;
        const rulebook = buildRulebook(champ);
        const races = [...new Set(season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race])))];
        const afterRace = races.length ? { afterRace: races[race % races.length]! } : {};
        for (const options of [{}, afterRace]) {
          const bulk = computeStandings(season, rulebook, options);
          const general = computeStandingsGeneral(season, rulebook, options);
          expect(bulk.ok).toBe(general.ok);
          if (!bulk.ok || !general.ok) continue;
          expect(plain(bulk.value)).toEqual(plain(general.value));
          // The descriptions as read from the objects (not only through toJSON).
          const words = (t: typeof bulk.value) =>
            t.championships.flatMap((c) => c.rows.flatMap((r) => r.contributions.map((d) => d.description)));
          expect(words(bulk.value)).toEqual(words(general.value));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('makes the common tables itself and hands the rules it does not cover back', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b', drivers: ['b', 'b2'] }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, { rows: ['b', 'c', 'a'] }, { rows: ['c', 'a', 'b'] }],
    });
    const index = indexSeason(season);
    const made = (champ: Partial<Championship>) =>
      scoreChampionshipBulk(index, buildRulebook(champ), buildRulebook(champ).championships[0]!, 3);
    const best2: Partial<Championship> = {
      drops: [{ kind: 'best-results', count: 2 }],
      sharedDrives: { kind: 'divide' },
    };
    const table = made(best2);
    expect(table).toBeDefined();
    // Scale 10, 6, 4: a 10 + 6 + 4 (4 dropped) = 16; b's drivers 6/2 + 10/2 + 4/2 (2 dropped) = 8.
    expect(table!.rows.map((r) => [r.competitor.id, r.points])).toEqual([
      ['a', fraction(16)],
      ['c', fraction(16)],
      ['b', fraction(8)],
      ['b2', fraction(8)],
    ]);
    expect(made({ sharedDrives: { kind: 'full', bestShareOnly: true } })).toBeUndefined();
    expect(
      made({
        drops: [
          { kind: 'drop-lowest', count: 1, window: 'all' },
          { kind: 'best-results', count: 1 },
        ],
      }),
    ).toBeUndefined();
    expect(
      made({ competitor: 'team', teamScoring: { kind: 'best-cars-per-round', count: 1 } }),
    ).toBeUndefined();
  });
});
