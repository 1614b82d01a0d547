/**
 * Setting a season up from nothing, for the organiser's pages, the write API and `paddock new`:
 * a new season's first files (season.yaml, a rulebook that `extends:` a preset or a template,
 * empty drivers, teams and entries), then its calendar, classes, drivers, teams and entries, one
 * change at a time or as a pasted entry list. Each operation turns input into the season's new
 * file texts (touching only the files it changes, comments in season.yaml kept); the caller
 * loads them through the one loader and stores them as a revision, so nothing here decides what
 * is valid beyond what a form can say next to its field.
 *
 * Input problems come back as issues whose `path` names the form field (`['name']`,
 * `['sessions', 1, 'time']`, `['text']` with the pasted line in the message).
 */
import { readFile } from 'node:fs/promises';
import { parse as parseCsvText } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { isMap, isSeq, parseDocument, stringify as stringifyYaml } from 'yaml';
import type { Document } from 'yaml';
import type { Issue, Result, Season } from '../engine/index.js';
import { isCalendarDate, isCountryCode, isTimeOfDay, isTimeZone } from '../formats/calendar-values.js';
import {
  findPresets,
  listPresets,
  parsePresetSeasons,
  parseSeasonLabel,
  spanCovers,
} from '../formats/preset-library.js';
import type { PresetListing } from '../formats/preset-library.js';
import { formatRounds, parseRounds } from '../formats/season-schema.js';
import { loadSeasonFiles } from '../formats/season-folder.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import { resolvePreset } from '../formats/catalog.js';

/** Lower-case slug of a name: "Pro-Am" -> "pro-am", "Álvaro Parente" -> "alvaro-parente". */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

const issue = (path: (string | number)[], code: string, message: string, hint?: string): Issue =>
  hint === undefined ? { code, path, message } : { code, path, message, hint };

/**
 * The checks of one session's local day, start time and length, the same for a new event's sessions
 * and for sessions added to an event: a day written yyyy-mm-dd within the event's days (when its first
 * day is a date), a time written hh:mm (which needs the circuit's time zone), whole positive minutes.
 * Issues name `at` followed by date, time or duration (the time zone's issue names timezone).
 */
function checkSessionTimes(
  issues: Issue[],
  at: readonly (string | number)[],
  s: Pick<SessionInput, 'date' | 'time' | 'durationMinutes'>,
  event: { readonly start: string; readonly end: string; readonly zone: string | undefined },
): void {
  const { start, end, zone } = event;
  if (s.date) {
    if (!isCalendarDate(s.date))
      issues.push(issue([...at, 'date'], 'setup.bad-date', 'a date written yyyy-mm-dd'));
    else if (isCalendarDate(start) && (s.date < start || s.date > end))
      issues.push(
        issue(
          [...at, 'date'],
          'setup.session-outside-event',
          `${s.date} is not a day of the event (${start}${end !== start ? ` to ${end}` : ''})`,
        ),
      );
  }
  if (s.time) {
    if (!isTimeOfDay(s.time))
      issues.push(issue([...at, 'time'], 'setup.bad-time', 'a local time written hh:mm, such as 14:05'));
    else if (zone === undefined)
      issues.push(
        issue(
          ['timezone'],
          'setup.time-without-zone',
          "session times are local times: give the circuit's time zone",
        ),
      );
  }
  if (s.durationMinutes !== undefined && (!Number.isInteger(s.durationMinutes) || s.durationMinutes <= 0))
    issues.push(issue([...at, 'duration'], 'setup.bad-duration', 'minutes, a whole number'));
}

// ---- a new season -------------------------------------------------------------------------------

export interface NewSeasonInput {
  /** The series' name ("Club Cup"); its id defaults to the name as a slug. */
  readonly seriesName: string;
  readonly seriesId?: string;
  readonly year: number;
  /** Defaults to "<year> <series name>" and "<year>-<series id>". */
  readonly name?: string;
  readonly id?: string;
  /**
   * The rulebook: a preset id (`f1-2010-2018`, the template `sim-racing-league`), or a series with
   * presets (`f1`, `nascar`) whose preset covering `year` is taken.
   */
  readonly preset: string;
  /** Class names ("Pro", "Pro-Am"); ids are their slugs. */
  readonly classes: readonly string[];
}

export interface NewSeason {
  readonly id: string;
  readonly preset: PresetListing;
  /** The season's files: season.yaml, rulebook.yaml, drivers.csv, teams.csv, entries.csv. */
  readonly files: Map<string, string>;
}

const describePreset = (p: PresetListing) => `${p.id} (${p.seasons})`;

/**
 * The preset a new season extends: a preset id (which must cover the year, unless it is a
 * template claiming any season), or a series name whose one preset covers the year, as
 * `paddock rulebook show <series> --year` finds it.
 */
export function choosePreset(
  presets: readonly PresetListing[],
  what: string,
  year: number,
  field: string = 'preset',
): Result<PresetListing> {
  const asked = parseSeasonLabel(String(year));
  const fault = (code: string, message: string, hint?: string): Result<PresetListing> => ({
    ok: false,
    issues: [issue([field], code, message, hint)],
  });
  if (what.trim() === '') return fault('setup.no-preset', 'choose a rulebook preset or a template');
  const byId = presets.find((p) => p.id === what.trim());
  if (byId) {
    const spans = parsePresetSeasons(byId.seasons);
    if (asked && spans.length > 0 && !spans.some((s) => spanCovers(s, asked))) {
      return fault(
        'setup.preset-not-for-season',
        `preset "${byId.id}" covers ${byId.seasons}, not ${year}`,
        'Choose the preset of that season, or a template.',
      );
    }
    return { ok: true, value: byId };
  }
  const found = findPresets(presets, what, asked);
  if (found.kind === 'unknown-series')
    return fault(
      'setup.unknown-preset',
      `no rulebook preset or series "${what}"`,
      `Series with presets: ${found.series.join('; ')}.`,
    );
  if (found.kind === 'no-season')
    return fault(
      'setup.no-preset-for-season',
      `no ${found.series} preset covers ${year}`,
      found.nearest.length ? `Nearest: ${found.nearest.map(describePreset).join(', ')}.` : undefined,
    );
  if (found.presets.length !== 1)
    return fault(
      'setup.several-presets',
      `${found.presets.length} presets cover ${year}: ${found.presets.map(describePreset).join(', ')}`,
      'Choose one by its id.',
    );
  return { ok: true, value: found.presets[0]! };
}

/** The presets that can start a season of `year`: those covering it, then the templates. */
export async function presetChoices(year: number | undefined): Promise<PresetListing[]> {
  const { presets } = await listPresets();
  const asked = year === undefined ? undefined : parseSeasonLabel(String(year));
  const claimed = presets.filter((p) => parsePresetSeasons(p.seasons).length > 0);
  const covering = asked
    ? claimed.filter((p) => parsePresetSeasons(p.seasons).some((s) => spanCovers(s, asked)))
    : claimed;
  const templates = (p: PresetListing) => parsePresetSeasons(p.seasons).some((s) => !Number.isFinite(s.from));
  return [...covering.filter((p) => !templates(p)), ...covering.filter(templates)];
}

interface RawChampionship {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly scope?: { readonly classes?: readonly string[] };
  readonly [field: string]: unknown;
}

/**
 * rulebook.yaml for a season extending `preset`. A preset's championships scoped to classes the
 * season does not have (a template's gold/silver/bronze) are removed, and each of the season's
 * classes gets the first such championship's rules under its own id and name, so a template's
 * class tables follow the organiser's classes.
 */
export function rulebookText(
  preset: PresetListing,
  presetYaml: string,
  seasonName: string,
  classes: readonly { readonly id: string; readonly name: string }[],
): string {
  const head = `# How ${seasonName} is scored: the preset ${preset.id} (${preset.name}).\n# Change a rule by giving it here (docs/rulebook.md, "Extending a preset").\n`;
  const raw = (parseDocument(presetYaml).toJS() ?? {}) as { championships?: RawChampionship[] };
  const known = new Set(classes.map((c) => c.id));
  const foreign = (raw.championships ?? []).filter(
    (c) => (c.scope?.classes ?? []).length > 0 && !(c.scope?.classes ?? []).every((k) => known.has(k)),
  );
  if (foreign.length === 0) return `${head}extends: ${preset.id}\n`;
  const model = foreign[0]!;
  const { id: _id, name: _name, description: _description, scope, ...rules } = model;
  const perClass = classes
    .filter((c) => !(raw.championships ?? []).some((k) => k.id === c.id))
    .map((c) => ({
      id: c.id,
      name: `${c.name} class`,
      description: `${c.name} entries only, by their positions within the class (the rules of ${preset.id}'s ${model.id} championship).`,
      scope: { ...scope, classes: [c.id] },
      ...rules,
    }));
  return `${head}${stringifyYaml(
    {
      extends: preset.id,
      remove_championships: foreign.map((c) => c.id),
      ...(perClass.length ? { championships: perClass } : {}),
    },
    // Each class's championship written out in full, not as YAML aliases of the first.
    { lineWidth: 0, aliasDuplicateObjects: false },
  )}`;
}

