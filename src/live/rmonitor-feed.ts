/**
 * An RMonitor stream as a live source: lines in, running orders out. A malformed line is
 * reported and skipped and the scoreboard stays as it was; a new running order is produced only
 * when a record changed the scoreboard.
 */
import type { Issue } from '../engine/index.js';
import { parseRMonitorLine } from './rmonitor.js';
import type { LineSource } from './rmonitor.js';
import { applyRecord, INITIAL_RMONITOR_STATE, runningOrderOf } from './rmonitor-state.js';
import type { RMonitorState } from './rmonitor-state.js';
import type { RunningOrder } from './running-order.js';

export type FeedStep =
  | { readonly kind: 'order'; readonly order: RunningOrder }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'skipped'; readonly issue: Issue };

export class RMonitorFeed {
  private current: RMonitorState;

  /** Starts from `state` (a persisted one, to resume) or an empty scoreboard. */
  constructor(state: RMonitorState = INITIAL_RMONITOR_STATE) {
    this.current = state;
  }

  get state(): RMonitorState {
    return this.current;
  }

  /** Reads one line. */
  push(line: string, where: LineSource): FeedStep {
    const parsed = parseRMonitorLine(line, where);
    if (!parsed.ok) return { kind: 'skipped', issue: parsed.issue };
    if (!parsed.record) return { kind: 'unchanged' };
    const next = applyRecord(this.current, parsed.record);
    if (next === this.current) return { kind: 'unchanged' };
    this.current = next;
    return { kind: 'order', order: runningOrderOf(next) };
  }
}
