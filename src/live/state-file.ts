/**
 * The last good state of a followed race, kept on disk so a restart resumes where it stopped:
 * the running order and, for RMonitor, the scoreboard it was built from. Writes go to a temporary
 * sibling renamed into place, one at a time and at most once per interval, so a crash leaves the
 * previous state or the new one, never half a file. A file that cannot be read is reported and
 * left where it is; following starts afresh.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Issue, Result } from '../engine/index.js';
import type { RMonitorState } from './rmonitor-state.js';
import type { RunningOrder } from './running-order.js';

export interface LiveState {
  readonly version: 1;
  readonly season: string;
  readonly session: string;
  readonly order?: RunningOrder;
  readonly rmonitor?: RMonitorState;
}

// The order and scoreboard are checked for their outline only: they were written by this module.
const stateSchema = z.object({
  version: z.literal(1),
  season: z.string(),
  session: z.string(),
  order: z
    .object({ rows: z.array(z.object({ key: z.string(), status: z.string() }).loose()), flag: z.string() })
    .loose()
    .optional(),
  rmonitor: z
    .object({ competitors: z.record(z.string(), z.unknown()), progress: z.record(z.string(), z.unknown()) })
    .loose()
    .optional(),
});

const problem = (path: string, code: string, message: string, hint?: string): Issue => ({
  code,
  path: [path],
  message,
  ...(hint === undefined ? {} : { hint }),
  location: { file: path },
});

/** Reads a saved state; ok(undefined) when there is none, issues when it is unreadable or another race's. */
export async function readLiveState(
  path: string,
  season: string,
  session: string,
): Promise<Result<LiveState | undefined>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: undefined };
    return {
      ok: false,
      issues: [problem(path, 'live-state.unreadable', `cannot read ${path}: ${(e as Error).message}`)],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      issues: [
        problem(
          path,
          'live-state.syntax',
          `the saved live state is not JSON: ${(e as Error).message}`,
          'Delete it to start afresh.',
        ),
      ],
    };
  }
  const parsed = stateSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      issues: [
        problem(
          path,
          'live-state.shape',
          'the saved live state is not one Paddock wrote',
          'Delete it to start afresh.',
        ),
      ],
    };
  if (parsed.data.season !== season || parsed.data.session !== session)
    return {
      ok: false,
      issues: [
        problem(
          path,
          'live-state.other-race',
          `the saved live state is for ${parsed.data.season} ${parsed.data.session}, not ${season} ${session}`,
          'Give another --state file.',
        ),
      ],
    };
  return { ok: true, value: value as LiveState };
}

/** Writes a state through a temporary file renamed into place. */
export async function writeLiveState(path: string, state: LiveState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify(state), 'utf8');
  await rename(temp, path);
}

/**
 * Keeps a state file up to date without writing on every change: the newest state is written at
 * most once per `intervalMs`, one write at a time; `flush` writes what is pending and waits.
 */
export class StateWriter {
  private pending: LiveState | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private lastWrite = 0;

  constructor(
    readonly path: string,
    private readonly onError: (issue: Issue) => void,
    private readonly intervalMs = 1000,
  ) {}

  /** Remembers the newest state; it is written soon. */
  save(state: LiveState): void {
    this.pending = state;
    if (this.timer || this.writing) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => void this.write(), wait);
  }

  /** Writes the pending state now and waits for every write to end. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (this.pending) await this.write();
  }

  private async write(): Promise<void> {
    this.timer = undefined;
    const state = this.pending;
    if (!state) return;
    this.pending = undefined;
    this.lastWrite = Date.now();
    this.writing = writeLiveState(this.path, state).catch((e: Error) =>
      this.onError(
        problem(
          this.path,
          'live-state.write',
          `cannot save the live state: ${e.message}`,
          'Following goes on; a restart would not resume.',
        ),
      ),
    );
    await this.writing;
    this.writing = undefined;
    if (this.pending) this.save(this.pending);
  }
}
