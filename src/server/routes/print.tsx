/** The printable standings (`/seasons/:season/print?after=N`): every championship on its own A4 sheet. */
import { Hono } from 'hono';
import type { Env } from '../context.js';
import { afterParam, openSeason, standingsOf, viewerOf } from '../context.js';
import { PrintPage } from '../pages/print-pages.js';

export const printRoutes = new Hono<Env>();

printRoutes.get('/seasons/:season/print', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const afterRace = afterParam(c.req.query('after'));
  const standings = standingsOf(c, sv, afterRace === undefined ? {} : { afterRace });
  return c.html(
    <PrintPage view={view} viewer={viewerOf(c.get('login'), view.season.series.id)} standings={standings} />,
  );
});
