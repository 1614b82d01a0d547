/**
 * MYLAPS Speedhive classification JSON (the event results API's session classification):
 * `rows[]` with `position`, `startNumber`, `name`, `resultClass`, `positionInClass`,
 * `numberOfLaps`, `totalTime`, `bestTime` and `status` ("Normal", "DNF", "DNS", "DQ" ...).
 */
import {
  lapTimeMs,
  lineIssue,
  MAX_LAPS,
  MAX_POSITION,
  parseStatus,
  readCount,
  readText,
} from '../imported-row.js';
import type { ImportedRow, ResultsReader } from '../imported-row.js';
import { isRecord, list, text } from '../json-access.js';
import { arrayElementLines, readJsonDocument } from '../json-lines.js';

export const readSpeedhive: ResultsReader = async (source, file, _options, sink) => {
  const doc = await readJsonDocument(source, file);
  if (!doc.ok) {
    doc.issues.forEach((i) => sink.issue(i));
    return {};
  }
  const { value, text: json } = doc.value;
  const rowsJson = list(isRecord(value) ? value['rows'] : undefined);
  if (!rowsJson) {
    sink.issue(lineIssue(file, 1, 'import.not-speedhive', 'no rows array: not a Speedhive classification'));
    return {};
  }
  const at = arrayElementLines(json, 'rows')[0] ?? [];
  for (const [i, r] of rowsJson.entries()) {
    const line = at[i] ?? 1;
    const where = (field: string) => ({ file, line, field: `rows[${i}].${field}` });
    const fail = (issue: ReturnType<typeof lineIssue>) => sink.issue(issue);
    if (!isRecord(r)) {
      fail(lineIssue(file, line, 'import.bad-row', `rows[${i}] is not an object`));
      continue;
    }
    const statusText = text(r['status']) ?? 'Normal';
    const status = parseStatus(statusText);
    if (!status) {
      fail(
        lineIssue(
          file,
          line,
          'import.bad-status',
          `rows[${i}].status "${statusText.slice(0, 40)}" not understood`,
        ),
      );
      continue;
    }
    const position = readCount(r['position'], where('position'), Math.min(MAX_POSITION, rowsJson.length), 1);
    if (!position.ok) {
      fail(position.issue);
      continue;
    }
    const inClass = readCount(
      r['positionInClass'],
      where('positionInClass'),
      Math.min(MAX_POSITION, rowsJson.length),
      1,
    );
    if (!inClass.ok) {
      fail(inClass.issue);
      continue;
    }
    const laps = readCount(r['numberOfLaps'], where('numberOfLaps'), MAX_LAPS);
    if (!laps.ok) {
      fail(laps.issue);
      continue;
    }
    const texts: Record<string, string> = {};
    let bad = false;
    for (const key of [
      'startNumber',
      'name',
      'resultClass',
      'competitorId',
      'transponder',
      'totalTime',
      'bestTime',
    ]) {
      const t = readText(text(r[key]), where(key));
      if (!t.ok) {
        fail(t.issue);
        bad = true;
        break;
      }
      if (t.value !== undefined) texts[key] = t.value;
    }
    if (bad) continue;
    const car = texts['startNumber'];
    const name = texts['name'];
    if (!car && !name) {
      fail(lineIssue(file, line, 'import.no-identity', `rows[${i}] has no startNumber or name`));
      continue;
    }
    const competitor = texts['competitorId'] ?? texts['transponder'];
    const row: { -readonly [K in keyof ImportedRow]: ImportedRow[K] } = {
      line,
      drivers: name ? name.split(/\s*[/;]\s*/).filter(Boolean) : [],
      status,
    };
    if (position.value !== undefined && status === 'classified') row.position = position.value;
    if (inClass.value !== undefined && status === 'classified') row.classPosition = inClass.value;
    if (car) row.car = car;
    if (competitor) row.platformId = `speedhive:${competitor}`;
    if (texts['resultClass']) row.className = texts['resultClass'];
    if (laps.value !== undefined) row.laps = laps.value;
    if (texts['totalTime']) row.time = texts['totalTime'];
    if (texts['bestTime']) {
      row.bestLap = texts['bestTime'];
      const ms = lapTimeMs(row.bestLap);
      if (ms !== undefined) row.bestLapMs = ms;
    }
    sink.row(row);
  }
  return {};
};
