/**
 * Every concrete `paddock` example in the README's command blocks runs and exits 0 (examples with
 * placeholders such as <season-folder>, and the long-running serve, live and replay, are left to
 * their own tests). Each block runs in a fresh folder, as a reader would type it there.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../../src/app/index.js';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { commandLine, isPaddockLine, runWith } from '../support/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const REFERENCE = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');
const LONG_RUNNING = /^paddock (serve|live|replay|build)\b/;

/** The `paddock ...` lines of each ```bash block, comments dropped, `a | b x` split in two. */
async function readmeBlocks(): Promise<string[][]> {
  const text = await readFile(join(ROOT, 'README.md'), 'utf8');
  return [...text.matchAll(/```bash\n([\s\S]*?)```/g)]
    .map((m) =>
      m[1]!
        .split('\n')
        .map((l) => l.replace(/\s+#.*$/, '').trim())
        .filter(isPaddockLine)
        .flatMap((l) => {
          const alternatives = /^paddock (\w+) \| (\w+) (.*)$/.exec(l);
          return alternatives
            ? [
                `paddock ${alternatives[1]} ${alternatives[3]}`,
                `paddock ${alternatives[2]} ${alternatives[3]}`,
              ]
            : [l];
        }),
    )
    .filter((block) => block.length);
}

const runnable = (line: string) =>
  !line.includes('<') && !LONG_RUNNING.test(line.slice(line.indexOf('paddock ')));

describe('README examples', () => {
  const cwd = process.cwd();
  const saved = { db: process.env['PADDOCK_DB'], url: process.env['DATABASE_URL'] };
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'paddock-readme-'));
    delete process.env['PADDOCK_DB'];
    delete process.env['DATABASE_URL'];
  });
  afterAll(async () => {
    process.chdir(cwd);
    if (saved.db !== undefined) process.env['PADDOCK_DB'] = saved.db;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
    await rm(tmp, { recursive: true, force: true });
  });

  it('runs every concrete command of every block', async () => {
    const blocks = await readmeBlocks();
    const ran: string[] = [];
    for (const [b, block] of blocks.entries()) {
      const dir = await mkdtemp(join(tmp, `block-${b}-`));
      process.chdir(dir);
      // History examples (diff 3 4, revert 3) need revisions: the reference season with three edits.
      if (block.some((l) => /^paddock (history|diff|revert)\b/.test(l))) {
        const app = await Paddock.open({ file: join(dir, 'paddock.db') });
        const change = { author: 'readme', origin: 'cli' } as const;
        expect((await app.importFolder(REFERENCE, { change: { ...change, reason: 'import' } })).ok).toBe(
          true,
        );
        for (const session of ['race-01', 'race-02', 'race-03'])
          await app.edit(
            '2024-pccna',
            { kind: 'state', sessionId: session, state: 'final' },
            { ...change, reason: `${session} confirmed` },
          );
        await app.close();
      }
      for (const line of block.filter(runnable)) {
        const { env, args } = commandLine(line.replace('path/to/season-folder', REFERENCE));
        const r = await runWith(env, ...args);
        expect(r.code, `${line}\n${r.err}`).toBe(0);
        ran.push(line);
      }
      process.chdir(cwd);
    }
    expect(ran).toEqual(
      expect.arrayContaining([
        'paddock import path/to/season-folder',
        'paddock import out/',
        'paddock standings 2024-pccna',
        'paddock diff 2024-pccna 3 4',
        'paddock revert 2024-pccna 3 --reason "..."',
      ]),
    );
  }, 240_000);
});
