/** Every results format by its `--format` name. */
import type { ResultsParser } from '../imported-row.js';
import { parseAcc } from './acc.js';
import { parseGenericCsv } from './generic-csv.js';
import { parseIracing } from './iracing.js';
import { parseRfactor } from './rfactor.js';
import { parseSpeedhive } from './speedhive.js';
import { parseTimingCsv } from './timing-csv.js';

export const RESULT_FORMATS = {
  'timing-csv': parseTimingCsv,
  speedhive: parseSpeedhive,
  csv: parseGenericCsv,
  iracing: parseIracing,
  acc: parseAcc,
  rfactor: parseRfactor,
} as const satisfies Record<string, ResultsParser>;

export type ResultFormat = keyof typeof RESULT_FORMATS;
export const RESULT_FORMAT_NAMES = Object.keys(RESULT_FORMATS) as ResultFormat[];
