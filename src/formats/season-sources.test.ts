import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Season } from '../engine/index.js';
import { replaceFolder } from './replace-folder.js';
import { loadSeasonFolder } from './season-folder.js';
import { seasonFolderFiles, writeSeasonFolder } from './write-season-folder.js';

const tmp = await mkdtemp(join(tmpdir(), 'paddock-sources-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const rulebook = `id: tiny
name: Tiny
scales: { s: [9, 6] }
championships:
  - { id: drivers, name: Drivers, points: { race: s } }
`;

// A two-car Grand Prix with what imported seasons carry beyond the hand-entered ones: the credit
// a licence asks for, entrant/engine/tyres on entries, and a driver published as excluded.
const season: Season = {
  id: 'tiny',
  name: 'Tiny',
  year: 1997,
  series: { id: 's', name: 'S' },
  aliases: [],
  classes: [{ id: 'f1', name: 'F1' }],
  events: [{ id: 'e', round: 1, name: 'E', circuit: 'C', tags: [] }],
  sessions: [{ id: 'e-race', eventId: 'e', type: 'race', name: 'Race', race: 1 }],
  drivers: [
    { id: 'a', name: 'A' },
    { id: 'b', name: 'B' },
  ],
  teams: [{ id: 't', name: 'T' }],
  entries: [
    {
      id: '1-a',
      car: '1',
      teamId: 't',
      driverIds: ['a'],
      classId: 'f1',
      eventIds: ['e'],
      eligible: true,
      entrant: 'Scuderia T',
      engine: 'T',
      tyres: 'Goodyear',
    },
    { id: '2-b', car: '2', teamId: 't', driverIds: ['b'], classId: 'f1', eventIds: ['e'], eligible: true },
  ],
  classifications: [
    {
      sessionId: 'e-race',
      rows: [
        { entryId: '1-a', status: 'classified', position: 1 },
        { entryId: '2-b', status: 'classified', position: 2 },
      ],
    },
  ],
  awards: [],
  adjustments: [{ kind: 'exclusion', driverId: 'a', reason: 'r' }],
  published: [
    {
      championshipId: 'drivers',
      afterRace: 1,
      competitorId: 'a',
      points: { num: 9n, den: 1n },
      excluded: true,
    },
    { championshipId: 'drivers', afterRace: 1, competitorId: 'b', position: 1, points: { num: 6n, den: 1n } },
  ],
  notes: [],
  sources: [
    {
      name: 'f1db',
      url: 'https://github.com/f1db/f1db',
      licence: 'CC BY 4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
      version: '6a5845b',
      credit: 'Data: f1db, CC BY 4.0',
    },
  ],
};

describe('season folder sources, entry details and excluded published rows', () => {
  it('writes them and reads them back unchanged', async () => {
    const dir = join(tmp, 'tiny');
    await writeSeasonFolder(season, rulebook, dir);
    const loaded = await loadSeasonFolder(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    expect(loaded.value.season).toEqual(season);
    expect(await readFile(join(dir, 'published.csv'), 'utf8')).toContain('drivers,1,EX,a,9,');
  });

  it('leaves the extra entry columns and the sources out when no entry or season has them', () => {
    const { sources: _sources, ...plain } = season;
    const files = seasonFolderFiles(
      { ...plain, entries: season.entries.map(({ entrant: _e, engine: _g, tyres: _t, ...e }) => e) },
      rulebook,
    );
    expect(files.get('entries.csv')!.split('\n')[0]).toBe('id,car,team,drivers,class,rounds,eligible,note');
    expect(files.get('season.yaml')).not.toContain('sources');
  });

  it('rejects a source without a credit line, naming the field', async () => {
    const dir = join(tmp, 'bad');
    const files = seasonFolderFiles(season, rulebook);
    files.set('season.yaml', files.get('season.yaml')!.replace(/ {4}credit: .*\n/, ''));
    await replaceFolder(dir, 'season', files);
    const loaded = await loadSeasonFolder(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(JSON.stringify(loaded.issues)).toContain('credit');
  });
});
