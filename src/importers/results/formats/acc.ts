/**
 * Assetto Corsa Competizione server results JSON, written by the dedicated server as UTF-16LE.
 * `sessionResult.leaderBoardLines` is in finishing order; each line's `car` has `carId`,
 * `raceNumber`, `cupCategory` (0 Pro, 1 Pro-Am, 2 Am, 3 Silver, 4 National), `teamName` and
 * `drivers[]` with `playerId` (a Steam id "S7656..."). A car with no lap (`timing.lapCount` 0)
 * did not start. `laps[]` holds every lap (`carId`, `laptime` in ms, `isValidForBest`): the best
 * valid lap of each car is taken from it when it is there, else from `timing.bestLap`. A
 * `Disqualified` entry in `penalties[]` or `post_race_penalties[]` makes the car DSQ.
 */
import {
  formatDuration,
  lineIssue,
  MAX_DURATION_MS,
  MAX_LAPS,
  readCount,
  readText,
} from '../imported-row.js';
import type { ImportedRow, ResultsReader } from '../imported-row.js';
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
    return row;
  }
};
