/**
 * The JSON API under /api/v1. Read-only; documents are serialised once per season version and
 * served with an ETag, so an unchanged season costs one small query per request.
 */
import { Hono } from 'hono';
import { explain, formatExact, toNumber } from '../engine/index.js';
import type { Result } from '../engine/index.js';
import { resultsJson } from '../exporters/json/results-json.js';
import { contributionJson, standingsJson } from '../exporters/json/standings-json.js';
import type { StoredSeason } from '../store/season-store.js';
import type { Store } from '../store/store.js';
import { CachedBody, sendCached } from './http-cache.js';
import { OPENAPI } from './openapi.js';
import { HttpProblem, problem } from './problems.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The same text `paddock standings --json` prints (JSON.stringify with 2 spaces, then a newline). */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Unwraps a result, or throws its issues as an HTTP problem. */
export function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new HttpProblem(result.issues);
  return result.value;
}

/** Reads ?after=N (a race number), or undefined. */
export function afterParam(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,4}$/.test(value)) throw problem('request.bad-after', `"after" must be a race number, not "${value}"`, ['after']);
  return Number(value);
}

const cached = (value: unknown): CachedBody => new CachedBody(jsonText(value), JSON_TYPE);

function seasonDoc(stored: StoredSeason) {
  const { season, rulebook } = stored;
  return {
    id: season.id,
    name: season.name,
    year: season.year,
    series: season.series,
    aliases: season.aliases,
    version: stored.version,
    classes: season.classes,
    championships: rulebook.championships.map((c) => ({ id: c.id, name: c.name, competitor: c.competitor })),
    rulebook: { id: rulebook.id, name: rulebook.name, ...(rulebook.source === undefined ? {} : { source: rulebook.source }) },
    notes: season.notes,
  };
}

function eventsDoc(stored: StoredSeason) {
  const { season } = stored;
  return [...season.events]
    .sort((a, b) => a.round - b.round)
    .map((e) => ({
      ...e,
      sessions: season.sessions
        .filter((s) => s.eventId === e.id)
        .map((s) => ({ id: s.id, type: s.type, name: s.name, race: s.race ?? null, state: season.classifications.find((c) => c.sessionId === s.id)?.state ?? null })),
    }));
}

function entriesDoc(stored: StoredSeason) {
  const { season } = stored;
  const drivers = new Map(season.drivers.map((d) => [d.id, d]));
  const teams = new Map(season.teams.map((t) => [t.id, t]));
  return season.entries.map((e) => ({
    id: e.id,
    car: e.car,
    class: e.classId,
    team: { id: e.teamId, name: teams.get(e.teamId)?.name ?? e.teamId },
    drivers: e.driverIds.map((id) => ({ id, name: drivers.get(id)?.name ?? id })),
    events: e.eventIds,
    eligible: e.eligible,
  }));
}

