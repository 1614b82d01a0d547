/**
 * Stateless servers and one system of record: two servers as `paddock serve` runs them (the same
 * Paddock options, each listening on its own port) over one database, SQLite and PostgreSQL. Edits
 * made through one server (the write API with a token, and the forms with a login) are read
 * through the other, and the CLI, the API and the standings page agree on every total.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/index.js';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { createApp } from '../../src/server/app.js';
import { Client } from '../../src/server/test-support/harness.js';
import { PG_URL, testDatabases, urlOf } from '../../src/store/test-support/databases.js';
import type { TestDatabase } from '../../src/store/test-support/databases.js';
import { run } from '../support/run-cli.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const PASSWORD = 'a long enough password';
/** How long a server trusts the versions it read (startServer's default). */
const VERSION_CHECK_MS = 250;

interface Running {
  readonly paddock: Paddock;
  readonly server: ServerType;
  readonly url: string;
}

/** A server as startServer makes one (without the built-in refresh, which this test does not need). */
async function serveOn(database: TestDatabase): Promise<Running> {
  const paddock = await Paddock.open(database.options, {
    builtIns: false,
    folders: false,
    versionCheckMs: VERSION_CHECK_MS,
  });
  const app = createApp({ paddock });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { paddock, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const stop = async (r: Running) => {
  await new Promise((resolve) => r.server.close(resolve));
  await r.paddock.close();
};

if (!PG_URL) it.skip('two servers on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases({ file: true }))('two servers over one $name database', ({ make }) => {
  let database: TestDatabase;
  let a: Running;
  let b: Running;
  let token: string;

  beforeAll(async () => {
    database = make();
    a = await serveOn(database);
    b = await serveOn(database);
    const imported = await a.paddock.importFolder(join(SEASONS_DIR, SEASON), {
      change: { author: 'test', reason: 'the reference season', origin: 'folder' },
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
    await a.paddock.addUser('steward@example.com', 'steward', PASSWORD, undefined, [
      'porsche-carrera-cup-north-america',
    ]);
    const made = await b.paddock.createApiToken('steward@example.com', { name: 'two servers' });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    token = made.value.token;
  }, 60_000);
  afterAll(async () => {
    await stop(a);
    await stop(b);
    await database.cleanUp();
  });

  const version = async (server: Running) =>
    ((await (await fetch(`${server.url}/api/v1/seasons/2024-pccna`)).json()) as { version: number }).version;

  /** Waits until a server serves version `v` (another server's edit shows within VERSION_CHECK_MS). */
  async function freshOn(server: Running, v: number): Promise<number> {
    const started = performance.now();
    while ((await version(server)) !== v) {
      if (performance.now() - started > 4 * VERSION_CHECK_MS) throw new Error(`still not version ${v}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return performance.now() - started;
  }

  /** Hartog's overall total as the API, the CLI and the standings page of `server` give it. */
  async function hartogEverywhere(server: Running): Promise<{ api: string; cli: string; page: string }> {
    const apiText = await (await fetch(`${server.url}/api/v1/seasons/2024-pccna/standings`)).text();
    const cli = await run('standings', '2024-pccna', '--json', '--db', urlOf(database));
    expect(cli.out).toBe(apiText);
    const total = (text: string) =>
      (
        JSON.parse(text) as {
          championships: { id: string; standings: { competitor: { id: string }; pointsExact: string }[] }[];
        }
      ).championships
        .find((c) => c.id === 'overall')!
        .standings.find((s) => s.competitor.id === 'loek-hartog')!.pointsExact;
    const html = await (await fetch(`${server.url}/seasons/${SEASON}/standings/overall`)).text();
    return {
      api: total(apiText),
      cli: total(cli.out),
      page: /aria-label="([\d./]+) points for Loek Hartog/.exec(html)?.[1] ?? 'missing',
    };
  }

  it('reads through one server the API edits made through the other, and the CLI and page agree', async () => {
    expect(await hartogEverywhere(b)).toEqual({ api: '359', cli: '359', page: '359' });
    const v = await version(a);
    // Hartog won race 1 (25) from pole with the fastest lap. Disqualified, he loses the 25; the
    // pole and fastest-lap awards stand (awards.csv still names him): 359 - 25 = 334.
    const res = await fetch(`${a.url}/api/v1/seasons/2024-pccna/results/race-01/penalties`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${v}"` },
      body: JSON.stringify({
        penalty: 'disqualification',
        entry: '24-kellymoss-loek-hartog',
        reason: 'two servers',
      }),
    });
    expect(res.status).toBe(200);
    expect(await freshOn(b, v + 1)).toBeLessThan(4 * VERSION_CHECK_MS);
    expect(await hartogEverywhere(b)).toEqual({ api: '334', cli: '334', page: '334' });
    // The other server refuses an edit made from the version before (its If-Match is stale).
    const stale = await fetch(`${b.url}/api/v1/seasons/2024-pccna/results/race-01/state`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${v}"` },
      body: JSON.stringify({ state: 'final', reason: 'stale' }),
    });
    expect(stale.status).toBe(412);
  });

  it('reads through one server the form edits made through the other, and throttles logins across both', async () => {
    const client = new Client(
      { request: (url: string, init?: RequestInit) => fetch(url, { ...init, redirect: 'manual' }) } as never,
      b.url,
    );
    expect((await client.logIn('steward@example.com', PASSWORD)).status).toBe(303);
    const v = await version(b);
    const csrf = await client.csrfFrom(`/seasons/${SEASON}/edit/race-01`);
    // A decision through the form on server B: the result goes back to provisional.
    const res = await client.post(`/seasons/${SEASON}/edit/race-01/state`, {
      _csrf: csrf,
      state: 'provisional',
      reason: 'under appeal',
      version: String(v),
    });
    expect(res.status).toBe(303);
    await freshOn(a, v + 1);
    const doc = (await (await fetch(`${a.url}/api/v1/seasons/2024-pccna/results/race-01`)).json()) as {
      state: string;
    };
    expect(doc.state).toBe('provisional');
    expect(await hartogEverywhere(a)).toEqual({ api: '334', cli: '334', page: '334' });
    // Five failed logins on one server, the sixth attempt waits on the other.
    const other = new Client(
      { request: (url: string, init?: RequestInit) => fetch(url, { ...init, redirect: 'manual' }) } as never,
      a.url,
    );
    for (let i = 0; i < 5; i++)
      expect((await client.logIn('steward@example.com', `wrong ${i}`)).status).toBe(401);
    expect((await other.logIn('steward@example.com', PASSWORD)).status).toBe(429);
  });
});
