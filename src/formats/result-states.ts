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
  /** The stewards' decision (or other reason) that amended a final result. */
  decision: z.string().optional(),
  note: z.string().optional(),
});

export interface ResultStateRow {
  readonly session: string;
  readonly state: string;
  readonly decision?: string | undefined;
}

/** The file's text for these rows, sorted by session id; the decision column only when needed. */
export function formatResultStateRows(rows: readonly ResultStateRow[]): string {
  const sorted = [...rows].sort((a, b) => a.session.localeCompare(b.session));
  const withDecision = sorted.some((r) => r.decision !== undefined);
  return stringify([
    withDecision ? ['session', 'state', 'decision'] : ['session', 'state'],
    ...sorted.map((r) => (withDecision ? [r.session, r.state, r.decision ?? ''] : [r.session, r.state])),
  ]);
}

/** The file's text for these states, sorted by session id. */
export function formatResultStates(states: ReadonlyMap<string, string>): string {
  const rows = [...states].sort(([a], [b]) => a.localeCompare(b));
  return stringify([['session', 'state'], ...rows]);
}
