/**
 * Loading a season folder (docs/season-format.md) into engine values. Every file is read and
 * checked before anything is reported, so one run lists every problem with file:line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { z } from 'zod';
import type {
  Adjustment,
  Award,
  Classification,
  Entry,
  Issue,
  PublishedStanding,
  Result,
  Rulebook,
  Season,
  Session,
} from '../engine/index.js';
import { parseFraction, validateRulebook, validateSeason } from '../engine/index.js';
import { compact } from './compact.js';
import { parseCsv } from './csv-file.js';
import { RESULT_STATES_FILE, resultStateRowSchema } from './result-states.js';
import type { CsvRow } from './csv-file.js';
import { Locations, yamlLocation } from './locate.js';
import { inFileWords } from './file-wording.js';
import { loadRulebookText } from './rulebook-file.js';
import type { LoadedRulebook, PresetResolver } from './rulebook-file.js';
import {
  adjustmentsFileSchema,
  awardRowSchema,
  driverRowSchema,
  entryRowSchema,
  parseRounds,
  publishedRowSchema,
  resultRowSchema,
  seasonFileSchema,
  teamRowSchema,
} from './season-schema.js';
import { parseYaml } from './yaml-file.js';
import type { ParseCache } from './parse-cache.js';
import { normaliseHex } from './branding.js';

/** mappings.yaml: confirmed identities, platform id or name -> driver id (docs/importers.md). */
const mappingsFileSchema = z
  .record(
    z.string(),
    z.string({ message: 'mappings.yaml maps keys to driver ids: `iracing:123456: loek-hartog`' }),
  )
  .nullable()
  .transform((v) => v ?? {});

/** A season folder's files held in memory: `/`-separated relative path -> text. */
export type SeasonFiles = ReadonlyMap<string, string>;

/**
 * The file a folder exported from the database carries to say which revision it came from
 * (`paddock import` refuses to overwrite edits made since). The loader ignores it.
 */
export const REVISION_FILE = 'paddock-revision.yaml';
export const MAPPINGS_FILE = 'mappings.yaml';

export interface LoadedSeason {
  /** Where the files came from: the folder's path, or a label such as "database paddock.db". */
  readonly dir: string;
  /** The files the season was loaded from, exactly as given. */
  readonly files: SeasonFiles;
  /** The rulebook file's path inside the folder (season.yaml's `rulebook:`). */
  readonly rulebookFile: string;
  readonly season: Season;
  readonly rulebook: Rulebook;
  readonly locations: Locations;
  /** Identities confirmed when importing results (mappings.yaml): key -> driver id. */
  readonly mappings: Readonly<Record<string, string>>;
  /** The decisions that amended final results (result-states.csv), by session id. */
  readonly decisions: ReadonlyMap<string, string>;
}

export interface LoadOptions {
  /** Finds the presets a rulebook `extends:` (the built-in library: catalog's resolvePreset). */
  readonly resolvePreset?: PresetResolver;
  /** Prefix of every problem's file: the folder's path; empty for files from the database. */
  readonly origin?: string;
  /**
   * How the season's own problems (an unknown entry in a result ...) are worded: `files` (the
   * default) names the file to edit and its line; `season` keeps the engine's words, paths and
   * codes, for changes made without files (the web editor and the API), which must never be told
   * to fix a CSV file.
   */
  readonly wording?: 'files' | 'season';
  /**
   * Files parsed before, by their text (made with this `resolvePreset`): only changed files are
   * parsed again; the season is still built and checked from every file.
   */
  readonly cache?: ParseCache;
}

/** The largest season file read (a season's biggest, F1's published.csv, is under 1 MB). */
export const MAX_SEASON_FILE_BYTES = 16 * 1024 * 1024;

/** Files of a folder that belong to the season: text the season format or a person may keep there. */
const SEASON_FILE = /\.(ya?ml|csv|md|txt)$/;

/** The line (from 1) of a file's first bytes that are not UTF-8. */
function firstInvalidLine(bytes: Uint8Array, decoder: TextDecoder): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}

/**
 * Reads a season folder into memory: every non-hidden .yaml, .yml, .csv, .md and .txt file,
 * subfolders included, as UTF-8 text exactly as stored. A file that is not UTF-8 is a problem.
 * The files are read synchronously: a season's few dozen small files take a fraction of a
 * millisecond that way, where a promise per open, stat, read and close took about 3 ms.
 */
