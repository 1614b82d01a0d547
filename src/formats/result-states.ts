/**
 * `result-states.csv`: whether each session's results are provisional, final or amended
 * (docs/season-format.md). A CSV beside awards.csv so that importers and the store can rewrite it
 * without touching season.yaml and its comments. Sessions not listed have no stated state.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { RESULT_STATES } from '../engine/index.js';
import type { ResultState } from '../engine/index.js';
import { slug } from './season-schema.js';

export const RESULT_STATES_FILE = 'result-states.csv';

export const resultStateRowSchema = z.object({
  session: slug,
  state: z.enum(RESULT_STATES as [ResultState, ...ResultState[]], {
    message: `state is one of ${RESULT_STATES.join(', ')}`,
  }),
  note: z.string().optional(),
});

/** The file's text for these states, sorted by session id. */
export function formatResultStates(states: ReadonlyMap<string, string>): string {
  const rows = [...states].sort(([a], [b]) => a.localeCompare(b));
  return stringify([['session', 'state'], ...rows]);
}
