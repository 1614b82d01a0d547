/**
 * A synthetic but realistic RMonitor recording of one race of a season, for demos and tests:
 * the cars of the race's classification start from a grid (the pole-sitter first, the others
 * near their finishing places), lap with seeded noise, run two laps behind a full-course yellow,
 * one car retires, and the field takes the chequered flag in the order of the season's real
 * classification (the retired car aside), so the replayed race ends where the season does.
 * The stream has what a timing system sends: $I, $E, $B, $C, $A, $COMP, heartbeats every second,
 * $J at each passing with the $G and $H records that changed, a $COMP "Retired" (IMSA), and a
 * refresh of every record each minute. Deterministic: the same season and seed give the same bytes.
 */
import type { Season } from '../engine/index.js';
import { formatRMonitorRecord } from './rmonitor.js';
import type { Flag, RMonitorRecord } from './rmonitor.js';

export interface SyntheticRaceOptions {
  readonly sessionId: string;
  readonly laps?: number;
  /** The laps run behind the safety car (full-course yellow), 1-based. */
  readonly yellowLaps?: readonly number[];
  /** The entry that retires, and the last lap it completes. */
  readonly retirement?: { readonly entryId: string; readonly afterLap: number };
  /** The entry given the fastest lap (the season's fastest-lap holder by default). */
  readonly fastestLapEntryId?: string;
  readonly seed?: number;
  /** Time of day of the green flag (ms after midnight) and the date printed by $I. */
  readonly startTimeOfDayMs?: number;
  readonly date?: string;
  readonly trackName?: string;
  readonly trackLengthMiles?: string;
}

const GREEN_LAP_MS = 134_000;
const FIRST_LAP_MS = 136_500;
const YELLOW_LAP_MS = 171_000;
const GRID_GAP_MS = 450;
const PRE_RACE_MS = 60_000;
const POST_RACE_MS = 60_000;
const REFRESH_MS = 60_000;

/** A small seeded generator (mulberry32): the recording must be reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Car {
  readonly entryId: string;
  readonly regNo: string;
  readonly number: string;
  readonly transponder: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly classNo: number;
  readonly nationality: string;
  /** Total race time at the end of each lap (index 0 = lap 1). */
  readonly crossings: number[];
  readonly grid: number;
}

