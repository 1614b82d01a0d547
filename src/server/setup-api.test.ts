/**
 * The season setup through the write API: a season of a series created by an organiser's token,
 * then an event with local session times, a pasted entry list and one entry, each a revision
 * answered with its version; a stale If-Match is refused with 412 and bad input with 422 naming
 * the field, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from '@hono/zod-openapi';
import { EventSchema } from './api-schemas.js';
import { makeHarness, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

let h: Harness;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await makeHarness({ now: () => new Date('2026-02-01T10:00:00Z') });
  for (const who of ['organiser', 'steward']) {
    const made = await h.paddock.createApiToken(`${who}@example.com`, { name: 'setup' });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    tokens[who] = made.value.token;
  }
}, 60_000);
afterAll(() => h.paddock.close());

async function send(
  method: string,
  path: string,
  body: unknown,
  who = 'organiser',
  headers: Record<string, string> = {},
) {
  const res = await h.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      issues?: { code: string; path: unknown[]; message: string }[];
    },
  };
}

const SEASON = '2027-porsche-carrera-cup-north-america';

describe('season setup through the API', () => {
  it('creates a season of the series: an organiser may, a steward may not', async () => {
    const body = {
      year: 2027,
      preset: 'sim-racing-league',
      classes: ['Pro', 'Pro-Am'],
      reason: 'next season',
    };
    expect((await send('POST', `/series/${REFERENCE_SERIES}/seasons`, body, 'steward')).status).toBe(403);
    const made = await send('POST', `/series/${REFERENCE_SERIES}/seasons`, body);
    expect(made).toEqual({ status: 200, body: { season: SEASON, version: 1 } });
    const again = await send('POST', `/series/${REFERENCE_SERIES}/seasons`, body);
    expect(again.status).toBe(422);
    expect(again.body.issues!.map((i) => i.code)).toEqual(['setup.season-exists']);
  });

  it('adds an event, a pasted entry list and an entry, each a revision', async () => {
    const event = await send(
      'POST',
      `/seasons/${SEASON}/setup`,
      {
        kind: 'event',
        name: 'Sebring',
        circuit: 'Sebring International Raceway',
        country: 'US',
        start: '2027-03-17',
        end: '2027-03-19',
        timezone: 'America/New_York',
        sessions: [
          { type: 'race', date: '2027-03-18', time: '10:15', durationMinutes: 40 },
          { type: 'race', date: '2027-03-19', time: '09:30' },
        ],
        reason: 'round 1',
      },
      'organiser',
      { 'if-match': '"1"' },
    );
    expect(event).toEqual({ status: 200, body: { season: SEASON, version: 2 } });
    const events = (await (await h.app.request(`/api/v1/seasons/${SEASON}/events`)).json()) as {
      timezone: string;
      sessions: { id: string; date?: string; time?: string; durationMinutes?: number }[];
    }[];
    // Described whole by the OpenAPI schema (zod drops undeclared fields: equal means described).
    expect(z.array(EventSchema).parse(events)).toEqual(events);
    expect(events[0]!.timezone).toBe('America/New_York');
    expect(events[0]!.sessions.map((s) => [s.id, s.date, s.time, s.durationMinutes])).toEqual([
      ['sebring-race-1', '2027-03-18', '10:15', 40],
      ['sebring-race-2', '2027-03-19', '09:30', undefined],
    ]);
    const ics = await (await h.app.request(`/seasons/${SEASON}/calendar.ics`)).text();
    expect(ics).toContain('DTSTART;TZID=America/New_York:20270318T101500');
    const pasted = await send('POST', `/seasons/${SEASON}/setup`, {
      kind: 'entry-list',
      text: '8, Loek Hartog, Kellymoss, Pro\n24, Alan Metni, Kellymoss, Pro-Am',
      reason: 'entry list',
    });
    expect(pasted.body).toEqual({ season: SEASON, version: 3 });
    const entry = await send('POST', `/seasons/${SEASON}/setup`, {
      kind: 'entry',
      car: '99',
      team: 'kellymoss',
      drivers: ['Guest Driver'],
      class: 'Pro',
      eligible: false,
      reason: 'guest',
    });
    // Driver names are matched; a driver not in the season is refused for a single entry.
    expect(entry.status).toBe(422);
    expect(entry.body.issues!.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['drivers', 'no driver "Guest Driver" in this season'],
    ]);
    const sv = await h.paddock.open(SEASON);
    if (!sv.ok) throw new Error('season');
    expect(sv.value.version).toBe(3);
    expect(sv.value.loaded.season.entries.map((e) => [e.id, e.classId])).toEqual([
      ['8-kellymoss-loek-hartog', 'pro'],
      ['24-kellymoss-alan-metni', 'pro-am'],
    ]);
    expect(sv.value.loaded.season.sessions.map((s) => [s.id, s.race, s.time])).toEqual([
      ['sebring-race-1', 1, '10:15'],
      ['sebring-race-2', 2, '09:30'],
    ]);
  });

  it('refuses a stale If-Match with 412, and a bad time zone with 422, writing nothing', async () => {
    const stale = await send(
      'POST',
      `/seasons/${SEASON}/setup`,
      { kind: 'class', name: 'Masters', reason: 'r' },
      'organiser',
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    const bad = await send('POST', `/seasons/${SEASON}/setup`, {
      kind: 'event',
      name: 'Watkins Glen',
      circuit: 'Watkins Glen',
      start: '2027-06-20',
      timezone: 'EST',
      sessions: [{ type: 'race', time: '12:00' }],
      reason: 'round 2',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues!.map((i) => i.path[0])).toEqual(['timezone']);
    const sv = await h.paddock.open(SEASON);
    expect(sv.ok && sv.value.version).toBe(3);
  });
});
