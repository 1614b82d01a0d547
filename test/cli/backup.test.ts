/**
 * `paddock backup` and `paddock restore` on SQLite: a backup taken while the database holds edits
 * restores exactly those revisions, the database as it was before a restore is kept, and bad
 * files are refused before anything is touched.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/index.js';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { run } from '../support/run-cli.js';

const FOLDER = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');
const tmp = await mkdtemp(join(tmpdir(), 'paddock-backup-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const change = (reason: string) => ({ author: 'steward', origin: 'cli', reason }) as const;

/** The reference season's current revision and its number of revisions, read through the CLI. */
async function revisions(db: string): Promise<number> {
  const r = await run('history', '2024-pccna', '--json', '--db', db);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as { version: number }).version;
}

describe('paddock backup and restore', () => {
  it('restores the revisions the backup held and keeps the database it replaced', async () => {
    const db = join(tmp, 'paddock.db');
    expect((await run('import', FOLDER, '--db', db)).code).toBe(0);
    const app = await Paddock.open({ file: db });
    await app.edit(
      '2024-pccna',
      { kind: 'state', sessionId: 'race-01', state: 'final' },
      change('race 1 final'),
    );
    await app.close();
    expect(await revisions(db)).toBe(2);

    const backup = join(tmp, 'monday.paddock-backup');
    const made = await run('backup', backup, '--db', db);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/backed up \d+ season\(s\), \d+ revision\(s\), 0 account\(s\) to .*monday/);

    const later = await Paddock.open({ file: db });
    await later.edit(
      '2024-pccna',
      { kind: 'state', sessionId: 'race-02', state: 'final' },
      change('race 2 final'),
    );
    await later.close();
    expect(await revisions(db)).toBe(3);

    const restored = await run('restore', backup, '--db', db);
    expect(restored.code, restored.err).toBe(0);
    expect(await revisions(db)).toBe(2);
    const kept = /kept in (.*)$/m.exec(restored.out)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
    expect(await revisions(kept!)).toBe(3); // the restore itself can be undone
  });

  it('never overwrites a backup file', async () => {
    const db = join(tmp, 'second.db');
    expect((await run('import', FOLDER, '--db', db)).code).toBe(0);
    const file = join(tmp, 'existing');
    await writeFile(file, 'do not touch');
    const r = await run('backup', file, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('already exists; nothing was written');
    expect(await readFile(file, 'utf8')).toBe('do not touch');
  });

  it('refuses to restore a file that is not a Paddock database, leaving the database as it was', async () => {
    const db = join(tmp, 'third.db');
    expect((await run('import', FOLDER, '--db', db)).code).toBe(0);
    const before = await readFile(db);
    const text = join(tmp, 'notes.txt');
    await writeFile(text, 'not a database at all, but long enough to look like a header maybe');
    const r = await run('restore', text, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a readable SQLite database|is not a Paddock database/);
    expect(await readFile(db)).toEqual(before);
    const empty = join(tmp, 'empty.db');
    const emptyDb = await Paddock.open({ file: empty }, { builtIns: false });
    await emptyDb.close();
    const half = await readFile(empty);
    await writeFile(join(tmp, 'torn.db'), half.subarray(0, Math.floor(half.length / 2)));
    const torn = await run('restore', join(tmp, 'torn.db'), '--db', db);
    expect(torn.code).toBe(1);
    expect(await readFile(db)).toEqual(before);
  });

  it('sends PostgreSQL users to pg_dump', async () => {
    const r = await run('backup', join(tmp, 'pg.backup'), '--db', 'postgres://nobody@127.0.0.1:1/none');
    expect(r.code).toBe(1);
    expect(r.err).toContain('pg_dump');
  });
});