const headerOnly = (columns: readonly string[]) => `${columns.join(',')}\n`;

/** Checks a new season's input; the issues name the form fields. */
function checkNewSeason(input: NewSeasonInput): Issue[] {
  const issues: Issue[] = [];
  if (input.seriesName.trim() === '')
    issues.push(issue(['series'], 'setup.no-series', 'give the series name'));
  if (input.seriesId !== undefined && !SLUG.test(input.seriesId))
    issues.push(issue(['series_id'], 'setup.bad-id', 'a series id is a lower-case slug such as "club-cup"'));
  if (!Number.isInteger(input.year) || input.year < 1894 || input.year > 2200)
    issues.push(issue(['year'], 'setup.bad-year', "give the season's year, such as 2026"));
  if (input.id !== undefined && !SLUG.test(input.id))
    issues.push(issue(['id'], 'setup.bad-id', 'a season id is a lower-case slug such as "2026-club-cup"'));
  const seen = new Set<string>();
  input.classes.forEach((name, i) => {
    const id = slugOf(name);
    if (id === '')
      issues.push(issue(['classes', i], 'setup.bad-class', `class "${name}" has no letters or digits`));
    else if (seen.has(id))
      issues.push(issue(['classes', i], 'setup.duplicate-class', `class "${name}" is given twice`));
    seen.add(id);
  });
  return issues;
}

/**
 * A new season's files from the organiser's choices: season.yaml (no events yet), the rulebook
 * extending the chosen preset, and empty drivers, teams and entries. `readPreset` gives a
 * preset file's text (the library's).
 */
export async function newSeasonFiles(
  input: NewSeasonInput,
  readPreset: (p: PresetListing) => Promise<string>,
): Promise<Result<NewSeason>> {
  const issues = checkNewSeason(input);
  const { presets } = await listPresets();
  const chosen = choosePreset(presets, input.preset, input.year);
  if (!chosen.ok) issues.push(...chosen.issues);
  if (issues.length || !chosen.ok) return { ok: false, issues };
  const seriesName = input.seriesName.trim();
  const seriesId = input.seriesId ?? slugOf(seriesName);
  const id = input.id ?? `${input.year}-${seriesId}`;
  const name = input.name?.trim() || `${input.year} ${seriesName}`;
  // Every entry has a class: a season without classes gets one, named after the series.
  const classes = input.classes.length
    ? input.classes.map((c) => ({ id: slugOf(c), name: c.trim() }))
    : [{ id: seriesId, name: seriesName }];
  const files = new Map<string, string>();
  files.set(
    'season.yaml',
    stringifyYaml(
      {
        id,
        name,
        year: input.year,
        series: { id: seriesId, name: seriesName },
        rulebook: 'rulebook.yaml',
        classes,
        events: [],
      },
      { lineWidth: 0 },
    ),
  );
  files.set('rulebook.yaml', rulebookText(chosen.value, await readPreset(chosen.value), name, classes));
  files.set('drivers.csv', headerOnly(['id', 'name', 'nationality']));
  files.set('teams.csv', headerOnly(['id', 'name', 'nationality']));
  files.set(
    'entries.csv',
    headerOnly(['id', 'car', 'team', 'drivers', 'class', 'rounds', 'eligible', 'note']),
  );
  return { ok: true, value: { id, preset: chosen.value, files } };
}

/**
 * A new season's files, built from the library's presets and loaded through the one loader (so
 * `paddock check` accepts what `paddock new` writes and the site stores).
 */
export async function makeNewSeason(
  input: NewSeasonInput,
): Promise<Result<NewSeason & { readonly loaded: LoadedSeason }>> {
  const made = await newSeasonFiles(input, (p) => readFile(p.file, 'utf8'));
  if (!made.ok) return made;
  const loaded = await loadSeasonFiles(made.value.files, { resolvePreset, wording: 'season' });
  if (!loaded.ok) return loaded;
  return { ok: true, value: { ...made.value, loaded: loaded.value } };
}

// ---- changes to a season's setup ----------------------------------------------------------------

export interface SessionInput {
  readonly id?: string;
  /** practice, qualifying, race (or another type a rulebook scores, such as sprint). */
  readonly type: string;
  readonly name?: string;
  readonly date?: string;
  readonly time?: string;
  readonly durationMinutes?: number;
}

export interface EventInput {
  readonly id?: string;
  readonly round?: number;
  readonly name: string;
  readonly circuit: string;
  readonly city?: string;
  readonly country?: string;
  readonly start: string;
  readonly end?: string;
  readonly timezone?: string;
  readonly sessions: readonly SessionInput[];
}

export interface EntryInput {
  readonly id?: string;
  readonly car: string;
  readonly team: string;
  readonly drivers: readonly string[];
  readonly class: string;
  /** "all" (the default), or "1-4;6-8". */
  readonly rounds?: string;
  /** False for a guest not eligible for points. */
  readonly eligible?: boolean;
  readonly note?: string;
}

/** One change to a season's setup, as the organiser's forms and the write API give it. */
export type SetupChange =
  | { readonly kind: 'class'; readonly id?: string; readonly name: string }
  | ({ readonly kind: 'event' } & EventInput)
  | {
      /** The time zone of an event in the calendar and its sessions' local days and start times. */
      readonly kind: 'event-times';
      readonly event: string;
      readonly timezone?: string;
      readonly sessions: readonly {
        readonly id: string;
        readonly date?: string;
        readonly time?: string;
        readonly durationMinutes?: number;
      }[];
    }
  | { readonly kind: 'driver'; readonly id?: string; readonly name: string; readonly nationality?: string }
  | { readonly kind: 'team'; readonly id?: string; readonly name: string; readonly nationality?: string }
  | ({ readonly kind: 'entry' } & EntryInput)
  | {
      /** A mid-season change: from `fromRound` on the car runs under another number or team. */
      readonly kind: 'entry-change';
      readonly entry: string;
      readonly fromRound: number;
      readonly car?: string;
      readonly team?: string;
      readonly drivers?: readonly string[];
    }
  | { readonly kind: 'entry-list'; readonly text: string }
  // ---- changes and deletions of what the season has (ids stay; results refer to them) ----
  | { readonly kind: 'class-edit'; readonly class: string; readonly name: string }
  | { readonly kind: 'class-delete'; readonly class: string }
  | ({ readonly kind: 'driver-edit'; readonly driver: string } & PersonEdit)
  | { readonly kind: 'driver-delete'; readonly driver: string }
  | ({ readonly kind: 'team-edit'; readonly team: string } & PersonEdit)
  | { readonly kind: 'team-delete'; readonly team: string }
  | ({ readonly kind: 'event-edit'; readonly event: string } & EventEdit)
  | { readonly kind: 'event-delete'; readonly event: string }
  | ({ readonly kind: 'entry-edit'; readonly entry: string } & EntryEdit)
  | { readonly kind: 'entry-delete'; readonly entry: string };

/** A driver's or team's new name or nationality (absent: kept; an empty nationality: cleared). */
export interface PersonEdit {
  readonly name?: string;
  readonly nationality?: string;
}

/**
 * An event's new details (absent: kept; an empty city, country, last day or time zone: cleared),
 * sessions removed by id and sessions added (races numbered again across the season).
 */
export interface EventEdit {
  readonly name?: string;
  readonly circuit?: string;
  readonly city?: string;
  readonly country?: string;
  readonly start?: string;
  readonly end?: string;
  readonly timezone?: string;
  readonly removeSessions?: readonly string[];
  readonly addSessions?: readonly SessionInput[];
}

/** An entry's new number, team, drivers, class, rounds, eligibility or note (absent: kept). */
export interface EntryEdit {
  readonly car?: string;
  readonly team?: string;
  readonly drivers?: readonly string[];
  readonly class?: string;
  readonly rounds?: string;
  readonly eligible?: boolean;
  readonly note?: string;
}

export interface SetupOutcome {
  /** The files that change (path -> new text). */
  readonly files: Map<string, string>;
  /** The revision's action and what it concerns ("event brands-hatch", "3 entries"). */
  readonly action: string;
  readonly subject: string;
}

