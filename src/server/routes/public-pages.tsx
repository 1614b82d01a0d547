/**
 * The public pages: the home page (series and their current seasons) and each season's home,
 * calendar feed, entry list, events, standings, explanations, drivers, teams and changes. Every
 * page renders a view model from src/app (worked out once per season version) and computes
 * nothing of the sport. Pages for visitors who are not logged in are rendered once per season
 * version (and day, for the "next event" mark) and served from memory after that (`pageCache`).
 */
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { explain } from '../../engine/index.js';
import {
  competitorProgress,
  competitorView,
  entryList,
  eventDecisions,
  eventResults,
  explanationHistory,
  previousRaceOf,
  seasonHome,
  sessionResults,
  standingsMatrix,
} from '../../app/index.js';
import { calendarIcal } from '../../exporters/ical/calendar-ical.js';
import type { Env } from '../context.js';
import { afterParam, openSeason, standingsOf, today, viewerOf } from '../context.js';
import { CachedBody, sendCached } from '../http-cache.js';
import { decisionsOf } from './decisions.js';
import {
  CompetitorPage,
  EntryList,
  EventPage,
  ExplainPage,
  HomePage,
  SeasonHome,
  SessionPage,
  StandingsIndex,
  StandingsPage,
} from '../pages/season-pages.js';
import { problem } from '../problems.js';
import { SeasonShareTags, StandingsShareTags } from '../pages/share-tags.js';
import { progressOf } from './progress.js';

/**
 * Serves a visitor's page of a season from the cache of its version, or renders it and keeps it
 * when it was found (a 200): unknown drivers, events or championships never take a cache slot.
 */
export const pageCache: MiddlewareHandler<Env> = async (c, next) => {
  if (c.req.method !== 'GET' || c.get('login') || c.req.path.includes('/edit')) return next();
  const after = c.req.query('after') ?? '';
  if (after && !/^\d{1,4}$/.test(after)) return next();
  const { paddock } = c.var.deps;
  const season = await paddock.open(c.req.param('season') ?? '');
  if (!season.ok) return next();
  const key = `html:${c.req.path}?after=${after}@${today(c)}`;
  const hit = paddock.findDerived<CachedBody>(season.value, key);
  if (hit) return sendCached(c, hit);
  await next();
  const type = c.res.headers.get('content-type') ?? '';
  if (c.res.status === 200 && type.startsWith('text/html')) {
    const page = paddock.setDerived(
      season.value,
      key,
      new CachedBody(new Uint8Array(await c.res.clone().arrayBuffer()), type),
    );
    c.res = sendCached(c, page);
  }
};

export const publicPages = new Hono<Env>();

publicPages.get('/', async (c) => {
  const { paddock } = c.var.deps;
  return c.html(
    <HomePage
      series={await paddock.listSeries()}
      seasons={await paddock.listSeasons()}
      viewer={viewerOf(c.get('login'))}
    />,
  );
});

publicPages.get('/seasons/:season', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const standings = standingsOf(c, sv);
  const home = seasonHome(view, standings, today(c));
  const head = (
    <SeasonShareTags season={view.season} championships={standings.championships} url={c.req.url} />
  );
  return c.html(
    <SeasonHome
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      home={home}
      head={head}
    />,
  );
});

publicPages.get('/seasons/:season/calendar.ics', async (c) => {
  const { view } = await openSeason(c, c.req.param('season'));
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', `inline; filename="${view.season.id}.ics"`);
  return c.body(calendarIcal(view.season, c.var.deps.now()));
});

publicPages.get('/seasons/:season/entries', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const list = c.var.deps.paddock.derived(sv, 'entry-list', () => entryList(view));
  return c.html(
    <EntryList view={view} viewer={viewerOf(c.get('login'), view.season.series.id)} list={list} />,
  );
});

publicPages.get('/seasons/:season/events/:event', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const event = view.event(c.req.param('event'));
  if (!event) throw problem('event.unknown', `no event "${c.req.param('event')}" in ${view.season.name}`);
  const results = eventResults(view, event, sv.loaded.decisions, standingsOf(c, sv));
  const decisions = eventDecisions(decisionsOf(c, sv, view), event.id);
  return c.html(
    <EventPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      results={results}
      decisions={decisions}
    />,
  );
});

publicPages.get('/seasons/:season/results/:session', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const session = view.session(c.req.param('session'));
  const event = session && view.event(session.eventId);
  if (!session || !event)
    throw problem('session.unknown', `no session "${c.req.param('session')}" in ${view.season.name}`);
  const results = sessionResults(view, session, sv.loaded.decisions, standingsOf(c, sv));
  return c.html(
    <SessionPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      event={event}
      results={results}
    />,
  );
});

publicPages.get('/seasons/:season/standings', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  return c.html(
    <StandingsIndex
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      standings={standingsOf(c, sv)}
    />,
  );
});

publicPages.get('/seasons/:season/standings/:championship', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const afterRace = afterParam(c.req.query('after'));
  const standings = standingsOf(c, sv, afterRace === undefined ? {} : { afterRace });
  const table = standings.championships.find((t) => t.id === c.req.param('championship'));
  if (!table)
    throw problem(
      'championship.unknown',
      `no championship "${c.req.param('championship')}" in ${view.season.name}`,
    );
  const others = standings.championships.map((t) => ({ id: t.id, name: t.name }));
  const previousRace = previousRaceOf(table);
  const previous =
    previousRace === undefined
      ? undefined
      : standingsOf(c, sv, { afterRace: previousRace }).championships.find((t) => t.id === table.id);
  return c.html(
    <StandingsPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      matrix={standingsMatrix(view, table, previous)}
      others={others}
      {...(afterRace === undefined ? {} : { afterRace })}
      head={<StandingsShareTags season={view.season} table={table} url={c.req.url} />}
    />,
  );
});

publicPages.get('/seasons/:season/standings/:championship/explain/:competitor', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const afterRace = afterParam(c.req.query('after'));
  const standings = standingsOf(c, sv, afterRace === undefined ? {} : { afterRace });
  const table = standings.championships.find((t) => t.id === c.req.param('championship'));
  if (!table) throw problem('championship.unknown', `no championship "${c.req.param('championship')}"`);
  const explanation = explain({ ...standings, championships: [table] }, c.req.param('competitor'))[0];
  if (!explanation)
    throw problem(
      'competitor.unknown',
      `"${c.req.param('competitor')}" is not in the ${table.name} standings`,
    );
  return c.html(
    <ExplainPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      explanation={explanation}
      table={table}
      competitorKind={table.competitorKind}
      history={
        afterRace === undefined
          ? explanationHistory(view, explanation, (race) => standingsOf(c, sv, { afterRace: race }))
          : undefined
      }
    />,
  );
});

for (const kind of ['driver', 'team'] as const) {
  publicPages.get(`/seasons/:season/${kind}s/:id`, async (c) => {
    const { sv, view } = await openSeason(c, c.req.param('season'));
    const id = c.req.param('id');
    const competitor = competitorView(view, standingsOf(c, sv), kind, id);
    if (!competitor) throw problem(`${kind}.unknown`, `no ${kind} "${id}" in ${view.season.name}`);
    const progress = competitorProgress(progressOf(c, sv), kind, competitor.id);
    return c.html(
      <CompetitorPage
        view={view}
        viewer={viewerOf(c.get('login'), view.season.series.id)}
        competitor={competitor}
        progress={progress}
      />,
    );
  });
}
