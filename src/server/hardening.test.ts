/**
 * Issue 15's server rules: the full security header set, form posts refused from other sites,
 * request ids in answers and in the JSON logs (failed logins logged), and Idempotency-Key on the
 * write API (a retried change applied once).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness, PASSWORD } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(JSON.parse(line));
    done();
  },
});

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await makeHarness({ logger: pino({ level: 'info' }, sink) });
  const made = await h.paddock.createApiToken('steward@example.com', { name: 'test' });
  if (!made.ok) throw new Error(JSON.stringify(made.issues));
  token = made.value.token;
});
afterAll(() => h.paddock.close());

const version = async () => (await h.paddock.listSeasons()).find((s) => s.id === SEASON)!.version!;

describe('security headers', () => {
  it('sends HSTS, COOP, CORP, Permissions-Policy, frame refusal and the CSP on pages and the API', async () => {
    for (const path of [`/seasons/${SEASON}/standings/overall`, `/api/v1/seasons/${SEASON}/standings`]) {
      const res = await h.app.request(path);
      expect(res.status).toBe(200);
      const hd = Object.fromEntries(res.headers);
      expect(hd['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(hd['cross-origin-opener-policy']).toBe('same-origin');
      expect(hd['cross-origin-resource-policy']).toBe('same-origin');
      expect(hd['permissions-policy']).toContain('camera=()');
      expect(hd['x-frame-options']).toBe('DENY');
      expect(hd['x-content-type-options']).toBe('nosniff');
      expect(hd['content-security-policy']).toContain("default-src 'none'");
      expect(hd['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(hd['referrer-policy']).toBe('same-origin');
    }
  });
});

describe('form posts from another site', () => {
  it('are refused by Origin or Sec-Fetch-Site with nothing written; same-site and header-less posts pass', async () => {
    const client = new Client(h.app);
    expect((await client.logIn('steward@example.com')).status).toBe(303);
    const csrf = await client.csrfFrom(`/seasons/${SEASON}/edit/race-01`);
    const post = (headers: Record<string, string>, reason: string) =>
      client.request(`/seasons/${SEASON}/edit/race-01/state`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, state: 'provisional', reason, version: '0' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    const before = await version();
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
      const res = await post(headers, 'forged');
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('sent from another site');
    }
    expect(await version()).toBe(before);
    const same = await client.request(`/seasons/${SEASON}/edit/race-01/state`, {
      method: 'POST',
      body: new URLSearchParams({
        _csrf: csrf,
        state: 'provisional',
        reason: 'appeal',
        version: String(before),
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(same.status).toBe(303);
    expect(await version()).toBe(before + 1);
  });
});

describe('request ids and logs', () => {
  it('answers with a request id, keeps a plain one from the client, and logs each request under it', async () => {
    const res = await h.app.request(`/seasons/${SEASON}/standings/overall`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        reqId: id,
        method: 'GET',
        path: `/seasons/${SEASON}/standings/overall`,
        status: 200,
      }),
    );
    const kept = await h.app.request('/healthz', { headers: { 'x-request-id': 'proxy-42' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-42');
    const replaced = await h.app.request('/healthz', { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a failed login with the address tried, never the password', async () => {
    const client = new Client(h.app);
    const res = await client.logIn('viewer@example.com', 'not the password at all');
    expect(res.status).toBe(401);
    const line = logLines.find((l) => l['event'] === 'login.failed');
    expect(line).toMatchObject({ email: 'viewer@example.com', level: 40 });
    expect(JSON.stringify(logLines)).not.toContain('not the password at all');
    expect(JSON.stringify(logLines)).not.toContain(PASSWORD);
  });
});

describe('Idempotency-Key on the write API', () => {
  const put = (body: unknown, key: string | undefined, ifMatch: number) =>
    h.app.request(`/api/v1/seasons/${SEASON}/results/race-02/state`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"${ifMatch}"`,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });

  it('applies a retried change once and answers the retry with the first answer', async () => {
    const v = await version();
    const body = { state: 'final', reason: 'stewards confirmed' };
    const first = await put(body, 'retry-1', v);
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toEqual({ season: SEASON, version: v + 1 });
    // The client saw no answer and sends the same request again: same answer, applied once.
    const retry = await put(body, 'retry-1', v);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(answer);
    expect(await version()).toBe(v + 1);
    // Without the key the same retry is refused as stale (412), so it is never applied twice either.
    expect((await put(body, undefined, v)).status).toBe(412);
  });

  it('refuses a key reused for another change, and a malformed key', async () => {
    const v = await version();
    expect((await put({ state: 'provisional', reason: 'appeal' }, 'reuse-1', v)).status).toBe(200);
    const reused = await put({ state: 'final', reason: 'something else' }, 'reuse-1', v + 1);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe(
      'idempotency.key-reused',
    );
    expect(await version()).toBe(v + 1);
    const bad = await put({ state: 'final', reason: 'x' }, 'has space', v + 1);
    expect(bad.status).toBe(400);
    expect(await version()).toBe(v + 1);
  });
});