/** A CSV file as records (column -> text), with its columns in order. */
function readTable(
  text: string | undefined,
  columns: readonly string[],
): { columns: string[]; rows: Record<string, string>[] } {
  if (text === undefined || text.trim() === '') return { columns: [...columns], rows: [] };
  const rows = parseCsvText<Record<string, string>>(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  const head: string[][] = parseCsvText(text, { to_line: 1, bom: true });
  const header = head[0] ?? [...columns];
  return { columns: [...header, ...columns.filter((c) => !header.includes(c))], rows };
}

function writeTable(table: { columns: string[]; rows: Record<string, string>[] }): string {
  return stringifyCsv([table.columns, ...table.rows.map((r) => table.columns.map((c) => r[c] ?? ''))]);
}

/** A slug not yet in `taken`: base, base-2, base-3 ... */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const DRIVER_COLUMNS = ['id', 'name', 'nationality'];
const ENTRY_COLUMNS = ['id', 'car', 'team', 'drivers', 'class', 'rounds', 'eligible', 'note'];

function seasonDocument(loaded: LoadedSeason): Document {
  return parseDocument(loaded.files.get('season.yaml') ?? '');
}

function checkName(name: string, field = 'name'): Issue[] {
  return name.trim() === '' ? [issue([field], 'setup.required', 'required')] : [];
}

function checkCountry(code: string | undefined, field: string): Issue[] {
  return code !== undefined && code !== '' && !isCountryCode(code)
    ? [
        issue(
          [field],
          'setup.bad-country',
          `"${code}" is not an ISO 3166-1 alpha-2 country code such as GB, US or NL`,
        ),
      ]
    : [];
}

function addClass(loaded: LoadedSeason, name: string, id: string | undefined): Result<SetupOutcome> {
  const classId = id ?? slugOf(name);
  const issues = checkName(name);
  if (!SLUG.test(classId))
    issues.push(issue(['id'], 'setup.bad-id', 'a class id is a lower-case slug such as "pro-am"'));
  else if (loaded.season.classes.some((c) => c.id === classId))
    issues.push(issue(['name'], 'setup.duplicate-class', `the season has a class "${classId}" already`));
  if (issues.length) return { ok: false, issues };
  const doc = seasonDocument(loaded);
  const node = doc.createNode({ id: classId, name: name.trim() });
  node.flow = true;
  if (isSeq(doc.get('classes'))) doc.addIn(['classes'], node);
  else doc.set('classes', doc.createNode([{ id: classId, name: name.trim() }]));
  return {
    ok: true,
    value: {
      files: new Map([['season.yaml', seasonYaml(loaded, doc)]]),
      action: 'setup-class',
      subject: `class ${classId}`,
    },
  };
}

/** Session types a race number is given to (races are numbered across the season). */
const NUMBERED = new Set(['race', 'sprint']);

function addEvent(loaded: LoadedSeason, input: EventInput): Result<SetupOutcome> {
  const season = loaded.season;
  const issues = [
    ...checkName(input.name),
    ...checkName(input.circuit, 'circuit'),
    ...checkCountry(input.country, 'country'),
  ];
  const id = input.id ?? slugOf(input.name);
  if (!SLUG.test(id)) issues.push(issue(['name'], 'setup.bad-id', 'give a name with letters or digits'));
  else if (season.events.some((e) => e.id === id))
    issues.push(
      issue(
        ['name'],
        'setup.duplicate-event',
        `the calendar has an event "${id}" already`,
        'Give this round another name.',
      ),
    );
  const round = input.round ?? Math.max(0, ...season.events.map((e) => e.round)) + 1;
  if (!Number.isInteger(round) || round < 1)
    issues.push(issue(['round'], 'setup.bad-round', 'a round is a whole number from 1'));
  else if (season.events.some((e) => e.round === round))
    issues.push(
      issue(
        ['round'],
        'setup.duplicate-round',
        `round ${round} is ${season.events.find((e) => e.round === round)!.name} already`,
      ),
    );
  if (!isCalendarDate(input.start))
    issues.push(issue(['start'], 'setup.bad-date', 'a date written yyyy-mm-dd'));
  if (input.end !== undefined && input.end !== '') {
    if (!isCalendarDate(input.end))
      issues.push(issue(['end'], 'setup.bad-date', 'a date written yyyy-mm-dd'));
    else if (input.end < input.start)
      issues.push(issue(['end'], 'setup.end-before-start', 'the last day is before the first'));
  }
  const end = input.end || input.start;
  const zone = input.timezone?.trim() || undefined;
  if (zone !== undefined && !isTimeZone(zone))
    issues.push(
      issue(
        ['timezone'],
        'setup.bad-timezone',
        `"${zone}" is not an IANA time zone such as Europe/London or America/New_York`,
      ),
    );
  if (input.sessions.length === 0)
    issues.push(issue(['sessions'], 'setup.no-sessions', 'give at least one session'));
  const sessionIds = new Set(season.sessions.map((s) => s.id));
  const typeCount = new Map<string, number>();
  let nextRace = Math.max(0, ...season.sessions.map((s) => s.race ?? 0)) + 1;
  const later = season.events.some((e) => e.round > round);
  const sessions = input.sessions.map((s, i) => {
    const type = s.type.trim();
    if (!SLUG.test(type))
      issues.push(issue(['sessions', i, 'type'], 'setup.bad-type', 'practice, qualifying or race'));
    typeCount.set(type, (typeCount.get(type) ?? 0) + 1);
    const numbered = input.sessions.filter((t) => t.type === type).length > 1;
    const name =
      s.name?.trim() ||
      `${type.charAt(0).toUpperCase()}${type.slice(1)}${numbered ? ` ${typeCount.get(type)}` : ''}`;
    const sid = s.id ?? freeId(`${id}-${slugOf(name)}`, sessionIds);
    if (s.id !== undefined && sessionIds.has(s.id))
      issues.push(
        issue(['sessions', i, 'id'], 'setup.duplicate-session', `the season has a session "${s.id}" already`),
      );
    sessionIds.add(sid);
    checkSessionTimes(issues, ['sessions', i], s, { start: input.start, end, zone });
    return {
      id: sid,
      type,
      ...(NUMBERED.has(type) ? { race: later ? 0 : nextRace++ } : {}),
      name,
      ...(s.date ? { date: s.date } : {}),
      ...(s.time ? { time: s.time } : {}),
      ...(s.durationMinutes !== undefined ? { duration_minutes: s.durationMinutes } : {}),
    };
  });
  if (issues.length) return { ok: false, issues };
  const doc = seasonDocument(loaded);
  const event = {
    id,
    round,
    name: input.name.trim(),
    circuit: input.circuit.trim(),
    ...(input.city?.trim() ? { city: input.city.trim() } : {}),
    ...(input.country ? { country: input.country } : {}),
    start: input.start,
    ...(end !== input.start ? { end } : {}),
    ...(zone ? { timezone: zone } : {}),
    sessions,
  };
  const events = doc.get('events');
  const node = doc.createNode(event);
  if (isMap(node))
    for (const item of (node.get('sessions') as { items: { flow?: boolean }[] }).items) item.flow = true;
  if (!isSeq(events)) doc.set('events', doc.createNode([]));
  const seq = doc.get('events') as { items: unknown[]; flow?: boolean };
  seq.flow = false;
  // Keep the calendar in round order.
  const at = season.events.filter((e) => e.round < round).length;
  seq.items.splice(at, 0, node);
  if (later) renumberRaces(doc);
  return {
    ok: true,
    value: {
      files: new Map([['season.yaml', seasonYaml(loaded, doc)]]),
      action: 'setup-event',
      subject: `event ${id}`,
    },
  };
}

/**
 * Sets an event's time zone and its sessions' local days, start times and lengths (an empty value
 * clears one); the sessions are named by id. Problems name the session's field.
 */
function setEventTimes(
  loaded: LoadedSeason,
  input: Extract<SetupChange, { kind: 'event-times' }>,
): Result<SetupOutcome> {
  const season = loaded.season;
  const index = season.events.findIndex((e) => e.id === input.event);
  const event = season.events[index];
  if (!event)
    return {
      ok: false,
      issues: [issue(['event'], 'setup.unknown-event', `no event "${input.event}" in the calendar`)],
    };
  const issues: Issue[] = [];
  const zone = input.timezone?.trim() || undefined;
  if (zone !== undefined && !isTimeZone(zone))
    issues.push(
      issue(
        ['timezone'],
        'setup.bad-timezone',
        `"${zone}" is not an IANA time zone such as Europe/London or America/New_York`,
      ),
    );
  const own = season.sessions.filter((s) => s.eventId === event.id);
  const end = event.end ?? event.start;
  input.sessions.forEach((s, i) => {
    if (!own.some((o) => o.id === s.id))
      issues.push(
        issue(['sessions', i, 'id'], 'setup.unknown-session', `no session "${s.id}" at ${event.name}`),
      );
    checkSessionTimes(issues, ['sessions', i], s, { start: event.start ?? '', end: end ?? '', zone });
    if (s.time && !s.date && event.start === undefined)
      issues.push(
        issue(['sessions', i, 'date'], 'setup.no-date', 'give the day: the event has no first day'),
      );
  });
  if (issues.length)
    return {
      ok: false,
      issues: [...new Map(issues.map((i) => [`${i.path.join('.')}:${i.code}`, i])).values()],
    };
  const doc = seasonDocument(loaded);
  // The event's place in season.yaml (events are kept in the file's order, not sorted).
  const events = doc.get('events') as { items: unknown[] };
  const at = events.items.findIndex((_, i) => doc.getIn(['events', i, 'id']) === event.id);
  const set = (path: (string | number)[], value: string | number | undefined) => {
    if (value === undefined || value === '') doc.deleteIn(path);
    else doc.setIn(path, value);
  };
  set(['events', at, 'timezone'], zone);
  const sessions = doc.getIn(['events', at, 'sessions']) as { items: unknown[] } | undefined;
  for (const s of input.sessions) {
    const si =
      sessions?.items.findIndex((_, i) => doc.getIn(['events', at, 'sessions', i, 'id']) === s.id) ?? -1;
    set(['events', at, 'sessions', si, 'date'], s.date);
    set(['events', at, 'sessions', si, 'time'], s.time);
    set(['events', at, 'sessions', si, 'duration_minutes'], s.durationMinutes);
  }
  return {
    ok: true,
    value: {
      files: new Map([['season.yaml', seasonYaml(loaded, doc)]]),
      action: 'setup-event',
      subject: `times of event ${event.id}`,
    },
  };
}

/** Numbers the races 1, 2, ... in calendar order again (a round inserted before others). */
function renumberRaces(doc: Document): void {
  const events = doc.get('events') as { items: unknown[] };
  let n = 1;
  events.items.forEach((_, ei) => {
    const sessions = doc.getIn(['events', ei, 'sessions']) as { items: unknown[] } | undefined;
    sessions?.items.forEach((_s, si) => {
      if (doc.getIn(['events', ei, 'sessions', si, 'race']) !== undefined)
        doc.setIn(['events', ei, 'sessions', si, 'race'], n++);
    });
  });
}

function addPerson(
  loaded: LoadedSeason,
  file: 'drivers.csv' | 'teams.csv',
  input: { readonly id?: string; readonly name: string; readonly nationality?: string },
): Result<SetupOutcome> {
  const what = file === 'drivers.csv' ? 'driver' : 'team';
  const existing = file === 'drivers.csv' ? loaded.season.drivers : loaded.season.teams;
  const id = input.id ?? slugOf(input.name);
  const issues = [...checkName(input.name), ...checkCountry(input.nationality, 'nationality')];
  if (!SLUG.test(id))
    issues.push(
      issue([input.id === undefined ? 'name' : 'id'], 'setup.bad-id', 'give a name with letters or digits'),
    );
  else if (existing.some((p) => p.id === id))
    issues.push(
      issue(
        ['name'],
        `setup.duplicate-${what}`,
        `the season has a ${what} "${id}" already`,
        input.id === undefined ? `Give another id (such as ${id}-2) if this is someone else.` : undefined,
      ),
    );
  if (issues.length) return { ok: false, issues };
  const table = readTable(loaded.files.get(file), DRIVER_COLUMNS);
  table.rows.push({ id, name: input.name.trim(), nationality: input.nationality ?? '' });
  return {
    ok: true,
    value: { files: new Map([[file, writeTable(table)]]), action: `setup-${what}`, subject: `${what} ${id}` },
  };
}

/** Finds a driver or team by id or by name (case and accents aside). */
function findByIdOrName<T extends { readonly id: string; readonly name: string }>(
  list: readonly T[],
  text: string,
): T | undefined {
  const t = text.trim();
  return list.find((x) => x.id === t) ?? list.find((x) => slugOf(x.name) === slugOf(t));
}

function findClass(season: Season, text: string) {
  const t = text.trim();
  return (
    season.classes.find((c) => c.id === t) ??
    season.classes.find((c) => slugOf(c.name) === slugOf(t) || c.id === slugOf(t))
  );
}

/** The rounds an entry covers, checked against the calendar. */
function checkRounds(
  season: Season,
  text: string | undefined,
  field: (string | number)[],
): { rounds: string; issues: Issue[] } {
  const rounds = (text ?? '').trim() === '' ? 'all' : text!.trim().replace(/\s+/g, '').replace(/,/g, ';');
  if (!/^(all|\d+(-\d+)?(;\d+(-\d+)?)*)$/i.test(rounds))
    return {
      rounds,
      issues: [issue(field, 'setup.bad-rounds', `rounds "${text}" are not "all" or a list such as 1-4;6-8`)],
    };
  const all = season.events.map((e) => e.round);
  const unknown = parseRounds(rounds, all).filter((r) => !all.includes(r));
  if (unknown.length)
    return {
      rounds,
      issues: [
        issue(
          field,
          'setup.unknown-round',
          `round ${unknown.join(', ')} is not in the calendar${all.length ? ` (rounds ${formatRounds(all, [])})` : ' (no events yet)'}`,
          'Add the event to the calendar first, or give "all".',
        ),
      ],
    };
  return { rounds: rounds.toLowerCase() === 'all' ? 'all' : rounds, issues: [] };
}

/** Rounds of the calendar an entry with this rounds text covers. */
const coveredRounds = (season: Season, rounds: string) =>
  parseRounds(
    rounds,
    season.events.map((e) => e.round),
  );

/** Another entry carrying the same number in one of these rounds (the rounds as numbers). */
function numberClash(season: Season, car: string, rounds: readonly number[], except?: string) {
  const roundOf = new Map(season.events.map((e) => [e.id, e.round]));
  return season.entries.find(
    (e) =>
      e.id !== except && e.car === car && e.eventIds.some((id) => rounds.includes(roundOf.get(id) ?? -1)),
  );
}

interface PlannedEntry {
  readonly id: string;
  readonly car: string;
  readonly team: { readonly id: string; readonly name: string; readonly new: boolean };
  readonly drivers: readonly { readonly id: string; readonly name: string; readonly new: boolean }[];
  readonly classId: string;
  readonly rounds: string;
  readonly eligible: boolean;
  readonly note?: string;
}

/** A pasted entry list, read line by line: what it would add, and every line's problems. */
export interface EntryListPlan {
  readonly entries: readonly (PlannedEntry & { readonly line: number })[];
  readonly newDrivers: readonly { readonly id: string; readonly name: string }[];
  readonly newTeams: readonly { readonly id: string; readonly name: string }[];
  readonly issues: readonly Issue[];
}

/** Resolves one entry's people, class and rounds; new drivers and teams are made up as needed. */
function planEntry(
  season: Season,
  input: EntryInput,
  field: (f: string) => (string | number)[],
  made: { drivers: Map<string, string>; teams: Map<string, string>; entries: Set<string> },
  createPeople: boolean,
): { entry?: PlannedEntry; issues: Issue[] } {
  const issues: Issue[] = [];
  const car = input.car.trim();
  if (!/^[0-9A-Za-z]{1,4}$/.test(car))
    issues.push(
      issue(field('car'), 'setup.bad-car', `car number "${input.car}" is not a number such as 7 or 007`),
    );
  const person = (
    kind: 'driver' | 'team',
    text: string,
  ): { id: string; name: string; new: boolean } | undefined => {
    const list = kind === 'driver' ? season.drivers : season.teams;
    const pool = kind === 'driver' ? made.drivers : made.teams;
    const known = findByIdOrName(list, text);
    if (known) return { id: known.id, name: known.name, new: false };
    const slug = slugOf(text);
    if (pool.has(slug)) return { id: slug, name: pool.get(slug)!, new: true };
    if (!createPeople) {
      issues.push(
        issue(
          field(kind === 'driver' ? 'drivers' : 'team'),
          `setup.unknown-${kind}`,
          `no ${kind} "${text.trim()}" in this season`,
          `Add the ${kind} first, or paste the entry list, which adds new ${kind}s.`,
        ),
      );
      return undefined;
    }
    if (slug === '') {
      issues.push(
        issue(
          field(kind === 'driver' ? 'drivers' : 'team'),
          'setup.bad-name',
          `${kind} "${text}" has no letters or digits`,
        ),
      );
      return undefined;
    }
    pool.set(slug, text.trim());
    return { id: slug, name: text.trim(), new: true };
  };
  if (input.team.trim() === '') issues.push(issue(field('team'), 'setup.required', 'give the team'));
  const team = input.team.trim() === '' ? undefined : person('team', input.team);
  const names = input.drivers.map((d) => d.trim()).filter(Boolean);
  if (names.length === 0)
    issues.push(issue(field('drivers'), 'setup.required', 'give the driver (several for a shared car)'));
  const drivers = names.map((d) => person('driver', d));
  const cls =
    input.class.trim() === '' && season.classes.length === 1
      ? season.classes[0]
      : findClass(season, input.class);
  if (!cls)
    issues.push(
      issue(
        field('class'),
        'setup.unknown-class',
        `"${input.class.trim()}" is not a class of this season`,
        season.classes.length
          ? `Classes: ${season.classes.map((c) => c.name).join(', ')}.`
          : 'Add the classes first.',
      ),
    );
  const rounds = checkRounds(season, input.rounds, field('rounds'));
  issues.push(...rounds.issues);
  if (issues.length === 0 && team && cls) {
    const clash = numberClash(season, car, coveredRounds(season, rounds.rounds));
    if (clash)
      issues.push(
        issue(
          field('car'),
          'setup.number-taken',
          `car ${car} is entry ${clash.id} in some of these rounds already`,
          'Give the rounds of each, or record the change with "from round".',
        ),
      );
  }
  if (issues.length || !team || !cls) return { issues };
  const ds = drivers.filter((d): d is NonNullable<typeof d> => d !== undefined);
  const taken = new Set([...season.entries.map((e) => e.id), ...made.entries]);
  const id = input.id ?? freeId(slugOf(`${car}-${team.id}-${ds[0]!.id}`), taken);
  if (input.id !== undefined && taken.has(id))
    return {
      issues: [issue(field('id'), 'setup.duplicate-entry', `the season has an entry "${id}" already`)],
    };
  made.entries.add(id);
  return {
    entry: {
      id,
      car,
      team,
      drivers: ds,
      classId: cls.id,
      rounds: rounds.rounds,
      eligible: input.eligible !== false,
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    },
    issues: [],
  };
}

/**
 * Reads a pasted entry list: one car a line, `number, driver, team, class[, rounds][, guest]`
 * (commas or tabs, as a spreadsheet copies them; a shared car's drivers joined by "/" or ";").
 * Drivers and teams are matched by id or name; the ones not in the season are added. Every
 * line's problems are reported with its line number; nothing is planned from a list with any.
 */
export function planEntryList(season: Season, text: string): EntryListPlan {
  const made = {
    drivers: new Map<string, string>(),
    teams: new Map<string, string>(),
    entries: new Set<string>(),
  };
  const entries: (PlannedEntry & { line: number })[] = [];
  const issues: Issue[] = [];
  const lines = text.split(/\r?\n/);
  // Cars of this list by round, so two lines of the paste cannot give one number twice either.
  const listed: { car: string; rounds: number[]; line: number }[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    let cells: string[];
    try {
      const parsed: string[][] = parseCsvText(raw, {
        delimiter: raw.includes('\t') ? '\t' : ',',
        relax_quotes: true,
        trim: true,
      });
      cells = parsed[0] ?? [];
    } catch {
      issues.push(issue(['text'], 'setup.bad-line', `line ${line}: cannot read "${raw.trim()}"`));
      return;
    }
    if (line === 1 && /^(car|number|no\.?|#)$/i.test(cells[0] ?? '')) return; // a header row
    const oneClass = season.classes.length === 1;
    if (cells.length < (oneClass ? 3 : 4)) {
      issues.push(
        issue(
          ['text'],
          'setup.short-line',
          `line ${line}: "${raw.trim()}" needs number, driver, team${oneClass ? '' : ', class'}`,
          'Optional after them: rounds (1-4;6) and "guest".',
        ),
      );
      return;
    }
    const [car, driverText, team, cls = '', ...rest] = cells as [
      string,
      string,
      string,
      string?,
      ...string[],
    ];
    const guest = rest.some((c) => /^guest$/i.test(c));
    const roundsText = rest.find((c) => !/^guest$/i.test(c) && c !== '');
    const at = (_f: string) => ['text'];
    const planned = planEntry(
      season,
      {
        car,
        team,
        drivers: driverText.split(/\s*[/;]\s*|\s+&\s+/),
        class: cls,
        ...(roundsText ? { rounds: roundsText } : {}),
        eligible: !guest,
      },
      at,
      made,
      true,
    );
    issues.push(...planned.issues.map((p) => ({ ...p, message: `line ${line}: ${p.message}` })));
    if (planned.entry) {
      const rounds = coveredRounds(season, planned.entry.rounds);
      const twice = listed.find(
        (l) => l.car === planned.entry!.car && l.rounds.some((r) => rounds.includes(r)),
      );
      if (twice || (season.events.length === 0 && listed.some((l) => l.car === planned.entry!.car))) {
        issues.push(
          issue(
            ['text'],
            'setup.number-twice',
            `line ${line}: car ${planned.entry.car} is on line ${(twice ?? listed.find((l) => l.car === planned.entry!.car))!.line} already`,
            'A shared car is one line with its drivers joined by "/".',
          ),
        );
      }
      listed.push({ car: planned.entry.car, rounds, line });
      entries.push({ ...planned.entry, line });
    }
  });
  if (entries.length === 0 && issues.length === 0)
    issues.push(issue(['text'], 'setup.empty-list', 'paste at least one line: number, driver, team, class'));
  return {
    entries,
    newDrivers: [...made.drivers].map(([id, name]) => ({ id, name })),
    newTeams: [...made.teams].map(([id, name]) => ({ id, name })),
    issues,
  };
}

/** drivers.csv, teams.csv and entries.csv with these entries (and their new people) added. */
function entryFiles(loaded: LoadedSeason, entries: readonly PlannedEntry[]): Map<string, string> {
  const files = new Map<string, string>();
  const newDrivers = new Map(
    entries.flatMap((e) => e.drivers.filter((d) => d.new).map((d) => [d.id, d.name] as const)),
  );
  const newTeams = new Map(entries.filter((e) => e.team.new).map((e) => [e.team.id, e.team.name] as const));
  if (newDrivers.size) {
    const t = readTable(loaded.files.get('drivers.csv'), DRIVER_COLUMNS);
    for (const [id, name] of newDrivers) t.rows.push({ id, name });
    files.set('drivers.csv', writeTable(t));
  }
  if (newTeams.size) {
    const t = readTable(loaded.files.get('teams.csv'), DRIVER_COLUMNS);
    for (const [id, name] of newTeams) t.rows.push({ id, name });
    files.set('teams.csv', writeTable(t));
  }
  const t = readTable(loaded.files.get('entries.csv'), ENTRY_COLUMNS);
  for (const e of entries)
    t.rows.push({
      id: e.id,
      car: e.car,
      team: e.team.id,
      drivers: e.drivers.map((d) => d.id).join(';'),
      class: e.classId,
      rounds: e.rounds,
      eligible: String(e.eligible),
      note: e.note ?? '',
    });
  files.set('entries.csv', writeTable(t));
  return files;
}

function changeEntry(
  loaded: LoadedSeason,
  input: Extract<SetupChange, { kind: 'entry-change' }>,
): Result<SetupOutcome> {
  const season = loaded.season;
  const old = season.entries.find((e) => e.id === input.entry);
  if (!old)
    return {
      ok: false,
      issues: [issue(['entry'], 'setup.unknown-entry', `no entry "${input.entry}" in this season`)],
    };
  const roundOf = new Map(season.events.map((e) => [e.id, e.round]));
  const all = season.events.map((e) => e.round);
  const rounds = old.eventIds.map((id) => roundOf.get(id)!).sort((a, b) => a - b);
  const before = rounds.filter((r) => r < input.fromRound);
  const after = rounds.filter((r) => r >= input.fromRound);
  const issues: Issue[] = [];
  if (!Number.isInteger(input.fromRound) || before.length === 0 || after.length === 0)
    issues.push(
      issue(
        ['from_round'],
        'setup.bad-from-round',
        `entry ${old.id} runs in rounds ${formatRounds(rounds, [])}: the change must come after its first round and by its last`,
      ),
    );
  const car = input.car?.trim() || old.car;
  const made = {
    drivers: new Map<string, string>(),
    teams: new Map<string, string>(),
    entries: new Set<string>(),
  };
  const cls = season.classes.find((c) => c.id === old.classId);
  const teamText = input.team?.trim() || old.teamId;
  const drivers = input.drivers?.length ? input.drivers : old.driverIds;
  if (car === old.car && teamText === old.teamId && drivers.join(';') === old.driverIds.join(';'))
    issues.push(issue(['car'], 'setup.no-change', 'give the new car number, team or drivers'));
  if (issues.length) return { ok: false, issues };
  // The new entry is checked against every entry but the one it splits from.
  const others: Season = { ...season, entries: season.entries.filter((e) => e.id !== old.id) };
  const planned = planEntry(
    others,
    {
      car,
      team: teamText,
      drivers,
      class: cls?.id ?? old.classId,
      rounds: formatRounds(after, []),
      eligible: old.eligible,
    },
    (f) => [f],
    made,
    false,
  );
  if (!planned.entry) return { ok: false, issues: planned.issues };
  const files = entryFiles(loaded, [planned.entry]);
  const t = readTable(files.get('entries.csv'), ENTRY_COLUMNS);
  const oldRow = t.rows.find((row) => row['id'] === old.id);
  const newRow = t.rows.find((row) => row['id'] === planned.entry!.id);
  if (oldRow) oldRow['rounds'] = formatRounds(before, all);
  // The car from that round on keeps what the form does not ask (driver_points, and any other
  // column the file has), so a split never changes who scores where.
  if (oldRow && newRow)
    for (const column of t.columns)
      if (!ENTRY_COLUMNS.includes(column) && (newRow[column] ?? '') === '')
        newRow[column] = oldRow[column] ?? '';
  files.set('entries.csv', writeTable(t));
  return {
    ok: true,
    value: {
      files,
      action: 'setup-entry',
      subject: `entry ${old.id} from round ${input.fromRound}: ${planned.entry.id}`,
    },
  };
}

/**
 * The files one setup change gives, from a loaded season; problems name the form's fields (for a
 * pasted list: the line). Nothing is checked here that the loader checks anyway, except what a
 * form should say next to its field.
 */
export function applySetupChange(loaded: LoadedSeason, change: SetupChange): Result<SetupOutcome> {
  switch (change.kind) {
    case 'class':
      return addClass(loaded, change.name, change.id);
    case 'event':
      return addEvent(loaded, change);
    case 'event-times':
      return setEventTimes(loaded, change);
    case 'driver':
      return addPerson(loaded, 'drivers.csv', change);
    case 'team':
      return addPerson(loaded, 'teams.csv', change);
    case 'entry': {
      const made = {
        drivers: new Map<string, string>(),
        teams: new Map<string, string>(),
        entries: new Set<string>(),
      };
      const planned = planEntry(loaded.season, change, (f) => [f], made, false);
      if (!planned.entry) return { ok: false, issues: planned.issues };
      return {
        ok: true,
        value: {
          files: entryFiles(loaded, [planned.entry]),
          action: 'setup-entry',
          subject: `entry ${planned.entry.id}`,
        },
      };
    }
    case 'entry-change':
      return changeEntry(loaded, change);
    case 'class-edit':
      return editClass(loaded, change.class, change.name);
    case 'driver-edit':
      return editPerson(loaded, 'drivers.csv', change.driver, change);
    case 'team-edit':
      return editPerson(loaded, 'teams.csv', change.team, change);
    case 'event-edit':
      return editEvent(loaded, change.event, change);
    case 'entry-edit':
      return editEntry(loaded, change.entry, change);
    case 'class-delete':
    case 'driver-delete':
    case 'team-delete':
    case 'event-delete':
    case 'entry-delete':
      return deleteItem(loaded, change);
    case 'entry-list': {
      const plan = planEntryList(loaded.season, change.text);
      if (plan.issues.length) return { ok: false, issues: [...plan.issues] };
      return {
        ok: true,
        value: {
          files: entryFiles(loaded, plan.entries),
          action: 'setup-entries',
          subject: `${plan.entries.length} entries (${plan.newDrivers.length} new drivers, ${plan.newTeams.length} new teams)`,
        },
      };
    }
  }
}

// ---- changing and deleting what the season has ---------------------------------------------------

const unknownOf = (field: string, what: string, id: string): Result<never> => ({
  ok: false,
  issues: [issue([field], `setup.unknown-${what}`, `no ${what} "${id}" in this season`)],
});

const saved = (files: Map<string, string>, action: string, subject: string): Result<SetupOutcome> => ({
  ok: true,
  value: { files, action, subject },
});

/** "Brands Hatch Race 1": a session by its event's and its own name. */
function sessionLabel(season: Season, sessionId: string): string {
  const s = season.sessions.find((x) => x.id === sessionId);
  const e = season.events.find((x) => x.id === s?.eventId);
  return s ? `${e ? `${e.name} ` : ''}${s.name}` : sessionId;
}

const entryLabel = (season: Season, id: string) => {
  const e = season.entries.find((x) => x.id === id);
  return e ? `#${e.car} (${e.id})` : id;
};

const listed = (items: readonly string[]) => [...new Set(items)].join(', ');

const PENALTY_WORDS: Record<string, string> = {
  'points-deduction': 'points deduction',
  exclusion: 'exclusion',
  'results-withheld': 'results withheld',
  'time-penalty': 'time penalty',
  'places-penalty': 'places penalty',
  disqualification: 'disqualification',
};

/**
 * What in the season still names an entry, driver, team, class or sessions: its results, awards,
 * penalties and deductions, entries, championships and confirmed identities, in words ("results
 * of Brands Hatch Race 1", "entries #7 (7-ash)"). Empty when it can go.
 */
export function referencesTo(
  loaded: LoadedSeason,
  what: {
    readonly entry?: string;
    readonly driver?: string;
    readonly team?: string;
    readonly classId?: string;
    readonly sessions?: ReadonlySet<string>;
  },
): string[] {
  const season = loaded.season;
  const out: string[] = [];
  const inSessions = (id: string | undefined) => id !== undefined && (what.sessions?.has(id) ?? false);
  const results = season.classifications.filter(
    (c) =>
      inSessions(c.sessionId) ||
      c.rows.some(
        (r) =>
          (what.entry !== undefined && r.entryId === what.entry) ||
          (what.driver !== undefined && (r.driverIds ?? []).includes(what.driver)),
      ),
  );
  if (results.length) out.push(`results of ${listed(results.map((c) => sessionLabel(season, c.sessionId)))}`);
  const awards = season.awards.filter(
    (a) =>
      inSessions(a.sessionId) ||
      (what.entry !== undefined && a.entryId === what.entry) ||
      (what.driver !== undefined && a.driverId === what.driver) ||
      (what.classId !== undefined && a.scope === what.classId),
  );
  if (awards.length)
    out.push(
      `awards (${listed(awards.map((a) => `${a.award === 'pole' ? 'pole' : 'fastest lap'} in ${sessionLabel(season, a.sessionId)}`))})`,
    );
  const adjustments = season.adjustments.filter(
    (a) =>
      inSessions(a.sessionId) ||
      (what.entry !== undefined && 'entryId' in a && a.entryId === what.entry) ||
      (what.driver !== undefined && 'driverId' in a && a.driverId === what.driver) ||
      (what.team !== undefined && 'teamId' in a && a.teamId === what.team),
  );
  if (adjustments.length)
    out.push(
      `penalties or deductions (${listed(
        adjustments.map(
          (a) =>
            `${PENALTY_WORDS[a.kind] ?? a.kind}${a.sessionId ? ` in ${sessionLabel(season, a.sessionId)}` : ''}`,
        ),
      )})`,
    );
  const entries = season.entries.filter(
    (e) =>
      (what.driver !== undefined && e.driverIds.includes(what.driver)) ||
      (what.team !== undefined && e.teamId === what.team) ||
      (what.classId !== undefined && e.classId === what.classId),
  );
  if (entries.length) out.push(`entries ${listed(entries.map((e) => entryLabel(season, e.id)))}`);
  if (what.classId !== undefined) {
    const championships = loaded.rulebook.championships.filter((c) =>
      (c.scope.classes ?? []).includes(what.classId!),
    );
    if (championships.length)
      out.push(`the rulebook's championships ${listed(championships.map((c) => `"${c.name}"`))}`);
  }
  if (what.driver !== undefined) {
    const mapped = Object.values(loaded.mappings).filter((d) => d === what.driver).length;
    if (mapped) out.push(`${mapped} confirmed name(s) from results files (mappings.yaml)`);
  }
  return out;
}

/** The refusal of a delete that something still refers to, naming what. */
const stillUsed = (field: string, what: string, uses: readonly string[]): Result<never> => ({
  ok: false,
  issues: [
    issue(
      [field],
      'setup.still-used',
      `${what} cannot be deleted: ${uses.join('; ')} still refer to it`,
      'Delete or change those first; nothing was deleted.',
    ),
  ],
});

const noChange = (field: string, message: string): Result<never> => ({
  ok: false,
  issues: [issue([field], 'setup.no-change', message)],
});

/** The index of the item with this id in a season.yaml list (classes, events, an event's sessions). */
function indexIn(doc: Document, path: readonly (string | number)[], id: string): number {
  const seq = doc.getIn(path);
  if (!isSeq(seq)) return -1;
  return seq.items.findIndex((_, i) => doc.getIn([...path, i, 'id']) === id);
}

const yamlOf = (doc: Document) => doc.toString({ lineWidth: 0 });

function editClass(loaded: LoadedSeason, classId: string, name: string): Result<SetupOutcome> {
  const cls = loaded.season.classes.find((c) => c.id === classId);
  if (!cls) return unknownOf('class', 'class', classId);
  const issues = checkName(name);
  const other = loaded.season.classes.find((c) => c.id !== classId && slugOf(c.name) === slugOf(name));
  if (other)
    issues.push(
      issue(['name'], 'setup.duplicate-class', `class "${other.id}" is named "${other.name}" already`),
    );
  if (issues.length) return { ok: false, issues };
  if (name.trim() === cls.name) return noChange('name', 'give the new name');
  const doc = seasonDocument(loaded);
  doc.setIn(['classes', indexIn(doc, ['classes'], classId), 'name'], name.trim());
  return saved(new Map([['season.yaml', seasonYaml(loaded, doc)]]), 'setup-class', `class ${classId}`);
}

function editPerson(
  loaded: LoadedSeason,
  file: 'drivers.csv' | 'teams.csv',
  id: string,
  edit: PersonEdit,
): Result<SetupOutcome> {
  const what = file === 'drivers.csv' ? 'driver' : 'team';
  const list = file === 'drivers.csv' ? loaded.season.drivers : loaded.season.teams;
  const old = list.find((p) => p.id === id);
  if (!old) return unknownOf(what, what, id);
  const name = edit.name?.trim();
  const nationality = edit.nationality?.trim().toUpperCase();
  const issues = [
    ...(name !== undefined ? checkName(name) : []),
    ...checkCountry(nationality, 'nationality'),
  ];
  if (issues.length) return { ok: false, issues };
  const newName = name ?? old.name;
  const newNationality = nationality === undefined ? (old.nationality ?? '') : nationality;
  if (newName === old.name && newNationality === (old.nationality ?? ''))
    return noChange('name', 'give the new name or nationality');
  const table = readTable(loaded.files.get(file), DRIVER_COLUMNS);
  for (const row of table.rows)
    if (row['id'] === id) {
      row['name'] = newName;
      row['nationality'] = newNationality;
    }
  return saved(new Map([[file, writeTable(table)]]), `setup-${what}`, `${what} ${id}`);
}

/** The `rounds` text of an entry's row in entries.csv ("all" when empty). */
function roundsTextOf(loaded: LoadedSeason, entryId: string): string {
  const table = readTable(loaded.files.get('entries.csv'), ENTRY_COLUMNS);
  const text = table.rows.find((r) => r['id'] === entryId)?.['rounds']?.trim() ?? '';
  return text === '' ? 'all' : text;
}

/** Sessions where an entry has results, awards or penalties: session id -> what. */
function entrySessions(season: Season, entryId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of season.classifications)
    if (c.rows.some((r) => r.entryId === entryId)) out.set(c.sessionId, 'results');
  for (const a of season.awards)
    if (a.entryId === entryId) out.set(a.sessionId, out.get(a.sessionId) ?? 'an award');
  for (const a of season.adjustments)
    if ('entryId' in a && a.entryId === entryId && a.sessionId)
      out.set(a.sessionId, out.get(a.sessionId) ?? 'a penalty');
  return out;
}

function editEntry(loaded: LoadedSeason, id: string, edit: EntryEdit): Result<SetupOutcome> {
  const season = loaded.season;
  const old = season.entries.find((e) => e.id === id);
  if (!old) return unknownOf('entry', 'entry', id);
  const table = readTable(loaded.files.get('entries.csv'), ENTRY_COLUMNS);
  const row = table.rows.find((r) => r['id'] === id);
  const oldRounds = roundsTextOf(loaded, id);
  const others: Season = { ...season, entries: season.entries.filter((e) => e.id !== id) };
  const made = {
    drivers: new Map<string, string>(),
    teams: new Map<string, string>(),
    entries: new Set<string>(),
  };
  const note = edit.note === undefined ? (row?.['note'] ?? '') : edit.note.trim();
  const planned = planEntry(
    others,
    {
      id,
      car: edit.car ?? old.car,
      team: edit.team ?? old.teamId,
      drivers: edit.drivers ?? old.driverIds,
      class: edit.class ?? old.classId,
      rounds: edit.rounds ?? oldRounds,
      eligible: edit.eligible ?? old.eligible,
      ...(note ? { note } : {}),
    },
    (f) => [f],
    made,
    false,
  );
  if (!planned.entry) return { ok: false, issues: planned.issues };
  const e = planned.entry;
  const issues: Issue[] = [];
  // The rounds must keep every round where the entry has results, awards or penalties.
  const covered = new Set(coveredRounds(season, e.rounds));
  const roundOf = new Map(season.events.map((ev) => [ev.id, ev.round]));
  const lost = [...entrySessions(season, id)].filter(([sid]) => {
    const s = season.sessions.find((x) => x.id === sid);
    return s !== undefined && !covered.has(roundOf.get(s.eventId) ?? -1);
  });
  if (lost.length)
    issues.push(
      issue(
        ['rounds'],
        'setup.rounds-with-results',
        `entry #${old.car} has ${[...new Set(lost.map(([, w]) => w))]
          .map(
            (w) =>
              `${w} in ${listed(lost.filter(([, x]) => x === w).map(([sid]) => sessionLabel(season, sid)))}`,
          )
          .join(' and ')}: its rounds must include ${lost.length === 1 ? 'that round' : 'those rounds'}`,
        'Delete those results first, or give rounds that include them.',
      ),
    );
  // A driver named in a result row must stay one of the car's drivers.
  const named = new Set(
    season.classifications.flatMap((c) =>
      c.rows.filter((r) => r.entryId === id).flatMap((r) => r.driverIds ?? []),
    ),
  );
  const dropped = [...named].filter((d) => !e.drivers.some((x) => x.id === d));
  if (dropped.length)
    issues.push(
      issue(
        ['drivers'],
        'setup.driver-with-results',
        `${dropped.map((d) => season.drivers.find((x) => x.id === d)?.name ?? d).join(', ')} drove entry #${old.car} in results: keep them among its drivers`,
      ),
    );
  if (issues.length) return { ok: false, issues };
  const next = {
    car: e.car,
    team: e.team.id,
    drivers: e.drivers.map((d) => d.id).join(';'),
    class: e.classId,
    rounds: e.rounds,
    eligible: String(e.eligible),
    note: e.note ?? '',
  };
  const same =
    row !== undefined &&
    next.car === old.car &&
    next.team === old.teamId &&
    next.drivers === old.driverIds.join(';') &&
    next.class === old.classId &&
    next.rounds === oldRounds &&
    e.eligible === old.eligible &&
    next.note === (row['note'] ?? '');
  if (same) return noChange('car', 'change the number, team, drivers, class, rounds, guest or note');
  for (const r of table.rows)
    if (r['id'] === id) {
      Object.assign(r, next);
      if (!table.columns.includes('eligible')) table.columns.push('eligible');
    }
  return saved(new Map([['entries.csv', writeTable(table)]]), 'setup-entry', `entry ${id}`);
}

function editEvent(loaded: LoadedSeason, id: string, edit: EventEdit): Result<SetupOutcome> {
  const season = loaded.season;
  const event = season.events.find((e) => e.id === id);
  if (!event) return unknownOf('event', 'event', id);
  const issues: Issue[] = [];
  const name = edit.name?.trim();
  const circuit = edit.circuit?.trim();
  const country = edit.country?.trim().toUpperCase();
  if (name !== undefined) issues.push(...checkName(name));
  if (circuit !== undefined) issues.push(...checkName(circuit, 'circuit'));
  issues.push(...checkCountry(country, 'country'));
  const start = edit.start?.trim() ?? event.start ?? '';
  if (!isCalendarDate(start)) issues.push(issue(['start'], 'setup.bad-date', 'a date written yyyy-mm-dd'));
  const endText = edit.end === undefined ? (event.end ?? '') : edit.end.trim();
  if (endText !== '' && !isCalendarDate(endText))
    issues.push(issue(['end'], 'setup.bad-date', 'a date written yyyy-mm-dd'));
  else if (endText !== '' && isCalendarDate(start) && endText < start)
    issues.push(issue(['end'], 'setup.end-before-start', 'the last day is before the first'));
  const end = endText || start;
  const zone = edit.timezone === undefined ? event.timezone : edit.timezone.trim() || undefined;
  if (zone !== undefined && !isTimeZone(zone))
    issues.push(
      issue(
        ['timezone'],
        'setup.bad-timezone',
        `"${zone}" is not an IANA time zone such as Europe/London or America/New_York`,
      ),
    );
  const own = season.sessions.filter((s) => s.eventId === id);
  const removed = new Set(edit.removeSessions ?? []);
  (edit.removeSessions ?? []).forEach((sid, i) => {
    if (!own.some((s) => s.id === sid))
      issues.push(
        issue(['removeSessions', i], 'setup.unknown-session', `no session "${sid}" at ${event.name}`),
      );
    else {
      const uses = referencesTo(loaded, { sessions: new Set([sid]) });
      if (uses.length)
        issues.push(
          issue(
            ['removeSessions', i],
            'setup.still-used',
            `${sessionLabel(season, sid)} cannot be removed: ${uses.join('; ')} still refer to it`,
            'Delete those first; nothing was removed.',
          ),
        );
    }
  });
  const kept = own.filter((s) => !removed.has(s.id));
  const added = edit.addSessions ?? [];
  if (kept.length + added.length === 0)
    issues.push(issue(['sessions'], 'setup.no-sessions', 'an event keeps at least one session'));
  const inside = (d: string) => !isCalendarDate(start) || (d >= start && d <= end);
  const days = `${start}${end !== start ? ` to ${end}` : ''}`;
  for (const s of kept) {
    if (s.date && !inside(s.date))
      issues.push(
        issue(
          [edit.start !== undefined ? 'start' : 'end'],
          'setup.session-outside-event',
          `${s.name} is on ${s.date}, not a day of the event (${days})`,
          'Change its day under "Set times" first, or give days that include it.',
        ),
      );
    if (s.time && zone === undefined)
      issues.push(
        issue(
          ['timezone'],
          'setup.time-without-zone',
          `${s.name} starts at ${s.time} local time: the event needs its time zone`,
        ),
      );
  }
  const sessionIds = new Set(season.sessions.map((s) => s.id));
  const typeCount = new Map<string, number>();
  for (const s of kept) typeCount.set(s.type, (typeCount.get(s.type) ?? 0) + 1);
  const total = (type: string) =>
    kept.filter((s) => s.type === type).length + added.filter((s) => s.type.trim() === type).length;
  const newSessions = added.map((s, i) => {
    const type = s.type.trim();
    if (!SLUG.test(type))
      issues.push(issue(['addSessions', i, 'type'], 'setup.bad-type', 'practice, qualifying or race'));
    typeCount.set(type, (typeCount.get(type) ?? 0) + 1);
    const sessionName =
      s.name?.trim() ||
      `${type.charAt(0).toUpperCase()}${type.slice(1)}${total(type) > 1 ? ` ${typeCount.get(type)}` : ''}`;
    const sid = freeId(`${id}-${slugOf(sessionName) || type}`, sessionIds);
    sessionIds.add(sid);
    checkSessionTimes(issues, ['addSessions', i], s, { start, end, zone });
    return {
      id: sid,
      type,
      ...(NUMBERED.has(type) ? { race: 0 } : {}),
      name: sessionName,
      ...(s.date ? { date: s.date } : {}),
      ...(s.time ? { time: s.time } : {}),
      ...(s.durationMinutes !== undefined ? { duration_minutes: s.durationMinutes } : {}),
    };
  });
  if (issues.length)
    return {
      ok: false,
      issues: [...new Map(issues.map((i) => [`${i.path.join('.')}:${i.code}:${i.message}`, i])).values()],
    };
  const doc = seasonDocument(loaded);
  const at = indexIn(doc, ['events'], id);
  const before = yamlOf(doc);
  const set = (field: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value === '') doc.deleteIn(['events', at, field]);
    else if (doc.getIn(['events', at, field]) !== value) doc.setIn(['events', at, field], value);
  };
  set('name', name);
  set('circuit', circuit);
  set('city', edit.city?.trim());
  set('country', country);
  set('start', edit.start?.trim());
  if (edit.end !== undefined || edit.start !== undefined) set('end', end !== start ? end : '');
  set('timezone', edit.timezone === undefined ? undefined : (zone ?? ''));
  const sessionsPath = ['events', at, 'sessions'];
  for (const sid of removed) {
    const si = indexIn(doc, sessionsPath, sid);
    if (si >= 0) doc.deleteIn([...sessionsPath, si]);
  }
  for (const s of newSessions) {
    const node = doc.createNode(s);
    node.flow = true;
    doc.addIn(sessionsPath, node);
  }
  const racesMoved =
    newSessions.some((s) => NUMBERED.has(s.type)) ||
    own.some((s) => removed.has(s.id) && s.race !== undefined);
  if (racesMoved) renumberRaces(doc);
  if (yamlOf(doc) === before)
    return noChange('name', 'change a detail of the event, or add or remove a session');
  return saved(new Map([['season.yaml', seasonYaml(loaded, doc)]]), 'setup-event', `event ${id}`);
}

