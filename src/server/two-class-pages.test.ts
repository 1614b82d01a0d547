/**
 * The public pages of a season with two classes and cars shared by two drivers
 * (test/fixtures/seasons/two-class-endurance). Worked out by hand from its files:
 * Spa qualifying 1 #1 2:16.950, 2 #22, 3 #7 (no points); the race's best laps and grid as given;
 * scale 25-18-15-12-10; Drivers (overall, class pole 1 point, shared drives in full), Am drivers
 * (class places, no bonus), Teams (every car, no bonus).
 *   Spa: 1 #22 Martin/Weber 25; 2 #1 Ruiz/Okafor 18 + Pro pole 1 = 19; 3 #7 Rossi/Tan 15 + Am pole 1
 *        = 16, first Am (25); teams: Blue Peak 25, Red Line 18 + 15.
 *   Monza: 1 #1 25; 2 #8 Berg/Tan 18 + Am pole 1 = 19, first Am (25); 3 #7 Rossi 15, second Am (18);
 *        #22 retired; teams: Red Line 25 + 15, Blue Peak 18.
 * Totals: Drivers Ruiz = Okafor 44, Tan 35, Rossi 31, Martin = Weber 25, Berg 19; Am Tan 50,
 * Rossi 43, Berg 25; Teams Red Line 73, Blue Peak 43.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../app/index.js';
import { createApp } from './app.js';

let paddock: Paddock;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  paddock = await Paddock.open({ file: ':memory:' }, { builtIns: false });
  const imported = await paddock.importFolder('test/fixtures/seasons/two-class-endurance', {
    change: { author: 'test', reason: 'fixture', origin: 'folder' },
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  app = createApp({ paddock, now: () => new Date('2025-12-01T12:00:00Z') });
});
afterAll(() => paddock.close());

const page = async (path: string) => {
  const res = await app.request(`/seasons/two-class-endurance${path}`, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  return res.text();
};

const cellTexts = (row: string) =>
  [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) =>
    m[1]!
      .replace(/<strong>/g, 'B:')
      .replace(/<em>/g, 'I:')
      .replace(/<span class="vh">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .trim(),
  );

/** Cells of the first table row containing `needle`. */
function row(html: string, needle: string): string[] {
  const found = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1]!).find((r) => r.includes(needle));
  if (!found) throw new Error(`no row with ${needle}`);
  return cellTexts(found);
}

