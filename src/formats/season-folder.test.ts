import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePreset, SEASONS_DIR } from './catalog.js';
import { formatLocation } from './locate.js';
import { loadSeasonFiles, loadSeasonFolder, readSeasonFolder } from './season-folder.js';

const FOLDER = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');

let files: Map<string, string>;
beforeAll(async () => {
  const read = await readSeasonFolder(FOLDER);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  files = read.value;
});

const withFile = (name: string, text: string | undefined) => {
  const copy = new Map(files);
  if (text === undefined) copy.delete(name);
  else copy.set(name, text);
  return copy;
};

/** Replaces line n (1-based) of a file's text. */
const editLine = (text: string, n: number, edit: (line: string) => string) =>
  text
    .split('\n')
    .map((l, i) => (i === n - 1 ? edit(l) : l))
    .join('\n');

describe('loading a season from files in memory', () => {
  it('reads every season file of a folder, text exactly as stored', () => {
    expect([...files.keys()]).toContain('results/race-16.csv');
    expect([...files.keys()].filter((f) => f.startsWith('results/'))).toHaveLength(16);
    expect(files.get('season.yaml')).toMatch(/^id: 2024-porsche-carrera-cup-north-america\n/);
  });

  it('gives from memory the same season as from the folder', async () => {
    const fromDisk = await loadSeasonFolder(FOLDER, resolvePreset);
    const fromMemory = await loadSeasonFiles(files, { resolvePreset });
    if (!fromDisk.ok || !fromMemory.ok) throw new Error('did not load');
    expect(fromMemory.value.season).toEqual(fromDisk.value.season);
    expect(fromMemory.value.rulebook).toEqual(fromDisk.value.rulebook);
    expect(fromMemory.value.files).toBe(files);
    expect(fromMemory.value.rulebookFile).toBe('rulebook.yaml');
  });

  it('reports problems in memory with the file, line and column', async () => {
    const broken = withFile(
      'results/race-01.csv',
      editLine(files.get('results/race-01.csv')!, 3, (l) =>
        l.replace(',,classified', ',nobody-at-all,classified'),
      ),
    );
    const loaded = await loadSeasonFiles(broken, { resolvePreset });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map((i) => `${formatLocation(i.location!)}: ${i.message}`)).toContain(
      'results/race-01.csv:3:3: unknown driver "nobody-at-all"',
    );
    const located = await loadSeasonFiles(broken, { resolvePreset, origin: '/some/folder' });
    expect(!located.ok && located.issues[0]!.location!.file).toBe('/some/folder/results/race-01.csv');
  });

  it('refuses a rulebook outside the folder, pointing at season.yaml', async () => {
    for (const outside of ['../rulebook.yaml', '/etc/passwd', 'sub/../../x.yaml', 'C:\\rules.yaml']) {
      const text = files.get('season.yaml')!.replace('rulebook: rulebook.yaml', `rulebook: "${outside}"`);
      const loaded = await loadSeasonFiles(withFile('season.yaml', text), { resolvePreset });
      expect(loaded.ok, outside).toBe(false);
      if (loaded.ok) continue;
      expect(loaded.issues[0]).toMatchObject({
        code: 'season.rulebook-outside',
        location: { file: 'season.yaml', line: 6, column: 11 },
      });
    }
  });

  it('finds a rulebook in a subfolder of the season', async () => {
    const text = files.get('season.yaml')!.replace('rulebook: rulebook.yaml', 'rulebook: rules/./book.yaml');
    const moved = withFile('season.yaml', text);
    moved.set('rules/book.yaml', files.get('rulebook.yaml')!);
    moved.delete('rulebook.yaml');
    const loaded = await loadSeasonFiles(moved, { resolvePreset });
    expect(loaded.ok && loaded.value.rulebookFile).toBe('rules/book.yaml');
  });

  it('says which rulebook file is missing', async () => {
    const loaded = await loadSeasonFiles(withFile('rulebook.yaml', undefined), { resolvePreset });
    expect(!loaded.ok && loaded.issues.map((i) => i.message)).toContain(
      'missing rulebook.yaml, the rulebook season.yaml names',
    );
  });

  it('reads confirmed identities and decisions, and ignores the revision marker', async () => {
    const more = withFile('mappings.yaml', '# confirmed\niracing:900003: james-sofronas\n');
    more.set('result-states.csv', 'session,state,decision\nrace-01,amended,Decision 12: five seconds\n');
    more.set('paddock-revision.yaml', 'this: [is not read');
    const loaded = await loadSeasonFiles(more, { resolvePreset });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.value.mappings).toEqual({ 'iracing:900003': 'james-sofronas' });
    expect(loaded.value.decisions).toEqual(new Map([['race-01', 'Decision 12: five seconds']]));
    expect(loaded.value.season.classifications.find((c) => c.sessionId === 'race-01')!.state).toBe('amended');
  });

  it('reads penalties from adjustments.yaml into the engine, and points at the line of one that cannot apply', async () => {
    const text = [
      '# stewards',
      '- kind: places-penalty',
      '  session: race-01',
      '  entry: 24-kellymoss-loek-hartog',
      '  places: 1',
      '  reason: "Decision 12: track limits"',
      '- kind: time-penalty',
      '  session: race-02',
      '  entry: 20-mdk-gustav-burton',
      '  seconds: 2.5',
      '  reason: Decision 13',
      '',
    ].join('\n');
    const loaded = await loadSeasonFiles(withFile('adjustments.yaml', text), { resolvePreset });
    // The reference season has no race times, so a time penalty cannot reorder race 2.
    expect(!loaded.ok && loaded.issues.map((i) => `${formatLocation(i.location!)}: ${i.code}`)).toEqual([
      'adjustments.yaml:7:3: penalty.no-times',
    ]);
    const placesOnly = text.split('\n').slice(0, 6).join('\n');
    const ok = await loadSeasonFiles(withFile('adjustments.yaml', placesOnly), { resolvePreset });
    if (!ok.ok) throw new Error(JSON.stringify(ok.issues));
    expect(ok.value.season.adjustments).toEqual([
      {
        kind: 'places-penalty',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        places: 1,
        reason: 'Decision 12: track limits',
      },
    ]);
    const bad = await loadSeasonFiles(
      withFile(
        'adjustments.yaml',
        placesOnly.replace('places: 1', 'places: -1').replace('entry:', 'driver:'),
      ),
      { resolvePreset },
    );
    expect(!bad.ok && bad.issues.map((i) => `${formatLocation(i.location!)}: ${i.message}`)).toEqual([
      expect.stringMatching(/^adjustments.yaml:2:\d+: .*entry/),
      expect.stringMatching(/^adjustments.yaml:5:\d+: .*places is a whole number above 0/),
      expect.stringMatching(/^adjustments.yaml:\d+:\d+: .*driver/),
    ]);
  });

  it('points at the line of a mapping that is not a driver id', async () => {
    const loaded = await loadSeasonFiles(withFile('mappings.yaml', 'a: x\nb: [1, 2]\n'), { resolvePreset });
    expect(!loaded.ok && loaded.issues[0]).toMatchObject({ location: { file: 'mappings.yaml', line: 2 } });
  });

  it('does not change the files it is given', async () => {
    const before = new Map(files);
    await loadSeasonFiles(files, { resolvePreset });
    expect(files).toEqual(before);
  });
});

describe('reading a season folder', () => {
  let dir: string;
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reports a file that is not UTF-8, and skips hidden files and other kinds of file', async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'paddock-read-')), 'season');
    await cp(FOLDER, dir, { recursive: true });
    await writeFile(join(dir, '.notes.yaml'), 'hidden');
    await writeFile(join(dir, 'photo.png'), new Uint8Array([0x89, 0x50, 0xff]));
    const ok = await readSeasonFolder(dir);
    expect(ok.ok && [...ok.value.keys()].some((k) => k.includes('notes') || k.endsWith('.png'))).toBe(false);
    await writeFile(join(dir, 'teams.csv'), new Uint8Array([0x69, 0x64, 0xff, 0x0a]));
    const bad = await readSeasonFolder(dir);
    expect(!bad.ok && bad.issues[0]).toMatchObject({
      code: 'file.not-text',
      location: { file: join(dir, 'teams.csv'), line: 1 },
    });
  });
});
