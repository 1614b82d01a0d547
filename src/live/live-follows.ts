/**
 * The races a server follows: at most one feed per season at a time, each with its runner (the
 * last good state kept on disk, so following the same race again takes it up) and one SSE hub per
 * season that every live page and API client of that season reads. Feeds run in the background;
 * their faults (a dropped or refused connection, a malformed line, a scoring problem) are logged
 * and kept for the editor, never thrown: the server and the last good tables stay.
 *
 * This is state of one process: a second server over the same database follows its own feeds.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Issue, Result, Rulebook, Season } from '../engine/index.js';
import type { Mappings } from '../importers/results/match-entries.js';
import { LiveHub } from './live-hub.js';
import type { LiveHubOptions } from './live-hub.js';
import { LiveRunner } from './live-runner.js';
import { LiveSession } from './live-session.js';
import type { LiveUpdate } from './live-session.js';
import { DEFAULT_BACKOFF } from './tcp-lines.js';
import type { BackOff } from './tcp-lines.js';

/** Where a followed race comes from. */
export type FollowSource =
  | { readonly kind: 'rmonitor'; readonly host: string; readonly port: number }
  | {
      readonly kind: 'jsonl';
      readonly name: string;
      readonly open: (signal: AbortSignal) => Promise<Readable>;
    };

export interface FollowRequest {
  readonly season: Season;
  readonly rulebook: Rulebook;
  /** The season's confirmed identities (mappings.yaml). */
  readonly mappings: Mappings;
  readonly sessionId: string;
  readonly source: FollowSource;
  /** Who started it (shown on the page). */
  readonly startedBy: string;
  readonly startedAt: Date;
  /** Start afresh instead of taking up the saved state of this race. */
  readonly fresh?: boolean;
}

/** One noteworthy thing of a feed, newest last (at most `KEEP_NOTES` kept). */
export interface FollowNote {
  readonly at: Date;
  readonly text: string;
  readonly issue?: Issue;
}

const KEEP_NOTES = 30;

export class Follow {
  status: 'following' | 'ended' | 'stopped' = 'following';
  readonly notes: FollowNote[] = [];
  /** Settles when the feed has ended (finished race, end of stream, or stopped). */
  done: Promise<void> = Promise.resolve();
  readonly abort = new AbortController();

  constructor(
    readonly seasonId: string,
    readonly sessionId: string,
    readonly sourceName: string,
    readonly startedBy: string,
    readonly startedAt: Date,
    readonly live: LiveSession,
    private readonly now: () => Date,
  ) {}

  runner!: LiveRunner;

  /** Identities an editor confirmed during this race (`key -> driver id`), saved with the result. */
  readonly assignments: Record<string, string> = {};

  /** Confirms an unmatched competitor; the last running order is scored again with it. */
  confirm(key: string, driverId: string): void {
    this.assignments[key] = driverId;
    this.live.confirm({ [key]: driverId });
    this.note(`confirmed ${key} as ${driverId}`);
    const order = this.runner.order;
    if (order) this.runner.accept(order);
  }

  /** The latest update (undefined before the first running order). */
  get current(): LiveUpdate | undefined {
    return this.live.current;
  }

  get finished(): boolean {
    return this.runner.finished;
  }

  note(text: string, issue?: Issue): void {
    this.notes.push({ at: this.now(), text, ...(issue ? { issue } : {}) });
    if (this.notes.length > KEEP_NOTES) this.notes.splice(0, this.notes.length - KEEP_NOTES);
  }
}

export interface LiveFollowsOptions {
  /** Where each race's last good state is kept (`<dir>/<season>-<session>.json`); none: nothing kept. */
  readonly stateDir?: string;
  readonly backOff?: BackOff;
  /** A connection silent this long is dropped and retried (ms). */
  readonly idleTimeoutMs?: number;
  readonly hub?: LiveHubOptions;
  /** Log lines (feed faults, connections). */
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

export class LiveFollows {
  private readonly hubs = new Map<string, LiveHub>();
  private readonly follows = new Map<string, Follow>();

  constructor(private readonly options: LiveFollowsOptions = {}) {}

  /** The SSE hub of a season (made on first use; the caller has checked the season exists). */
  hub(seasonId: string): LiveHub {
    let hub = this.hubs.get(seasonId);
    if (!hub) {
      hub = new LiveHub(this.options.hub);
      this.hubs.set(seasonId, hub);
    }
    return hub;
  }