describe('a season with two classes and shared cars', () => {
  it('prints a race with both drivers of each car, gaps, best laps, the grid, class places and points', async () => {
    const html = await page('/results/spa-race');
    // Pole from qualifying (2:16.950), fastest lap the holder's best lap in the race (2:18.117).
    expect(html).toContain(
      'Pole: Ana Ruiz, Ben Okafor (2:16.950) · Fastest lap: Ana Ruiz, Ben Okafor (2:18.117)',
    );
    // Martin and Weber won from second on the grid (+1); Ruiz and Okafor lost one place from pole,
    // 14.625 s behind (4:00:45.875 - 4:00:31.250); Rossi and Tan two laps down, third from third.
    expect(row(html, '>Cleo Martin<')).toEqual([
      '1',
      '1',
      '22',
      'Cleo Martin, Dan Weber',
      'Blue Peak Motorsport',
      'Pro',
      '120',
      '4:00:31.250',
      '',
      '2:18.402',
      '2',
      '+1',
      '25',
      '',
      '25',
    ]);
    expect(row(html, '>Ana Ruiz<')).toEqual([
      '2',
      '2',
      '1',
      'Ana Ruiz, Ben Okafor',
      'Red Line Racing',
      'Pro',
      '120',
      '+14.625',
      '+14.625',
      '2:18.117',
      '1',
      '−1',
      '19',
      '',
      '18',
    ]);
    expect(row(html, '>Eva Rossi<')).toEqual([
      '3',
      '1',
      '7',
      'Eva Rossi, Ivo Tan',
      'Red Line Racing',
      'Am',
      '118',
      '+2 laps',
      '+2 laps',
      '2:21.930',
      '3',
      '0',
      '16',
      '25',
      '15',
    ]);
  });

  it('gives the qualifying its own page, without points columns when nothing scores it', async () => {
    const html = await page('/results/spa-qualifying');
    expect(html).toContain('<h1>Spa: Qualifying</h1>');
    expect(row(html, '>Ana Ruiz<')).toEqual([
      '1',
      '1',
      '1',
      'Ana Ruiz, Ben Okafor',
      'Red Line Racing',
      'Pro',
      '2:16.950',
      '',
    ]);
    expect(row(html, '>Cleo Martin<').at(-1)).toBe('+0.350');
    expect(html).not.toContain('points</th>');
    const event = await page('/events/spa');
    expect(event).toContain('href="/seasons/two-class-endurance/results/spa-qualifying"');
  });

  it('marks the class poles the Drivers table scores and totals both drivers of a car', async () => {
    const html = await page('/standings/drivers');
    // Ruiz and Okafor share first place: second at Spa from pole with the fastest lap (bold: the Pro
    // pole scored; italics: the overall fastest lap, though it scores nothing), winners at Monza; after
    // Spa they were third equal (19, behind Martin and Weber's 25), so up two.
    expect(row(html, '/drivers/ana-ruiz"')).toEqual(['1= ▲2', '🇪🇸 Ana Ruiz', 'B:I:2', '1', '44', '–']);
    expect(row(html, '/drivers/ben-okafor"')).toEqual(['1= ▲2', '🇬🇧 Ben Okafor', 'B:I:2', '1', '44', '–']);
    // Tan took the Am pole in both his cars: third at Spa in #7 (fifth equal after it), second at
    // Monza in #8.
    expect(row(html, '/drivers/ivo-tan"')).toEqual(['3 ▲2', '🇳🇱 Ivo Tan', 'B:3', 'B:2', '35', '−9']);
    expect(row(html, '/drivers/dan-weber"')).toEqual(['5= ▼4', '🇩🇪 Dan Weber', '1', 'Ret', '25', '−19']);
  });

  it("gives the Am table class places and the teams' table every car", async () => {
    // A class table bolds the class pole even though it scores no bonus for it (as articles do).
    const am = await page('/standings/am');
    expect(row(am, '/drivers/ivo-tan"').slice(2)).toEqual(['B:1', 'B:1', '50', '–']);
    expect(row(am, '/drivers/eva-rossi"').slice(2)).toEqual(['B:1', '2', '43', '−7']);
    const teams = await page('/standings/teams');
    // Both Red Line cars in one cell, the best first; #1 had the overall pole and fastest lap at Spa.
    expect(teams).toContain(
      '>Red Line Racing</a></th><td class="cell c-silver"><strong><em>2</em></strong><span class="vh"> (pole, fastest lap)</span><br/>3</td>',
    );
    expect(row(teams, '/teams/red-line"').slice(-2)).toEqual(['73', '–']);
    expect(row(teams, '/teams/blue-peak"').slice(-2)).toEqual(['43', '−30']);
  });

  it("shows a team's cars and drivers at each round and a driver's two cars with their rounds", async () => {
    const team = await page('/teams/red-line');
    expect(row(team, '>Spa<').join(' ').replace(/\s+/g, ' ')).toBe(
      '1 Spa #1 Ana Ruiz, Ben Okafor (Pro)#7 Eva Rossi, Ivo Tan (Am)',
    );
    expect(row(team, '>Monza<').join(' ').replace(/\s+/g, ' ')).toBe(
      '2 Monza #1 Ana Ruiz, Ben Okafor (Pro)#7 Eva Rossi (Am)',
    );
    expect(team).toContain('Teams</a>: 1st with');
    const tan = await page('/drivers/ivo-tan');
    const entries = [...tan.matchAll(/<li>(#\d+ ·.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(entries).toEqual([
      '#7 · Am · Red Line Racing · round 1 (Spa)',
      '#8 · Am · Blue Peak Motorsport · round 2 (Monza)',
    ]);
  });

  it('sorts the entry list by car number within each class', async () => {
    const html = await page('/entries');
    const cars = [...html.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].map((m) => m[1]);
    expect(cars).toEqual(['1', '22', '7', '7', '8']);
  });
});
