/** The stylesheet and the icon: one file each, cached a day by browsers, revalidated by their ETags. */
import { Hono } from 'hono';
import type { Env } from '../context.js';
import { etagOf } from '../http-cache.js';
import { STYLESHEET } from '../styles.js';

const CSS_ETAG = etagOf(STYLESHEET);

/** The site's icon: a chequered flag on a dark tile, readable at 16 px. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#111"/><path d="M8 5v23" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/><rect x="9" y="6" width="17" height="12" fill="#fff"/><path fill="#111" d="M9 6h4v4H9zm8 0h4v4h-4zM13 10h4v4h-4zm8 0h4v4h-4zM9 14h4v4H9zm8 0h4v4h-4z"/></svg>
`;
const ICON_ETAG = etagOf(FAVICON);

export const assetRoutes = new Hono<Env>()
  .get('/paddock.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('ETag', CSS_ETAG);
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  })
  .get('/favicon.svg', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('ETag', ICON_ETAG);
    return c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml' });
  });
