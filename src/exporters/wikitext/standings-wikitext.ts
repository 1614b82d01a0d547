/**
 * Wikitext of a championship's results matrix and of the season's results table, in the shape
 * motorsport season articles use (WikiProject Motorsport colours, bold pole, italic fastest lap,
 * dropped results in parentheses, and the legend), ready to paste into an article.
 */
import type { ChampionshipStandings, Season, SessionCell, StandingRow } from '../../engine/index.js';
import { formatDisplay, officialResults } from '../../engine/index.js';
import { findAlpha3 } from '../../formats/country-codes.js';
import { cellLabel, cellOutcome, LEGEND, OUTCOME_COLOUR } from '../matrix/cell-outcome.js';

/** The colours of WikiProject Motorsport's results key. */
/**
 * Text that must not be read as markup inside a table cell or a heading: link, template, tag,
 * quote, heading (=) and signature (~) characters become character references, and a line break
 * (which would start a new cell, row or list) becomes a space.
 */
export const escapeWikitext = (text: string): string =>
  text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[|[\]{}<>'=~]/g, (c) => `&#${c.charCodeAt(0)};`);

const flag = (nationality: string | undefined): string => {
  const code = nationality && findAlpha3(nationality);
  return code ? `{{flagicon|${code}}} ` : '';
};

/** The background of one matrix cell. */
export const cellColour = (cell: SessionCell): string => OUTCOME_COLOUR[cellOutcome(cell)];

/** One matrix cell: `| style="background:#FFFFBF;" | '''''1'''''` (bold pole, italic fastest lap). */
export function cellWikitext(cell: SessionCell | undefined): string {
  if (!cell) return '|';
  let text = cellLabel(cell);
  if (cell.fastestLap) text = `''${text}''`;
  if (cell.pole) text = `'''${text}'''`;
  if (cell.dropped) text = `(${text})`;
  const colour = cellColour(cell);
  const font = cellOutcome(cell) === 'dsq' ? ' color:white;' : '';
  return `| style="background:${colour};${font}" | ${text}`;
}

const letters = (word: string) =>
  word
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();

/**
 * Three-letter column codes as articles print them ("SEB"); when two events would share one
 * (Road America, Road Atlanta), the later takes the start of its last word ("ATL").
 */
export function eventCodes(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let code = letters(name).slice(0, 3);
    if (used.has(code)) code = letters(name.split(/\s+/).at(-1) ?? name).slice(0, 3);
    used.add(code);
    return code;
  });
}

/** The legend box printed beside a results matrix. */
export function legendWikitext(): string {
  return [
    '{|class="wikitable" style="font-size: 85%;"',
    '|-',
    '! Colour !! Result',
    ...LEGEND.flatMap((l) => ['|-', `| style="background:${OUTCOME_COLOUR[l.outcome]};" | || ${l.meaning}`]),
    '|-',
    '| colspan=2 | Bold – Pole position<br />Italics – Fastest lap<br />(Parentheses) – Dropped result',
    '|}',
  ].join('\n');
}

/** The results matrix of one championship (driver or team), with the legend beside it. */
export function standingsWikitext(season: Season, standings: ChampionshipStandings): string {
  const events = [...season.events].sort((a, b) => a.round - b.round);
  const sessionsOf = (eventId: string) => standings.sessions.filter((s) => s.eventId === eventId);
  const shown = events.filter((e) => sessionsOf(e.id).length > 0);
  const codes = eventCodes(shown.map((e) => e.name));
  const nationality = (row: StandingRow): string | undefined =>
    row.competitor.kind === 'team'
      ? season.teams.find((t) => t.id === row.competitor.id)?.nationality
      : season.drivers.find((d) => d.id === row.competitor.id)?.nationality;
  const label = standings.competitorKind === 'team' ? 'Team' : 'Driver';
  const lines = [
    '{|',
    '|',
    '{|class="wikitable" style="font-size: 85%; text-align:center"',
    '|-',
    `! Pos.`,
    `! ${label}`,
    ...shown.map((e, i) => {
      const span = sessionsOf(e.id).length;
      const flagged = flag(e.country);
      return `! ${span > 1 ? `colspan=${span} | ` : ''}${codes[i]}<br />${flagged.trim()}`;
    }),
    '! Points',
  ];
  for (const row of standings.rows) {
    lines.push('|-');
    lines.push(`! ${row.position}${row.shared ? '=' : ''}`);
    lines.push(`| align=left | ${flag(nationality(row))}${escapeWikitext(row.competitor.name)}`);
    for (const e of shown) {
      for (const s of sessionsOf(e.id)) {
        const cells = row.cells.filter((c) => c.sessionId === s.id);
        // A team scores several cars per session: one line per car, best first.
        if (cells.length <= 1) lines.push(cellWikitext(cells[0]));
        else
          lines.push(
            cells
              .slice()
              .sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9))
              .map((c) => cellWikitext(c).replace(/^\| style="[^"]*" \| /, ''))
              .join('<br />')
              .replace(/^/, '| '),
          );
      }
    }
    lines.push(`! ${formatDisplay(row.points)}`);
  }
  lines.push('|}', '| valign="top" |', legendWikitext(), '|}');
  return `${lines.join('\n')}\n`;
}

