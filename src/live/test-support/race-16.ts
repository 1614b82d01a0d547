/** The reference season and running orders of its race 16, for the live tests. */
import { loadSeason } from '../../formats/catalog.js';
import type { LoadedSeason } from '../../formats/season-folder.js';
import type { RunningOrder, RunningOrderRow } from '../running-order.js';

let cached: Promise<LoadedSeason> | undefined;

/** The reference season, loaded once per test file. */
export function referenceSeason(): Promise<LoadedSeason> {
  cached ??= loadSeason('2024-pccna').then((r) => {
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    return r.value;
  });
  return cached;
}

/** Race 16's real classification as a running order a feed would give (car number, name). */
export function race16Order(loaded: LoadedSeason, finished = false): RunningOrder {
  const { season } = loaded;
  const names = new Map(season.drivers.map((d) => [d.id, d.name]));
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const rows = season.classifications
    .find((c) => c.sessionId === 'race-16')!
    .rows.map((r): RunningOrderRow => {
      const e = entries.get(r.entryId)!;
      return {
        key: e.car,
        car: e.car,
        drivers: e.driverIds.map((d) => names.get(d)!),
        status: r.status === 'classified' ? 'classified' : 'DNF',
        laps: r.status === 'classified' ? 14 : 8,
      };
    });
  return { rows, flag: finished ? 'finish' : 'green', finished };
}

/** The order with the cars numbered `a` and `b` swapped. */
export function swapCars(order: RunningOrder, a: string, b: string): RunningOrder {
  const rows = [...order.rows];
  const i = rows.findIndex((r) => r.car === a);
  const j = rows.findIndex((r) => r.car === b);
  [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  return { ...order, rows };
}
