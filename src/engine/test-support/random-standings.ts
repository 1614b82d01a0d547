/**
 * Generated seasons and championships for the property tests that compare one way of making the
 * tables with another (totals.test.ts: computeTotals against computeStandings; bulk-standings.test.ts:
 * the bulk booking against the general pipeline). One generator for both, so every feature one test
 * draws the other draws too.
 */
import fc from 'fast-check';
import { fraction } from '../fraction.js';
import type { Championship, DropRule } from '../rulebook.js';
import type { Adjustment, Season } from '../season.js';
import { sharedDrivesArb } from '../compiled/test-support/random-season.js';
import { buildSeason } from './builders.js';
import type { RaceSpec, RowSpec } from './builders.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const classOf = (id: string) => (ids.indexOf(id) % 2 ? 'am' : 'pro');

/**
 * A random season: 1-9 races (some in two-race events, the last ones sometimes not run yet) of a
 * random subset of 8 entries in 3 teams and 2 classes, with retirements, non-starters, overall
 * poles, class poles (up to three holders; the first goes to class am whatever the holder's class,
 * so a car outside the class can hold one and get nothing), fastest laps shared by two cars, a car
 * shared by two drivers (a row or a fastest lap sometimes naming who drove), a nominated car,
 * penalties that change the first classification and, sometimes, a points deduction (which sends a
 * table race by race).
 */
export const seasonArb: fc.Arbitrary<Season> = fc
  .record({
    races: fc.array(
      fc.record({
        order: fc.shuffledSubarray(ids, { minLength: 1 }),
        dnf: fc.nat(3),
        dns: fc.boolean(),
        pole: fc.constantFrom(...ids),
        classPole: fc.subarray(ids, { maxLength: 3 }),
        fastest: fc.subarray(ids, { minLength: 1, maxLength: 2 }),
        namedFastest: fc.boolean(),
        pairedWithNext: fc.boolean(),
        notRun: fc.boolean(),
        oneDriver: fc.boolean(),
      }),
      { minLength: 1, maxLength: 9 },
    ),
    penalty: fc.option(fc.constantFrom('places', 'dsq'), { nil: undefined }),
    deduction: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 1 },
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
      return {
        rows,
        pole: r.order.includes(r.pole) ? [r.pole] : [],
        classPole: {
          am: r.classPole.filter((x, k) => k === 0 || classOf(x) === 'am'),
          pro: r.classPole.filter((x, k) => k > 0 && classOf(x) === 'pro'),
        },
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
    const named = races.flatMap((r, i) =>
      r.namedFastest && r.order.includes('h') && !specs[i]!.notRun
        ? [
            {
              sessionId: `r${i + 1}`,
              award: 'fastest-lap' as const,
              scope: 'overall',
              entryId: 'h',
              driverId: 'h2',
            },
          ]
        : [],
    );
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
    return { ...season, awards: [...season.awards, ...named], adjustments };
  });

export const dropsArb: fc.Arbitrary<DropRule[]> = fc.constantFrom<DropRule[]>(
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

/**
 * A random championship over those seasons: every competitor kind, basis and scope; award bonuses
 * overall and by class, their ties shared, in full or to the better finisher, with conditions;
 * every drop rule above; every shared-drive and team rule; non-starters' shares, drivers who change
 * class, every listing and tie-break.
 */
export const champArb: fc.Arbitrary<Partial<Championship>> = fc
  .record({
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
      [
        { kind: 'pole' as const, points: fraction(2), scope: 'class' as const },
        {
          kind: 'fastest-lap' as const,
          points: fraction(1),
          scope: 'overall' as const,
          tie: 'full' as const,
        },
      ],
      [
        {
          kind: 'pole' as const,
          points: fraction(1),
          scope: 'class' as const,
          tie: 'better-finisher' as const,
          requires: { classified: true },
        },
        {
          kind: 'fastest-lap' as const,
          points: fraction(2),
          scope: 'overall' as const,
          tie: 'better-finisher' as const,
          requires: { topN: 3 },
        },
      ],
    ),
    drops: dropsArb,
    sharedDrives: sharedDrivesArb,
    teamScoring: fc.constantFrom(
      { kind: 'all-cars' as const },
      { kind: 'best-cars' as const, count: 1 },
      { kind: 'best-cars' as const, count: 2 },
      { kind: 'nominated' as const },
      { kind: 'best-cars-per-round' as const, count: 1 },
    ),
    nonStarters: fc.option(fc.constant({ share: fraction(1, 2) }), { nil: undefined }),
    classChanges: fc.constantFrom(undefined, 'follow-driver' as const),
    listed: fc.constantFrom('scored' as const, 'classified' as const, 'started' as const, 'entered' as const),
    tieBreaks: fc.constantFrom(
      [{ kind: 'countback' as const, places: 'all' as const }],
      [{ kind: 'countback' as const, places: 'scoring' as const, cars: 'all' as const }],
      // Best car's scoring places first, then a rule read from records (as a constructors' table).
      [{ kind: 'countback' as const, places: 'scoring' as const }, { kind: 'latest-result' as const }],
      [{ kind: 'scored-first' as const }],
      [{ kind: 'latest-result' as const }],
      [],
    ),
  })
  // Options drawn as undefined are left out (the rulebook's defaults apply); points follow a driver
  // who changes class only in a drivers' championship by class (a rulebook says so or is refused).
  .map(({ classChanges, ...c }) => {
    const follows = classChanges !== undefined && c.competitor === 'driver' && c.basis === 'class';
    const drawn = Object.entries({ ...c, ...(follows ? { classChanges } : {}) });
    return Object.fromEntries(drawn.filter(([, v]) => v !== undefined));
  });
