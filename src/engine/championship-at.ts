/**
 * A championship as it applies at one session: the first override naming the session (or a tag of
 * its event) lays its fields over the championship's. Each override's championship is made once.
 */
import type { Championship } from './rulebook.js';
import type { Event, Session } from './season.js';

/** Returns a lookup of the championship that applies at a session; the championship itself when nothing overrides it. */
export function championshipAt(champ: Championship): (session: Session, event: Event) => Championship {
  const overrides = champ.overrides;
  if (!overrides?.length) return () => champ;
  const made = overrides.map(({ sessions: _s, eventTags: _t, ...fields }): Championship => ({
    ...champ,
    ...fields,
    points: fields.points ? { ...champ.points, ...fields.points } : champ.points,
  }));
  return (session, event) => {
    const i = overrides.findIndex(
      (o) => o.sessions?.includes(session.id) || o.eventTags?.some((t) => event.tags.includes(t)),
    );
    return i < 0 ? champ : made[i]!;
  };
}
