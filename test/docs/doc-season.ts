/**
 * A small season with something of everything the rulebook examples in docs/ need: three classes,
 * a shared car, an ineligible guest, tagged events, qualifying, sprints and races with laps and
 * laps led, overall and class poles and fastest laps, and a car that did not start.
 */
import type {
  Award,
  Classification,
  ClassificationRow,
  Entry,
  Event,
  Season,
  Session,
} from '../../src/engine/index.js';

const CLASSES = ['pro', 'pro-am', 'masters'] as const;
const CARS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
// Events are named so that examples may name their sessions (germany-race).
const EVENTS: readonly { readonly id: string; readonly tags: readonly string[] }[] = [
  { id: 'sebring', tags: ['imsa-support'] },
  { id: 'abu-dhabi', tags: ['double-points'] },
  { id: 'indianapolis', tags: ['indianapolis-500'] },
  { id: 'germany', tags: [] },
];

export function docSeason(): Season {
  const events: Event[] = EVENTS.map(({ id, tags }, i) => ({
    id,
    round: i + 1,
    name: `Event ${i + 1}`,
    circuit: `Circuit ${i + 1}`,
    tags,
  }));
  const sessions: Session[] = [];
  let race = 0;
  for (const e of events) {
    sessions.push({
      id: `${e.id}-qualifying`,
      eventId: e.id,
      type: 'qualifying',
      name: `${e.name} qualifying`,
    });
    sessions.push({
      id: `${e.id}-sprint`,
      eventId: e.id,
      type: 'sprint',
      name: `${e.name} sprint`,
      race: ++race,
    });
    sessions.push({
      id: `${e.id}-race`,
      eventId: e.id,
      type: 'race',
      name: `${e.name} race`,
      race: ++race,
      scheduledLaps: 50,
    });
  }
  const entries: Entry[] = CARS.map((car, i) => ({
    id: car,
    car: String(i + 1),
    teamId: `t${Math.floor(i / 2) + 1}`,
    // Examples of adjustments name a real driver: the second driver of the shared car.
    driverIds: car === 'h' ? ['h', 'michael-schumacher'] : [car],
    classId: CLASSES[i % 3]!,
    eventIds: events.map((e) => e.id),
    eligible: car !== 'g',
    nominated: i % 2 === 0,
  }));
  const classifications: Classification[] = sessions.map((s, si) => {
    // Rotate the order so every car wins something; the last car of each order retires.
    const order = CARS.map((_, i) => CARS[(i + si) % CARS.length]!);
    const rows: ClassificationRow[] = order.map((entryId, i): ClassificationRow => {
      if (i === order.length - 1) return { entryId, status: si % 4 === 0 ? 'DNS' : 'DNF', laps: 10 };
      return { entryId, status: 'classified', position: i + 1, laps: 50 - i, lapsLed: i < 2 ? 25 - i : 0 };
    });
    return { sessionId: s.id, rows };
  });
  const awards: Award[] = sessions.flatMap((s, si) => {
    const first = CARS[si % CARS.length]!;
    const second = CARS[(si + 1) % CARS.length]!;
    return [
      { sessionId: s.id, award: 'pole' as const, scope: 'overall', entryId: first },
      { sessionId: s.id, award: 'fastest-lap' as const, scope: 'overall', entryId: second },
      ...entries
        .filter((e) => e.id === first || e.id === second)
        .map((e) => ({ sessionId: s.id, award: 'pole' as const, scope: e.classId, entryId: e.id })),
    ];
  });
  const drivers = [...new Set(entries.flatMap((e) => e.driverIds))];
  return {
    id: 'doc-season',
    name: 'Documentation season',
    year: 2024,
    series: { id: 'doc-series', name: 'Documentation series' },
    aliases: [],
    classes: CLASSES.map((id) => ({ id, name: id })),
    events,
    sessions,
    drivers: drivers.map((id) => ({ id, name: id.toUpperCase() })),
    teams: [1, 2, 3, 4].map((n) => ({ id: `t${n}`, name: `Team ${n}` })),
    entries,
    classifications,
    awards,
    adjustments: [],
    published: [],
    notes: [],
  };
}
