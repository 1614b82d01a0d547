/**
 * What every route module reads from the request context: the app layer and the clock (set once
 * by `createApp`), and who is asking (set by the login middleware). Route modules are plain Hono
 * routers over this context, with no state of their own, so any number of servers over one
 * database answer alike.
 */
import type { Context } from 'hono';
import type { Result, SeasonStandings } from '../engine/index.js';
import { highestRole, roleIn, viewSeason } from '../app/index.js';
import type {
  Change,
  Login,
  Paddock,
  Permission,
  SeasonVersion,
  SeasonView,
  StandingsQuery,
} from '../app/index.js';
import type { LiveFollows } from '../live/live-follows.js';
import type { Logger } from './request-log.js';
import type { RequestKey } from '../app/idempotency.js';
import type { Viewer } from './pages/layout.js';
import { authorize, requireLogin } from './auth.js';
import { HttpProblem } from './problems.js';

export interface ServerDeps {
  readonly paddock: Paddock;
  /** The clock: which event is next, login expiry, revision times. */
  readonly now: () => Date;
  /** Force the Secure cookie flag (default: when the request came over TLS). */
  readonly secureCookies: boolean | undefined;
  /** The races this process follows from timing feeds, and their SSE hubs. */
  readonly live: LiveFollows;
  /** Structured logs (src/server/request-log.ts). */
  readonly logger: Logger;
}

export type Env = {
  Variables: {
    deps: ServerDeps;
    /** The login of the cookie or the API token, when there is one. */
    login: Login | undefined;
    /** This request's id (X-Request-Id), in its log lines. */
    requestId: string;
    /** The Idempotency-Key this request holds (src/server/idempotency.ts), when it sent one. */
    requestKey: RequestKey | undefined;
  };
};

export type AppContext = Context<Env>;

/** Unwraps a result, or throws its issues as an HTTP problem (the one error mapping answers). */
export function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new HttpProblem(result.issues);
  return result.value;
}

/** Today as yyyy-mm-dd, by the app's clock. */
export const today = (c: AppContext): string => c.var.deps.now().toISOString().slice(0, 10);

/** The season at its current version, and its lookups (made once per version). */
export async function openSeason(
  c: AppContext,
  arg: string,
): Promise<{ sv: SeasonVersion; view: SeasonView }> {
  const { paddock } = c.var.deps;
  const sv = orThrow(await paddock.open(arg));
  return { sv, view: paddock.derived(sv, 'view', () => viewSeason(sv.loaded.season)) };
}

/** The engine's standings of a version for a query (computed once per version and query). */
export const standingsOf = (c: AppContext, sv: SeasonVersion, query: StandingsQuery = {}): SeasonStandings =>
  orThrow(c.var.deps.paddock.standings(sv, query));

/** The account box of the page layout: the login's role in the page's series (else its highest). */
export const viewerOf = (login: Login | undefined, seriesId?: string): Viewer | undefined =>
  login && {
    email: login.email,
    role: (seriesId === undefined ? highestRole(login) : roleIn(login, seriesId)) ?? 'viewer',
    csrfToken: login.csrfToken,
  };

/** A change made by this request's login. */
export const changeBy = (
  c: AppContext,
  login: Login,
  reason: string,
  origin: 'editor' | 'api',
  expectedVersion?: number,
): Change => ({
  author: login.email,
  reason,
  origin,
  at: c.var.deps.now(),
  ...(expectedVersion === undefined ? {} : { expectedVersion }),
});

/** Reads ?after=N (a race number), or undefined. */
export function afterParam(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,4}$/.test(value))
    throw new HttpProblem([
      {
        code: 'request.bad-after',
        path: ['after'],
        message: `"after" must be a race number, not "${value}"`,
      },
    ]);
  return Number(value);
}

/**
 * The season of the request and the login, which must hold `permission` in the season's series:
 * 401 before anything is read for nobody, then 404 for an unknown season, then 403.
 */
export async function seasonFor(
  c: AppContext,
  permission: Permission,
): Promise<{ login: Login; sv: SeasonVersion; view: SeasonView }> {
  requireLogin(c.get('login'));
  const { sv, view } = await openSeason(c, c.req.param('season') ?? '');
  return { login: authorize(c.get('login'), permission, sv.loaded.season.series.id), sv, view };
}
