/**
 * The Changes page tells setup revisions in the sport's words: an event added with its sessions,
 * an event's time zone and sessions changed, a driver renamed, an entry's rounds and eligibility,
 * a class renamed, a rulebook bonus's points; every name escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';
import type { SetupChange } from '../app/index.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const AUDIT = `/seasons/${SEASON}/audit`;

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
}, 60_000);
afterAll(() => h.paddock.close());

const by = (reason: string) => ({ author: 'organiser@example.com', reason, origin: 'editor' as const });
async function setup(change: SetupChange, reason = 'setup'): Promise<number> {
  const r = await h.paddock.changeSetup(SEASON, change, by(reason));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.version!;
}
/** One revision's entry on the Changes page, tags removed. */
async function revision(version: number): Promise<string> {
  const html = await (await h.app.request(AUDIT, { headers: { accept: 'text/html' } })).text();
  const m = new RegExp(`<li id="revision-${version}"[^>]*>([\\s\\S]*?)(?=<li id="revision-|</ol>)`).exec(
    html,
  );
  return (m?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&#39;', "'")
    .trim();
}
const season = async () => {
  const sv = await h.paddock.open(SEASON);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value.loaded;
};

describe('setup revisions on the Changes page', () => {
  it('tells an event added with its sessions, and then its time zone and a session added', async () => {
    const rounds = (await season()).season.events.length;
    const v = await setup({
      kind: 'event',
      name: 'Sebring <Finale>',
      circuit: 'Sebring International Raceway',
      start: '2024-11-15',
      end: '2024-11-16',
      sessions: [{ type: 'qualifying' }, { type: 'race' }, { type: 'race' }],
    });
    const added = await revision(v);
    expect(added).toContain('Revision');
    expect(added).toContain(
      `Event 'Sebring &lt;Finale&gt;' added (round ${rounds + 1}, 2024-11-15 to 2024-11-16) with Qualifying, Race 1, Race 2`,
    );
    const event = (await season()).season.events.find((e) => e.name === 'Sebring <Finale>')!;
    const w = await setup({
      kind: 'event-edit',
      event: event.id,
      timezone: 'America/New_York',
      removeSessions: [`${event.id}-qualifying`],
      addSessions: [{ type: 'practice', name: 'Test', date: '2024-11-15', time: '09:30' }],
    });
    expect(await revision(w)).toContain(
      `Event 'Sebring &lt;Finale&gt;' (round ${rounds + 1}): time zone none → America/New_York; sessions added: Test; sessions removed: Qualifying`,
    );
  });

  it("tells a driver renamed and an entry's rounds and eligibility, not only that they changed", async () => {
    const { season: s } = await season();
    const entry = s.entries.find((e) => e.driverIds.length === 1 && e.eventIds.length === s.events.length)!;
    const driver = s.drivers.find((d) => d.id === entry.driverIds[0])!;
    const v = await setup({ kind: 'driver-edit', driver: driver.id, name: 'Renamed Driver' });
    const renamed = await revision(v);
    expect(renamed).toContain(`Driver '${driver.name}' renamed to 'Renamed Driver'`);
    expect(renamed).not.toContain('Drivers changed');
    // Entered for every round (nine with the finale added above), now not for the finale.
    const w = await setup({ kind: 'entry-edit', entry: entry.id, rounds: '1-8', eligible: false });
    expect(await revision(w)).toContain(
      `Entry #${entry.car} Renamed Driver: rounds all → 1-8; a guest, not eligible for points`,
    );
  });

  it('tells a class renamed and a bonus worth more points in the rulebook', async () => {
    const { season: s, files, rulebookFile } = await season();
    const cls = s.classes[0]!;
    const v = await setup({ kind: 'class-edit', class: cls.id, name: `${cls.name} & Co` });
    expect(await revision(v)).toContain(`Class '${cls.name}' renamed to '${cls.name} &amp; Co'`);
    const text = files.get(rulebookFile)!;
    const changed = text.replace(
      '      - { kind: fastest-lap, points: 1, scope: overall }',
      '      - { kind: fastest-lap, points: 2, scope: overall }',
    );
    expect(changed).not.toBe(text);
    const r = await h.paddock.changeRulebook(SEASON, changed, by('two points for the fastest lap'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const line = await revision(r.value.version!);
    expect(line).toContain("Rulebook, championship 'Overall': fastest-lap bonus 1 → 2 points");
    expect(line).not.toContain('The rulebook changed.');
  });
});
