/**
 * The one error mapping of the server: every route throws the engine's issues (as `HttpProblem`);
 * here they become a status code (problems.ts) and a JSON problem body for the API and for
 * clients that do not ask for HTML, or an HTML page with the same status for browsers. A browser
 * asking for a page that needs a login is sent to log in and brought back. Anything else thrown
 * is a bug: logged, and answered 500 without details.
 */
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Issue } from '../engine/index.js';
import type { Env } from './context.js';
import { viewerOf } from './context.js';
import { Layout } from './pages/layout.js';
import { HttpProblem, problem, problemBody, titleFor } from './problems.js';

export const onError: ErrorHandler<Env> = (caught, c) => {
  // Hono's own refusals (a validator given the wrong media type) carry their status: not bugs.
  const err =
    caught instanceof HTTPException && !(caught instanceof HttpProblem)
      ? new HttpProblem(
          [
            {
              code: `request.${caught.status === 415 ? 'media-type' : 'refused'}`,
              path: [],
              message: caught.message,
            },
          ],
          caught.status,
        )
      : caught;
  const issues: readonly Issue[] =
    err instanceof HttpProblem
      ? err.issues
      : [{ code: 'internal', path: [], message: 'something went wrong on our side' }];
  const status = err instanceof HttpProblem ? err.status : 500;
  if (!(err instanceof HttpProblem))
    c.var.deps.logger.error({ reqId: c.var.requestId, err }, 'unexpected error');
  const headers: Record<string, string> = err instanceof HttpProblem ? { ...err.headers } : {};
  const wantsHtml = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
  if (wantsHtml && status === 401 && c.req.method === 'GET')
    // A browser asking for an editor page: log in first, then come back.
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  if (wantsHtml && status === 404) {
    // Visitors get words and a way on, not the operator's hints (commands, where the database is).
    const page = (
      <Layout title="Page not found" viewer={viewerOf(c.get('login'))}>
        <p>
          There is no page at this address. The link may be out of date or the address mistyped: a season,
          event, driver or team may go by another name.
        </p>
        <p>
          <a href="/">See every series and season</a>
        </p>
      </Layout>
    );
    return c.html(page, 404, headers);
  }
  if (wantsHtml) {
    const page = (
      <Layout title={titleFor(status)} viewer={viewerOf(c.get('login'))}>
        <ul>
          {issues.map((i) => (
            <li>
              {i.message}
              {i.hint ? ` ${i.hint}` : ''}
            </li>
          ))}
        </ul>
        <p>
          <a href="/">Back to the seasons</a>
        </p>
      </Layout>
    );
    return c.html(page, status as 400, headers);
  }
  return c.body(JSON.stringify(problemBody(status, issues)), status as 400, {
    ...headers,
    'Content-Type': 'application/problem+json',
  });
};

export const notFound: NotFoundHandler<Env> = () => {
  throw problem('not-found.route', 'there is no such page');
};