/** Deletes a class, driver, team, event or entry that nothing refers to; else names what does. */
function deleteItem(
  loaded: LoadedSeason,
  change: Extract<
    SetupChange,
    { kind: 'class-delete' | 'driver-delete' | 'team-delete' | 'event-delete' | 'entry-delete' }
  >,
): Result<SetupOutcome> {
  const season = loaded.season;
  switch (change.kind) {
    case 'class-delete': {
      const cls = season.classes.find((c) => c.id === change.class);
      if (!cls) return unknownOf('class', 'class', change.class);
      const uses = referencesTo(loaded, { classId: cls.id });
      if (uses.length) return stillUsed('class', `class "${cls.name}"`, uses);
      const doc = seasonDocument(loaded);
      doc.deleteIn(['classes', indexIn(doc, ['classes'], cls.id)]);
      return saved(
        new Map([['season.yaml', seasonYaml(loaded, doc)]]),
        'setup-class',
        `class ${cls.id} deleted`,
      );
    }
    case 'driver-delete':
    case 'team-delete': {
      const what = change.kind === 'driver-delete' ? 'driver' : 'team';
      const id = change.kind === 'driver-delete' ? change.driver : change.team;
      const file = what === 'driver' ? 'drivers.csv' : 'teams.csv';
      const person = (what === 'driver' ? season.drivers : season.teams).find((p) => p.id === id);
      if (!person) return unknownOf(what, what, id);
      const uses = referencesTo(loaded, what === 'driver' ? { driver: id } : { team: id });
      if (uses.length) return stillUsed(what, `${what} "${person.name}"`, uses);
      const table = readTable(loaded.files.get(file), DRIVER_COLUMNS);
      table.rows = table.rows.filter((r) => r['id'] !== id);
      return saved(new Map([[file, writeTable(table)]]), `setup-${what}`, `${what} ${id} deleted`);
    }
    case 'entry-delete': {
      const entry = season.entries.find((e) => e.id === change.entry);
      if (!entry) return unknownOf('entry', 'entry', change.entry);
      const uses = referencesTo(loaded, { entry: entry.id });
      if (uses.length) return stillUsed('entry', `entry #${entry.car} (${entry.id})`, uses);
      const table = readTable(loaded.files.get('entries.csv'), ENTRY_COLUMNS);
      table.rows = table.rows.filter((r) => r['id'] !== entry.id);
      return saved(new Map([['entries.csv', writeTable(table)]]), 'setup-entry', `entry ${entry.id} deleted`);
    }
    case 'event-delete': {
      const event = season.events.find((e) => e.id === change.event);
      if (!event) return unknownOf('event', 'event', change.event);
      const own = season.sessions.filter((s) => s.eventId === event.id);
      const uses = referencesTo(loaded, { sessions: new Set(own.map((s) => s.id)) });
      const only = season.entries.filter((e) => e.eventIds.length === 1 && e.eventIds[0] === event.id);
      if (only.length)
        uses.push(
          `entries ${listed(only.map((e) => entryLabel(season, e.id)))} (they run in no other round)`,
        );
      if (uses.length) return stillUsed('event', `round ${event.round} "${event.name}"`, uses);
      const doc = seasonDocument(loaded);
      doc.deleteIn(['events', indexIn(doc, ['events'], event.id)]);
      if (own.some((s) => s.race !== undefined)) renumberRaces(doc);
      const files = new Map([['season.yaml', seasonYaml(loaded, doc)]]);
      // Entries listing rounds keep the same rounds, written without the deleted one.
      const rest = season.events.filter((e) => e.id !== event.id).map((e) => e.round);
      const table = readTable(loaded.files.get('entries.csv'), ENTRY_COLUMNS);
      let rewritten = false;
      for (const row of table.rows) {
        const text = row['rounds']?.trim() ?? '';
        if (text === '' || text.toLowerCase() === 'all') continue;
        const rounds = parseRounds(
          text,
          season.events.map((e) => e.round),
        ).filter((r) => r !== event.round);
        const next = formatRounds(rounds, rest);
        if (next !== text) {
          row['rounds'] = next;
          rewritten = true;
        }
      }
      if (rewritten) files.set('entries.csv', writeTable(table));
      return saved(files, 'setup-event', `event ${event.id} deleted`);
    }
  }
}

