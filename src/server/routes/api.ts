/**
 * The JSON API under /api/v1: reads (public) and writes (an API token with the role the write
 * needs in the season's series). Every route is declared with its zod schemas (src/server/
 * api-schemas.ts): requests are validated by them before the handler runs, and the OpenAPI
 * document (/api/v1/openapi.json) and the reference page (/api/v1/reference) are generated from
 * them. Reads are serialised once per season version (the app layer's bounded cache) and served
 * with an ETag. Writes go through the same app-layer operations as the forms and the CLI, and take
 * the version they were made from as If-Match (412 when the season moved since).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { resultsJson } from '../../exporters/json/results-json.js';
import { standingsJson } from '../../exporters/json/standings-json.js';
import {
  calendarDocument,
  entriesDocument,
  explanationsDocument,
  jsonText,
  planEntryList,
  seasonOverview,
  sessionResultsDocument,
} from '../../app/index.js';
import type {
  Change,
  Paddock,
  Permission,
  SeasonEdit,
  SeasonVersion,
  SetupChange,
  StandingsQuery,
} from '../../app/index.js';
import { compact } from '../../formats/compact.js';
import { RESULT_FORMAT_NAMES } from '../../importers/results/formats/registry.js';
import type { ResultFormat } from '../../importers/results/formats/registry.js';
import type { Issue, Result } from '../../engine/index.js';
import * as S from '../api-schemas.js';
import { authorize, requireLogin } from '../auth.js';
import type { AppContext, Env } from '../context.js';
import { afterParam, orThrow } from '../context.js';
import { jsonRowToClassification } from '../edit-input.js';
import { zodIssues } from '../forms.js';
import { CachedBody, sendCached } from '../http-cache.js';
import { referencePage } from '../pages/api-reference.js';
import { HttpProblem, problem } from '../problems.js';
import { LIVE_PATHS, LIVE_SCHEMAS } from './live-openapi.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The same text `paddock standings --json` prints (JSON.stringify with 2 spaces, then a newline). */
export { jsonText };

const cached = (value: unknown): CachedBody => new CachedBody(jsonText(value), JSON_TYPE);

/**
 * The standings document of one version for a query (GET .../standings), made once per version.
 * The server also makes the latest one right after each change (start.ts), before anyone asks.
 */
export function standingsBody(paddock: Paddock, sv: SeasonVersion, query: StandingsQuery): CachedBody {
  const key = `api:standings|${query.championship ?? '*'}@${query.afterRace ?? 'latest'}`;
  return (
    paddock.findDerived<CachedBody>(sv, key) ??
    paddock.setDerived(sv, key, cached(standingsJson(orThrow(paddock.standings(sv, query)))))
  );
}

/** The /api/v1 routes. A request that does not fit its schema is a 400 problem naming each field. */
export const apiRoutes = new OpenAPIHono<Env>({
  defaultHook: (result) => {
    if (!result.success)
      throw new HttpProblem(
        zodIssues(result.error).map((i) => ({
          ...i,
          code: `request.${result.target}.${i.code.slice('request.'.length)}`,
        })),
      );
  },
});

// ---- responses ----------------------------------------------------------------------------------

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: S.ProblemSchema } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  headers: z.object({ ETag: z.string().optional(), 'Cache-Control': z.string().optional() }),
  content: { 'application/json': { schema } },
});
const READ_ERRORS = {
  304: { description: 'Not modified (If-None-Match matched the ETag)' },
  400: problemResponse('The request does not fit (a bad parameter)'),
  404: problemResponse('No such season, session, event or competitor'),
} as const;
const WRITE_ERRORS = {
  400: problemResponse('The request does not fit its schema (every field named)'),
  401: problemResponse('No API token, or an unknown or revoked one'),
  403: problemResponse("The token's account has no role here that may do this"),
  404: problemResponse('No such season, session or series'),
  412: problemResponse('The season changed since the version given in If-Match'),
  413: problemResponse('The body is larger than 1 MB'),
  422: problemResponse('The change would leave the season with problems: nothing was saved'),
} as const;

