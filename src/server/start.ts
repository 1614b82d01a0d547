/**
 * Starting the server: open (and migrate) the database, bring the built-in seasons up to date
 * (imported when missing, refreshed when their files changed and nobody edited them in the
 * database, a log line when they diverged), and listen. Shared by `npm start` and `paddock serve`.
 */
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { Paddock, serverDatabase } from '../app/index.js';
import type { BuiltInRefresh } from '../app/index.js';
import type { OpenOptions } from '../app/index.js';
import { LiveFollows } from '../live/live-follows.js';
import { createApp } from './app.js';

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly database?: OpenOptions;
  readonly log?: (line: string) => void;
  /** How long a read of season versions is trusted (see PaddockOptions). */
  readonly versionCheckMs?: number;
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
export async function startServer(
  options: StartOptions = {},
): Promise<{ server: ServerType; paddock: Paddock; url: string; live: LiveFollows }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = options.database ?? serverDatabase();
  // Versions read from the database are trusted for 250 ms: this process's own edits show at
  // once; a change made by another process (paddock import, a second server) within 250 ms.
  // The server reads only the database: never built-in files or folders named in a URL.
  const paddock = await Paddock.open(database, {
    builtIns: false,
    folders: false,
    versionCheckMs: options.versionCheckMs ?? 250,
  });
  for (const line of describeRefresh(await paddock.refreshBuiltIns(), paddock.where!)) log(line);
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
    ...(process.env['PADDOCK_SECURE_COOKIES'] === '1' ? { secureCookies: true } : {}),
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}`;
  log(`Paddock serving ${url} (database: ${paddock.where})`);
  return { server, paddock, url, live };
}
