/**
 * Live through the server (in-process app, real loopback TCP for RMonitor): the live page with
 * and without JavaScript, the SSE API, an editor following a feed from the site and saving the
 * final running order as a revision, and feed faults that leave the server and the last tables
 * standing. The season is the reference season with race 16 not yet run (its result and fastest
 * lap removed), so the live race is the season's next race.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatJsonlLine } from '../../src/live/jsonl-feed.js';
import { LiveFollows } from '../../src/live/live-follows.js';
import type { LiveUpdateJson } from '../../src/live/live-json.js';
import { applyLivePatch } from '../../src/live/live-patch.js';
import type { LivePatchJson } from '../../src/live/live-patch.js';
import { RECORDING_FILE } from '../../src/live/reference-recording.js';
import { RMonitorFeed } from '../../src/live/rmonitor-feed.js';
import { Client, makeHarness } from '../../src/server/test-support/harness.js';
import type { Harness } from '../../src/server/test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const recording = await readFile(RECORDING_FILE, 'latin1');
const rmonitorLines = recording.split('\r\n').filter(Boolean);

/** The recorded race as a JSON-lines feed: one line per change of the running order. */
const jsonl = (() => {
  const feed = new RMonitorFeed();
  const out: string[] = [];
  rmonitorLines.forEach((line, i) => {
    const step = feed.push(line, { source: 'recording', line: i + 1 });
    if (step.kind !== 'order') return;
    const text = formatJsonlLine(step.order);
    if (text !== out.at(-1)) out.push(text);
  });
  return out;
})();
/** Every 8th change and the last (an upload is limited to the server's 1 MB body limit). */
const sampled = [...jsonl.filter((_, i) => i % 8 === 0), jsonl.at(-1)!];

let h: Harness;
let live: LiveFollows;
beforeAll(async () => {
  live = new LiveFollows({ backOff: { initialMs: 20, maxMs: 100, factor: 2 }, idleTimeoutMs: 2000 });
  h = await makeHarness({ live }, (files) => {
    files.delete('results/race-16.csv');
    files.set(
      'awards.csv',
      files
        .get('awards.csv')!
        .split('\n')
        .filter((l) => !l.startsWith('race-16,fastest-lap'))
        .join('\n'),
    );
  });
});
afterAll(async () => {
  await live.close();
  await h.paddock.close();
});
afterEach(async () => {
  await live.stop(SEASON);
});

/** Reads SSE frames of a response as they come. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ event: string; id: string; data: string }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            frame
              .split('\n')
              .filter((l) => l.startsWith(`${name}: `))
              .map((l) => l.slice(name.length + 2))
              .join('\n');
          if (!field('event')) continue; // retry: and keep-alive comments
          return { event: field('event'), id: field('id'), data: field('data') };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** The live documents of a stream: whole ones as they come, patches applied to the one held. */
function documentReader(res: Response) {
  const frames = sseReader(res);
  let held: LiveUpdateJson | undefined;
  return {
    async next(): Promise<{ event: string; doc: LiveUpdateJson }> {
      const { event, data } = await frames.next();
      if (event === 'patch') {
        if (!held) throw new Error('a patch before any whole document');
        held = applyLivePatch(held, JSON.parse(data) as LivePatchJson);
      } else held = JSON.parse(data) as LiveUpdateJson;
      return { event, doc: held };
    },
    cancel: frames.cancel,
  };
}

async function editor(role = 'steward'): Promise<{ client: Client; csrf: string }> {
  const client = new Client(h.app);
  await client.logIn(`${role}@example.com`);
  return { client, csrf: await client.csrfFrom(`/seasons/${SEASON}/live`) };
}