const security = [{ bearer: [] }];
const ifMatch = z.object({
  'if-match': z.string().max(100).optional().openapi({
    description:
      'The season version the change was made from ("14", from GET /seasons/{season} or a previous write); 412 when the season has moved since. Leave out to write over whatever is current.',
    example: '"14"',
  }),
});

// ---- reads --------------------------------------------------------------------------------------

/**
 * Serves a document derived from a season version. Only documents that could be made are kept,
 * so requests for unknown sessions or events do not grow the cache.
 */
async function seasonDocument(
  c: AppContext,
  seasonArg: string,
  key: string,
  make: (s: SeasonVersion) => unknown,
) {
  const { paddock } = c.var.deps;
  const sv = orThrow(await paddock.open(seasonArg));
  const doc = paddock.derived(sv, `api:${key}`, () => cached(make(sv)));
  return sendCached(c, doc);
}

/** Cached bodies are already the schema's JSON; the typed response is what the schema says. */
const served = async (res: Response | Promise<Response>) => (await res) as never;

const standingsQuery = z.object({
  championship: z.string().max(200).optional().openapi({ description: 'Only this championship' }),
  after: z
    .string()
    .max(4)
    .optional()
    .openapi({ description: 'After this race number (default: the latest race with results)', example: '8' }),
});

apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/series',
    summary: 'The series and their seasons',
    tags: ['Read'],
    responses: { 200: json(z.array(S.SeriesSchema), 'Series') },
  }),
  async (c) => {
    const seasons = await c.var.deps.paddock.listSeasons();
    const series = await c.var.deps.paddock.listSeries();
    return c.json(
      series.map((s) => ({
        id: s.id,
        name: s.name,
        seasons: seasons.filter((x) => x.seriesId === s.id).map((x) => x.id),
      })),
      200,
    );
  },
);

apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/series/{series}',
    summary: 'One series with its seasons',
    tags: ['Read'],
    request: { params: z.object({ series: z.string().openapi({ description: 'Series id' }) }) },
    responses: { 200: json(S.SeriesSchema, 'A series'), 404: READ_ERRORS[404] },
  }),
  async (c) => {
    const id = c.req.valid('param').series;
    const s = await c.var.deps.paddock.findSeries(id);
    if (!s) throw problem('series.unknown', `no series "${id}"`, ['series']);
    const seasons = (await c.var.deps.paddock.listSeasons()).filter((x) => x.seriesId === id);
    return c.json({ id: s.id, name: s.name, seasons: seasons.map((x) => x.id) }, 200);
  },
);

apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/seasons',
    summary: 'The seasons, with their current versions',
    tags: ['Read'],
    responses: { 200: json(z.array(S.SeasonSummarySchema), 'Seasons') },
  }),
  async (c) =>
    c.json(
      (await c.var.deps.paddock.listSeasons()).map((s) => ({
        id: s.id,
        name: s.name,
        year: s.year,
        series: s.seriesId,
        aliases: [...s.aliases],
        version: s.version,
      })),
      200,
    ),
);

const seasonRead = (
  path: string,
  summary: string,
  schema: z.ZodType,
  description: string,
  params: z.ZodObject = S.params.season,
) =>
  createRoute({
    method: 'get',
    path,
    summary,
    tags: ['Read'],
    request: { params },
    responses: { 200: json(schema, description), ...READ_ERRORS },
  });

apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}',
    'A season: classes, championships, rulebook, version',
    S.SeasonSchema,
    'A season',
  ),
  (c) => served(seasonDocument(c, c.req.param('season') ?? '', 'season', seasonOverview)),
);
apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}/events',
    "The calendar with each event's sessions",
    z.array(S.EventSchema),
    'Events in round order',
  ),
  (c) => served(seasonDocument(c, c.req.param('season') ?? '', 'events', calendarDocument)),
);
apiRoutes.openapi(
  seasonRead('/seasons/{season}/entries', 'The entry list with names', z.array(S.EntrySchema), 'Entries'),
  (c) => served(seasonDocument(c, c.req.param('season') ?? '', 'entries', entriesDocument)),
);
apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}/results',
    'Every classification (the results document)',
    S.ResultsSchema,
    'Results',
  ),
  (c) =>
    served(seasonDocument(c, c.req.param('season') ?? '', 'results', (s) => resultsJson(s.loaded.season))),
);
apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}/results/{session}',
    "One session's classification, with the decision that amended it",
    S.SessionResultsWithDecisionSchema,
    'Session results',
    S.params.seasonSession,
  ),
  (c) => {
    const sessionId = c.req.param('session') ?? '';
    return served(
      seasonDocument(c, c.req.param('season') ?? '', `results:${sessionId}`, (s) =>
        orThrow(sessionResultsDocument(s, sessionId)),
      ),
    );
  },
);
apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}/events/{event}',
    'One event with its sessions and results',
    S.EventWithResultsSchema,
    'An event',
    z.object({ season: z.string(), event: z.string().openapi({ description: 'Event id' }) }),
  ),
  (c) => {
    const eventId = c.req.param('event') ?? '';
    return served(
      seasonDocument(c, c.req.param('season') ?? '', `event:${eventId}`, (s) => {
        const event = calendarDocument(s).find((e) => e.id === eventId);
        if (!event)
          throw problem('event.unknown', `no event "${eventId}" in ${s.loaded.season.id}`, ['event']);
        const results = resultsJson(s.loaded.season).sessions.filter((x) => x.event === eventId);
        return { ...event, results };
      }),
    );
  },
);

apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/seasons/{season}/standings',
    summary: 'Standings: exactly the document `paddock standings --json` prints',
    tags: ['Read'],
    request: { params: S.params.season, query: standingsQuery },
    responses: { 200: json(S.StandingsSchema, 'Standings'), ...READ_ERRORS },
  }),
  async (c) => {
    const { championship: ch, after } = c.req.valid('query');
    const championship = ch || undefined;
    const afterRace = afterParam(after);
    const query = {
      ...(championship === undefined ? {} : { championship }),
      ...(afterRace === undefined ? {} : { afterRace }),
    };
    const { paddock } = c.var.deps;
    const sv = orThrow(await paddock.open(c.req.param('season') ?? ''));
    return served(sendCached(c, standingsBody(paddock, sv, query)));
  },
);

apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/seasons/{season}/explanations/{competitor}',
    summary: "How a competitor's total is made: counted and dropped contributions, tie-breaks",
    tags: ['Read'],
    request: {
      params: z.object({
        season: z.string(),
        competitor: z.string().openapi({ description: 'Competitor id or name' }),
      }),
      query: standingsQuery,
    },
    responses: {
      200: json(z.array(S.ExplanationSchema), 'One explanation per championship'),
      ...READ_ERRORS,
    },
  }),
  async (c) => {
    const competitor = c.req.param('competitor');
    const { championship: ch, after } = c.req.valid('query');
    const championship = ch || undefined;
    const afterRace = afterParam(after);
    const query = {
      ...(championship === undefined ? {} : { championship }),
      ...(afterRace === undefined ? {} : { afterRace }),
    };
    const { paddock } = c.var.deps;
    const sv = orThrow(await paddock.open(c.req.param('season') ?? ''));
    const key = `api:explain:${competitor}|${championship ?? '*'}@${afterRace ?? 'latest'}`;
    const hit = paddock.findDerived<CachedBody>(sv, key);
    if (hit) return served(sendCached(c, hit));
    // Unknown competitors are answered 404 and never cached.
    const found = paddock.explain(sv, competitor, query);
    if (!found.ok) {
      if (found.issues.some((i) => i.code === 'competitor.unknown'))
        throw problem('competitor.unknown', `"${competitor}" is not in the standings`, ['competitor']);
      throw new HttpProblem(found.issues);
    }
    return served(sendCached(c, paddock.setDerived(sv, key, cached(explanationsDocument(found.value)))));
  },
);

apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}/rulebook',
    "The season's rulebook, as the YAML text it is stored as",
    S.RulebookTextSchema,
    'The rulebook',
  ),
  async (c) => {
    const sv = orThrow(await c.var.deps.paddock.open(c.req.param('season') ?? ''));
    const path = sv.loaded.rulebookFile;
    return c.json(
      { season: sv.loaded.season.id, version: sv.version, path, yaml: sv.loaded.files.get(path) ?? '' },
      200,
    );
  },
);

apiRoutes.openapi(
  seasonRead(
    '/seasons/{season}/history',
    'Every revision of the season, newest first',
    S.HistorySchema,
    'The history',
  ),
  async (c) => {
    const history = orThrow(await c.var.deps.paddock.history(c.req.param('season') ?? ''));
    return c.json(
      {
        season: history.season.id,
        version: history.season.version,
        revisions: history.revisions.map((r) => ({
          version: r.version,
          parentVersion: r.parentVersion ?? null,
          at: r.at,
          author: r.author,
          action: r.action,
          reason: r.reason,
          origin: r.origin,
        })),
      },
      200,
    );
  },
);

// ---- writes -------------------------------------------------------------------------------------

/**
 * Who may write: an API token (never the login cookie, which would need a CSRF token) whose
 * account holds `permission` in the series of the season (or series) named in the path. Runs
 * before the body is read, so a refused request is 401/403 whatever it carries.
 */
const guard =
  (permission: Permission): MiddlewareHandler<Env> =>
  async (c, next) => {
    const login = requireLogin(c.get('login'));
    if (login.tokenId === undefined)
      throw problem(
        'auth.token-required',
        'API writes take an API token, not the login cookie',
        ['authorization'],
        'Send Authorization: Bearer <token> (paddock token create, or /account/tokens).',
      );
    const { paddock } = c.var.deps;
    const seasonArg = c.req.param('season');
    let seriesId: string;
    if (seasonArg !== undefined) seriesId = orThrow(await paddock.open(seasonArg)).loaded.season.series.id;
    else {
      const series = await paddock.findSeries(c.req.param('series') ?? '');
      if (!series) throw problem('series.unknown', `no series "${c.req.param('series')}"`, ['series']);
      seriesId = series.id;
    }
    authorize(login, permission, seriesId);
    await next();
  };

/** If-Match as a season version: "14", 14 or W/"14"; undefined when absent or "*". */
export function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m)
    throw problem(
      'request.if-match',
      `If-Match must be a season version such as "14", not ${header}`,
      ['if-match'],
      'Take the version from GET /seasons/{season} or from the answer to your last write.',
    );
  return Number(m[1]);
}

/** A change made by the token's account through the API. */
const apiChange = (c: AppContext, reason: string, expected: number | undefined): Change => ({
  author: c.get('login')!.email,
  reason,
  origin: 'api',
  at: c.var.deps.now(),
  ...(expected === undefined ? {} : { expectedVersion: expected }),
});

/**
 * A change answered `{ season, version }`: with the request's Idempotency-Key, that answer is kept
 * in the revision's own transaction (a retry after a crash still gets it).
 */
const savedChange = (c: AppContext, reason: string, expected: number | undefined): Change => {
  const key = c.get('requestKey');
  return { ...apiChange(c, reason, expected), ...(key ? { requestKey: key } : {}) };
};

