/**
 * A driver's or team's season: their entries, their place in each championship, the points each
 * race gave them in each championship and the running total after each race, as exact fractions
 * (pages round them only to display).
 */
import { add, matchesCompetitor, sum, ZERO } from '../../engine/index.js';
import type {
  ChampionshipStandings,
  ClassificationRow,
  Entry,
  Event,
  Fraction,
  SeasonStandings,
  Session,
  StandingRow,
} from '../../engine/index.js';
import { compareCars } from './entry-list.js';
import { calendar } from './season-view.js';
import type { SeasonView } from './season-view.js';

export interface CompetitorTableView {
  readonly table: ChampionshipStandings;
  readonly row: StandingRow;
  /** Counted points after each race with results, in race order. */
  readonly cumulative: readonly { readonly race: number; readonly total: Fraction }[];
}

export interface CompetitorRaceView {
  readonly session: Session;
  readonly eventName: string;
  readonly rows: readonly ClassificationRow[];
  /** The same rows with their cars and drivers. */
  readonly results: readonly CompetitorResultView[];
  /** Per championship (same order as `tables`): counted points, and whether some were dropped; undefined when it scored nothing there. */
  readonly points: readonly ({ readonly counted: Fraction; readonly dropped: boolean } | undefined)[];
}

/** An entry of the driver or team with the rounds it covers (entries.csv `rounds`). */
export interface CompetitorEntryView {
  readonly entry: Entry;
  readonly drivers: readonly { readonly id: string; readonly name: string }[];
  readonly team: { readonly id: string; readonly name: string };
  /** The events it covers, in calendar order. */
  readonly events: readonly Event[];
  /** True when it covers every event of the calendar. */
  readonly allEvents: boolean;
}

/** A result of the driver's or team's car in a race, with the car and who drove it. */
export interface CompetitorResultView {
  readonly row: ClassificationRow;
  readonly car: string | undefined;
  readonly drivers: readonly { readonly id: string; readonly name: string }[];
}

/** A team's cars at one event: who drove which car. */
export interface TeamRoundView {
  readonly event: Event;
  readonly cars: readonly {
    readonly car: string;
    readonly className: string;
    readonly drivers: readonly { readonly id: string; readonly name: string }[];
  }[];
}

/** A team's drivers in a driver championship (the team's own table is in `tables`). */
export interface TeamDriverStandingsView {
  readonly table: ChampionshipStandings;
  readonly rows: readonly StandingRow[];
}

export interface CompetitorView {
  readonly kind: 'driver' | 'team';
  readonly id: string;
  readonly name: string;
  readonly entries: readonly Entry[];
  /** The entries with their rounds: a driver's in the order raced, a team's by class and car number. */
  readonly entryRounds: readonly CompetitorEntryView[];
  readonly tables: readonly CompetitorTableView[];
  readonly races: readonly CompetitorRaceView[];
  /** Teams only: who drove the team's cars at each event that has results. */
  readonly rounds: readonly TeamRoundView[];
  /** Teams only: the team's drivers in each driver championship they are in. */
  readonly driverTables: readonly TeamDriverStandingsView[];
}

/** Counted points of a row in each race, then their running total. */
function cumulative(table: ChampionshipStandings, row: StandingRow): CompetitorTableView['cumulative'] {
  let total = ZERO;
  return table.sessions
    .filter((s) => s.race !== undefined)
    .map((s) => {
      total = add(
        total,
        sum(row.contributions.filter((c) => c.counted && c.sessionId === s.id).map((c) => c.points)),
      );
      return { race: s.race!, total };
    });
}

