/**
 * Random small seasons, championships and remainders for the fast path's equivalence test and the
 * scenario solver's brute-force test: a few entries (shared cars, a driver in two cars, a guest),
 * races and a qualifying session in events of one or two sessions, bonuses, drops, adjustments.
 * Not part of the build.
 */
import fc from 'fast-check';
import { fraction } from '../../fraction.js';
import type { Championship, Rulebook } from '../../rulebook.js';
import type { Adjustment, Award, ClassificationRow, Entry, Season, Session } from '../../season.js';
import type { CompiledSeason, HypotheticalResult, Remainder } from '../types.js';

export interface SessionSpec {
  readonly event: number;
  readonly type: 'race' | 'qualifying';
  readonly tags: readonly string[];
}

export interface SeasonSpec {
  readonly entries: readonly {
    readonly id: string;
    readonly team: string;
    readonly class: string;
    readonly drivers: readonly string[];
    readonly eligible: boolean;
    readonly nominated: boolean;
  }[];
  readonly sessions: readonly SessionSpec[];
  /** Results of the first `held` sessions: entry ids in order, how many classified, pole, fastest lap, laps led. */
  readonly results: readonly {
    readonly order: readonly string[];
    readonly classified: number;
    readonly pole: string | undefined;
    readonly fastest: readonly string[];
    readonly classPole: string | undefined;
    readonly led: readonly number[];
  }[];
  readonly adjustments: readonly Adjustment[];
}

const ENTRY_IDS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Entries: a..f; e is shared by drivers e and x; f is driven by a (a driver in two cars) when `twoCars`. */
export function entriesArb(count: { min: number; max: number }) {
  return fc
    .record({
      n: fc.integer(count),
      shared: fc.boolean(),
      twoCars: fc.boolean(),
      guest: fc.boolean(),
      classes: fc.array(fc.constantFrom('pro', 'am'), { minLength: 6, maxLength: 6 }),
      nominated: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ n, shared, twoCars, guest, classes, nominated }) =>
      ENTRY_IDS.slice(0, n).map((id, i) => ({
        id,
        team: `t${i % 3}`,
        class: classes[i]!,
        drivers: id === 'e' && shared ? ['e', 'x'] : id === 'f' && twoCars ? ['a'] : [id],
        eligible: !(guest && i === n - 1 && n > 2),
        nominated: nominated[i]!,
      })),
    );
}

/** A calendar of races (and sometimes a qualifying before a race), some events holding two sessions. */
export function sessionsArb(count: { minLength: number; maxLength: number }) {
  return fc
    .array(
      fc.record({
        pair: fc.boolean(),
        qualifying: fc.boolean(),
        tag: fc.constantFrom('', 'double', 'sub'),
      }),
      count,
    )
    .map((events) => {
      const sessions: SessionSpec[] = [];
      events.forEach((e, event) => {
        const tags = e.tag ? [e.tag] : [];
        if (e.qualifying) sessions.push({ event, type: 'qualifying', tags });
        sessions.push({ event, type: 'race', tags });
        if (e.pair) sessions.push({ event, type: 'race', tags });
      });
      return sessions;
    });
}

/** One session's result over the given entries. */
export function resultArb(ids: readonly string[]) {
  return fc.record({
    order: fc.shuffledSubarray([...ids], { minLength: 1 }),
    dnf: fc.nat(2),
    pole: fc.option(fc.constantFrom(...ids), { nil: undefined }),
    fastest: fc.subarray([...ids], { maxLength: 2 }),
    classPole: fc.option(fc.constantFrom(...ids), { nil: undefined }),
    led: fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }),
  });
}