/** A stale If-Match is 412 here (forms answer 409: they show the page again). */
function saved<T extends { version?: number | undefined }>(result: Result<T>): T {
  if (!result.ok && result.issues.some((i) => i.code === 'season.conflict'))
    throw new HttpProblem(
      result.issues.map((i) =>
        i.code === 'season.conflict'
          ? {
              ...i,
              hint: 'Read the season again (GET /seasons/{season} gives its version) and redo the change.',
            }
          : i,
      ),
      412,
    );
  if (!result.ok)
    // The path named the season and session (404 when unknown); anything else is the data's problem.
    throw new HttpProblem(
      result.issues,
      result.issues.some((i) => /^(season|session|revision)\.unknown$/.test(i.code)) ? 404 : 422,
    );
  return result.value;
}

const writeRoute = <B extends z.ZodType>(
  method: 'put' | 'post',
  path: string,
  summary: string,
  description: string,
  permission: Permission,
  body: B,
  params: z.ZodObject = S.params.seasonSession,
  answer: z.ZodType = S.SavedSchema,
) =>
  createRoute({
    method,
    path,
    summary,
    description,
    tags: ['Write'],
    security,
    middleware: [guard(permission)] as const,
    request: {
      params,
      headers: ifMatch,
      body: { required: true, content: { 'application/json': { schema: body } } },
    },
    responses: { 200: json(answer, 'Saved as a new revision'), ...WRITE_ERRORS },
  });

/**
 * Makes one change to the season of the path as a new revision, made from the If-Match version,
 * and answers `{ season, version }`; with an Idempotency-Key that answer is kept in the revision's
 * own transaction (savedChange).
 */
async function saveChange(
  c: AppContext,
  reason: string,
  apply: (seasonId: string, change: Change) => Promise<Result<{ version?: number | undefined }>>,
) {
  const expected = expectedVersion(c.req.header('if-match'));
  const sv = orThrow(await c.var.deps.paddock.open(c.req.param('season') ?? ''));
  const done = saved(await apply(sv.loaded.season.id, savedChange(c, reason, expected)));
  return { season: sv.loaded.season.id, version: done.version ?? sv.version ?? 0 };
}

/** Applies a season edit as a new revision and answers with the new version. */
const applyEdit = (c: AppContext, edit: SeasonEdit, reason: string) =>
  saveChange(c, reason, (id, change) => c.var.deps.paddock.edit(id, edit, change));

apiRoutes.openapi(
  writeRoute(
    'put',
    '/seasons/{season}/results/{session}',
    "Replace a session's classification",
    'Rows in finishing order; a classified row needs its position. Checked exactly as a results file is; a final result becomes amended, with the reason as the decision. Needs results (steward or organiser).',
    'results',
    S.ClassificationBodySchema,
  ),
  async (c) => {
    const body = c.req.valid('json');
    const rows = body.rows.map((r) => jsonRowToClassification(r));
    return c.json(
      await applyEdit(
        c,
        { kind: 'classification', sessionId: c.req.param('session') ?? '', rows },
        body.reason,
      ),
      200,
    );
  },
);

apiRoutes.openapi(
  writeRoute(
    'put',
    '/seasons/{season}/results/{session}/awards',
    'Set pole and fastest lap',
    'Entry ids; one left out is cleared. Needs results.',
    'results',
    S.AwardsBodySchema,
  ),
  async (c) => {
    const body = c.req.valid('json');
    const edit: SeasonEdit = {
      kind: 'awards',
      sessionId: c.req.param('session') ?? '',
      ...(body.pole ? { pole: body.pole } : {}),
      ...(body.fastestLap ? { fastestLap: body.fastestLap } : {}),
    };
    return c.json(await applyEdit(c, edit, body.reason), 200);
  },
);

apiRoutes.openapi(
  writeRoute(
    'put',
    '/seasons/{season}/results/{session}/state',
    'Mark a result provisional or final',
    'Needs decisions (steward or organiser).',
    'decisions',
    S.StateBodySchema,
  ),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await applyEdit(
        c,
        { kind: 'state', sessionId: c.req.param('session') ?? '', state: body.state },
        body.reason,
      ),
      200,
    );
  },
);