/** The season's results table: per race, pole, fastest lap, winner, winning team and class winners. */
export function resultsTableWikitext(season: Season): string {
  const events = [...season.events].sort((a, b) => a.round - b.round);
  const otherClasses = season.classes.slice(1);
  const entry = (id: string) => season.entries.find((e) => e.id === id);
  const driver = (id: string) => season.drivers.find((d) => d.id === id);
  const team = (id: string) => season.teams.find((t) => t.id === id);
  const driversOf = (entryId: string, driverId?: string): string => {
    const e = entry(entryId);
    const ids = driverId ? [driverId] : (e?.driverIds ?? []);
    return ids
      .map((id) => driver(id))
      .map((d) => (d ? `${flag(d.nationality)}${escapeWikitext(d.name)}` : ''))
      .join('<br />');
  };
  const official = officialResults(season);
  const award = (sessionId: string, kind: 'pole' | 'fastest-lap') =>
    season.awards
      .filter((a) => a.sessionId === sessionId && a.award === kind && a.scope === 'overall')
      .map((a) => driversOf(a.entryId, a.driverId))
      .join('<br />');
  const lines = [
    '{| class="wikitable" style="font-size: 90%;"',
    '|-',
    '! Round !! Circuit !! Date !! Pole position !! Fastest lap !! Winning driver !! Winning team' +
      otherClasses.map((c) => ` !! Winning ${escapeWikitext(c.name)}`).join(''),
  ];
  for (const e of events) {
    const sessions = season.sessions.filter((s) => s.eventId === e.id && s.race !== undefined);
    sessions.forEach((s, i) => {
      // The official classification (penalties applied), with the engine's class positions.
      const rows = official.find(s.id)?.rows ?? [];
      const winner = rows.find((r) => r.position === 1)?.row;
      const winnerTeam = winner && team(entry(winner.entryId)?.teamId ?? '');
      const classWinner = (classId: string) => {
        const best = rows.find((r) => r.classId === classId && r.classPosition === 1);
        return best ? driversOf(best.row.entryId) : '';
      };
      lines.push('|-');
      lines.push(`! ${s.race}`);
      if (i === 0) {
        const span = sessions.length > 1 ? `rowspan=${sessions.length} | ` : '';
        const place = [e.circuit, e.city].filter(Boolean).join(', ');
        lines.push(`| ${span}${flag(e.country)}${escapeWikitext(place)}`);
        lines.push(`| ${span}${formatDates(e.start, e.end)}`);
      }
      lines.push(`| ${award(s.id, 'pole')}`);
      lines.push(`| ${award(s.id, 'fastest-lap')}`);
      lines.push(`| ${winner ? driversOf(winner.entryId, winner.driverIds?.[0]) : ''}`);
      lines.push(
        `| ${winnerTeam ? `${flag(winnerTeam.nationality)}${escapeWikitext(winnerTeam.name)}` : ''}`,
      );
      for (const c of otherClasses) lines.push(`| ${classWinner(c.id)}`);
    });
  }
  lines.push('|}');
  return `${lines.join('\n')}\n`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "March 13–15", "October 30 – November 1" from ISO dates. */
export function formatDates(start: string | undefined, end: string | undefined): string {
  if (!start) return '';
  const [, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const from = `${MONTHS[sm - 1]} ${sd}`;
  if (!end || end === start) return from;
  const [, em, ed] = end.split('-').map(Number) as [number, number, number];
  return em === sm ? `${from}–${ed}` : `${from} – ${MONTHS[em - 1]} ${ed}`;
}
