/**
 * Title fight, odds, what-if and rescoring through the server (in-process app, HTTP level): the
 * API documents equal what the CLI prints for the built-in files, and the pages show the
 * numbers worked out below. The harness season is the reference season stopped after race 12
 * (races 13 to 16 and their awards removed: a season in progress), with 1988 Formula One beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePreset, SEASONS_DIR } from '../../src/formats/catalog.js';
import { loadSeasonFiles, readSeasonFolder } from '../../src/formats/season-folder.js';
import { Client, makeHarness } from '../../src/server/test-support/harness.js';
import type { Harness } from '../../src/server/test-support/harness.js';
import { run } from '../support/run-cli.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const LATER = ['race-13', 'race-14', 'race-15', 'race-16'];

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({}, (files) => {
    for (const r of LATER) files.delete(`results/${r}.csv`);
    files.set(
      'awards.csv',
      files
        .get('awards.csv')!
        .split('\n')
        .filter((l) => !LATER.some((r) => l.startsWith(`${r},`)))
        .join('\n'),
    );
  });
  const read = await readSeasonFolder(`${SEASONS_DIR}/f1-1988`);
  if (!read.ok) throw new Error('f1-1988');
  const loaded = await loadSeasonFiles(read.value, { resolvePreset });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const imported = await h.paddock.importSeason(loaded.value, {
    change: { author: 'test', reason: '1988', origin: 'folder' },
  });
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
}, 60_000);
afterAll(() => h.paddock.close());

const json = async (path: string) => {
  const res = await h.app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as unknown;
};
const page = async (path: string, client = new Client(h.app)) => {
  const res = await client.get(path);
  return { status: res.status, html: await res.text() };
};
/** The text of an HTML fragment: tags dropped, entities of the pages decoded, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the scenarios and odds API', () => {
  it('gives what `paddock scenarios --json` prints, with the numbers of the docs', async () => {
    const api = (await json(`/api/v1/seasons/2024-pccna/scenarios?after=12&championship=overall`)) as {
      championships: {
        table: {
          competitor: { name: string };
          points: { value: number };
          maxPoints: { value: number };
          best: number;
          status: string;
        }[];
      }[];
    };
    const cli = await run('scenarios', '2024-pccna', '--after', '12', '-c', 'overall', '--json');
    expect(cli.code).toBe(0);
    expect(api).toEqual(JSON.parse(cli.out));
    // After race 12: Hartog 282 (at most 394), Sedgwick 183 (295) can both still win; Yardley's
    // 166 + 112 = 278 is short of the 282 Hartog already has.
    const [hartog, sedgwick, yardley] = api.championships[0]!.table;
    expect(
      [hartog, sedgwick, yardley].map(
        (r) => `${r!.competitor.name} ${r!.points.value} ${r!.maxPoints.value} ${r!.status}`,
      ),
    ).toEqual([
      'Loek Hartog 282 394 contender',
      'Alex Sedgwick 183 295 contender',
      'Ryan Yardley 166 278 eliminated',
    ]);
  });

  it('works the scenarios out once per version: after race 13 the second call is served from the cache', async () => {
    // The overall table after race 13 takes the solver seconds (the down-sets); worked out outside
    // the cache, as it was, every call took as long.
    const path = `/api/v1/seasons/2024-pccna/scenarios?after=13&championship=overall`;
    const t0 = performance.now();
    const first = await json(path);
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const second = await json(path);
    const secondMs = performance.now() - t1;
    expect(second).toEqual(first);
    expect(firstMs).toBeGreaterThan(1_000);
    expect(secondMs).toBeLessThan(firstMs / 5);
  }, 60_000);

  it('gives the seeded odds `paddock odds --json` prints, the same on every call', async () => {
    const path = `/api/v1/seasons/2024-pccna/odds?after=12&championship=overall&runs=2000&seed=7`;
    const first = await json(path);
    expect(await json(path)).toEqual(first);
    const cli = await run(
      'odds',
      '2024-pccna',
      '--after',
      '12',
      '-c',
      'overall',
      '--runs',
      '2000',
      '--seed',
      '7',
      '--json',
    );
    expect(cli.code).toBe(0);
    expect(first).toEqual(JSON.parse(cli.out));
    const odds = first as {
      championships: {
        competitors: {
          competitor: { name: string };
          probability: number;
          error: number;
          possible: boolean;
        }[];
      }[];
    };
    const rows = odds.championships[0]!.competitors;
    expect(rows.map((r) => r.competitor.name).slice(0, 2)).toEqual(['Loek Hartog', 'Alex Sedgwick']);
    expect(rows.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 9);
    for (const r of rows)
      expect(r.error).toBeCloseTo(Math.sqrt((r.probability * (1 - r.probability)) / 2000), 12);
    expect(rows.every((r) => r.possible)).toBe(true);
  });

  it('refuses runs out of range and unknown championships with a problem', async () => {
    const tooMany = await h.app.request(`/api/v1/seasons/${SEASON}/odds?runs=100001`);
    expect(tooMany.status).toBe(400);
    const unknown = await h.app.request(`/api/v1/seasons/${SEASON}/scenarios?championship=nope`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { issues: { hint: string }[] }).issues[0]!.hint).toContain('overall');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await json('/api/v1/openapi.json')) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/seasons/{season}/scenarios',
        '/seasons/{season}/odds',
        '/seasons/{season}/live',
      ]),
    );
  });
});

describe('the title-fight page', () => {
  it('shows who can still win, what they need at the next race, the magic number, the chart and the odds', async () => {
    const { status, html } = await page(`/seasons/2024-pccna/title-fight/overall?after=12`);
    expect(status).toBe(200);
    const t = text(html);
    expect(t).toContain('After race 12: 4 races left. 2 can still win the title.');
    expect(t).toMatch(/1 Loek Hartog 282 394 1 2 can still win/);
    expect(t).toMatch(/3 Ryan Yardley 166 278 2 10 eliminated/);
    expect(t).toContain('Loek Hartog is champion after race 13 with a finish in the top 4');
    expect(t).toContain(
      'Magic number 13: Loek Hartog is champion once the points Loek Hartog gains plus those Alex Sedgwick fails to score exceed it.',
    );
    expect(html).toContain('<svg role="img" aria-labelledby="reach-0"');
    expect(t).toMatch(/10,000 simulated seasons \(seed 1\)/);
    // Sedgwick needs nearly everything to go his way: no simulated season has it, the solver says
    // it can still happen.
    expect(t).toContain('Loek Hartog 100.0% (not yet certain) ±0.0 Alex Sedgwick 0.0% (possible)');
  });

  it('shows every championship on the index, and the champion when the season is over', async () => {
    const { html } = await page(`/seasons/${SEASON}/title-fight`);
    const t = text(html);
    for (const name of ['Overall', 'Pro-Am', 'Masters']) expect(t).toContain(name);
    // The 1988 season is over: Senna is champion (best 11 results: 90 to Prost's 87).
    const f1 = text((await page(`/seasons/f1-1988/title-fight`)).html);
    expect(f1).toContain('season over. Ayrton Senna is champion.');
    expect((await page(`/seasons/${SEASON}/title-fight/nope`)).status).toBe(404);
  });
});

describe('the rescoring page', () => {
  it('shows 1988 under the 1991 points side by side, with the changed positions highlighted', async () => {
    const { status, html } = await page(`/seasons/f1-1988/rescore?rulebook=f1-1991-1999`);
    expect(status).toBe(200);
    // Every result counting, 10 for a win: Prost 7 wins and 7 seconds = 112, Senna 8 wins, 3
    // seconds, a 4th and a 6th = 102; under the 1988 rules (best 11) Senna 90, Prost 87.
    expect(html).toMatch(
      /<tr class="changed"><td class="num">1<\/td><td class="competitor">Alain Prost<\/td><td class="num">112<\/td><td class="num">2<\/td><td class="num">87<\/td><td class="num up changed">\+1<\/td>/,
    );
    expect(html).toMatch(
      /<tr class="changed"><td class="num">2<\/td><td class="competitor">Ayrton Senna<\/td><td class="num">102<\/td><td class="num">1<\/td><td class="num">90<\/td><td class="num down changed">-1<\/td>/,
    );
    expect(html).toMatch(/<tr class=""><td class="num">3<\/td><td class="competitor">Gerhard Berger<\/td>/);
    expect((await page(`/seasons/f1-1988/rescore?rulebook=..%2Fsecrets`)).status).toBe(404);
    // A rulebook of other championships is said not to fit, once per problem.
    const misfit = await page(`/seasons/${SEASON}/rescore?rulebook=f1-2010-2018`);
    expect(misfit.status).toBe(422);
    expect(text(misfit.html)).toContain('does not fit this season');
    expect(
      misfit.html.match(/unknown championship &quot;overall&quot;|unknown championship "overall"/g)?.length,
    ).toBe(1);
    expect(text((await page(`/seasons/f1-1988/rescore`)).html)).toContain('Rescore under');
  });
});

describe('the what-if page', () => {
  const q = `race-13=${encodeURIComponent('sedgwick, hartog; pole sedgwick; fastest sedgwick')}`;

  it('projects the standings and the title fight from races filled in, saving nothing', async () => {
    const before = await h.paddock.history(SEASON, 10);
    const { status, html } = await page(`/seasons/2024-pccna/whatif?${q}`);
    expect(status).toBe(200);
    // Race 13: Sedgwick wins from pole with the fastest lap (25 + 2 + 1), Hartog second (20):
    // Sedgwick 183 + 28 = 211, Hartog 282 + 20 = 302.
    expect(html).toMatch(
      /<td class="num">1<\/td><td class="competitor">Loek Hartog<\/td><td class="num">302<\/td><td class="num">1<\/td><td class="num">282<\/td><td class="num">=<\/td><td class="num">\+20<\/td>/,
    );
    expect(html).toMatch(
      /<td class="competitor">Alex Sedgwick<\/td><td class="num">211<\/td><td class="num">2<\/td><td class="num">183<\/td><td class="num">=<\/td><td class="num">\+28<\/td>/,
    );
    const t = text(html);
    expect(t).toContain('Standings after race 13');
    expect(t).toContain('3 races left');
    expect(t).not.toContain('Save these results');
    const after = await h.paddock.history(SEASON, 10);
    expect(after.ok && before.ok && after.value.revisions.length).toBe(
      before.ok && before.value.revisions.length,
    );
  });

  it('fills the races not run in by form: the strongest so far first', async () => {
    const { status, html } = await page(
      `/seasons/${SEASON}/whatif?fill=form&race-13=${encodeURIComponent('sedgwick, hartog')}`,
    );
    expect(status).toBe(200);
    // The race typed in stays; races 14 to 16 get every car of their event, Hartog (#24, 7 wins
    // in 12 races) first.
    expect(html).toContain('value="sedgwick, hartog"');
    for (const race of [14, 15, 16])
      expect(html).toMatch(new RegExp(`name="race-${race}" value="#24, #\\d+`));
    const t = text(html);
    expect(t).toContain('Standings after race 16');
    expect(t).toContain('Season over. Loek Hartog is champion.');
  });

  it('names the race and the car it cannot read', async () => {
    const { status, html } = await page(
      `/seasons/${SEASON}/whatif?race-13=${encodeURIComponent('nobody-at-all, hartog')}`,
    );
    expect(status).toBe(422);
    expect(text(html)).toMatch(/Race 13: .*nobody-at-all/);
  });

  it('lets an editor save the races filled in as a revision', async () => {
    const client = new Client(h.app);
    await client.logIn('steward@example.com');
    const { html } = await page(`/seasons/${SEASON}/whatif?${q}`, client);
    expect(html).toContain('Save these results as a revision');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const version = /name="version" value="(\d+)"/.exec(html)![1]!;
    const res = await client.post(`/seasons/${SEASON}/whatif/save`, {
      _csrf: csrf,
      version,
      reason: 'Race 13 entered from the what-if page',
      'race-13': 'sedgwick, hartog; pole sedgwick; fastest sedgwick',
    });
    expect(res.status).toBe(303);
    const standings = (await json(`/api/v1/seasons/${SEASON}/standings?championship=overall`)) as {
      afterRace: number;
      championships: { standings: { competitor: { name: string }; points: number }[] }[];
    };
    expect(standings.afterRace).toBe(13);
    expect(
      standings.championships[0]!.standings.slice(0, 2).map((r) => `${r.competitor.name} ${r.points}`),
    ).toEqual(['Loek Hartog 302', 'Alex Sedgwick 211']);
  });
});
