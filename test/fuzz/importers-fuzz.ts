/**
 * The importer fuzz campaign (issue 15): mutated result files of every format, each imported by
 * `paddock import-results` into a copy of the reference season. Prints its counts; a run passes with
 * 0 crashes, 0 hangs over 10 s, 0 imports that leave a folder that does not load (or a refused
 * import that changed it), and every message naming its file and line.
 *
 *   npx tsx test/fuzz/importers-fuzz.ts [--files 300] [--seed 1] [--formats csv,iracing]
 *   npm run fuzz:importers
 *
 * Mutations (one to three per file, from a seeded generator, so a run can be repeated exactly):
 * truncation, swapped columns, random bytes, huge numbers, negative values, duplicated rows,
 * unicode, byte-order marks, CRLF and CR line ends, very long lines, emptied fields. The imports run
 * in a child process with a watchdog: a file that takes more than 10 s is a hang, the child is
 * killed and the campaign goes on with the next file. A smaller seeded run is part of `npm test`
 * (importers-fuzz.test.ts).
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { childMain, escapeRegExp, HANG_MS, runInChildren } from './driver.js';
import type { Outcome as DriverOutcome } from './driver.js';
import type { CliIo } from '../../src/cli/io.js';
import { resolvePreset, resolveSeasonDir } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';

export const FORMATS = ['timing-csv', 'speedhive', 'csv', 'iracing', 'acc', 'rfactor'] as const;
export type FuzzFormat = (typeof FORMATS)[number];

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/importers/${p}`, import.meta.url));
const BASES: Record<FuzzFormat, { file: string; args: readonly string[]; encoding: 'utf-8' | 'utf-16le' }> = {
  'timing-csv': { file: 'timing-csv/03_Classification_Race 1_Official.CSV', args: [], encoding: 'utf-8' },
  speedhive: { file: 'speedhive/sebring-race-1-classification.json', args: [], encoding: 'utf-8' },
  csv: {
    file: 'generic-csv/sebring-race-1.csv',
    args: ['--map', 'position=Pos,car=No,driver=Driver,team=Team,laps=Laps,laps_led=Led,status=Result'],
    encoding: 'utf-8',
  },
  iracing: {
    file: 'iracing/sebring-league-race.json',
    args: ['--assign', 'iracing:900003=james-sofronas'],
    encoding: 'utf-8',
  },
  acc: { file: 'acc/240315_160000_R.json', args: [], encoding: 'utf-16le' },
  rfactor: { file: 'rfactor/2024_03_15_Sebring_R1.xml', args: [], encoding: 'utf-8' },
};

/** Past this, a file's import is a hang. */

/** A small seeded generator (mulberry32): the same seed gives the same files. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof seeded>;

const encode = (text: string, encoding: 'utf-8' | 'utf-16le'): Uint8Array => {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
};

const HUGE = ['1e308', '99999999999999999999', '4294967297', '1e21', '9007199254740993', '2147483648', '1.5'];
const NEGATIVE = ['-1', '-2147483648', '-0', '-21'];
const UNICODE = [
  'é',
  'e\u0301',
  '😀',
  '\u202e',
  '\uFFFD',
  '\u0000',
  'Ω',
  '\u2028',
  '\u00a0',
  '\\ud800',
  '\t',
];

/** Replaces the n-th match of `re` in `text` by `by(match)`. */
function replaceNth(text: string, re: RegExp, r: Random, by: (m: string) => string): string {
  const matches = [...text.matchAll(new RegExp(re.source, 'g'))];
  if (!matches.length) return text;
  const m = r.pick(matches);
  return text.slice(0, m.index) + by(m[0]) + text.slice(m.index + m[0].length);
}

/** The numbers of the fields an importer reads, per format: most number mutations hit one of them. */
const FIELD_NUMBERS: Partial<Record<FuzzFormat, RegExp>> = {
  speedhive: /("(?:position|numberOfLaps|positionInClass)":\s*)(-?[\d.e+]+)/,
  iracing:
    /("(?:finish_position|finish_position_in_class|laps_lead|laps_complete|best_lap_time|incidents|cust_id)":\s*)(-?[\d.e+]+)/,
  acc: /("(?:raceNumber|cupCategory|lapCount|bestLap|totalTime|laptime|carId)":\s*)(-?[\d.e+]+)/,
  rfactor: /(<(?:Position|ClassPosition|Laps|BestLapTime|FinishTime|CarNumber)>)(-?[\d.]+)/,
};

