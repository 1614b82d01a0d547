/**
 * Finding the entry of each imported row among the entries of the session's event: by a mapping
 * the user confirmed earlier (platform id or name -> driver), by car number, or by driver name.
 * A row that matches nothing, or matches ambiguously, is listed with the closest names as
 * suggestions; it is never guessed.
 */
import type { ClassificationRow, Entry, Season } from '../../engine/index.js';
import { closestNames, normalizeName } from '../shared/names.js';
import type { ImportedRow } from './imported-row.js';

/** Confirmed identities: "iracing:123456" or "name:jon smith" -> driver id. */
export type Mappings = Readonly<Record<string, string>>;

/** How a row found its entry, or why it found none. */
export type RowMatch =
  | { readonly entry: Entry; readonly by: 'mapping' | 'car' | 'name' }
  | { readonly entry?: undefined; readonly reason: string };

export interface EntryMatcher {
  match(row: ImportedRow): RowMatch;
  /** Closest drivers of the event to a row's names, as "Name (#car, driver-id)". */
  suggest(row: ImportedRow): string[];
}

/** The key under which a row's identity is stored in mappings.yaml. */
export const identityKey = (row: ImportedRow): string =>
  row.platformId ?? `name:${normalizeName(row.drivers[0] ?? `car ${row.car ?? '?'}`)}`;

const reversed = (name: string) => {
  const m = /^([^,]+),\s*(.+)$/.exec(name);
  return m ? `${m[2]} ${m[1]}` : name;
};

/** A car number without leading zeros ("007" and "7" are one car). */
const carKey = (car: string) => (car.charCodeAt(0) === 48 ? car.replace(/^0+(?=\d)/, '') : car);

/** The driver id a suggestion ("Name (#car, driver-id)") names, for a form offering it as a choice. */
export function suggestedDriverId(suggestion: string): string | undefined {
  return /, ([^,()]+)\)$/.exec(suggestion)?.[1];
}

/** Builds the lookups of the entries of `eventId` once; each row is then matched on its own. */
export function createMatcher(season: Season, eventId: string, mappings: Mappings): EntryMatcher {
  const candidates = season.entries.filter((e) => e.eventIds.includes(eventId));
  const driverName = new Map(season.drivers.map((d) => [d.id, d.name]));
  const byCar = new Map<string, Entry[]>();
  const byName = new Map<string, Entry[]>();
  const byDriver = new Map<string, Entry[]>();
  const namesOf = new Map<string, string[]>();
  const push = <T>(m: Map<string, T[]>, k: string, e: T) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of candidates) {
    push(byCar, carKey(e.car), e);
    for (const d of e.driverIds) {
      push(byDriver, d, e);
      const n = normalizeName(driverName.get(d) ?? d);
      push(byName, n, e);
      push(namesOf, e.id, n);
    }
  }
  const describe = (e: Entry) => e.driverIds.map((d) => `${driverName.get(d) ?? d} (#${e.car}, ${d})`);
  let everyoneCache: string[] | undefined;
  const hasMappings = Object.keys(mappings).length > 0;
  return {
    suggest(row) {
      const everyone = (everyoneCache ??= candidates.flatMap(describe));
      const wanted = row.drivers[0];
      if (!wanted) return everyone.slice(0, 3);
      return closestNames(
        wanted,
        everyone.map((s) => s.replace(/ \(.*$/, '')),
        3,
      ).flatMap((n) => everyone.filter((s) => s.startsWith(`${n} (`)));
    },
    match(row) {
      const names = row.drivers.map((n) => normalizeName(n.includes(',') ? reversed(n) : n));
      // 1. An identity the user confirmed before.
      const confirmed = hasMappings
        ? [row.platformId, ...names.map((n) => `name:${n}`)]
            .filter((k): k is string => k !== undefined)
            .map((k) => (Object.hasOwn(mappings, k) ? mappings[k] : undefined))
            .find((d) => d !== undefined)
        : undefined;
      if (confirmed !== undefined) {
        const es = byDriver.get(confirmed) ?? [];
        if (es.length === 1) return { entry: es[0]!, by: 'mapping' };
        return {
          reason:
            es.length === 0
              ? `confirmed as ${confirmed}, who has no entry at this event`
              : `confirmed as ${confirmed}, who has ${es.length} entries at this event`,
        };
      }
      // 2. Car number, checked against the names when the file gives them.
      if (row.car !== undefined) {
        // The buckets are keyed by the number without leading zeros ("007" and "7" are one car).
        const es = byCar.get(carKey(row.car)) ?? [];
        if (es.length === 1) {
          const entry = es[0]!;
          const entryNames = namesOf.get(entry.id) ?? [];
          const agrees =
            names.length === 0 ||
            names.some(
              (n) =>
                entryNames.includes(n) ||
                entryNames.some((en) => en.split(' ').at(-1) === n.split(' ').at(-1)),
            );
          if (agrees) return { entry, by: 'car' };
          return {
            reason: `car #${row.car} is ${describe(entry).join(', ')} in the entry list, but the file names ${row.drivers.join(', ')}`,
          };
        }
        if (es.length > 1 && names.length === 0)
          return { reason: `car #${row.car} has ${es.length} entries at this event` };
      }
      // 3. Driver name.
      const byNames = [...new Set(names.flatMap((n) => byName.get(n) ?? []))];
      if (byNames.length === 1) return { entry: byNames[0]!, by: 'name' };
      return {
        reason:
          byNames.length > 1
            ? `the names match ${byNames.length} entries`
            : `no entry at this event has ${row.car === undefined ? '' : `car #${row.car} or `}driver ${row.drivers.join(', ') || '(none named)'}`,
      };
    },
  };
}

/** Every row matched at once: the matched ones and the unmatched ones with the closest drivers. */
export function matchEntries(
  season: Season,
  eventId: string,
  rows: readonly ImportedRow[],
  mappings: Mappings,
): {
  readonly matched: readonly { readonly row: ImportedRow; readonly entry: Entry; readonly by: string }[];
  readonly unmatched: readonly {
    readonly row: ImportedRow;
    readonly key: string;
    readonly reason: string;
    readonly suggestions: readonly string[];
  }[];
} {
  const matcher = createMatcher(season, eventId, mappings);
  const matched: { row: ImportedRow; entry: Entry; by: string }[] = [];
  const unmatched: { row: ImportedRow; key: string; reason: string; suggestions: string[] }[] = [];
  for (const row of rows) {
    const m = matcher.match(row);
    if (m.entry) matched.push({ row, entry: m.entry, by: m.by });
    else unmatched.push({ row, key: identityKey(row), reason: m.reason, suggestions: matcher.suggest(row) });
  }
  return { matched, unmatched };
}

/** The classification rows of matched imported rows, in the file's order with finishers first. */
export function classificationRows(
  matched: readonly { readonly row: ImportedRow; readonly entry: Entry }[],
): ClassificationRow[] {
  const ordered = [...matched].sort(
    (a, b) => (a.row.position ?? Infinity) - (b.row.position ?? Infinity) || a.row.line - b.row.line,
  );
  return ordered.map(({ row, entry }) => ({
    entryId: entry.id,
    status: row.status,
    ...(row.position === undefined ? {} : { position: row.position }),
    ...(row.laps === undefined ? {} : { laps: row.laps }),
    ...(row.lapsLed === undefined ? {} : { lapsLed: row.lapsLed }),
    ...(row.time === undefined ? {} : { time: row.time }),
  }));
}
