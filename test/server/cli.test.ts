import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeason } from '../../src/formats/catalog.js';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { Paddock } from '../../src/app/index.js';
import { run as runCli, runWith } from '../support/run-cli.js';

const FOLDER = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');

async function filesOf(dir: string, sub = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
    const rel = join(sub, entry.name);
    if (entry.isDirectory()) for (const [k, v] of await filesOf(dir, rel)) files.set(k, v);
    else files.set(rel, await readFile(join(dir, rel), 'utf8'));
  }
  return files;
}

describe('paddock import, user add and export --db', () => {
  let dir: string;
  const saved = { db: process.env['PADDOCK_DB'], url: process.env['DATABASE_URL'] };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'paddock-cli-'));
    process.env['PADDOCK_DB'] = join(dir, 'paddock.db');
    delete process.env['DATABASE_URL'];
  });
  afterAll(async () => {
    if (saved.db === undefined) delete process.env['PADDOCK_DB'];
    else process.env['PADDOCK_DB'] = saved.db;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a season folder into the database file', async () => {
    const first = await runCli('import', FOLDER);
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      'imported 2024-porsche-carrera-cup-north-america (8 events, 16 results, version 1)',
    );
    const again = await runCli('import', FOLDER);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to change');
  });

  it('reports a folder that is not a season', async () => {
    const bad = await runCli('import', join(dir, 'nothing-here'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('no season');
  });

  it('adds an account that can log in', async () => {
    // The password comes from PADDOCK_PASSWORD (or stdin), never from an argument.
    expect((await runCli('user', 'add', 'x@example.com', '--role', 'admin', '--password', 'p')).err).toMatch(
      /unknown option '--password'/,
    );
    const added = await runWith(
      { PADDOCK_PASSWORD: 'a long enough password' },
      'user',
      'add',
      'Chief@Example.com',
      '--role',
      'admin',
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain('chief@example.com can log in as admin');
    const app = await Paddock.open({ file: process.env['PADDOCK_DB']! });
    expect((await app.logIn('chief@example.com', 'a long enough password'))?.login.admin).toBe(true);
    await app.close();
    const bad = await runWith(
      { PADDOCK_PASSWORD: 'short' },
      'user',
      'add',
      'x@example.com',
      '--role',
      'owner',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('role "owner" is not one of admin, organiser, steward, viewer');
    const weak = await runWith(
      { PADDOCK_PASSWORD: 'password1234' },
      'user',
      'add',
      'x@example.com',
      '--role',
      'admin',
    );
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('the password is too easy to guess');
  });

  it('gives an account the display name its changes are shown under', async () => {
    const added = await runWith(
      { PADDOCK_PASSWORD: 'a long enough password' },
      'user',
      'add',
      'clerk@example.com',
      '--role',
      'steward',
      '--name',
      'Clerk of the Course',
    );
    expect(added.code).toBe(0);
    const app = await Paddock.open({ file: process.env['PADDOCK_DB']! });
    expect(await app.displayNames(['clerk@example.com'])).toEqual(
      new Map([['clerk@example.com', 'Clerk of the Course']]),
    );
    await app.close();
    expect((await runCli('user', 'name', 'clerk@example.com', 'Race Control')).out).toContain(
      'clerk@example.com is shown as Race Control',
    );
    const address = await runCli('user', 'name', 'clerk@example.com', 'me@example.com');
    expect(address.code).toBe(2);
    expect(address.err).toContain('is not an e-mail address');
    expect((await runCli('user', 'name', 'nobody@example.com', 'X')).err).toContain(
      'no account nobody@example.com',
    );
  });

  it('gives roles per series, and creates, lists and revokes API tokens that work only until revoked', async () => {
    const series = 'porsche-carrera-cup-north-america';
    const add = await runWith(
      { PADDOCK_PASSWORD: 'a long enough password' },
      'user',
      'add',
      'timing@example.com',
      '--role',
      'steward',
      '--series',
      series,
    );
    expect(add.out).toContain(`timing@example.com can log in as steward of ${series}`);
    expect((await runCli('user', 'role', 'timing@example.com', 'nowhere', 'steward')).err).toContain(
      'there is no series "nowhere"',
    );
    expect((await runCli('user', 'role', 'timing@example.com', series, 'organiser')).out).toContain(
      `timing@example.com is organiser of ${series}`,
    );
    const made = await runCli(
      'token',
      'create',
      'timing@example.com',
      '--name',
      'timing feed',
      '--role',
      'steward',
    );
    expect(made.code).toBe(0);
    const token = made.out.trim();
    expect(token).toMatch(/^pdk_[0-9a-f]{12}_[\w-]{43}$/);
    const id = token.slice(4, 16);
    expect(made.err).toContain(`token ${id} for timing@example.com (steward in every series)`);
    const app = await Paddock.open({ file: process.env['PADDOCK_DB']! });
    // Capped at steward: the organiser's token may change results but not the rulebook.
    expect(await app.findTokenLogin(token)).toMatchObject({
      email: 'timing@example.com',
      admin: false,
      roles: { [series]: 'steward' },
    });
    const listed = await runCli('token', 'list', 'timing@example.com');
    expect(listed.out).toContain(
      `${id}  timing@example.com  "timing feed"  steward in every series  created `,
    );
    expect(listed.out).not.toContain(token.slice(17));
    expect((await runCli('token', 'revoke', id)).out).toContain(`revoked token ${id}`);
    expect(await app.findTokenLogin(token)).toBeUndefined();
    expect((await runCli('token', 'list')).out).toMatch(new RegExp(`${id} .* revoked `));
    expect((await runCli('token', 'revoke', id)).err).toContain(`no token "${id}" to revoke`);
    expect((await runCli('token', 'create', 'nobody@example.com', '--name', 'x')).err).toContain(
      'there is no account nobody@example.com',
    );
    await app.close();
  });

  it('writes back from the database exactly the files it imported, with the revision they are', async () => {
    const fromDb = join(dir, 'from-db');
    const exported = await runCli('export', '2024-pccna', fromDb, '--format', 'folder', '--db');
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`source: database ${process.env['PADDOCK_DB']}, revision 1`);
    const files = await filesOf(fromDb);
    expect(files.get('paddock-revision.yaml')).toContain(
      'season: 2024-porsche-carrera-cup-north-america\nrevision: 1\n',
    );
    files.delete('paddock-revision.yaml');
    expect(files).toEqual(await filesOf(FOLDER));
    const original = await loadSeason('2024-pccna');
    const back = await loadSeasonFolder(fromDb);
    if (!original.ok || !back.ok) throw new Error('did not load');
    expect(back.value.season).toEqual(original.value.season);
  });
});
