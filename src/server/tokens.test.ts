import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ otherSeries: true });
});
afterAll(() => h.paddock.close());

describe('API tokens on the site', () => {
  it('creates a token shown once, which acts as its account until revoked', async () => {
    const client = new Client(h.app);
    await client.logIn('steward@example.com');
    const page = await client.get('/account/tokens');
    expect(await page.text()).toContain(`steward of ${REFERENCE_SERIES}`);
    const csrf = await client.csrfFrom('/account/tokens');
    const made = await client.post('/account/tokens', {
      _csrf: csrf,
      name: 'timing feed',
      series: '',
      role: '',
    });
    expect(made.status).toBe(200);
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(await made.text())?.[1];
    expect(token).toMatch(/^pdk_/);
    expect(await h.paddock.findTokenLogin(token)).toMatchObject({
      email: 'steward@example.com',
      roles: { [REFERENCE_SERIES]: 'steward' },
    });
    // Listed without its secret, and never shown again.
    const listed = await (await client.get('/account/tokens')).text();
    expect(listed).toContain('timing feed');
    expect(listed).not.toContain(token!);
    const id = token!.slice(4, 16);
    const ok = await h.app.request('/api/v1/seasons', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect((await client.post(`/account/tokens/${id}/revoke`, { _csrf: csrf })).status).toBe(303);
    expect(await h.paddock.findTokenLogin(token)).toBeUndefined();
    const refused = await h.app.request('/api/v1/seasons', { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe('auth.bad-token');
  });

  it("refuses a token scoped beyond the account, and revoking another account's token", async () => {
    const client = new Client(h.app);
    await client.logIn('steward@example.com');
    const csrf = await client.csrfFrom('/account/tokens');
    const beyond = await client.post('/account/tokens', { _csrf: csrf, name: 'x', series: 'formula-one' });
    expect(beyond.status).toBe(422);
    expect(await beyond.text()).toContain(
      'steward@example.com has no role in series &quot;formula-one&quot;',
    );
    const other = await h.paddock.createApiToken('admin@example.com', { name: 'admin' });
    if (!other.ok) throw new Error('no token');
    const res = await client.post(`/account/tokens/${other.value.info.id}/revoke`, { _csrf: csrf });
    expect(res.status).toBe(404);
    expect(await h.paddock.findTokenLogin(other.value.token)).toBeDefined();
  });

  it('caps a scoped token: an admin token for one series is its organiser and nothing elsewhere', async () => {
    const made = await h.paddock.createApiToken('admin@example.com', {
      name: 'ci',
      series: REFERENCE_SERIES,
    });
    if (!made.ok) throw new Error('no token');
    expect(await h.paddock.findTokenLogin(made.value.token)).toMatchObject({
      admin: false,
      roles: { [REFERENCE_SERIES]: 'organiser' },
    });
    const viewerOnly = await h.paddock.createApiToken('organiser@example.com', {
      name: 'read',
      role: 'viewer',
    });
    if (!viewerOnly.ok) throw new Error('no token');
    expect((await h.paddock.findTokenLogin(viewerOnly.value.token))?.roles).toEqual({
      [REFERENCE_SERIES]: 'viewer',
    });
  });
});
