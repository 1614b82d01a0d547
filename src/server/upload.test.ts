/**
 * The results upload form over HTTP: a file checked and previewed (classification and standings
 * change) without writing, then applied; unmatched rows confirmed on the form and remembered in
 * the season's mappings; bad files, bad fields and stale versions refused with nothing written.
 * Race 1 of the reference season is emptied first (no results, no pole or fastest lap), so the
 * upload's points can be worked out from the rulebook alone.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const UPLOAD = `/seasons/${SEASON}/edit/race-01/upload`;
const fixture = (path: string) => new URL(`../../test/fixtures/importers/${path}`, import.meta.url);
const TIMING = fixture('timing-csv/03_Classification_Race 1_Official.CSV');

let h: Harness;
let timing: string;
beforeAll(async () => {
  h = await makeHarness({}, (files) => {
    files.delete('results/race-01.csv');
    files.set(
      'awards.csv',
      files
        .get('awards.csv')!
        .split('\n')
        .filter((l) => !l.startsWith('race-01,'))
        .join('\n'),
    );
  });
  timing = await readFile(TIMING, 'utf8');
});
afterAll(() => h.paddock.close());

const version = async () => {
  const sv = await h.paddock.open(SEASON);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value.version!;
};
const filesOf = async () => {
  const sv = await h.paddock.open(SEASON);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value.loaded.files;
};

/** Overall points after race 1 (the API's standings document). */
const pointsAfterRace1 = async (driver: string) => {
  const doc = (await (
    await h.app.request(`/api/v1/seasons/${SEASON}/standings?championship=overall&after=1`)
  ).json()) as { championships: { standings: { competitor: { id: string }; pointsExact: string }[] }[] };
  return doc.championships[0]!.standings.find((s) => s.competitor.id === driver)?.pointsExact;
};

async function steward(): Promise<{ client: Client; csrf: string }> {
  const client = new Client(h.app);
  await client.logIn('steward@example.com');
  return { client, csrf: await client.csrfFrom(UPLOAD) };
}

/** Posts the upload form (multipart, as a browser does). */
function post(
  client: Client,
  fields: Record<string, string>,
  file?: { name: string; text: string | Uint8Array<ArrayBuffer> },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([file.text], file.name));
  return client.request(UPLOAD, { method: 'POST', body: form });
}

const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** A standings-change row of the preview: competitor -> [points before, points after]. */
function standingsChange(html: string, championship: string, name: string): [number, number] | undefined {
  const table = /<table id="preview-standings">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  for (const row of table.split('<tr>')) {
    const cells = [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!);
    if (cells[0] === championship && cells[1] === name) {
      const pts = (c: string) => (c === '–' ? 0 : Number(c.split(', ')[1]));
      return [pts(cells[2]!), pts(cells[3]!)];
    }
  }
  return undefined;
}

