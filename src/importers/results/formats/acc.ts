/**
 * Assetto Corsa Competizione server results JSON, written by the dedicated server as UTF-16LE.
 * `sessionResult.leaderBoardLines` is in finishing order; each line's `car` has `carId`,
 * `raceNumber`, `cupCategory` (0 Pro, 1 Pro-Am, 2 Am, 3 Silver, 4 National), `teamName` and
 * `drivers[]` with `playerId` (a Steam id "S7656..."). A car with no lap (`timing.lapCount` 0)
 * did not start. `laps[]` holds every lap (`carId`, `laptime` in ms, `isValidForBest`): the best
 * valid lap of each car is taken from it when it is there, else from `timing.bestLap`. A
 * `Disqualified` entry in `penalties[]` or `post_race_penalties[]` makes the car DSQ.
 *
 * Penalties (`carId`, `driverIndex`, `reason`, `penalty`, `penaltyValue`, `violationInLap`,
 * `clearedInLap`): a `PostRaceTime` penalty in a race file is `penaltyValue` seconds added to the
 * car's time after the race, and becomes the row's time penalty (written to adjustments.yaml by the
 * import). The same penalty listed in both arrays (same car, driver, reason, value and lap) is
 * counted once. Drive-throughs and stop-and-gos (`DriveThrough`, `StopAndGo_10/20/30`) are served
 * in the race: their time is already in `timing.totalTime`, so they are not imported.
 */
import {
  formatDuration,
  lineIssue,
  MAX_DURATION_MS,
  MAX_LAPS,
  readCount,
  readText,
} from '../imported-row.js';
import type { ImportedRow, ImportedTimePenalty, ResultsReader } from '../imported-row.js';
import { field, int, isRecord, list, text } from '../json-access.js';
import { arrayElementLines, readJsonDocument } from '../json-lines.js';

/** ACC's cup categories, by `cupCategory` number. */
export const ACC_CUP_CATEGORIES: readonly string[] = ['Pro', 'Pro-Am', 'Am', 'Silver', 'National'];

/** ACC marks "no lap" with the largest signed 32-bit integer. */
const NO_LAP = 2147483647;

/** A time in ms from ACC: undefined for "none" (0, negative or NO_LAP), an issue when too long. */
function accTime(value: unknown, where: { file: string; line: number; field: string }) {
  const n = int(value);
  if (n === undefined || n <= 0 || n === NO_LAP) return { ok: true as const, value: undefined };
  return readCount(n, where, MAX_DURATION_MS, 1);
}

export const readAcc: ResultsReader = async (source, file, _options, sink) => {
  const doc = await readJsonDocument(source, file, 'utf-16le');
  if (!doc.ok) {
    doc.issues.forEach((i) => sink.issue(i));
    return {};
  }
  const root = doc.value.value;
  const lines = list(field(field(root, 'sessionResult'), 'leaderBoardLines'));
  if (!lines) {
    sink.issue(
      lineIssue(file, 1, 'import.not-acc', 'no sessionResult.leaderBoardLines: not an ACC results file'),
    );
    return {};
  }
  const at = arrayElementLines(doc.value.text, 'leaderBoardLines')[0] ?? [];
  // The best valid lap of each car, from the lap data.
  const bestOfCar = new Map<number, number>();
  for (const lap of list(field(root, 'laps')) ?? []) {
    const carId = int(field(lap, 'carId'));
    const time = int(field(lap, 'laptime'));
    const valid = field(lap, 'isValidForBest');
    if (carId === undefined || time === undefined || time <= 0 || time === NO_LAP || time > MAX_DURATION_MS)
      continue;
    if (valid === false || valid === 0) continue;
    if (time < (bestOfCar.get(carId) ?? Infinity)) bestOfCar.set(carId, time);
  }
  const disqualified = new Set<number>();
  for (const key of ['penalties', 'post_race_penalties'])
    for (const p of list(field(root, key)) ?? []) {
      const carId = int(field(p, 'carId'));
      if (carId !== undefined && (text(field(p, 'penalty')) ?? '').toLowerCase() === 'disqualified')
        disqualified.add(carId);
    }
  const timePenalties = postRaceTimePenalties(root, doc.value.text, file, sink);
  let position = 0;
  for (const [i, l] of lines.entries()) {
    const line = at[i] ?? 1;
    const row = readRow(l, i, line);
    if (row) sink.row(row);
  }
  return {};

  function readRow(l: unknown, i: number, line: number): ImportedRow | undefined {
    const fail = (issue: ReturnType<typeof lineIssue>) => void sink.issue(issue);
    const where = (f: string) => ({ file, line, field: `leaderBoardLines[${i}].${f}` });
    if (!isRecord(l))
      return fail(lineIssue(file, line, 'import.bad-row', `leaderBoardLines[${i}] is not an object`));
    const car = field(l, 'car');
    const number = readCount(field(car, 'raceNumber'), where('car.raceNumber'), 9999);
    if (!number.ok) return fail(number.issue);
    if (number.value === undefined)
      return fail(lineIssue(file, line, 'import.bad-row', `leaderBoardLines[${i}] has no car.raceNumber`));
    const cup = readCount(field(car, 'cupCategory'), where('car.cupCategory'), ACC_CUP_CATEGORIES.length - 1);
    if (!cup.ok)
      return fail(
        lineIssue(
          file,
          line,
          'import.bad-cup',
          `leaderBoardLines[${i}].car.cupCategory is not 0-4 (Pro, Pro-Am, Am, Silver, National)`,
        ),
      );
    const timing = field(l, 'timing');
    const laps = readCount(field(timing, 'lapCount') ?? 0, where('timing.lapCount'), MAX_LAPS);
    if (!laps.ok) return fail(laps.issue);
    const total = accTime(field(timing, 'totalTime'), where('timing.totalTime'));
    if (!total.ok) return fail(total.issue);
    const best = accTime(field(timing, 'bestLap'), where('timing.bestLap'));
    if (!best.ok) return fail(best.issue);
    const drivers: string[] = [];
    const driverList = list(field(car, 'drivers')) ?? [];
    for (const [j, d] of driverList.entries()) {
      const name = readText(
        `${text(field(d, 'firstName')) ?? ''} ${text(field(d, 'lastName')) ?? ''}`,
        where(`car.drivers[${j}]`),
      );
      if (!name.ok) return fail(name.issue);
      if (name.value) drivers.push(name.value);
    }
    const playerId = readText(text(field(driverList[0], 'playerId')), where('car.drivers[0].playerId'));
    if (!playerId.ok) return fail(playerId.issue);
    const team = readText(text(field(car, 'teamName')), where('car.teamName'));
    if (!team.ok) return fail(team.issue);
    const carId = int(field(car, 'carId'));
    const started = (laps.value ?? 0) > 0;
    const dsq = carId !== undefined && disqualified.has(carId);
    const status = dsq ? 'DSQ' : started ? 'classified' : 'DNS';
    if (status === 'classified') position++;
    const row: { -readonly [K in keyof ImportedRow]: ImportedRow[K] } = {
      line,
      car: String(number.value),
      drivers,
      status,
      laps: laps.value ?? 0,
    };
    if (status === 'classified') row.position = position;
    if (playerId.value) row.platformId = `steam:${playerId.value.replace(/^S/, '')}`;
    if (team.value) row.team = team.value;
    if (cup.value !== undefined) row.className = ACC_CUP_CATEGORIES[cup.value]!;
    if (total.value !== undefined) row.time = formatDuration(total.value)!;
    const bestMs = (carId === undefined ? undefined : bestOfCar.get(carId)) ?? best.value;
    if (bestMs !== undefined) {
      row.bestLap = formatDuration(bestMs)!;
      row.bestLapMs = bestMs;
    }
    const penalties = carId === undefined || dsq ? undefined : timePenalties.get(carId);
    if (penalties?.length) row.timePenalties = penalties;
    return row;
  }
};

