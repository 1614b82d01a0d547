/**
 * Restoring a revision on the site (issue 8: history, diff and revert "the same on the site"): an
 * organiser of the series restores an earlier revision from the Changes page; the standings the
 * API serves are the earlier ones again, and the restore is itself a revision. Stewards, viewers
 * and visitors see no restore buttons (the role matrix checks the route itself).
 */
import { describe, expect, it } from 'vitest';
import { Client, makeHarness } from '../../src/server/test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';

interface Row {
  competitor: { id: string };
  pointsExact: string;
}
async function hartog(client: Client): Promise<string> {
  const doc = (await (
    await client.get(`/api/v1/seasons/${SEASON}/standings?championship=overall`, {
      accept: 'application/json',
    })
  ).json()) as {
    championships: { standings: Row[] }[];
  };
  return doc.championships[0]!.standings.find((r) => r.competitor.id === 'loek-hartog')!.pointsExact;
}

describe('restoring a revision on the Changes page', () => {
  it('gives back the earlier standings as a new revision, for an organiser only', async () => {
    const h = await makeHarness();
    const visitor = new Client(h.app);
    const before = await hartog(visitor);
    // Race 1's pole and fastest lap move from Hartog to Burton: Hartog loses their points.
    const edited = await h.paddock.edit(
      SEASON,
      {
        kind: 'awards',
        sessionId: 'race-01',
        pole: '20-mdk-gustav-burton',
        fastestLap: '20-mdk-gustav-burton',
      },
      { author: 'steward@example.com', origin: 'editor', reason: 'timing correction' },
    );
    expect(edited.ok).toBe(true);
    const changed = await hartog(visitor);
    expect(Number(changed)).toBeLessThan(Number(before));

    for (const who of ['steward', 'viewer']) {
      const client = new Client(h.app);
      await client.logIn(`${who}@example.com`);
      expect(await (await client.get(`/seasons/${SEASON}/audit`)).text()).not.toContain(
        '>Restore the season as it was after revision',
      );
    }
    expect(await (await visitor.get(`/seasons/${SEASON}/audit`)).text()).not.toContain(
      '>Restore the season as it was after revision',
    );

    const organiser = new Client(h.app);
    await organiser.logIn('organiser@example.com');
    const page = await (await organiser.get(`/seasons/${SEASON}/audit`)).text();
    expect(page).toContain('>Restore the season as it was after revision');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;

    const noReason = await organiser.post(`/seasons/${SEASON}/revert`, {
      _csrf: csrf,
      to: '1',
      version: '2',
      reason: '',
    });
    expect(noReason.status).toBe(422);
    expect(await hartog(visitor)).toBe(changed);

    const restored = await organiser.post(`/seasons/${SEASON}/revert`, {
      _csrf: csrf,
      to: '1',
      version: '2',
      reason: 'the correction was wrong',
    });
    expect(restored.status).toBe(303);
    expect(restored.headers.get('location')).toBe(`/seasons/${SEASON}/audit?reverted=1`);
    expect(await hartog(visitor)).toBe(before);
    const history = await h.paddock.history(SEASON);
    if (!history.ok) throw new Error('history');
    expect(history.value.revisions.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(history.value.revisions[0]!.reason).toBe('the correction was wrong');
    expect(await (await organiser.get(`/seasons/${SEASON}/audit?reverted=1`)).text()).toContain(
      'Revision 1 restored as revision 3.',
    );

    // A stale page (made at revision 2) cannot restore over revision 3.
    const stale = await organiser.post(`/seasons/${SEASON}/revert`, {
      _csrf: csrf,
      to: '2',
      version: '2',
      reason: 'again',
    });
    expect(stale.status).toBe(409);
    expect(await hartog(visitor)).toBe(before);
  });
});
