import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayAfter, MAX_DELAY_MS } from '../app/index.js';
import { createApp } from './app.js';
import { Client, makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const EDIT = `/seasons/${SEASON}/edit/race-01`;
const XSS = '<script>alert(1)</script>';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({}, (files) => {
    files.set(
      'drivers.csv',
      files.get('drivers.csv')!.replace('loek-hartog,Loek Hartog,', `loek-hartog,${XSS},`),
    );
  });
});

/** The season's revisions, newest first. */
const revisions = async () => {
  const history = await h.paddock.history(SEASON);
  if (!history.ok) throw new Error(JSON.stringify(history.issues));
  return history.value.revisions;
};
const latest = async () => (await revisions())[0];
afterAll(() => h.paddock.close());

const overallPoints = async (competitor: string) => {
  const doc = (await (
    await h.app.request(`/api/v1/seasons/${SEASON}/standings?championship=overall&after=1`)
  ).json()) as {
    championships: { standings: { competitor: { id: string }; pointsExact: string }[] }[];
  };
  return doc.championships[0]!.standings.find((s) => s.competitor.id === competitor)?.pointsExact;
};

describe('security', () => {
  it('renders a driver named <script> as inert text', async () => {
    for (const path of [
      `/seasons/${SEASON}/standings/overall`,
      `/seasons/${SEASON}/drivers/loek-hartog`,
      `/seasons/${SEASON}/events/sebring`,
      `/seasons/${SEASON}/entries`,
    ]) {
      const html = await (await h.app.request(path, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain(XSS);
    }
  });

  it('sends a content security policy that forbids scripts', async () => {
    const res = await h.app.request(`/seasons/${SEASON}`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a form post without the CSRF token', async () => {
    const client = new Client(h.app);
    expect((await client.logIn('steward@example.com')).status).toBe(303);
    const res = await client.post(`${EDIT}/state`, { state: 'final', reason: 'no token' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('CSRF');
    const wrong = await client.post(`${EDIT}/state`, {
      _csrf: 'forged-token-forged-token',
      state: 'final',
      reason: 'bad token',
    });
    expect(wrong.status).toBe(403);
  });

  it('refuses a form body larger than 1 MB', async () => {
    const res = await new Client(h.app).post('/login', {
      _csrf: 'x',
      email: 'a@b.c',
      password: 'x'.repeat(1_100_000),
    });
    expect(res.status).toBe(413);
  });

  it('refuses a login post without the CSRF token', async () => {
    const res = await new Client(h.app).post('/login', { email: 'admin@example.com', password: 'whatever' });
    expect(res.status).toBe(403);
  });

  it('lets a viewer read but not write', async () => {
    const client = new Client(h.app);
    expect((await client.logIn('viewer@example.com')).status).toBe(303);
    const csrf = await client.csrfFrom(`/seasons/${SEASON}`);
    expect((await client.get(EDIT)).status).toBe(403);
    const res = await client.post(`${EDIT}/penalty`, {
      _csrf: csrf,
      entryId: '24-kellymoss-loek-hartog',
      penalty: 'disqualification',
      reason: 'viewer try',
    });
    expect(res.status).toBe(403);
    expect(await overallPoints('loek-hartog')).toBe('28');
  });

  it('sends a browser that is not logged in from an editor page to the login form', async () => {
    const res = await new Client(h.app).get(EDIT);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(EDIT)}`);
    const api = await h.app.request(EDIT, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
  });

  it('refuses writes from someone not logged in', async () => {
    const res = await new Client(h.app).post(`${EDIT}/state`, { _csrf: 'x', state: 'final', reason: 'anon' });
    expect(res.status).toBe(401);
  });

  it('sets the login cookie HttpOnly and SameSite=Lax, and Secure behind TLS', async () => {
    const plain = await new Client(h.app).logIn('admin@example.com');
    const cookie = plain.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/paddock_login=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const tls = await new Client(h.app, 'https://localhost').logIn('admin@example.com');
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('throttles failed logins with growing waits kept in the database, never refusing the right password for good', async () => {
    let clock = Date.parse('2026-03-01T10:00:00Z');
    const at = (ms: number) => (clock += ms);
    const limited = await makeHarness({ now: () => new Date(clock) });
    const client = new Client(limited.app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.logIn('admin@example.com', `wrong ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The sixth attempt waits 1 s, whatever the password; an attempt while waiting does not count.
    const refused = await client.logIn('admin@example.com');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    // A second server over the same database refuses too: the throttle is not in one process.
    expect(
      (
        await new Client(createApp({ paddock: limited.paddock, now: () => new Date(clock) })).logIn(
          'admin@example.com',
        )
      ).status,
    ).toBe(429);
    at(1001);
    expect((await client.logIn('admin@example.com', 'wrong again')).status).toBe(401);
    // Each further failure doubles the wait: now 2 s.
    at(1500);
    const longer = await client.logIn('admin@example.com');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('1');
    at(600);
    expect((await client.logIn('admin@example.com')).status).toBe(303);
    await limited.paddock.close();
  });

  it('caps the wait at 15 minutes however many failures', () => {
    expect([0, 4, 5, 6, 7, 10].map(delayAfter)).toEqual([0, 0, 1000, 2000, 4000, 32_000]);
    expect(delayAfter(15)).toBe(MAX_DELAY_MS);
    expect(delayAfter(10_000)).toBe(15 * 60_000);
  });

  it('stores SQL-looking input verbatim', async () => {
    const client = new Client(h.app);
    await client.logIn('admin@example.com');
    const reason = 'Robert\'); DROP TABLE audit; -- "quoted"';
    const csrf = await client.csrfFrom(EDIT);
    const res = await client.post(`${EDIT}/state`, { _csrf: csrf, state: 'final', reason });
    expect(res.status).toBe(303);
    const entry = await latest();
    expect(entry!.reason).toBe(reason);
    const html = await (await client.get(`/seasons/${SEASON}/audit`)).text();
    expect(html).toContain('Robert&#39;); DROP TABLE audit; -- &quot;quoted&quot;');
  });
});

describe('editing', () => {
  it('applies a places penalty from the form and the standings change at once', async () => {
    const client = new Client(h.app);
    await client.logIn('steward@example.com');
    expect(await overallPoints('gustav-burton')).toBe('20');
    const csrf = await client.csrfFrom(EDIT);
    const res = await client.post(`${EDIT}/penalty`, {
      _csrf: csrf,
      entryId: '24-kellymoss-loek-hartog',
      penalty: 'places',
      amount: '1',
      championshipId: '',
      reason: 'Causing a collision',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${EDIT}?saved=1`);
    // Hartog drops from 1st (25) to 2nd (20) and keeps pole and fastest lap (3); Burton gains the win.
    expect(await overallPoints('loek-hartog')).toBe('23');
    expect(await overallPoints('gustav-burton')).toBe('25');
    const entry = await latest();
    expect(entry).toMatchObject({
      author: 'steward@example.com',
      action: 'penalty:places',
      reason: 'Causing a collision',
    });
    // The editor lists the penalty recorded for the session, with its decision.
    const page = await (await client.get(EDIT)).text();
    expect(page).toContain(': 1-place penalty (P1 → P2). Reason: Causing a collision');
  });

  it('shows beside the field why a time penalty cannot apply, and saves nothing', async () => {
    const client = new Client(h.app);
    await client.logIn('steward@example.com');
    const before = (await revisions()).length;
    const csrf = await client.csrfFrom(EDIT);
    const res = await client.post(`${EDIT}/penalty`, {
      _csrf: csrf,
      entryId: '20-mdk-gustav-burton',
      penalty: 'time',
      amount: '5',
      championshipId: '',
      reason: 'Track limits',
    });
    expect(res.status).toBe(422);
    // The reference season has no race times.
    expect(await res.text()).toContain('a time penalty needs the race time of entry');
    expect((await revisions()).length).toBe(before);
  });

  it('shows errors beside the field and saves nothing of an invalid classification', async () => {
    const client = new Client(h.app);
    await client.logIn('admin@example.com');
    const before = await revisions();
    const csrf = await client.csrfFrom(`/seasons/${SEASON}/edit/race-03`);
    const res = await client.post(`/seasons/${SEASON}/edit/race-03/classification`, {
      _csrf: csrf,
      rows: '3',
      'row-0-position': '1',
      'row-0-entry': '24-kellymoss-loek-hartog',
      'row-0-status': 'classified',
      'row-1-position': '1',
      'row-1-entry': '20-mdk-gustav-burton',
      'row-1-status': 'classified',
      'row-2-position': 'first',
      'row-2-entry': '98-jdx-alex-sedgwick',
      'row-2-status': 'classified',
      reason: 'typing',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(
      /name="row-2-position"[^>]*value="first"[^>]*\/?>\s*<span class="field-error" id="row-2-position-error" role="alert">/,
    );
    expect((await revisions()).length).toBe(before.length);
  });

  it('enters a classification pasted as CSV', async () => {
    const client = new Client(h.app);
    await client.logIn('admin@example.com');
    const csrf = await client.csrfFrom(`/seasons/${SEASON}/edit/race-03`);
    const stored = await h.paddock.open(SEASON);
    if (!stored.ok) throw new Error('no season');
    const race3 = stored.value.loaded.season.classifications.find((c) => c.sessionId === 'race-03')!;
    // Swap the first two rows' entries: the same result with first and second exchanged.
    const lines = race3.rows.map((r, i) => {
      const entry = i === 0 ? race3.rows[1]!.entryId : i === 1 ? race3.rows[0]!.entryId : r.entryId;
      return `${r.position ?? ''},${entry},${r.status}`;
    });
    const res = await client.post(`/seasons/${SEASON}/edit/race-03/classification`, {
      _csrf: csrf,
      rows: '0',
      csv: `position,entry,status\n${lines.join('\n')}\n`,
      reason: 'Timing correction',
    });
    expect(res.status).toBe(303);
    const after = await h.paddock.open(SEASON);
    if (!after.ok) throw new Error('no season');
    const changed = after.value.loaded.season.classifications.find((c) => c.sessionId === 'race-03')!;
    expect(changed.rows[0]!.entryId).toBe(race3.rows[1]!.entryId);
    expect(changed.rows[1]!.entryId).toBe(race3.rows[0]!.entryId);
  });

  it("lets only the series' organiser (or the admin) change the rulebook, with problems shown beside the text", async () => {
    const steward = new Client(h.app);
    await steward.logIn('steward@example.com');
    expect((await steward.get(`/seasons/${SEASON}/edit/rulebook`)).status).toBe(403);
    const admin = new Client(h.app);
    await admin.logIn('organiser@example.com');
    const csrf = await admin.csrfFrom(`/seasons/${SEASON}/edit/rulebook`);
    const res = await admin.post(`/seasons/${SEASON}/edit/rulebook`, {
      _csrf: csrf,
      yaml: 'id: [unclosed',
      reason: 'typo',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(
      /<textarea id="yaml"[^>]*>id: \[unclosed<\/textarea><span class="field-error" id="yaml-error" role="alert">line 1: /,
    );
  });
});
