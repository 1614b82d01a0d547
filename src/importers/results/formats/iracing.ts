/**
 * iRacing session results JSON (the /data/results/get document, with or without its `data`
 * wrapper): `session_results[]` holds one block per simulated session (practice, qualify, race),
 * each with `results[]`. Positions are 0-based (`finish_position: 0` won); `best_lap_time` is in
 * ten-thousandths of a second, -1 when none; drivers are matched by `cust_id` when a mapping
 * exists, else by car number (`livery.car_number`) or name. Team events list their drivers in
 * `driver_results`.
 */
import { decodeText } from '../decode.js';
import { lineIssue, formatDuration, withClassPositions } from '../imported-row.js';
import type { ImportedRow, ParsedResults, ResultsParser } from '../imported-row.js';
import { field, int, isRecord, list, text } from '../json-access.js';
import { arrayElementLines, parseJson } from '../json-lines.js';
import type { Status } from '../../../engine/index.js';

const REASON_OUT: Readonly<Record<string, Status>> = {
  running: 'classified',
  disconnected: 'DNF',
  'car ejected': 'DSQ',
  disqualified: 'DSQ',
  retired: 'DNF',
  dns: 'DNS',
};

export const parseIracing: ResultsParser = (bytes, file, options): ParsedResults => {
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return { rows: [], issues: decoded.issues };
  const parsed = parseJson(decoded.value, file);
  if (!parsed.ok) return { rows: [], issues: parsed.issues };
  const doc = isRecord(field(parsed.value, 'data')) ? field(parsed.value, 'data') : parsed.value;
  const sessions = list(field(doc, 'session_results'));
  if (!sessions)
    return {
      rows: [],
      issues: [
        lineIssue(file, 1, 'import.not-iracing', 'no session_results array: not an iRacing results file'),
      ],
    };
  const wanted = (options.session ?? 'race').toLowerCase();
  const index = sessions.findIndex(
    (s) =>
      (text(field(s, 'simsession_type_name')) ?? '').toLowerCase() === wanted ||
      (text(field(s, 'simsession_name')) ?? '').toLowerCase() === wanted,
  );
  if (index < 0)
    return {
      rows: [],
      issues: [
        lineIssue(
          file,
          1,
          'import.no-session',
          `no "${wanted}" session in the file`,
          `Sessions: ${sessions.map((s) => text(field(s, 'simsession_name')) ?? '?').join(', ')}; choose one with --session.`,
        ),
      ],
    };
  const results = list(field(sessions[index], 'results')) ?? [];
  const lines = arrayElementLines(decoded.value, 'results')[index] ?? [];
  const rows: ImportedRow[] = [];
  const issues = [];
  for (const [i, r] of results.entries()) {
    const line = lines[i] ?? 1;
    const position = int(field(r, 'finish_position'));
    if (!isRecord(r) || position === undefined || position < 0) {
      issues.push(lineIssue(file, line, 'import.bad-row', `results[${i}] has no finish_position (0-based)`));
      continue;
    }
    const reason = (text(field(r, 'reason_out')) ?? 'Running').toLowerCase();
    const status = REASON_OUT[reason] ?? 'DNF';
    const custId = int(field(r, 'cust_id'));
    const teamId = int(field(r, 'team_id'));
    const teamDrivers = list(field(r, 'driver_results'));
    const drivers = teamDrivers?.length
      ? teamDrivers.map((d) => text(field(d, 'display_name')) ?? '').filter(Boolean)
      : [text(field(r, 'display_name')) ?? ''].filter(Boolean);
    const car = text(field(field(r, 'livery'), 'car_number'));
    const best = int(field(r, 'best_lap_time'));
    const inClass = int(field(r, 'finish_position_in_class'));
    const laps = int(field(r, 'laps_complete'));
    const lapsLed = int(field(r, 'laps_lead'));
    const incidents = int(field(r, 'incidents'));
    const className = text(field(r, 'car_class_short_name')) ?? text(field(r, 'car_class_name'));
    const platformId =
      teamDrivers?.length && teamId !== undefined
        ? `iracing-team:${teamId}`
        : custId === undefined
          ? undefined
          : `iracing:${custId}`;
    rows.push({
      line,
      ...(status === 'classified' ? { position: position + 1 } : {}),
      ...(inClass === undefined || status !== 'classified' ? {} : { classPosition: inClass + 1 }),
      ...(car ? { car } : {}),
      ...(platformId ? { platformId } : {}),
      drivers,
      ...(teamDrivers?.length && text(field(r, 'display_name'))
        ? { team: text(field(r, 'display_name'))! }
        : {}),
      ...(className ? { className } : {}),
      status,
      ...(laps === undefined ? {} : { laps }),
      ...(lapsLed === undefined ? {} : { lapsLed }),
      ...(best !== undefined && best > 0 ? { bestLap: formatDuration(best, 10_000)! } : {}),
      ...(incidents === undefined ? {} : { incidents }),
    });
  }
  // Non-running cars keep their order after the classified ones.
  return { rows: withClassPositions(rows), issues };
};
