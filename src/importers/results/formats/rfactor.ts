/**
 * rFactor 2 and Le Mans Ultimate XML results: `rFactorXML > RaceResults > Race` (or Qualify,
 * Practice1 ...) holds one `Driver` element per car with `Name`, `CarNumber`, `TeamName`,
 * `CarClass`, `Position`, `ClassPosition`, `Laps`, `BestLapTime`, `FinishTime`, `FinishStatus`
 * ("Finished Normally", "DNF", "DQ", "None"), `Connected` (0 once the driver has left the
 * server) and, online, `SteamID`. The best lap is the sim's own `BestLapTime` (its best valid
 * lap); without it, the fastest of the `Lap` elements (one lap time in seconds each, "--.----"
 * for a lap without a time).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readDocumentText } from '../decode.js';
import {
  formatDuration,
  lineIssue,
  MAX_DURATION_MS,
  MAX_LAPS,
  MAX_POSITION,
  parseStatus,
  readCount,
  readText,
} from '../imported-row.js';
import type { ImportedRow, ResultsReader } from '../imported-row.js';
import { field, list, text } from '../json-access.js';

const FINISH_STATUS: Readonly<Record<string, 'classified' | 'DNF' | 'DSQ' | 'DNS'>> = {
  'finished normally': 'classified',
  dnf: 'DNF',
  dq: 'DSQ',
  none: 'DNS',
};

/** A time in seconds ("121.1180") as milliseconds; undefined when there is none or it is not a time. */
const seconds = (value: unknown): number | undefined => {
  const t = text(value)?.trim();
  if (!t || !/^\d{1,6}(\.\d+)?$/.test(t)) return undefined;
  const ms = Math.round(Number(t) * 1000);
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
};

export const readRfactor: ResultsReader = async (source, file, options, sink) => {
  const decoded = await readDocumentText(source, file);
  if (!decoded.ok) {
    decoded.issues.forEach((i) => sink.issue(i));
    return {};
  }
  const xml = decoded.value;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    sink.issue(lineIssue(file, valid.err.line, 'import.xml-syntax', `not valid XML: ${valid.err.msg}`));
    return {};
  }
  // The validator and the parser disagree on some broken declarations (a quote inside `<?xml`):
  // whatever the parser still rejects is bad input too, reported, never thrown.
  let doc: unknown;
  try {
    doc = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      isArray: (name) => name === 'Driver' || name === 'Lap',
    }).parse(xml) as unknown;
  } catch (e) {
    sink.issue(lineIssue(file, 1, 'import.xml-syntax', `not valid XML: ${(e as Error).message}`));
    return {};
  }
  const results = field(field(doc, 'rFactorXML'), 'RaceResults');
  const wanted = options.session ?? 'Race';
  const drivers = list(field(field(results, wanted), 'Driver'));
  if (!drivers) {
    sink.issue(
      lineIssue(
        file,
        1,
        'import.no-session',
        `no rFactorXML > RaceResults > ${wanted.slice(0, 40)} > Driver elements`,
        'Choose the session with --session (Race, Qualify ...).',
      ),
    );
    return {};
  }
  const lines = driverLines(xml, wanted, drivers.length);
  for (const [i, d] of drivers.entries()) {
    const row = readRow(d, i, lines[i] ?? 1, drivers.length);
    if (row) sink.row(row);
  }
  return {};

  function readRow(d: unknown, i: number, line: number, count: number): ImportedRow | undefined {
    const fail = (issue: ReturnType<typeof lineIssue>) => void sink.issue(issue);
    const where = (f: string) => ({ file, line, field: `Driver ${i + 1} ${f}` });
    const statusText = (text(field(d, 'FinishStatus')) ?? 'Finished Normally').trim();
    const status = FINISH_STATUS[statusText.toLowerCase()] ?? parseStatus(statusText);
    const position = readCount(
      text(field(d, 'Position')),
      where('Position'),
      Math.min(MAX_POSITION, count),
      1,
    );
    if (!position.ok) return fail(position.issue);
    const name = readText(text(field(d, 'Name')), where('Name'));
    if (!name.ok) return fail(name.issue);
    if (!status || position.value === undefined || !name.value)
      return fail(
        lineIssue(
          file,
          line,
          'import.bad-row',
          `Driver ${i + 1}: needs Name, Position and a known FinishStatus (got "${statusText.slice(0, 40)}")`,
        ),
      );
    const classPosition = readCount(
      text(field(d, 'ClassPosition')),
      where('ClassPosition'),
      Math.min(MAX_POSITION, count),
      1,
    );
    if (!classPosition.ok) return fail(classPosition.issue);
    const laps = readCount(text(field(d, 'Laps')), where('Laps'), MAX_LAPS);
    if (!laps.ok) return fail(laps.issue);
    // GridPos 0 is what rFactor writes for a car that did not take the start.
    const grid = readCount(text(field(d, 'GridPos')), where('GridPos'), MAX_POSITION);
    if (!grid.ok) return fail(grid.issue);
    const texts: Record<string, string> = {};
    for (const key of ['CarNumber', 'TeamName', 'CarClass', 'SteamID']) {
      const t = readText(text(field(d, key)), where(key));
      if (!t.ok) return fail(t.issue);
      if (t.value !== undefined) texts[key] = t.value;
    }
    const lapTimes = (list(field(d, 'Lap')) ?? []).map(seconds).filter((t): t is number => t !== undefined);
    const best = seconds(field(d, 'BestLapTime')) ?? (lapTimes.length ? Math.min(...lapTimes) : undefined);
    const finish = seconds(field(d, 'FinishTime'));
    const row: { -readonly [K in keyof ImportedRow]: ImportedRow[K] } = {
      line,
      drivers: [name.value],
      status,
    };
    if (status === 'classified') row.position = position.value;
    if (status === 'classified' && classPosition.value !== undefined) row.classPosition = classPosition.value;
    if (texts['CarNumber']) row.car = texts['CarNumber'];
    if (texts['SteamID'] && texts['SteamID'] !== '0') row.platformId = `steam:${texts['SteamID']}`;
    if (texts['TeamName']) row.team = texts['TeamName'];
    if (texts['CarClass']) row.className = texts['CarClass'];
    if (laps.value !== undefined) row.laps = laps.value;
    if (grid.value) row.grid = grid.value;
    // Still connected at the end is the norm; a car out of the race that is no longer connected left the server.
    if (status !== 'classified' && text(field(d, 'Connected'))?.trim() === '0') row.disconnected = true;
    if (finish !== undefined) row.time = formatDuration(finish)!;
    if (best !== undefined) {
      row.bestLap = formatDuration(best)!;
      row.bestLapMs = best;
    }
    return row;
  }
};

/** The line of each `<Driver>` of the chosen session, for reporting. */
function driverLines(xml: string, session: string, count: number): number[] {
  const start = Math.max(0, xml.search(new RegExp(`<${session.replace(/[^\w]/g, '')}[\\s>]`)));
  const lines: number[] = [];
  const re = /<Driver[\s>]/g;
  re.lastIndex = start;
  let line = 1;
  for (let i = 0; i < start; i++) if (xml.charCodeAt(i) === 10) line++;
  let last = start;
  for (let m = re.exec(xml); m && lines.length < count; m = re.exec(xml)) {
    for (let i = last; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  return lines;
}
