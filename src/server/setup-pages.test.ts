/**
 * The organiser's season setup over HTTP, as a browser without JavaScript uses it: a new season,
 * its calendar (sessions with local times in the feed), classes, drivers, teams, entries, a
 * change mid-season and a pasted entry list with its preview. Each form: success as a revision
 * with its reason, bad input with the message beside the field and nothing written, a stale
 * version refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeHarness, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
let admin: Client;
let organiser: Client;
const SEASON = '2026-club-cup';
const base = `/seasons/${SEASON}/setup`;

beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2026-02-01T10:00:00Z') });
  admin = new Client(h.app);
  organiser = new Client(h.app);
  expect((await admin.logIn('admin@example.com')).status).toBe(303);
  expect((await organiser.logIn('organiser@example.com')).status).toBe(303);
}, 60_000);
afterAll(() => h.paddock.close());

/** The text of the error shown beside one field of one form. */
const errorOf = (html: string, form: string, field: string) =>
  new RegExp(`id="${form}-${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1];

const versionOf = async (season = SEASON) => {
  const sv = await h.paddock.open(season);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value.version!;
};
const seasonOf = async (season = SEASON) => {
  const sv = await h.paddock.open(season);
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  return sv.value.loaded.season;
};

/** Posts a form of a page with its CSRF token and the version the page shows. */
async function post(client: Client, page: string, action: string, form: Record<string, string>) {
  const html = await (await client.get(page)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  return client.post(action, { _csrf: csrf, ...(version ? { version } : {}), ...form });
}

describe('a new season', () => {
  it('offers the presets of the year asked for, and the templates', async () => {
    const html = await (await admin.get('/seasons/new?year=1988')).text();
    expect(html).toContain('<option value="f1-1981-1990">');
    expect(html).toContain('<option value="sim-racing-league">');
    expect(html).not.toContain('<option value="f1-2010-2018">');
  });

  it('shows every problem beside its field and creates nothing', async () => {
    const before = (await h.paddock.listSeasons()).length;
    const res = await post(admin, '/seasons/new', '/seasons/new', {
      series: '',
      series_name: 'Club Cup',
      year: 'twenty',
      preset: '',
      classes: 'Pro, Am',
      reason: 'A new season',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(errorOf(html, 'season', 'year')).toBe('give the season&#39;s year, such as 2026');
    expect((await h.paddock.listSeasons()).length).toBe(before);
    const noPreset = await post(admin, '/seasons/new', '/seasons/new', {
      series_name: 'Club Cup',
      year: '2026',
      preset: 'f1-1981-1990',
      reason: 'A new season',
    });
    expect(noPreset.status).toBe(422);
    expect(errorOf(await noPreset.text(), 'season', 'preset')).toBe(
      'preset &quot;f1-1981-1990&quot; covers 1981-1990, not 2026 (Choose the preset of that season, or a template.)',
    );
    expect((await h.paddock.listSeasons()).length).toBe(before);
  });

  it('creates the season of a new series (the administrator) as its first revision', async () => {
    const res = await post(admin, '/seasons/new', '/seasons/new', {
      series: '',
      series_name: 'Club Cup',
      year: '2026',
      preset: 'sim-racing-league',
      classes: 'Pro, Am',
      reason: 'The club votes for a 2026 cup',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}?saved=season`);
    const season = await seasonOf();
    expect(season.series).toEqual({ id: 'club-cup', name: 'Club Cup' });
    expect(season.classes.map((c) => c.id)).toEqual(['pro', 'am']);
    const history = await h.paddock.history(SEASON);
    expect(history.ok && history.value.revisions.map((r) => [r.version, r.author, r.reason])).toEqual([
      [1, 'admin@example.com', 'The club votes for a 2026 cup'],
    ]);
    const page = await (await admin.get(`${base}?saved=season`)).text();
    expect(page).toContain('Saved: the season is created');
    expect(page).toContain('Extends <code>sim-racing-league</code>');
    expect(page).toContain(`href="/seasons/${SEASON}/edit/rulebook"`);
  });

  it('lets an organiser start a season of a series they organise, not of another one', async () => {
    expect(await (await organiser.get('/')).text()).toContain('<a href="/seasons/new">New season</a>');
    const list = await (await organiser.get('/seasons/new')).text();
    expect(list).toContain(`href="/series/${REFERENCE_SERIES}/seasons/new"`);
    expect((await organiser.post('/seasons/new', {})).status).toBe(403);
    const res = await post(
      organiser,
      `/series/${REFERENCE_SERIES}/seasons/new`,
      `/series/${REFERENCE_SERIES}/seasons/new`,
      {
        year: '2027',
        preset: 'sim-racing-league',
        classes: 'Pro, Pro-Am, Masters',
        reason: 'next year',
      },
    );
    expect(res.status).toBe(303);
    const season = await seasonOf('2027-porsche-carrera-cup-north-america');
    expect(season.series.name).toBe('Porsche Carrera Cup North America');
    expect((await organiser.get('/series/club-cup/seasons/new')).status).toBe(403);
  });
});