/** The view of one driver or team (by id or exact name), or undefined when the season has none. */
export function competitorView(
  view: SeasonView,
  standings: SeasonStandings,
  kind: 'driver' | 'team',
  idOrName: string,
): CompetitorView | undefined {
  const person = (kind === 'driver' ? view.season.drivers : view.season.teams).find((p) =>
    matchesCompetitor(idOrName, p),
  );
  if (!person) return undefined;
  const id = person.id;
  const named = (ids: readonly string[]) => ids.map((d) => ({ id: d, name: view.driverName(d) }));
  const tables = standings.championships.flatMap((table) => {
    if (table.competitorKind !== kind) return [];
    const row = table.rows.find((r) => r.competitor.id === id);
    return row ? [{ table, row, cumulative: cumulative(table, row) }] : [];
  });
  const entries = view.season.entries.filter((e) =>
    kind === 'driver' ? e.driverIds.includes(id) : e.teamId === id,
  );
  const entryIds = new Set(entries.map((e) => e.id));
  const races = view.season.sessions
    .filter((s) => s.race !== undefined && view.classification(s.id))
    .flatMap((session): CompetitorRaceView[] => {
      const rows = view
        .official(session.id)!
        .rows.map((r) => r.row)
        .filter(
          (r) => entryIds.has(r.entryId) && (kind === 'team' || view.entryDrivers(r.entryId, r).includes(id)),
        );
      if (!rows.length) return [];
      return [
        {
          session,
          eventName: view.event(session.eventId)?.name ?? session.eventId,
          rows,
          results: rows.map((row) => ({
            row,
            car: view.entry(row.entryId)?.car,
            drivers: named(view.entryDrivers(row.entryId, row)),
          })),
          points: tables.map(({ row }) => {
            const cs = row.contributions.filter((c) => c.sessionId === session.id);
            if (!cs.length) return undefined;
            return {
              counted: sum(cs.filter((c) => c.counted).map((c) => c.points)),
              dropped: cs.some((c) => !c.counted),
            };
          }),
        },
      ];
    });
  const events = calendar(view.season);
  const firstRound = (e: Entry) => events.find((ev) => e.eventIds.includes(ev.id))?.round ?? Infinity;
  const classOrder = (classId: string) => view.season.classes.findIndex((c) => c.id === classId);
  // A driver's entries in the order of their rounds; a team's by class, then car number.
  const ordered = [...entries].sort((a, b) =>
    kind === 'driver'
      ? firstRound(a) - firstRound(b)
      : classOrder(a.classId) - classOrder(b.classId) || compareCars(a.car, b.car),
  );
  const entryRounds = ordered.map((entry) => {
    const covered = events.filter((e) => entry.eventIds.includes(e.id));
    return {
      entry,
      drivers: named(entry.driverIds),
      team: { id: entry.teamId, name: view.teamName(entry.teamId) },
      events: covered,
      allEvents: covered.length === events.length,
    };
  });
  const rounds =
    kind === 'team'
      ? events.flatMap((event): TeamRoundView[] => {
          const cars = new Map<string, { car: string; className: string; drivers: Map<string, string> }>();
          for (const session of view.sessionsOf(event.id))
            for (const { row } of view.official(session.id)?.rows ?? []) {
              const entry = view.entry(row.entryId);
              if (!entry || !entryIds.has(entry.id)) continue;
              const car = cars.get(entry.id) ?? {
                car: entry.car,
                className: view.className(entry.classId),
                drivers: new Map<string, string>(),
              };
              for (const d of view.entryDrivers(entry.id, row)) car.drivers.set(d, view.driverName(d));
              cars.set(entry.id, car);
            }
          if (!cars.size) return [];
          return [
            {
              event,
              cars: [...cars.values()]
                .sort((a, b) => compareCars(a.car, b.car))
                .map((c) => ({
                  car: c.car,
                  className: c.className,
                  drivers: [...c.drivers].map(([id, name]) => ({ id, name })),
                })),
            },
          ];
        })
      : [];
  const teamDrivers = new Set(rounds.flatMap((r) => r.cars.flatMap((c) => c.drivers.map((d) => d.id))));
  const driverTables =
    kind === 'team'
      ? standings.championships.flatMap((table) => {
          if (table.competitorKind !== 'driver') return [];
          const rows = table.rows.filter((r) => teamDrivers.has(r.competitor.id));
          return rows.length ? [{ table, rows }] : [];
        })
      : [];
  return {
    kind,
    id: person.id,
    name: person.name,
    entries,
    entryRounds,
    tables,
    races,
    rounds,
    driverTables,
  };
}
