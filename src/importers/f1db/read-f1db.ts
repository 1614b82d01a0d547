/**
 * Reading f1db's source layout (https://github.com/f1db/f1db, `src/data/...`): one season's
 * entrants, races and their result files, and the reference records they name (drivers,
 * constructors, engine and tyre makes, entrants, circuits, Grands Prix, countries). Every file is
 * checked against the slice of its shape the importer uses; a problem names the file and line.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Issue, Result } from '../../engine/index.js';
import { parseYaml } from '../../formats/yaml-file.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an f1db id such as "nino-farina"');
const carNumber = z.union([z.number(), z.string()]).nullish();

/** f1db's position column: a place, or why there is none. */
export const RESULT_STATUSES = ['DNF', 'NC', 'DNS', 'DSQ', 'DNQ', 'DNPQ', 'DNP', 'EX'] as const;

const resultRow = z.object({
  position: z.union([z.number().int().positive(), z.enum(RESULT_STATUSES)]),
  driverNumber: carNumber,
  driverId: id,
  constructorId: id,
  engineManufacturerId: id,
  tyreManufacturerId: id.nullish(),
  sharedCar: z.boolean().nullish(),
  laps: z.number().int().nonnegative().nullish(),
  time: z.string().nullish(),
  reasonRetired: z.string().nullish(),
  points: z.number().nullish(),
});
export type F1dbResultRow = z.output<typeof resultRow>;

const lapRow = z.object({
  position: z.union([z.number().int().positive(), z.string()]),
  driverNumber: carNumber,
  driverId: id,
  constructorId: id,
  engineManufacturerId: id,
  time: z.string().nullish(),
});
export type F1dbLapRow = z.output<typeof lapRow>;

const standingRow = z.object({
  position: z.union([z.number().int().positive(), z.string()]),
  driverId: id.optional(),
  constructorId: id.optional(),
  engineManufacturerId: id.optional(),
  points: z.number(),
});
export type F1dbStandingRow = z.output<typeof standingRow>;

const raceFile = z.object({
  round: z.number().int().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  grandPrixId: id,
  officialName: z.string(),
  circuitId: id,
  laps: z.number().int().nonnegative(),
  scheduledLaps: z.number().int().positive().nullish(),
  sprintRaceLaps: z.number().int().nonnegative().nullish(),
  sprintRaceScheduledLaps: z.number().int().positive().nullish(),
  sprintQualifyingFormat: z.string().nullish(),
});
export type F1dbRaceFile = z.output<typeof raceFile>;

// entrants.yml nests entrant -> constructors -> engines -> tyre makes -> drivers, each level
// optional; a level's fields hold for everything below it.
const entrantLevel: z.ZodType<EntrantLevel> = z.lazy(() =>
  z.object({
    entrantId: id.optional(),
    constructorId: id.optional(),
    engineManufacturerId: id.optional(),
    tyreManufacturerId: id.optional(),
    chassisId: id.optional(),
    driverId: id.optional(),
    rounds: z.union([z.string(), z.number()]).nullish(),
    testDriver: z.boolean().optional(),
    constructors: z.array(entrantLevel).optional(),
    engines: z.array(entrantLevel).optional(),
    tyreManufacturers: z.array(entrantLevel).optional(),
    drivers: z.array(entrantLevel).optional(),
  }),
);
interface EntrantLevel {
  entrantId?: string | undefined;
  constructorId?: string | undefined;
  engineManufacturerId?: string | undefined;
  tyreManufacturerId?: string | undefined;
  chassisId?: string | undefined;
  driverId?: string | undefined;
  rounds?: string | number | null | undefined;
  testDriver?: boolean | undefined;
  constructors?: EntrantLevel[] | undefined;
  engines?: EntrantLevel[] | undefined;
  tyreManufacturers?: EntrantLevel[] | undefined;
  drivers?: EntrantLevel[] | undefined;
}

/** One driver's line of the entry list: who entered which car, with which engine and tyres, when. */
export interface F1dbEntrantLine {
  readonly entrantId: string;
  readonly constructorId: string;
  readonly engineManufacturerId: string;
  readonly tyreManufacturerId?: string;
  readonly driverId: string;
  readonly rounds: ReadonlySet<number>;
}

