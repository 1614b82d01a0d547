/**
 * One f1db season as a Paddock season: the calendar (the Indianapolis 500 of 1950-1960 tagged
 * `indianapolis-500`), drivers, teams (the constructors as the championship named them, chassis
 * and engine make: "Cooper-Climax"), entries with their entrant, engine and tyres, every race and
 * sprint classification with shared cars as one car with several drivers, poles, fastest laps
 * (ties kept), scheduled laps, and f1db's driver and constructor tables after every race as
 * published figures. Pure: the reading is done by read-f1db.ts.
 */
import type {
  Adjustment,
  Award,
  Classification,
  ClassificationRow,
  Driver,
  Entry,
  Event,
  Issue,
  PublishedStanding,
  Result,
  Season,
  Session,
  SourceCredit,
  Status,
  Team,
} from '../../engine/index.js';
import { compact } from '../../formats/compact.js';
import { slugify } from '../shared/names.js';
import type { SeasonDecisions } from './decisions.js';
import { exactPoints } from './exact-points.js';
import type { F1dbRace, F1dbResultRow, F1dbSeason } from './read-f1db.js';

export interface F1dbImportOptions {
  /** The preset the season extends (`f1-1988`, `f1-1981-1990`, ...). */
  readonly preset: string;
  /** Places the preset's drivers' race scale pays: a classified car there that f1db gives no points was not eligible. */
  readonly paidPlaces: number;
  /** The f1db commit, for the credit. */
  readonly version?: string;
  readonly decisions?: SeasonDecisions;
}

export interface ImportedF1dbSeason {
  readonly season: Season;
  readonly rulebookYaml: string;
}

export const F1DB_URL = 'https://github.com/f1db/f1db';
export const CC_BY_URL = 'https://creativecommons.org/licenses/by/4.0/';

/** The credit f1db's licence (CC BY 4.0) asks for, shown wherever its data is. */
export const f1dbSource = (version?: string): SourceCredit =>
  compact({
    name: 'f1db',
    url: F1DB_URL,
    licence: 'CC BY 4.0',
    licenceUrl: CC_BY_URL,
    version,
    credit:
      'Formula One results and published standings: f1db (https://github.com/f1db/f1db), ' +
      'licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); ' +
      'converted into season folders by Paddock, points recomputed by Paddock.',
  });

const NOT_STARTED_NOTES: Readonly<Record<string, string>> = {
  DNQ: 'did not qualify',
  DNPQ: 'did not pre-qualify',
  DNP: 'did not practise',
};

/** A constructor as the championship names it: chassis make and engine make ("Cooper-Climax"). */
export const teamIdOf = (constructorId: string, engineId: string): string =>
  constructorId === engineId ? constructorId : `${constructorId}-${engineId}`;

const carOf = (n: string | number | null | undefined): string =>
  n === null || n === undefined || n === '' ? '?' : String(n);

interface Car {
  /** The row of the driver who started the car. */
  readonly first: F1dbResultRow;
  /** Everyone who drove it, starter first. */
  readonly drivers: string[];
  /** f1db's points for the car's rows (shares and fastest-lap points included). */
  scored: boolean;
}

/** Groups f1db's rows into cars: a row marked sharedCar joins the car above it with its number. */
function carsOf(rows: readonly F1dbResultRow[]): Car[] {
  const cars: Car[] = [];
  for (const row of rows) {
    const scored = (row.points ?? 0) > 0;
    if (row.sharedCar) {
      const car = [...cars]
        .reverse()
        .find(
          (c) => carOf(c.first.driverNumber) === carOf(row.driverNumber) && c.first.position === row.position,
        );
      const host =
        car ?? [...cars].reverse().find((c) => carOf(c.first.driverNumber) === carOf(row.driverNumber));
      if (host) {
        if (!host.drivers.includes(row.driverId)) host.drivers.push(row.driverId);
        host.scored ||= scored;
        continue;
      }
    }
    cars.push({ first: row, drivers: [row.driverId], scored });
  }
  return cars;
}

