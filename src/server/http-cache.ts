/** ETags and cache headers for documents that change only when a season's version does. */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** A strong ETag for a body. */
export const etagOf = (body: string): string => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Revalidate every time (max-age=0) but cheaply: the ETag changes with the season's version,
 * and a matching If-None-Match is answered 304 with no body.
 */
export const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** Answers with a cached body and its ETag, or 304 when the client has it already. */
export function sendCached(c: Context, body: string, etag: string, contentType: string): Response {
  const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL, 'Content-Type': contentType };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}
