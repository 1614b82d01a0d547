/**
 * Server-sent events for live standings: `publish` turns an update into one SSE frame, encoded
 * once and handed to every client; `respond` answers a request (a web-standard Request, so a Hono
 * route is one line: `(c) => hub.respond(c.req.raw)`) with a stream that starts with the latest
 * frame. Every frame is a whole state, so a client that reads slowly skips to the newest frame
 * instead of queueing old ones: memory per client stays bounded. Comments every `pingMs` keep
 * idle connections open through proxies.
 */
import type { LiveUpdate } from './live-session.js';
import { liveUpdateJson } from './live-json.js';

interface Client {
  controller: ReadableStreamDefaultController<Uint8Array>;
  /** The newest frame this client had no room for. */
  waiting?: Uint8Array | undefined;
}

export interface LiveHubOptions {
  /** Interval of the keep-alive comments (ms); 0 for none. */
  readonly pingMs?: number;
  /** What EventSource waits before reconnecting (ms). */
  readonly retryMs?: number;
}

const encoder = new TextEncoder();

/** One update as an SSE frame: `id` is the update's sequence number, `event: standings`. */
export function sseFrame(update: LiveUpdate): string {
  return `id: ${update.seq}\nevent: standings\ndata: ${JSON.stringify(liveUpdateJson(update))}\n\n`;
}

export class LiveHub {
  private readonly clients = new Set<Client>();
  private latest: Uint8Array | undefined;
  private readonly ping: NodeJS.Timeout | undefined;
  private readonly hello: Uint8Array;

  constructor(options: LiveHubOptions = {}) {
    this.hello = encoder.encode(`retry: ${options.retryMs ?? 2000}\n\n`);
    const pingMs = options.pingMs ?? 15_000;
    if (pingMs > 0) {
      const comment = encoder.encode(': ping\n\n');
      this.ping = setInterval(() => this.send(comment, false), pingMs);
      this.ping.unref();
    }
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Sends an update to every client (and to every client that connects later, first). */
  publish(update: LiveUpdate): void {
    this.latest = encoder.encode(sseFrame(update));
    this.send(this.latest, true);
  }

  /** A text/event-stream response that lasts until the client goes or the hub closes. */
  respond(request?: Request): Response {
    let client: Client | undefined;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = { controller };
          this.clients.add(client);
          controller.enqueue(this.hello);
          if (this.latest) controller.enqueue(this.latest);
        },
        pull: () => {
          if (client?.waiting) {
            client.controller.enqueue(client.waiting);
            client.waiting = undefined;
          }
        },
        cancel: () => {
          if (client) this.clients.delete(client);
        },
      },
      new CountQueuingStrategy({ highWaterMark: 2 }),
    );
    request?.signal.addEventListener('abort', () => {
      if (!client || !this.clients.delete(client)) return;
      try {
        client.controller.close();
      } catch {
        // already closed by the other side
      }
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  }

  /** Ends every client's stream and stops the keep-alive. */
  close(): void {
    if (this.ping) clearInterval(this.ping);
    for (const c of this.clients) {
      try {
        c.controller.close();
      } catch {
        // already closed
      }
    }
    this.clients.clear();
  }

  private send(frame: Uint8Array, isState: boolean): void {
    for (const c of this.clients) {
      try {
        const room = c.controller.desiredSize;
        if (room !== null && room > 0) c.controller.enqueue(frame);
        else if (isState) c.waiting = frame;
      } catch {
        // The stream closed under us (the client went between its cancel and this send).
        this.clients.delete(c);
      }
    }
  }
}