/** A season spec with a random number of sessions held. */
export const seasonSpecArb: fc.Arbitrary<SeasonSpec> = fc
  .record({
    entries: entriesArb({ min: 3, max: 6 }),
    sessions: sessionsArb({ minLength: 2, maxLength: 4 }),
    heldShare: fc.double({ min: 0, max: 1, noNaN: true }),
    results: fc.array(resultArb(ENTRY_IDS), { minLength: 8, maxLength: 8 }),
    adjustment: fc.record({
      kind: fc.constantFrom(
        'none',
        'deduction',
        'withheld',
        'exclusion',
        'exclusion-from',
        'exclusion-final',
      ),
      who: fc.constantFrom(...ENTRY_IDS.slice(0, 3)),
      session: fc.nat(7),
      points: fc.integer({ min: 1, max: 7 }),
    }),
  })
  .map(({ entries, sessions, heldShare, results, adjustment }) => {
    const ids = entries.map((e) => e.id);
    const held = Math.min(sessions.length, Math.floor(heldShare * (sessions.length + 1)));
    const adjustments: Adjustment[] = [];
    const sessionId = `s${adjustment.session % sessions.length}`;
    if (adjustment.kind === 'deduction')
      adjustments.push({
        kind: 'points-deduction',
        driverId: adjustment.who,
        points: fraction(adjustment.points),
        ...(adjustment.session % 2 ? { sessionId } : {}),
        reason: 'test deduction',
      });
    if (adjustment.kind === 'withheld')
      adjustments.push({ kind: 'results-withheld', driverId: adjustment.who, sessionId, reason: 'test' });
    if (adjustment.kind === 'exclusion')
      adjustments.push({ kind: 'exclusion', driverId: adjustment.who, reason: 'test exclusion' });
    if (adjustment.kind === 'exclusion-from')
      adjustments.push({
        kind: 'exclusion',
        driverId: adjustment.who,
        sessionId,
        reason: 'from a session on',
      });
    if (adjustment.kind === 'exclusion-final')
      adjustments.push({
        kind: 'exclusion',
        driverId: adjustment.who,
        applies: 'final',
        reason: 'final table only',
      });
    return {
      entries,
      sessions,
      results: results.slice(0, held).map((r) => {
        const order = r.order.filter((id) => ids.includes(id));
        const use = order.length ? order : [ids[0]!];
        const pick = (id: string | undefined) => (id !== undefined && use.includes(id) ? id : undefined);
        return {
          order: use,
          classified: Math.max(1, use.length - r.dnf),
          pole: pick(r.pole),
          fastest: r.fastest.filter((id) => use.includes(id)),
          classPole: pick(r.classPole),
          led: r.led,
        };
      }),
      adjustments,
    };
  });

/** Builds the season of a spec: session i is `s<i>`, races numbered in calendar order. */
export function buildSpecSeason(spec: SeasonSpec): Season {
  const events = [...new Set(spec.sessions.map((s) => s.event))].map((event) => ({
    id: `e${event}`,
    round: event + 1,
    name: `Event ${event + 1}`,
    circuit: `circuit ${event + 1}`,
    tags: spec.sessions.find((s) => s.event === event)!.tags,
  }));
  let race = 0;
  const sessions: Session[] = spec.sessions.map((s, i) => ({
    id: `s${i}`,
    eventId: `e${s.event}`,
    type: s.type,
    name: `${s.type} ${i}`,
    scheduledLaps: 10,
    ...(s.type === 'race' ? { race: ++race } : {}),
  }));
  const entries: Entry[] = spec.entries.map((e) => ({
    id: e.id,
    car: e.id,
    teamId: e.team,
    driverIds: e.drivers,
    classId: e.class,
    eventIds: events.map((ev) => ev.id),
    eligible: e.eligible,
    nominated: e.nominated,
  }));
  const awards: Award[] = [];
  const classifications = spec.results.map((r, i) => {
    const sessionId = `s${i}`;
    if (r.pole !== undefined) awards.push({ sessionId, award: 'pole', scope: 'overall', entryId: r.pole });
    for (const entryId of r.fastest)
      awards.push({ sessionId, award: 'fastest-lap', scope: 'overall', entryId });
    if (r.classPole !== undefined) {
      const classId = spec.entries.find((e) => e.id === r.classPole)!.class;
      awards.push({ sessionId, award: 'pole', scope: classId, entryId: r.classPole });
    }
    const rows: ClassificationRow[] = r.order.map((entryId, s) => ({
      entryId,
      status: s < r.classified ? 'classified' : 'DNF',
      ...(s < r.classified ? { position: s + 1, laps: 10 } : { laps: 3 }),
      ...(r.led[s] ? { lapsLed: r.led[s] } : {}),
    }));
    return { sessionId, rows };
  });
  return {
    id: 'random-season',
    name: 'Random season',
    year: 2024,
    series: { id: 'random', name: 'Random' },
    aliases: [],
    classes: [
      { id: 'pro', name: 'Pro' },
      { id: 'am', name: 'Am' },
    ],
    events,
    sessions,
    drivers: [...new Set(entries.flatMap((e) => e.driverIds))].map((id) => ({ id, name: id.toUpperCase() })),
    teams: [...new Set(entries.map((e) => e.teamId))].map((id) => ({ id, name: id.toUpperCase() })),
    entries,
    classifications,
    awards,
    adjustments: spec.adjustments,
    published: [],
    notes: [],
  };
}