function startForm(csrf: string, fields: Record<string, string>, file?: { name: string; text: string }) {
  const form = new FormData();
  form.set('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([file.text], { type: 'application/x-ndjson' }), file.name);
  return form;
}

/** Rows of a live championship as "position name points gained". */
const rowsOf = (doc: LiveUpdateJson, championship: string, n = 3) =>
  doc.championships
    .find((c) => c.id === championship)!
    .rows.slice(0, n)
    .map(
      (r) =>
        `${r.position} ${r.competitor.name} ${r.points} (${r.before?.points ?? '-'} ${r.change ?? 'new'} +${r.gained})`,
    );

describe('the live page', () => {
  it('refreshes itself without JavaScript, runs only its own script with it, and shows visitors no controls', async () => {
    const res = await new Client(h.app).get(`/seasons/2024-pccna/live`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="5"/></noscript>');
    expect(html).toContain('<script src="/assets/live.js" defer=""></script>');
    expect(html).toContain(`data-sse="/api/v1/seasons/${SEASON}/live"`);
    expect(html).toContain('No race is being followed');
    expect(html).not.toContain('live-start');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'; connect-src 'self'");
    // Every other page still forbids scripts outright.
    const other = await new Client(h.app).get(`/seasons/${SEASON}/standings`);
    expect(other.headers.get('content-security-policy')).not.toContain('script-src');
    const script = await new Client(h.app).get('/assets/live.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("addEventListener('standings'");
  });

  it('answers 404 for an unknown season, and for the latest document before any race is followed', async () => {
    const unknown = await h.app.request(`/api/v1/seasons/no-such-season/live`);
    expect(unknown.status).toBe(404);
    const none = await h.app.request(`/api/v1/seasons/${SEASON}/live`, {
      headers: { accept: 'application/json' },
    });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe('not-found.live');
    const openapi = (await (await h.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toContain('/seasons/{season}/live');
  });

  it('lets only editors follow a feed, with the CSRF token', async () => {
    const viewer = await editor('viewer');
    const refused = await viewer.client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(viewer.csrf, { session: 'race-16', source: 'rmonitor', rmonitor: '127.0.0.1:9' }),
    });
    expect(refused.status).toBe(403);
    const steward = await editor();
    const noToken = await steward.client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm('forged', { session: 'race-16', source: 'rmonitor', rmonitor: '127.0.0.1:9' }),
    });
    expect(noToken.status).toBe(403);
    const bad = await steward.client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(steward.csrf, { session: 'race-16', source: 'rmonitor', rmonitor: 'nowhere' }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('give host:port, such as 192.168.1.20:50000');
    expect(live.get(SEASON)).toBeUndefined();
  });
});

describe('following a race from the site', () => {
  it('streams every change with gains against the table before the race, and saves the result in one click', async () => {
    const sse = documentReader(await h.app.request(`/api/v1/seasons/2024-pccna/live`));
    const { client, csrf } = await editor();
    const startPage = await client.get(`/seasons/${SEASON}/live`);
    // The next race without a result is offered first.
    expect(await startPage.text()).toContain('<option value="race-16" selected="">');

    // Half the race: the save button waits for the flag.
    const half = sampled.slice(0, Math.floor(sampled.length / 2));
    let res = await client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(
        csrf,
        { session: 'race-16', source: 'file' },
        { name: 'half.jsonl', text: half.join('\n') },
      ),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/seasons/${SEASON}/live?started=1`);
    await live.get(SEASON)!.done;
    const first = await sse.next();
    expect(first.event).toBe('standings');
    const early = first.doc;
    expect(early.session.id).toBe('race-16');
    expect(early.finished).toBe(false);
    res = await client.post(`/seasons/${SEASON}/live/save`, { _csrf: csrf, reason: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('race-16 is not finished');
    const page = await (await client.get(`/seasons/${SEASON}/live`)).text();
    expect(page).toMatch(/<button type="submit" class="primary" disabled="">Save the final running order/);

    // The whole race, afresh.
    res = await client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(
        csrf,
        { session: 'race-16', source: 'file', fresh: '1' },
        { name: 'race-16.jsonl', text: sampled.join('\n') },
      ),
    });
    expect(res.status).toBe(303);
    await live.get(SEASON)!.done;
    let last: LiveUpdateJson;
    // After the first whole document, what changed (patches), applied to the one held.
    const events = new Set<string>();
    let next: { event: string; doc: LiveUpdateJson };
    do {
      next = await sse.next();
      events.add(next.event);
      last = next.doc;
    } while (!last.finished);
    expect(events.has('patch')).toBe(true);
    await sse.cancel();
    // Worked out from the season's files: after race 15 Hartog 345, Yardley 227, Sedgwick 225;
    // race 16 (Yardley wins with the fastest lap, Sedgwick 2nd, Hartog 4th) gives 26, 20 and 14
    // (the pole goes to Cooper).
    expect(rowsOf(last, 'overall')).toEqual([
      '1 Loek Hartog 359 (345 0 +14)',
      '2 Ryan Yardley 253 (227 0 +26)',
      '3 Alex Sedgwick 245 (225 0 +20)',
    ]);
    expect(last.order[0]).toMatchObject({
      position: 1,
      car: '78',
      drivers: ['Ryan Yardley'],
      fastestLap: true,
    });

    // The page without JavaScript shows the same tables; the JSON API the same document.
    const html = await (await client.get(`/seasons/${SEASON}/live`)).text();
    expect(html).toContain('Race 16 · flag finish · lap 14 · 0 to go · finished');
    expect(html).toMatch(
      /data-championship="overall">.*?<tbody><tr><td class="num">1<\/td><td class="num ">=<\/td><td class="competitor">Loek Hartog<\/td><td class="num">359<\/td><td class="num">\+14<\/td>/s,
    );
    const doc = await h.app.request(`/api/v1/seasons/${SEASON}/live`, {
      headers: { accept: 'application/json' },
    });
    expect(await doc.json()).toEqual(last);

    res = await client.post(`/seasons/${SEASON}/live/save`, { _csrf: csrf, reason: 'Result at the flag' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/seasons/${SEASON}/live\\?saved=\\d+$`));
    const history = await h.paddock.history(SEASON, 1);
    if (!history.ok) throw new Error('history');
    expect(history.value.revisions[0]).toMatchObject({
      author: 'steward@example.com',
      reason: 'Result at the flag',
    });
    // The season now scores exactly as the last live tables, with race 16 provisional.
    const standings = (await (await h.app.request(`/api/v1/seasons/${SEASON}/standings`)).json()) as {
      championships: { id: string; standings: { competitor: { id: string }; pointsExact: string }[] }[];
    };
    expect(
      standings.championships.map((c) => c.standings.map((r) => `${r.competitor.id} ${r.pointsExact}`)),
    ).toEqual(last.championships.map((c) => c.rows.map((r) => `${r.competitor.id} ${r.pointsExact}`)));
    const result = await (await h.app.request(`/api/v1/seasons/${SEASON}/results/race-16`)).text();
    expect(result).toContain('provisional');
  });
});