apiRoutes.openapi(
  writeRoute(
    'post',
    '/seasons/{season}/results/{session}/penalties',
    'Apply a penalty',
    'time (seconds added), places (moved down), points (a deduction, for one championship or all) or disqualification. Needs decisions.',
    'decisions',
    S.PenaltyBodySchema,
  ),
  async (c) => {
    const body = c.req.valid('json');
    const edit: SeasonEdit = {
      kind: 'penalty',
      penalty: body.penalty,
      sessionId: c.req.param('session') ?? '',
      entryId: body.entry,
      ...(body.amount ? { amount: body.amount } : {}),
      ...(body.championship ? { championshipId: body.championship } : {}),
    };
    return c.json(await applyEdit(c, edit, body.reason), 200);
  },
);

apiRoutes.openapi(
  writeRoute(
    'put',
    '/seasons/{season}/rulebook',
    "Replace the season's rulebook",
    "YAML as a folder's rulebook.yaml (presets from extends: resolved), checked against the season. Needs rulebook (organiser).",
    'rulebook',
    S.RulebookBodySchema,
    S.params.season,
  ),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await saveChange(c, body.reason, (id, change) =>
        c.var.deps.paddock.changeRulebook(id, body.yaml, change),
      ),
      200,
    );
  },
);

apiRoutes.openapi(
  writeRoute(
    'post',
    '/seasons/{season}/revert',
    'Restore an earlier revision',
    "That revision's files as a new revision (itself revertible). Needs revert (organiser).",
    'revert',
    S.RevertBodySchema,
    S.params.season,
  ),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await saveChange(c, body.reason, (id, change) => c.var.deps.paddock.revert(id, body.version, change)),
      200,
    );
  },
);

const UploadSchema = z
  .object({
    file: z.instanceof(File).openapi({ type: 'string', format: 'binary', description: 'The results file' }),
    format: z
      .enum(RESULT_FORMAT_NAMES as [ResultFormat, ...ResultFormat[]])
      .openapi({ description: 'The file format' }),
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .openapi({ description: 'true: check and report, write nothing' }),
    state: z.enum(['provisional', 'final']).optional().openapi({ description: 'Over what the file says' }),
    reason: z.string().max(2000).default(''),
  })
  .openapi('ResultsUpload');

apiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/seasons/{season}/results/{session}/import',
    summary: 'Upload a results file (any importer format), or check it with dryRun',
    description:
      "Read, matched against the season's entries and confirmed identities, and checked by loading the season with it in place, exactly as paddock import-results does; with dryRun=true nothing is written. Needs results.",
    tags: ['Write'],
    security,
    middleware: [guard('results')] as const,
    request: {
      params: S.params.seasonSession,
      headers: ifMatch,
      body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } },
    },
    responses: { 200: json(S.ImportReportSchema, 'What the import did (or would do)'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const form = c.req.valid('form');
    const { paddock } = c.var.deps;
    const sv = await openAtExpectedVersion(c);
    const sessionArg = c.req.param('session');
    const session = sv.loaded.season.sessions.find((s) => s.id === sessionArg);
    if (!session)
      throw problem('session.unknown', `no session "${sessionArg}" in ${sv.loaded.season.id}`, ['session']);
    const plan = await paddock.planResults(sv, {
      session,
      format: form.format,
      source: new Uint8Array(await form.file.arrayBuffer()),
      file: form.file.name || 'upload',
      ...(form.state ? { state: form.state } : {}),
    });
    if (plan.problemCount) {
      const issues: Issue[] = [...plan.issues];
      if (plan.problemCount > plan.issues.length)
        issues.push({
          code: 'import.more-problems',
          path: [],
          message: `${plan.problemCount - plan.issues.length} more problem(s) not listed`,
        });
      throw new HttpProblem(issues, 422);
    }
    const dryRun = form.dryRun === 'true';
    let version: number | null = null;
    if (!dryRun) {
      const reason = form.reason || `imported from ${form.file.name || 'an upload'}`;
      const done =
        plan.unchanged && !plan.mappingsChanged
          ? { version: sv.version }
          : saved(await paddock.importSessionResults(sv, plan, apiChange(c, reason, sv.version)));
      version = done.version ?? sv.version ?? null;
    }
    return c.json(
      {
        season: sv.loaded.season.id,
        session: session.id,
        dryRun,
        version,
        unchanged: plan.unchanged,
        rowsRead: plan.rowsRead,
        rows: plan.rows.length,
        added: [...plan.added],
        removed: [...plan.removed],
        changed: [...plan.changed],
        state: plan.state ?? null,
        files: [...plan.writes.keys()],
      },
      200,
    );
  },
);

