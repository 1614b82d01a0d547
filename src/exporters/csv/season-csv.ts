/**
 * CSV of a season's results (one row per classification row, with names beside ids) and of
 * championship standings (one row per competitor, one column per race), for spreadsheets.
 */
import { stringify } from 'csv-stringify/sync';
import { SPREADSHEET_SAFE } from './spreadsheet-safe.js';
import { describePenalty, formatDisplay, formatExact, officialResults } from '../../engine/index.js';
import type { Season, SeasonStandings, SessionCell } from '../../engine/index.js';

const STATUS_SHORT: Readonly<Record<string, string>> = { DNF: 'Ret' };

/**
 * Every session's official classification (the engine's: penalties applied, class positions) as
 * one CSV table in calendar order; `penalties` lists a car's penalties with their decisions.
 */
export function resultsCsv(season: Season): string {
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const drivers = new Map(season.drivers.map((d) => [d.id, d.name]));
  const teams = new Map(season.teams.map((t) => [t.id, t.name]));
  const rows: string[][] = [];
  for (const { session, state, rows: official } of officialResults(season).sessions) {
    for (const { row: r, classPosition, penalties } of official) {
      const entry = entries.get(r.entryId);
      rows.push([
        session.id,
        session.race === undefined ? '' : String(session.race),
        session.eventId,
        r.position === undefined ? '' : String(r.position),
        classPosition === undefined ? '' : String(classPosition),
        entry?.car ?? '',
        r.entryId,
        (r.driverIds ?? entry?.driverIds ?? []).map((d) => drivers.get(d) ?? d).join('; '),
        entry ? (teams.get(entry.teamId) ?? entry.teamId) : '',
        entry?.classId ?? '',
        r.status,
        r.laps === undefined ? '' : String(r.laps),
        r.lapsLed === undefined ? '' : String(r.lapsLed),
        r.time ?? '',
        state ?? '',
        penalties.map((p) => `${describePenalty(p.penalty)}: ${p.penalty.reason}`).join('; '),
      ]);
    }
  }
  return stringify(
    [
      [
        'session',
        'race',
        'event',
        'position',
        'class_position',
        'car',
        'entry',
        'drivers',
        'team',
        'class',
        'status',
        'laps',
        'laps_led',
        'time',
        'state',
        'penalties',
      ],
      ...rows,
    ],
    SPREADSHEET_SAFE,
  );
}

/** A matrix cell as plain text: "1", "Ret", with "P" (pole), "FL" and brackets for dropped. */
export function cellText(cell: SessionCell): string {
  const base =
    cell.status === 'classified' ? String(cell.position ?? '') : (STATUS_SHORT[cell.status] ?? cell.status);
  const marks = `${cell.pole ? ' P' : ''}${cell.fastestLap ? ' FL' : ''}`;
  const text = `${base}${marks}`;
  return cell.dropped ? `(${text})` : text;
}

/** Every championship's standings as one CSV table with a column per scored race. */
export function standingsCsv(standings: SeasonStandings): string {
  const races = [...new Set(standings.championships.flatMap((c) => c.sessions.map((s) => s.id)))];
  const raceLabel = new Map(
    standings.championships.flatMap((c) =>
      c.sessions.map((s) => [s.id, s.race === undefined ? s.id : `R${s.race}`]),
    ),
  );
  const rows: string[][] = [];
  for (const c of standings.championships) {
    for (const r of c.rows) {
      rows.push([
        c.id,
        `${r.position}`,
        r.shared ? 'true' : 'false',
        r.competitor.id,
        r.competitor.name,
        formatDisplay(r.points),
        formatExact(r.points),
        ...races.map((id) =>
          r.cells
            .filter((cell) => cell.sessionId === id)
            .map(cellText)
            .join(' / '),
        ),
      ]);
    }
  }
  return stringify(
    [
      [
        'championship',
        'position',
        'shared',
        'competitor',
        'name',
        'points',
        'points_exact',
        ...races.map((id) => raceLabel.get(id) ?? id),
      ],
      ...rows,
    ],
    SPREADSHEET_SAFE,
  );
}
