import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';
import { run } from '../../test/support/run-cli.js';

const SEASON = '2024-porsche-carrera-cup-north-america';

async function cli(args: string[]): Promise<string> {
  const { code, out } = await run(...args);
  if (code !== 0) throw new Error(`paddock ${args.join(' ')} exited ${code}`);
  return out;
}

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.paddock.close());

const api = (path: string, headers: Record<string, string> = {}) =>
  h.app.request(`/api/v1${path}`, { headers });

describe('GET /api/v1/seasons/{season}/standings', () => {
  it('returns exactly what `paddock standings --json` prints', async () => {
    const res = await api('/seasons/2024-pccna/standings');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).toBe(await cli(['standings', '2024-pccna', '--json']));
  });

  it('takes championship and after like the CLI', async () => {
    const res = await api('/seasons/2024-pccna/standings?championship=pro-am&after=8');
    expect(await res.text()).toBe(
      await cli(['standings', '2024-pccna', '--json', '--championship', 'pro-am', '--after', '8']),
    );
  });

  it('gives the race 1 points worked out by hand: 25 for the win, 2 for pole, 1 for fastest lap', async () => {
    // Race 1 at Sebring: Hartog won from pole with the fastest lap (awards.csv); Burton second.
    const doc = (await (await api('/seasons/2024-pccna/standings?championship=overall&after=1')).json()) as {
      championships: { standings: { competitor: { id: string }; points: number }[] }[];
    };
    const rows = doc.championships[0]!.standings;
    expect(rows[0]).toMatchObject({ competitor: { id: 'loek-hartog' }, points: 28 });
    expect(rows.find((r) => r.competitor.id === 'gustav-burton')?.points).toBe(20);
  });

  it('answers 304 to a matching If-None-Match and recomputes nothing', async () => {
    const first = await api('/seasons/2024-pccna/standings');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toContain('must-revalidate');
    const computations = h.paddock.computations;
    const again = await api('/seasons/2024-pccna/standings', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const third = await api('/seasons/2024-pccna/standings');
    expect(third.status).toBe(200);
    expect(h.paddock.computations).toBe(computations);
  });

  it('sends the same document gzipped to a client that accepts gzip', async () => {
    const plain = await (await api('/seasons/2024-pccna/standings')).text();
    const res = await api('/seasons/2024-pccna/standings', { 'accept-encoding': 'gzip, br' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe(plain);
  });

  it('maps problems to status codes with a JSON problem body', async () => {
    const unknown = await api('/seasons/no-such-season/standings');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const body = (await unknown.json()) as { status: number; issues: { code: string }[] };
    expect(body.status).toBe(404);
    expect(body.issues[0]!.code).toBe('season.unknown');
    expect((await api('/seasons/2024-pccna/standings?after=eight')).status).toBe(400);
    expect((await api('/seasons/2024-pccna/standings?after=99')).status).toBe(404);
    const champ = await api('/seasons/2024-pccna/standings?championship=nope');
    expect(champ.status).toBe(404);
    expect(((await champ.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe(
      'championship.unknown',
    );
  });
});

describe('the rest of /api/v1', () => {
  it('describes itself in an OpenAPI document', async () => {
    const doc = (await (await api('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/series',
      '/seasons',
      '/seasons/{season}',
      '/seasons/{season}/events',
      '/seasons/{season}/entries',
      '/seasons/{season}/results',
      '/seasons/{season}/standings',
      '/seasons/{season}/explanations/{competitor}',
    ])
      expect(doc.paths).toHaveProperty([p]);
  });

  it('answers every path its OpenAPI document lists', async () => {
    const doc = (await (await api('/openapi.json')).json()) as {
      paths: Record<string, { get?: { responses?: { 200?: { content?: Record<string, unknown> } } } }>;
    };
    const sample: Record<string, string> = {
      season: '2024-pccna',
      series: 'porsche-carrera-cup-north-america',
      event: 'sebring',
      session: 'race-01',
      competitor: 'loek-hartog',
    };
    for (const path of Object.keys(doc.paths)) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]!);
      const res = await api(url);
      expect(res.status, url).toBe(200);
      // An event stream (the live standings) is answered as one and stays open: let it go.
      const stream = 'text/event-stream' in (doc.paths[path]?.get?.responses?.[200]?.content ?? {});
      expect(res.headers.get('content-type'), url).toContain(
        stream ? 'text/event-stream' : 'application/json',
      );
      if (stream) await res.body?.cancel();
    }
  });

  it('lists series and seasons', async () => {
    expect(await (await api('/series')).json()).toEqual([
      {
        id: 'porsche-carrera-cup-north-america',
        name: 'Porsche Carrera Cup North America',
        seasons: [SEASON],
      },
    ]);
    const seasons = (await (await api('/seasons')).json()) as { id: string; aliases: string[] }[];
    expect(seasons.map((s) => s.id)).toEqual([SEASON]);
    expect(seasons[0]!.aliases).toContain('2024-pccna');
    expect((await api('/series/nope')).status).toBe(404);
  });

  it('gives the calendar: 8 events, Sebring first with races 1 and 2', async () => {
    const events = (await (await api('/seasons/2024-pccna/events')).json()) as {
      id: string;
      round: number;
      sessions: { race: number }[];
    }[];
    expect(events).toHaveLength(8);
    expect(events[0]).toMatchObject({ id: 'sebring', round: 1 });
    expect(events[0]!.sessions.map((s) => s.race)).toEqual([1, 2]);
    const event = (await (await api('/seasons/2024-pccna/events/sebring')).json()) as {
      results: { session: string }[];
    };
    expect(event.results.map((r) => r.session)).toEqual(['race-01', 'race-02']);
    expect((await api('/seasons/2024-pccna/events/nowhere')).status).toBe(404);
  });

  it('gives entries and results with names', async () => {
    const entries = (await (await api('/seasons/2024-pccna/entries')).json()) as {
      id: string;
      drivers: { name: string }[];
    }[];
    expect(entries.find((e) => e.id === '24-kellymoss-loek-hartog')?.drivers).toEqual([
      { id: 'loek-hartog', name: 'Loek Hartog' },
    ]);
    const race1 = (await (await api('/seasons/2024-pccna/results/race-01')).json()) as {
      results: { entry: string; position: number }[];
    };
    expect(race1.results[0]).toMatchObject({ entry: '24-kellymoss-loek-hartog', position: 1 });
    const all = (await (await api('/seasons/2024-pccna/results')).json()) as { sessions: unknown[] };
    expect(all.sessions).toHaveLength(16);
    expect((await api('/seasons/2024-pccna/results/race-99')).status).toBe(404);
  });

  it('explains a total as the sum of its counted contributions', async () => {
    const res = await api('/seasons/2024-pccna/explanations/loek-hartog?championship=overall&after=1');
    const [x] = (await res.json()) as {
      pointsExact: string;
      counted: { rule: string; pointsExact: string }[];
    }[];
    expect(x!.pointsExact).toBe('28');
    expect(x!.counted.map((c) => [c.rule, c.pointsExact]).sort()).toEqual([
      ['bonus:fastest-lap', '1'],
      ['bonus:pole', '2'],
      ['scale:carrera-cup', '25'],
    ]);
    expect((await api('/seasons/2024-pccna/explanations/nobody')).status).toBe(404);
  });
});
