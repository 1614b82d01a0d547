/**
 * `paddock new`: a season folder from series, year, preset and classes, which `paddock check`
 * accepts; once the organiser adds an event, entries and one result by hand, `paddock standings`
 * scores it under the preset found for the year.
 */
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../support/run-cli.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'paddock-new-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('paddock new', () => {
  it('writes a season that paddock check accepts and paddock standings scores once it has a result', async () => {
    const folder = join(tmp, 'club');
    const made = await run('new', folder, '--series', 'Historic Formula', '--year', '1988', '--preset', 'f1');
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('1988-historic-formula: a new season in');
    expect(made.out).toContain('(rulebook: f1-1981-1990)');
    expect(await readFile(join(folder, 'rulebook.yaml'), 'utf8')).toMatch(/^extends: f1-1981-1990$/m);

    const checked = await run('check', folder);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain(
      '1988-historic-formula: ok (0 events, 0 entries, 0 classifications with 0 rows, 2 championships)',
    );

    // The organiser adds one round, three cars and the race's result by hand.
    const season = await readFile(join(folder, 'season.yaml'), 'utf8');
    await writeFile(
      join(folder, 'season.yaml'),
      season.replace(
        'events: []',
        'events:\n  - id: jerez\n    round: 1\n    name: Jerez\n    circuit: Circuito de Jerez\n    start: 2026-05-10\n    timezone: Europe/Madrid\n    sessions:\n      - { id: jerez-race, type: race, race: 1, name: Race, time: "15:00" }\n',
      ),
    );
    await appendFile(join(folder, 'drivers.csv'), 'ann-ay,Ann Ay,\nbo-bee,Bo Bee,\ncy-sea,Cy Sea,\n');
    await appendFile(join(folder, 'teams.csv'), 'red,Red,\nblue,Blue,\n');
    await appendFile(
      join(folder, 'entries.csv'),
      '1-red-ann-ay,1,red,ann-ay,historic-formula,all,true,\n2-red-bo-bee,2,red,bo-bee,historic-formula,all,true,\n3-blue-cy-sea,3,blue,cy-sea,historic-formula,all,true,\n',
    );
    await mkdir(join(folder, 'results'));
    await writeFile(
      join(folder, 'results', 'jerez-race.csv'),
      'position,entry,drivers,status,laps,laps_led,time,note\n1,2-red-bo-bee,,classified,40,,,\n2,3-blue-cy-sea,,classified,40,,,\n3,1-red-ann-ay,,classified,39,,,\n',
    );
    const calendar = await run('calendar', folder);
    expect(calendar.out).toContain('Europe/Madrid  R1 15:00');
    const rechecked = await run('check', folder);
    expect(rechecked.err).toBe('');
    expect(rechecked.out).toContain(
      '1988-historic-formula: ok (1 events, 3 entries, 1 classifications with 3 rows, 2 championships)',
    );

    // 1988 points: 9-6-4-3-2-1 to drivers and to constructors (Red: 9 + 4 = 13, Blue: 6).
    const drivers = await run('standings', folder, '-c', 'drivers', '--json');
    expect(drivers.code).toBe(0);
    const rows = (
      JSON.parse(drivers.out) as {
        championships: { standings: { competitor: { id: string }; points: number }[] }[];
      }
    ).championships[0]!.standings.map((r) => [r.competitor.id, r.points]);
    expect(rows).toEqual([
      ['bo-bee', 9],
      ['cy-sea', 6],
      ['ann-ay', 4],
    ]);
    const teams = await run('standings', folder, '-c', 'constructors', '--json');
    const teamRows = (
      JSON.parse(teams.out) as {
        championships: { standings: { competitor: { id: string }; points: number }[] }[];
      }
    ).championships[0]!.standings.map((r) => [r.competitor.id, r.points]);
    expect(teamRows).toEqual([
      ['red', 13],
      ['blue', 6],
    ]);
  });

  it('refuses a folder with files in it, and a preset that does not cover the year, writing nothing', async () => {
    const folder = join(tmp, 'busy');
    await run('new', folder, '--series', 'Busy', '--year', '2026', '--preset', 'sim-racing-league');
    const again = await run(
      'new',
      folder,
      '--series',
      'Busy',
      '--year',
      '2026',
      '--preset',
      'sim-racing-league',
    );
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists and is not empty');
    const wrong = await run(
      'new',
      join(tmp, 'wrong'),
      '--series',
      'X',
      '--year',
      '2026',
      '--preset',
      'f1-1981-1990',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--preset: preset "f1-1981-1990" covers 1981-1990, not 2026');
    await expect(readFile(join(tmp, 'wrong', 'season.yaml'), 'utf8')).rejects.toThrow();
  });
});
