/**
 * Starting the server: open (and migrate) the database, bring the built-in seasons up to date
 * (imported when missing, refreshed when their files changed and nobody edited them in the
 * database, a log line when they diverged), and listen. Shared by `npm start` and `paddock serve`.
 */
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import { Paddock, serverDatabase } from '../app/index.js';
import type { BuiltInRefresh, SeasonVersion } from '../app/index.js';
import type { OpenOptions } from '../app/index.js';
import { LiveFollows } from '../live/live-follows.js';
import { createApp } from './app.js';
import { standingsBody } from './routes/api.js';
import { serverLogger } from './request-log.js';
import type { Logger } from './request-log.js';

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly database?: OpenOptions;
  readonly log?: (line: string) => void;
  /** Request and error logs (default: JSON lines on standard output, src/server/request-log.ts). */
  readonly logger?: Logger;
  /** How long a read of season versions is trusted (see PaddockOptions). */
  readonly versionCheckMs?: number;
  /** Tighter limits than SERVER_LIMITS (tests). */
  readonly limits?: Partial<ServerLimits>;
  /** Where followed races keep their last good state (default PADDOCK_LIVE_DIR, else .paddock/live). */
  readonly liveStateDir?: string;
}

/** Log lines for what the start-up refresh of the built-in seasons did. */
export function describeRefresh(done: BuiltInRefresh, where: string): string[] {
  return [
    ...done.imported.map((id) => `imported built-in season ${id} into ${where}`),
    ...done.refreshed.map((id) => `refreshed built-in season ${id} from its changed files`),
    ...done.diverged.map((d) => d.message),
    ...done.issues.map((i) => `skipped a built-in season: ${i.location?.file ?? ''} ${i.message}`.trim()),
  ];
}

/** Opens the database, refreshes the built-in seasons, and serves the app. */
export async function startServer(options: StartOptions = {}): Promise<{
  server: ServerType;
  paddock: Paddock;
  url: string;
  live: LiveFollows;
  /** Graceful shutdown: requests in progress finish, then the feeds and the database close. */
  stop: () => Promise<void>;
}> {
  const logger = options.logger ?? serverLogger();
  const log = options.log ?? ((line: string) => logger.info(line));
  const database = options.database ?? serverDatabase();
  // Versions read from the database are trusted for 250 ms: this process's own edits show at
  // once; a change made by another process (paddock import, a second server) within 250 ms.
  // The server reads only the database: never built-in files or folders named in a URL.
  // Each new version's standings document (the default query) is made as soon as the change has
  // answered, so the first read after an edit finds it made (bench:http's edit -> fresh standings).
  // Not for the built-in seasons imported at start, which nobody may read.
  let warming = false;
  const warm = (sv: SeasonVersion) => {
    if (warming) void standingsBody(paddock, sv, {}).gzip;
  };
  const paddock: Paddock = await Paddock.open(database, {
    builtIns: false,
    folders: false,
    versionCheckMs: options.versionCheckMs ?? 250,
    afterChange: warm,
  });
  for (const line of describeRefresh(await paddock.refreshBuiltIns(), paddock.where!)) log(line);
  warming = true;
  const port = options.port ?? Number(process.env['PORT'] ?? 3000);
  const host = options.host ?? process.env['HOST'] ?? '127.0.0.1';
  // Races followed from the site keep their last good state here; following one again takes it up.
  const live = new LiveFollows({
    stateDir: options.liveStateDir ?? process.env['PADDOCK_LIVE_DIR'] ?? '.paddock/live',
    log,
  });
  const app = createApp({
    paddock,
    live,
    logger,
    ...(process.env['PADDOCK_SECURE_COOKIES'] === '1' ? { secureCookies: true } : {}),
  });
  let server: ServerType;
  try {
    server = await listen(app.fetch, port, host, { ...SERVER_LIMITS, ...options.limits });
  } catch (e) {
    await live.close();
    await paddock.close();
    throw e;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}`;
  log(`Paddock serving ${url} (database: ${paddock.where})`);
  const stop = async (): Promise<void> => {
    log('stopping: finishing the requests in progress');
    await drain(server, DRAIN_MS);
    await live.close();
    await paddock.close();
  };
  return { server, paddock, url, live, stop };
}

/** Limits that keep slow or many clients from holding the server (issue 15). */
export const SERVER_LIMITS = {
  /** A request's headers must arrive within this time. */
  headersTimeoutMs: 10_000,
  /** A whole request (headers and body) must arrive within this time; responses may stream longer. */
  requestTimeoutMs: 30_000,
  /** Idle keep-alive connections are closed after this time. */
  keepAliveTimeoutMs: 5_000,
  /** Connections beyond this are refused (each SSE client of a live page holds one). */
  maxConnections: 2_000,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMITS]: number };

/** How long a stop waits for requests in progress (an SSE stream never ends by itself). */
const DRAIN_MS = 10_000;

/** Thrown when the server cannot listen; the message says what to do. */
export class ServerStartError extends Error {}

/** Listens with the limits above; a port in use or not allowed is a clear error, not a stack trace. */
function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
  limits: ServerLimits,
): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      {
        fetch,
        port,
        hostname: host,
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          // How often Node looks for requests past their time-outs (its default is 30 s).
          connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
        },
      },
      () => resolve(s),
    );
    (s as HttpServer).maxConnections = limits.maxConnections;
    s.once('error', (e: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      reject(
        new ServerStartError(
          e.code === 'EADDRINUSE'
            ? `${where} is already in use (another Paddock or another program): give --port <n> or set PORT`
            : e.code === 'EACCES'
              ? `${where} is not allowed for this user: use a port above 1023, or a proxy in front`
              : `cannot listen on ${where}: ${e.message}`,
        ),
      );
    });
  });
}

/** Stops accepting connections, lets requests in progress finish, and ends the rest after `ms`. */
function drain(server: ServerType, ms: number): Promise<void> {
  const http = server as HttpServer;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => http.closeAllConnections(), ms);
    timer.unref();
    http.close(() => {
      clearTimeout(timer);
      resolve();
    });
    http.closeIdleConnections();
  });
}