// ---- season setup (docs/organiser.md) ------------------------------------------------------------

apiRoutes.openapi(
  writeRoute(
    'post',
    '/series/{series}/seasons',
    'Create a season of the series',
    'Its first revision: season.yaml, a rulebook that extends the preset of the year (or a template), classes, and empty drivers, teams and entries. A season id that exists is refused. Needs setup (organiser).',
    'setup',
    S.NewSeasonBodySchema,
    z.object({ series: z.string().openapi({ description: 'Series id' }) }),
  ),
  async (c) => {
    const body = c.req.valid('json');
    const series = (await c.var.deps.paddock.findSeries(c.req.param('series') ?? ''))!;
    const created = saved(
      await c.var.deps.paddock.createSeason(
        {
          seriesName: series.name,
          seriesId: series.id,
          year: body.year,
          preset: body.preset,
          classes: body.classes,
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.id === undefined ? {} : { id: body.id }),
        },
        apiChange(c, body.reason, undefined),
      ),
    );
    return c.json({ season: created.id, version: created.version }, 200);
  },
);

apiRoutes.openapi(
  writeRoute(
    'post',
    '/seasons/{season}/setup',
    "Change a season's setup",
    'Add a class, an event with its sessions (local times in the event timezone), a driver, a team, an entry, a change of an entry from a round on, or a pasted entry list (drivers and teams added as needed); change or delete a class, driver, team, event (its details, sessions added or removed) or entry (a delete that results, awards, penalties or entries still refer to is refused, naming them). Problems name the field (or the pasted line). Needs setup (organiser).',
    'setup',
    S.SetupBodySchema,
    S.params.season,
    S.SetupAnswerSchema,
  ),
  async (c) => {
    const { reason, ...body } = c.req.valid('json');
    if (body.kind === 'entry-list' && body.dryRun) return c.json(await entryListPlan(c, body.text), 200);
    const { dryRun: _dryRun, ...setup } = { dryRun: undefined, ...body };
    return c.json(
      await saveChange(c, reason, (id, change) =>
        c.var.deps.paddock.changeSetup(id, compact(setup) as SetupChange, change),
      ),
      200,
    );
  },
);

/** The route's season, refused with 412 when If-Match names another version (for checks that write nothing). */
async function openAtExpectedVersion(c: AppContext) {
  const sv = orThrow(await c.var.deps.paddock.open(c.req.param('season') ?? ''));
  const expected = expectedVersion(c.req.header('if-match'));
  if (expected !== undefined && expected !== sv.version)
    throw new HttpProblem(
      [
        {
          code: 'season.conflict',
          path: ['if-match'],
          message: `the season is at version ${sv.version}, not ${expected}`,
        },
      ],
      412,
    );
  return sv;
}