/** The /api/v1 routes. */
export function apiRoutes(store: Store): Hono {
  const api = new Hono();

  /** Serves a document derived from a season version. */
  const seasonDocument = async (seasonArg: string, key: string, make: (s: StoredSeason) => unknown, c: Parameters<typeof sendCached>[0]) => {
    const doc = orThrow(await store.derived(seasonArg, `api:${key}`, (s) => cached(make(s))));
    return sendCached(c, doc.value);
  };

  api.get('/openapi.json', (c) => c.json(OPENAPI));

  api.get('/series', async (c) => {
    const seasons = await store.listSeasons();
    const series = await store.db.selectFrom('series').selectAll().orderBy('id').execute();
    return c.json(series.map((s) => ({ id: s.id, name: s.name, seasons: seasons.filter((x) => x.seriesId === s.id).map((x) => x.id) })));
  });

  api.get('/series/:series', async (c) => {
    const id = c.req.param('series');
    const s = await store.db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s) throw problem('series.unknown', `no series "${id}"`, ['series']);
    const seasons = (await store.listSeasons()).filter((x) => x.seriesId === id);
    return c.json({ id: s.id, name: s.name, seasons: seasons.map((x) => x.id) });
  });

  api.get('/seasons', async (c) =>
    c.json((await store.listSeasons()).map((s) => ({ id: s.id, name: s.name, year: s.year, series: s.seriesId, aliases: s.aliases, version: s.version }))),
  );

  api.get('/seasons/:season', (c) => seasonDocument(c.req.param('season'), 'season', seasonDoc, c));
  api.get('/seasons/:season/events', (c) => seasonDocument(c.req.param('season'), 'events', eventsDoc, c));
  api.get('/seasons/:season/entries', (c) => seasonDocument(c.req.param('season'), 'entries', entriesDoc, c));
  api.get('/seasons/:season/results', (c) => seasonDocument(c.req.param('season'), 'results', (s) => resultsJson(s.season), c));

  api.get('/seasons/:season/results/:session', async (c) => {
    const sessionId = c.req.param('session');
    return seasonDocument(
      c.req.param('season'),
      `results:${sessionId}`,
      (s) => {
        const doc = resultsJson(s.season).sessions.find((x) => x.session === sessionId);
        if (doc) return { ...doc, decision: s.decisions.get(sessionId) ?? null };
        const known = s.season.sessions.some((x) => x.id === sessionId);
        throw known
          ? problem('not-found.results', `session "${sessionId}" has no results yet`, ['session'])
          : problem('session.unknown', `no session "${sessionId}" in ${s.season.id}`, ['session']);
      },
      c,
    );
  });

  api.get('/seasons/:season/events/:event', async (c) => {
    const eventId = c.req.param('event');
    return seasonDocument(
      c.req.param('season'),
      `event:${eventId}`,
      (s) => {
        const event = eventsDoc(s).find((e) => e.id === eventId);
        if (!event) throw problem('event.unknown', `no event "${eventId}" in ${s.season.id}`, ['event']);
        const results = resultsJson(s.season).sessions.filter((x) => x.event === eventId);
        return { ...event, results };
      },
      c,
    );
  });

  api.get('/seasons/:season/standings', async (c) => {
    const championship = c.req.query('championship') || undefined;
    const afterRace = afterParam(c.req.query('after'));
    const query = { ...(championship === undefined ? {} : { championship }), ...(afterRace === undefined ? {} : { afterRace }) };
    const doc = orThrow(await store.standingsDerived(c.req.param('season'), query, 'api:standings', (standings) => cached(standingsJson(standings))));
    return sendCached(c, doc.value);
  });

  api.get('/seasons/:season/explanations/:competitor', async (c) => {
    const competitor = c.req.param('competitor');
    const championship = c.req.query('championship') || undefined;
    const afterRace = afterParam(c.req.query('after'));
    const query = { ...(championship === undefined ? {} : { championship }), ...(afterRace === undefined ? {} : { afterRace }) };
    const doc = orThrow(
      await store.standingsDerived(c.req.param('season'), query, `api:explain:${competitor}`, (standings) => {
        const found = explain(standings, competitor);
        if (!found.length) return undefined;
        return cached(
          found.map((x) => ({
            championship: { id: x.championshipId, name: x.championshipName },
            afterRace: x.afterRace,
            position: x.position,
            shared: x.shared,
            competitor: x.competitor,
            points: toNumber(x.points),
            pointsExact: formatExact(x.points),
            counted: x.counted.map(contributionJson),
            notCounted: x.notCounted.map(contributionJson),
            belowPrevious: x.belowPrevious ?? null,
            aboveNext: x.aboveNext ?? null,
            excludedReason: x.excludedReason ?? null,
          })),
        );
      }),
    );
    if (!doc.value) throw problem('competitor.unknown', `"${competitor}" is not in the standings`, ['competitor']);
    return sendCached(c, doc.value);
  });

  return api;
}
