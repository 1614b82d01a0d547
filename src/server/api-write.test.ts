/**
 * The write API: every change the forms make, with an API token, through the same app-layer
 * operations; If-Match and 412; validation before anything is written; uploads with a dry run.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const TIMING = fileURLToPath(
  new URL('../../test/fixtures/importers/timing-csv/03_Classification_Race 1_Official.CSV', import.meta.url),
);

let h: Harness;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await makeHarness();
  for (const who of ['steward', 'organiser', 'member']) {
    const made = await h.paddock.createApiToken(`${who}@example.com`, { name: 'test' });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    tokens[who] = made.value.token;
  }
});
afterAll(() => h.paddock.close());

const version = async () => (await h.paddock.listSeasons()).find((s) => s.id === SEASON)!.version!;

async function send(
  method: string,
  path: string,
  body: unknown,
  who = 'steward',
  headers: Record<string, string> = {},
) {
  const res = await h.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { issues?: { code: string; path: unknown[] }[] },
  };
}

const overall = async (competitor: string, after = 1) => {
  const doc = (await (
    await h.app.request(`/api/v1/seasons/${SEASON}/standings?championship=overall&after=${after}`)
  ).json()) as {
    championships: { standings: { competitor: { id: string }; position: number; pointsExact: string }[] }[];
  };
  return doc.championships[0]!.standings.find((s) => s.competitor.id === competitor);
};

const race01 = async () =>
  (await (await h.app.request(`/api/v1/seasons/${SEASON}/results/race-01`)).json()) as {
    state: string | null;
    decision: string | null;
    results: { entry: string; position: number | null; status: string }[];
    awards: { award: string; entry: string }[];
  };

describe('the write API', () => {
  it("replaces a classification as a new revision made by the token's account, and the standings follow", async () => {
    const before = await version();
    const rows = (await race01()).results.map((r) => ({
      entry: r.entry,
      status: r.status,
      ...(r.position === null ? {} : { position: r.position }),
    }));
    // Swap the first two: Burton (20) wins race 1, Hartog (24) second.
    [rows[0], rows[1]] = [
      { ...rows[1]!, position: 1 },
      { ...rows[0]!, position: 2 },
    ];
    const res = await send(
      'PUT',
      `/seasons/${SEASON}/results/race-01`,
      { rows, reason: 'swap after appeal' },
      'steward',
      {
        'if-match': `"${before}"`,
      },
    );
    expect(res).toEqual({ status: 200, body: { season: SEASON, version: before + 1 } });
    expect((await race01()).results.slice(0, 2).map((r) => r.entry)).toEqual([
      '20-mdk-gustav-burton',
      '24-kellymoss-loek-hartog',
    ]);
    // Race 1 by hand: the win is 25, second 20 (Carrera Cup scale); pole 2 and fastest lap 1 stay Hartog's.
    expect((await overall('gustav-burton'))?.pointsExact).toBe('25');
    expect((await overall('loek-hartog'))?.pointsExact).toBe('23');
    const history = await h.paddock.history(SEASON);
    expect(history.ok && history.value.revisions[0]).toMatchObject({
      version: before + 1,
      author: 'steward@example.com',
      origin: 'api',
      reason: 'swap after appeal',
    });
  });

  it('refuses a stale If-Match with 412 and writes nothing', async () => {
    const current = await version();
    const res = await send(
      'PUT',
      `/seasons/${SEASON}/results/race-01/state`,
      { state: 'final', reason: 'confirmed' },
      'steward',
      {
        'if-match': `"${current - 1}"`,
      },
    );
    expect(res.status).toBe(412);
    expect(res.body.issues?.[0]?.code).toBe('season.conflict');
    expect(await version()).toBe(current);
    const bad = await send(
      'PUT',
      `/seasons/${SEASON}/results/race-01/state`,
      { state: 'final', reason: 'confirmed' },
      'steward',
      {
        'if-match': 'yesterday',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.[0]?.code).toBe('request.if-match');
  });

  it('checks the body against its schema before anything is written, naming each field', async () => {
    const current = await version();
    const res = await send('PUT', `/seasons/${SEASON}/results/race-01`, {
      rows: [{ entry: '', status: 'won' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues?.map((i) => i.path)).toEqual([
      ['rows', 0, 'entry'],
      ['rows', 0, 'status'],
      ['reason'],
    ]);
    // Data the season cannot take is 422 with the loader's problems.
    const unknown = await send('PUT', `/seasons/${SEASON}/results/race-01`, {
      rows: [{ entry: 'no-such-entry', status: 'classified', position: 1 }],
      reason: 'typo',
    });
    expect(unknown.status).toBe(422);
    expect(await version()).toBe(current);
  });

  it('sets awards, the result state (with the decision that amends a final result) and penalties', async () => {
    const awards = await send('PUT', `/seasons/${SEASON}/results/race-01/awards`, {
      pole: '20-mdk-gustav-burton',
      fastestLap: '20-mdk-gustav-burton',
      reason: 'timing correction',
    });
    expect(awards.status).toBe(200);
    // Burton: 25 for the win, now 2 for pole and 1 for the fastest lap; Hartog 20.
    expect((await overall('gustav-burton'))?.pointsExact).toBe('28');
    expect((await overall('loek-hartog'))?.pointsExact).toBe('20');
    expect(
      (await send('PUT', `/seasons/${SEASON}/results/race-01/state`, { state: 'final', reason: 'confirmed' }))
        .status,
    ).toBe(200);
    expect((await race01()).state).toBe('final');
    const penalty = await send('POST', `/seasons/${SEASON}/results/race-01/penalties`, {
      penalty: 'disqualification',
      entry: '20-mdk-gustav-burton',
      reason: 'technical infringement',
    });
    expect(penalty.status).toBe(200);
    const after = await race01();
    expect(after.state).toBe('amended');
    expect(after.decision).toBe('technical infringement');
    expect(after.results.find((r) => r.entry === '20-mdk-gustav-burton')?.status).toBe('DSQ');
    expect((await overall('loek-hartog'))?.position).toBe(1);
  });

  it('lets the organiser change the rulebook and revert, and not the steward', async () => {
    const text = (
      (await (await h.app.request(`/api/v1/seasons/${SEASON}/rulebook`)).json()) as { yaml: string }
    ).yaml;
    const edited = `${text}\n# checked by the API test\n`;
    expect(
      (await send('PUT', `/seasons/${SEASON}/rulebook`, { yaml: edited, reason: 'comment' }, 'steward'))
        .status,
    ).toBe(403);
    const saved = await send(
      'PUT',
      `/seasons/${SEASON}/rulebook`,
      { yaml: edited, reason: 'comment' },
      'organiser',
    );
    expect(saved.status).toBe(200);
    const broken = await send(
      'PUT',
      `/seasons/${SEASON}/rulebook`,
      { yaml: 'id: [unclosed', reason: 'typo' },
      'organiser',
    );
    expect(broken.status).toBe(422);
    const v = await version();
    const reverted = await send(
      'POST',
      `/seasons/${SEASON}/revert`,
      { version: 1, reason: 'start again' },
      'organiser',
    );
    expect(reverted).toEqual({ status: 200, body: { season: SEASON, version: v + 1 } });
    expect((await race01()).results[0]?.entry).toBe('24-kellymoss-loek-hartog');
    expect((await overall('loek-hartog'))?.pointsExact).toBe('28');
  });

  it('imports an uploaded results file, first as a dry run that writes nothing', async () => {
    const file = new File([await readFile(TIMING)], 'race1.csv');
    const upload = (dryRun: string, headers: Record<string, string> = {}) => {
      const form = new FormData();
      form.set('file', file);
      form.set('format', 'timing-csv');
      form.set('dryRun', dryRun);
      return h.app.request(`/api/v1/seasons/${SEASON}/results/race-01/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens['steward']}`, ...headers },
        body: form,
      });
    };
    const v = await version();
    // Made from an older version of the season: refused before the file is read, dry run or not.
    for (const dryRun of ['true', 'false']) {
      const stale = await upload(dryRun, { 'if-match': `"${v - 1}"` });
      expect(stale.status).toBe(412);
      expect(((await stale.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe(
        'season.conflict',
      );
    }
    expect(await version()).toBe(v);
    const dry = await upload('true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, version: null, rowsRead: 7, rows: 7 });
    expect(await version()).toBe(v);
    const real = await upload('false');
    expect(await real.json()).toMatchObject({
      dryRun: false,
      version: v + 1,
      files: expect.arrayContaining(['results/race-01.csv']),
    });
    expect((await race01()).results).toHaveLength(7);
    const bad = new FormData();
    bad.set('file', new File(['not;a;timing;file\n1;2;3;4\n'], 'x.csv'));
    bad.set('format', 'timing-csv');
    const refused = await h.app.request(`/api/v1/seasons/${SEASON}/results/race-01/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['steward']}` },
      body: bad,
    });
    expect(refused.status).toBe(422);
    expect(await version()).toBe(v + 1);
  });

  it('takes only API tokens: the login cookie is refused on API writes', async () => {
    const client = new Client(h.app);
    await client.logIn('steward@example.com');
    const res = await client.request(`/api/v1/seasons/${SEASON}/results/race-01/state`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'final', reason: 'confirmed' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe(
      'auth.token-required',
    );
  });

  it("lets the series' organiser give roles in that series, which take effect at once", async () => {
    const path = `/series/${REFERENCE_SERIES}/roles/member%40example.com`;
    expect(
      (
        await send(
          'PUT',
          `/seasons/${SEASON}/results/race-02/state`,
          { state: 'final', reason: 'confirmed' },
          'member',
        )
      ).status,
    ).toBe(403);
    expect((await send('PUT', path, { role: 'steward' }, 'steward')).status).toBe(403);
    expect(await send('PUT', path, { role: 'steward' }, 'organiser')).toEqual({
      status: 200,
      body: { email: 'member@example.com', series: REFERENCE_SERIES, role: 'steward' },
    });
    expect(
      (
        await send(
          'PUT',
          `/seasons/${SEASON}/results/race-02/state`,
          { state: 'final', reason: 'confirmed' },
          'member',
        )
      ).status,
    ).toBe(200);
    const roles = await h.app.request(`/api/v1/series/${REFERENCE_SERIES}/roles`, {
      headers: { authorization: `Bearer ${tokens['organiser']}` },
    });
    expect(await roles.json()).toContainEqual({
      email: 'member@example.com',
      series: REFERENCE_SERIES,
      role: 'steward',
    });
  });
});