export async function readSeasonFolder(dir: string): Promise<Result<Map<string, string>>> {
  const files = new Map<string, string>();
  const issues: Issue[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  function walk(sub: string, depth: number): void {
    let entries;
    try {
      entries = readdirSync(join(dir, sub), { withFileTypes: true });
    } catch {
      return;
    }
    const sorted = entries
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const texts = sorted.map((entry) => {
      if (!entry.isFile() || !SEASON_FILE.test(entry.name)) return undefined;
      try {
        const path = join(dir, sub, entry.name);
        if (statSync(path).size > MAX_SEASON_FILE_BYTES) return 'too-big' as const;
        const bytes = readFileSync(path);
        try {
          return decoder.decode(bytes);
        } catch {
          return { notText: firstInvalidLine(bytes, decoder) };
        }
      } catch {
        return null;
      }
    });
    for (const [i, entry] of sorted.entries()) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      const text = texts[i];
      if (entry.isDirectory()) {
        if (depth < 3) walk(rel, depth + 1);
      } else if (text === null) {
        issues.push({
          code: 'file.unreadable',
          path: [rel],
          message: `${rel} cannot be read`,
          hint: 'Check that the file exists and may be read.',
          location: { file: join(dir, rel) },
        });
      } else if (typeof text === 'object') {
        issues.push({
          code: 'file.not-text',
          path: [rel],
          message: `${rel} is not UTF-8 text: line ${text.notText} has bytes that are not UTF-8`,
          hint: 'Save the file as UTF-8.',
          location: { file: join(dir, rel), line: text.notText },
        });
      } else if (text === 'too-big') {
        issues.push({
          code: 'file.too-big',
          path: [rel],
          message: `${rel} is larger than ${MAX_SEASON_FILE_BYTES / 1024 / 1024} MB`,
          hint: 'A season file holds one season; split results by session, or remove the file from the folder.',
          location: { file: join(dir, rel) },
        });
      } else if (text !== undefined) files.set(rel, text);
    }
  }
  walk('', 0);
  return issues.length ? { ok: false, issues } : { ok: true, value: files };
}

/** Loads, converts and validates a season folder on disk: its files read, then `loadSeasonFiles`. */
export async function loadSeasonFolder(
  dir: string,
  resolvePreset: PresetResolver = () => undefined,
): Promise<Result<LoadedSeason>> {
  const files = await readSeasonFolder(dir);
  if (!files.ok) return files;
  return loadSeasonFiles(files.value, { resolvePreset, origin: dir });
}

/** The path a rulebook file names, if it stays inside the season folder. */
function insideFolder(name: string): string | undefined {
  if (!name || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.startsWith('/')) return undefined;
  const normal = posix.normalize(name);
  return normal === '..' || normal.startsWith('../') || normal === '.' ? undefined : normal;
}

/**
 * Loads, converts and validates a season held as files in memory (a folder read from disk, or a
 * revision from the database): the one path from any source to the engine. Every file is checked
 * before anything is reported, so one run lists every problem with file:line:column.
 */
