/**
 * Rebuilding a season from the text form of its article (tables flattened to `|`-separated rows,
 * row spans lost): the calendar, the entry list with its lost team and car-number spans restored,
 * race classifications from the Overall block of the standings matrix, overall poles and fastest
 * laps from the results table, the points table as a rulebook, and every standings block as
 * published figures. Tables of a shape it does not know are reported, never guessed at.
 */
import { stringify } from 'yaml';
import { parseFraction } from '../../engine/index.js';
import type {
  Award,
  Classification,
  ClassificationRow,
  CompetitionClass,
  Driver,
  Entry,
  Event,
  Issue,
  PublishedStanding,
  Result,
  Season,
  Session,
  Status,
} from '../../engine/index.js';
import { findAlpha2 } from '../../formats/country-codes.js';
import { closestNames, normalizeName, slugify } from '../shared/names.js';
import { readArticleText } from './article-tables.js';
import type { ArticleCell, ArticleRow, ArticleTable } from './article-tables.js';
import { circuitEvent } from './circuits.js';

export interface ImportedArticle {
  readonly season: Season;
  readonly rulebookYaml: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const CELL_STATUS: Readonly<Record<string, Status>> = {
  ret: 'DNF',
  dnf: 'DNF',
  dns: 'DNS',
  wd: 'WD',
  ex: 'EX',
  dsq: 'DSQ',
  dq: 'DSQ',
  nc: 'NC',
};

const COUNT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

/** Words that say what a team is rather than who (dropped from the short form used in entry ids). */
const GENERIC_TEAM_WORDS = new Set(['racing', 'motorsport', 'motorsports', 'llc', 'team', 'inc', 'ltd']);

const pad = (n: number) => String(n).padStart(2, '0');
const texts = (row: ArticleRow) => row.cells.map((c) => c.text);
const nonEmpty = (row: ArticleRow) => row.cells.filter((c) => c.text !== '');
const lower = (s: string) => s.toLowerCase().replace(/\.$/, '').trim();

/** "USA Loek Hartog" -> { code: "US", name: "Loek Hartog" }; unknown three-letter prefixes stay in the name. */
function flagged(text: string): { name: string; code?: string } {
  const m = /^([A-Z]{3})\s+(.+)$/.exec(text.trim());
  const code = m && findAlpha2(m[1]!);
  return code ? { name: m[2]!.trim(), code } : { name: text.trim() };
}

/** The short team name used inside entry ids: "JDX Racing" -> "jdx", "Baby Bull Racing" -> "baby-bull". */
export function teamShortNames(names: readonly string[]): Map<string, string> {
  const words = (name: string) => normalizeName(name).split(' ').filter(Boolean);
  const firstRun = (name: string) => {
    const ws = words(name);
    const out = [ws[0]!];
    // An all-capitals word after the first (a company suffix such as "FMS") is not part of the short name.
    const original = name.split(/\s+/);
    for (let i = 1; i < ws.length; i++) {
      if (GENERIC_TEAM_WORDS.has(ws[i]!) || ws[i] === 'x') break;
      if (/^[A-Z]{2,}$/.test(original[i] ?? '')) break;
      out.push(ws[i]!);
    }
    return out.join('-');
  };
  const meaningful = (name: string) =>
    words(name)
      .filter((w) => !GENERIC_TEAM_WORDS.has(w))
      .join('-');
  const result = new Map<string, string>();
  for (const n of names) {
    const others = names.filter((o) => o !== n);
    let short = firstRun(n);
    // Two teams of one family ("Topp Racing", "Topp Racing Performance"): keep the words that tell
    // them apart, or the whole name when nothing does.
    if (others.some((o) => firstRun(o) === short)) {
      short = meaningful(n);
      if (!short || others.some((o) => firstRun(o) === short || meaningful(o) === short)) short = slugify(n);
    }
    result.set(n, short);
  }
  return result;
}

/** Parses "1–4, 6–8", "All" or "5" into round numbers, or undefined when it is not a list of rounds. */
function parseRoundList(text: string, allRounds: readonly number[]): number[] | undefined {
  const t = text.trim();
  if (/^all$/i.test(t)) return [...allRounds];
  if (!/^\d+(\s*[–-]\s*\d+)?(\s*,\s*\d+(\s*[–-]\s*\d+)?)*$/.test(t)) return undefined;
  const rounds: number[] = [];
  for (const part of t.split(',')) {
    const [a, b] = part.split(/[–-]/).map((x) => Number(x.trim()));
    for (let r = a!; r <= (b ?? a!); r++) rounds.push(r);
  }
  return rounds;
}

/** "March 13–15", "October 30 – November 1" with the season's year to ISO dates. */
function parseDates(text: string, year: number): { start: string; end: string } | undefined {
  const m = /^([A-Za-z]+)\s+(\d{1,2})(?:\s*[–-]\s*(?:([A-Za-z]+)\s+)?(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const sm = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const em = m[3] ? MONTHS.indexOf(m[3].toLowerCase()) + 1 : sm;
  if (sm === 0 || em === 0) return undefined;
  const start = `${year}-${pad(sm)}-${pad(Number(m[2]))}`;
  const end = `${year}-${pad(em)}-${pad(Number(m[4] ?? m[2]))}`;
  return { start, end };
}

type TableKind = 'calendar' | 'entries' | 'results' | 'points' | 'matrix';

/** Recognises a table by its header row. */
function tableKind(table: ArticleTable): TableKind | undefined {
  const header = texts(table.rows[0]!).map(lower);
  const h = header.filter(Boolean);
  if (h[0] === 'round' && h[1] === 'circuit' && h[2]?.startsWith('date') && h.length === 3) return 'calendar';
  if (h[0] === 'round' && h[1] === 'circuit' && h.includes('pole position')) return 'results';
  if (h[0] === 'team' && (h[1] === 'no' || h[1] === 'no.') && h[2] === 'driver' && h[3] === 'rounds')
    return 'entries';
  if (h[0] === 'position' && table.rows[1] && lower(table.rows[1].cells[0]?.text ?? '') === 'points')
    return 'points';
  if (h[0] === 'pos' && (h[1] === 'driver' || h[1] === 'team') && h.includes('points')) return 'matrix';
  return undefined;
}

/** Rebuilds a season and a rulebook from an article's text; `file` names the source in issues. */
export function importArticle(text: string, file: string): Result<ImportedArticle> {
  const issues: Issue[] = [];
  const notes: string[] = [
    'Imported from the season article by paddock import-article; row spans lost in the text were restored as described in docs/importers.md.',
  ];
  const problem = (code: string, message: string, line?: number, column?: number, hint?: string) =>
    issues.push({
      code,
      path: [file, ...(line === undefined ? [] : [line])],
      message,
      ...(hint === undefined ? {} : { hint }),
      location: {
        file,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      },
    });

  const article = readArticleText(text);
  const titleMatch = /^(\d{4})\s+(.+)$/.exec(article.title);
  if (!titleMatch) {
    problem('article.no-title', 'the first line must be the title "= <year> <series> ="', 1);
    return { ok: false, issues };
  }
  const year = Number(titleMatch[1]);
  const seriesName = titleMatch[2]!;
  const byKind = new Map<TableKind, ArticleTable[]>();
  for (const t of article.tables) {
    const kind = tableKind(t);
    if (!kind) {
      problem(
        'article.unknown-table',
        `a table under "${t.heading}" has a shape this importer does not know (header: ${texts(t.rows[0]!).join(' | ')})`,
        t.rows[0]!.line,
        undefined,
        'Known tables: calendar (Round | Circuit | Date), entry list (Team | No. | Driver | Rounds), results (Round | Circuit | Date | Pole position ...), points system (Position ... / Points ...), standings matrix (Pos. | Driver | ... | Points).',
      );
      continue;
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
  }
  const one = (kind: TableKind, what: string): ArticleTable | undefined => {
    const found = byKind.get(kind) ?? [];
    if (found.length === 0) problem('article.missing-table', `no ${what} table found`, undefined);
    if (found.length > 1)
      problem(
        'article.several-tables',
        `${found.length} ${what} tables found; expected one`,
        found[1]!.rows[0]!.line,
      );
    return found[0];
  };
  const calendarTable = one('calendar', 'calendar');
  const entryTable = one('entries', 'entry list');
  const resultsTable = one('results', 'results');
  const pointsTable = one('points', 'points system');
  const matrixTables = byKind.get('matrix') ?? [];
  if (matrixTables.length === 0) problem('article.missing-table', 'no standings matrix found');
  if (!calendarTable || !entryTable || !resultsTable || matrixTables.length === 0)
    return { ok: false, issues };

  // Calendar.
  const events: Event[] = [];
  const calendarPlace = new Map<string, number>();
  for (const row of calendarTable.rows.slice(1)) {
    const [roundCell, placeCell, dateCell] = row.cells;
    if (!roundCell || !/^\d+$/.test(roundCell.text) || !placeCell || !dateCell) {
      problem('article.calendar-row', `calendar row not understood: ${texts(row).join(' | ')}`, row.line);
      continue;
    }
    const place = flagged(placeCell.text);
    const [circuit, ...cityParts] = place.name.split(',').map((s) => s.trim());
    const dates = parseDates(dateCell.text, year);
    if (!dates)
      problem('article.bad-date', `date "${dateCell.text}" not understood`, row.line, dateCell.column);
    const { id, name } = circuitEvent(circuit!);
    calendarPlace.set(placeCell.text, events.length);
    events.push({
      id,
      round: Number(roundCell.text),
      name,
      circuit: circuit!,
      ...(cityParts.length ? { city: cityParts.join(', ') } : {}),
      ...(place.code ? { country: place.code } : {}),
      ...(dates ?? {}),
      tags: [],
    });
  }
  const allRounds = events.map((e) => e.round);
  const eventOfRound = new Map(events.map((e) => [e.round, e]));

  // Races, from the results table: a row naming a circuit starts a round, a row without one continues it.
  const sessions: Session[] = [];
  const resultRows: { race: number; row: ArticleRow; cells: readonly ArticleCell[] }[] = [];
  const resultsHeader = texts(resultsTable.rows[0]!).map(lower);
  let eventIndex = -1;
  for (const row of resultsTable.rows.slice(1)) {
    const race = Number(row.cells[0]?.text);
    if (!Number.isInteger(race) || race < 1) {
      problem(
        'article.results-row',
        `results row without a race number: ${texts(row).join(' | ')}`,
        row.line,
      );
      continue;
    }
    const second = row.cells[1]?.text ?? '';
    let cells: readonly ArticleCell[];
    if (calendarPlace.has(second) || eventIndex < 0) {
      const at = calendarPlace.get(second);
      if (at === undefined) {
        problem(
          'article.results-circuit',
          `results row names "${second}", which is not in the calendar`,
          row.line,
          row.cells[1]?.column,
        );
        continue;
      }
      eventIndex = at;
      const dateCell = row.cells[2]?.text ?? '';
      const dates = parseDates(dateCell, year);
      const ev = events[eventIndex]!;
      if (dates && (dates.start !== ev.start || dates.end !== ev.end))
        notes.push(
          `${ev.name} dates: the Calendar table gives ${calendarTable.rows.find((r) => r.cells[1]?.text === second)?.cells[2]?.text ?? '?'} and the Results table gives ${dateCell}. The calendar dates are used.`,
        );
      cells = row.cells.slice(3);
    } else {
      // Row spans lost: the circuit and date cells belong to the row above.
      cells = row.cells.slice(1);
    }
    const ev = events[eventIndex]!;
    sessions.push({ id: `race-${pad(race)}`, eventId: ev.id, type: 'race', name: `Race ${race}`, race });
    resultRows.push({ race, row, cells });
  }
  const sessionOfRace = new Map(sessions.map((s) => [s.race!, s]));

  // The matrix's driver names tell a driver row from a team row in the entry list.
  const matrix = matrixTables[0]!;
  const matrixDrivers = new Set<string>();
  for (const t of matrixTables)
    for (const row of t.rows.slice(1)) {
      const [pos, who] = row.cells;
      if (pos && who && (/^\d+$/.test(pos.text) || pos.text === '–' || pos.text === '-'))
        matrixDrivers.add(normalizeName(flagged(who.text).name));
    }

  // Entry list.
  const classes: CompetitionClass[] = [];
  const drivers: Driver[] = [];
  const teams: { name: string; code?: string }[] = [];
  const draftEntries: {
    car: string;
    team: string;
    driver: string;
    classId: string;
    rounds: number[];
    line: number;
  }[] = [];
  let team: string | undefined;
  let car: string | undefined;
  let driver: string | undefined;
  let classId: string | undefined;
  const addDriver = (d: { name: string; code?: string }) => {
    if (!drivers.some((x) => x.name === d.name))
      drivers.push({ id: slugify(d.name), name: d.name, ...(d.code ? { nationality: d.code } : {}) });
  };
  const addTeam = (t: { name: string; code?: string }) => {
    if (!teams.some((x) => x.name === t.name)) teams.push(t);
  };
  for (const row of entryTable.rows.slice(1)) {
    const cells = nonEmpty(row);
    if (cells.length === 1 && / class$/i.test(cells[0]!.text) && row.cells[0]!.text !== '') {
      const name = cells[0]!.text.replace(/ class$/i, '').trim();
      classId = slugify(name);
      classes.push({ id: classId, name });
      team = car = driver = undefined;
      continue;
    }
    if (!classId) {
      classId = 'overall';
      classes.push({ id: classId, name: 'Overall' });
    }
    const isCar = (c: ArticleCell | undefined) => c !== undefined && /^\d{1,3}$/.test(c.text);
    const roundsOf = (c: ArticleCell) => {
      const r = parseRoundList(c.text, allRounds);
      if (!r) problem('article.bad-rounds', `rounds "${c.text}" not understood`, row.line, c.column);
      return r ?? [];
    };
    let rounds: number[];
    if (cells.length === 4 && isCar(cells[1])) {
      const t = flagged(cells[0]!.text);
      const d = flagged(cells[2]!.text);
      addTeam(t);
      addDriver(d);
      [team, car, driver] = [t.name, cells[1]!.text, d.name];
      rounds = roundsOf(cells[3]!);
    } else if (cells.length === 3 && isCar(cells[0]) && team) {
      const d = flagged(cells[1]!.text);
      addDriver(d);
      [car, driver] = [cells[0]!.text, d.name];
      rounds = roundsOf(cells[2]!);
    } else if (cells.length === 2 && car && driver && team) {
      const who = flagged(cells[0]!.text);
      if (matrixDrivers.has(normalizeName(who.name))) {
        // A driver sharing the car number above (row span of team and number lost).
        addDriver(who);
        driver = who.name;
      } else {
        // A new team for the car and driver above (row span of number and driver lost).
        addTeam(who);
        team = who.name;
      }
      rounds = roundsOf(cells[1]!);
    } else {
      problem(
        'article.entry-row',
        `entry-list row not understood: ${texts(row).join(' | ')}`,
        row.line,
        undefined,
        'Rows are "Team | No. | Driver | Rounds", or continue the row above with "No. | Driver | Rounds", "Team | Rounds" or "Driver | Rounds".',
      );
      continue;
    }
    draftEntries.push({ car: car, team: team, driver: driver, classId, rounds, line: row.line });
  }
  const shortOf = teamShortNames(teams.map((t) => t.name));
  const entries: Entry[] = draftEntries.map((d) => ({
    id: `${d.car}-${shortOf.get(d.team)}-${slugify(d.driver)}`,
    car: d.car,
    teamId: slugify(d.team),
    driverIds: [slugify(d.driver)],
    classId: d.classId,
    eventIds: d.rounds.map((r) => eventOfRound.get(r)?.id ?? `round-${r}`),
    eligible: true,
  }));

  // Names in other tables, matched to the entry list.
  const driverByName = new Map(drivers.map((d) => [normalizeName(d.name), d]));
  const matchDriver = (text: string, line: number, column: number, where: string): Driver | undefined => {
    const { name, code } = flagged(text);
    const exact = driverByName.get(normalizeName(name));
    const found =
      exact ??
      (() => {
        const longer = drivers.filter((d) => normalizeName(d.name).startsWith(`${normalizeName(name)} `));
        return longer.length === 1 ? longer[0] : undefined;
      })();
    if (!found) {
      problem(
        'article.unknown-driver',
        `${where}: "${name}" is not in the entry list`,
        line,
        column,
        `Closest names: ${closestNames(
          name,
          drivers.map((d) => d.name),
        ).join(', ')}.`,
      );
      return undefined;
    }
    if (!exact && !notes.some((n) => n.includes(`"${name}"`)))
      notes.push(`${found.name} is named "${name}" in the ${where}. The entry list's name is used.`);
    if (
      code &&
      found.nationality &&
      code !== found.nationality &&
      !notes.some((n) => n.startsWith(`${found.name} is ${found.nationality}`))
    )
      notes.push(
        `${found.name} is ${found.nationality} in the entry list but ${code} in the ${where}. The entry list wins.`,
      );
    return found;
  };
  const entryFor = (driverId: string, race: number, line: number, column: number): Entry | undefined => {
    const eventId = sessionOfRace.get(race)?.eventId;
    const found = entries.filter(
      (e) => e.driverIds.includes(driverId) && eventId !== undefined && e.eventIds.includes(eventId),
    );
    if (found.length !== 1)
      problem(
        'article.no-entry',
        found.length === 0
          ? `${driverId} has a result in race ${race} but no entry covers that round`
          : `${driverId} has ${found.length} entries in race ${race}`,
        line,
        column,
        'Check the rounds of the driver in the entry list.',
      );
    return found.length === 1 ? found[0] : undefined;
  };

  // Standings matrix: race cells, and every block's published figures.
  const raceCount = sessions.length;
  const classified = new Map<number, { row: ClassificationRow; order: number }[]>();
  const published: PublishedStanding[] = [];
  for (const table of matrixTables) {
    let block: string | undefined;
    const blockRows: {
      pos: string;
      driver: Driver;
      cells: readonly ArticleCell[];
      points: string;
      line: number;
    }[][] = [];
    const blockNames: string[] = [];
    for (const row of table.rows.slice(1)) {
      const cells = row.cells;
      const first = cells[0]?.text ?? '';
      if (nonEmpty(row).length === 1 && first !== '' && !/^\d+$/.test(first)) {
        block = first;
        blockNames.push(first);
        blockRows.push([]);
        continue;
      }
      if (lower(first) === 'pos') continue; // the header repeated under the table
      if (!block) {
        problem('article.matrix-row', 'standings row before any block name (such as "Overall")', row.line);
        continue;
      }
      if (cells.length !== raceCount + 3) {
        problem(
          'article.matrix-width',
          `standings row has ${cells.length - 3} race cells; the results table has ${raceCount} races`,
          row.line,
        );
        continue;
      }
      const driver = matchDriver(cells[1]!.text, row.line, cells[1]!.column, `${block} standings`);
      if (!driver) continue;
      blockRows.at(-1)!.push({
        pos: first,
        driver,
        cells: cells.slice(2, 2 + raceCount),
        points: cells.at(-1)!.text,
        line: row.line,
      });
    }
    blockNames.forEach((name, bi) => {
      const rows = blockRows[bi]!;
      const championshipId = slugify(name);
      if (bi === 0 && table === matrix) {
        rows.forEach((r, order) => {
          r.cells.forEach((cell, i) => {
            const race = i + 1;
            const t = cell.text.replace(/[†‡*]/g, '').trim();
            if (t === '') return;
            let row: ClassificationRow | undefined;
            if (/^\d+$/.test(t)) row = { entryId: '', status: 'classified', position: Number(t) };
            else if (CELL_STATUS[t.toLowerCase()])
              row = { entryId: '', status: CELL_STATUS[t.toLowerCase()]! };
            else {
              problem(
                'article.matrix-cell',
                `race ${race} cell "${cell.text}" is neither a position nor a status`,
                r.line,
                cell.column,
                'Statuses: Ret, DNS, WD, EX, DSQ, NC.',
              );
              return;
            }
            const entry = entryFor(r.driver.id, race, r.line, cell.column);
            if (!entry) return;
            classified.set(race, [
              ...(classified.get(race) ?? []),
              { row: { ...row, entryId: entry.id }, order },
            ]);
          });
        });
      }
      const afterRace = Math.max(0, ...rows.flatMap((r) => r.cells.map((c, i) => (c.text ? i + 1 : 0))));
      for (const r of rows) {
        const position = /^\d+$/.test(r.pos) ? Number(r.pos) : undefined;
        const points = r.points === '–' || r.points === '-' ? undefined : parseFraction(r.points);
        if (points === undefined && r.points !== '–' && r.points !== '-')
          problem('article.bad-points', `points "${r.points}" is not a number`, r.line);
        const statuses = r.cells.map((c) => c.text).filter(Boolean);
        let note: string | undefined;
        if (position === undefined && statuses.length && statuses.every((s) => lower(s) === 'dns'))
          note = 'listed without a position: DNS only';
        const blockClass = classes.find((c) => c.id === championshipId);
        const entryClasses = new Set(
          entries.filter((e) => e.driverIds.includes(r.driver.id)).map((e) => e.classId),
        );
        if (blockClass && !entryClasses.has(blockClass.id)) {
          const e = entries.find((x) => x.driverIds.includes(r.driver.id))!;
          const cls = classes.find((c) => c.id === e.classId)?.name ?? e.classId;
          const teamName = teams.find((t) => slugify(t.name) === e.teamId)?.name ?? e.teamId;
          note = `${cls} entry in the entry list (#${e.car} ${teamName})`;
          notes.push(
            `${r.driver.name} (#${e.car}) is ${cls} in the entry list but appears in the ${blockClass.name} table. The entry list's class is used.`,
          );
        }
        published.push({
          championshipId,
          afterRace,
          competitorId: r.driver.id,
          ...(position === undefined ? {} : { position }),
          ...(points === undefined ? {} : { points }),
          ...(note === undefined ? {} : { note }),
        });
      }
    });
  }
  const classifications: Classification[] = sessions
    .filter((s) => classified.has(s.race!))
    .map((s) => {
      const rows = classified.get(s.race!)!;
      const numbered = rows
        .filter((r) => r.row.position !== undefined)
        .sort((a, b) => a.row.position! - b.row.position!);
      const rest = rows.filter((r) => r.row.position === undefined).sort((a, b) => a.order - b.order);
      return { sessionId: s.id, rows: [...numbered, ...rest].map((r) => r.row) };
    });

  // Poles and fastest laps from the results table (columns after the lost circuit and date).
  const col = (name: string) => resultsHeader.indexOf(name) - 3;
  const poleCol = col('pole position');
  const flCol = col('fastest lap');
  const winnerCol = col('winning driver');
  const awards: Award[] = [];
  for (const { race, row, cells } of resultRows) {
    const session = sessionOfRace.get(race)!;
    for (const [kind, at] of [
      ['pole', poleCol],
      ['fastest-lap', flCol],
    ] as const) {
      const cell = cells[at];
      if (!cell || cell.text === '') continue;
      const driver = matchDriver(cell.text, row.line, cell.column, 'results table');
      const entry = driver && entryFor(driver.id, race, row.line, cell.column);
      if (driver && entry)
        awards.push({
          sessionId: session.id,
          award: kind,
          scope: 'overall',
          entryId: entry.id,
          driverId: driver.id,
        });
    }
    const winnerCell = cells[winnerCol];
    const winner = winnerCell && matchDriver(winnerCell.text, row.line, winnerCell.column, 'results table');
    const first = classified.get(race)?.find((r) => r.row.position === 1);
    if (winner && first && !entries.find((e) => e.id === first.row.entryId)?.driverIds.includes(winner.id))
      notes.push(
        `Race ${race}: the results table names ${winner.name} as the winner, the standings matrix another driver. The matrix is used.`,
      );
  }

  // Points system.
  let rulebookYaml = '';
  if (pointsTable) {
    const header = texts(pointsTable.rows[0]!);
    const values = texts(pointsTable.rows[1]!);
    const scale: number[] = [];
    let pole: number | undefined;
    let fastest: number | undefined;
    header.forEach((h, i) => {
      if (i === 0) return;
      const v = Number(values[i]);
      if (!Number.isFinite(v)) {
        if (h !== '')
          problem(
            'article.bad-points',
            `points "${values[i] ?? ''}" under "${h}" is not a number`,
            pointsTable.rows[1]!.line,
          );
        return;
      }
      if (/^\d+(st|nd|rd|th)$/i.test(h)) scale.push(v);
      else if (/^pole/i.test(h)) pole = v;
      else if (/^(fl|fastest lap)$/i.test(h)) fastest = v;
      else
        problem(
          'article.points-column',
          `points-table column "${h}" not understood`,
          pointsTable.rows[0]!.line,
        );
    });
    const dropSentence = article.prose.find(
      (p) => p.heading === pointsTable.heading && /dropped/i.test(p.text),
    );
    const drop =
      dropSentence &&
      /for the (.+?) championships?, the lowest (\w+) race results before the final round are dropped/i.exec(
        dropSentence.text,
      );
    if (dropSentence && !drop)
      problem(
        'article.drop-rule',
        `drop rule not understood: "${dropSentence.text}"`,
        dropSentence.line,
        undefined,
        'It is left out of the rulebook; add it by hand.',
      );
    const dropClasses = drop
      ? drop[1]!
          .split(/,|\band\b/)
          .map((s) => slugify(s.trim()))
          .filter(Boolean)
      : [];
    const dropCount = drop ? (COUNT_WORDS[drop[2]!.toLowerCase()] ?? Number(drop[2])) : 0;
    const bonuses = (scope: 'overall' | 'class') => [
      ...(pole === undefined ? [] : [{ kind: 'pole', points: pole, scope }]),
      ...(fastest === undefined ? [] : [{ kind: 'fastest-lap', points: fastest, scope }]),
    ];
    const rulebook = {
      id: `${slugify(seriesName)}-${year}`,
      name: `${seriesName} ${year}`,
      source: `${article.title} article, "${pointsTable.heading}"`,
      scales: { points: scale },
      championships: [
        {
          id: 'overall',
          name: 'Overall',
          competitor: 'driver',
          basis: 'overall',
          ineligible: 'keep',
          points: { race: 'points' },
          bonuses: bonuses('overall'),
          tie_breaks: [{ kind: 'countback', places: 'all' }],
          listed: 'started',
        },
        ...classes
          .filter(() => classes.length > 1)
          .map((c) => ({
            id: c.id,
            name: c.name,
            scope: { classes: [c.id] },
            basis: 'class',
            ineligible: 'remove',
            points: { race: 'points' },
            bonuses: bonuses('class'),
            ...(dropClasses.includes(c.id) && Number.isInteger(dropCount) && dropCount > 0
              ? {
                  drops: [
                    { kind: 'drop-lowest', count: dropCount, window: 'before-final-event', applies: 'final' },
                  ],
                }
              : {}),
            tie_breaks: [{ kind: 'countback', places: 'all' }],
            listed: 'started',
          })),
      ],
    };
    const said = article.prose.filter((p) => p.heading === pointsTable.heading).map((p) => `# ${p.text}`);
    rulebookYaml = `# ${seriesName} ${year}, from the season article's points table.\n${said.join('\n')}\n${stringify(rulebook, { lineWidth: 0 })}`;
  }

  if (issues.length) return { ok: false, issues };
  const seriesId = slugify(seriesName);
  const initials = seriesName
    .split(/\s+/)
    .map((w) => w[0]!.toLowerCase())
    .join('');
  const season: Season = {
    id: slugify(article.title),
    name: article.title,
    year,
    series: { id: seriesId, name: seriesName },
    aliases: [`${year}-${initials}`],
    classes,
    events,
    sessions,
    drivers,
    teams: teams.map((t) => ({
      id: slugify(t.name),
      name: t.name,
      ...(t.code ? { nationality: t.code } : {}),
    })),
    entries,
    classifications,
    awards,
    adjustments: [],
    published,
    notes,
  };
  return { ok: true, value: { season, rulebookYaml } };
}
