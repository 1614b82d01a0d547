/**
 * Starting the server: open (and migrate) the database, fill it with the built-in seasons on
 * first start, and listen. Shared by `npm start` and `paddock serve`.
 */
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { Issue } from '../engine/index.js';
import { listSeasons, loadSeason } from '../formats/catalog.js';
import { databaseFromEnv } from '../store/connect.js';
import type { OpenOptions } from '../store/connect.js';
import { importSeason } from '../store/season-store.js';
import { openStore } from '../store/store.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';

/** Imports each built-in season the database does not have yet; returns the ids imported. */
export async function importBuiltInSeasons(store: Store): Promise<{ imported: string[]; issues: Issue[] }> {
  const have = new Set((await store.listSeasons()).map((s) => s.id));
  const imported: string[] = [];
  const issues: Issue[] = [];
  for (const listing of listSeasons()) {
    if (have.has(listing.id)) continue;
    const loaded = await loadSeason(listing.dir);
    if (!loaded.ok) {
      issues.push(...loaded.issues);
      continue;
    }
    try {
      await importSeason(store.db, loaded.value, { who: 'first start' });
      imported.push(listing.id);
    } catch (e) {
      // Another server starting on the same database imported it first: nothing to do.
      store.forgetVersions();
      if (!(await store.listSeasons()).some((s) => s.id === listing.id)) throw e;
    }
  }
  return { imported, issues };
}

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly database?: OpenOptions;
  readonly log?: (line: string) => void;
  /** How long a read of season versions is trusted (see Store). */
  readonly versionCheckMs?: number;
}

/** Opens the store, imports the built-in seasons when missing, and serves the app. */
export async function startServer(options: StartOptions = {}): Promise<{ server: ServerType; store: Store; url: string }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = options.database ?? databaseFromEnv();
  // Versions read from the database are trusted for 250 ms: this process's own edits show at
  // once; a change made by another process (paddock import, a second server) within 250 ms.
  const store = await openStore(database, options.versionCheckMs ?? 250);
  const { imported, issues } = await importBuiltInSeasons(store);
  store.forgetVersions();
  for (const id of imported) log(`imported built-in season ${id} into ${store.handle.where}`);
  for (const i of issues) log(`skipped a built-in season: ${i.message}`);
  const port = options.port ?? Number(process.env['PORT'] ?? 3000);
  const host = options.host ?? process.env['HOST'] ?? '127.0.0.1';
  const app = createApp({ store, ...(process.env['PADDOCK_SECURE_COOKIES'] === '1' ? { secureCookies: true } : {}) });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}`;
  log(`Paddock serving ${url} (database: ${store.handle.where})`);
  return { server, store, url };
}
