/**
 * Property tests: every importer, fed random bytes, truncated real-shaped files and files in the
 * wrong encoding, returns problems instead of throwing, and every problem names its file and line.
 * Through the command, a failed import leaves the season folder exactly as it was.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { resolvePreset, resolveSeasonDir } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';
import { importArticle } from '../../src/importers/article/import-article.js';
import { RESULT_FORMATS } from '../../src/importers/results/formats/registry.js';
import type { ResultFormat } from '../../src/importers/results/formats/registry.js';
import { collectResults } from '../../src/importers/results/imported-row.js';
import type { ParsedResults } from '../../src/importers/results/imported-row.js';

const fixture = (p: string) => fileURLToPath(new URL(`../fixtures/importers/${p}`, import.meta.url));
const FIXTURES: Record<ResultFormat, string> = {
  'timing-csv': 'timing-csv/03_Classification_Race 1_Official.CSV',
  speedhive: 'speedhive/sebring-race-1-classification.json',
  csv: 'generic-csv/sebring-race-1.csv',
  iracing: 'iracing/sebring-league-race.json',
  acc: 'acc/240315_160000_R.json',
  rfactor: 'rfactor/2024_03_15_Sebring_R1.xml',
};
const samples = Object.fromEntries(
  await Promise.all(
    Object.entries(FIXTURES).map(async ([f, p]) => [f, new Uint8Array(await readFile(fixture(p)))] as const),
  ),
) as Record<ResultFormat, Uint8Array>;
const formats = Object.keys(FIXTURES) as ResultFormat[];

/** Every issue names the file and a line. */
function everyIssueNamesALine(parsed: ParsedResults, file: string): void {
  for (const i of parsed.issues) {
    expect(i.location?.file).toBe(file);
    expect(typeof i.location?.line).toBe('number');
    expect(i.message.length).toBeGreaterThan(0);
  }
}

describe.each(formats)('%s importer', (format) => {
  const parse = (bytes: Uint8Array, file: string, options = {}) =>
    collectResults(RESULT_FORMATS[format], bytes, file, options);
  it('never throws on random bytes, and names the line of every problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const parsed = await parse(bytes, 'random.bin', {});
        everyIssueNamesALine(parsed, 'random.bin');
        if (parsed.rows.length === 0) return;
        for (const r of parsed.rows) expect(r.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });
  it('never throws on a truncated real-shaped file', async () => {
    const full = samples[format];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length }), async (n) => {
        everyIssueNamesALine(await parse(full.slice(0, n), 'cut.txt', {}), 'cut.txt');
      }),
      { numRuns: 200 },
    );
  });
  it('reports a file in the wrong encoding instead of reading garbage', async () => {
    // Latin-1 bytes that are not valid UTF-8 (and, for ACC, not the UTF-16 it expects).
    const text = new TextDecoder(format === 'acc' ? 'utf-16le' : 'utf-8')
      .decode(samples[format])
      .replace(/Hartog/g, 'Härtög');
    const latin1 = new Uint8Array([...text].map((c) => c.charCodeAt(0) & 0xff));
    const parsed = await parse(latin1, 'latin1.txt', {});
    everyIssueNamesALine(parsed, 'latin1.txt');
    expect(parsed.issues.length + parsed.rows.length).toBeGreaterThan(0);
    if (format !== 'acc') expect(parsed.issues.some((i) => i.code === 'import.encoding')).toBe(true);
  });
  it('keeps reading when random bytes are spliced into a real file', async () => {
    const full = samples[format];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: full.length }),
        fc.uint8Array({ minLength: 1, maxLength: 20 }),
        async (at, junk) => {
          const bytes = new Uint8Array([...full.slice(0, at), ...junk, ...full.slice(at)]);
          everyIssueNamesALine(await parse(bytes, 'spliced.txt', {}), 'spliced.txt');
        },
      ),
      // Always tried: a quote spliced into `<?xml` once passed the XML validator and crashed the parser.
      { numRuns: 150, examples: [[2, Uint8Array.from([34])]] },
    );
  });
});

