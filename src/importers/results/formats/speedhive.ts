/**
 * MYLAPS Speedhive classification JSON (the event results API's session classification):
 * `rows[]` with `position`, `startNumber`, `name`, `resultClass`, `positionInClass`,
 * `numberOfLaps`, `totalTime`, `bestTime` and `status` ("Normal", "DNF", "DNS", "DQ" ...).
 */
import { decodeText } from '../decode.js';
import { lineIssue, parseStatus, withClassPositions } from '../imported-row.js';
import type { ImportedRow, ParsedResults, ResultsParser } from '../imported-row.js';
import { field, int, isRecord, list, text } from '../json-access.js';
import { arrayElementLines, parseJson } from '../json-lines.js';

export const parseSpeedhive: ResultsParser = (bytes, file): ParsedResults => {
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return { rows: [], issues: decoded.issues };
  const parsed = parseJson(decoded.value, file);
  if (!parsed.ok) return { rows: [], issues: parsed.issues };
  const rowsJson = list(field(parsed.value, 'rows'));
  if (!rowsJson)
    return {
      rows: [],
      issues: [lineIssue(file, 1, 'import.not-speedhive', 'no rows array: not a Speedhive classification')],
    };
  const at = arrayElementLines(decoded.value, 'rows')[0] ?? [];
  const rows: ImportedRow[] = [];
  const issues = [];
  for (const [i, r] of rowsJson.entries()) {
    const line = at[i] ?? 1;
    if (!isRecord(r)) {
      issues.push(lineIssue(file, line, 'import.bad-row', `rows[${i}] is not an object`));
      continue;
    }
    const statusText = text(r['status']) ?? 'Normal';
    const status = parseStatus(statusText);
    if (!status) {
      issues.push(lineIssue(file, line, 'import.bad-status', `status "${statusText}" not understood`));
      continue;
    }
    const position = int(r['position']);
    const car = text(r['startNumber']);
    const name = text(r['name']);
    if (!car && !name) {
      issues.push(lineIssue(file, line, 'import.no-identity', `rows[${i}] has no startNumber or name`));
      continue;
    }
    const inClass = int(r['positionInClass']);
    const laps = int(r['numberOfLaps']);
    const className = text(r['resultClass']);
    const competitor = text(r['competitorId']) ?? text(r['transponder']);
    rows.push({
      line,
      ...(position !== undefined && status === 'classified' ? { position } : {}),
      ...(inClass !== undefined && status === 'classified' ? { classPosition: inClass } : {}),
      ...(car ? { car } : {}),
      ...(competitor ? { platformId: `speedhive:${competitor}` } : {}),
      drivers: name ? name.split(/\s*[/;]\s*/).filter(Boolean) : [],
      ...(className ? { className } : {}),
      status,
      ...(laps === undefined ? {} : { laps }),
      ...(text(r['totalTime']) ? { time: text(r['totalTime'])! } : {}),
      ...(text(r['bestTime']) ? { bestLap: text(r['bestTime'])! } : {}),
    });
  }
  return { rows: withClassPositions(rows), issues };
};
