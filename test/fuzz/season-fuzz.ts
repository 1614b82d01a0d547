/**
 * The season-folder fuzz campaign (issue 15): mutated copies of the reference season's folder, each
 * checked by `paddock check`. Prints its counts; a run passes with 0 crashes, 0 hangs over 10 s,
 * every refusal's messages naming their file and line, and every folder that `check` accepts
 * importing into a database, loading back and scoring every championship.
 *
 *   npx tsx test/fuzz/season-fuzz.ts [--folders 1000] [--seed 1]
 *   npm run fuzz:seasons
 *
 * Each folder has one to three files mutated (a seeded generator, so a run repeats exactly): the CSV
 * files with the importer campaign's mutations (truncation, swapped columns, random bytes, huge and
 * negative numbers, duplicated rows, unicode, byte-order marks, CRLF and CR, very long lines,
 * emptied fields), the YAML files with those and with alias bombs, unknown tags, duplicated keys
 * and deep nesting. Folders are made one at a time in the child that checks them (bench and test
 * runs share test/fuzz/driver.ts with the importer campaign). A smaller seeded run is part of
 * `npm test` (season-fuzz.test.ts).
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Paddock } from '../../src/app/index.js';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { resolveSeasonDir } from '../../src/formats/catalog.js';
import { readSeasonFolder } from '../../src/formats/season-folder.js';
import { childMain, escapeRegExp, HANG_MS, runInChildren } from './driver.js';
import type { Outcome } from './driver.js';
import { mutate, seeded } from './importers-fuzz.js';

type Random = ReturnType<typeof seeded>;

export interface SeasonTask {
  readonly index: number;
  readonly seed: number;
}

export type SeasonOutcome = Outcome<SeasonTask> & { readonly applied: readonly string[] };

const YAML_MUTATIONS: Record<string, (t: string, r: Random) => string> = {
  'alias bomb': (t, r) => {
    const levels = 6 + r.int(6);
    const lines = ['bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++)
      lines.push(`bomb${i}: &b${i} [${Array.from({ length: 9 }, () => `*b${i - 1}`).join(', ')}]`);
    return `${t.trimEnd()}\n${lines.join('\n')}\n`;
  },
  'unknown tag': (t, r) => {
    const tag = r.pick(['!!js/function', '!!python/object', '!custom', '!!binary', '!!set']);
    const values = [...t.matchAll(/: (\S)/g)];
    if (!values.length) return `${tag} x\n${t}`;
    const m = r.pick(values);
    return `${t.slice(0, m.index + 2)}${tag} ${t.slice(m.index + 2)}`;
  },
  'duplicated key': (t, r) => {
    const lines = t.split('\n');
    const keys = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+:/.test(l));
    if (!keys.length) return t;
    const [line, i] = r.pick(keys);
    lines.splice(i + 1, 0, line);
    return lines.join('\n');
  },
  'deep nesting': (t, r) => {
    const depth = 1_000 + r.int(100_000);
    return `${t.trimEnd()}\nnested: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  },
};

/** The files of the task's folder: the reference season's, one to three of them mutated. */
export function mutatedFolder(
  base: ReadonlyMap<string, string>,
  task: SeasonTask,
): { files: Map<string, Uint8Array>; applied: string[] } {
  const files = new Map<string, Uint8Array>(
    [...base].map(([name, text]) => [name, new TextEncoder().encode(text)]),
  );
  if (task.index === 0) return { files, applied: [] };
  const r = seeded(task.seed * 7919 + task.index);
  const names = [...base.keys()];
  const yaml = names.filter((n) => n.endsWith('.yaml'));
  const applied: string[] = [];
  for (let k = 1 + r.int(3); k > 0; k--) {
    const name = r.next() < 0.4 ? r.pick(yaml) : r.pick(names);
    const text = new TextDecoder().decode(files.get(name));
    if (name.endsWith('.yaml') && r.next() < 0.4) {
      const m = r.pick(Object.keys(YAML_MUTATIONS));
      files.set(name, new TextEncoder().encode(YAML_MUTATIONS[m]!(text, r)));
      applied.push(`${name}: ${m}`);
    } else {
      const m = mutate(text, 'csv', r);
      files.set(name, m.bytes);
      applied.push(...m.applied.map((a) => `${name}: ${a}`));
    }
  }
  return { files, applied };
}

