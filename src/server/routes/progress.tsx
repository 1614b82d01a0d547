/**
 * Standings race by race: a championship's progress page (`/seasons/:season/standings/:id/progress`).
 * The progress view model is worked out once per season version from the tables after each race,
 * made in one pass (cached with the version), and the driver and team pages draw from it too.
 */
import { Hono } from 'hono';
import { standingsProgress, tablesAfterEachRace } from '../../app/index.js';
import type { SeasonVersion, StandingsProgress } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { openSeason, standingsOf, viewerOf } from '../context.js';
import { ProgressPage } from '../pages/progress-pages.js';
import { competitorHref } from '../pages/results-matrix.js';
import { problem } from '../problems.js';

/** Every championship's standings after each of its races, made once per season version. */
export const progressOf = (c: AppContext, sv: SeasonVersion): StandingsProgress =>
  c.var.deps.paddock.derived(sv, 'standings-progress', () =>
    standingsProgress(standingsOf(c, sv), tablesAfterEachRace(sv.loaded)),
  );

export const progressRoutes = new Hono<Env>();

progressRoutes.get('/seasons/:season/standings/:championship/progress', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const championship = progressOf(c, sv).championships.find((t) => t.id === c.req.param('championship'));
  if (!championship)
    throw problem(
      'championship.unknown',
      `no championship "${c.req.param('championship')}" in ${view.season.name}`,
    );
  return c.html(
    <ProgressPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      championship={championship}
      competitorHref={(id) => competitorHref(view.season.id, championship.competitorKind, id)}
    />,
  );
});
