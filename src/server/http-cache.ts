/**
 * Bodies that change only when a season's version does: encoded (and gzipped) once, served with
 * a strong ETag, answered 304 when the client has them, and never re-serialised per request.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A strong ETag for a body. */
export const etagOf = (body: string | Uint8Array): string =>
  `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Revalidate every time (max-age=0) but cheaply: the ETag changes with the season's version,
 * and a matching If-None-Match is answered 304 with no body.
 */
export const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

const encoder = new TextEncoder();

/** A response body made once: its bytes, its ETag, and its gzip form when first asked for. */
export class CachedBody {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  private gzipped: Uint8Array<ArrayBuffer> | undefined;

  constructor(
    body: string | Uint8Array<ArrayBuffer>,
    readonly contentType: string,
  ) {
    this.bytes = typeof body === 'string' ? encoder.encode(body) : body;
    this.etag = etagOf(this.bytes);
  }

  get gzip(): Uint8Array<ArrayBuffer> {
    this.gzipped ??= new Uint8Array(gzipSync(this.bytes, { level: 6 }));
    return this.gzipped;
  }
}

/** The part of a request context this module reads. */
interface RequestHeaders {
  readonly req: { header(name: string): string | undefined };
}

const acceptsGzip = (c: RequestHeaders) => /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');

/** Answers with a cached body (gzipped when the client accepts it), or 304 when it has it. */
export function sendCached(c: RequestHeaders, body: CachedBody): Response {
  const headers: Record<string, string> = {
    ETag: body.etag,
    'Cache-Control': CACHE_CONTROL,
    'Content-Type': body.contentType,
    Vary: 'Accept-Encoding',
  };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((t) => t.trim() === body.etag || t.trim() === `W/${body.etag}`))
    return new Response(null, { status: 304, headers });
  if (acceptsGzip(c))
    return new Response(body.gzip, { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip' } });
  return new Response(body.bytes, { status: 200, headers });
}