// ---- season.yaml as its author wrote it ------------------------------------------------------

// A candidate patch can misplace a line so that a collection becomes a key: it is refused here, and
// the library's warning about such keys (printed to the server's stderr) is not wanted.
const quietly = (text: string): unknown => parseDocument(text, { logLevel: 'error' }).toJS();
const sameData = (a: string, b: string) => {
  try {
    return JSON.stringify(quietly(a)) === JSON.stringify(quietly(b));
  } catch {
    return false;
  }
};

/**
 * The lines of `changed` that differ from `unchanged` (both written by the yaml library from the
 * same file), put into the file's own text: lines the change did not touch stay exactly as their
 * author wrote them (quoting, spacing, comments, indentation). Undefined when the library's text
 * does not match the file line for line.
 */
function patchLines(original: string, unchanged: string, changed: string): string | undefined {
  const o = original.split('\n');
  const r = unchanged.split('\n');
  const c = changed.split('\n');
  if (o.length !== r.length) return undefined;
  let head = 0;
  while (head < r.length && head < c.length && r[head] === c[head]) head++;
  let tail = 0;
  while (
    tail < r.length - head &&
    tail < c.length - head &&
    r[r.length - 1 - tail] === c[c.length - 1 - tail]
  )
    tail++;
  const rm = r.slice(head, r.length - tail);
  const cm = c.slice(head, c.length - tail);
  // The longest common subsequence of the changed middle (small: a change touches a few lines).
  const lcs: number[][] = Array.from({ length: rm.length + 1 }, () =>
    new Array<number>(cm.length + 1).fill(0),
  );
  for (let i = rm.length - 1; i >= 0; i--)
    for (let j = cm.length - 1; j >= 0; j--)
      lcs[i]![j] = rm[i] === cm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const middle: string[] = [];
  let i = 0;
  let j = 0;
  while (i < rm.length || j < cm.length) {
    if (i < rm.length && j < cm.length && rm[i] === cm[j]) {
      middle.push(o[head + i]!);
      i++;
      j++;
    } else if (j < cm.length && (i === rm.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      middle.push(cm[j++]!);
    else i++;
  }
  return [...o.slice(0, head), ...middle, ...o.slice(r.length - tail)].join('\n');
}

/**
 * season.yaml's new text after a change made on its Document: the file as its author wrote it,
 * with only the lines the change touched written anew (in the file's own indentation of lists and
 * spacing of `{ }`, when the library can write those); else the library's text of the whole file.
 */
function seasonYaml(loaded: LoadedSeason, doc: Document): string {
  const original = loaded.files.get('season.yaml') ?? '';
  const full = doc.toString({ lineWidth: 0 });
  const before = parseDocument(original);
  const lines = original.split('\n');
  // The writing options under which the library's text of the file is most like the file itself.
  let best: { text: string; alike: number } | undefined;
  for (const indentSeq of [true, false])
    for (const flowCollectionPadding of [true, false]) {
      const options = { lineWidth: 0, indentSeq, flowCollectionPadding };
      const unchanged = before.toString(options);
      const patched = patchLines(original, unchanged, doc.toString(options));
      if (patched === undefined || !sameData(patched, full)) continue;
      const alike = unchanged.split('\n').filter((l, k) => l === lines[k]).length;
      if (best === undefined || alike > best.alike) best = { text: patched, alike };
    }
  return best?.text ?? full;
}
