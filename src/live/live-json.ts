/**
 * The JSON document of a live update (the SSE `data` of /api/v1/seasons/{season}/live, and
 * `paddock live --json`, one per line). Points follow the standings contract (docs/json.md):
 * `points` is a number rounded to 2 decimals, `pointsExact` the exact fraction ("57/7").
 */
import { formatExact, toNumber } from '../engine/index.js';
import type { LiveUpdate } from './live-session.js';

export interface LiveRowJson {
  readonly position: number;
  readonly shared: boolean;
  readonly competitor: { readonly id: string; readonly name: string; readonly kind: string };
  readonly points: number;
  readonly pointsExact: string;
  /** Position and points in the table before the race; null when not listed then. */
  readonly before: {
    readonly position: number;
    readonly points: number;
    readonly pointsExact: string;
  } | null;
  /** Places gained since before the race (negative: lost); null when not listed then. */
  readonly change: number | null;
  readonly gained: number;
  readonly gainedExact: string;
}

export interface LiveUpdateJson {
  readonly seq: number;
  readonly season: { readonly id: string; readonly name: string };
  readonly session: { readonly id: string; readonly race: number; readonly name: string };
  readonly flag: string;
  readonly lapsToGo: number | null;
  readonly finished: boolean;
  readonly order: readonly {
    readonly position: number | null;
    readonly car: string | null;
    readonly entry: string | null;
    readonly drivers: readonly string[];
    readonly class: string | null;
    readonly status: string;
    readonly laps: number | null;
    readonly lapsLed: number | null;
    readonly bestLapMs: number | null;
    readonly fastestLap: boolean;
  }[];
  readonly unmatched: readonly {
    readonly key: string;
    readonly car: string | null;
    readonly drivers: readonly string[];
    readonly reason: string;
    readonly suggestions: readonly string[];
  }[];
  readonly championships: readonly {
    readonly id: string;
    readonly name: string;
    readonly final: boolean;
    readonly rows: readonly LiveRowJson[];
  }[];
}

/** A live update as its JSON document. */
export function liveUpdateJson(u: LiveUpdate): LiveUpdateJson {
  return {
    seq: u.seq,
    season: u.season,
    session: u.session,
    flag: u.flag,
    lapsToGo: u.lapsToGo ?? null,
    finished: u.finished,
    order: u.order.map((r) => ({
      position: r.position ?? null,
      car: r.car ?? null,
      entry: r.entryId ?? null,
      drivers: r.drivers,
      class: r.className ?? null,
      status: r.status,
      laps: r.laps ?? null,
      lapsLed: r.lapsLed ?? null,
      bestLapMs: r.bestLapMs ?? null,
      fastestLap: r.fastestLap,
    })),
    unmatched: u.unmatched.map((m) => ({
      key: m.key,
      car: m.car ?? null,
      drivers: m.drivers,
      reason: m.reason,
      suggestions: m.suggestions,
    })),
    championships: u.championships.map((c) => ({
      id: c.id,
      name: c.name,
      final: c.final,
      rows: c.rows.map((r) => ({
        position: r.position,
        shared: r.shared,
        competitor: { id: r.competitor.id, name: r.competitor.name, kind: r.competitor.kind },
        points: toNumber(r.points),
        pointsExact: formatExact(r.points),
        before: r.before
          ? {
              position: r.before.position,
              points: toNumber(r.before.points),
              pointsExact: formatExact(r.before.points),
            }
          : null,
        change: r.change ?? null,
        gained: toNumber(r.gained),
        gainedExact: formatExact(r.gained),
      })),
    })),
  };
}
