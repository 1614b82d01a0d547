/**
 * What a host expects of the server process (issue 15): health and readiness endpoints, a clear
 * error for a port in use, slow clients cut off by the request time-outs, and a stop that lets
 * a request in progress finish.
 */
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/index.js';
import { createApp } from '../../src/server/app.js';
import { ServerStartError, startServer } from '../../src/server/start.js';
import { silentLogger } from '../../src/server/request-log.js';
import { run } from '../support/run-cli.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-ops-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));
const quiet = () => undefined;

describe('health and readiness', () => {
  it('answers /healthz and /readyz while the database answers, and /readyz 503 when it does not', async () => {
    const paddock = await Paddock.open({ file: ':memory:' }, { builtIns: false });
    const app = createApp({ paddock });
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    await paddock.close();
    const down = await app.request('/readyz');
    expect(down.status).toBe(503);
    expect(((await down.json()) as { status: string }).status).toBe('unavailable');
    expect((await app.request('/healthz')).status).toBe(200);
  });
});

describe('the server process', () => {
  it('says a port is in use instead of dying with a stack trace', async () => {
    const first = await startServer({
      port: 0,
      database: { file: join(tmp, 'shared.db') },
      log: quiet,
      logger: silentLogger(),
      liveStateDir: join(tmp, 'live-a'),
    });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startServer({
          port,
          database: { file: join(tmp, 'shared.db') },
          log: quiet,
          logger: silentLogger(),
          liveStateDir: join(tmp, 'live-b'),
        }),
      ).rejects.toThrow(ServerStartError);
      const saved = process.env['PADDOCK_DB'];
      process.env['PADDOCK_DB'] = join(tmp, 'shared.db');
      try {
        const r = await run('serve', '--port', String(port));
        expect(r.code).toBe(1);
        expect(r.err).toContain(`127.0.0.1:${port} is already in use`);
        expect(r.err).not.toContain('    at ');
      } finally {
        if (saved === undefined) delete process.env['PADDOCK_DB'];
        else process.env['PADDOCK_DB'] = saved;
      }
    } finally {
      await first.stop();
    }
  });

  it('closes a connection whose headers never finish (slowloris) after the headers time-out', async () => {
    const started = await startServer({
      port: 0,
      database: { file: join(tmp, 'shared.db') },
      log: quiet,
      logger: silentLogger(),
      liveStateDir: join(tmp, 'live-slow'),
      limits: { headersTimeoutMs: 500, requestTimeoutMs: 1_000 },
    });
    try {
      const { port } = new URL(started.url);
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        const t0 = performance.now();
        socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '));
        const drip = setInterval(() => socket.write('a'), 100); // bytes keep coming, headers never end
        socket.on('close', () => {
          clearInterval(drip);
          resolve(performance.now() - t0);
        });
        socket.on('error', () => undefined);
        setTimeout(() => reject(new Error('the server kept the slow connection for 10 s')), 10_000).unref();
      });
      expect(closedAfter).toBeGreaterThanOrEqual(400);
      expect(closedAfter).toBeLessThan(5_000);
    } finally {
      await started.stop();
    }
  });

  it('lets a request in progress finish when stopped', async () => {
    const started = await startServer({
      port: 0,
      database: { file: join(tmp, 'shared.db') },
      log: quiet,
      logger: silentLogger(),
      liveStateDir: join(tmp, 'live-stop'),
    });
    const pending = fetch(`${started.url}/seasons`);
    await new Promise((r) => setTimeout(r, 5));
    const stopping = started.stop();
    const response = await pending;
    expect(response.status).toBeLessThan(500);
    await response.text();
    await stopping;
    await expect(fetch(`${started.url}/healthz`)).rejects.toThrow();
  });
});