  /** The season's current or last follow. */
  get(seasonId: string): Follow | undefined {
    return this.follows.get(seasonId);
  }

  /**
   * Starts following a race in the background. Refused while another race of the season is being
   * followed (stop it first); a follow that ended is replaced.
   */
  async start(request: FollowRequest): Promise<Result<Follow>> {
    const seasonId = request.season.id;
    const running = this.follows.get(seasonId);
    if (running?.status === 'following')
      return {
        ok: false,
        issues: [
          {
            code: 'live.already-following',
            path: ['session'],
            message: `${running.sessionId} of ${seasonId} is being followed from ${running.sourceName}; stop it first`,
          },
        ],
      };
    const created = LiveSession.create({
      season: request.season,
      rulebook: request.rulebook,
      sessionId: request.sessionId,
      mappings: request.mappings,
    });
    if (!created.ok) return created;
    const source = request.source;
    const sourceName = source.kind === 'rmonitor' ? `${source.host}:${source.port}` : source.name;
    const now = this.options.now ?? (() => new Date());
    const follow = new Follow(
      seasonId,
      request.sessionId,
      sourceName,
      request.startedBy,
      request.startedAt,
      created.value,
      now,
    );
    const log = this.options.log ?? (() => {});
    const hub = this.hub(seasonId);
    const { runner, resumed } = await LiveRunner.open({
      session: created.value,
      seasonId,
      ...(this.options.stateDir === undefined
        ? {}
        : { statePath: join(this.options.stateDir, `${seasonId}-${request.sessionId}.json`) }),
      resume: !request.fresh,
      onUpdate: (u) => hub.publish(u),
      onIssue: (issue) => {
        const at = issue.location
          ? `${issue.location.file}${issue.location.line === undefined ? '' : `:${issue.location.line}`}: `
          : '';
        follow.note(`${at}${issue.message}`, issue);
        log(`live ${seasonId} ${request.sessionId}: ${at}${issue.message}`);
      },
      onNotice: (text) => {
        follow.note(text);
        log(`live ${seasonId} ${request.sessionId}: ${text}`);
      },
    });
    follow.runner = runner;
    if (resumed) follow.note('took up the saved state of this race');
    this.follows.set(seasonId, follow);
    follow.note(`following ${request.sessionId} from ${sourceName}`);
    follow.done = this.run(follow, source).then(
      () => undefined,
      (e: unknown) => {
        // A bug in a source must not take the server down; the last tables stay.
        follow.note(`the feed stopped: ${(e as Error).message}`);
        log(`live ${seasonId}: the feed stopped: ${(e as Error).stack ?? String(e)}`);
      },
    );
    void follow.done.finally(async () => {
      if (follow.status === 'following') follow.status = 'ended';
      await runner.close();
    });
    return { ok: true, value: follow };
  }

  /** Stops following the season's race (the tables and the saved state stay). */
  async stop(seasonId: string): Promise<Follow | undefined> {
    const follow = this.follows.get(seasonId);
    if (!follow || follow.status !== 'following') return follow;
    follow.status = 'stopped';
    follow.note('stopped');
    follow.abort.abort();
    await follow.done;
    return follow;
  }

  /** Stops every feed and closes every SSE stream. */
  async close(): Promise<void> {
    await Promise.all([...this.follows.keys()].map((id) => this.stop(id)));
    for (const hub of this.hubs.values()) hub.close();
    this.hubs.clear();
  }

  private async run(follow: Follow, source: FollowSource): Promise<void> {
    const { signal } = follow.abort;
    if (source.kind === 'rmonitor') {
      await follow.runner.followRMonitor(
        source.host,
        source.port,
        signal,
        this.options.backOff ?? DEFAULT_BACKOFF,
        this.options.idleTimeoutMs ?? 15_000,
      );
      return;
    }
    let input: Readable;
    try {
      input = await source.open(signal);
    } catch (e) {
      follow.note(`cannot read ${source.name}: ${(e as Error).message}`, {
        code: 'live.unreadable',
        path: [source.name],
        message: `cannot read ${source.name}: ${(e as Error).message}`,
      });
      return;
    }
    // A stream that fails midway ends the follow; the tables so far stay.
    input.on('error', (e) => follow.note(`${source.name}: ${e.message}`));
    await follow.runner.followJsonLines(input, source.name, signal);
    input.destroy();
    if (follow.status === 'following') follow.note(`end of ${source.name}`);
  }
}