/** Builds the recording as RMonitor lines (without line ends). */
export function syntheticRace(season: Season, options: SyntheticRaceOptions): string[] {
  const session = season.sessions.find((s) => s.id === options.sessionId);
  const result = season.classifications.find((c) => c.sessionId === options.sessionId);
  if (!session || !result)
    throw new Error(`syntheticRace: ${options.sessionId} has no classification in ${season.id}`);
  const laps = options.laps ?? 14;
  const yellow = new Set(options.yellowLaps ?? [6, 7]);
  const rnd = random(options.seed ?? 2024);
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const drivers = new Map(season.drivers.map((d) => [d.id, d]));
  const classNo = new Map(season.classes.map((c, i) => [c.id, i + 1]));

  // Finishing order: the real classification, finishers first; the retirement drops out of it.
  const finishOrder = [...result.rows]
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity))
    .map((r) => r.entryId);
  const retired = options.retirement ?? {
    entryId:
      [...result.rows].reverse().find((r) => r.status !== 'classified')?.entryId ?? finishOrder.at(-1)!,
    afterLap: Math.ceil(laps * 0.6),
  };
  const finishers = finishOrder.filter((id) => id !== retired.entryId);
  const pole = season.awards.find(
    (a) => a.sessionId === session.id && a.award === 'pole' && a.scope === 'overall',
  )?.entryId;
  const fastest =
    options.fastestLapEntryId ??
    season.awards.find(
      (a) => a.sessionId === session.id && a.award === 'fastest-lap' && a.scope === 'overall',
    )?.entryId ??
    finishers[0]!;

  // Grid: the pole-sitter first, the others near their finishing place, the retirement mid-field.
  const gridOrder = [...finishers, retired.entryId]
    .map((id, i) => ({ id, key: id === pole ? -Infinity : i + (rnd() - 0.5) * 9 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.id);

  // Target total times: the winner's, then a gap of 0.3 to 2.5 s to each following finisher.
  const greenLaps = Array.from({ length: laps }, (_, i) => i + 1).filter((l) => l > 1 && !yellow.has(l));
  const target = new Map<string, number>();
  let total = FIRST_LAP_MS + greenLaps.length * (GREEN_LAP_MS + 300) + yellow.size * YELLOW_LAP_MS;
  for (const id of finishers) {
    target.set(id, total);
    total += 300 + Math.round(rnd() * 2200);
  }
  target.set(retired.entryId, total + 5000);

  const cars: Car[] = gridOrder.map((entryId, grid) => {
    const entry = entries.get(entryId)!;
    const driver = drivers.get(entry.driverIds[0] ?? '');
    const name = driver?.name ?? entryId;
    const space = name.indexOf(' ');
    const first = FIRST_LAP_MS + grid * GRID_GAP_MS + Math.round(rnd() * 120);
    const budget = target.get(entryId)! - first - yellow.size * YELLOW_LAP_MS;
    const noise = greenLaps.map(() => (rnd() - 0.5) * 1400);
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const lapTimes = new Map(
      greenLaps.map((l, i) => [l, Math.round(budget / greenLaps.length + noise[i]! - mean)]),
    );
    const crossings: number[] = [];
    let t = 0;
    for (let lap = 1; lap <= laps; lap++) {
      t += lap === 1 ? first : yellow.has(lap) ? YELLOW_LAP_MS : lapTimes.get(lap)!;
      crossings.push(t);
    }
    return {
      entryId,
      regNo: entry.car,
      number: entry.car,
      transponder: String(4_100_000 + Number.parseInt(entry.car, 10) * 1_013 + grid),
      firstName: space < 0 ? '' : name.slice(0, space),
      lastName: space < 0 ? name : name.slice(space + 1),
      classNo: classNo.get(entry.classId) ?? 0,
      nationality: driver?.nationality ?? '',
      crossings,
      grid,
    };
  });

  // The fastest lap goes to the chosen car: one of its green laps 0.17 s under the best, the
  // time given back on the next lap so its total (and the finishing order) stays.
  const lapTime = (c: Car, lap: number) => c.crossings[lap - 1]! - (lap > 1 ? c.crossings[lap - 2]! : 0);
  const bestOther = Math.min(
    ...cars.filter((c) => c.entryId !== fastest).flatMap((c) => greenLaps.map((l) => lapTime(c, l))),
  );
  const star = cars.find((c) => c.entryId === fastest);
  const fastLap = greenLaps.filter((l) => l < laps && !yellow.has(l + 1)).at(-2);
  if (star && fastLap !== undefined) {
    const cut = lapTime(star, fastLap) - (bestOther - 170);
    star.crossings[fastLap - 1]! -= cut;
  }

  // Events in time order (race time in ms; negative before the green flag).
  type Event = { readonly t: number; readonly seq: number; readonly record: () => RMonitorRecord[] };
  const events: Event[] = [];
  let seq = 0;
  const at = (t: number, record: () => RMonitorRecord[]) => events.push({ t, seq: seq++, record });
  const startTod = options.startTimeOfDayMs ?? (12 * 60 + 10) * 60_000;
  const leader = cars.find((c) => c.entryId === finishers[0])!;
  const yellowFrom = Math.min(...[...yellow].map((l) => leader.crossings[l - 2] ?? Infinity));
  const yellowTo = Math.max(...[...yellow].map((l) => leader.crossings[l - 1] ?? -Infinity));
  const finishAt = Math.min(
    ...cars.filter((c) => c.entryId !== retired.entryId).map((c) => c.crossings[laps - 1]!),
  );
  const retiredCar = cars.find((c) => c.entryId === retired.entryId)!;
  const lastCrossing = (c: Car) =>
    c.entryId === retired.entryId ? c.crossings[retired.afterLap - 1]! : c.crossings[laps - 1]!;
  const end = Math.max(...cars.map(lastCrossing)) + POST_RACE_MS;
  const flagAt = (t: number): Flag =>
    t < 0 ? 'none' : t >= finishAt ? 'finish' : t >= yellowFrom && t < yellowTo ? 'yellow' : 'green';

  // Live scoreboard while generating: laps, last total time, best lap, retired.
  const state = new Map(
    cars.map((c) => [
      c.regNo,
      { laps: 0, total: undefined as number | undefined, best: undefined as number | undefined, bestLap: 0 },
    ]),
  );
  let retiredShown = false;
  const positions = () =>
    [...cars].sort((a, b) => {
      const sa = state.get(a.regNo)!;
      const sb = state.get(b.regNo)!;
      return sb.laps - sa.laps || (sa.total ?? 0) - (sb.total ?? 0) || a.grid - b.grid;
    });
  const bestOrder = () =>
    cars
      .filter((c) => state.get(c.regNo)!.best !== undefined)
      .sort((a, b) => state.get(a.regNo)!.best! - state.get(b.regNo)!.best! || a.grid - b.grid);
  const gRecord = (c: Car, position: number): RMonitorRecord => {
    const s = state.get(c.regNo)!;
    return {
      kind: 'race-position',
      position,
      regNo: c.regNo,
      ...(s.laps ? { laps: s.laps } : {}),
      ...(s.total === undefined ? {} : { totalTimeMs: s.total }),
    };
  };
  const hRecord = (c: Car, position: number): RMonitorRecord => {
    const s = state.get(c.regNo)!;
    return { kind: 'qualifying-position', position, regNo: c.regNo, bestLap: s.bestLap, bestLapMs: s.best! };
  };
  const competitorRecords = (c: Car): RMonitorRecord[] => [
    {
      kind: 'competitor',
      regNo: c.regNo,
      number: c.number,
      transponder: c.transponder,
      firstName: c.firstName,
      lastName: c.lastName,
      nationality: c.nationality,
      classId: c.classNo,
    },
    {
      kind: 'competitor-ext',
      regNo: c.regNo,
      number: c.number,
      classId: c.classNo,
      firstName: c.firstName,
      lastName: c.lastName,
      nationality: c === retiredCar && retiredShown ? 'Retired' : '',
      additional: '',
    },
  ];
  const header = (): RMonitorRecord[] => [
    { kind: 'run', run: session.race ?? 1, description: session.name },
    ...season.classes.map((c, i): RMonitorRecord => ({ kind: 'class', classId: i + 1, description: c.name })),
    { kind: 'setting', name: 'TRACKNAME', value: options.trackName ?? session.eventId },
    { kind: 'setting', name: 'TRACKLENGTH', value: options.trackLengthMiles ?? '' },
  ];

  at(-PRE_RACE_MS, () => [
    { kind: 'init', timeOfDayMs: startTod - PRE_RACE_MS, date: options.date ?? '' },
    ...header(),
    ...cars.flatMap(competitorRecords),
    ...positions().map((c, i) => gRecord(c, i + 1)),
  ]);
  for (let t = -PRE_RACE_MS; t <= end; t += 1000) {
    at(t, () => {
      const leaderLaps = state.get(positions()[0]!.regNo)!.laps;
      return [
        {
          kind: 'heartbeat',
          lapsToGo: Math.max(0, laps - leaderLaps),
          timeToGoMs: 0,
          timeOfDayMs: startTod + t,
          raceTimeMs: Math.max(0, t),
          flag: flagAt(t),
        },
      ];
    });
    if (t > -PRE_RACE_MS && (t + PRE_RACE_MS) % REFRESH_MS === 0)
      at(t, () => [
        ...header(),
        ...cars.flatMap(competitorRecords),
        ...positions().map((c, i) => gRecord(c, i + 1)),
        ...bestOrder().map((c, i) => hRecord(c, i + 1)),
      ]);
  }
  for (const c of cars) {
    const lastLap = c === retiredCar ? retired.afterLap : laps;
    for (let lap = 1; lap <= lastLap; lap++) {
      const time = c.crossings[lap - 1]!;
      at(time, () => {
        const beforeG = new Map(positions().map((x, i) => [x.regNo, i + 1]));
        const beforeH = new Map(bestOrder().map((x, i) => [x.regNo, i + 1]));
        const s = state.get(c.regNo)!;
        const lt = lapTime(c, lap);
        s.laps = lap;
        s.total = time;
        if (lap > 1 && (s.best === undefined || lt < s.best)) {
          s.best = lt;
          s.bestLap = lap;
        }
        const out: RMonitorRecord[] = [{ kind: 'passing', regNo: c.regNo, lapTimeMs: lt, totalTimeMs: time }];
        positions().forEach((x, i) => {
          if (x === c || beforeG.get(x.regNo) !== i + 1) out.push(gRecord(x, i + 1));
        });
        bestOrder().forEach((x, i) => {
          if (beforeH.get(x.regNo) !== i + 1 || (x === c && s.bestLap === lap)) out.push(hRecord(x, i + 1));
        });
        return out;
      });
    }
  }
  // The retired car is marked once it has clearly not come round again.
  at(retiredCar.crossings[retired.afterLap - 1]! + 150_000, () => {
    retiredShown = true;
    return competitorRecords(retiredCar).slice(1);
  });

  events.sort((a, b) => a.t - b.t || a.seq - b.seq);
  return events.flatMap((e) => e.record().map(formatRMonitorRecord));
}
