/**
 * Server-sent events for live standings: `publish` turns an update into SSE frames, encoded once
 * and handed to every client; `respond` answers a request (a web-standard Request, so a Hono route
 * is one line: `(c) => hub.respond(c.req.raw)`) with a stream that starts with the latest whole
 * document (`event: standings`). After it, a client that has received every event gets only what
 * changed (`event: patch`, src/live/live-patch.ts: about 1 KB instead of 40 for the reference
 * season, which is what lets one process serve 500 clients within 100 ms). A client that reads
 * slowly skips: it is sent nothing while its queue is full, then the newest whole document, so
 * memory per client stays bounded and no client applies a patch to a document it does not hold.
 * Comments every `pingMs` keep idle connections open through proxies.
 */
import type { LiveUpdate } from './live-session.js';
import { liveUpdateJson } from './live-json.js';
import type { LiveUpdateJson } from './live-json.js';
import { livePatch } from './live-patch.js';

/** A subscriber's stream. */
interface Client {
  /** Queues a frame; false when there was no room (or the client has gone). */
  offer(frame: Uint8Array): boolean;
  close(): void;
  /** It has every event since its last whole document, so the next patch applies. */
  synced: boolean;
  /** It had no room for an event: it is owed the newest whole document. */
  owed: boolean;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

export interface LiveHubOptions {
  /** Interval of the keep-alive comments (ms); 0 for none. */
  readonly pingMs?: number;
  /** What EventSource waits before reconnecting (ms). */
  readonly retryMs?: number;
}

const encoder = new TextEncoder();

/** One update as an SSE frame: `id` is the update's sequence number, `event: standings`. */
export function sseFrame(update: LiveUpdate): string {
  return documentFrame(liveUpdateJson(update));
}

const documentFrame = (doc: LiveUpdateJson) =>
  `id: ${doc.seq}\nevent: standings\ndata: ${JSON.stringify(doc)}\n\n`;

export class LiveHub {
  private readonly clients = new Set<Client>();
  private latestDocument: LiveUpdateJson | undefined;
  private latest: Uint8Array | undefined;
  private readonly ping: NodeJS.Timeout | undefined;
  private readonly hello: Uint8Array;

  constructor(options: LiveHubOptions = {}) {
    this.hello = encoder.encode(`retry: ${options.retryMs ?? 2000}\n\n`);
    const pingMs = options.pingMs ?? 15_000;
    if (pingMs > 0) {
      const comment = encoder.encode(': ping\n\n');
      this.ping = setInterval(() => {
        for (const c of this.clients) c.offer(comment);
      }, pingMs);
      this.ping.unref();
    }
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Sends an update to every client: what changed to those that hold the previous document, the
   * whole document to the others (and to every client that connects later, first).
   */
  publish(update: LiveUpdate): void {
    const doc = liveUpdateJson(update);
    const patch = this.latestDocument && livePatch(this.latestDocument, doc);
    this.latestDocument = doc;
    this.latest = encoder.encode(documentFrame(doc));
    const change = patch
      ? encoder.encode(`id: ${doc.seq}\nevent: patch\ndata: ${JSON.stringify(patch)}\n\n`)
      : this.latest;
    for (const c of this.clients) {
      if (!c.offer(c.synced ? change : this.latest)) {
        c.synced = false;
        c.owed = true;
      } else c.synced = true;
    }
  }

  /** A text/event-stream response that lasts until the client goes or the hub closes. */
  respond(request?: Request): Response {
    let client: Client | undefined;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = {
            synced: true,
            owed: false,
            offer: (frame) => {
              try {
                const room = controller.desiredSize;
                if (room === null || room <= 0) return false;
                controller.enqueue(frame);
                return true;
              } catch {
                // The stream closed under us (the client went between its cancel and this send).
                this.clients.delete(client!);
                return false;
              }
            },
            close: () => {
              try {
                controller.close();
              } catch {
                // already closed by the other side
              }
            },
          };
          this.clients.add(client);
          controller.enqueue(this.hello);
          if (this.latest) controller.enqueue(this.latest);
        },
        pull: () => this.settle(client),
        cancel: () => {
          if (client) this.clients.delete(client);
        },
      },
      new CountQueuingStrategy({ highWaterMark: 2 }),
    );
    request?.signal.addEventListener('abort', () => {
      if (client && this.clients.delete(client)) client.close();
    });
    return new Response(stream, { headers: SSE_HEADERS });
  }

  /** A client that has room again gets the newest whole document if it missed one. */
  private settle(client: Client | undefined): void {
    if (!client?.owed || !this.latest) return;
    if (client.offer(this.latest)) {
      client.owed = false;
      client.synced = true;
    }
  }

  /** Ends every client's stream and stops the keep-alive. */
  close(): void {
    if (this.ping) clearInterval(this.ping);
    for (const c of this.clients) c.close();
    this.clients.clear();
  }
}