/** A random championship over the spec seasons' features. */
/** Every way of scoring a car several drivers share, best-share-only included. */
export const sharedDrivesArb = fc.constantFrom(
  { kind: 'full' as const },
  { kind: 'divide' as const },
  { kind: 'none' as const },
  { kind: 'divide' as const, bestShareOnly: true },
);

export const championshipArb: fc.Arbitrary<Championship> = fc
  .record({
    competitor: fc.constantFrom('driver' as const, 'team' as const, 'entry' as const),
    basis: fc.constantFrom('overall' as const, 'class' as const),
    ineligible: fc.constantFrom('remove' as const, 'keep' as const),
    classes: fc.constantFrom(undefined, ['pro']),
    eventTags: fc.constantFrom(undefined, ['sub']),
    qualifying: fc.boolean(),
    bonuses: fc.subarray([0, 1, 2, 3, 4]),
    requires: fc.constantFrom(undefined, { classified: true }, { topN: 2 }, { minLapsShare: fraction(1, 2) }),
    tie: fc.constantFrom(undefined, 'share' as const, 'full' as const, 'better-finisher' as const),
    double: fc.boolean(),
    drops: fc.constantFrom(
      [],
      [{ kind: 'best-results' as const, count: 2 }],
      [
        {
          kind: 'drop-lowest' as const,
          count: 1,
          window: 'before-final-event' as const,
          applies: 'final' as const,
        },
      ],
      [{ kind: 'drop-lowest' as const, count: 2, window: 'all' as const, includeBonuses: true }],
      [
        {
          kind: 'split-season' as const,
          firstPartRaces: 'half' as const,
          firstPartBest: 1,
          secondPartBest: 2,
        },
      ],
      [{ kind: 'drop-weeks' as const, count: 1 }],
      [{ kind: 'drop-rounds' as const, count: 1, includeBonuses: true }],
      [
        {
          kind: 'drop-rounds' as const,
          count: 2,
          except: ['final-round' as const, 'single-race-round' as const],
          applies: 'final' as const,
        },
      ],
      [
        { kind: 'best-results' as const, count: 3, includeBonuses: true },
        { kind: 'drop-lowest' as const, count: 1, window: 'all' as const },
      ],
    ),
    sharedDrives: sharedDrivesArb,
    teamScoring: fc.constantFrom(
      { kind: 'all-cars' as const },
      { kind: 'best-cars' as const, count: 1 },
      { kind: 'nominated' as const },
    ),
    tieBreaks: fc.constantFrom(
      [],
      [{ kind: 'countback' as const, places: 'all' as const }],
      [{ kind: 'countback' as const, places: 'scoring' as const }],
      [{ kind: 'latest-result' as const }],
      [{ kind: 'countback' as const, places: 'all' as const, cars: 'all' as const }],
      [{ kind: 'countback' as const, places: 'scoring' as const }, { kind: 'scored-first' as const }],
    ),
    listed: fc.constantFrom('scored' as const, 'classified' as const, 'started' as const, 'entered' as const),
  })
  .map((c): Championship => {
    const requires = c.requires;
    const tie = c.tie ? { tie: c.tie } : {};
    const all = [
      { kind: 'pole' as const, points: fraction(2), scope: 'overall' as const, ...tie },
      {
        kind: 'fastest-lap' as const,
        points: fraction(1),
        scope: 'overall' as const,
        ...(requires ? { requires } : {}),
        ...tie,
      },
      { kind: 'pole' as const, points: fraction(1, 2), scope: 'class' as const },
      { kind: 'lap-led' as const, points: fraction(1) },
      { kind: 'most-laps-led' as const, points: fraction(2), ...(requires ? { requires } : {}), ...tie },
    ];
    return {
      id: 'champ',
      name: 'Championship',
      competitor: c.competitor,
      scope: {
        ...(c.classes ? { classes: c.classes } : {}),
        ...(c.eventTags ? { excludeEventTags: c.eventTags } : {}),
      },
      basis: c.basis,
      ineligible: c.ineligible,
      points: c.qualifying ? { race: 'main', qualifying: 'quali' } : { race: 'main' },
      bonuses: c.bonuses.map((i) => all[i]!),
      multipliers: c.double ? [{ kind: 'factor', factor: fraction(2), eventTags: ['double'] }] : [],
      drops: c.drops,
      sharedDrives: c.sharedDrives,
      teamScoring: c.teamScoring,
      tieBreaks: c.tieBreaks,
      listed: c.listed,
    };
  });