/** Checks each task's folder (written into `work`) and the campaign's rules. */
export async function runSeasonTasks(
  tasks: readonly SeasonTask[],
  work: string,
  on: { start?: (i: number) => void; outcome?: (o: SeasonOutcome) => void } = {},
  from = 0,
): Promise<SeasonOutcome[]> {
  const read = await readSeasonFolder(resolveSeasonDir('2024-pccna')!);
  if (!read.ok) throw new Error('the reference season does not read');
  const outcomes: SeasonOutcome[] = [];
  const folder = join(work, 'season');
  for (let i = from; i < tasks.length; i++) {
    const task = tasks[i]!;
    on.start?.(i);
    const { files, applied } = mutatedFolder(read.value, task);
    await rm(folder, { recursive: true, force: true });
    for (const [name, bytes] of files) {
      await mkdir(dirname(join(folder, name)), { recursive: true });
      await writeFile(join(folder, name), bytes);
    }
    const lines: string[] = [];
    const io: CliIo = {
      out: () => undefined,
      err: (t) => void lines.push(...t.split('\n')),
      color: false,
      isTTY: false,
    };
    const t0 = performance.now();
    let code: Outcome<SeasonTask>['code'];
    let failure: string | undefined;
    try {
      code = await main(['node', 'paddock', 'check', folder], io);
      if (code === 0) failure = await importAndScore(folder);
      else if (code === 1) {
        const located = new RegExp(`^${escapeRegExp(folder)}/[^:]+:\\d+(:\\d+)?: \\S`);
        const unlocated = lines.filter(
          (l) =>
            l !== '' &&
            !l.startsWith('    hint: ') &&
            !/more problems?|problems? found/.test(l) &&
            !located.test(l),
        );
        if (!lines.some((l) => located.test(l)))
          failure = `refused without a message naming file and line: ${lines[0]?.slice(0, 160) ?? ''}`;
        else if (unlocated.length)
          failure = `a message without file and line: ${unlocated[0]!.slice(0, 160)}`;
      } else failure = `exit code ${code}: ${lines.slice(0, 2).join(' | ').slice(0, 200)}`;
    } catch (e) {
      code = 'crash';
      failure = `threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}`;
    }
    const ms = performance.now() - t0;
    if (ms > HANG_MS) failure ??= `took ${(ms / 1000).toFixed(1)} s`;
    const outcome: SeasonOutcome = { task, code, ms, applied, ...(failure ? { failure } : {}) };
    outcomes.push(outcome);
    on.outcome?.(outcome);
  }
  return outcomes;
}

/** A folder `check` accepted: imported into a database, loaded back, every championship scored. */
async function importAndScore(folder: string): Promise<string | undefined> {
  const app = await Paddock.open({ file: ':memory:' }, { builtIns: false });
  try {
    const imported = await app.importFolder(folder, {
      change: { author: 'fuzz', reason: 'fuzz', origin: 'folder' },
    });
    if (!imported.ok) return `checked, but the import refused it: ${imported.issues[0]?.message ?? ''}`;
    app.forgetVersions();
    const sv = await app.open(imported.value.seasonId);
    if (!sv.ok) return `imported, but it does not load from the database: ${sv.issues[0]?.message ?? ''}`;
    const standings = app.standings(sv.value);
    if (!standings.ok) return `loaded, but not scored: ${standings.issues[0]?.message ?? ''}`;
    return undefined;
  } finally {
    await app.close();
  }
}

/** The counts a campaign prints. */
export function summarizeSeasons(outcomes: readonly SeasonOutcome[]): string {
  const n = (f: (o: SeasonOutcome) => boolean) => outcomes.filter(f).length;
  const slowest = Math.max(0, ...outcomes.map((o) => o.ms));
  return (
    `  ${outcomes.length} folders: ${n((o) => o.code === 0)} accepted, ${n((o) => o.code === 1)} refused; ` +
    `crashes ${n((o) => o.code === 'crash' || /^threw/.test(o.failure ?? ''))}, hangs ${n((o) => o.code === 'hang' || o.ms > HANG_MS)}, ` +
    `messages without file and line ${n((o) => /file and line/.test(o.failure ?? ''))}, ` +
    `accepted but not importable, loadable or scored ${n((o) => /^(checked|imported|loaded),/.test(o.failure ?? ''))}, ` +
    `other failures ${n((o) => o.failure !== undefined && !/file and line|^threw|^(checked|imported|loaded),|took|no answer|died/.test(o.failure))}; ` +
    `slowest ${(slowest / 1000).toFixed(2)} s`
  );
}

async function campaign(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const count = Number(arg('folders', '1000'));
  const seed = Number(arg('seed', '1'));
  const dir = await mkdtemp(join(tmpdir(), 'paddock-season-fuzz-'));
  const t0 = performance.now();
  try {
    const tasks: SeasonTask[] = Array.from({ length: count }, (_, index) => ({ index, seed }));
    const outcomes = (await runInChildren(fileURLToPath(import.meta.url), tasks, dir, [
      dir,
    ])) as SeasonOutcome[];
    const applied = new Map<string, number>();
    for (const o of outcomes)
      for (const a of o.applied ?? []) {
        const m = a.slice(a.indexOf(': ') + 2);
        applied.set(m, (applied.get(m) ?? 0) + 1);
      }
    console.log(
      `paddock season-folder fuzz campaign: ${count} folders (seed ${seed}), ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    console.log(`  mutations applied: ${[...applied].map(([m, k]) => `${m} ${k}`).join(', ')}`);
    console.log(summarizeSeasons(outcomes));
    const failures = outcomes.filter((o) => o.failure !== undefined);
    for (const f of failures.slice(0, 20))
      console.log(`  FAIL #${f.task.index} [${(f.applied ?? []).join('; ')}]: ${f.failure}`);
    console.log(failures.length ? `${failures.length} failure(s)` : 'no failures');
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'child')
    await childMain<SeasonTask>(process.argv.slice(3), (tasks, on, from, [work]) =>
      runSeasonTasks(tasks, work!, on, from),
    );
  else await campaign();
}