export interface F1dbRace {
  /** The race's folder name, e.g. "01-great-britain". */
  readonly dir: string;
  readonly race: F1dbRaceFile;
  /** Absent for a race not yet run. */
  readonly results?: readonly F1dbResultRow[];
  readonly sprint?: readonly F1dbResultRow[];
  readonly fastestLaps?: readonly F1dbLapRow[];
  readonly qualifying?: readonly F1dbLapRow[];
  readonly grid?: readonly F1dbLapRow[];
  readonly sprintGrid?: readonly F1dbLapRow[];
  readonly driverStandings?: readonly F1dbStandingRow[];
  readonly constructorStandings?: readonly F1dbStandingRow[];
}

export interface Named {
  readonly name: string;
  /** ISO 3166-1 alpha-2 code of the record's country or nationality, when f1db gives one. */
  readonly country?: string;
}

export interface F1dbSeason {
  readonly year: number;
  readonly entrants: readonly F1dbEntrantLine[];
  readonly races: readonly F1dbRace[];
  /** Reference records named by the season, by id. */
  readonly drivers: ReadonlyMap<string, Named>;
  readonly constructors: ReadonlyMap<string, Named>;
  readonly engines: ReadonlyMap<string, Named>;
  readonly tyres: ReadonlyMap<string, Named>;
  readonly entrantNames: ReadonlyMap<string, Named>;
  readonly circuits: ReadonlyMap<string, Named & { readonly place?: string }>;
  readonly grandsPrix: ReadonlyMap<string, Named>;
  /** Reference records the season names that the checkout does not hold (`entrants/<id>.yml`). */
  readonly missing: readonly string[];
}

/** The data folder of an f1db checkout (`<checkout>/src/data`). */
export const dataDir = (checkout: string): string => join(checkout, 'src', 'data');

/** The seasons an f1db checkout holds, in order; issues when it does not look like one. */
export async function listF1dbSeasons(checkout: string): Promise<Result<number[]>> {
  const dir = join(dataDir(checkout), 'seasons');
  if (!existsSync(dir))
    return fail({
      code: 'f1db.not-a-checkout',
      path: [checkout],
      message: `${checkout} is not an f1db checkout: no src/data/seasons folder`,
      hint: 'Give the folder of a clone of https://github.com/f1db/f1db (or a copy of its src/data tree).',
      location: { file: dir },
    });
  const years = (await readdir(dir)).filter((d) => /^\d{4}$/.test(d)).map(Number);
  return { ok: true, value: years.sort((a, b) => a - b) };
}

const fail = (...issues: Issue[]): { ok: false; issues: Issue[] } => ({ ok: false, issues });

/** Reads a YAML file against a schema: fast path first, located issues when it does not fit. */
async function readYaml<S extends z.ZodType>(
  file: string,
  schema: S,
  issues: Issue[],
): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    issues.push({ code: 'file.missing', path: [file], message: `cannot read ${file}`, location: { file } });
    return undefined;
  }
  try {
    const quick = schema.safeParse(parse(text) ?? []);
    if (quick.success) return quick.data;
  } catch {
    // A syntax error: parseYaml below reports it with its line.
  }
  const slow = parseYaml(text, file, schema);
  if (slow.ok) return slow.value.value;
  issues.push(...slow.issues);
  return undefined;
}

async function readOptional<S extends z.ZodType>(
  file: string,
  schema: S,
  issues: Issue[],
): Promise<z.output<S> | undefined> {
  return existsSync(file) ? readYaml(file, schema, issues) : undefined;
}

/** Parses f1db's round lists: "1-2,4-7" or a single number. */
export function parseF1dbRounds(rounds: string | number): Set<number> | undefined {
  const out = new Set<number>();
  for (const part of String(rounds).split(',')) {
    const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return undefined;
    for (let r = from; r <= to; r++) out.add(r);
  }
  return out;
}

