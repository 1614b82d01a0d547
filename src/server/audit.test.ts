/**
 * The Changes page over HTTP: each revision in the sport's words (the car that moved, the decision
 * recorded, the standings that changed, worked out by hand from the reference rulebook), editors
 * shown by display name, e-mail addresses only to the administrator, no JSON to anyone; and the
 * display name set on the account page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const AUDIT = `/seasons/${SEASON}/audit`;
const EDIT = `/seasons/${SEASON}/edit/race-01`;

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  expect((await h.paddock.setDisplayName('steward@example.com', 'Race Control')).ok).toBe(true);
  const steward = new Client(h.app);
  await steward.logIn('steward@example.com');
  const csrf = await steward.csrfFrom(EDIT);
  const penalty = await steward.post(`${EDIT}/penalty`, {
    _csrf: csrf,
    entryId: '24-kellymoss-loek-hartog',
    penalty: 'places',
    amount: '2',
    championshipId: '',
    reason: 'Decision 3: causing a collision',
  });
  expect(penalty.status).toBe(303);
  // The organiser has no display name.
  const organiser = new Client(h.app);
  await organiser.logIn('organiser@example.com');
  const state = await organiser.post(`${EDIT}/state`, {
    _csrf: await organiser.csrfFrom(EDIT),
    state: 'final',
    reason: 'results confirmed',
  });
  expect(state.status).toBe(303);
});
afterAll(() => h.paddock.close());

/** The text of one revision's entry on the page, tags removed. */
function revision(html: string, version: number): string {
  const m = new RegExp(`<li id="revision-${version}"[^>]*>([\\s\\S]*?)(?=<li id="revision-|</ol>)`).exec(
    html,
  );
  return (m?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the Changes page', () => {
  it('says what each revision changed, in the sport’s words, to anyone', async () => {
    const html = await (await h.app.request(AUDIT, { headers: { accept: 'text/html' } })).text();
    const penalty = revision(html, 2);
    expect(penalty).toContain('Revision 2: places penalty (race-01)');
    expect(penalty).toContain('by Race Control · Reason: Decision 3: causing a collision');
    expect(penalty).toContain('Sebring, Race 1');
    // Hartog P1 -> P3; Burton and Yardley each move up one.
    expect(penalty).toContain('#24 Loek Hartog: P1 → P3');
    expect(penalty).toContain('#20 Gustav Burton: P2 → P1');
    expect(penalty).toContain(
      'Decision recorded: #24 Loek Hartog: 2-place penalty (Sebring, Race 1). Reason: Decision 3: causing a collision',
    );
    // Overall after the season: Hartog loses 25 - 17 = 8 points, Burton gains 5.
    const row = (who: string) =>
      new RegExp(
        `<td>Overall</td><td>${who}</td><td>P(\\d+), ([\\d.]+)</td><td>P(\\d+), ([\\d.]+)</td>`,
      ).exec(html);
    const hartog = row('Loek Hartog')!;
    expect(Number(hartog[4]) - Number(hartog[2])).toBe(-8);
    const burton = row('Gustav Burton')!;
    expect(Number(burton[4]) - Number(burton[2])).toBe(5);
    const state = revision(html, 3);
    expect(state).toContain('Revision 3: results final (race-01)');
    expect(state).toContain('by an editor');
    expect(state).toContain('Sebring, Race 1 : result none → final');
  });

  it('shows e-mail addresses only to the administrator, and JSON to nobody', async () => {
    const visitor = await (await h.app.request(AUDIT, { headers: { accept: 'text/html' } })).text();
    const steward = new Client(h.app);
    await steward.logIn('steward@example.com');
    const own = await (await steward.get(AUDIT)).text();
    for (const html of [visitor, own]) {
      expect(revision(html, 2)).not.toContain('@example.com');
      expect(revision(html, 3)).not.toContain('@example.com');
      expect(html).not.toMatch(/<pre>|\{&quot;|\{"/);
    }
    const admin = new Client(h.app);
    await admin.logIn('admin@example.com');
    const html = await (await admin.get(AUDIT)).text();
    expect(revision(html, 2)).toContain('by Race Control (steward@example.com)');
    expect(revision(html, 3)).toContain('by organiser@example.com');
  });

  it('lets an account set its display name, refusing an address', async () => {
    const client = new Client(h.app);
    await client.logIn('organiser@example.com');
    const csrf = await client.csrfFrom('/account/tokens');
    const bad = await client.post('/account/name', { _csrf: csrf, displayName: 'me@example.com' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(
      /id="displayName-error"[^>]*>a display name has no control characters and is not an e-mail address/,
    );
    const ok = await client.post('/account/name', { _csrf: csrf, displayName: 'Series Organiser' });
    expect(ok.status).toBe(303);
    expect(await (await client.get('/account/tokens')).text()).toContain('value="Series Organiser"');
    const html = await (await h.app.request(AUDIT, { headers: { accept: 'text/html' } })).text();
    expect(revision(html, 3)).toContain('by Series Organiser');
  });
});