describe('a car the feed names differently', () => {
  it('is listed for confirmation, confirmed by an editor, and remembered in the saved mappings', async () => {
    // #56 Jeff Mosing appears as #156 "J. Mosing": no entry has that number or name.
    const renamed = sampled.map((line) => {
      const doc = JSON.parse(line) as { order: { car?: string; drivers: string[]; platform_id?: string }[] };
      for (const r of doc.order) if (r.car === '56') Object.assign(r, { car: '156', drivers: ['J. Mosing'] });
      return JSON.stringify(doc);
    });
    const { client, csrf } = await editor();
    await client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(
        csrf,
        { session: 'race-16', source: 'file', fresh: '1' },
        { name: 'renamed.jsonl', text: renamed.join('\n') },
      ),
    });
    const follow = live.get(SEASON)!;
    await follow.done;
    const unmatched = follow.current!.unmatched;
    expect(unmatched.map((u) => `${u.car} ${u.drivers.join()}`)).toEqual(['156 J. Mosing']);
    const key = unmatched[0]!.key;
    let html = await (await client.get(`/seasons/${SEASON}/live`)).text();
    expect(html).toContain('Confirm the cars the feed could not match');
    expect(html).toContain(`<input type="hidden" name="key" value="${key}"/>`);
    // Saving is refused while a car is unmatched.
    let res = await client.post(`/seasons/${SEASON}/live/save`, { _csrf: csrf, reason: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('no entry for #156 J. Mosing');

    res = await client.post(`/seasons/${SEASON}/live/confirm`, { _csrf: csrf, key, driver: 'jeff-mosing' });
    expect(res.status).toBe(303);
    expect(follow.current!.unmatched).toEqual([]);
    expect(follow.current!.order.find((r) => r.car === '156')).toMatchObject({
      entryId: expect.stringContaining('jeff-mosing'),
    });
    html = await (await client.get(`/seasons/${SEASON}/live`)).text();
    expect(html).not.toContain('Confirm the cars the feed could not match');

    res = await client.post(`/seasons/${SEASON}/live/save`, { _csrf: csrf, reason: '' });
    expect(res.status).toBe(303);
    const sv = await h.paddock.open(SEASON);
    if (!sv.ok) throw new Error('open');
    expect(sv.value.loaded.mappings[key]).toBe('jeff-mosing');
  });
});

