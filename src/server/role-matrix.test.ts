/**
 * Every write route x every role x its own series and another series. The routes come from the
 * app itself (Hono's route list), so a write route added without an entry in WRITE_ACCESS fails
 * here, and one whose handler checks less than its entry says fails the matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../app/index.js';
import { WRITE_ACCESS } from './permissions.js';
import type { RouteAccess } from './permissions.js';
import { Client, makeHarness, OTHER_SEASON, OTHER_SERIES, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const OWN = {
  season: '2024-porsche-carrera-cup-north-america',
  session: 'race-01',
  series: REFERENCE_SERIES,
};
const OTHER = { season: OTHER_SEASON, session: 'great-britain', series: OTHER_SERIES };
type Place = typeof OWN;

const ACTORS = ['anonymous', 'member', 'viewer', 'steward', 'organiser', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

/** The roles as the issue states them, worked out here independently of src/app/accounts.ts. */
const HOLDS: Record<Exclude<Actor, 'anonymous' | 'admin'>, readonly Permission[]> = {
  member: [],
  viewer: [],
  steward: ['results', 'decisions'],
  organiser: ['results', 'decisions', 'rulebook', 'setup', 'revert', 'roles'],
};

function allowed(actor: Actor, access: RouteAccess, place: Place): boolean {
  if (actor === 'anonymous') return false;
  if (actor === 'admin' || access === 'self') return true;
  if (access === 'admin' || access === 'public') return false;
  return place === OWN && HOLDS[actor].includes(access);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let h: Harness;
const clients = new Map<Actor, { client: Client; csrf: string; token: string }>();

beforeAll(async () => {
  h = await makeHarness({ otherSeries: true });
  for (const actor of ACTORS) {
    const client = new Client(h.app);
    if (actor === 'anonymous') {
      clients.set(actor, { client, csrf: '', token: '' });
      continue;
    }
    const email = `${actor}@example.com`;
    expect((await client.logIn(email)).status).toBe(303);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await client.get('/')).text())?.[1] ?? '';
    const made = await h.paddock.createApiToken(email, { name: 'matrix' });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    clients.set(actor, { client, csrf, token: made.value.token });
  }
}, 60_000);
afterAll(() => h.paddock.close());

/** The app's write routes, as "METHOD /path". */
const writeRoutes = () => [
  ...new Set(h.app.routes.filter((r) => WRITE_METHODS.has(r.method)).map((r) => `${r.method} ${r.path}`)),
];

const fill = (path: string, place: Place) =>
  path
    .replace(':season', place.season)
    .replace(':session', place.session)
    .replace(':series', place.series)
    .replace(':email', 'member%40example.com')
    .replace(':id', 'no-such-token');

async function send(actor: Actor, method: string, path: string): Promise<Response> {
  const { client, csrf, token } = clients.get(actor)!;
  if (path.startsWith('/api/'))
    return client.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: '{}',
    });
  return client.request(path, {
    method,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(csrf ? { _csrf: csrf } : {}),
  });
}

describe('roles on every write route', () => {
  it('has an access rule for every write route the app serves', () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !(r in WRITE_ACCESS))).toEqual([]);
  });

  it('lets each role do exactly what it may, in its own series and in another', async () => {
    const versions = async () => (await h.paddock.listSeasons()).map((s) => `${s.id}@${s.version}`);
    const before = await versions();
    const wrong: string[] = [];
    let checked = 0;
    for (const route of writeRoutes()) {
      const access = WRITE_ACCESS[route]!;
      if (access === 'public') continue;
      const [method, path] = route.split(' ') as [string, string];
      for (const place of [OWN, OTHER])
        for (const actor of ACTORS) {
          const res = await send(actor, method, fill(path, place));
          const expected = actor === 'anonymous' ? [401] : allowed(actor, access, place) ? 'allowed' : [403];
          const ok =
            expected === 'allowed'
              ? ![401, 403].includes(res.status) && res.status < 500
              : expected.includes(res.status);
          checked++;
          if (!ok)
            wrong.push(
              `${route} in ${place.series} as ${actor}: ${res.status} (${await res.text()}`.slice(0, 300),
            );
        }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    // Every request was empty: refused or rejected, none wrote a revision.
    expect(await versions()).toEqual(before);
  }, 120_000);
});
