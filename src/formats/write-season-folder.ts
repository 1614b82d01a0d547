/**
 * Writing a season back to its folder format (docs/season-format.md). Loading what this writes
 * gives the same season. Files are written into a temporary folder and renamed into place, so a
 * failure never leaves half a season behind.
 */
import { join } from 'node:path';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { stringify as stringifyYaml } from 'yaml';
import { formatExact } from '../engine/index.js';
import type { Season } from '../engine/index.js';
import { compact } from './compact.js';
import { replaceFolder } from './replace-folder.js';
import { formatResultStates, RESULT_STATES_FILE } from './result-states.js';
import { formatRounds } from './season-schema.js';

const csv = (header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]) =>
  stringifyCsv([header, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))]);

/** The files of a season folder as name -> text (rulebook.yaml is given as text). */
export function seasonFolderFiles(season: Season, rulebookYaml: string): Map<string, string> {
  const files = new Map<string, string>();
  const meta = {
    id: season.id,
    aliases: season.aliases,
    name: season.name,
    year: season.year,
    series: season.series,
    rulebook: 'rulebook.yaml',
    classes: season.classes,
    events: [...season.events]
      .sort((a, b) => a.round - b.round)
      .map((e) =>
        compact({
          id: e.id,
          round: e.round,
          name: e.name,
          circuit: e.circuit,
          city: e.city,
          country: e.country,
          start: e.start,
          end: e.end,
          tags: e.tags,
          sessions: season.sessions
            .filter((s) => s.eventId === e.id)
            .map((s) =>
              compact({
                id: s.id,
                type: s.type,
                race: s.race,
                name: s.name,
                scheduled_laps: s.scheduledLaps,
                distance_share: s.distanceShare && formatExact(s.distanceShare),
                points_factor: s.pointsFactor && formatExact(s.pointsFactor),
                points_scale: s.pointsScale,
                note: s.note,
              }),
            ),
        }),
      ),
    notes: season.notes,
    sources: season.sources?.map((s) =>
      compact({
        name: s.name,
        url: s.url,
        licence: s.licence,
        licence_url: s.licenceUrl,
        version: s.version,
        credit: s.credit,
      }),
    ),
  };
  files.set('season.yaml', stringifyYaml(meta, { lineWidth: 0 }));
  files.set('rulebook.yaml', rulebookYaml);
  files.set(
    'drivers.csv',
    csv(
      ['id', 'name', 'nationality'],
      season.drivers.map((d) => [d.id, d.name, d.nationality]),
    ),
  );
  files.set(
    'teams.csv',
    csv(
      ['id', 'name', 'nationality'],
      season.teams.map((t) => [t.id, t.name, t.nationality]),
    ),
  );
  const round = new Map(season.events.map((e) => [e.id, e.round]));
  const allRounds = season.events.map((e) => e.round);
  const hasNominated = season.entries.some((e) => e.nominated !== undefined);
  // The entrant, engine and tyres columns are written only when some entry has them (F1).
  const details = (['entrant', 'engine', 'tyres'] as const).filter((k) =>
    season.entries.some((e) => e[k] !== undefined),
  );
  files.set(
    'entries.csv',
    csv(
      [
        'id',
        'car',
        'team',
        'drivers',
        'class',
        'rounds',
        'eligible',
        ...(hasNominated ? ['nominated'] : []),
        ...details,
        'note',
      ],
      season.entries.map((e) => [
        e.id,
        e.car,
        e.teamId,
        e.driverIds.join(';'),
        e.classId,
        formatRounds(
          e.eventIds.map((id) => round.get(id)!),
          allRounds,
        ),
        String(e.eligible),
        ...(hasNominated ? [e.nominated === undefined ? undefined : String(e.nominated)] : []),
        ...details.map((k) => e[k]),
        e.note,
      ]),
    ),
  );
  for (const c of season.classifications) {
    files.set(
      join('results', `${c.sessionId}.csv`),
      csv(
        ['position', 'entry', 'drivers', 'status', 'laps', 'laps_led', 'time', 'note'],
        c.rows.map((r) => [
          r.position,
          r.entryId,
          r.driverIds?.join(';'),
          r.status,
          r.laps,
          r.lapsLed,
          r.time,
          r.note,
        ]),
      ),
    );
  }
  files.set(
    'awards.csv',
    csv(
      ['session', 'award', 'scope', 'entry', 'driver', 'note'],
      season.awards.map((a) => [a.sessionId, a.award, a.scope, a.entryId, a.driverId, a.note]),
    ),
  );
  const states = new Map(
    season.classifications.flatMap((c) => (c.state ? [[c.sessionId, c.state] as const] : [])),
  );
  if (states.size) files.set(RESULT_STATES_FILE, formatResultStates(states));
  if (season.adjustments.length) {
    files.set(
      'adjustments.yaml',
      stringifyYaml(
        season.adjustments.map((a) =>
          compact({
            kind: a.kind,
            championship: a.championshipId,
            driver: a.driverId,
            team: a.teamId,
            points: 'points' in a ? formatExact(a.points) : undefined,
            session: 'sessionId' in a ? a.sessionId : undefined,
            reason: a.reason,
          }),
        ),
      ),
    );
  }
  if (season.published.length) {
    files.set(
      'published.csv',
      csv(
        ['championship', 'after_race', 'position', 'competitor', 'points', 'note'],
        season.published.map((p) => [
          p.championshipId,
          p.afterRace,
          p.excluded ? 'EX' : (p.position ?? '-'),
          p.competitorId,
          p.points === undefined ? '-' : formatExact(p.points),
          p.note,
        ]),
      ),
    );
  }
  return files;
}

/** Writes a season folder at `dir` (replacing it) atomically: temp folder first, then rename. */
export async function writeSeasonFolder(season: Season, rulebookYaml: string, dir: string): Promise<void> {
  await replaceFolder(dir, seasonFolderFiles(season, rulebookYaml));
}
