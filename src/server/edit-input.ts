/**
 * What the forms and the API send to change results, turned into the app layer's edits: a
 * classification row as the season folder's results file has it (CSV cells from a form) or as JSON
 * (the API), and the expected version a write was made from.
 */
import { compact } from '../formats/compact.js';
import type { ClassificationRow, Status } from '../engine/index.js';

/** A validated results row (the season folder's CSV schema) as the engine's row. */
export function csvRowToClassification(v: {
  position?: number | undefined;
  entry: string;
  drivers?: string | undefined;
  status: string;
  laps?: number | undefined;
  laps_led?: number | undefined;
  time?: string | undefined;
  best_lap?: string | undefined;
  grid?: number | undefined;
  note?: string | undefined;
}): ClassificationRow {
  return compact({
    entryId: v.entry,
    driverIds: v.drivers
      ?.split(';')
      .map((d) => d.trim())
      .filter(Boolean),
    status: v.status as Status,
    position: v.position,
    laps: v.laps,
    lapsLed: v.laps_led,
    time: v.time,
    bestLap: v.best_lap,
    grid: v.grid,
    note: v.note,
  });
}

/** A results row sent as JSON to the API, as the engine's row. */
export function jsonRowToClassification(v: {
  position?: number | undefined;
  entry: string;
  drivers?: readonly string[] | undefined;
  status: Status;
  laps?: number | undefined;
  lapsLed?: number | undefined;
  time?: string | undefined;
  note?: string | undefined;
}): ClassificationRow {
  return compact({
    entryId: v.entry,
    driverIds: v.drivers,
    status: v.status,
    position: v.position,
    laps: v.laps,
    lapsLed: v.lapsLed,
    time: v.time,
    note: v.note,
  });
}
