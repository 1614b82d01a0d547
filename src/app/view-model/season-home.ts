/** A season's home page: counts, the leader of each championship, the calendar and the next event. */
import type { ChampionshipStandings, Event, SeasonStandings, StandingRow } from '../../engine/index.js';
import { calendar, nextEvent } from './season-view.js';
import type { SeasonView } from './season-view.js';

export interface SeasonHomeView {
  readonly events: number;
  readonly races: number;
  readonly afterRace: number;
  readonly leaders: readonly {
    readonly table: ChampionshipStandings;
    readonly leader: StandingRow | undefined;
  }[];
  readonly calendar: readonly {
    readonly event: Event;
    readonly races: readonly number[];
    readonly next: boolean;
  }[];
  readonly next: Event | undefined;
}

/** The home page of a season as of `today` (yyyy-mm-dd), which marks the next event. */
export function seasonHome(view: SeasonView, standings: SeasonStandings, today: string): SeasonHomeView {
  const next = nextEvent(view.season, today);
  return {
    events: view.season.events.length,
    races: view.season.sessions.filter((s) => s.race !== undefined).length,
    afterRace: standings.afterRace,
    leaders: standings.championships.map((table) => ({ table, leader: table.rows[0] })),
    calendar: calendar(view.season).map((event) => ({
      event,
      races: view.sessionsOf(event.id).flatMap((s) => (s.race === undefined ? [] : [s.race])),
      next: event === next,
    })),
    next,
  };
}
