/**
 * iRacing session results JSON (the /data/results/get document, with or without its `data`
 * wrapper): `session_results[]` holds one block per simulated session (practice, qualify, race),
 * each with `results[]`. Positions are 0-based (`finish_position: 0` won); `best_lap_time` is in
 * ten-thousandths of a second, -1 when none; drivers are matched by `cust_id` when a mapping
 * exists, else by car number (`livery.car_number`) or name. Team events list their drivers in
 * `driver_results`.
 */
import {
  formatDuration,
  lineIssue,
  MAX_DURATION_MS,
  MAX_INCIDENTS,
  MAX_LAPS,
  readCount,
  readText,
} from '../imported-row.js';
import type { ImportedRow, ResultsReader } from '../imported-row.js';
import { field, int, isRecord, list, text } from '../json-access.js';
import { arrayElementLines, readJsonDocument } from '../json-lines.js';
import type { Status } from '../../../engine/index.js';

const REASON_OUT: Readonly<Record<string, Status>> = {
  running: 'classified',
  disconnected: 'DNF',
  'car ejected': 'DSQ',
  disqualified: 'DSQ',
  retired: 'DNF',
  dns: 'DNS',
};

/** iRacing times are in ten-thousandths of a second. */
const TICKS_PER_SECOND = 10_000;