export async function loadSeasonFiles(
  files: SeasonFiles,
  options: LoadOptions = {},
): Promise<Result<LoadedSeason>> {
  const resolvePreset = options.resolvePreset ?? (() => undefined);
  const origin = options.origin ?? '';
  const issues: Issue[] = [];
  const locations = new Locations();
  // Each file's shown path, joined once (every located row and field asks for it).
  const shown = new Map<string, string>();
  const file = (name: string) => {
    let path = shown.get(name);
    if (path === undefined) shown.set(name, (path = origin ? join(origin, name) : name));
    return path;
  };
  const readText = (name: string) => files.get(name);
  const cache = options.cache?.resolvePreset === resolvePreset ? options.cache : undefined;
  // Each file parsed as what it is (the key: its shown path and kind), or kept from before.
  const parsedYaml = <S extends z.ZodType>(text: string, name: string, schema: S) =>
    cache
      ? cache.parse(text, `yaml:${file(name)}`, () => parseYaml(text, file(name), schema))
      : parseYaml(text, file(name), schema);

  const seasonText = readText('season.yaml');
  if (seasonText === undefined) {
    return {
      ok: false,
      issues: [
        {
          code: 'file.missing',
          path: [],
          message: `no season.yaml in ${origin || 'the season files'}`,
          hint: 'A season folder holds season.yaml, rulebook.yaml, drivers.csv, teams.csv, entries.csv and results/.',
          location: { file: file('season.yaml') },
        },
      ],
    };
  }
  const seasonFile = parsedYaml(seasonText, 'season.yaml', seasonFileSchema);
  if (!seasonFile.ok) return seasonFile;
  const meta = seasonFile.value.value;
  const at = (p: readonly (string | number)[]) =>
    yamlLocation(seasonFile.value.doc, seasonFile.value.lines, file('season.yaml'), p);
  const rulebookFile = insideFolder(meta.rulebook);
  if (rulebookFile === undefined) {
    return {
      ok: false,
      issues: [
        {
          code: 'season.rulebook-outside',
          path: ['rulebook'],
          message: `rulebook "${meta.rulebook}" is not a file inside the season folder`,
          hint: 'Name a file in the folder, such as rulebook.yaml; a shared rulebook is a preset it `extends:`.',
          location: at(['rulebook']),
        },
      ],
    };
  }

  const sessions: Session[] = [];
  meta.events.forEach((e, ei) => {
    locations.set(['events', e.id], () => at(['events', ei]));
    e.sessions.forEach((s, si) => {
      locations.set(['sessions', s.id], () => at(['events', ei, 'sessions', si]));
      sessions.push(
        compact({
          id: s.id,
          eventId: e.id,
          type: s.type,
          name: s.name,
          race: s.race,
          scheduledLaps: s.scheduled_laps,
          distanceShare: s.distance_share,
          pointsFactor: s.points_factor,
          pointsScale: s.points_scale,
          date: s.date,
          time: s.time,
          durationMinutes: s.duration_minutes,
          note: s.note,
        }),
      );
    });
  });
  meta.classes.forEach((c, i) => locations.set(['classes', c.id], () => at(['classes', i])));
  const roundToEvent = new Map(meta.events.map((e) => [e.round, e.id]));
  const allRounds = meta.events.map((e) => e.round);

  function table<S extends z.ZodType>(
    name: string,
    schema: S,
    required: readonly string[],
    optional = false,
  ): CsvRow<z.output<S>>[] {
    const text = readText(name);
    if (text === undefined) {
      if (!optional)
        issues.push({
          code: 'file.missing',
          path: [name],
          message: `missing ${name}`,
          location: { file: file(name) },
        });
      return [];
    }
    const parsed = cache
      ? cache.parse(text, `csv:${file(name)}`, () => parseCsv(text, file(name), schema, required))
      : parseCsv(text, file(name), schema, required);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      return [];
    }
    return parsed.value;
  }
  // A row's place, and each of `fields` at [...path, field] with its column (resolved when asked).
  const locate = (
    path: (string | number)[],
    name: string,
    row: CsvRow<unknown>,
    fields: readonly string[] = [],
  ) => {
    locations.setRow(path, { file: file(name), line: row.line }, row.columns, fields);
  };

  const driverRows = table('drivers.csv', driverRowSchema, ['id', 'name']);
  driverRows.forEach((r) => locate(['drivers', r.value.id], 'drivers.csv', r));
  const teamRows = table('teams.csv', teamRowSchema, ['id', 'name']);
  teamRows.forEach((r) => locate(['teams', r.value.id], 'teams.csv', r));

  const entryRows = table('entries.csv', entryRowSchema, ['id', 'car', 'team', 'drivers', 'class', 'rounds']);
  const entries: Entry[] = entryRows.map((r) => {
    const v = r.value;
    locate(['entries', v.id], 'entries.csv', r, ['team', 'drivers', 'class', 'rounds']);
    const eventIds = parseRounds(v.rounds, allRounds).map((round) => {
      const id = roundToEvent.get(round);
      if (id === undefined)
        issues.push({
          code: 'entry.unknown-round',
          path: ['entries', v.id, 'rounds'],
          message: `entry "${v.id}" names round ${round}, which is not in the calendar`,
          hint: `Rounds are ${allRounds.join(', ')}.`,
          location: { file: file('entries.csv'), line: r.line },
        });
      return id ?? `round-${round}`;
    });
    return compact({
      id: v.id,
      car: v.car,
      teamId: v.team,
      driverIds: v.drivers
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean),
      classId: v.class,
      eventIds,
      eligible: v.eligible,
      nominated: v.nominated === undefined ? undefined : v.nominated === 'true',
      driverPoints: v.driver_points === undefined ? undefined : v.driver_points === 'true',
      entrant: v.entrant,
      engine: v.engine,
      tyres: v.tyres,
      note: v.note,
    });
  });

  const classifications: Classification[] = [];
  // A season that has not started yet has no results/ files.
  const resultFiles = [...files.keys()].filter((f) => /^results\/[^/]+\.csv$/.test(f)).sort();
  for (const rel of resultFiles) {
    const sessionId = rel.slice('results/'.length, -'.csv'.length);
    const rows = table(rel, resultRowSchema, ['position', 'entry', 'status']);
    locations.set(['results', sessionId], { file: file(rel), line: 1 });
    classifications.push({
      sessionId,
      rows: rows.map((r, i) => {
        const v = r.value;
        locate(['results', sessionId, i], rel, r, ['position', 'entry', 'drivers', 'status']);
        return compact({
          entryId: v.entry,
          driverIds: v.drivers
            ?.split(';')
            .map((d) => d.trim())
            .filter(Boolean),
          status: v.status as Classification['rows'][number]['status'],
          position: v.position,
          laps: v.laps,
          lapsLed: v.laps_led,
          disconnected: v.disconnected === 'true' ? true : undefined,
          time: v.time,
          bestLap: v.best_lap,
          grid: v.grid,
          note: v.note,
        });
      }),
    });
  }

  const awardRows = table('awards.csv', awardRowSchema, ['session', 'award', 'scope', 'entry'], true);
  const awards: Award[] = awardRows.map((r, i) => {
    locate(['awards', i], 'awards.csv', r, ['session', 'scope', 'entry', 'driver']);
    const v = r.value;
    return compact({
      sessionId: v.session,
      award: v.award,
      scope: v.scope,
      entryId: v.entry,
      driverId: v.driver,
      note: v.note,
    });
  });

  const stateRows = table(RESULT_STATES_FILE, resultStateRowSchema, ['session', 'state'], true);
  const states = new Map<string, Classification['state']>();
  const decisions = new Map<string, string>();
  for (const r of stateRows) {
    if (r.value.decision !== undefined) decisions.set(r.value.session, r.value.decision);
    const known = classifications.some((c) => c.sessionId === r.value.session);
    if (!known) {
      issues.push({
        code: 'results.unknown-session',
        path: [RESULT_STATES_FILE, r.line, 'session'],
        message: `session "${r.value.session}" has no results file`,
        hint: 'A state is given only for a session with results/<session>.csv.',
        location: { file: file(RESULT_STATES_FILE), line: r.line, column: 1 },
      });
    }
    if (states.has(r.value.session))
      issues.push({
        code: 'results.duplicate-state',
        path: [RESULT_STATES_FILE, r.line, 'session'],
        message: `session "${r.value.session}" has a second state row`,
        hint: 'Keep one row per session: its current state (and the decision that amended it).',
        location: { file: file(RESULT_STATES_FILE), line: r.line, column: 1 },
      });
    states.set(r.value.session, r.value.state);
  }

  const publishedRows = table(
    'published.csv',
    publishedRowSchema,
    ['championship', 'after_race', 'competitor', 'points'],
    true,
  );
  const published: PublishedStanding[] = publishedRows.map((r, i) => {
    locate(['published', i], 'published.csv', r, ['championship']);
    const v = r.value;
    const points =
      v.points === undefined || v.points === '-' || v.points === '–' ? undefined : parseFraction(v.points);
    if (v.points !== undefined && v.points !== '-' && v.points !== '–' && points === undefined) {
      issues.push({
        code: 'published.bad-points',
        path: ['published', i, 'points'],
        message: `points "${v.points}" is not a number`,
        location: { file: file('published.csv'), line: r.line },
      });
    }
    const position = v.position !== undefined && /^\d+$/.test(v.position) ? Number(v.position) : undefined;
    return compact({
      championshipId: v.championship,
      afterRace: v.after_race,
      competitorId: v.competitor,
      position,
      points,
      excluded: v.position === 'EX' ? true : undefined,
      note: v.note,
    });
  });

  let adjustments: Adjustment[] = [];
  const adjText = readText('adjustments.yaml');
  if (adjText !== undefined) {
    const parsed = parsedYaml(adjText, 'adjustments.yaml', adjustmentsFileSchema);
    if (!parsed.ok) issues.push(...parsed.issues);
    else {
      adjustments = parsed.value.value;
      adjustments.forEach((_, i) =>
        locations.set(['adjustments', i], () =>
          yamlLocation(parsed.value.doc, parsed.value.lines, file('adjustments.yaml'), [i]),
        ),
      );
    }
  }

  let mappings: Record<string, string> = {};
  const mappingsText = readText(MAPPINGS_FILE);
  if (mappingsText !== undefined) {
    const parsed = parsedYaml(mappingsText, MAPPINGS_FILE, mappingsFileSchema);
    if (!parsed.ok) issues.push(...parsed.issues);
    else mappings = parsed.value.value;
  }

  const rulebookText = readText(rulebookFile);
  // A rulebook that only extends a preset takes the season's id and name: part of its key.
  const loadRulebook = (text: string) => {
    const load = () =>
      loadRulebookText(text, file(rulebookFile), resolvePreset, {
        defaults: { id: meta.id, name: meta.name },
      });
    return cache
      ? cache.parseAsync(text, `rulebook:${file(rulebookFile)}:${meta.id}:${meta.name}`, load)
      : load();
  };
  const rulebook: Result<LoadedRulebook> =
    rulebookText === undefined
      ? {
          ok: false,
          issues: [
            {
              code: 'file.missing',
              path: ['rulebook'],
              message: `missing ${rulebookFile}, the rulebook season.yaml names`,
              location: { file: file(rulebookFile) },
            },
          ],
        }
      : await loadRulebook(rulebookText);
  if (!rulebook.ok) issues.push(...rulebook.issues);
  if (issues.length) return { ok: false, issues };
  if (!rulebook.ok) return rulebook;

  const season: Season = {
    id: meta.id,
    name: meta.name,
    year: meta.year,
    series: meta.series,
    aliases: meta.aliases,
    classes: meta.classes,
    events: meta.events.map((e) =>
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
      }),
    ),
    sessions,
    drivers: driverRows.map((r) => compact({ ...r.value })),
    teams: teamRows.map((r) => compact({ ...r.value })),
    entries,
    classifications: classifications.map((c) => {
      const state = states.get(c.sessionId);
      return state === undefined ? c : { ...c, state };
    }),
    awards,
    adjustments,
    published,
    notes: meta.notes,
    ...(meta.branding === undefined
      ? {}
      : {
          branding: compact({
            primary: meta.branding.colours && normaliseHex(meta.branding.colours.primary),
            text: meta.branding.colours?.text && normaliseHex(meta.branding.colours.text),
            logo: meta.branding.logo,
          }),
        }),
    ...(meta.sources === undefined
      ? {}
      : {
          sources: meta.sources.map((s) =>
            compact({
              name: s.name,
              url: s.url,
              licence: s.licence,
              licenceUrl: s.licence_url,
              version: s.version,
              credit: s.credit,
            }),
          ),
        }),
  };
  const inFiles = (i: Issue) => {
    const worded = inFileWords(i);
    const location = locations.find(worded.path) ?? rulebook.value.locations.find(worded.path);
    return location ? { ...worded, location } : worded;
  };
  // The rulebook is text its editor writes either way, so its problems keep the file's words.
  const problems = [
    ...validateSeason(season).map(options.wording === 'season' ? (i: Issue) => i : inFiles),
    ...validateRulebook(rulebook.value.rulebook, season).map(inFiles),
  ];
  if (problems.length) return { ok: false, issues: problems };
  return {
    ok: true,
    value: {
      dir: origin,
      files,
      rulebookFile,
      season,
      rulebook: rulebook.value.rulebook,
      locations,
      mappings,
      decisions,
    },
  };
}
