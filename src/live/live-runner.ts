/**
 * Following one race from a source to live standings, for the CLI and (later) the server: lines
 * of RMonitor over TCP or running orders of a JSON-lines stream go in; each change of the running
 * order gives an update; the last good state is kept on disk and taken up again on restart.
 * Malformed lines are reported and skipped, dropped connections are retried with back-off; none
 * of it throws or loses the last good state. Orders that arrive together (one TCP read) are
 * scored once, with the newest.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Issue, Result } from '../engine/index.js';
import { parseJsonlLine } from './jsonl-feed.js';
import type { LiveSession, LiveUpdate } from './live-session.js';
import { RMonitorFeed } from './rmonitor-feed.js';
import type { LineSource } from './rmonitor.js';
import type { RunningOrder } from './running-order.js';
import { readLiveState, StateWriter } from './state-file.js';
import { connectLines, DEFAULT_BACKOFF } from './tcp-lines.js';
import type { BackOff, LineClientEvent } from './tcp-lines.js';

export interface LiveRunnerOptions {
  readonly session: LiveSession;
  readonly seasonId: string;
  /** Where the last good state is kept (none: nothing is kept). */
  readonly statePath?: string;
  /** Take up the saved state when there is one (default); false starts afresh and overwrites it. */
  readonly resume?: boolean;
  readonly onUpdate: (update: LiveUpdate) => void;
  /** Malformed lines, scoring and saving problems: reported, never thrown. */
  readonly onIssue: (issue: Issue) => void;
  /** Connection events, in words. */
  readonly onNotice?: (text: string) => void;
  readonly persistIntervalMs?: number;
}

export class LiveRunner {
  private readonly feed: RMonitorFeed;
  private readonly writer: StateWriter | undefined;
  private pending: RunningOrder | undefined;
  private scheduled = false;
  private lastOrder: RunningOrder | undefined;
  private usedRMonitor = false;
  private finishedWaiters: (() => void)[] = [];

  private constructor(
    private readonly options: LiveRunnerOptions,
    feed: RMonitorFeed,
  ) {
    this.feed = feed;
    this.writer =
      options.statePath === undefined
        ? undefined
        : new StateWriter(options.statePath, options.onIssue, options.persistIntervalMs);
  }

  /** Prepares a runner, resuming from the saved state when there is one for this race. */
  static async open(options: LiveRunnerOptions): Promise<{ runner: LiveRunner; resumed: boolean }> {
    let feed = new RMonitorFeed();
    let order: RunningOrder | undefined;
    if (options.statePath !== undefined && options.resume !== false) {
      const saved = await readLiveState(options.statePath, options.seasonId, options.session.session.id);
      if (!saved.ok) for (const i of saved.issues) options.onIssue(i);
      else if (saved.value) {
        if (saved.value.rmonitor) feed = new RMonitorFeed(saved.value.rmonitor);
        order = saved.value.order;
      }
    }
    const runner = new LiveRunner(options, feed);
    if (order) {
      runner.usedRMonitor = hasScoreboard(feed);
      runner.accept(order);
      runner.flush();
    }
    return { runner, resumed: order !== undefined };
  }

  /** The latest update. */
  get current(): LiveUpdate | undefined {
    return this.options.session.current;
  }

  /** The newest running order taken (scored or about to be). */
  get order(): RunningOrder | undefined {
    return this.pending ?? this.lastOrder;
  }

  /** True once the running order is the result (every running car took the flag). */
  get finished(): boolean {
    return this.lastOrder?.finished ?? false;
  }

  /** Reads one RMonitor line. */
  rmonitorLine(line: string, where: LineSource): void {
    this.usedRMonitor = true;
    const step = this.feed.push(line, where);
    if (step.kind === 'skipped') this.options.onIssue(step.issue);
    else if (step.kind === 'order') this.accept(step.order);
  }

  /** Reads one JSON-lines running order. */
  jsonLine(line: string, where: LineSource): void {
    if (line.trim() === '') return;
    const parsed = parseJsonlLine(line, where);
    if (!parsed.ok) this.options.onIssue(parsed.issue);
    else this.accept(parsed.order);
  }

  /** Takes a running order; it is scored on the next turn of the event loop (or at `flush`). */
  accept(order: RunningOrder): void {
    this.pending = order;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Scores the newest pending order now. */
  flush(): void {
    this.scheduled = false;
    const order = this.pending;
    if (!order) return;
    this.pending = undefined;
    this.lastOrder = order;
    let applied: Result<LiveUpdate | undefined>;
    try {
      applied = this.options.session.apply(order);
    } catch (e) {
      // A bug in scoring must not end the feed; the previous tables stay.
      applied = {
        ok: false,
        issues: [
          { code: 'live.internal', path: [], message: `scoring failed: ${(e as Error).stack ?? String(e)}` },
        ],
      };
    }
    if (order.finished) setImmediate(() => this.finishedWaiters.splice(0).forEach((w) => w()));
    if (!applied.ok) {
      // The last good tables stay; the next order is scored afresh.
      for (const i of applied.issues) this.options.onIssue(i);
      return;
    }
    this.writer?.save({
      version: 1,
      season: this.options.seasonId,
      session: this.options.session.session.id,
      order,
      ...(this.usedRMonitor ? { rmonitor: this.feed.state } : {}),
    });
    if (applied.value) this.options.onUpdate(applied.value);
  }

  /**
   * Follows an RMonitor server until the race is finished or `signal` aborts; reconnects after
   * drops with back-off.
   */
  async followRMonitor(
    host: string,
    port: number,
    signal?: AbortSignal,
    backOff: BackOff = DEFAULT_BACKOFF,
    idleTimeoutMs = 15_000,
  ): Promise<void> {
    const source = `${host}:${port}`;
    let line = 0;
    const notice = this.options.onNotice ?? (() => {});
    const client = connectLines({
      host,
      port,
      backOff,
      idleTimeoutMs,
      onLine: (text) => this.rmonitorLine(text, { source, line: ++line }),
      onEvent: (e: LineClientEvent) => {
        if (e.kind === 'connected') notice(`connected to ${source}`);
        else if (e.kind === 'disconnected') notice(`disconnected from ${source} (${e.reason})`);
        else if (e.kind === 'retry')
          notice(`reconnecting in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt})`);
        else if (e.kind === 'line-too-long')
          this.options.onIssue({
            code: 'rmonitor.line-too-long',
            path: [source, line + 1],
            message: `a line of ${e.bytes} bytes was skipped (no line end)`,
            location: { file: source, line: line + 1 },
          });
        else if (e.kind === 'handler-error') notice(`a line could not be handled: ${e.message}`);
      },
    });
    try {
      await this.until(signal);
    } finally {
      client.close();
      this.flush();
    }
  }

  /** Follows a JSON-lines stream (a file or stdin) to its end, or until finished or aborted. */
  async followJsonLines(input: Readable, source: string, signal?: AbortSignal): Promise<void> {
    const lines = createInterface({ input, crlfDelay: Infinity });
    let n = 0;
    const done = this.until(signal);
    const read = (async () => {
      for await (const text of lines) this.jsonLine(text, { source, line: ++n });
    })();
    await Promise.race([done, read]);
    lines.close();
    this.flush();
  }

  /** Writes the last state and stops. */
  async close(): Promise<void> {
    this.flush();
    await this.writer?.flush();
  }

  private until(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (this.finished || signal?.aborted) return resolve();
      this.finishedWaiters.push(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}

/** Whether a resumed feed came from RMonitor (it has a scoreboard). */
const hasScoreboard = (feed: RMonitorFeed) => Object.keys(feed.state.competitors).length > 0;
