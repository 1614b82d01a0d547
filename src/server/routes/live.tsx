/**
 * Live: `/api/v1/seasons/{season}/live` (server-sent events of the live document on each change of
 * the running order; `Accept: application/json` gets the latest document once), the live page per
 * season (a refreshing page without JavaScript, updated in place with it), and the editor's
 * controls: follow a race from an RMonitor host:port or a JSON-lines URL or upload, stop, and save
 * the final running order as the race's provisional result (a revision through the app layer).
 * The feeds themselves run in `src/live/live-follows.ts`; these routes stay thin.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Issue } from '../../engine/index.js';
import { findSession } from '../../importers/results/plan-import.js';
import type { Follow, FollowSource } from '../../live/live-follows.js';
import { liveUpdateJson } from '../../live/live-json.js';
import { planLiveSave } from '../../live/save-result.js';
import type { AppContext, Env } from '../context.js';
import { mayEdit } from '../../app/index.js';
import { changeBy, openSeason, viewerOf } from '../context.js';
import { authorize, checkCsrf, requireLogin } from '../auth.js';
import { parseForm } from '../forms.js';
import { LivePage } from '../pages/live-page.js';
import type { FollowView, LivePageProps } from '../pages/live-page.js';
import { problem, statusFor } from '../problems.js';
import { LIVE_SCRIPT } from './live-script.js';
import { etagOf } from '../http-cache.js';

/** The live page may run its one script from this site and open the SSE stream; nothing else. */
export const LIVE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const SCRIPT_ETAG = etagOf(LIVE_SCRIPT);

const hostPort = /^(.+):(\d{1,5})$/;

const startForm = z
  .object({
    session: z.string().min(1, 'choose the race').max(200),
    source: z.enum(['rmonitor', 'url', 'file'], { message: 'choose RMonitor, a URL or a file' }),
    rmonitor: z.string().trim().max(300).default(''),
    url: z.string().trim().max(2000).default(''),
    fresh: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.source === 'rmonitor') {
      const m = hostPort.exec(f.rmonitor);
      if (!m || Number(m[2]) > 65535 || Number(m[2]) < 1)
        ctx.addIssue({
          code: 'custom',
          path: ['rmonitor'],
          message: 'give host:port, such as 192.168.1.20:50000',
        });
    }
    if (f.source === 'url' && !/^https?:\/\/\S+$/i.test(f.url))
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'give an http:// or https:// URL' });
  });

const saveForm = z.object({ reason: z.string().max(2000).default('') });

const deps = (c: AppContext) => c.var.deps;

const followView = (f: Follow, sessionName: string): FollowView => ({
  sessionId: f.sessionId,
  sessionName,
  source: f.sourceName,
  status: f.status,
  startedBy: f.startedBy,
  startedAt: f.startedAt.toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
  finished: f.finished,
  notes: f.notes.map((n) => ({ at: n.at.toISOString().slice(11, 19), text: n.text })),
});

async function livePage(
  c: AppContext,
  extra: Pick<LivePageProps, 'message' | 'issues' | 'values'> = {},
  status: 200 | 409 | 422 = 200,
) {
  const { sv, view } = await openSeason(c, c.req.param('season') ?? '');
  const season = sv.loaded.season;
  const follow = deps(c).live.get(season.id);
  const current = follow?.current;
  const races = season.sessions.filter((s) => s.race !== undefined);
  const withResult = new Set(season.classifications.map((cl) => cl.sessionId));
  const sessionName = (id: string) => season.sessions.find((s) => s.id === id)?.name ?? id;
  c.header('Content-Security-Policy', LIVE_CSP);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <LivePage
      season={{ id: view.season.id, name: view.season.name }}
      viewer={viewerOf(c.get('login'), season.series.id)}
      canEdit={mayEdit(c.get('login'), season.series.id)}
      doc={current && liveUpdateJson(current)}
      follow={follow && followView(follow, sessionName(follow.sessionId))}
      races={races.map((r) => ({ id: r.id, name: r.name }))}
      drivers={[...season.drivers]
        .map((d) => ({ id: d.id, name: d.name }))
        .sort((a, b) => a.name.localeCompare(b.name))}
      defaultRace={races.find((r) => !withResult.has(r.id))?.id ?? races.at(-1)?.id}
      {...extra}
    />,
    status,
  );
}

/** Form fields of a post (urlencoded or multipart), with the uploaded file apart. */
async function postedForm(c: AppContext): Promise<{ fields: Record<string, string>; file?: File }> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  let file: File | undefined;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') fields[k] = v;
    else if (k === 'file' && v instanceof File && v.size > 0) file = v;
  }
  return file ? { fields, file } : { fields };
}