describe('article importer', () => {
  it('never throws on random or truncated text', async () => {
    const seed = await readFile(fixture('article/2024-porsche-carrera-cup-north-america.txt'), 'utf8');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          fc.integer({ min: 0, max: seed.length }).map((n) => seed.slice(0, n)),
        ),
        (text) => {
          const result = importArticle(text, 'a.txt');
          if (!result.ok) for (const i of result.issues) expect(i.location?.file).toBe('a.txt');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('a failed import writes nothing', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  it.each(formats)(
    'leaves the folder byte-for-byte as it was when a broken %s file is rejected',
    async (format) => {
      const tmp = await mkdtemp(join(tmpdir(), 'paddock-fuzz-'));
      dirs.push(tmp);
      const folder = join(tmp, 'season');
      await cp(resolveSeasonDir('2024-pccna')!, folder, { recursive: true });
      const snapshot = async () => {
        const files = (await readdir(folder, { recursive: true })).sort();
        return Promise.all(
          files.map(async (f) => [f, await readFile(join(folder, f), 'utf8').catch(() => '<dir>')]),
        );
      };
      const before = await snapshot();
      const full = samples[format];
      const io: CliIo = { out: () => undefined, err: () => undefined, color: false, isTTY: false };
      const map = ['--map', 'position=Pos,car=No,driver=Driver,laps=Laps,laps_led=Led,status=Result'];
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (n) => {
          const file = join(tmp, `cut-${format}`);
          // Cut short and ended with a byte that is valid in no encoding the importers accept here.
          await writeFile(file, new Uint8Array([...full.slice(0, n), 0xff, 0xfe, 0xff]));
          const args = ['node', 'paddock', 'import-results', folder, 'race-01', file, '--format', format];
          const code = await main(format === 'csv' ? [...args, ...map] : args, io);
          expect(code).toBe(1);
          expect(await snapshot()).toEqual(before);
        }),
        { numRuns: format === 'timing-csv' ? 25 : 8 },
      );
    },
  );
});

describe('generated imports', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  it('either import into a folder that loads with exactly the rows given, or change nothing and name file and line', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'paddock-generated-'));
    dirs.push(tmp);
    const pristine = join(tmp, 'pristine');
    await cp(resolveSeasonDir('2024-pccna')!, pristine, { recursive: true });
    const loaded = await loadSeasonFolder(pristine, resolvePreset);
    if (!loaded.ok) throw new Error('reference season');
    const { season } = loaded.value;
    const event = season.sessions.find((s) => s.id === 'race-01')!.eventId;
    const cars = season.entries
      .filter((e) => e.eventIds.includes(event))
      .map((e) => ({
        id: e.id,
        car: e.car,
        name: season.drivers.find((d) => d.id === e.driverIds[0])!.name,
      }));
    const io: CliIo = { out: () => undefined, err: () => undefined, color: false, isTTY: false };
    const count = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(-1, 10_001, 1e21, 4294967297));
    const generatedRow = fc.record({
      car: fc.integer({ min: 0, max: cars.length - 1 }),
      status: fc.constantFrom('Finished', 'Finished', 'Finished', 'DNF', 'DNS', 'DSQ', 'NC', 'Crashed'),
      laps: count,
      led: count,
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(generatedRow, { minLength: 0, maxLength: 12 }), async (rows) => {
        const folder = join(tmp, `s${run++}`);
        await cp(pristine, folder, { recursive: true });
        const before = await readFile(join(folder, 'results', 'race-01.csv'), 'utf8');
        let position = 0;
        const lines = rows.map((r) => {
          const c = cars[r.car]!;
          const pos = r.status === 'Finished' ? String(++position) : '';
          return `${pos},${c.car},${c.name},${r.status},${r.laps},${r.led}`;
        });
        const file = join(tmp, `g${run}.csv`);
        await writeFile(file, `Pos,No,Driver,Result,Laps,Led\n${lines.join('\n')}\n`);
        let err = '';
        const code = await main(
          [
            'node',
            'paddock',
            'import-results',
            folder,
            'race-01',
            file,
            '--format',
            'csv',
            '--map',
            'status=Result',
          ],
          { ...io, err: (t) => void (err += `${t}\n`) },
        );
        const after = await loadSeasonFolder(folder, resolvePreset);
        // Whatever happened, the folder loads.
        expect(after.ok).toBe(true);
        if (!after.ok) return;
        const valid =
          rows.length > 0 &&
          new Set(rows.map((r) => r.car)).size === rows.length &&
          rows.every(
            (r) => r.status !== 'Crashed' && r.laps >= 0 && r.laps <= 10_000 && r.led >= 0 && r.led <= r.laps,
          );
        expect(code).toBe(valid ? 0 : 1);
        if (code === 0) {
          const got = after.value.season.classifications.find((c) => c.sessionId === 'race-01')!.rows;
          const status = { Finished: 'classified', DNF: 'DNF', DNS: 'DNS', DSQ: 'DSQ', NC: 'NC' } as const;
          const expected = rows
            .map((r, i) => ({
              r,
              i,
              pos:
                r.status === 'Finished'
                  ? rows.slice(0, i + 1).filter((x) => x.status === 'Finished').length
                  : undefined,
            }))
            .sort((a, b) => (a.pos ?? Infinity) - (b.pos ?? Infinity) || a.i - b.i)
            .map(({ r, pos }) => ({
              entryId: cars[r.car]!.id,
              status: status[r.status as keyof typeof status],
              ...(pos === undefined ? {} : { position: pos }),
              laps: r.laps,
              lapsLed: r.led,
            }));
          expect(got).toEqual(expected);
        } else {
          expect(await readFile(join(folder, 'results', 'race-01.csv'), 'utf8')).toBe(before);
          const messages = err
            .split('\n')
            .filter((l) => l && !l.startsWith('    hint:') && !l.endsWith('nothing was written.'));
          expect(messages.length).toBeGreaterThan(0);
          for (const m of messages)
            expect(m).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
        }
        await rm(folder, { recursive: true, force: true });
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