/** A rulebook holding one championship, with a race scale and a qualifying scale. */
export function rulebookOf(champ: Championship, race: readonly number[] = [10, 6, 4, 3]): Rulebook {
  return {
    id: 'random-rules',
    name: 'Random rules',
    scales: {
      main: { points: race.map((p) => fraction(p)) },
      quali: { points: [fraction(3), fraction(2), fraction(1)] },
    },
    championships: [champ],
  };
}

/** A remainder for a compiled season drawn from fast-check values (some sessions not run). */
export function remainderArb(compiled: CompiledSeason): fc.Arbitrary<Remainder> {
  return fc.tuple(
    ...compiled.sessions.map((s) =>
      fc.option(
        fc
          .record({
            order: fc.shuffledSubarray([...s.entered], { minLength: Math.min(1, s.entered.length) }),
            dnf: fc.nat(2),
            pole: fc.nat(5),
            fastest: fc.nat(5),
            fastestTie: fc.option(fc.nat(5), { freq: 3, nil: undefined }),
            classPole: fc.nat(5),
            led: fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }),
          })
          .map((r): HypotheticalResult => {
            const classified = Math.max(0, r.order.length - r.dnf);
            const at = (i: number) => r.order[i % Math.max(1, r.order.length)];
            const awards = [
              ...(at(r.pole) === undefined
                ? []
                : [{ award: 'pole' as const, scope: 'overall', entry: at(r.pole)! }]),
              ...(at(r.fastest) === undefined
                ? []
                : [{ award: 'fastest-lap' as const, scope: 'overall', entry: at(r.fastest)! }]),
              // Sometimes a second holder of the fastest lap: a tie.
              ...(r.fastestTie === undefined ||
              at(r.fastestTie) === undefined ||
              at(r.fastestTie) === at(r.fastest)
                ? []
                : [{ award: 'fastest-lap' as const, scope: 'overall', entry: at(r.fastestTie)! }]),
              ...(at(r.classPole) === undefined
                ? []
                : [
                    {
                      award: 'pole' as const,
                      scope: compiled.entries[at(r.classPole)!]!.classId,
                      entry: at(r.classPole)!,
                    },
                  ]),
            ];
            return { order: r.order, classified, awards, lapsLed: r.led.slice(0, r.order.length) };
          }),
        { freq: 4, nil: undefined },
      ),
    ),
  );
}