/** The longest post-race time penalty taken as one (an hour): a larger value is a broken file. */
const MAX_PENALTY_SECONDS = 3600;

/**
 * The post-race time penalties of a race file by car: `PostRaceTime` entries of `penalties[]` and
 * `post_race_penalties[]`, an entry listed in both counted once (per car, the larger count of each
 * identical penalty). Not for qualifying or practice files (`sessionType` not R...).
 */
function postRaceTimePenalties(
  root: unknown,
  docText: string,
  file: string,
  sink: { issue(issue: ReturnType<typeof lineIssue>): void },
): Map<number, ImportedTimePenalty[]> {
  const byCar = new Map<number, ImportedTimePenalty[]>();
  if (!/^R/i.test(text(field(root, 'sessionType')) ?? '')) return byCar;
  const counts: Map<string, { carId: number; penalty: ImportedTimePenalty; n: number }>[] = [];
  for (const key of ['penalties', 'post_race_penalties']) {
    const seen = new Map<string, { carId: number; penalty: ImportedTimePenalty; n: number }>();
    counts.push(seen);
    const at = arrayElementLines(docText, key)[0] ?? [];
    for (const [i, p] of (list(field(root, key)) ?? []).entries()) {
      if ((text(field(p, 'penalty')) ?? '').toLowerCase() !== 'postracetime') continue;
      const line = at[i] ?? 1;
      const carId = int(field(p, 'carId'));
      const value = field(p, 'penaltyValue');
      const seconds = int(value);
      if (carId === undefined || seconds === undefined || seconds <= 0 || seconds > MAX_PENALTY_SECONDS) {
        sink.issue(
          lineIssue(
            file,
            line,
            'import.bad-penalty',
            carId === undefined
              ? `${key}[${i}] has no carId`
              : `${key}[${i}].penaltyValue is not a number of seconds from 1 to ${MAX_PENALTY_SECONDS}: ${JSON.stringify(value) ?? 'missing'}`,
          ),
        );
        continue;
      }
      const why = text(field(p, 'reason'));
      const lap = int(field(p, 'violationInLap'));
      const reason = `ACC post-race time penalty${why ? `: ${why}` : ''}${lap ? ` (lap ${lap})` : ''}`;
      const id = [carId, int(field(p, 'driverIndex')) ?? 0, why ?? '', seconds, lap ?? 0].join('|');
      const had = seen.get(id);
      if (had) had.n++;
      else seen.set(id, { carId, penalty: { seconds, reason }, n: 1 });
    }
  }
  const ids = new Set(counts.flatMap((m) => [...m.keys()]));
  for (const id of ids) {
    const found = counts.map((m) => m.get(id));
    const first = (found[0] ?? found[1])!;
    const n = Math.max(found[0]?.n ?? 0, found[1]?.n ?? 0);
    const held = byCar.get(first.carId) ?? [];
    for (let k = 0; k < n; k++) held.push(first.penalty);
    byCar.set(first.carId, held);
  }
  return byCar;
}
