/**
 * Small hand-made seasons for tests: entries are named by id (a driver of the same id drives each,
 * in team "t-<id>" unless given), and each race lists finishers in order. Not part of the build.
 */
import { fraction } from '../fraction.js';
import type { Fraction } from '../fraction.js';
import type { Championship, Rulebook } from '../rulebook.js';
import type { Adjustment, Award, ClassificationRow, Entry, Season, Session, Status } from '../season.js';

export interface EntrySpec {
  readonly id: string;
  readonly team?: string;
  readonly drivers?: readonly string[];
  readonly class?: string;
  readonly eligible?: boolean;
  readonly nominated?: boolean;
}

export type RowSpec =
  | string
  | {
      readonly entry: string;
      readonly status?: Status;
      readonly laps?: number;
      readonly lapsLed?: number;
      readonly drivers?: readonly string[];
      /** Total race time as a timing sheet prints it ("45:03.200"). */
      readonly time?: string;
    };

export interface RaceSpec {
  /** Finishers in order; classified unless a status says otherwise (non-classified rows get no position). */
  readonly rows: readonly RowSpec[];
  readonly pole?: readonly string[];
  readonly fastestLap?: readonly string[];
  readonly classPole?: Readonly<Record<string, readonly string[]>>;
  readonly tags?: readonly string[];
  readonly type?: string;
  readonly scheduledLaps?: number;
  readonly pointsFactor?: Fraction;
  /** Races sharing an event key share an event (default: one event per race). */
  readonly event?: string;
  /** A race that is on the calendar but has no results yet. */
  readonly notRun?: boolean;
}

export function buildSeason(spec: {
  entries: readonly EntrySpec[];
  races: readonly RaceSpec[];
  adjustments?: readonly Adjustment[];
  classes?: readonly string[];
}): Season {
  const eventKeys = [...new Set(spec.races.map((r, i) => r.event ?? `e${i + 1}`))];
  const events = eventKeys.map((key, i) => ({
    id: key,
    round: i + 1,
    name: key,
    circuit: `circuit ${key}`,
    tags: spec.races.filter((r, j) => (r.event ?? `e${j + 1}`) === key).flatMap((r) => r.tags ?? []),
  }));
  const sessions: Session[] = spec.races.map((r, i) => ({
    id: `r${i + 1}`,
    eventId: r.event ?? `e${i + 1}`,
    type: r.type ?? 'race',
    name: `Race ${i + 1}`,
    ...(r.type && r.type !== 'race' ? {} : { race: i + 1 }),
    ...(r.scheduledLaps === undefined ? {} : { scheduledLaps: r.scheduledLaps }),
    ...(r.pointsFactor === undefined ? {} : { pointsFactor: r.pointsFactor }),
  }));
  const entries: Entry[] = spec.entries.map((e) => ({
    id: e.id,
    car: e.id,
    teamId: e.team ?? `t-${e.id}`,
    driverIds: e.drivers ?? [e.id],
    classId: e.class ?? 'main',
    eventIds: events.map((ev) => ev.id),
    eligible: e.eligible ?? true,
    ...(e.nominated === undefined ? {} : { nominated: e.nominated }),
  }));
  const driverIds = [...new Set(entries.flatMap((e) => e.driverIds))];
  const teamIds = [...new Set(entries.map((e) => e.teamId))];
  const classes = spec.classes ?? [...new Set(entries.map((e) => e.classId))];
  const awards: Award[] = [];
  spec.races.forEach((r, i) => {
    for (const entryId of r.pole ?? [])
      awards.push({ sessionId: `r${i + 1}`, award: 'pole', scope: 'overall', entryId });
    for (const entryId of r.fastestLap ?? [])
      awards.push({ sessionId: `r${i + 1}`, award: 'fastest-lap', scope: 'overall', entryId });
    for (const [scope, ids] of Object.entries(r.classPole ?? {}))
      for (const entryId of ids) awards.push({ sessionId: `r${i + 1}`, award: 'pole', scope, entryId });
  });
  return {
    id: 'test-season',
    name: 'Test season',
    year: 2024,
    series: { id: 'test-series', name: 'Test series' },
    aliases: [],
    classes: classes.map((id) => ({ id, name: id })),
    events,
    sessions,
    drivers: driverIds.map((id) => ({ id, name: id.toUpperCase() })),
    teams: teamIds.map((id) => ({ id, name: id.toUpperCase() })),
    entries,
    classifications: spec.races.flatMap((r, i) => {
      if (r.notRun) return [];
      let position = 0;
      const rows: ClassificationRow[] = r.rows.map((row) => {
        const s = typeof row === 'string' ? { entry: row } : row;
        const status = s.status ?? 'classified';
        return {
          entryId: s.entry,
          status,
          ...(status === 'classified' ? { position: ++position } : {}),
          ...(s.laps === undefined ? {} : { laps: s.laps }),
          ...(s.lapsLed === undefined ? {} : { lapsLed: s.lapsLed }),
          ...(s.drivers === undefined ? {} : { driverIds: s.drivers }),
          ...(s.time === undefined ? {} : { time: s.time }),
        };
      });
      return [{ sessionId: `r${i + 1}`, rows }];
    }),
    awards,
    adjustments: spec.adjustments ?? [],
    published: [],
    notes: [],
  };
}

const f = (xs: readonly number[]) => xs.map((x) => fraction(x));

/** A rulebook with one championship; the defaults are a plain drivers' championship. */
export function buildRulebook(
  champ: Partial<Championship> = {},
  scales: Record<string, readonly number[]> = {},
): Rulebook {
  return {
    id: 'test-rules',
    name: 'Test rules',
    scales: Object.fromEntries(
      Object.entries({ main: [10, 6, 4, 3, 2, 1], ...scales }).map(([k, v]) => [k, { points: f(v) }]),
    ),
    championships: [
      {
        id: 'drivers',
        name: 'Drivers',
        competitor: 'driver',
        scope: {},
        basis: 'overall',
        ineligible: 'keep',
        points: { race: 'main' },
        bonuses: [],
        multipliers: [],
        drops: [],
        sharedDrives: { kind: 'full' },
        teamScoring: { kind: 'all-cars' },
        tieBreaks: [{ kind: 'countback', places: 'all' }],
        listed: 'started',
        ...champ,
      },
    ],
  };
}
