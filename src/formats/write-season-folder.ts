/**
 * Writing a season back to its folder format (docs/season-format.md). Loading what this writes
 * gives the same season. Files are written into a temporary folder and renamed into place, so a
 * failure never leaves half a season behind.
 */
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { isSeq, parseDocument, stringify as stringifyYaml } from 'yaml';
import { formatDecimalExact, formatExact } from '../engine/index.js';
import type { Adjustment, Award, Classification, ClassificationRow, Season } from '../engine/index.js';
import { compact } from './compact.js';
import { toFileKeys } from './file-codec.js';
import { replaceFolder } from './replace-folder.js';
import { formatResultStateRows, RESULT_STATES_FILE } from './result-states.js';
import { formatRounds } from './season-schema.js';

const csv = (header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]) =>
  stringifyCsv([header, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))]);

/** The path of a session's results file inside a season folder. */
export const resultsFileName = (sessionId: string): string => `results/${sessionId}.csv`;

/** results/<session>.csv for these rows; the disconnected, best_lap and grid columns only when a row has them. */
export const resultsFileText = (rows: readonly ClassificationRow[]): string => {
  const disconnected = rows.some((r) => r.disconnected !== undefined);
  const bestLap = rows.some((r) => r.bestLap !== undefined);
  const grid = rows.some((r) => r.grid !== undefined);
  return csv(
    [
      'position',
      'entry',
      'drivers',
      'status',
      'laps',
      'laps_led',
      ...(disconnected ? ['disconnected'] : []),
      'time',
      ...(bestLap ? ['best_lap'] : []),
      ...(grid ? ['grid'] : []),
      'note',
    ],
    rows.map((r) => [
      r.position,
      r.entryId,
      r.driverIds?.join(';'),
      r.status,
      r.laps,
      r.lapsLed,
      ...(disconnected ? [r.disconnected === undefined ? undefined : String(r.disconnected)] : []),
      r.time,
      ...(bestLap ? [r.bestLap] : []),
      ...(grid ? [r.grid] : []),
      r.note,
    ]),
  );
};

/** awards.csv for these awards. */
export const awardsFileText = (awards: readonly Award[]): string =>
  csv(
    ['session', 'award', 'scope', 'entry', 'driver', 'note'],
    awards.map((a) => [a.sessionId, a.award, a.scope, a.entryId, a.driverId, a.note]),
  );

/** result-states.csv for the classifications' states (undefined when none has one). */
export function resultStatesFileText(
  classifications: readonly Classification[],
  decisions: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  const rows = classifications.flatMap((c) =>
    c.state ? [{ session: c.sessionId, state: c.state, decision: decisions.get(c.sessionId) }] : [],
  );
  return rows.length ? formatResultStateRows(rows) : undefined;
}

/** An adjustment in the file's names (file-codec.ts), with its points written exactly. */
const adjustmentRecord = (a: Adjustment) =>
  toFileKeys({
    ...a,
    points: 'points' in a ? formatExact(a.points) : undefined,
    seconds: 'seconds' in a ? formatDecimalExact(a.seconds) : undefined,
  });

/**
 * adjustments.yaml with one more adjustment at the end. The existing text is edited as a YAML
 * document, so the comments and layout a person wrote stay as they were.
 */
export function appendAdjustmentText(text: string | undefined, adjustment: Adjustment): string {
  const item = stringifyYaml([adjustmentRecord(adjustment)]);
  if (text === undefined || !text.trim()) return item;
  const doc = parseDocument(text);
  if (doc.errors.length || !(isSeq(doc.contents) || doc.contents === null))
    throw new Error(`appendAdjustmentText: adjustments.yaml is not a list: ${text.slice(0, 80)}`);
  const count = isSeq(doc.contents) ? doc.contents.items.length : 0;
  // A block list at the left margin (as people write it) takes the new item as text: every
  // byte before it stays as it was. Anything else is edited as a document.
  const appended = `${text.endsWith('\n') ? text : `${text}\n`}${item}`;
  const back = parseDocument(appended);
  if (!back.errors.length && isSeq(back.contents) && back.contents.items.length === count + 1)
    return appended;
  doc.add(doc.createNode(adjustmentRecord(adjustment)));
  return doc.toString();
}

export interface FolderExtras {
  /** Decisions that amended final results, by session (written to result-states.csv). */
  readonly decisions?: ReadonlyMap<string, string>;
}

/** The files of a season folder as name -> text (rulebook.yaml is given as text). */
export function seasonFolderFiles(
  season: Season,
  rulebookYaml: string,
  extras: FolderExtras = {},
): Map<string, string> {
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
          timezone: e.timezone,
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
                date: s.date,
                time: s.time,
                duration_minutes: s.durationMinutes,
                note: s.note,
              }),
            ),
        }),
      ),
    notes: season.notes,
    branding: season.branding && {
      ...(season.branding.primary === undefined
        ? {}
        : { colours: compact({ primary: season.branding.primary, text: season.branding.text }) }),
      ...(season.branding.logo === undefined ? {} : { logo: season.branding.logo }),
    },
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
  const hasDriverPoints = season.entries.some((e) => e.driverPoints !== undefined);
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
        ...(hasDriverPoints ? ['driver_points'] : []),
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
        ...(hasDriverPoints ? [e.driverPoints === undefined ? undefined : String(e.driverPoints)] : []),
        ...details.map((k) => e[k]),
        e.note,
      ]),
    ),
  );
  for (const c of season.classifications) files.set(resultsFileName(c.sessionId), resultsFileText(c.rows));
  files.set('awards.csv', awardsFileText(season.awards));
  const states = resultStatesFileText(season.classifications, extras.decisions);
  if (states !== undefined) files.set(RESULT_STATES_FILE, states);
  if (season.adjustments.length)
    files.set('adjustments.yaml', stringifyYaml(season.adjustments.map(adjustmentRecord)));
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
  await replaceFolder(dir, 'season', seasonFolderFiles(season, rulebookYaml));
}