/** Replaces a number: in a field an importer reads (a data cell of a CSV) most of the time. */
function replaceNumber(t: string, r: Random, format: FuzzFormat, by: () => string): string {
  if (r.next() < 0.25) return replaceNth(t, /\b\d+(\.\d+)?\b/, r, by);
  const field = FIELD_NUMBERS[format];
  if (field)
    return replaceNth(t, field, r, (m) =>
      m.replace(new RegExp(field.source), (_, key: string) => `${key}${by()}`),
    );
  const lines = t.split('\n');
  const i = 1 + r.int(Math.max(1, lines.length - 2));
  const d = (lines[0] ?? '').includes(';') ? ';' : ',';
  const cells = (lines[i] ?? '').split(d);
  cells[r.int(cells.length)] = by();
  lines[i] = cells.join(d);
  return lines.join('\n');
}

/** Text mutations: each takes the file's text and returns a mutated text and its name. */
const TEXT_MUTATIONS: Record<string, (text: string, r: Random, format: FuzzFormat) => string> = {
  truncation: (t, r) => t.slice(0, r.int(t.length)),
  'swapped columns': (t, r, format) => {
    if (format === 'csv' || format === 'timing-csv') {
      const lines = t.split('\n');
      const d = (lines[0] ?? '').includes(';') ? ';' : ',';
      const width = (lines[0] ?? '').split(d).length;
      const [a, b] = [r.int(width), r.int(width)];
      const all = r.next() < 0.5;
      return lines
        .map((l, i) => {
          if (!all && i !== 0) return l;
          const cells = l.split(d);
          if (a < cells.length && b < cells.length) [cells[a], cells[b]] = [cells[b]!, cells[a]!];
          return cells.join(d);
        })
        .join('\n');
    }
    if (format === 'rfactor') {
      const els = [...t.matchAll(/<(\w+)>([^<]*)<\/\1>/g)];
      if (els.length < 2) return t;
      const [x, y] = [r.pick(els), r.pick(els)];
      return t.replace(x[0], `<${x[1]}>${y[2]}</${x[1]}>`);
    }
    // JSON: the values of two keys swapped.
    const values = [...t.matchAll(/"(\w+)":\s*("[^"]*"|-?\d+(\.\d+)?|true|false|null)/g)];
    if (values.length < 2) return t;
    const [x, y] = [r.pick(values), r.pick(values)];
    return t.replace(x[0], `"${x[1]}": ${y[2]}`);
  },
  'huge numbers': (t, r, format) => replaceNumber(t, r, format, () => r.pick(HUGE)),
  'negative values': (t, r, format) => replaceNumber(t, r, format, () => r.pick(NEGATIVE)),
  duplicates: (t, r, format) => {
    if (format === 'rfactor') return replaceNth(t, /<Driver>[\s\S]*?<\/Driver>/, r, (m) => `${m}\n${m}`);
    if (format === 'csv' || format === 'timing-csv') {
      const lines = t.split('\n');
      const i = 1 + r.int(Math.max(1, lines.length - 1));
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    try {
      const doc = JSON.parse(t.replace(/^\uFEFF/, '')) as Record<string, unknown>;
      const arrays: unknown[][] = [];
      const walk = (v: unknown) => {
        if (Array.isArray(v)) {
          if (v.length && typeof v[0] === 'object') arrays.push(v);
          v.forEach(walk);
        } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(doc);
      if (!arrays.length) return t;
      const a = r.pick(arrays);
      a.splice(r.int(a.length), 0, a[r.int(a.length)]);
      return JSON.stringify(doc, null, 2);
    } catch {
      return t;
    }
  },
  unicode: (t, r) => {
    const at = r.int(t.length);
    return t.slice(0, at) + r.pick(UNICODE) + t.slice(at);
  },
  'unicode names': (t) => t.replace(/Hartog/g, 'Härtög').replace(/Burton/g, 'Bürton\u0301'),
  BOM: (t, r) => (t.startsWith('\uFEFF') ? (r.next() < 0.5 ? t.slice(1) : `\uFEFF${t}`) : `\uFEFF${t}`),
  CRLF: (t, r) => (r.next() < 0.7 ? t.replace(/\r?\n/g, '\r\n') : t.replace(/\r?\n/g, '\r')),
  'very long lines': (t, r) => {
    const at = r.int(t.length);
    return t.slice(0, at) + 'x'.repeat(50_000 + r.int(2_500_000)) + t.slice(at);
  },
  'emptied field': (t, r, format) =>
    format === 'csv' || format === 'timing-csv'
      ? replaceNth(t, /[^;,\n]+/, r, () => '')
      : format === 'rfactor'
        ? replaceNth(t, /<(\w+)>[^<]*<\/\1>/, r, (m) => m.replace(/>[^<]*</, '><'))
        : replaceNth(t, /:\s*("[^"]*"|-?\d+)/, r, () => ': ""'),
};
const BYTE_MUTATIONS: Record<string, (b: Uint8Array, r: Random) => Uint8Array> = {
  'random bytes': (b, r) => {
    const junk = Uint8Array.from({ length: 1 + r.int(20) }, () => r.int(256));
    const at = r.int(b.length + 1);
    if (r.next() < 0.5) return new Uint8Array([...b.subarray(0, at), ...junk, ...b.subarray(at)]);
    const out = new Uint8Array(b);
    out.set(junk.subarray(0, Math.max(0, out.length - at)), at);
    return out;
  },
};
export const MUTATIONS = [...Object.keys(TEXT_MUTATIONS), ...Object.keys(BYTE_MUTATIONS)];

/** One mutated file: its bytes and the mutations applied, in order. */
export function mutate(
  base: string,
  format: FuzzFormat,
  r: Random,
): { bytes: Uint8Array; applied: string[] } {
  const applied: string[] = [];
  let text = base;
  const count = 1 + r.int(3);
  const chosen = Array.from({ length: count }, () => r.pick(MUTATIONS));
  for (const name of chosen.filter((n) => n in TEXT_MUTATIONS)) {
    text = TEXT_MUTATIONS[name]!(text, r, format);
    applied.push(name);
  }
  let bytes = encode(text, BASES[format].encoding);
  for (const name of chosen.filter((n) => n in BYTE_MUTATIONS)) {
    bytes = BYTE_MUTATIONS[name]!(bytes, r);
    applied.push(name);
  }
  return { bytes, applied };
}

export interface Task {
  readonly format: FuzzFormat;
  readonly file: string;
  readonly applied: readonly string[];
}

export type Outcome = DriverOutcome<Task>;

/** Writes `perFormat` mutated files of every format (and the untouched bases) into `dir`. */
export async function writeTasks(
  dir: string,
  perFormat: number,
  seed: number,
  formats: readonly FuzzFormat[] = FORMATS,
): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const format of formats) {
    const base = BASES[format];
    const bytes = await readFile(fixture(base.file));
    const text = new TextDecoder(base.encoding).decode(bytes);
    const r = seeded(seed * 7919 + FORMATS.indexOf(format));
    await mkdir(join(dir, format), { recursive: true });
    for (let i = 0; i < perFormat; i++) {
      // The first file of each format is the untouched fixture, which must import.
      const m = i === 0 ? { bytes: new Uint8Array(bytes), applied: [] } : mutate(text, format, r);
      const file = join(
        dir,
        format,
        `fuzz-${String(i).padStart(4, '0')}${base.file.slice(base.file.lastIndexOf('.'))}`,
      );
      await writeFile(file, m.bytes);
      tasks.push({ format, file, applied: m.applied });
    }
  }
  return tasks;
}

/** A digest of every file of a folder, to tell whether a refused import changed anything. */
async function digest(folder: string): Promise<string> {
  const hash = createHash('sha256');
  for (const f of (await readdir(folder, { recursive: true })).sort()) {
    const content = await readFile(join(folder, f)).catch(() => Buffer.from('<dir>'));
    hash.update(f).update('\0').update(content).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Imports each task's file into `folder` (a copy of the reference season, restored after every
 * successful import) and checks the campaign's rules; `onStart` is told before each file.
 */
export async function runTasks(
  tasks: readonly Task[],
  folder: string,
  on: { start?: (i: number) => void; outcome?: (o: Outcome) => void } = {},
  from = 0,
): Promise<Outcome[]> {
  const pristine = `${folder}.pristine`;
  const clean = await digest(pristine);
  const outcomes: Outcome[] = [];
  for (let i = from; i < tasks.length; i++) {
    const task = tasks[i]!;
    on.start?.(i);
    if ((await digest(folder)) !== clean) {
      await rm(folder, { recursive: true, force: true });
      await cp(pristine, folder, { recursive: true });
    }
    const lines: string[] = [];
    const io: CliIo = {
      out: () => undefined,
      err: (t) => void lines.push(...t.split('\n')),
      color: false,
      isTTY: false,
    };
    const t0 = performance.now();
    let code: Outcome['code'];
    let failure: string | undefined;
    try {
      code = await main(
        [
          'node',
          'paddock',
          'import-results',
          folder,
          'race-01',
          task.file,
          '--format',
          task.format,
          ...BASES[task.format].args,
        ],
        io,
      );
    } catch (e) {
      code = 'crash';
      failure = `threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}`;
    }
    const ms = performance.now() - t0;
    if (code === 0) {
      const loaded = await loadSeasonFolder(folder, resolvePreset);
      if (!loaded.ok) failure = `imported, but the folder does not load: ${loaded.issues[0]?.message ?? ''}`;
    } else if (code === 1) {
      if ((await digest(folder)) !== clean) failure = 'refused, but the folder changed';
      const located = new RegExp(`^${escapeRegExp(task.file)}:\\d+(:\\d+)?: \\S`);
      const unlocated = lines.filter(
        (l) =>
          l !== '' && !l.startsWith('    hint: ') && !l.endsWith('nothing was written.') && !located.test(l),
      );
      if (!lines.some((l) => located.test(l))) failure ??= 'refused without a message naming file and line';
      else if (unlocated.length)
        failure ??= `a message without file and line: ${unlocated[0]!.slice(0, 160)}`;
    } else if (code !== 'crash')
      failure = `exit code ${code}: ${lines.slice(0, 2).join(' | ').slice(0, 200)}`;
    if (ms > HANG_MS) failure ??= `took ${(ms / 1000).toFixed(1)} s`;
    const outcome: Outcome = { task, code, ms, ...(failure ? { failure } : {}) };
    outcomes.push(outcome);
    on.outcome?.(outcome);
  }
  return outcomes;
}

/** A copy of the reference season to import into, and its pristine twin. */
export async function prepareFolder(dir: string): Promise<string> {
  const folder = join(dir, 'season');
  await cp(resolveSeasonDir('2024-pccna')!, `${folder}.pristine`, { recursive: true });
  await cp(`${folder}.pristine`, folder, { recursive: true });
  return folder;
}

/** The counts a campaign prints, per format and in total. */
export function summarize(outcomes: readonly Outcome[]): string[] {
  const out: string[] = [];
  const row = (label: string, os: readonly Outcome[]) => {
    const n = (f: (o: Outcome) => boolean) => os.filter(f).length;
    const slowest = Math.max(0, ...os.map((o) => o.ms));
    out.push(
      `  ${label.padEnd(11)} ${String(os.length).padStart(5)} files: ${String(n((o) => o.code === 0)).padStart(4)} imported, ` +
        `${String(n((o) => o.code === 1)).padStart(4)} refused; crashes ${n((o) => o.code === 'crash')}, ` +
        `hangs ${n((o) => o.code === 'hang' || o.ms > HANG_MS)}, folders not loading ${n((o) => /does not load|folder changed/.test(o.failure ?? ''))}, ` +
        `messages without file and line ${n((o) => /without (a message naming )?file and line/.test(o.failure ?? ''))}, ` +
        `other failures ${n((o) => o.failure !== undefined && !/does not load|folder changed|file and line|took|threw/.test(o.failure))}; slowest ${(slowest / 1000).toFixed(2)} s`,
    );
  };
  for (const f of FORMATS) {
    const os = outcomes.filter((o) => o.task.format === f);
    if (os.length) row(f, os);
  }
  row('all', outcomes);
  return out;
}

/** Child: runs tasks from `from`, telling the parent when each starts and what came out. */
const child = () =>
  childMain<Task>(process.argv.slice(3), (tasks, on, from, [folder]) => runTasks(tasks, folder!, on, from));

/** Parent: forks the child, restarts it after a hang or a dead process, and prints the counts. */
async function campaign(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const perFormat = Number(arg('files', '300'));
  const seed = Number(arg('seed', '1'));
  const formats = arg('formats', FORMATS.join(',')).split(',') as FuzzFormat[];
  const dir = await mkdtemp(join(tmpdir(), 'paddock-fuzz-'));
  const t0 = performance.now();
  try {
    const tasks = await writeTasks(join(dir, 'files'), perFormat, seed, formats);
    const folder = await prepareFolder(dir);
    const outcomes = await runInChildren(fileURLToPath(import.meta.url), tasks, dir, [folder]);
    const applied = new Map<string, number>();
    for (const t of tasks) for (const m of t.applied) applied.set(m, (applied.get(m) ?? 0) + 1);
    console.log(
      `paddock importer fuzz campaign: ${tasks.length} files (${perFormat} per format, seed ${seed}), ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    console.log(`  mutations applied: ${[...applied].map(([m, n]) => `${m} ${n}`).join(', ')}`);
    for (const line of summarize(outcomes)) console.log(line);
    const failures = outcomes.filter((o) => o.failure !== undefined);
    for (const f of failures.slice(0, 20))
      console.log(
        `  FAIL ${f.task.format} ${f.task.file.split('/').pop()} [${f.task.applied.join(', ')}]: ${f.failure}`,
      );
    console.log(failures.length ? `${failures.length} failure(s)` : 'no failures');
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'child') await child();
  else await campaign();
}