function flattenEntrants(levels: readonly EntrantLevel[], file: string, issues: Issue[]): F1dbEntrantLine[] {
  const out: F1dbEntrantLine[] = [];
  const walk = (level: EntrantLevel, above: EntrantLevel, path: (string | number)[]) => {
    const here: EntrantLevel = { ...above, ...level };
    const below = [
      ...(level.constructors ?? []).map((l, i) => [l, 'constructors', i] as const),
      ...(level.engines ?? []).map((l, i) => [l, 'engines', i] as const),
      ...(level.tyreManufacturers ?? []).map((l, i) => [l, 'tyreManufacturers', i] as const),
      ...(level.drivers ?? []).map((l, i) => [l, 'drivers', i] as const),
    ];
    for (const [l, key, i] of below)
      walk(
        l,
        {
          ...here,
          constructors: undefined,
          engines: undefined,
          tyreManufacturers: undefined,
          drivers: undefined,
        },
        [...path, key, i],
      );
    // Test drivers never raced; an entry with empty rounds never took part (First, 1989).
    if (level.driverId === undefined || here.testDriver || here.rounds === null) return;
    const rounds = here.rounds === undefined ? undefined : parseF1dbRounds(here.rounds);
    const { entrantId, constructorId, engineManufacturerId } = here;
    if (!rounds || !entrantId || !constructorId || !engineManufacturerId) {
      issues.push({
        code: 'f1db.entrant-incomplete',
        path: [file, ...path],
        message: `entrant line for ${level.driverId} lacks ${[
          !rounds && 'readable rounds',
          !entrantId && 'entrantId',
          !constructorId && 'constructorId',
          !engineManufacturerId && 'engineManufacturerId',
        ]
          .filter(Boolean)
          .join(', ')}`,
        location: { file },
      });
      return;
    }
    out.push({
      entrantId,
      constructorId,
      engineManufacturerId,
      ...(here.tyreManufacturerId === undefined ? {} : { tyreManufacturerId: here.tyreManufacturerId }),
      driverId: level.driverId,
      rounds,
    });
  };
  levels.forEach((l, i) => walk(l, {}, [i]));
  return out;
}

const named = z.object({
  name: z.string().min(1),
  countryId: id.nullish(),
  nationalityCountryId: id.nullish(),
});
const circuit = named.extend({ placeName: z.string().nullish() });
const grandPrix = named.extend({ fullName: z.string().min(1) });
const country = z.object({ alpha2Code: z.string().nullish() });

