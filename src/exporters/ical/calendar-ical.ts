/**
 * The calendar as iCalendar: one all-day event per round, from its start to its end date. The
 * iCalendar end of an all-day event is exclusive, so the day after the last day is written.
 */
import ical from 'ical-generator';
import type { Season } from '../../engine/index.js';

const dayAfter = (iso: string): Date => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
};

/** The season's rounds as an iCalendar document; `stamp` is the DTSTAMP (now by default). */
export function calendarIcal(season: Season, stamp: Date = new Date()): string {
  const cal = ical({
    name: season.name,
    prodId: { company: 'paddock', product: 'paddock', language: 'EN' },
  });
  for (const e of [...season.events].sort((a, b) => a.round - b.round)) {
    if (!e.start) continue;
    const races = season.sessions.filter((s) => s.eventId === e.id).map((s) => s.name);
    cal.createEvent({
      id: `${season.id}-${e.id}@paddock`,
      start: new Date(`${e.start}T00:00:00Z`),
      end: dayAfter(e.end ?? e.start),
      allDay: true,
      timezone: 'UTC',
      stamp,
      summary: `${season.name}: Round ${e.round}, ${e.name}`,
      location: [e.circuit, e.city, e.country].filter(Boolean).join(', '),
      description: races.join(', '),
    });
  }
  return cal.toString();
}
