/**
 * Replaying a recorded RMonitor stream (the bytes a timing system sent, as `nc host port > file`
 * captures them) over TCP at its original pace or faster. A raw capture has no timestamps, so
 * the pace comes from the stream itself: each heartbeat ($F) carries the time of day, and each
 * passing ($J) its race time, which places it between heartbeats to the millisecond. Other lines
 * follow the line before them. Every client that connects gets the recording from the start.
 * The text is handled as Latin-1 (one character per byte), so the bytes go out unchanged whatever
 * the recording's encoding.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { parseRMonitorLine } from './rmonitor.js';

export interface Recording {
  readonly lines: readonly string[];
  /** When each line is due, in milliseconds from the first line (never decreasing). */
  readonly atMs: readonly number[];
}

const DAY_MS = 86_400_000;

/** Splits a recording (read as Latin-1) into lines and works out when each was sent. */
export function scheduleRecording(text: string): Recording {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const raw: (number | undefined)[] = [];
  let dayOffset = 0;
  let lastTod: number | undefined;
  let raceStart: number | undefined;
  lines.forEach((line, i) => {
    const parsed = parseRMonitorLine(line, { source: 'recording', line: i + 1 });
    const r = parsed.ok ? parsed.record : undefined;
    if (r?.kind === 'heartbeat' && r.timeOfDayMs !== undefined) {
      // Past midnight the time of day starts again; the clock must not run backwards.
      if (lastTod !== undefined && r.timeOfDayMs + DAY_MS / 2 < lastTod) dayOffset += DAY_MS;
      lastTod = r.timeOfDayMs;
      const tod = r.timeOfDayMs + dayOffset;
      if (r.raceTimeMs !== undefined && r.raceTimeMs > 0) raceStart = tod - r.raceTimeMs;
      raw.push(tod);
    } else if (r?.kind === 'passing' && r.totalTimeMs !== undefined && raceStart !== undefined) {
      raw.push(raceStart + r.totalTimeMs);
    } else raw.push(undefined);
  });
  const first = raw.find((t) => t !== undefined) ?? 0;
  const atMs: number[] = [];
  let at = 0;
  for (const t of raw) {
    if (t !== undefined) at = Math.max(at, t - first);
    atMs.push(at);
  }
  return { lines, atMs };
}

export interface ReplayOptions {
  readonly recording: Recording;
  readonly port: number;
  readonly host?: string;
  /** 1 = the original pace, 10 = ten times faster. */
  readonly speed?: number;
  /** Start again from the beginning at the end instead of closing the connection. */
  readonly loop?: boolean;
  readonly onEvent?: (event: ReplayEvent) => void;
}

export type ReplayEvent =
  | { readonly kind: 'client'; readonly remote: string }
  | { readonly kind: 'finished'; readonly remote: string; readonly lines: number }
  | { readonly kind: 'client-gone'; readonly remote: string; readonly reason: string };

export interface ReplayServer {
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Serves the recording to every client that connects, until `close()`. */
export async function startReplay(options: ReplayOptions): Promise<ReplayServer> {
  const { recording } = options;
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error(`replay speed must be positive, got ${speed}`);
  const report = options.onEvent ?? (() => {});
  const sockets = new Set<Socket>();

  const serve = (socket: Socket) => {
    sockets.add(socket);
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    report({ kind: 'client', remote });
    socket.setNoDelay(true);
    let next = 0;
    let started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let gone = false;
    const stop = (reason: string) => {
      if (gone) return;
      gone = true;
      if (timer) clearTimeout(timer);
      sockets.delete(socket);
      report({ kind: 'client-gone', remote, reason });
    };
    socket.on('error', (e) => stop(e.message));
    socket.on('close', () => stop('closed'));
    const pump = () => {
      timer = undefined;
      if (gone) return;
      const elapsed = (performance.now() - started) * speed;
      let chunk = '';
      while (next < recording.lines.length && recording.atMs[next]! <= elapsed)
        chunk += `${recording.lines[next++]}\r\n`;
      const writable = chunk === '' || socket.write(chunk, 'latin1');
      if (next >= recording.lines.length) {
        if (options.loop) {
          next = 0;
          started = performance.now();
        } else {
          report({ kind: 'finished', remote, lines: next });
          socket.end();
          return;
        }
      }
      if (!writable) {
        socket.once('drain', pump);
        return;
      }
      const due = (recording.atMs[next]! - elapsed) / speed;
      timer = setTimeout(pump, Math.max(0, due));
    };
    pump();
  };

  const server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server.close(() => resolve());
      }),
  };
}
