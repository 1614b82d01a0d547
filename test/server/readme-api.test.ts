/**
 * The README's write-API example, as a reader would run it: its `paddock` lines (in a fresh
 * folder, against ./paddock.db), then its curl request against a server over that database, with
 * the token the example printed. test/cli/readme.test.ts runs only `paddock` lines; this runs the rest.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/index.js';
import { createApp } from '../../src/server/app.js';
import { commandLine, isPaddockLine, run, runWith, words } from '../support/run-cli.js';

const README = join(import.meta.dirname, '..', '..', 'README.md');

/** The ```bash block of the README's "The write API" section, continuation lines joined. */
async function exampleLines(): Promise<string[]> {
  const text = await readFile(README, 'utf8');
  const section = text.slice(text.indexOf('## The write API'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** A curl command line as fetch arguments (-X, -H, -d and the URL: all the example uses). */
function curl(line: string): { url: string; init: RequestInit } {
  const args = words(line).slice(1);
  const headers: Record<string, string> = {};
  let method = 'GET';
  let body: string | undefined;
  let url = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-X') method = args[++i]!;
    else if (a === '-H') {
      const [name, ...value] = args[++i]!.split(':');
      headers[name!.trim().toLowerCase()] = value.join(':').trim();
    } else if (a === '-d') body = args[++i]!;
    else if (a.startsWith('-'))
      throw new Error(`the example uses curl option ${a}, which this test does not know`);
    else url = a;
  }
  return { url, init: { method, headers, ...(body === undefined ? {} : { body }) } };
}

describe("the README's write-API example", () => {
  const cwd = process.cwd();
  const saved = { db: process.env['PADDOCK_DB'], url: process.env['DATABASE_URL'] };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-readme-api-'));
    delete process.env['PADDOCK_DB'];
    delete process.env['DATABASE_URL'];
    process.chdir(dir);
  });
  afterAll(async () => {
    process.chdir(cwd);
    if (saved.db !== undefined) process.env['PADDOCK_DB'] = saved.db;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    await rm(dir, { recursive: true, force: true });
  });

  it('runs: the token it makes changes the result through a server, and every reader sees it', async () => {
    const lines = await exampleLines();
    const commands = lines.filter(isPaddockLine);
    const requests = lines.filter((l) => l.startsWith('curl '));
    expect(commands.length).toBeGreaterThanOrEqual(3);
    expect(requests).toHaveLength(1);
    let token = '';
    for (const line of commands) {
      const { env, args } = commandLine(line);
      const r = await runWith(env, ...args);
      expect(r.code, `${line}\n${r.err}`).toBe(0);
      if (args[0] === 'token' && args[1] === 'create') token = r.out.trim();
    }
    expect(token).toMatch(/^pdk_/);
    // The server as `paddock serve` runs it, over the example's ./paddock.db.
    const paddock = await Paddock.open(
      { file: join(dir, 'paddock.db') },
      { builtIns: false, folders: false },
    );
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: createApp({ paddock }).fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(s),
      );
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { url, init } = curl(requests[0]!.replaceAll('$TOKEN', token));
      const res = await fetch(url.replace('http://127.0.0.1:3000', base), init);
      expect(res.status).toBe(200);
      // What the README says the answer is.
      expect(await res.json()).toEqual({ season: '2024-porsche-carrera-cup-north-america', version: 2 });
      const doc = (await (await fetch(`${base}/api/v1/seasons/2024-pccna/results/race-01`)).json()) as {
        state: string;
      };
      expect(doc.state).toBe('final');
      const cli = await run('results', '2024-pccna', '1', '--json');
      expect((JSON.parse(cli.out) as { state: string }).state).toBe('final');
      // Sent again with the same If-Match, it is refused: the season moved on to version 2.
      expect((await fetch(url.replace('http://127.0.0.1:3000', base), init)).status).toBe(412);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await paddock.close();
    }
  });
});
