/**
 * Assetto Corsa Competizione server results JSON, written by the dedicated server as UTF-16LE.
 * `sessionResult.leaderBoardLines` is in finishing order; each line's `car` has `raceNumber`,
 * `cupCategory` (0 Pro, 1 Pro-Am, 2 Am, 3 Silver, 4 National), `teamName` and `drivers[]` with
 * `playerId` (a Steam id "S7656..."). A car with no lap (`timing.lapCount` 0) did not start.
 */
import { decodeText } from '../decode.js';
import { formatDuration, lineIssue, withClassPositions } from '../imported-row.js';
import type { ImportedRow, ParsedResults, ResultsParser } from '../imported-row.js';
import { field, int, list, text } from '../json-access.js';
import { arrayElementLines, parseJson } from '../json-lines.js';

/** ACC's cup categories, by `cupCategory` number. */
export const ACC_CUP_CATEGORIES: readonly string[] = ['Pro', 'Pro-Am', 'Am', 'Silver', 'National'];

/** ACC marks "no lap" with the largest signed 32-bit integer. */
const NO_LAP = 2147483647;

export const parseAcc: ResultsParser = (bytes, file): ParsedResults => {
  const decoded = decodeText(bytes, file, 'utf-16le');
  if (!decoded.ok) return { rows: [], issues: decoded.issues };
  const parsed = parseJson(decoded.value, file);
  if (!parsed.ok) return { rows: [], issues: parsed.issues };
  const lines = list(field(field(parsed.value, 'sessionResult'), 'leaderBoardLines'));
  if (!lines)
    return {
      rows: [],
      issues: [
        lineIssue(file, 1, 'import.not-acc', 'no sessionResult.leaderBoardLines: not an ACC results file'),
      ],
    };
  const at = arrayElementLines(decoded.value, 'leaderBoardLines')[0] ?? [];
  const rows: ImportedRow[] = [];
  const issues = [];
  let position = 0;
  for (const [i, l] of lines.entries()) {
    const line = at[i] ?? 1;
    const car = field(l, 'car');
    const number = int(field(car, 'raceNumber'));
    const cup = int(field(car, 'cupCategory'));
    if (number === undefined) {
      issues.push(lineIssue(file, line, 'import.bad-row', `leaderBoardLines[${i}] has no car.raceNumber`));
      continue;
    }
    if (cup !== undefined && ACC_CUP_CATEGORIES[cup] === undefined) {
      issues.push(
        lineIssue(
          file,
          line,
          'import.bad-cup',
          `cupCategory ${cup} is not 0-4 (Pro, Pro-Am, Am, Silver, National)`,
        ),
      );
      continue;
    }
    const drivers = (list(field(car, 'drivers')) ?? []).map((d) =>
      `${text(field(d, 'firstName')) ?? ''} ${text(field(d, 'lastName')) ?? ''}`.trim(),
    );
    const playerId = text(field(list(field(car, 'drivers'))?.[0], 'playerId'));
    const laps = int(field(field(l, 'timing'), 'lapCount')) ?? 0;
    const best = int(field(field(l, 'timing'), 'bestLap'));
    const total = int(field(field(l, 'timing'), 'totalTime'));
    const started = laps > 0;
    if (started) position++;
    const team = text(field(car, 'teamName'));
    rows.push({
      line,
      ...(started ? { position } : {}),
      car: String(number),
      ...(playerId ? { platformId: `steam:${playerId.replace(/^S/, '')}` } : {}),
      drivers: drivers.filter(Boolean),
      ...(team ? { team } : {}),
      ...(cup === undefined ? {} : { className: ACC_CUP_CATEGORIES[cup]! }),
      status: started ? 'classified' : 'DNS',
      laps,
      ...(total !== undefined && total > 0 && total !== NO_LAP ? { time: formatDuration(total)! } : {}),
      ...(best !== undefined && best > 0 && best !== NO_LAP ? { bestLap: formatDuration(best)! } : {}),
    });
  }
  return { rows: withClassPositions(rows), issues };
};
