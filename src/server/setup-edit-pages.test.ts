/**
 * Changing and deleting a season's classes, drivers, teams, events and entries on the setup pages
 * (without JavaScript) and through the write API: a rename shows on the standings page and changes
 * nothing else there; a delete that results still refer to is refused beside the field, naming
 * them, with nothing written; a stale page gets 409; stewards are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
let organiser: Client;
let token: string;
const SEASON = '2024-porsche-carrera-cup-north-america';
const base = `/seasons/${SEASON}/setup`;

beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2026-02-01T10:00:00Z') });
  organiser = new Client(h.app);
  expect((await organiser.logIn('organiser@example.com')).status).toBe(303);
  const made = await h.paddock.createApiToken('organiser@example.com', { name: 'setup' });
  if (!made.ok) throw new Error(JSON.stringify(made.issues));
  token = made.value.token;
}, 60_000);
afterAll(() => h.paddock.close());

const errorOf = (html: string, form: string, field: string) =>
  new RegExp(`id="${form}-${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
const open = async () => {
  const sv = await h.paddock.open(SEASON);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value;
};

async function post(client: Client, page: string, action: string, form: Record<string, string>) {
  const html = await (await client.get(page)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  return client.post(action, { _csrf: csrf, ...(version ? { version } : {}), ...form });
}

async function api(body: unknown) {
  const res = await h.app.request(`/api/v1/seasons/${SEASON}/setup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { version?: number; issues?: { path: unknown[]; message: string }[] },
  };
}

describe('changing what a season has, on the setup pages', () => {
  it('renames a driver: the standings page shows the new name and nothing else changes', async () => {
    const { season } = (await open()).loaded;
    const winner = season.classifications[0]!.rows[0]!;
    const entry = season.entries.find((e) => e.id === winner.entryId)!;
    const driver = season.drivers.find((d) => d.id === entry.driverIds[0])!;
    const before = await (await organiser.get(`/seasons/${SEASON}/standings/overall`)).text();
    expect(before).toContain(driver.name);
    const page = `${base}/entries?driver=${driver.id}`;
    const form = await (await organiser.get(page)).text();
    expect(form).toContain(`value="${driver.id}"`);
    const res = await post(organiser, page, `${base}/driver-edit`, {
      driver: driver.id,
      name: 'Renamed <Driver>',
      nationality: driver.nationality ?? '',
      action: 'save',
      reason: 'spelling of the name',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}/entries?saved=driver-edit`);
    const after = await (await organiser.get(`/seasons/${SEASON}/standings/overall`)).text();
    expect(after).toContain('Renamed &lt;Driver&gt;');
    expect(after).not.toContain('Renamed <Driver>');
    const names = (html: string) => html.replaceAll('Renamed &lt;Driver&gt;', driver.name);
    // Only the name: every position and point on the page is as it was.
    expect(names(after).replace(/\s+/g, ' ')).toBe(before.replace(/\s+/g, ' '));
  });

  it('refuses to delete an event with results, naming them beside the field, writing nothing', async () => {
    const sv = await open();
    const event = sv.loaded.season.events[0]!;
    const page = `${base}/calendar?event=${event.id}`;
    const html = await (await organiser.get(page)).text();
    expect(html).toContain(`Change round ${event.round}, ${event.name}`);
    const res = await post(organiser, page, `${base}/event-edit`, {
      event: event.id,
      action: 'delete',
      reason: 'cancelled',
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(errorOf(text, 'event-edit', 'event')).toMatch(
      new RegExp(
        `^round ${event.round} &quot;${event.name}&quot; cannot be deleted: results of ${event.name} `,
      ),
    );
    expect(text).toContain('Not saved');
    expect((await open()).version).toBe(sv.version);
  });

  it("changes an event's name and adds a session through the form; a stale page gets 409", async () => {
    const sv = await open();
    const event = sv.loaded.season.events.at(-1)!;
    const page = `${base}/calendar?event=${event.id}`;
    const html = await (await organiser.get(page)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const res = await organiser.post(`${base}/event-edit`, {
      _csrf: csrf,
      version: String(sv.version),
      event: event.id,
      name: `${event.name} Finale`,
      circuit: event.circuit,
      start: event.start ?? '',
      end: event.end && event.end !== event.start ? event.end : '',
      timezone: event.timezone ?? '',
      new_0_type: 'practice',
      new_0_name: 'Test day',
      action: 'save',
      reason: 'the finale',
    });
    expect(res.status).toBe(303);
    const { season } = (await open()).loaded;
    expect(season.events.at(-1)!.name).toBe(`${event.name} Finale`);
    expect(season.sessions.filter((s) => s.eventId === event.id).map((s) => s.name)).toContain('Test day');
    const stale = await organiser.post(`${base}/event-edit`, {
      _csrf: csrf,
      version: String(sv.version),
      event: event.id,
      name: 'Again',
      action: 'save',
      reason: 'again',
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('was changed by someone else meanwhile');
    expect((await open()).loaded.season.events.at(-1)!.name).toBe(`${event.name} Finale`);
  });

  it('refuses to delete an entry with results; shows its change form filled in', async () => {
    const sv = await open();
    const entry = sv.loaded.season.entries.find((e) =>
      sv.loaded.season.classifications.some((c) => c.rows.some((r) => r.entryId === e.id)),
    )!;
    const page = `${base}/entries?entry=${entry.id}`;
    const html = await (await organiser.get(page)).text();
    expect(html).toContain(`id="entry-edit-car" name="car" type="text" value="${entry.car}"`);
    const res = await post(organiser, page, `${base}/entry-edit`, {
      entry: entry.id,
      action: 'delete',
      reason: 'gone',
    });
    expect(res.status).toBe(422);
    expect(errorOf(await res.text(), 'entry-edit', 'entry')).toMatch(
      new RegExp(`^entry #${entry.car} \\(${entry.id}\\) cannot be deleted: results of `),
    );
    expect((await open()).version).toBe(sv.version);
  });

  it("is the series' organisers': a steward is refused", async () => {
    const steward = new Client(h.app);
    await steward.logIn('steward@example.com');
    const csrf = await steward.csrfFrom(`/seasons/${SEASON}`);
    const res = await steward.post(`${base}/class-edit`, { _csrf: csrf, class: 'x', name: 'y', reason: 'r' });
    expect(res.status).toBe(403);
  });
});

describe('changing what a season has, through the API', () => {
  it('renames a team as a revision, and refuses a delete naming the entries', async () => {
    const sv = await open();
    const team = sv.loaded.season.teams[0]!;
    const renamed = await api({ kind: 'team-edit', team: team.id, name: 'Renamed Team', reason: 'sponsor' });
    expect(renamed).toEqual({ status: 200, body: { season: SEASON, version: sv.version! + 1 } });
    expect((await open()).loaded.season.teams[0]!.name).toBe('Renamed Team');
    const refused = await api({ kind: 'team-delete', team: team.id, reason: 'gone' });
    expect(refused.status).toBe(422);
    expect(refused.body.issues!.map((i) => [i.path, i.message.split(':')[0]])).toEqual([
      [['team'], 'team "Renamed Team" cannot be deleted'],
    ]);
    expect(refused.body.issues![0]!.message).toMatch(/: entries #/);
    expect((await open()).version).toBe(sv.version! + 1);
    expect(REFERENCE_SERIES).toBe('porsche-carrera-cup-north-america');
  });

  it("answers a pasted entry list's plan with dryRun, problems by line, writing nothing", async () => {
    const sv = await open();
    const { season } = sv.loaded;
    const team = season.teams[1]!;
    const taken = season.entries[0]!;
    const cls = season.classes[0]!;
    const text = [
      'Number, Driver, Team, Class',
      `999, New Driver, ${team.name}, ${cls.name}`,
      `${taken.car}, Other Driver, Fresh Team, ${cls.name}`,
      '97, Third Driver, Fresh Team, Platinum',
      '',
    ].join('\n');
    const plan = await api({ kind: 'entry-list', text, dryRun: true, reason: 'check' });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      season: SEASON,
      version: sv.version,
      dryRun: true,
      valid: false,
      entries: [
        {
          line: 2,
          car: '999',
          drivers: [{ id: 'new-driver', name: 'New Driver', new: true }],
          team: { id: team.id, name: team.name, new: false },
          class: cls.id,
          rounds: 'all',
          eligible: true,
        },
      ],
      newDrivers: [{ id: 'new-driver', name: 'New Driver' }],
    });
    expect((plan.body as unknown as { problems: { line: number; message: string }[] }).problems).toEqual([
      {
        line: 3,
        code: 'setup.number-taken',
        message: `car ${taken.car} is entry ${taken.id} in some of these rounds already`,
        hint: 'Give the rounds of each, or record the change with "from round".',
      },
      {
        line: 4,
        code: 'setup.unknown-class',
        message: '"Platinum" is not a class of this season',
        hint: `Classes: ${season.classes.map((c) => c.name).join(', ')}.`,
      },
    ]);
    expect((await open()).version).toBe(sv.version);
    // Without the bad lines the plan is valid; still nothing is written until sent without dryRun.
    const good = await api({
      kind: 'entry-list',
      text: text.split('\n').slice(0, 2).join('\n'),
      dryRun: true,
      reason: 'check',
    });
    expect(good.body).toMatchObject({ valid: true, problems: [] });
    expect((await open()).version).toBe(sv.version);
    const added = await api({
      kind: 'entry-list',
      text: text.split('\n').slice(0, 2).join('\n'),
      reason: 'a new car',
    });
    expect(added).toEqual({ status: 200, body: { season: SEASON, version: sv.version! + 1 } });
  });
});
