/**
 * ASVS level-1 account rules and idempotency keys, on both databases: easy passwords are refused
 * with zxcvbn's reason, a login ends after IDLE_MINUTES without use (and not while it is used), and
 * a retried write with the same Idempotency-Key gets the first answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, testDatabases } from '../store/test-support/databases.js';
import type { TestDatabase } from '../store/test-support/databases.js';
import type { Store } from '../store/store.js';
import { IDLE_MINUTES, LOGIN_HOURS } from './accounts.js';
import { SEASONS_DIR } from '../formats/catalog.js';
import { KEEP_MS } from './idempotency.js';
import { Paddock } from './paddock.js';

const T0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const SEASON = '2024-porsche-carrera-cup-north-america';

if (!PG_URL) it.skip('account rules on PostgreSQL: PADDOCK_TEST_PG_URL is not set', () => undefined);

describe.each(testDatabases())('account rules on $name', ({ make }) => {
  let database: TestDatabase;
  let store: Store;
  let app: Paddock;
  beforeAll(async () => {
    database = make();
    store = await database.open();
    app = new Paddock({ store, builtIns: false });
  });
  afterAll(async () => {
    await app.close();
    await database.cleanUp();
  });

  it('refuses common and patterned passwords with the reason, and takes a strong one', async () => {
    for (const weak of ['aaaaaaaaaa', 'password1234', 'qwertyuiopas', 'Porsche2024!']) {
      const r = await app.addUser('clerk@example.com', 'admin', weak);
      expect(r.ok, weak).toBe(false);
      if (!r.ok) {
        expect(r.issues[0]).toMatchObject({ code: 'user.weak-password', path: ['password'] });
        expect(r.issues[0]!.message).toMatch(/too easy to guess/);
      }
    }
    // The account's own address is the first thing an attacker tries.
    const own = await app.addUser('marshal.kowalski@example.com', 'admin', 'marshalkowalski');
    expect(own.ok).toBe(false);
    expect(await store.findUser('clerk@example.com')).toBeUndefined();
    expect((await app.addUser('clerk@example.com', 'admin', 'gravel trap lollipop man')).ok).toBe(true);
  });

  it('ends a login after an idle hour, keeps one in use, and ends every login after 12 hours', async () => {
    await app.addUser('idle@example.com', 'admin', 'gravel trap lollipop man');
    const idle = (await app.logIn('idle@example.com', 'gravel trap lollipop man', T0))!;
    expect(await app.findLogin(idle.token, at(IDLE_MINUTES * MIN - MIN))).toBeDefined();
    // Used a minute before the idle limit, so it lives another idle period from then.
    expect(await app.findLogin(idle.token, at(2 * IDLE_MINUTES * MIN - 2 * MIN))).toBeDefined();
    expect(await app.findLogin(idle.token, at(3 * IDLE_MINUTES * MIN))).toBeUndefined();
    // Ended for good: it does not come back for an earlier clock either.
    expect(await app.findLogin(idle.token, at(MIN))).toBeUndefined();

    const busy = (await app.logIn('idle@example.com', 'gravel trap lollipop man', T0))!;
    let t = 0;
    for (; t < LOGIN_HOURS * 60 * MIN; t += 30 * MIN)
      expect(await app.findLogin(busy.token, at(t)), `after ${t / MIN} min`).toBeDefined();
    expect(await app.findLogin(busy.token, at(LOGIN_HOURS * 60 * MIN + MIN))).toBeUndefined();
  });

  it('keeps an answer per account and key, replays it, refuses the key for another request, and forgets it after a day', async () => {
    const req = (email: string, key: string, fingerprint = 'PUT /x\nh1') => ({ email, key, fingerprint });
    const answer = { status: 200, contentType: 'application/json', body: '{"version":2}' };
    const first = await app.idempotent(req('a@example.com', 'k-1'), T0);
    if (first.kind !== 'first') throw new Error(first.kind);
    // A retry while the first is being answered waits; another account's same key is its own.
    expect((await app.idempotent(req('a@example.com', 'k-1'), at(1000))).kind).toBe('in-progress');
    const other = await app.idempotent(req('b@example.com', 'k-1'), at(1000));
    expect(other.kind).toBe('first');
    if (other.kind === 'first') await other.finish(undefined);
    expect(await first.finish(answer)).toEqual(answer);
    expect(await app.idempotent(req('a@example.com', 'k-1'), at(2000))).toEqual({ kind: 'replay', answer });
    expect((await app.idempotent(req('a@example.com', 'k-1', 'PUT /y\nh1'), at(2000))).kind).toBe('reused');
    expect((await app.idempotent(req('a@example.com', 'k-1'), at(KEEP_MS + 3000))).kind).toBe('first');

    // A failed request (500) keeps nothing: its retry is handled afresh.
    const failed = await app.idempotent(req('a@example.com', 'k-2'), T0);
    if (failed.kind !== 'first') throw new Error(failed.kind);
    expect(await failed.finish(undefined)).toBeUndefined();
    expect((await app.idempotent(req('a@example.com', 'k-2'), at(1))).kind).toBe('first');
  });

  it('keeps the answer of a change in its revision, and gives a second server the first answer', async () => {
    const imported = await app.importFolder(`${SEASONS_DIR}/2024-porsche-carrera-cup-north-america`, {
      change: { author: 'test', reason: 'import', origin: 'folder' },
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
    const request = { email: 's@example.com', key: 'edit-1', fingerprint: 'PUT /state\nh' };
    const v = (await app.listSeasons()).find((s) => s.id === SEASON)!.version!;
    // The change is saved with its key; the server dies before it answers.
    const edited = await app.edit(
      SEASON,
      { kind: 'state', sessionId: 'race-01', state: 'final' },
      {
        author: 's@example.com',
        reason: 'confirmed',
        origin: 'api',
        expectedVersion: v,
        requestKey: request,
      },
    );
    expect(edited.ok).toBe(true);
    // The retry, on any server, gets the answer the route would have given.
    expect(await app.idempotent(request, T0)).toEqual({
      kind: 'replay',
      answer: {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ season: SEASON, version: v + 1 }),
      },
    });

    // Two servers answer the same new request at once: the second's refusal gives way to the first answer.
    const twin = new Paddock({ store, builtIns: false });
    const both = { email: 's@example.com', key: 'edit-2', fingerprint: 'PUT /state\nh2' };
    const onA = await app.idempotent(both, T0);
    const onB = await twin.idempotent(both, T0);
    if (onA.kind !== 'first' || onB.kind !== 'first') throw new Error('both servers answer');
    const won = { status: 200, contentType: 'application/json', body: '{"version":9}' };
    expect(await onA.finish(won)).toEqual(won);
    expect(await onB.finish({ status: 412, contentType: 'application/problem+json', body: '{}' })).toEqual(
      won,
    );
  });
});
