/**
 * What every live source produces: the running order of one session at a moment, cars in order
 * (running cars first, by position), with what the timing system knows of each. Sources differ
 * (RMonitor builds it from many small records, a JSON-lines relay sends it whole); everything
 * after them (matching, live standings, saving the result) reads only this.
 */
import type { Status } from '../engine/index.js';
import type { Flag } from './rmonitor.js';

export interface RunningOrderRow {
  /** The source's identity of the car (RMonitor registration number, relay id or car number). */
  readonly key: string;
  readonly car?: string;
  /** A platform identity (transponder:1234567, iracing:123456), remembered once confirmed. */
  readonly platformId?: string;
  readonly drivers: readonly string[];
  readonly className?: string;
  /** classified = running (it would be classified if the race ended now); DNF when retired. */
  readonly status: Status;
  readonly laps?: number;
  readonly lapsLed?: number;
  /** Best lap so far in milliseconds. */
  readonly bestLapMs?: number;
  /** Total race time in milliseconds at the car's last passing. */
  readonly totalTimeMs?: number;
}

export interface RunningOrder {
  readonly rows: readonly RunningOrderRow[];
  readonly flag: Flag;
  readonly lapsToGo?: number;
  readonly raceTimeMs?: number;
  /** True once every running car has taken the chequered flag: the order is the result. */
  readonly finished: boolean;
}

export const EMPTY_ORDER: RunningOrder = { rows: [], flag: 'none', finished: false };
