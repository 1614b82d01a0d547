import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { apiTable, withApiTable } from './api-docs.js';
import { apiRoutes, openApiDocument } from './routes/api.js';
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

  it('gives every operation a success response with a named schema, and every write a token and its problems', async () => {
    const doc = (await (await api('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown;
            responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
          }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([m, op]) => ({ path, m, op })),
    );
    expect(ops.length).toBeGreaterThanOrEqual(22);
    for (const { path, m, op } of ops) {
      // The live stream describes itself by hand (src/server/routes/live-openapi.ts, not yet zod).
      if (path === '/seasons/{season}/live') continue;
      const ok = op.responses['200']?.content?.['application/json']?.schema;
      expect(ok, `${m} ${path}`).toBeDefined();
      // A real schema: a reference to a named component, or an array of one (never a bare {type: object}).
      const ref = (ok!['$ref'] ?? (ok!['items'] as Record<string, unknown> | undefined)?.['$ref']) as
        string | undefined;
      expect(ref, `${m} ${path}`).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas).toHaveProperty([ref!.split('/').at(-1)!]);
      if (m !== 'get' || op.security) {
        expect(op.security, `${m} ${path}`).toEqual([{ bearer: [] }]);
        for (const status of ['401', '403', '404'])
          expect(op.responses, `${m} ${path}`).toHaveProperty([status]);
      }
    }
  });

  it('is what docs/json.md says (its API table is generated from the document)', async () => {
    const markdown = await readFile(new URL('../../docs/json.md', import.meta.url), 'utf8');
    // Compared as prettier leaves tables: column padding aside.
    const plain = (md: string) => md.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
    expect(plain(withApiTable(markdown, apiTable(openApiDocument())))).toBe(plain(markdown));
  });

  it('serves a readable reference page of every operation and schema', async () => {
    const res = await api('/reference');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<code>PUT /seasons/{season}/results/{session}</code>');
    expect(html).toContain('<code>POST /seasons/{season}/results/{session}/import</code>');
    expect(html).toContain('<h3>Standings</h3>');
    expect(html).toContain('multipart/form-data');
    expect(html).not.toContain('<script');
  });

  it('answers every read it describes with a body its schema accepts whole (no undeclared field)', async () => {
    const sample: Record<string, string> = {
      season: '2024-pccna',
      series: 'porsche-carrera-cup-north-america',
      event: 'sebring',
      session: 'race-01',
      competitor: 'loek-hartog',
    };
    let checked = 0;
    for (const d of apiRoutes.openAPIRegistry.definitions) {
      if (d.type !== 'route' || d.route.method !== 'get' || d.route.security) continue;
      const url = d.route.path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]!);
      const res = await api(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toContain('application/json');
      const schema = (d.route.responses[200] as { content: Record<string, { schema: z.ZodType }> }).content[
        'application/json'
      ]!.schema;
      const body: unknown = await res.json();
      const parsed = schema.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, url).toEqual([]);
      // zod drops fields it does not know: equal after parsing means every field is described.
      expect(parsed.data, url).toEqual(body);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(12);
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
