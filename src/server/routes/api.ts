/**
 * The JSON API under /api/v1. Read-only; documents are serialised once per season version (the
 * app layer's bounded cache) and served with an ETag, so an unchanged season costs one small
 * query per request.
 */
import { Hono } from 'hono';
import { resultsJson } from '../../exporters/json/results-json.js';
import { standingsJson } from '../../exporters/json/standings-json.js';
import {
  calendarDocument,
  entriesDocument,
  explanationsDocument,
  jsonText,
  seasonOverview,
  sessionResultsDocument,
} from '../../app/index.js';
import type { SeasonVersion } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { afterParam, orThrow } from '../context.js';
import { CachedBody, sendCached } from '../http-cache.js';
import { OPENAPI } from '../openapi.js';
import { HttpProblem, problem } from '../problems.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The same text `paddock standings --json` prints (JSON.stringify with 2 spaces, then a newline). */
export { jsonText };

const cached = (value: unknown): CachedBody => new CachedBody(jsonText(value), JSON_TYPE);

/** The /api/v1 routes. */
export const apiRoutes = new Hono<Env>();
{
  const api = apiRoutes;

  /**
   * Serves a document derived from a season version. Only documents that could be made are
   * kept, so requests for unknown sessions or events do not grow the cache.
   */
  const seasonDocument = async (
    seasonArg: string,
    key: string,
    make: (s: SeasonVersion) => unknown,
    c: AppContext,
  ) => {
    const { paddock } = c.var.deps;
    const sv = orThrow(await paddock.open(seasonArg));
    const doc = paddock.derived(sv, `api:${key}`, () => cached(make(sv)));
    return sendCached(c, doc);
  };

  api.get('/openapi.json', (c) => c.json(OPENAPI));

  api.get('/series', async (c) => {
    const seasons = await c.var.deps.paddock.listSeasons();
    const series = await c.var.deps.paddock.listSeries();
    return c.json(
      series.map((s) => ({
        id: s.id,
        name: s.name,
        seasons: seasons.filter((x) => x.seriesId === s.id).map((x) => x.id),
      })),
    );
  });

  api.get('/series/:series', async (c) => {
    const id = c.req.param('series');
    const s = await c.var.deps.paddock.findSeries(id);
    if (!s) throw problem('series.unknown', `no series "${id}"`, ['series']);
    const seasons = (await c.var.deps.paddock.listSeasons()).filter((x) => x.seriesId === id);
    return c.json({ id: s.id, name: s.name, seasons: seasons.map((x) => x.id) });
  });

  api.get('/seasons', async (c) =>
    c.json(
      (await c.var.deps.paddock.listSeasons()).map((s) => ({
        id: s.id,
        name: s.name,
        year: s.year,
        series: s.seriesId,
        aliases: s.aliases,
        version: s.version,
      })),
    ),
  );

  api.get('/seasons/:season', (c) => seasonDocument(c.req.param('season'), 'season', seasonOverview, c));
  api.get('/seasons/:season/events', (c) =>
    seasonDocument(c.req.param('season'), 'events', calendarDocument, c),
  );
  api.get('/seasons/:season/entries', (c) =>
    seasonDocument(c.req.param('season'), 'entries', entriesDocument, c),
  );
  api.get('/seasons/:season/results', (c) =>
    seasonDocument(c.req.param('season'), 'results', (s) => resultsJson(s.loaded.season), c),
  );

  api.get('/seasons/:season/results/:session', async (c) => {
    const sessionId = c.req.param('session');
    return seasonDocument(
      c.req.param('season'),
      `results:${sessionId}`,
      (s) => orThrow(sessionResultsDocument(s, sessionId)),
      c,
    );
  });

  api.get('/seasons/:season/events/:event', async (c) => {
    const eventId = c.req.param('event');
    return seasonDocument(
      c.req.param('season'),
      `event:${eventId}`,
      (s) => {
        const event = calendarDocument(s).find((e) => e.id === eventId);
        if (!event)
          throw problem('event.unknown', `no event "${eventId}" in ${s.loaded.season.id}`, ['event']);
        const results = resultsJson(s.loaded.season).sessions.filter((x) => x.event === eventId);
        return { ...event, results };
      },
      c,
    );
  });

  api.get('/seasons/:season/standings', async (c) => {
    const championship = c.req.query('championship') || undefined;
    const afterRace = afterParam(c.req.query('after'));
    const query = {
      ...(championship === undefined ? {} : { championship }),
      ...(afterRace === undefined ? {} : { afterRace }),
    };
    const sv = orThrow(await c.var.deps.paddock.open(c.req.param('season')));
    const key = `api:standings|${championship ?? '*'}@${afterRace ?? 'latest'}`;
    const doc =
      c.var.deps.paddock.findDerived<CachedBody>(sv, key) ??
      c.var.deps.paddock.setDerived(
        sv,
        key,
        cached(standingsJson(orThrow(c.var.deps.paddock.standings(sv, query)))),
      );
    return sendCached(c, doc);
  });

  api.get('/seasons/:season/explanations/:competitor', async (c) => {
    const competitor = c.req.param('competitor');
    const championship = c.req.query('championship') || undefined;
    const afterRace = afterParam(c.req.query('after'));
    const query = {
      ...(championship === undefined ? {} : { championship }),
      ...(afterRace === undefined ? {} : { afterRace }),
    };
    const sv = orThrow(await c.var.deps.paddock.open(c.req.param('season')));
    const key = `api:explain:${competitor}|${championship ?? '*'}@${afterRace ?? 'latest'}`;
    const hit = c.var.deps.paddock.findDerived<CachedBody>(sv, key);
    if (hit) return sendCached(c, hit);
    // Unknown competitors are answered 404 and never cached.
    const found = c.var.deps.paddock.explain(sv, competitor, query);
    if (!found.ok) {
      if (found.issues.some((i) => i.code === 'competitor.unknown'))
        throw problem('competitor.unknown', `"${competitor}" is not in the standings`, ['competitor']);
      throw new HttpProblem(found.issues);
    }
    const doc = c.var.deps.paddock.setDerived(sv, key, cached(explanationsDocument(found.value)));
    return sendCached(c, doc);
  });
}
