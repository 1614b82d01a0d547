/**
 * A TCP client for line protocols such as RMonitor: it connects, splits the stream into lines
 * (CR LF or LF, across packet boundaries), and when the connection drops, fails or goes silent it
 * connects again after a back-off that doubles up to a ceiling and starts over once a connection
 * delivers data. It never throws to its caller: every event is reported through `onEvent`.
 */
import { isUtf8 } from 'node:buffer';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export type LineClientEvent =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'connected' }
  | { readonly kind: 'disconnected'; readonly reason: string }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly attempt: number }
  | { readonly kind: 'line-too-long'; readonly bytes: number }
  /** The line handler threw; the line is skipped and the stream goes on. */
  | { readonly kind: 'handler-error'; readonly message: string };

export interface BackOff {
  /** First delay after a failure (ms). */
  readonly initialMs: number;
  /** The delay never grows past this (ms). */
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackOff = { initialMs: 500, maxMs: 30_000, factor: 2 };

export interface LineClientOptions {
  readonly host: string;
  readonly port: number;
  readonly onLine: (line: string) => void;
  readonly onEvent?: (event: LineClientEvent) => void;
  readonly backOff?: BackOff;
  /** Reconnect when nothing arrives for this long (RMonitor sends a heartbeat every second). */
  readonly idleTimeoutMs?: number;
  /** Longer lines are dropped (reported), so a stream without line ends cannot grow memory. */
  readonly maxLineBytes?: number;
}

export interface LineClient {
  /** Stops for good: closes the connection and cancels any reconnect. */
  close(): void;
}

/** The delay before reconnect attempt `attempt` (1 = the first retry). */
export const backOffDelay = (b: BackOff, attempt: number): number =>
  Math.min(b.maxMs, b.initialMs * b.factor ** Math.max(0, attempt - 1));

/** Splits bytes into lines; a line's bytes are read as UTF-8 when valid, else as Latin-1. */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflow = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = 64 * 1024,
    private readonly onTooLong: (bytes: number) => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.take(chunk.subarray(start, nl));
      this.finishLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** Forgets a partial line (after a reconnect the stream starts afresh). */
  reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.overflow = false;
  }

  private take(part: Buffer): void {
    if (this.overflow) {
      this.pendingBytes += part.length;
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.overflow = true;
      this.pending = [];
    }
  }

  private finishLine(): void {
    const bytes = this.pendingBytes;
    const overflow = this.overflow;
    const parts = this.pending;
    this.reset();
    if (overflow) return this.onTooLong(bytes);
    let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (buf.length && buf[buf.length - 1] === 13) buf = buf.subarray(0, buf.length - 1);
    if (!buf.length) return;
    this.onLine(buf.toString(isUtf8(buf) ? 'utf8' : 'latin1'));
  }
}

/** Connects and keeps connecting until `close()`. */
export function connectLines(options: LineClientOptions): LineClient {
  const backOff = options.backOff ?? DEFAULT_BACKOFF;
  const report = options.onEvent ?? (() => {});
  let socket: Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let attempt = 0;
  const onLine = (line: string) => {
    try {
      options.onLine(line);
    } catch (e) {
      report({ kind: 'handler-error', message: (e as Error).message });
    }
  };
  const splitter = new LineSplitter(onLine, options.maxLineBytes, (bytes) =>
    report({ kind: 'line-too-long', bytes }),
  );

  const scheduleRetry = () => {
    if (closed) return;
    attempt += 1;
    const delayMs = backOffDelay(backOff, attempt);
    report({ kind: 'retry', delayMs, attempt });
    timer = setTimeout(open, delayMs);
  };

  function open() {
    timer = undefined;
    if (closed) return;
    report({ kind: 'connecting', attempt });
    splitter.reset();
    const s = connect({ host: options.host, port: options.port });
    socket = s;
    let reason = 'closed by the server';
    let receiving = false;
    s.setNoDelay(true);
    if (options.idleTimeoutMs) s.setTimeout(options.idleTimeoutMs);
    s.on('connect', () => report({ kind: 'connected' }));
    s.on('data', (chunk: Buffer) => {
      if (!receiving) {
        // A connection that delivers data resets the back-off.
        receiving = true;
        attempt = 0;
      }
      splitter.push(chunk);
    });
    s.on('timeout', () => {
      reason = `no data for ${options.idleTimeoutMs} ms`;
      s.destroy();
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      reason = e.code ?? e.message;
    });
    s.on('close', () => {
      if (socket === s) socket = undefined;
      if (closed) return;
      report({ kind: 'disconnected', reason });
      scheduleRetry();
    });
  }

  open();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.destroy();
      socket = undefined;
    },
  };
}
