/**
 * The standings widget (`/seasons/:season/embed/:championship?rows=N`), the one route other sites
 * may frame (its own Content-Security-Policy: `frame-ancestors *`, images from https for the
 * series' logo, no scripts), and the organisers' page with each widget's snippet
 * (`/seasons/:season/embed`). Registered before the page cache, which would serve a cached
 * widget with the site's default policy (`frame-ancestors 'none'`).
 */
import { Hono } from 'hono';
import type { Env } from '../context.js';
import { openSeason, standingsOf, viewerOf } from '../context.js';
import { EMBED_ROWS, EmbedHelpPage, EmbedWidget } from '../pages/embed-pages.js';
import { problem } from '../problems.js';

/** The widget's policy: framed anywhere, its inline styles, https images (the logo), nothing else. */
export const WIDGET_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors *; form-action 'none'; base-uri 'none'";

/** The snippet page previews the widgets in frames of this site. */
const HELP_POLICY =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function rowsParam(value: string | undefined): number {
  if (value === undefined || value === '') return EMBED_ROWS.default;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= EMBED_ROWS.max))
    throw problem(
      'request.bad-rows',
      `"rows" must be a whole number from 1 to ${EMBED_ROWS.max}, not "${value}"`,
      ['rows'],
    );
  return n;
}

/** True for the widget's path, the one page other sites may frame (app.ts leaves out X-Frame-Options). */
export const isWidgetPath = (path: string): boolean => /^\/seasons\/[^/]+\/embed\/[^/]+$/.test(path);

export const embedRoutes = new Hono<Env>();

embedRoutes.get('/seasons/:season/embed', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  c.header('Content-Security-Policy', HELP_POLICY);
  return c.html(
    <EmbedHelpPage
      view={view}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      standings={standingsOf(c, sv)}
      origin={new URL(c.req.url).origin}
    />,
  );
});

embedRoutes.get('/seasons/:season/embed/:championship', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const rows = rowsParam(c.req.query('rows'));
  const table = standingsOf(c, sv).championships.find((t) => t.id === c.req.param('championship'));
  if (!table)
    throw problem(
      'championship.unknown',
      `no championship "${c.req.param('championship')}" in ${view.season.name}`,
    );
  c.header('Content-Security-Policy', WIDGET_POLICY);
  // Other sites frame it; a short public cache keeps a popular widget cheap.
  if (!c.get('login')) c.header('Cache-Control', 'public, max-age=60');
  return c.html(
    <EmbedWidget
      view={view}
      table={table}
      rows={rows}
      standingsUrl={`${new URL(c.req.url).origin}/seasons/${view.season.id}/standings/${table.id}`}
    />,
  );
});