describe('feed faults through the server', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  /** A timing server: connection n gets `parts[n - 1]`, then the connection is dropped. */
  async function timingServer(parts: string[][]): Promise<number> {
    let n = 0;
    const sockets: Socket[] = [];
    const server = createServer((s) => {
      sockets.push(s);
      const part = parts[n++];
      if (!part) return s.destroy();
      s.end(part.map((l) => `${l}\r\n`).join(''), 'latin1');
    });
    server.on('close', () => sockets.forEach((s) => s.destroy()));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  it('reconnects after a drop, skips a malformed line, and keeps serving the last good tables', async () => {
    const cut = Math.floor(rmonitorLines.length / 2);
    const port = await timingServer([
      [...rmonitorLines.slice(0, cut), '$G,"unterminated'],
      // The second connection starts again from the top, as a scoreboard does after a reconnect.
      rmonitorLines,
    ]);
    const { client, csrf } = await editor();
    const res = await client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(csrf, { session: 'race-16', source: 'rmonitor', rmonitor: `127.0.0.1:${port}` }),
    });
    expect(res.status).toBe(303);
    const follow = live.get(SEASON)!;
    // The page answers while the feed runs.
    expect((await client.get(`/seasons/${SEASON}/live`)).status).toBe(200);
    await follow.done;
    expect(follow.finished).toBe(true);
    const notes = follow.notes.map((n) => n.text).join('\n');
    expect(notes).toMatch(/disconnected from 127\.0\.0\.1:\d+/);
    expect(notes).toMatch(/reconnecting in/);
    expect(notes).toMatch(/127\.0\.0\.1:\d+:\d+/); // the malformed line, by source and line
    const html = await (await client.get(`/seasons/${SEASON}/live`)).text();
    expect(html).toContain('Race 16 · flag finish · lap 14 · 0 to go · finished');
    expect(html).toContain('Feed log');
  });

  it('keeps retrying a refused connection without harm, and stops on request', async () => {
    const closed = await timingServer([]);
    await new Promise((r) => servers.at(-1)!.close(r));
    const { client, csrf } = await editor();
    await client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(csrf, { session: 'race-15', source: 'rmonitor', rmonitor: `127.0.0.1:${closed}` }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const follow = live.get(SEASON)!;
    expect(follow.status).toBe('following');
    expect(follow.notes.filter((n) => /reconnecting in/.test(n.text)).length).toBeGreaterThan(1);
    // A second follow of the season is refused while this one runs.
    const again = await client.request(`/seasons/${SEASON}/live/start`, {
      method: 'POST',
      body: startForm(csrf, { session: 'race-16', source: 'rmonitor', rmonitor: `127.0.0.1:${closed}` }),
    });
    expect(again.status).toBe(409);
    const page = await (await client.get(`/seasons/${SEASON}/live`)).text();
    expect(page).toContain('Following Race 15 from 127.0.0.1:');
    const stopped = await client.post(`/seasons/${SEASON}/live/stop`, { _csrf: csrf });
    expect(stopped.status).toBe(303);
    expect(follow.status).toBe('stopped');
  });
});
