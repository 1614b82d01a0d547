/** The stylesheet: one file, cached a day by browsers, revalidated by its ETag. */
import { Hono } from 'hono';
import type { Env } from '../context.js';
import { etagOf } from '../http-cache.js';
import { STYLESHEET } from '../styles.js';

const CSS_ETAG = etagOf(STYLESHEET);

export const assetRoutes = new Hono<Env>().get('/paddock.css', (c) => {
  c.header('Cache-Control', 'public, max-age=86400');
  c.header('ETag', CSS_ETAG);
  return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
});