export const readIracing: ResultsReader = async (source, file, options, sink) => {
  const doc = await readJsonDocument(source, file);
  if (!doc.ok) {
    doc.issues.forEach((i) => sink.issue(i));
    return {};
  }
  const root = doc.value.value;
  const data = isRecord(field(root, 'data')) ? field(root, 'data') : root;
  const sessions = list(field(data, 'session_results'));
  if (!sessions) {
    sink.issue(
      lineIssue(file, 1, 'import.not-iracing', 'no session_results array: not an iRacing results file'),
    );
    return {};
  }
  const wanted = (options.session ?? 'race').toLowerCase();
  const index = sessions.findIndex(
    (s) =>
      (text(field(s, 'simsession_type_name')) ?? '').toLowerCase() === wanted ||
      (text(field(s, 'simsession_name')) ?? '').toLowerCase() === wanted,
  );
  if (index < 0) {
    sink.issue(
      lineIssue(
        file,
        1,
        'import.no-session',
        `no "${wanted.slice(0, 40)}" session in the file`,
        `Sessions: ${sessions.map((s) => (text(field(s, 'simsession_name')) ?? '?').slice(0, 40)).join(', ')}; choose one with --session.`,
      ),
    );
    return {};
  }
  // The grid: each car's starting_position, else its place in a qualifying session of the file.
  const qualifying = sessions.find(
    (s, i) =>
      i !== index &&
      /qualif/i.test(
        `${text(field(s, 'simsession_type_name')) ?? ''} ${text(field(s, 'simsession_name')) ?? ''}`,
      ),
  );
  const qualified = new Map<string, number>();
  if (qualifying && !/qualif/.test(wanted))
    for (const q of list(field(qualifying, 'results')) ?? []) {
      const place = int(field(q, 'finish_position'));
      const id = int(field(q, 'team_id')) ?? int(field(q, 'cust_id'));
      if (place !== undefined && place >= 0 && id !== undefined) qualified.set(String(id), place + 1);
    }
  const results = list(field(sessions[index], 'results')) ?? [];
  const lines = arrayElementLines(doc.value.text, 'results')[index] ?? [];
  for (const [i, r] of results.entries()) {
    const line = lines[i] ?? 1;
    const row = readRow(r, i, line, results.length);
    if (row) sink.row(row);
  }
  return {};

  function readRow(r: unknown, i: number, line: number, count: number): ImportedRow | undefined {
    const fail = (issue: ReturnType<typeof lineIssue>) => void sink.issue(issue);
    const where = (f: string) => ({ file, line, field: `results[${i}].${f}` });
    if (!isRecord(r)) return fail(lineIssue(file, line, 'import.bad-row', `results[${i}] is not an object`));
    const position = readCount(r['finish_position'], where('finish_position'), count - 1);
    if (!position.ok) return fail(position.issue);
    if (position.value === undefined)
      return fail(lineIssue(file, line, 'import.bad-row', `results[${i}] has no finish_position (0-based)`));
    const inClass = readCount(r['finish_position_in_class'], where('finish_position_in_class'), count - 1);
    if (!inClass.ok) return fail(inClass.issue);
    const laps = readCount(r['laps_complete'], where('laps_complete'), MAX_LAPS);
    if (!laps.ok) return fail(laps.issue);
    const lapsLed = readCount(r['laps_lead'], where('laps_lead'), laps.value ?? MAX_LAPS);
    if (!lapsLed.ok) return fail(lapsLed.issue);
    const incidents = readCount(r['incidents'], where('incidents'), MAX_INCIDENTS);
    if (!incidents.ok) return fail(incidents.issue);
    // -1 means no lap; anything else is a time of at most MAX_DURATION_MS.
    const bestRaw = int(r['best_lap_time']);
    const best =
      bestRaw === -1
        ? { ok: true as const, value: undefined }
        : readCount(r['best_lap_time'], where('best_lap_time'), (MAX_DURATION_MS / 1000) * TICKS_PER_SECOND);
    if (!best.ok) return fail(best.issue);
    const reasonText = readText(text(r['reason_out']), where('reason_out'));
    if (!reasonText.ok) return fail(reasonText.issue);
    const status = REASON_OUT[(reasonText.value ?? 'Running').toLowerCase()] ?? 'DNF';
    const teamDrivers = list(r['driver_results']);
    const names: string[] = [];
    for (const [j, d] of (teamDrivers?.length ? teamDrivers : [r]).entries()) {
      const name = readText(
        text(field(d, 'display_name')),
        where(teamDrivers?.length ? `driver_results[${j}].display_name` : 'display_name'),
      );
      if (!name.ok) return fail(name.issue);
      if (name.value) names.push(name.value);
    }
    const car = readText(text(field(r['livery'], 'car_number')), where('livery.car_number'));
    if (!car.ok) return fail(car.issue);
    const className = readText(
      text(r['car_class_short_name']) ?? text(r['car_class_name']),
      where('car_class_short_name'),
    );
    if (!className.ok) return fail(className.issue);
    const custId = int(r['cust_id']);
    const teamId = int(r['team_id']);
    const teamName = teamDrivers?.length
      ? readText(text(r['display_name']), where('display_name'))
      : undefined;
    if (teamName && !teamName.ok) return fail(teamName.issue);
    const row: { -readonly [K in keyof ImportedRow]: ImportedRow[K] } = { line, drivers: names, status };
    if (status === 'classified') row.position = position.value + 1;
    if (status === 'classified' && inClass.value !== undefined) row.classPosition = inClass.value + 1;
    if (car.value) row.car = car.value;
    if (teamDrivers?.length && teamId !== undefined) row.platformId = `iracing-team:${teamId}`;
    else if (custId !== undefined) row.platformId = `iracing:${custId}`;
    if (teamName?.ok && teamName.value) row.team = teamName.value;
    if (className.value) row.className = className.value;
    if (laps.value !== undefined) row.laps = laps.value;
    if (lapsLed.value !== undefined) row.lapsLed = lapsLed.value;
    if (best.value !== undefined && best.value > 0) {
      row.bestLap = formatDuration(best.value, TICKS_PER_SECOND)!;
      row.bestLapMs = best.value / (TICKS_PER_SECOND / 1000);
    }
    if (incidents.value !== undefined) row.incidents = incidents.value;
    const start = int(r['starting_position']);
    const grid =
      start !== undefined && start >= 0
        ? start + 1
        : qualified.get(String((teamDrivers?.length ? teamId : undefined) ?? custId));
    if (grid !== undefined) row.grid = grid;
    if ((reasonText.value ?? '').toLowerCase() === 'disconnected') row.disconnected = true;
    return row;
  }
};