/** Reads one season of an f1db checkout with the reference records it names. */
export async function readF1dbSeason(checkout: string, year: number): Promise<Result<F1dbSeason>> {
  const data = dataDir(checkout);
  const seasonDir = join(data, 'seasons', String(year));
  if (!existsSync(seasonDir))
    return fail({
      code: 'f1db.unknown-season',
      path: [String(year)],
      message: `the f1db checkout has no season ${year}`,
      location: { file: seasonDir },
    });
  const issues: Issue[] = [];
  const entrantsFile = join(seasonDir, 'entrants.yml');
  const entrantLevels = (await readYaml(entrantsFile, z.array(entrantLevel), issues)) ?? [];
  const entrants = flattenEntrants(entrantLevels, entrantsFile, issues);

  const raceDirs = existsSync(join(seasonDir, 'races'))
    ? (await readdir(join(seasonDir, 'races'))).sort()
    : [];
  const races: F1dbRace[] = [];
  for (const dir of raceDirs) {
    const at = (name: string) => join(seasonDir, 'races', dir, name);
    const race = await readYaml(at('race.yml'), raceFile, issues);
    if (!race) continue;
    const rows = z.array(resultRow);
    const laps = z.array(lapRow);
    const standings = z.array(standingRow);
    const parts = {
      results: await readOptional(at('race-results.yml'), rows, issues),
      sprint: await readOptional(at('sprint-race-results.yml'), rows, issues),
      fastestLaps: await readOptional(at('fastest-laps.yml'), laps, issues),
      qualifying: await readOptional(at('qualifying-results.yml'), laps, issues),
      grid: await readOptional(at('starting-grid-positions.yml'), laps, issues),
      sprintGrid: await readOptional(at('sprint-starting-grid-positions.yml'), laps, issues),
      driverStandings: await readOptional(at('driver-standings.yml'), standings, issues),
      constructorStandings: await readOptional(at('constructor-standings.yml'), standings, issues),
    };
    races.push({
      dir,
      race,
      ...Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)),
    });
  }

  // The reference records the season names.
  const countries = new Map<string, string | undefined>();
  const countryCode = async (cid: string | null | undefined): Promise<string | undefined> => {
    if (!cid) return undefined;
    if (!countries.has(cid)) {
      const c = await readYaml(join(data, 'countries', `${cid}.yml`), country, issues);
      countries.set(cid, c?.alpha2Code ?? undefined);
    }
    return countries.get(cid);
  };
  // A record the season names but the checkout lacks is not fatal: the id stands in for the name.
  const missing: string[] = [];
  async function lookup(folder: string, ids: Iterable<string>): Promise<Map<string, Named>> {
    const out = new Map<string, Named>();
    for (const rid of new Set(ids)) {
      const path = join(data, folder, `${rid}.yml`);
      if (!existsSync(path)) {
        missing.push(`${folder}/${rid}.yml`);
        continue;
      }
      const r = await readYaml(path, named, issues);
      if (!r) continue;
      const code = await countryCode(r.nationalityCountryId ?? r.countryId);
      out.set(rid, code === undefined ? { name: r.name } : { name: r.name, country: code });
    }
    return out;
  }
  const allRows = races.flatMap((r) => [
    ...(r.results ?? []),
    ...(r.sprint ?? []),
    ...(r.fastestLaps ?? []),
    ...(r.qualifying ?? []),
  ]);
  const standingRows = races.flatMap((r) => [
    ...(r.driverStandings ?? []),
    ...(r.constructorStandings ?? []),
  ]);
  const drivers = await lookup('drivers', [
    ...allRows.map((r) => r.driverId),
    ...entrants.map((e) => e.driverId),
    ...standingRows.flatMap((r) => (r.driverId ? [r.driverId] : [])),
  ]);
  const constructors = await lookup('constructors', [
    ...allRows.map((r) => r.constructorId),
    ...entrants.map((e) => e.constructorId),
    ...standingRows.flatMap((r) => (r.constructorId ? [r.constructorId] : [])),
  ]);
  const engines = await lookup('engine-manufacturers', [
    ...allRows.map((r) => r.engineManufacturerId),
    ...entrants.map((e) => e.engineManufacturerId),
    ...standingRows.flatMap((r) => (r.engineManufacturerId ? [r.engineManufacturerId] : [])),
  ]);
  const tyres = await lookup(
    'tyre-manufacturers',
    races.flatMap((r) =>
      [...(r.results ?? []), ...(r.sprint ?? [])].flatMap((x) =>
        x.tyreManufacturerId ? [x.tyreManufacturerId] : [],
      ),
    ),
  );
  const entrantNames = await lookup(
    'entrants',
    entrants.map((e) => e.entrantId),
  );
  const circuits = new Map<string, Named & { place?: string }>();
  for (const cid of new Set(races.map((r) => r.race.circuitId))) {
    const c = await readYaml(join(data, 'circuits', `${cid}.yml`), circuit, issues);
    if (!c) continue;
    const code = await countryCode(c.countryId);
    circuits.set(cid, {
      name: c.name,
      ...(code === undefined ? {} : { country: code }),
      ...(c.placeName ? { place: c.placeName } : {}),
    });
  }
  const grandsPrix = new Map<string, Named>();
  for (const gid of new Set(races.map((r) => r.race.grandPrixId))) {
    const g = await readYaml(join(data, 'grands-prix', `${gid}.yml`), grandPrix, issues);
    if (g) grandsPrix.set(gid, { name: g.fullName });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      year,
      entrants,
      races,
      drivers,
      constructors,
      engines,
      tyres,
      entrantNames,
      circuits,
      grandsPrix,
      missing,
    },
  };
}

/** The f1db commit a checkout holds: from its git HEAD, or from a README that names it. */
export async function readF1dbVersion(checkout: string): Promise<string | undefined> {
  try {
    const head = (await readFile(join(checkout, '.git', 'HEAD'), 'utf8')).trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return /^[0-9a-f]{40}$/.test(head) ? head : undefined;
    const commit = (await readFile(join(checkout, '.git', ref), 'utf8').catch(() => '')).trim();
    if (/^[0-9a-f]{40}$/.test(commit)) return commit;
  } catch {
    // Not a git checkout: look in the README below.
  }
  const readme = await readFile(join(checkout, 'README.md'), 'utf8').catch(() => '');
  return /commit\s+([0-9a-f]{40})/.exec(readme)?.[1];
}