function sourceOf(
  values: z.output<typeof startForm>,
  file: File | undefined,
): { source: FollowSource } | { issues: Issue[] } {
  if (values.source === 'rmonitor') {
    const m = hostPort.exec(values.rmonitor)!;
    return { source: { kind: 'rmonitor', host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) } };
  }
  if (values.source === 'url') {
    const url = values.url;
    return {
      source: {
        kind: 'jsonl',
        name: url,
        open: async (signal) => {
          const res = await fetch(url, { signal });
          if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
          return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
        },
      },
    };
  }
  if (!file)
    return {
      issues: [{ code: 'request.missing-file', path: ['file'], message: 'choose a JSON-lines file' }],
    };
  const name = file.name || 'upload';
  return {
    source: {
      kind: 'jsonl',
      name,
      open: async () => Readable.from([await file.text()]),
    },
  };
}

export const liveRoutes = new Hono<Env>();

liveRoutes.get('/assets/live.js', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  c.header('ETag', SCRIPT_ETAG);
  if (c.req.header('if-none-match') === SCRIPT_ETAG) return c.body(null, 304);
  return c.body(LIVE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
});

liveRoutes.get('/api/v1/seasons/:season/live', async (c) => {
  const { view } = await openSeason(c, c.req.param('season'));
  const { live } = deps(c);
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('application/json') && !accept.includes('text/event-stream')) {
    const current = live.get(view.season.id)?.current;
    if (!current)
      throw problem(
        'not-found.live',
        `no race of ${view.season.name} is being followed`,
        [],
        'Ask for text/event-stream to wait for one.',
      );
    c.header('Cache-Control', 'no-store');
    return c.json(liveUpdateJson(current));
  }
  return live.hub(view.season.id).respond(c.req.raw);
});

liveRoutes.get('/seasons/:season/live', async (c) => {
  const q = c.req.query();
  const message =
    q['saved'] !== undefined
      ? {
          kind: 'ok' as const,
          text: `Saved as the provisional result${q['saved'] ? ` (season version ${q['saved']})` : ''}.`,
        }
      : q['started'] === '1'
        ? { kind: 'ok' as const, text: 'Following the feed.' }
        : q['confirmed'] === '1'
          ? {
              kind: 'ok' as const,
              text: 'Confirmed; saving the result remembers it in the season\u2019s mappings.',
            }
          : q['stopped'] === '1'
            ? { kind: 'ok' as const, text: 'Stopped following; the tables stay as they were.' }
            : undefined;
  return livePage(c, message ? { message } : {});
});

liveRoutes.post('/seasons/:season/live/start', async (c) => {
  const login = requireLogin(c.get('login'));
  const { fields, file } = await postedForm(c);
  checkCsrf(fields, login.csrfToken);
  delete fields['_csrf'];
  const { sv, view } = await openSeason(c, c.req.param('season'));
  // Following a feed and saving its result are a steward's or organiser's work in this series.
  authorize(login, 'results', view.season.series.id);
  const form = parseForm(startForm, fields);
  if (!form.ok) return livePage(c, { issues: form.issues, values: fields }, 422);
  const session = findSession(sv.loaded.season, form.value.session);
  if (!session || session.race === undefined)
    return livePage(
      c,
      {
        issues: [
          {
            code: 'session.unknown',
            path: ['session'],
            message: `no race "${form.value.session}" in ${view.season.name}`,
          },
        ],
        values: fields,
      },
      422,
    );
  const source = sourceOf(form.value, file);
  if ('issues' in source) return livePage(c, { issues: source.issues, values: fields }, 422);
  const started = await deps(c).live.start({
    season: sv.loaded.season,
    rulebook: sv.loaded.rulebook,
    mappings: sv.loaded.mappings,
    sessionId: session.id,
    source: source.source,
    startedBy: login.email,
    startedAt: deps(c).now(),
    fresh: form.value.fresh === '1',
  });
  if (!started.ok)
    return livePage(
      c,
      { issues: started.issues, values: fields },
      started.issues.some((i) => i.code === 'live.already-following') ? 409 : 422,
    );
  return c.redirect(`/seasons/${view.season.id}/live?started=1`, 303);
});

