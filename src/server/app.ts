/**
 * The Paddock web app: middleware and the one error mapping, then a route module per area
 * (src/server/routes): public pages, the JSON API, logging in, editing. `createApp` takes the
 * application layer (every read and change of a season goes through it) and the clock, so tests
 * run it in-process with `app.request()`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import type { Paddock } from '../app/index.js';
import { LiveFollows } from '../live/live-follows.js';
import type { Env, ServerDeps } from './context.js';
import { currentLogin, loginToken } from './auth.js';
import { notFound, onError } from './errors.js';
import { idempotencyKeys } from './idempotency.js';
import { checkOrigin } from './origin-check.js';
import { problem } from './problems.js';
import { logRequests, silentLogger, withRequestId } from './request-log.js';
import type { Logger } from './request-log.js';
import { accountRoutes } from './routes/account.js';
import { apiRoutes } from './routes/api.js';
import { assetRoutes } from './routes/assets.js';
import { healthRoutes } from './routes/health.js';
import { editingRoutes } from './routes/editing.js';
import { uploadRoutes } from './routes/upload.js';
import { decisionRoutes } from './routes/decisions.js';
import { embedRoutes, isWidgetPath } from './routes/embed.js';
import { auditRoutes } from './routes/audit.js';
import { liveRoutes } from './routes/live.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { setupRoutes } from './routes/setup.js';
import { rolesRoutes } from './routes/roles.js';
import { loginRoutes } from './routes/login.js';
import { pageCache, publicPages } from './routes/public-pages.js';
import { printRoutes } from './routes/print.js';
import { progressRoutes } from './routes/progress.js';

export interface AppOptions {
  readonly paddock: Paddock;
  /** The clock: which event is next, login expiry, revision times. */
  readonly now?: () => Date;
  /** Force the Secure cookie flag (default: when the request came over TLS). */
  readonly secureCookies?: boolean;
  /** The races followed from timing feeds (default: one registry keeping no state on disk). */
  readonly live?: LiveFollows;
  /** Where request and error logs go (default: nowhere, for apps run in-process by tests). */
  readonly logger?: Logger;
}

/**
 * The security headers (hono/secure-headers: HSTS, COOP, CORP, Permissions-Policy, nosniff,
 * frame options and the rest). A route may set its own Content-Security-Policy (the live page runs
 * its one script), which is then kept.
 */
const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    // Plot's SVG carries a <style> element, so inline styles are allowed; scripts never are.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  permissionsPolicy: {
    camera: [],
    microphone: [],
    geolocation: [],
    payment: [],
    usb: [],
    fullscreen: ['self'],
  },
  overwrite: false,
});

/**
 * The standings widget is framed by other sites: the same headers without X-Frame-Options (which
 * cannot allow every site); its route sets its own policy with `frame-ancestors *`.
 */
const widgetHeaders = secureHeaders({
  // Also for its error pages; the same as the policy its route sets (WIDGET_POLICY).
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ['https:', 'data:'],
    frameAncestors: ['*'],
    formAction: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  xFrameOptions: false,
  crossOriginResourcePolicy: 'cross-origin',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  overwrite: false,
});

/** The largest request body: a pasted classification or a results file is far smaller. */
export const MAX_BODY = 1024 * 1024;

/** Creates the web app over the application layer. */
export function createApp(options: AppOptions): Hono<Env> {
  const deps: ServerDeps = {
    paddock: options.paddock,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies,
    live: options.live ?? new LiveFollows(),
    logger: options.logger ?? silentLogger(),
  };
  const app = new Hono<Env>();
  app.onError(onError);
  app.notFound(notFound);

  app.use('*', withRequestId);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', logRequests);
  app.use(
    '*',
    except((c) => isWidgetPath(c.req.path), securityHeaders),
  );
  app.use('/seasons/:season/embed/:championship', widgetHeaders);

  app.use('*', async (c, next) => {
    c.set(
      'login',
      await currentLogin(
        c.req.header('authorization'),
        loginToken(c.req.header('cookie')),
        deps.paddock,
        deps.now(),
      ),
    );
    await next();
    if (c.get('login')) c.header('Cache-Control', 'private, no-store');
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw problem('request.too-large', 'the request body is larger than 1 MB');
      },
    }),
  );
  app.use('*', checkOrigin);
  app.use('/api/v1/*', idempotencyKeys);

  app.route('/', healthRoutes);
  app.route('/', liveRoutes);
  app.route('/', scenarioRoutes);
  app.route('/assets', assetRoutes);
  app.route('/api/v1', apiRoutes);
  app.route('/', loginRoutes);
  app.route('/', accountRoutes);
  app.route('/', editingRoutes);
  app.route('/', setupRoutes);
  app.route('/', rolesRoutes);
  app.route('/', uploadRoutes);
  // Before the page cache: a cached widget would lose its own policy (framing allowed).
  app.route('/', embedRoutes);
  // The Changes page shows display names, which change without a new revision: never cached.
  app.route('/', auditRoutes);
  app.use('/seasons/:season/*', pageCache);
  app.route('/', decisionRoutes);
  app.route('/', publicPages);
  app.route('/', progressRoutes);
  app.route('/', printRoutes);
  return app;
}