/** Converts one season read from f1db. */
export function seasonFromF1db(src: F1dbSeason, options: F1dbImportOptions): Result<ImportedF1dbSeason> {
  const issues: Issue[] = [];
  const { year } = src;
  const decisions = options.decisions ?? {};
  const races = [...src.races].sort((a, b) => a.race.round - b.race.round);

  // Events and sessions: the race is the event's session `<event>`, a sprint `<event>-sprint`.
  const eventIdOf = new Map<F1dbRace, string>();
  const taken = new Set<string>();
  for (const r of races) {
    let eid = r.dir.replace(/^\d+-/, '');
    if (taken.has(eid) || !/^[a-z0-9][a-z0-9-]*$/.test(eid)) eid = slugify(r.dir);
    taken.add(eid);
    eventIdOf.set(r, eid);
  }
  const events: Event[] = [];
  const sessions: Session[] = [];
  for (const r of races) {
    const eid = eventIdOf.get(r)!;
    const circuit = src.circuits.get(r.race.circuitId);
    const indy = year <= 1960 && r.race.grandPrixId === 'indianapolis';
    events.push(
      compact({
        id: eid,
        round: r.race.round,
        name: src.grandsPrix.get(r.race.grandPrixId)?.name ?? r.race.officialName,
        circuit: circuit?.name ?? r.race.circuitId,
        city: circuit?.place,
        country: circuit?.country,
        start: r.race.date,
        end: r.race.date,
        tags: [...(indy ? ['indianapolis-500'] : []), ...(decisions.eventTags?.[eid] ?? [])],
      }),
    );
    if (r.sprint || r.race.sprintRaceLaps) {
      sessions.push(
        compact({
          id: `${eid}-sprint`,
          eventId: eid,
          type: 'sprint',
          name: year === 2021 ? 'Sprint qualifying' : 'Sprint',
          scheduledLaps: r.race.sprintRaceScheduledLaps ?? r.race.sprintRaceLaps ?? undefined,
          pointsScale: decisions.pointsScale?.[`${eid}-sprint`],
        }),
      );
    }
    sessions.push(
      compact({
        id: eid,
        eventId: eid,
        type: 'race',
        race: r.race.round,
        name: indy ? 'Race' : 'Grand Prix',
        scheduledLaps: (r.race.scheduledLaps ?? r.race.laps) || undefined,
        pointsScale: decisions.pointsScale?.[eid],
        pointsFactor: decisions.pointsFactor?.[eid],
        note: decisions.sessionNotes?.[eid],
      }),
    );
  }

  // The team a constructor and engine make score as at a round.
  const teamNames = new Map<string, string>();
  const teamAt = (constructorId: string, engineId: string, round: number): string => {
    const split = decisions.newTeams?.find(
      (t) => t.constructorId === constructorId && t.engineId === engineId && round >= t.fromRound,
    );
    if (split) teamNames.set(split.teamId, split.name);
    return split?.teamId ?? teamIdOf(constructorId, engineId);
  };

  // Entries: one per car number, constructor, driver, entrant, tyres and eligibility, over the
  // rounds it appears in.
  const entrantOf = (row: F1dbResultRow, round: number): string | undefined => {
    const lines = src.entrants.filter(
      (l) => l.driverId === row.driverId && l.constructorId === row.constructorId && l.rounds.has(round),
    );
    const best =
      lines.find(
        (l) =>
          l.engineManufacturerId === row.engineManufacturerId &&
          (row.tyreManufacturerId == null || l.tyreManufacturerId === row.tyreManufacturerId),
      ) ??
      lines.find((l) => l.engineManufacturerId === row.engineManufacturerId) ??
      lines[0];
    return best?.entrantId;
  };
  interface EntryDraft {
    id: string;
    car: string;
    teamId: string;
    driverId: string;
    entrantId: string | undefined;
    tyreId: string | undefined;
    constructorId: string;
    engineId: string;
    eligible: boolean;
    note: string | undefined;
    rounds: Set<number>;
  }
  const drafts = new Map<string, EntryDraft>();
  const usedIds = new Set<string>();
  const ineligibleNotes: string[] = [];
  const entryFor = (row: F1dbResultRow, round: number, eligible: boolean, note?: string): EntryDraft => {
    const car = carOf(row.driverNumber);
    const teamId = teamAt(row.constructorId, row.engineManufacturerId, round);
    const entrantId = entrantOf(row, round);
    const tyreId = row.tyreManufacturerId ?? undefined;
    const key = JSON.stringify([car, teamId, row.driverId, entrantId, tyreId, eligible]);
    let draft = drafts.get(key);
    if (!draft) {
      const base = `${slugify(car) || 'car'}-${row.driverId}`;
      const candidates = [base, `${base}-${teamId}`, `${base}-${teamId}-${entrantId ?? 'x'}`];
      let id = candidates.find((c) => !usedIds.has(c));
      for (let n = 2; id === undefined; n++) if (!usedIds.has(`${base}-${n}`)) id = `${base}-${n}`;
      usedIds.add(id);
      draft = {
        id,
        car,
        teamId,
        driverId: row.driverId,
        entrantId,
        tyreId,
        constructorId: row.constructorId,
        engineId: row.engineManufacturerId,
        eligible,
        note,
        rounds: new Set(),
      };
      drafts.set(key, draft);
    }
    draft.rounds.add(round);
    return draft;
  };

  const classifications: Classification[] = [];
  const awards: Award[] = [];
  for (const r of races) {
    const eid = eventIdOf.get(r)!;
    const round = r.race.round;
    const sessionsOfRace: [string, readonly F1dbResultRow[] | undefined, boolean][] = [
      [`${eid}-sprint`, r.sprint, false],
      [eid, r.results, true],
    ];
    for (const [sessionId, rows, isRace] of sessionsOfRace) {
      if (!rows) continue;
      const carEntries = new Map<Car, EntryDraft>();
      const cars = carsOf(rows);
      const out: ClassificationRow[] = [];
      for (const car of cars) {
        const row = car.first;
        const position = typeof row.position === 'number' ? row.position : undefined;
        // A driver of a shared car who drove too little to share its points (1957 British GP).
        const nonScoring = decisions.nonScoringDrivers?.[sessionId];
        const dropped =
          nonScoring !== undefined && car.drivers.length > 1 && car.drivers.includes(nonScoring.driverId);
        if (dropped) car.drivers.splice(car.drivers.indexOf(nonScoring.driverId), 1);
        // From 1958 a car driven by several drivers scored nothing, for its drivers (the rulebook's
        // shared_drives) or its manufacturer (the car is not eligible).
        const shared = isRace && car.drivers.length > 1 && year >= 1958;
        // A classified car in a place the scale pays that f1db gives no points was not eligible
        // for points (Formula 2 cars in a Grand Prix, a team's unregistered second car).
        const declared = (decisions.ineligible ?? []).find(
          (i) => i.round === round && i.driverId === row.driverId,
        );
        const inferred =
          isRace && !shared && position !== undefined && position <= options.paidPlaces && !car.scored;
        const eligible = !(declared || inferred || shared);
        const note = declared
          ? declared.note
          : shared
            ? 'shared by several drivers: from 1958 such a car scored no points'
            : inferred
              ? 'not eligible for points (classified in a paying place, f1db gives it none)'
              : undefined;
        if (inferred && !declared) ineligibleNotes.push(`${eid}: ${row.driverId}, P${position}`);
        const entry = entryFor(row, round, eligible, note);
        carEntries.set(car, entry);
        const status: Status =
          position !== undefined
            ? 'classified'
            : row.position === 'DNF' ||
                row.position === 'NC' ||
                row.position === 'DSQ' ||
                row.position === 'EX'
              ? row.position
              : 'DNS';
        const notStarted = NOT_STARTED_NOTES[String(row.position)];
        out.push(
          compact({
            entryId: entry.id,
            driverIds: car.drivers.length > 1 ? car.drivers : undefined,
            status,
            position,
            laps: row.laps ?? undefined,
            time: row.time ?? undefined,
            note: dropped ? nonScoring.note : (notStarted ?? row.reasonRetired ?? undefined),
          }),
        );
      }
      const seenPositions = new Map<number, string>();
      for (const o of out) {
        if (o.position === undefined) continue;
        const other = seenPositions.get(o.position);
        if (other !== undefined)
          issues.push({
            code: 'f1db.duplicate-position',
            path: [String(year), r.dir, sessionId],
            message: `${year} ${r.dir}: ${other} and ${o.entryId} are both in position ${o.position}`,
          });
        seenPositions.set(o.position, o.entryId);
      }
      classifications.push({ sessionId, rows: out });
      if (!isRace) continue;

      // Poles and fastest laps of the Grand Prix; several fastest laps at the same time are a tie.
      const carOfDriver = (driverId: string, number: string | number | null | undefined) =>
        cars.find((c) => c.drivers.includes(driverId) && carOf(c.first.driverNumber) === carOf(number)) ??
        cars.find((c) => c.drivers.includes(driverId));
      const award = (
        kind: Award['award'],
        driverId: string,
        number: string | number | null | undefined,
        note?: string,
      ) => {
        const car = carOfDriver(driverId, number);
        const entry = car && carEntries.get(car);
        if (!car || !entry) {
          issues.push({
            code: 'f1db.award-without-result',
            path: [String(year), r.dir, kind],
            message: `${year} ${r.dir}: the ${kind} of ${driverId} has no race result to attach to`,
          });
          return;
        }
        awards.push(
          compact({
            sessionId,
            award: kind,
            scope: 'overall',
            entryId: entry.id,
            driverId: car.drivers.length > 1 ? driverId : undefined,
            note,
          }),
        );
      };
      const flDecision = decisions.fastestLap?.[sessionId];
      for (const fl of r.fastestLaps ?? [])
        if (fl.position === 1 && (!flDecision || flDecision.drivers.includes(fl.driverId)))
          award('fastest-lap', fl.driverId, fl.driverNumber, flDecision?.note);
      // The pole: first in qualifying; in 2021 the sprint set the grid and its winner took the pole.
      const poleFrom = year === 2021 && r.sprint ? r.grid : (r.qualifying ?? r.grid);
      const pole =
        poleFrom?.find((q) => q.position === 1) ??
        (poleFrom === r.qualifying ? r.grid?.find((q) => q.position === 1) : undefined);
      if (pole) award('pole', pole.driverId, pole.driverNumber);
    }
  }

  // Who appears: drivers and teams of every result and every published table.
  const driverIds = new Set<string>();
  /** Team id -> [constructor id, engine make id]. */
  const teamIds = new Map<string, [string, string]>();
  for (const d of drafts.values()) {
    driverIds.add(d.driverId);
    teamIds.set(d.teamId, [d.constructorId, d.engineId]);
  }
  for (const c of classifications)
    for (const row of c.rows) for (const d of row.driverIds ?? []) driverIds.add(d);
  const published: PublishedStanding[] = [];
  for (const r of races) {
    for (const [championshipId, rows] of [
      ['drivers', r.driverStandings],
      ['constructors', r.constructorStandings],
    ] as const) {
      for (const s of rows ?? []) {
        let competitorId: string;
        if (championshipId === 'drivers') {
          if (!s.driverId) continue;
          competitorId = s.driverId;
          driverIds.add(competitorId);
        } else {
          if (!s.constructorId || !s.engineManufacturerId) continue;
          competitorId = teamAt(s.constructorId, s.engineManufacturerId, r.race.round);
          if (!teamIds.has(competitorId))
            teamIds.set(competitorId, [s.constructorId, s.engineManufacturerId]);
        }
        const excluded = s.position === 'DSQ' || s.position === 'EX';
        published.push(
          compact({
            championshipId,
            afterRace: r.race.round,
            competitorId,
            position: typeof s.position === 'number' ? s.position : undefined,
            points: exactPoints(s.points),
            excluded: excluded || undefined,
          }),
        );
      }
    }
  }

  const drivers: Driver[] = [...driverIds].sort().map((d) => {
    const n = src.drivers.get(d);
    return compact({ id: d, name: n?.name ?? d, nationality: n?.country });
  });
  const teams: Team[] = [...teamIds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tid, [constructorId, engineId]]) => {
      const constructorName = src.constructors.get(constructorId)?.name ?? constructorId;
      const engineName = src.engines.get(engineId)?.name ?? engineId;
      return compact({
        id: tid,
        name:
          teamNames.get(tid) ??
          (constructorId === engineId ? constructorName : `${constructorName}-${engineName}`),
        nationality: src.constructors.get(constructorId)?.country,
      });
    });
  const eventOfRound = new Map(events.map((e) => [e.round, e.id]));
  const entries: Entry[] = [...drafts.values()].map((d) =>
    compact({
      id: d.id,
      car: d.car,
      teamId: d.teamId,
      driverIds: [d.driverId],
      classId: 'f1',
      eventIds: [...d.rounds].sort((a, b) => a - b).map((round) => eventOfRound.get(round)!),
      eligible: d.eligible,
      entrant: d.entrantId && (src.entrantNames.get(d.entrantId)?.name ?? d.entrantId),
      engine: src.engines.get(d.engineId)?.name ?? d.engineId,
      tyres: d.tyreId && (src.tyres.get(d.tyreId)?.name ?? d.tyreId),
      note: d.note,
    }),
  );

  const adjustments: Adjustment[] = [...(decisions.adjustments ?? [])];
  const notes = [
    `Converted from f1db${options.version ? ` (commit ${options.version})` : ''} by paddock import-f1db.`,
    'A car driven by several drivers is one result row naming them all (starter first).',
    'Did not qualify, did not pre-qualify and did not practise are status DNS with that note.',
    "Published figures are f1db's driver and constructor tables after every race; f1db prints two decimals, read back as sevenths, sixths, quarters, thirds or halves where they round to the figure.",
    ...ineligibleNotes.map(
      (n) => `Not eligible for points (classified in a paying place, f1db gives it none): ${n}.`,
    ),
    ...src.missing.map((m) => `f1db has no ${m}: its id stands in for the name.`),
    ...(decisions.notes ?? []),
  ];
  if (issues.length) return { ok: false, issues };
  const season: Season = {
    id: `${year}-formula-one`,
    name: `${year} Formula One World Championship`,
    year,
    series: { id: 'formula-one', name: 'Formula One World Championship' },
    aliases: [`f1-${year}`],
    classes: [{ id: 'f1', name: 'Formula One' }],
    events,
    sessions,
    drivers,
    teams,
    entries,
    classifications,
    awards,
    adjustments,
    published,
    notes,
    sources: [f1dbSource(options.version)],
  };
  return { ok: true, value: { season, rulebookYaml: rulebookYaml(year, options.preset, decisions) } };
}

function rulebookYaml(year: number, preset: string, decisions: SeasonDecisions): string {
  const lines = [
    `# Formula One ${year}: the ${preset} preset${decisions.rulebook ? ', with what this season needs' : ''}.`,
    `id: f1-${year}-season`,
    `name: Formula One ${year}`,
    `extends: ${preset}`,
  ];
  if (decisions.rulebook) lines.push(decisions.rulebook.trimEnd());
  return `${lines.join('\n')}\n`;
}