liveRoutes.post('/seasons/:season/live/stop', async (c) => {
  const login = requireLogin(c.get('login'));
  const { fields } = await postedForm(c);
  checkCsrf(fields, login.csrfToken);
  const { view } = await openSeason(c, c.req.param('season'));
  // Following a feed and saving its result are a steward's or organiser's work in this series.
  authorize(login, 'results', view.season.series.id);
  await deps(c).live.stop(view.season.id);
  return c.redirect(`/seasons/${view.season.id}/live?stopped=1`, 303);
});

liveRoutes.post('/seasons/:season/live/save', async (c) => {
  const login = requireLogin(c.get('login'));
  const { fields } = await postedForm(c);
  checkCsrf(fields, login.csrfToken);
  delete fields['_csrf'];
  const form = parseForm(saveForm, fields);
  if (!form.ok) return livePage(c, { issues: form.issues, values: fields }, 422);
  // Saved onto the season as it is now: an editor may have changed it during the race.
  const { sv, view } = await openSeason(c, c.req.param('season'));
  // Following a feed and saving its result are a steward's or organiser's work in this series.
  authorize(login, 'results', view.season.series.id);
  const follow = deps(c).live.get(view.season.id);
  const order = follow?.runner.order;
  if (!follow || !order)
    return livePage(
      c,
      {
        issues: [
          { code: 'live.no-order', path: [], message: 'no running order to save: no race is being followed' },
        ],
      },
      422,
    );
  if (!follow.finished)
    return livePage(
      c,
      {
        issues: [
          {
            code: 'live.unfinished',
            path: [follow.sessionId],
            message: `${follow.sessionId} is not finished (not every running car has taken the flag); nothing was saved`,
          },
        ],
        values: fields,
      },
      422,
    );
  const session = findSession(sv.loaded.season, follow.sessionId);
  if (!session) throw problem('session.unknown', `no session "${follow.sessionId}" in ${view.season.name}`);
  const plan = planLiveSave(
    sv.loaded.season,
    session,
    order,
    sv.loaded.mappings,
    follow.assignments,
    follow.sourceName,
  );
  if (plan.problemCount || plan.unmatched.length) {
    const issues: Issue[] = [
      ...plan.issues,
      ...plan.unmatched.map((u) => ({
        code: 'live.unmatched',
        path: [u.row.line],
        message: `no entry for ${u.row.car === undefined ? '' : `#${u.row.car} `}${u.row.drivers.join(' / ')}: nothing was saved`,
        hint: 'Confirm the competitor above, then save again.',
      })),
    ];
    return livePage(c, { issues, values: fields }, 422);
  }
  const reason = form.value.reason.trim() || `live result at the flag from ${follow.sourceName}`;
  const saved = await deps(c).paddock.importSessionResults(sv, plan, changeBy(c, login, reason, 'editor'));
  if (!saved.ok)
    return livePage(c, { issues: saved.issues, values: fields }, statusFor(saved.issues) === 409 ? 409 : 422);
  return c.redirect(`/seasons/${view.season.id}/live?saved=${saved.value.version ?? ''}`, 303);
});

const confirmForm = z.object({
  key: z.string().min(1).max(500),
  driver: z.string().min(1, 'choose the driver').max(200),
});

/** Confirms an unmatched competitor of the race being followed as one of the season's drivers. */
liveRoutes.post('/seasons/:season/live/confirm', async (c) => {
  const login = requireLogin(c.get('login'));
  const { fields } = await postedForm(c);
  checkCsrf(fields, login.csrfToken);
  delete fields['_csrf'];
  const { sv, view } = await openSeason(c, c.req.param('season'));
  authorize(login, 'results', view.season.series.id);
  const form = parseForm(confirmForm, fields);
  if (!form.ok) return livePage(c, { issues: form.issues, values: fields }, 422);
  const follow = deps(c).live.get(view.season.id);
  const waiting = follow?.current?.unmatched.some((u) => u.key === form.value.key);
  if (!follow || !waiting)
    return livePage(
      c,
      {
        issues: [
          {
            code: 'live.not-unmatched',
            path: ['key'],
            message: `"${form.value.key}" is not waiting for confirmation`,
          },
        ],
      },
      422,
    );
  if (!sv.loaded.season.drivers.some((d) => d.id === form.value.driver))
    return livePage(
      c,
      {
        issues: [
          {
            code: 'driver.unknown',
            path: ['driver'],
            message: `no driver "${form.value.driver}" in ${view.season.name}`,
          },
        ],
      },
      422,
    );
  follow.confirm(form.value.key, form.value.driver);
  // The tables are scored again on the next turn of the event loop; the page shows them.
  await new Promise((resolve) => setImmediate(resolve));
  return c.redirect(`/seasons/${view.season.id}/live?confirmed=1`, 303);
});
