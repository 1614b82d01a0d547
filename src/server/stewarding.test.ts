/**
 * Stewarding on the site over HTTP: each kind of decision from the session's form (places, time
 * refused without race times, disqualification, points deduction, exclusion) with its decision
 * text, the standings worked out by hand from the reference rulebook, bad input beside its field
 * with nothing written, a final result becoming amended, and the decisions published on the
 * event page and the season's decisions page (escaped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const EDIT = `/seasons/${SEASON}/edit/race-01`;

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.paddock.close());

const version = async () => {
  const sv = await h.paddock.open(SEASON);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value.version!;
};

/** A championship's table after race 1: competitor -> exact points, and who is excluded. */
async function tableAfterRace1(championship: string) {
  const doc = (await (
    await h.app.request(`/api/v1/seasons/${SEASON}/standings?championship=${championship}&after=1`)
  ).json()) as {
    championships: {
      standings: { competitor: { id: string }; pointsExact: string }[];
      excluded: { competitor: { id: string }; reason: string }[];
    }[];
  };
  const c = doc.championships[0]!;
  return {
    points: (id: string) => c.standings.find((s) => s.competitor.id === id)?.pointsExact,
    excluded: c.excluded.map((e) => [e.competitor.id, e.reason]),
  };
}

async function steward() {
  const client = new Client(h.app);
  await client.logIn('steward@example.com');
  const csrf = await client.csrfFrom(EDIT);
  const decide = (fields: Record<string, string>) =>
    client.post(`${EDIT}/penalty`, { _csrf: csrf, championshipId: '', amount: '', ...fields });
  return { client, csrf, decide };
}

describe('stewarding from the session form', () => {
  it('marks a final result amended by a places penalty, with the decision', async () => {
    const { client, csrf, decide } = await steward();
    expect(
      (await client.post(`${EDIT}/state`, { _csrf: csrf, state: 'final', reason: 'results confirmed' }))
        .status,
    ).toBe(303);
    // Reference race 1, overall: Hartog P1 (25) + pole (2) + fastest lap (1) = 28; Burton P2 = 20.
    const before = await tableAfterRace1('overall');
    expect([before.points('loek-hartog'), before.points('gustav-burton')]).toEqual(['28', '20']);
    const res = await decide({
      entryId: '24-kellymoss-loek-hartog',
      penalty: 'places',
      amount: '2',
      reason: 'Decision 3: causing a collision at turn 1',
    });
    expect(res.status).toBe(303);
    // Dropped two places to P3 (17), keeping pole and fastest lap: 20. Burton wins: 25.
    const after = await tableAfterRace1('overall');
    expect([after.points('loek-hartog'), after.points('gustav-burton')]).toEqual(['20', '25']);
    const page = await (await client.get(EDIT)).text();
    expect(page).toContain('State: <strong>amended</strong>');
    expect(page).toMatch(
      /No\. 1: #24 Loek Hartog: 2-place penalty \(P1 → P3\)\. Reason: Decision 3: causing a collision at turn 1/,
    );
  });

  it('deducts points in one championship and leaves the others alone', async () => {
    const { decide } = await steward();
    const pro = (await tableAfterRace1('pro')).points('gustav-burton');
    const overall = (await tableAfterRace1('overall')).points('gustav-burton');
    const res = await decide({
      entryId: '20-mdk-gustav-burton',
      penalty: 'points',
      amount: '5/2',
      championshipId: 'pro',
      reason: 'Decision 4: unsafe release',
    });
    expect(res.status).toBe(303);
    // 5/2 points exactly, in Pro only.
    expect(pro).toBe('25');
    expect((await tableAfterRace1('pro')).points('gustav-burton')).toBe('45/2');
    expect((await tableAfterRace1('overall')).points('gustav-burton')).toBe(overall);
  });

  it('excludes a driver from a championship from the session on, results kept', async () => {
    const { decide } = await steward();
    const res = await decide({
      entryId: '78-topp-performance-ryan-yardley',
      penalty: 'exclusion',
      championshipId: 'overall',
      reason: 'Decision 5: <b>technical</b> infringement',
    });
    expect(res.status).toBe(303);
    const overall = await tableAfterRace1('overall');
    expect(overall.points('ryan-yardley')).toBeUndefined();
    expect(overall.excluded.map(([id]) => id)).toEqual(['ryan-yardley']);
    // Results kept: the Pro table still has him, P2 in class since Hartog's penalty (20).
    expect((await tableAfterRace1('pro')).points('ryan-yardley')).toBe('20');
  });

  it('puts bad input beside its field and writes nothing', async () => {
    const { decide } = await steward();
    const v = await version();
    const places = await decide({
      entryId: '20-mdk-gustav-burton',
      penalty: 'places',
      amount: 'two',
      reason: 'x',
    });
    expect(places.status).toBe(422);
    expect(await places.text()).toMatch(
      /id="amount-error"[^>]*>places must be a whole number above 0, not two/,
    );
    const exclusion = await decide({
      entryId: '20-mdk-gustav-burton',
      penalty: 'exclusion',
      amount: '3',
      reason: 'x',
    });
    expect(exclusion.status).toBe(422);
    expect(await exclusion.text()).toMatch(/id="amount-error"[^>]*>an exclusion has no amount/);
    const noReason = await decide({
      entryId: '20-mdk-gustav-burton',
      penalty: 'disqualification',
      reason: ' ',
    });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toMatch(/id="reason-error"[^>]*>give the reason for this change/);
    const kind = await decide({ entryId: '20-mdk-gustav-burton', penalty: 'caution', reason: 'x' });
    expect(kind.status).toBe(422);
    expect(await kind.text()).toContain('choose time, places, points, disqualification or exclusion');
    expect(await version()).toBe(v);
  });
});

describe('published decisions', () => {
  it('lists every decision on the season page and the event page, escaped, for anyone', async () => {
    const html = await (
      await h.app.request(`/seasons/${SEASON}/decisions`, { headers: { accept: 'text/html' } })
    ).text();
    const table = /<table id="decisions"[^>]*>([\s\S]*?)<\/table>/.exec(html)![1]!;
    const rows = table
      .split('<tr id="decision-')
      .slice(1)
      .map((r) => r.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|'));
    expect(rows).toEqual([
      '1">|1|Sebring|Race 1|#24 Loek Hartog|2-place penalty|P1 → P3|Decision 3: causing a collision at turn 1|',
      '2">|2|Sebring|Race 1|Gustav Burton|2.5 points deducted in the Pro championship|Decision 4: unsafe release|',
      '3">|3|Sebring|Race 1|Ryan Yardley|excluded from the Overall championship from Race 1 on|Decision 5: &lt;b&gt;technical&lt;/b&gt; infringement|',
    ]);
    const event = await (
      await h.app.request(`/seasons/${SEASON}/events/sebring`, { headers: { accept: 'text/html' } })
    ).text();
    expect(event).toContain('<h2 id="event-decisions">Stewards&#39; decisions</h2>');
    expect(event).toContain('Decision 4: unsafe release');
    const other = await (
      await h.app.request(`/seasons/${SEASON}/events/miami`, { headers: { accept: 'text/html' } })
    ).text();
    expect(other).not.toContain('event-decisions');
  });
});