/** A pasted entry list's plan from the season as it is (If-Match checked), nothing written. */
async function entryListPlan(c: AppContext, text: string): Promise<z.infer<typeof S.EntryListPlanSchema>> {
  const sv = await openAtExpectedVersion(c);
  const plan = planEntryList(sv.loaded.season, text);
  return {
    season: sv.loaded.season.id,
    version: sv.version ?? null,
    dryRun: true,
    valid: plan.issues.length === 0,
    entries: plan.entries.map((e) => ({
      line: e.line,
      id: e.id,
      car: e.car,
      drivers: e.drivers.map((d) => ({ id: d.id, name: d.name, new: d.new })),
      team: { id: e.team.id, name: e.team.name, new: e.team.new },
      class: e.classId,
      rounds: e.rounds,
      eligible: e.eligible,
    })),
    // The people of the lines planned (a line with a problem adds nobody).
    newDrivers: [
      ...new Map(
        plan.entries.flatMap((e) =>
          e.drivers.filter((d) => d.new).map((d) => [d.id, { id: d.id, name: d.name }]),
        ),
      ).values(),
    ],
    newTeams: [
      ...new Map(
        plan.entries.filter((e) => e.team.new).map((e) => [e.team.id, { id: e.team.id, name: e.team.name }]),
      ).values(),
    ],
    problems: plan.issues.map((i) => {
      const m = /^line (\d+): ([\s\S]*)$/.exec(i.message);
      return {
        line: m ? Number(m[1]) : null,
        code: i.code,
        message: m ? m[2]! : i.message,
        ...(i.hint ? { hint: i.hint } : {}),
      };
    }),
  };
}

// ---- roles of a series ---------------------------------------------------------------------------

const seriesParams = z.object({ series: z.string().openapi({ description: 'Series id' }) });

apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/series/{series}/roles',
    summary: 'Who holds which role in a series',
    description: 'Includes roles held in every series ("*"). Needs roles (organiser).',
    tags: ['Roles'],
    security,
    middleware: [guard('roles')] as const,
    request: { params: seriesParams },
    responses: { 200: json(z.array(S.SeriesRoleSchema), 'Roles'), ...WRITE_ERRORS },
  }),
  async (c) => c.json(await c.var.deps.paddock.listSeriesRoles(c.req.valid('param').series), 200),
);

apiRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/series/{series}/roles/{email}',
    summary: "Give an account a role in the series, or take it away ('none')",
    description: 'Needs roles (organiser of the series).',
    tags: ['Roles'],
    security,
    middleware: [guard('roles')] as const,
    request: {
      params: seriesParams.extend({ email: z.string().max(320).openapi({ description: 'The account' }) }),
      body: { required: true, content: { 'application/json': { schema: S.RoleBodySchema } } },
    },
    responses: { 200: json(S.RoleResultSchema, 'The role now held'), ...WRITE_ERRORS },
  }),
  async (c) => {
    const { series, email } = c.req.valid('param');
    const set = orThrow(await c.var.deps.paddock.setSeriesRole(email, series, c.req.valid('json').role));
    return c.json(set, 200);
  },
);

// ---- the description ----------------------------------------------------------------------------

apiRoutes.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'An API token from `paddock token create` or /account/tokens',
});

/** The OpenAPI 3.1 document, generated from the routes' schemas. */
export const openApiDocument = () => {
  const doc = apiRoutes.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Paddock API',
      version: '1.0.0',
      description:
        'Series, seasons, events, entries, results, standings and their explanations, every point explained; and writes (results, awards, result states, penalties, rulebook, revert, results uploads, roles) with an API token.',
    },
    servers: [{ url: '/api/v1' }],
  });
  // The live stream is served by src/server/routes/live.tsx, which describes itself.
  return {
    ...doc,
    paths: { ...doc.paths, ...LIVE_PATHS },
    components: { ...doc.components, schemas: { ...doc.components?.schemas, ...LIVE_SCHEMAS } },
  };
};

let document: ReturnType<typeof openApiDocument> | undefined;
const documentOnce = () => (document ??= openApiDocument());

apiRoutes.get('/openapi.json', (c) => c.json(documentOnce()));
apiRoutes.get('/reference', (c) => c.html(referencePage(documentOnce())));
