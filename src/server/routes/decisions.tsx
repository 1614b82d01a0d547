/**
 * The season's published stewarding: /seasons/{season}/decisions lists every decision (penalties,
 * points deductions, exclusions) with its reason. Public; cached for visitors like the other
 * season pages (registered after `pageCache`).
 */
import { Hono } from 'hono';
import { seasonDecisions } from '../../app/index.js';
import type { SeasonVersion, SeasonView } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { openSeason, viewerOf } from '../context.js';
import { DecisionsPage } from '../pages/decision-pages.js';

export const decisionRoutes = new Hono<Env>();

/** The season's decisions, worked out once per version. */
export const decisionsOf = (c: AppContext, sv: SeasonVersion, view: SeasonView) =>
  c.var.deps.paddock.derived(sv, 'decisions', () => {
    const names = new Map(sv.loaded.rulebook.championships.map((ch) => [ch.id, ch.name]));
    return seasonDecisions(view, (id) => names.get(id) ?? id);
  });

decisionRoutes.get('/seasons/:season/decisions', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  return c.html(
    <DecisionsPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      decisions={decisionsOf(c, sv, view)}
    />,
  );
});