describe('the calendar', () => {
  const event = {
    name: 'Brands Hatch',
    circuit: 'Brands Hatch Indy',
    country: 'gb',
    start: '2026-04-11',
    end: '2026-04-12',
    timezone: 'Europe/London',
    round: '1',
    session_0_type: 'qualifying',
    session_0_date: '2026-04-11',
    session_0_time: '16:30',
    session_0_duration: '20',
    session_1_type: 'race',
    session_1_date: '2026-04-12',
    session_1_time: '11:05',
    session_1_duration: '30',
    session_2_type: 'race',
    session_2_date: '2026-04-12',
    session_2_time: '15:40',
    reason: 'Round 1 is Brands Hatch',
  };

  it('shows bad input beside the session row it concerns and writes nothing', async () => {
    const v = await versionOf();
    const res = await post(admin, `${base}/calendar`, `${base}/event`, {
      ...event,
      timezone: 'BST',
      session_0_type: '',
      session_0_time: '',
      session_0_date: '',
      session_0_duration: '',
      session_2_time: '3pm',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(errorOf(html, 'event', 'timezone')).toBe(
      '&quot;BST&quot; is not an IANA time zone such as Europe/London or America/New_York',
    );
    // Rows 1 and 2 are the app's sessions 0 and 1: the message goes beside row 2's time.
    expect(errorOf(html, 'event', 'session_2_time')).toBe('a local time written hh:mm, such as 14:05');
    expect(html).toContain('value="3pm"');
    const noType = await post(admin, `${base}/calendar`, `${base}/event`, {
      ...event,
      session_4_time: '10:00',
    });
    expect(errorOf(await noType.text(), 'event', 'session_4_type')).toBe('choose the session type');
    expect(await versionOf()).toBe(v);
  });

  it('adds an event with its sessions as a revision; the feed gives their local times', async () => {
    const v = await versionOf();
    const res = await post(admin, `${base}/calendar`, `${base}/event`, event);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}/calendar?saved=event`);
    expect(await versionOf()).toBe(v + 1);
    const season = await seasonOf();
    expect(season.events.map((e) => [e.id, e.round, e.country, e.timezone])).toEqual([
      ['brands-hatch', 1, 'GB', 'Europe/London'],
    ]);
    expect(season.sessions.map((s) => [s.id, s.race, s.time, s.durationMinutes])).toEqual([
      ['brands-hatch-qualifying', undefined, '16:30', 20],
      ['brands-hatch-race-1', 1, '11:05', 30],
      ['brands-hatch-race-2', 2, '15:40', undefined],
    ]);
    const ics = await (await admin.get(`/seasons/${SEASON}/calendar.ics`)).text();
    expect(ics).toContain('DTSTART;TZID=Europe/London:20260412T154000');
    expect(ics).toContain('DTEND;TZID=Europe/London:20260412T164000');
    const page = await (await admin.get(`${base}/calendar?saved=event`)).text();
    expect(page).toContain('Race 2 (race 2): 2026-04-12 15:40');
  });

  it('refuses a form made from an older version with 409, writing nothing', async () => {
    const v = await versionOf();
    const html = await (await admin.get(`${base}/calendar`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const res = await admin.post(`${base}/event`, {
      ...event,
      name: 'Spa',
      round: '2',
      start: '2026-05-23',
      end: '',
      session_0_date: '',
      session_1_date: '',
      session_2_date: '',
      _csrf: csrf,
      version: String(v - 1),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('was changed by someone else meanwhile');
    expect(await versionOf()).toBe(v);
  });
});

describe('times of an event in the calendar', () => {
  const REF = '/seasons/2024-porsche-carrera-cup-north-america/setup';
  it("sets the time zone and local start times of a season's existing event", async () => {
    const page = await (await organiser.get(`${REF}/calendar?event=sebring`)).text();
    expect(page).toContain('<h2 id="times">Times of Sebring</h2>');
    const form = { event: 'sebring', timezone: 'America/New_York', reason: 'the timetable is out' };
    const bad = await post(organiser, `${REF}/calendar?event=sebring`, `${REF}/event-times`, {
      ...form,
      s_0_id: 'race-01',
      s_0_date: '2024-03-14',
      s_0_time: '7pm',
      s_1_id: 'race-02',
      s_1_date: '2024-04-01',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(errorOf(html, 'times', 's_0_time')).toBe('a local time written hh:mm, such as 14:05');
    expect(errorOf(html, 'times', 's_1_date')).toBe(
      '2024-04-01 is not a day of the event (2024-03-13 to 2024-03-15)',
    );
    const res = await post(organiser, `${REF}/calendar?event=sebring`, `${REF}/event-times`, {
      ...form,
      s_0_id: 'race-01',
      s_0_date: '2024-03-14',
      s_0_time: '15:50',
      s_0_duration: '45',
      s_1_id: 'race-02',
      s_1_date: '2024-03-15',
      s_1_time: '10:05',
    });
    expect(res.status).toBe(303);
    const ics = await (
      await organiser.get('/seasons/2024-porsche-carrera-cup-north-america/calendar.ics')
    ).text();
    // EDT (UTC-4) that week; the feed keeps the local time and names the zone.
    expect(ics).toContain('DTSTART;TZID=America/New_York:20240314T155000');
    expect(ics).toContain('DTEND;TZID=America/New_York:20240314T163500');
    expect(ics).toContain('DTSTART;TZID=America/New_York:20240315T100500');
    const sv = await h.paddock.open('2024-porsche-carrera-cup-north-america');
    const yaml = sv.ok ? sv.value.loaded.files.get('season.yaml')! : '';
    // season.yaml keeps its notes (and comments); the event gets its zone and times.
    expect(yaml).toContain('timezone: America/New_York');
    expect(yaml).toMatch(/id: race-01.*date: 2024-03-14, time: "?15:50"?, duration_minutes: 45/);
    expect(yaml).toContain('Miami dates: the Calendar table gives May 3-5');
  });
});

describe('classes, drivers, teams and entries', () => {
  it('adds a class, a driver and a team, and shows a double beside the name', async () => {
    expect((await post(admin, base, `${base}/class`, { name: 'Guest', reason: 'guests' })).status).toBe(303);
    expect(
      (
        await post(admin, `${base}/entries`, `${base}/driver`, {
          name: 'Zoë Ash',
          nationality: 'gb',
          reason: 'driver',
        })
      ).status,
    ).toBe(303);
    expect(
      (await post(admin, `${base}/entries`, `${base}/team`, { name: 'Ash Racing', reason: 'team' })).status,
    ).toBe(303);
    const season = await seasonOf();
    expect(season.classes.map((c) => c.id)).toEqual(['pro', 'am', 'guest']);
    expect(season.drivers).toEqual([{ id: 'zoe-ash', name: 'Zoë Ash', nationality: 'GB' }]);
    const v = await versionOf();
    const again = await post(admin, `${base}/entries`, `${base}/driver`, {
      name: 'Zoe Ash',
      reason: 'driver',
    });
    expect(again.status).toBe(422);
    expect(errorOf(await again.text(), 'driver', 'name')).toBe(
      'the season has a driver &quot;zoe-ash&quot; already (Give another id (such as zoe-ash-2) if this is someone else.)',
    );
    const noReason = await post(admin, base, `${base}/class`, { name: 'Silver', reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(errorOf(await noReason.text(), 'class', 'reason')).toBe('give the reason for this change');
    expect(await versionOf()).toBe(v);
  });

  it('adds an entry, and names an unknown class beside its field', async () => {
    const bad = await post(admin, `${base}/entries`, `${base}/entry`, {
      car: '7',
      team: 'ash-racing',
      drivers: 'Zoë Ash',
      class: 'platinum',
      rounds: 'all',
      reason: 'entry',
    });
    expect(bad.status).toBe(422);
    expect(errorOf(await bad.text(), 'entry', 'class')).toBe(
      '&quot;platinum&quot; is not a class of this season (Classes: Pro, Am, Guest.)',
    );
    const res = await post(admin, `${base}/entries`, `${base}/entry`, {
      car: '7',
      team: 'ash-racing',
      drivers: 'Zoë Ash',
      class: 'pro',
      rounds: 'all',
      reason: 'entry',
    });
    expect(res.status).toBe(303);
    expect((await seasonOf()).entries.map((e) => e.id)).toEqual(['7-ash-racing-zoe-ash']);
  });

  const PASTE =
    '11, Ben Cole, Cole Motorsport, Pro\n22, Dan Eve / Fay Gold, Eve Racing, Am\n99\tIan <Jay>\tAsh Racing\tGuest\t\tguest\n';

  it('previews a pasted entry list without writing, then adds it as one revision', async () => {
    const v = await versionOf();
    const preview = await post(admin, `${base}/entries`, `${base}/entries`, {
      text: PASTE,
      action: 'preview',
      reason: 'entry list',
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Preview: 3 entries');
    expect(html).toContain('Dan Eve (new) / Fay Gold (new)');
    expect(html).toContain('Ian &lt;Jay&gt; (new)');
    expect(html).not.toContain('<Jay>');
    expect(html).toContain('Add these 3 entries');
    expect(await versionOf()).toBe(v);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const applied = await admin.post(`${base}/entries`, {
      _csrf: csrf,
      version: String(v),
      text: PASTE,
      action: 'apply',
      reason: 'entry list from the club',
    });
    expect(applied.status).toBe(303);
    const season = await seasonOf();
    expect(season.entries.map((e) => [e.id, e.driverIds.join(';'), e.classId, e.eligible])).toEqual([
      ['7-ash-racing-zoe-ash', 'zoe-ash', 'pro', true],
      ['11-cole-motorsport-ben-cole', 'ben-cole', 'pro', true],
      ['22-eve-racing-dan-eve', 'dan-eve;fay-gold', 'am', true],
      ['99-ash-racing-ian-jay', 'ian-jay', 'guest', false],
    ]);
    const history = await h.paddock.history(SEASON);
    expect(history.ok && history.value.revisions[0]!.reason).toBe('entry list from the club');
  });

  it('lists every bad line of a paste beside the box and writes nothing', async () => {
    const v = await versionOf();
    const res = await post(admin, `${base}/entries`, `${base}/entries`, {
      text: '44, Kim Lee, Lee GP\n11, Max Neo, Neo Team, Pro',
      action: 'apply',
      reason: 'entry list',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<li>line 1: &quot;44, Kim Lee, Lee GP&quot; needs number, driver, team, class');
    expect(html).toContain(
      '<li>line 2: car 11 is entry 11-cole-motorsport-ben-cole in some of these rounds already',
    );
    expect(await versionOf()).toBe(v);
  });

  it('records a change of number and team from a round on', async () => {
    await post(admin, `${base}/calendar`, `${base}/event`, {
      name: 'Spa',
      circuit: 'Spa-Francorchamps',
      start: '2026-05-23',
      session_0_type: 'race',
      reason: 'round 2',
    });
    const bad = await post(admin, `${base}/entries`, `${base}/entry-change`, {
      entry: '11-cole-motorsport-ben-cole',
      from_round: '1',
      car: '12',
      reason: 'change',
    });
    expect(bad.status).toBe(422);
    expect(errorOf(await bad.text(), 'change', 'from_round')).toContain(
      'the change must come after its first round',
    );
    const res = await post(admin, `${base}/entries`, `${base}/entry-change`, {
      entry: '11-cole-motorsport-ben-cole',
      from_round: '2',
      car: '12',
      team: 'eve-racing',
      reason: 'Ben Cole moves to Eve Racing',
    });
    expect(res.status).toBe(303);
    const season = await seasonOf();
    const roundsOf = (id: string) => season.entries.find((e) => e.id === id)!.eventIds;
    expect(roundsOf('11-cole-motorsport-ben-cole')).toEqual(['brands-hatch']);
    expect(roundsOf('12-eve-racing-ben-cole')).toEqual(['spa']);
  });

  it("is the organisers' and the administrator's: a steward is refused", async () => {
    const steward = new Client(h.app);
    await steward.logIn('steward@example.com');
    expect((await steward.get(`/seasons/2024-porsche-carrera-cup-north-america/setup`)).status).toBe(403);
    expect(
      (await organiser.get(`/seasons/2024-porsche-carrera-cup-north-america/setup/entries`)).status,
    ).toBe(200);
    expect((await organiser.get(`${base}`)).status).toBe(403);
  });
});