describe('results upload on the site', () => {
  it('shows the form to stewards, with every importer format; sends others to log in', async () => {
    const { client } = await steward();
    const html = await (await client.get(UPLOAD)).text();
    expect(html).toContain('enctype="multipart/form-data"');
    for (const f of ['timing-csv', 'speedhive', 'csv', 'iracing', 'acc', 'rfactor'])
      expect(html).toContain(`value="${f}"`);
    const anonymous = await new Client(h.app).get(UPLOAD);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(UPLOAD)}`);
    const viewer = new Client(h.app);
    await viewer.logIn('viewer@example.com');
    expect((await viewer.get(UPLOAD)).status).toBe(403);
  });

  it('previews a timing CSV (classification, fastest lap, standings change) and writes nothing', async () => {
    const { client, csrf } = await steward();
    const v = await version();
    const res = await post(
      client,
      { _csrf: csrf, version: String(v), format: 'timing-csv', step: 'preview' },
      { name: 'race1.csv', text: timing },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('All 7 rows read and matched');
    expect(html).toContain('Fastest lap: Loek Hartog');
    const classification = /<table id="preview-classification">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(classification.indexOf('Loek Hartog')).toBeLessThan(classification.indexOf('Gustav Burton'));
    expect(classification).toContain('Chris Bellomo');
    // Overall: P1 25 points and the fastest lap 1 (the pole was removed with race 1's awards).
    const [before, after] = standingsChange(html, 'Overall', 'Loek Hartog')!;
    expect(after - before).toBe(26);
    const burton = standingsChange(html, 'Overall', 'Gustav Burton')!;
    expect(burton[1] - burton[0]).toBe(20);
    expect(await version()).toBe(v);
    expect(await pointsAfterRace1('loek-hartog')).toBeUndefined();
  });

  it('applies the previewed file as one revision with its reason', async () => {
    const { client, csrf } = await steward();
    const v = await version();
    const preview = await (
      await post(
        client,
        { _csrf: csrf, version: String(v), format: 'timing-csv', state: 'provisional', step: 'preview' },
        { name: 'race1.csv', text: timing },
      )
    ).text();
    const content = hidden(preview, 'content');
    expect(Buffer.from(content, 'base64').toString('utf8')).toBe(timing);
    const res = await post(client, {
      _csrf: csrf,
      version: hidden(preview, 'version'),
      format: 'timing-csv',
      state: 'provisional',
      content,
      fileName: hidden(preview, 'fileName'),
      reason: 'Race 1 official classification',
      step: 'apply',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/seasons/${SEASON}/edit/race-01?saved=1`);
    expect(await version()).toBe(v + 1);
    expect(await pointsAfterRace1('loek-hartog')).toBe('26');
    expect(await pointsAfterRace1('gustav-burton')).toBe('20');
    expect(await pointsAfterRace1('chris-bellomo')).toBe('0');
    const history = await h.paddock.history(SEASON);
    const latest = history.ok ? history.value.revisions[0]! : undefined;
    expect(latest).toMatchObject({
      author: 'steward@example.com',
      reason: 'Race 1 official classification',
      action: 'import-results',
    });
    const files = await filesOf();
    expect(files.get('results/race-01.csv')!.split('\n')[1]).toBe(
      '1,24-kellymoss-loek-hartog,,classified,21,,45:12.331,',
    );
    expect(files.get('result-states.csv')).toContain('race-01,provisional');
  });

  it('asks who an unmatched row is, remembers the answer, and matches it at once next time', async () => {
    const { client, csrf } = await steward();
    const v = await version();
    // Car 24 as #124 and Loek Hartog as "Luke Hartog": neither the car nor the name matches.
    const renamed = timing
      .replace('1;24;Classified', '1;124;Classified')
      .replace('Loek;Hartog', 'Luke;Hartog');
    const first = await post(
      client,
      { _csrf: csrf, version: String(v), format: 'timing-csv', step: 'preview' },
      { name: 'race1-renamed.csv', text: renamed },
    );
    expect(first.status).toBe(422);
    const html = await first.text();
    expect(html).toContain('Not saved: 1 problem(s) in race1-renamed.csv');
    const unmatched = /<table id="unmatched">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(unmatched).toContain('<td class="num">2</td>'); // the file's line
    expect(unmatched).toContain('Luke Hartog');
    expect(unmatched).toMatch(
      /<option value="loek-hartog">closest: Loek Hartog \(#24, loek-hartog\)<\/option>/,
    );
    const key = hidden(html, 'assign-0-key');
    expect(key).toBe('name:luke hartog');
    expect(await version()).toBe(v);

    const confirm = {
      _csrf: csrf,
      version: String(v),
      format: 'timing-csv',
      content: hidden(html, 'content'),
      fileName: hidden(html, 'fileName'),
      'assign-0-key': key,
      'assign-0-driver': 'loek-hartog',
    };
    const checked = await post(client, { ...confirm, step: 'preview' });
    expect(checked.status).toBe(200);
    const preview = await checked.text();
    expect(preview).toContain('Remembered in the season&#39;s mappings: name:luke hartog → Loek Hartog');
    // The preview carries the confirmed row to the apply step (as a browser posts the form back).
    const carried = {
      _csrf: csrf,
      version: hidden(preview, 'version'),
      format: 'timing-csv',
      content: hidden(preview, 'content'),
      fileName: hidden(preview, 'fileName'),
      'assign-0-key': hidden(preview, 'assign-0-key'),
      'assign-0-driver': hidden(preview, 'assign-0-driver'),
    };
    expect(carried['assign-0-driver']).toBe('loek-hartog');
    const applied = await post(client, { ...carried, reason: 'renamed timing file', step: 'apply' });
    expect(applied.status).toBe(303);
    expect((await filesOf()).get('mappings.yaml')).toContain('name:luke hartog: loek-hartog');

    const again = await post(
      client,
      { _csrf: csrf, version: String(await version()), format: 'timing-csv', step: 'preview' },
      { name: 'race1-renamed.csv', text: renamed },
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(
      'the season already has exactly these results'.replace('the', 'The'),
    );
  });

  it('names the line of a bad row and changes nothing', async () => {
    const { client, csrf } = await steward();
    const v = await version();
    const before = await filesOf();
    const bad = timing.replace('2;20;Classified;21', '2;20;Classified;lots');
    const res = await post(
      client,
      { _csrf: csrf, version: String(v), format: 'timing-csv', step: 'apply' },
      { name: 'bad.csv', text: bad },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/bad\.csv, line 3[^<]*: [^<]*laps/i);
    expect(await version()).toBe(v);
    expect(await filesOf()).toEqual(before);
  });

  it('puts problems with the form beside their fields: no file, an unknown column field', async () => {
    const { client, csrf } = await steward();
    const v = await version();
    const none = await post(client, { _csrf: csrf, version: String(v), format: 'timing-csv' });
    expect(none.status).toBe(422);
    expect(await none.text()).toMatch(/id="file-error"[^>]*>choose a results file</);
    const columns = await post(
      client,
      { _csrf: csrf, version: String(v), format: 'csv', columns: 'position=Pos,wheels=No' },
      { name: 'generic.csv', text: 'Pos,No\n1,24\n' },
    );
    expect(columns.status).toBe(422);
    expect(await columns.text()).toMatch(/id="columns-error"[^>]*>unknown field\(s\) wheels/);
    const format = await post(
      client,
      { _csrf: csrf, version: String(v), format: 'pdf' },
      { name: 'x.pdf', text: 'x' },
    );
    expect(format.status).toBe(422);
    expect(await format.text()).toMatch(/id="format-error"[^>]*>choose a format/);
    expect(await version()).toBe(v);
  });

  it('refuses to apply a preview made from a version the season has moved on from', async () => {
    const { client, csrf } = await steward();
    const v = await version();
    const res = await post(client, {
      _csrf: csrf,
      version: String(v - 1),
      format: 'timing-csv',
      state: 'final',
      content: Buffer.from(timing).toString('base64'),
      fileName: 'race1.csv',
      step: 'apply',
    });
    expect(res.status).toBe(409);
    expect(await version()).toBe(v);
  });

  // Pole and fastest lap where the file carries them: Speedhive's bestTime; iRacing's QUALIFY
  // session and best_lap_time; ACC's laps; rFactor's GridPos and lap times (fixtures read by hand).
  it.each([
    [
      'generic CSV with a column map',
      'csv',
      'generic-csv/sebring-race-1.csv',
      { columns: 'position=Pos,car=No,driver=Driver,team=Team,laps=Laps,laps_led=Led,status=Result' },
      null,
    ],
    [
      'Speedhive JSON',
      'speedhive',
      'speedhive/sebring-race-1-classification.json',
      {},
      ' · Fastest lap: Loek Hartog',
    ],
    [
      'iRacing JSON',
      'iracing',
      'iracing/sebring-league-race.json',
      { 'assign-0-key': 'iracing:900003', 'assign-0-driver': 'james-sofronas' },
      ' · Pole: Loek Hartog · Fastest lap: Loek Hartog',
    ],
    ['ACC JSON', 'acc', 'acc/240315_160000_R.json', {}, ' · Fastest lap: Loek Hartog'],
    [
      'rFactor 2 XML',
      'rfactor',
      'rfactor/2024_03_15_Sebring_R1.xml',
      {},
      ' · Pole: Loek Hartog · Fastest lap: Loek Hartog',
    ],
  ])('previews a %s file', async (_name, format, path, extra, awards) => {
    const { client, csrf } = await steward();
    const v = await version();
    const res = await post(
      client,
      { _csrf: csrf, version: String(v), format, step: 'preview', ...extra },
      { name: path.split('/')[1]!, text: new Uint8Array(await readFile(fixture(path))) },
    );
    const html = await res.text();
    expect(html, html.match(/<li class="error">[^]*?<\/li>/g)?.join('\n')).toContain('rows read and matched');
    expect(res.status).toBe(200);
    expect(html).toContain('<table id="preview-classification">');
    if (awards) expect(html).toContain(awards);
    // A file without lap times or a grid leaves the session's awards as they were.
    else expect(html).toContain('files written: results/race-01.csv</span>');
    expect(await version()).toBe(v);
  });
});
