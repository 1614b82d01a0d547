/**
 * The calendar as iCalendar: one all-day event per round, from its start to its end date (the
 * iCalendar end of an all-day event is exclusive, so the day after the last day is written), and
 * one timed event per session with a start time, written in the circuit's time zone (TZID, with
 * its VTIMEZONE) so a calendar app shows it at the right hour wherever the reader is.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import type { Season } from '../../engine/index.js';

const dayAfter = (iso: string): Date => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
};

/** How long a session without a stated duration is shown for. */
const DEFAULT_SESSION_MINUTES = 60;

/**
 * A local wall-clock time plus minutes, still as local wall-clock text (yyyy-mm-ddThh:mm:00). The
 * arithmetic runs on UTC fields, so no zone's summer time shifts it; ical-generator writes such
 * text with the event's TZID as the same wall-clock time.
 */
const localPlus = (date: string, time: string, minutes: number): string => {
  const d = new Date(`${date}T${time}:00Z`);
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  return d.toISOString().slice(0, 19);
};

/** The season's rounds and timed sessions as an iCalendar document; `stamp` is the DTSTAMP (now by default). */
export function calendarIcal(season: Season, stamp: Date = new Date()): string {
  const cal = ical({
    name: season.name,
    prodId: { company: 'paddock', product: 'paddock', language: 'EN' },
    // A VTIMEZONE for every TZID the events use (RFC 5545 3.6.5).
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const e of [...season.events].sort((a, b) => a.round - b.round)) {
    const sessions = season.sessions.filter((s) => s.eventId === e.id);
    const location = [e.circuit, e.city, e.country].filter(Boolean).join(', ');
    if (e.start) {
      cal.createEvent({
        id: `${season.id}-${e.id}@paddock`,
        start: new Date(`${e.start}T00:00:00Z`),
        end: dayAfter(e.end ?? e.start),
        allDay: true,
        timezone: 'UTC',
        stamp,
        summary: `${season.name}: Round ${e.round}, ${e.name}`,
        location,
        description: sessions.map((s) => s.name).join(', '),
      });
    }
    for (const s of sessions) {
      const date = s.date ?? e.start;
      if (s.time === undefined || date === undefined || e.timezone === undefined) continue;
      // Local text without an offset: ical-generator writes it as that wall-clock time in the TZID.
      cal.createEvent({
        id: `${season.id}-${e.id}-${s.id}@paddock`,
        start: `${date}T${s.time}:00`,
        end: localPlus(date, s.time, s.durationMinutes ?? DEFAULT_SESSION_MINUTES),
        timezone: e.timezone,
        stamp,
        summary: `${season.name}: ${e.name}, ${s.name}`,
        location,
      });
    }
  }
  return cal.toString();
}
