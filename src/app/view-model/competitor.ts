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
  Fraction,
  SeasonStandings,
  Session,
  StandingRow,
} from '../../engine/index.js';
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
  /** Per championship (same order as `tables`): counted points, and whether some were dropped; undefined when it scored nothing there. */
  readonly points: readonly ({ readonly counted: Fraction; readonly dropped: boolean } | undefined)[];
}

export interface CompetitorView {
  readonly kind: 'driver' | 'team';
  readonly id: string;
  readonly name: string;
  readonly entries: readonly Entry[];
  readonly tables: readonly CompetitorTableView[];
  readonly races: readonly CompetitorRaceView[];
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
  return { kind, id: person.id, name: person.name, entries, tables, races };
}
