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
import { KEEP_MS, STALE_CLAIM_MS } from './idempotency.js';
import { Paddock } from './paddock.js';

const T0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

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

  it('claims a key once, replays its answer, refuses it for another request, and lets a dead claim go', async () => {
    const first = await app.idempotent('a@example.com', 'k-1', 'PUT /x\nh1', T0);
    expect(first.kind).toBe('first');
    // A retry while the first is being answered waits; another account's same key is its own.
    expect((await app.idempotent('a@example.com', 'k-1', 'PUT /x\nh1', at(1000))).kind).toBe('in-progress');
    expect((await app.idempotent('b@example.com', 'k-1', 'PUT /x\nh1', at(1000))).kind).toBe('first');
    if (first.kind !== 'first') throw new Error('unreachable');
    await first.complete({ status: 200, contentType: 'application/json', body: '{"version":2}' });
    expect(await app.idempotent('a@example.com', 'k-1', 'PUT /x\nh1', at(2000))).toEqual({
      kind: 'replay',
      answer: { status: 200, contentType: 'application/json', body: '{"version":2}' },
    });
    expect((await app.idempotent('a@example.com', 'k-1', 'PUT /y\nh1', at(2000))).kind).toBe('reused');
    // Kept a day, then the key is free again.
    expect((await app.idempotent('a@example.com', 'k-1', 'PUT /x\nh1', at(KEEP_MS + 1000))).kind).toBe(
      'first',
    );

    // A claim whose request died: retries wait, then take it over.
    expect((await app.idempotent('a@example.com', 'k-2', 'POST /z\nh2', T0)).kind).toBe('first');
    expect((await app.idempotent('a@example.com', 'k-2', 'POST /z\nh2', at(STALE_CLAIM_MS - 1))).kind).toBe(
      'in-progress',
    );
    expect((await app.idempotent('a@example.com', 'k-2', 'POST /z\nh2', at(STALE_CLAIM_MS + 1))).kind).toBe(
      'first',
    );
  });
});
