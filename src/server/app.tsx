/**
 * The Paddock web app: public pages rendered on the server (no JavaScript needed), the JSON API
 * under /api/v1, and the result editor for stewards. `createApp` takes the application layer
 * (src/app: every read and change of a season goes through it) and its clock, so tests run it
 * in-process with `app.request()`.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { parseCsv } from '../formats/csv-file.js';
import { resultRowSchema } from '../formats/season-schema.js';
import { compact } from '../formats/compact.js';
import type { ClassificationRow, Issue, SeasonStandings } from '../engine/index.js';
import { explain, matchesCompetitor } from '../engine/index.js';
import { PENALTY_KINDS } from '../app/index.js';
import type { Change, Login, Paddock, SeasonEdit, SeasonVersion } from '../app/index.js';
import { afterParam, apiRoutes, orThrow } from './api.js';
import {
  checkCsrf,
  clearLoginCookie,
  currentLogin,
  loginToken,
  isSecure,
  LOGIN_COOKIE,
  LoginLimiter,
  preloginCsrf,
  PRELOGIN_CSRF_COOKIE,
  requireEditor,
  setLoginCookie,
} from './auth.js';
import { CachedBody, etagOf, sendCached } from './http-cache.js';
import {
  AuditPage,
  EditIndex,
  fieldErrors,
  LoginPage,
  RulebookEdit,
  SessionEdit,
} from './pages/edit-pages.js';
import type { FieldErrors, SessionEditProps } from './pages/edit-pages.js';
import { Layout } from './pages/layout.js';
import type { Viewer } from './pages/layout.js';
import {
  CompetitorPage,
  EntryList,
  EventPage,
  ExplainPage,
  SeasonHome,
  SeasonsIndex,
  StandingsIndex,
  StandingsPage,
} from './pages/season-pages.js';
import { HttpProblem, problem, problemBody, statusFor, titleFor } from './problems.js';
import { viewSeason } from './season-view.js';
import type { SeasonView } from './season-view.js';
import { STYLESHEET } from './styles.js';
import { calendarIcal } from '../exporters/ical/calendar-ical.js';

export interface AppOptions {
  readonly paddock: Paddock;
  /** The clock: which event is next, login expiry, audit times. */
  readonly now?: () => Date;
  /** Force the Secure cookie flag (default: when the request came over TLS). */
  readonly secureCookies?: boolean;
  readonly loginLimiter?: LoginLimiter;
}

type Env = { Variables: { login: Login | undefined } };

const CSS_ETAG = etagOf(STYLESHEET);

