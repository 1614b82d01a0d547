/**
 * Structured logs (pino, JSON lines): one line per request with its id, method, path, status,
 * time and account; errors with their stack under the same request id, which the client sees in
 * `X-Request-Id` (and in a problem's `requestId`), so an operator finds the line a user reports.
 * A request id the client sends (a proxy's) is kept when it is short and plain.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import { requestId } from 'hono/request-id';
import type { MiddlewareHandler } from 'hono';
import type { Env } from './context.js';

export type { Logger };

/** The server's logger: JSON lines on standard output, at PADDOCK_LOG_LEVEL (default info). */
export const serverLogger = (level = process.env['PADDOCK_LOG_LEVEL'] ?? 'info'): Logger =>
  pino({ level, base: { service: 'paddock' } });

/** A logger that writes nothing (the default of in-process apps: tests). */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** Sets the request id (X-Request-Id, kept from the client when it is 1 to 64 plain characters). */
export const withRequestId: MiddlewareHandler<Env> = requestId({
  limitLength: 64,
  headerName: 'X-Request-Id',
});

/** Logs each request once it is answered. */
export const logRequests: MiddlewareHandler<Env> = async (c, next) => {
  const started = performance.now();
  await next();
  const status = c.res.status;
  const line = {
    reqId: c.var.requestId,
    method: c.req.method,
    path: c.req.path,
    status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    ...(c.var.login ? { account: c.var.login.email } : {}),
  };
  const logger = c.var.deps.logger;
  if (status >= 500) logger.error(line, 'request failed');
  else logger.info(line, 'request');
};
