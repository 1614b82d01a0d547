/**
 * The entry list grouped by class and sorted by car number, with the events each entry ran: those
 * where it took part in a session (any status but did not start or withdrew), and those it was
 * entered for and missed although the event has results.
 */
import type { CompetitionClass, Entry, Event } from '../../engine/index.js';
import { calendar } from './season-view.js';
import type { SeasonView } from './season-view.js';

export interface EntryView {
  readonly entry: Entry;
  readonly drivers: readonly { readonly id: string; readonly name: string }[];
  readonly team: { readonly id: string; readonly name: string };
  /** Events it ran, in calendar order. */
  readonly ran: readonly Event[];
  /** True when it ran every event of the calendar. */
  readonly ranAll: boolean;
  /** Events it was entered for, that have results, and that it did not run. */
  readonly missed: readonly Event[];
}

export interface EntryListView {
  readonly classes: readonly { readonly class: CompetitionClass; readonly entries: readonly EntryView[] }[];
  /** True when every event of the calendar has results: an entry that ran none ran "none", not "none yet". */
  readonly complete: boolean;
}

/** Car numbers in the order entry lists print them: 2, 8, 14, 24, 007 after 7. */
export const compareCars = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true }) || a.length - b.length;

/** Events each entry took part in (did not start and withdrew do not count). */
export function eventsRun(view: SeasonView): Map<string, Set<string>> {
  const ran = new Map<string, Set<string>>();
  for (const c of view.season.classifications) {
    const eventId = view.session(c.sessionId)?.eventId;
    if (!eventId) continue;
    for (const r of c.rows)
      if (r.status !== 'DNS' && r.status !== 'WD')
        ran.set(r.entryId, (ran.get(r.entryId) ?? new Set()).add(eventId));
  }
  return ran;
}

export function entryList(view: SeasonView): EntryListView {
  const events = calendar(view.season);
  const ran = eventsRun(view);
  const hasResults = (ev: Event) => view.sessionsOf(ev.id).some((s) => view.classification(s.id));
  const entryView = (entry: Entry): EntryView => {
    const set = ran.get(entry.id) ?? new Set<string>();
    const list = events.filter((ev) => set.has(ev.id));
    return {
      entry,
      drivers: entry.driverIds.map((id) => ({ id, name: view.driverName(id) })),
      team: { id: entry.teamId, name: view.teamName(entry.teamId) },
      ran: list,
      ranAll: events.length > 0 && list.length === events.length,
      missed: events.filter((ev) => entry.eventIds.includes(ev.id) && !set.has(ev.id) && hasResults(ev)),
    };
  };
  return {
    classes: view.season.classes.map((cls) => ({
      class: cls,
      entries: view.season.entries
        .filter((e) => e.classId === cls.id)
        .sort((a, b) => compareCars(a.car, b.car))
        .map(entryView),
    })),
    complete: events.length > 0 && events.every(hasResults),
  };
}
