/**
 * rFactor 2 and Le Mans Ultimate XML results: `rFactorXML > RaceResults > Race` (or Qualify,
 * Practice1 ...) holds one `Driver` element per car with `Name`, `CarNumber`, `TeamName`,
 * `CarClass`, `Position`, `ClassPosition`, `Laps`, `BestLapTime`, `FinishTime`, `FinishStatus`
 * ("Finished Normally", "DNF", "DQ", "None") and, online, `SteamID`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeText } from '../decode.js';
import { formatDuration, lineIssue, parseStatus } from '../imported-row.js';
import type { ImportedRow, ParsedResults, ResultsParser } from '../imported-row.js';
import { field, int, list, text } from '../json-access.js';

const FINISH_STATUS: Readonly<Record<string, 'classified' | 'DNF' | 'DSQ' | 'DNS'>> = {
  'finished normally': 'classified',
  dnf: 'DNF',
  dq: 'DSQ',
  none: 'DNS',
};

export const parseRfactor: ResultsParser = (bytes, file, options): ParsedResults => {
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return { rows: [], issues: decoded.issues };
  const valid = XMLValidator.validate(decoded.value);
  if (valid !== true)
    return {
      rows: [],
      issues: [lineIssue(file, valid.err.line, 'import.xml-syntax', `not valid XML: ${valid.err.msg}`)],
    };
  // The validator and the parser disagree on some broken declarations (a quote inside `<?xml`):
  // whatever the parser still rejects is bad input too, reported, never thrown.
  let doc: unknown;
  try {
    doc = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      isArray: (name) => name === 'Driver',
    }).parse(decoded.value) as unknown;
  } catch (e) {
    return { rows: [], issues: [lineIssue(file, 1, 'import.xml-syntax', `not valid XML: ${(e as Error).message}`)] };
  }
  const results = field(field(doc, 'rFactorXML'), 'RaceResults');
  const wanted = options.session ?? 'Race';
  const session = field(results, wanted);
  const drivers = list(field(session, 'Driver'));
  if (!drivers)
    return {
      rows: [],
      issues: [
        lineIssue(
          file,
          1,
          'import.no-session',
          `no rFactorXML > RaceResults > ${wanted} > Driver elements`,
          'Choose the session with --session (Race, Qualify ...).',
        ),
      ],
    };
  // The line of each <Driver> of the chosen session, for reporting.
  const start = decoded.value.search(new RegExp(`<${wanted}[\\s>]`));
  const lines: number[] = [];
  const re = /<Driver[\s>]/g;
  re.lastIndex = Math.max(0, start);
  let line = decoded.value.slice(0, Math.max(0, start)).split('\n').length;
  let last = Math.max(0, start);
  for (let m = re.exec(decoded.value); m && lines.length < drivers.length; m = re.exec(decoded.value)) {
    for (let i = last; i < m.index; i++) if (decoded.value.charCodeAt(i) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  const rows: ImportedRow[] = [];
  const issues = [];
  for (const [i, d] of drivers.entries()) {
    const at = lines[i] ?? 1;
    const statusText = (text(field(d, 'FinishStatus')) ?? 'Finished Normally').trim();
    const status = FINISH_STATUS[statusText.toLowerCase()] ?? parseStatus(statusText);
    const position = int(field(d, 'Position'));
    const name = text(field(d, 'Name'));
    if (!status || position === undefined || !name) {
      issues.push(
        lineIssue(
          file,
          at,
          'import.bad-row',
          `Driver ${i + 1}: needs Name, Position and a known FinishStatus (got "${statusText}")`,
        ),
      );
      continue;
    }
    const best = Number(text(field(d, 'BestLapTime')));
    const finish = Number(text(field(d, 'FinishTime')));
    const car = text(field(d, 'CarNumber'));
    const team = text(field(d, 'TeamName'));
    const className = text(field(d, 'CarClass'));
    const classPosition = int(field(d, 'ClassPosition'));
    const laps = int(field(d, 'Laps'));
    const steam = text(field(d, 'SteamID'));
    rows.push({
      line: at,
      ...(status === 'classified' ? { position } : {}),
      ...(classPosition !== undefined && status === 'classified' ? { classPosition } : {}),
      ...(car ? { car } : {}),
      ...(steam && steam !== '0' ? { platformId: `steam:${steam}` } : {}),
      drivers: [name],
      ...(team ? { team } : {}),
      ...(className ? { className } : {}),
      status,
      ...(laps === undefined ? {} : { laps }),
      ...(finish > 0 ? { time: formatDuration(finish, 1)! } : {}),
      ...(best > 0 ? { bestLap: formatDuration(best, 1)! } : {}),
    });
  }
  return { rows, issues };
};
