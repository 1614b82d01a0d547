import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backOffDelay, connectLines, LineSplitter } from './tcp-lines.js';
import type { LineClient, LineClientEvent } from './tcp-lines.js';

const servers: Server[] = [];
const clients: LineClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(onSocket: (s: Socket, n: number) => void, port = 0): Promise<number> {
  let n = 0;
  const server = createServer((s) => onSocket(s, ++n));
  servers.push(server);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('LineSplitter', () => {
  it('splits lines across chunks and CR LF boundaries, reading Latin-1 when not UTF-8', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push(Buffer.from('$F,1,"a"\r'));
    s.push(Buffer.from('\n$G,1,"2'));
    s.push(Buffer.concat([Buffer.from('4"\r\n$A,"S'), Buffer.from([0xe9]), Buffer.from('"\n\r\n')]));
    s.push(Buffer.from('$A,"Sabr\u00e9"\n', 'utf8'));
    expect(lines).toEqual(['$F,1,"a"', '$G,1,"24"', '$A,"S\u00e9"', '$A,"Sabr\u00e9"']);
  });

  it('drops a line longer than the limit, says so, and reads the next one', () => {
    const lines: string[] = [];
    const tooLong: number[] = [];
    const s = new LineSplitter(
      (l) => lines.push(l),
      16,
      (b) => tooLong.push(b),
    );
    s.push(Buffer.from(`$G,${'9'.repeat(40)}`));
    s.push(Buffer.from('99\n$F,1\n'));
    expect(tooLong).toEqual([45]);
    expect(lines).toEqual(['$F,1']);
  });
});

describe('connectLines', () => {
  it('doubles the back-off up to its ceiling while connections fail, and starts over once one delivers', async () => {
    const backOff = { initialMs: 40, maxMs: 150, factor: 2 };
    expect([1, 2, 3, 4].map((a) => backOffDelay(backOff, a))).toEqual([40, 80, 150, 150]);
    const arrivals: number[] = [];
    const port = await listen((s, n) => {
      arrivals.push(performance.now());
      // Every connection is dropped at once but the fifth, which gets a line first.
      if (n !== 5) s.destroy();
      else s.end('$F,1\r\n');
    });
    const events: LineClientEvent[] = [];
    const lines: string[] = [];
    clients.push(
      connectLines({
        host: '127.0.0.1',
        port,
        backOff,
        onLine: (l) => lines.push(l),
        onEvent: (e) => events.push(e),
      }),
    );
    await until(() => arrivals.length >= 6);
    const retries = events.flatMap((e) => (e.kind === 'retry' ? [e.delayMs] : []));
    expect(retries.slice(0, 5)).toEqual([40, 80, 150, 150, 40]);
    expect(lines).toEqual(['$F,1']);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    [40, 80, 150, 150, 40].forEach((d, i) => expect(gaps[i]).toBeGreaterThanOrEqual(d - 5));
  });

  it('keeps trying while nothing listens and connects once the server is back', async () => {
    const probe = await listen(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    const lines: string[] = [];
    const events: LineClientEvent[] = [];
    clients.push(
      connectLines({
        host: '127.0.0.1',
        port: probe,
        backOff: { initialMs: 20, maxMs: 50, factor: 2 },
        onLine: (l) => lines.push(l),
        onEvent: (e) => events.push(e),
      }),
    );
    await until(() => events.filter((e) => e.kind === 'retry').length >= 3);
    expect(events.find((e) => e.kind === 'disconnected')).toEqual({
      kind: 'disconnected',
      reason: 'ECONNREFUSED',
    });
    await listen((s) => s.write('$B,16,"Race 16"\r\n'), probe);
    await until(() => lines.length === 1);
    expect(lines).toEqual(['$B,16,"Race 16"']);
  });

  it('reconnects when the stream goes silent', async () => {
    const port = await listen((s, n) => {
      if (n > 1) s.write('$F,1\r\n');
    });
    const events: LineClientEvent[] = [];
    const lines: string[] = [];
    clients.push(
      connectLines({
        host: '127.0.0.1',
        port,
        idleTimeoutMs: 100,
        backOff: { initialMs: 10, maxMs: 10, factor: 1 },
        onLine: (l) => lines.push(l),
        onEvent: (e) => events.push(e),
      }),
    );
    await until(() => lines.length === 1);
    expect(events).toContainEqual({ kind: 'disconnected', reason: 'no data for 100 ms' });
  });

  it('goes on with the next line when the handler throws', async () => {
    const port = await listen((s) => s.write('$A,1\r\n$A,2\r\n'));
    const lines: string[] = [];
    const events: LineClientEvent[] = [];
    clients.push(
      connectLines({
        host: '127.0.0.1',
        port,
        onLine: (l) => {
          if (l.endsWith('1')) throw new Error('boom');
          lines.push(l);
        },
        onEvent: (e) => events.push(e),
      }),
    );
    await until(() => lines.length === 1);
    expect(events).toContainEqual({ kind: 'handler-error', message: 'boom' });
  });
});
