/** Every results format by its `--format` name. */
import type { ResultsReader } from '../imported-row.js';
import { readAcc } from './acc.js';
import { readGenericCsv } from './generic-csv.js';
import { readIracing } from './iracing.js';
import { readRfactor } from './rfactor.js';
import { readSpeedhive } from './speedhive.js';
import { readTimingCsv } from './timing-csv.js';

export const RESULT_FORMATS = {
  'timing-csv': readTimingCsv,
  speedhive: readSpeedhive,
  csv: readGenericCsv,
  iracing: readIracing,
  acc: readAcc,
  rfactor: readRfactor,
} as const satisfies Record<string, ResultsReader>;

export type ResultFormat = keyof typeof RESULT_FORMATS;
export const RESULT_FORMAT_NAMES = Object.keys(RESULT_FORMATS) as ResultFormat[];