const SECURITY_HEADERS: Record<string, string> = {
  // Plot's SVG carries a <style> element, so inline styles are allowed; scripts never are.
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

const viewerOf = (login: Login | undefined): Viewer | undefined =>
  login && { email: login.email, role: login.role, csrfToken: login.csrfToken };

/** Creates the web app over the application layer. */
export function createApp(options: AppOptions): Hono<Env> {
  const { paddock } = options;
  const now = options.now ?? (() => new Date());
  const limiter = options.loginLimiter ?? new LoginLimiter();
  const app = new Hono<Env>();

  // One error mapping: issues -> status code; JSON problem body for the API and for clients that
  // do not ask for HTML, an HTML page with the same status for browsers.
  app.onError((err, c) => {
    const issues: readonly Issue[] =
      err instanceof HttpProblem
        ? err.issues
        : [{ code: 'internal', path: [], message: 'something went wrong on our side' }];
    const status = err instanceof HttpProblem ? err.status : 500;
    if (!(err instanceof HttpProblem)) console.error(err);
    const wantsHtml = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
    if (wantsHtml && status === 401 && c.req.method === 'GET') {
      // A browser asking for an editor page: log in first, then come back.
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
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
      return c.html(page, status as 400);
    }
    return c.body(JSON.stringify(problemBody(status, issues)), status as 400, {
      'Content-Type': 'application/problem+json',
    });
  });
  app.notFound(() => {
    throw problem('not-found.route', 'there is no such page');
  });

  app.use('*', async (c, next) => {
    c.set('login', await currentLogin(loginToken(c.req.header('cookie')), paddock, now()));
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    if (c.get('login')) c.header('Cache-Control', 'private, no-store');
  });

  // A pasted classification is a few kilobytes; refuse anything far larger before parsing it.
  app.use(
    '*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw problem('request.too-large', 'the form is larger than 1 MB');
      },
    }),
  );

  app.get('/assets/paddock.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('ETag', CSS_ETAG);
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.route('/api/v1', apiRoutes(paddock));

  // ---- public pages -------------------------------------------------------------------------
  const today = () => now().toISOString().slice(0, 10);

  /** The season at its current version and its lookups, from the app layer's cache. */
  async function seasonView(arg: string): Promise<{ sv: SeasonVersion; view: SeasonView }> {
    const sv = orThrow(await paddock.open(arg));
    return { sv, view: paddock.derived(sv, 'view', () => viewSeason(sv.loaded.season)) };
  }
  async function standingsFor(arg: string, afterRace?: number): Promise<SeasonStandings> {
    const sv = orThrow(await paddock.open(arg));
    return orThrow(paddock.standings(sv, afterRace === undefined ? {} : { afterRace }));
  }
  const change = (login: Login, reason: string): Change => ({
    author: login.email,
    reason,
    origin: 'editor',
    at: now(),
  });

  /**
   * Pages for visitors who are not logged in are rendered once per season version (and day, for
   * the "next event" mark) and served from memory after that.
   */
  app.use('/seasons/:season/*', async (c, next) => {
    if (c.req.method !== 'GET' || c.get('login') || c.req.path.includes('/edit')) return next();
    const after = c.req.query('after') ?? '';
    if (after && !/^\d{1,4}$/.test(after)) return next();
    const key = `html:${c.req.path}?after=${after}@${today()}`;
    const season = await paddock.open(c.req.param('season'));
    if (!season.ok) return next();
    const hit = paddock.findDerived<CachedBody>(season.value, key);
    if (hit) return sendCached(c, hit);
    await next();
    // Only pages that were found are kept: unknown drivers or events do not grow the cache.
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status === 200 && type.startsWith('text/html')) {
      const page = paddock.setDerived(
        season.value,
        key,
        new CachedBody(new Uint8Array(await c.res.clone().arrayBuffer()), type),
      );
      c.res = sendCached(c, page);
    }
  });

  app.get('/', async (c) =>
    c.html(<SeasonsIndex seasons={await paddock.listSeasons()} viewer={viewerOf(c.get('login'))} />),
  );

  app.get('/seasons/:season', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    const standings = await standingsFor(view.season.id);
    return c.html(
      <SeasonHome view={view} viewer={viewerOf(c.get('login'))} standings={standings} today={today()} />,
    );
  });

  app.get('/seasons/:season/calendar.ics', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', `inline; filename="${view.season.id}.ics"`);
    return c.body(calendarIcal(view.season, now()));
  });

  app.get('/seasons/:season/entries', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    return c.html(<EntryList view={view} viewer={viewerOf(c.get('login'))} />);
  });

  app.get('/seasons/:season/events/:event', async (c) => {
    const { view, sv } = await seasonView(c.req.param('season'));
    const event = view.event(c.req.param('event'));
    if (!event) throw problem('event.unknown', `no event "${c.req.param('event')}" in ${view.season.name}`);
    return c.html(
      <EventPage view={view} viewer={viewerOf(c.get('login'))} event={event} decisions={sv.loaded.decisions} />,
    );
  });

  app.get('/seasons/:season/standings', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    return c.html(
      <StandingsIndex
        view={view}
        viewer={viewerOf(c.get('login'))}
        standings={await standingsFor(view.season.id)}
      />,
    );
  });

  app.get('/seasons/:season/standings/:championship', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    const afterRace = afterParam(c.req.query('after'));
    const standings = await standingsFor(view.season.id, afterRace);
    const table = standings.championships.find((t) => t.id === c.req.param('championship'));
    if (!table)
      throw problem(
        'championship.unknown',
        `no championship "${c.req.param('championship')}" in ${view.season.name}`,
      );
    const others = standings.championships.map((t) => ({ id: t.id, name: t.name }));
    return c.html(
      <StandingsPage
        view={view}
        viewer={viewerOf(c.get('login'))}
        table={table}
        others={others}
        {...(afterRace === undefined ? {} : { afterRace })}
      />,
    );
  });

  app.get('/seasons/:season/standings/:championship/explain/:competitor', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    const standings = await standingsFor(view.season.id, afterParam(c.req.query('after')));
    const table = standings.championships.find((t) => t.id === c.req.param('championship'));
    if (!table) throw problem('championship.unknown', `no championship "${c.req.param('championship')}"`);
    const explanation = explain({ ...standings, championships: [table] }, c.req.param('competitor'))[0];
    if (!explanation)
      throw problem(
        'competitor.unknown',
        `"${c.req.param('competitor')}" is not in the ${table.name} standings`,
      );
    return c.html(
      <ExplainPage
        view={view}
        viewer={viewerOf(c.get('login'))}
        explanation={explanation}
        table={table}
        competitorKind={table.competitorKind}
      />,
    );
  });

  for (const kind of ['driver', 'team'] as const) {
    app.get(`/seasons/:season/${kind}s/:id`, async (c) => {
      const { view } = await seasonView(c.req.param('season'));
      const id = c.req.param('id');
      const person = (kind === 'driver' ? view.season.drivers : view.season.teams).find((p) =>
        matchesCompetitor(id, p),
      );
      if (!person) throw problem(`${kind}.unknown`, `no ${kind} "${id}" in ${view.season.name}`);
      const standings = await standingsFor(view.season.id);
      return c.html(
        <CompetitorPage
          view={view}
          viewer={viewerOf(c.get('login'))}
          kind={kind}
          id={person.id}
          name={person.name}
          standings={standings}
        />,
      );
    });
  }

  app.get('/seasons/:season/audit', async (c) => {
    const { view } = await seasonView(c.req.param('season'));
    return c.html(
      <AuditPage
        view={view}
        viewer={viewerOf(c.get('login'))}
        revisions={orThrow(await paddock.history(view.season.id, 500)).revisions}
      />,
    );
  });

  // ---- logging in ---------------------------------------------------------------------------
  const secure = (c: Context) => isSecure(c, options.secureCookies);
  const safeNext = (next: unknown) =>
    typeof next === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) ? next : '/';

  app.get('/login', (c) => {
    const next = c.req.query('next');
    return c.html(<LoginPage csrf={preloginCsrf(c, secure(c))} {...(next ? { next } : {})} />);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    checkCsrf(form, getCookie(c, PRELOGIN_CSRF_COOKIE));
    const email = typeof form['email'] === 'string' ? form['email'].trim().toLowerCase() : '';
    const password = typeof form['password'] === 'string' ? form['password'] : '';
    let address = 'local';
    try {
      address = getConnInfo(c).remote.address ?? 'local';
    } catch {
      // In-process requests (tests) have no socket.
    }
    const keys = [`ip:${address}`, `email:${email}`];
    if (limiter.blocked(keys, now().getTime()))
      throw problem(
        'rate-limit.login',
        'too many failed login attempts',
        [],
        'Wait 15 minutes and try again.',
      );
    const result = await paddock.logIn(email, password, now());
    if (!result) {
      limiter.fail(keys, now().getTime());
      const errors: FieldErrors = new Map([['', ['Wrong email or password.']]]);
      return c.html(<LoginPage csrf={preloginCsrf(c, secure(c))} errors={errors} email={email} />, 401);
    }
    limiter.reset(`email:${email}`);
    setLoginCookie(c, result.token, secure(c));
    return c.redirect(safeNext(form['next']), 303);
  });

  app.post('/logout', async (c) => {
    const form = await c.req.parseBody();
    const login = c.get('login');
    if (login) {
      checkCsrf(form, login.csrfToken);
      await paddock.logOut(getCookie(c, LOGIN_COOKIE) ?? '');
    }
    clearLoginCookie(c);
    return c.redirect('/', 303);
  });

  // ---- editing ------------------------------------------------------------------------------
  const editor = (c: Context<Env>) => requireEditor(c.get('login'));

  app.get('/seasons/:season/edit', async (c) => {
    const login = editor(c);
    const { view } = await seasonView(c.req.param('season'));
    return c.html(<EditIndex view={view} viewer={viewerOf(login)!} />);
  });

  const admin = (c: Context<Env>) => {
    const login = editor(c);
    if (login.role !== 'admin') throw problem('auth.forbidden', 'only an admin may change the rulebook');
    return login;
  };

  app.get('/seasons/:season/edit/rulebook', async (c) => {
    const login = admin(c);
    const { view, sv } = await seasonView(c.req.param('season'));
    return c.html(
      <RulebookEdit
        view={view}
        viewer={viewerOf(login)!}
        yaml={sv.loaded.files.get(sv.loaded.rulebookFile) ?? ''}
        saved={c.req.query('saved') === '1'}
      />,
    );
  });

  app.post('/seasons/:season/edit/rulebook', async (c) => {
    const login = admin(c);
    const form = await c.req.parseBody();
    checkCsrf(form, login.csrfToken);
    const yaml = typeof form['yaml'] === 'string' ? form['yaml'] : '';
    const reason = typeof form['reason'] === 'string' ? form['reason'] : '';
    const { view } = await seasonView(c.req.param('season'));
    const saved = await paddock.changeRulebook(view.season.id, yaml, change(login, reason));
    if (saved.ok) return c.redirect(`/seasons/${view.season.id}/edit/rulebook?saved=1`, 303);
    const errors = fieldErrors(
      saved.issues.map((i) =>
        i.location?.line === undefined ? i : { ...i, message: `line ${i.location.line}: ${i.message}` },
      ),
      (p) => (p[0] === 'reason' ? 'reason' : 'yaml'),
    );
    return c.html(
      <RulebookEdit view={view} viewer={viewerOf(login)!} yaml={yaml} errors={errors} reason={reason} />,
      statusFor(saved.issues) === 409 ? 409 : 422,
    );
  });

  async function sessionEditPage(
    c: Context<Env>,
    extra: Partial<SessionEditProps>,
    status: 200 | 422 | 409 = 200,
  ) {
    const login = editor(c);
    const { view, sv } = await seasonView(c.req.param('season') ?? '');
    const session = view.season.sessions.find((s) => s.id === c.req.param('session'));
    if (!session)
      throw problem('session.unknown', `no session "${c.req.param('session')}" in ${view.season.name}`);
    const championships = sv.loaded.rulebook.championships.map((ch) => ({ id: ch.id, name: ch.name }));
    return c.html(
      <SessionEdit
        view={view}
        viewer={viewerOf(login)!}
        session={session}
        championships={championships}
        {...extra}
      />,
      status,
    );
  }

  app.get('/seasons/:season/edit/:session', (c) =>
    sessionEditPage(c, { saved: c.req.query('saved') === '1' }),
  );

  /** Reads the form, checks login and CSRF, builds the edit; issues come back beside the fields. */
  async function handleEdit(
    c: Context<Env>,
    form: SessionEditProps['failed'] & string,
    build: (
      f: Record<string, string>,
      view: SeasonView,
    ) => { edit?: SeasonEdit; issues?: readonly Issue[]; fieldOf?: (p: Issue['path']) => string },
  ) {
    const login = editor(c);
    const raw = await c.req.parseBody();
    checkCsrf(raw, login.csrfToken);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    const { view } = await seasonView(c.req.param('season') ?? '');
    const built = build(values, view);
    let issues = built.issues ?? [];
    if (!issues.length && built.edit) {
      const saved = await paddock.edit(view.season.id, built.edit, change(login, values['reason'] ?? ''));
      if (saved.ok)
        return c.redirect(`/seasons/${view.season.id}/edit/${c.req.param('session')}?saved=1`, 303);
      issues = saved.issues;
    }
    const status = statusFor(issues) === 409 ? 409 : 422;
    return sessionEditPage(c, { failed: form, errors: fieldErrors(issues, built.fieldOf), values }, status);
  }

  const rowField = (p: Issue['path']) =>
    p[0] === 'results' && typeof p[2] === 'number'
      ? `row-${p[2]}-${String(p[3] ?? 'entry')}`
      : p[0] === 'reason'
        ? 'reason'
        : '';

  app.post('/seasons/:season/edit/:session/classification', (c) =>
    handleEdit(c, 'classification', (f) => {
      const sessionId = c.req.param('session');
      const issues: Issue[] = [];
      const rows: ClassificationRow[] = [];
      const csv = f['csv'] ?? '';
      if (csv.trim()) {
        const parsed = parseCsv(csv, 'pasted CSV', resultRowSchema, ['entry', 'status']);
        if (!parsed.ok) return { issues: parsed.issues, fieldOf: () => 'csv' };
        for (const r of parsed.value) rows.push(toRow(r.value));
        // Positions given by order when the pasted table has none.
        return {
          edit: { kind: 'classification', sessionId, rows },
          fieldOf: (p) => (p[0] === 'reason' ? 'reason' : 'csv'),
        };
      }
      const count = Math.min(Number(f['rows'] ?? 0) || 0, 500);
      for (let i = 0; i < count; i++) {
        const get = (name: string) => (f[`row-${i}-${name}`] ?? '').trim();
        if (!get('entry')) continue;
        const record = compact({
          position: get('position') || undefined,
          entry: get('entry'),
          status: get('status') || 'classified',
          laps: get('laps') || undefined,
          time: get('time') || undefined,
          note: get('note') || undefined,
        });
        const parsed = resultRowSchema.safeParse(record);
        if (!parsed.success) {
          for (const z of parsed.error.issues)
            issues.push({
              code: `schema.${z.code}`,
              path: ['results', sessionId, i, String(z.path[0] ?? 'entry')],
              message: z.message,
            });
          continue;
        }
        rows.push(toRow(parsed.data));
      }
      // Keep the form's row numbers for the engine's issues: rows are given in form order.
      return issues.length
        ? { issues, fieldOf: rowField }
        : { edit: { kind: 'classification', sessionId, rows }, fieldOf: formRowField(f, count) };
    }),
  );

  app.post('/seasons/:season/edit/:session/awards', (c) =>
    handleEdit(c, 'awards', (f) => ({
      edit: compact({
        kind: 'awards' as const,
        sessionId: c.req.param('session'),
        pole: f['pole'] || undefined,
        fastestLap: f['fastestLap'] || undefined,
      }),
      fieldOf: (p) => String(p[0] === 'awards' ? '' : (p.at(-1) ?? '')),
    })),
  );

  app.post('/seasons/:season/edit/:session/state', (c) =>
    handleEdit(c, 'state', (f) => {
      const state = f['state'];
      if (state !== 'provisional' && state !== 'final')
        return {
          issues: [{ code: 'request.bad-state', path: ['state'], message: 'choose provisional or final' }],
        };
      return { edit: { kind: 'state', sessionId: c.req.param('session'), state } };
    }),
  );

  app.post('/seasons/:season/edit/:session/penalty', (c) =>
    handleEdit(c, 'penalty', (f) => {
      const penalty = PENALTY_KINDS.find((k) => k === f['penalty']);
      if (!penalty)
        return {
          issues: [
            {
              code: 'request.bad-penalty',
              path: ['penalty'],
              message: 'choose time, places, points or disqualification',
            },
          ],
        };
      if (!f['entryId'])
        return {
          issues: [{ code: 'request.no-entry', path: ['entryId'], message: 'choose the entry to penalise' }],
        };
      const amount = f['amount']?.trim();
      const championshipId = f['championshipId'];
      const edit: SeasonEdit = {
        kind: 'penalty',
        penalty,
        sessionId: c.req.param('session'),
        entryId: f['entryId'],
        ...(amount ? { amount } : {}),
        ...(championshipId ? { championshipId } : {}),
      };
      return { edit, fieldOf: (p) => (p[0] === 'results' ? '' : String(p.at(-1) ?? '')) };
    }),
  );

  return app;
}

/** A validated result row (the season folder's schema) as the engine's row. */
function toRow(v: {
  position?: number | undefined;
  entry: string;
  drivers?: string | undefined;
  status: string;
  laps?: number | undefined;
  laps_led?: number | undefined;
  time?: string | undefined;
  note?: string | undefined;
}): ClassificationRow {
  return compact({
    entryId: v.entry,
    driverIds: v.drivers
      ?.split(';')
      .map((d) => d.trim())
      .filter(Boolean),
    status: v.status as ClassificationRow['status'],
    position: v.position,
    laps: v.laps,
    lapsLed: v.laps_led,
    time: v.time,
    note: v.note,
  });
}

/** Maps an engine issue on row n of the submitted rows back to the form row it came from. */
function formRowField(f: Record<string, string>, count: number): (p: Issue['path']) => string {
  const formIndex: number[] = [];
  for (let i = 0; i < count; i++) if ((f[`row-${i}-entry`] ?? '').trim()) formIndex.push(i);
  return (p) => {
    if (p[0] === 'reason') return 'reason';
    if (p[0] !== 'results' || typeof p[2] !== 'number') return '';
    return `row-${formIndex[p[2]] ?? p[2]}-${String(p[3] ?? 'entry')}`;
  };
}
