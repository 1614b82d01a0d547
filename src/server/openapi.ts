/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
import { LIVE_PATHS, LIVE_SCHEMAS } from './routes/live-openapi.js';

const season = {
  name: 'season',
  in: 'path',
  required: true,
  description: 'Season id or alias (2024-pccna)',
  schema: { type: 'string' },
};
const championship = {
  name: 'championship',
  in: 'query',
  required: false,
  description: 'Only this championship',
  schema: { type: 'string' },
};
const after = {
  name: 'after',
  in: 'query',
  required: false,
  description: 'Standings after this race number (default: the latest race with results)',
  schema: { type: 'integer', minimum: 1 },
};
const problem = {
  description: 'A problem: status, title and every issue (code, path, message, hint)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const ok = (description: string, schema: object = { type: 'object' }) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
  content: { 'application/json': { schema } },
});
const get = (summary: string, parameters: object[], response: object) => ({
  get: {
    summary,
    parameters,
    responses: {
      200: response,
      304: { description: 'Not modified (If-None-Match matched the ETag)' },
      400: problem,
      404: problem,
    },
  },
});

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Paddock API',
    version: '1.0.0',
    description:
      'Series, seasons, events, entries, results, standings and their explanations. Read-only; every point explained.',
  },
  servers: [{ url: '/api/v1' }],
  paths: {
    '/series': get(
      'List the series and their seasons',
      [],
      ok('Series', { type: 'array', items: { $ref: '#/components/schemas/Series' } }),
    ),
    '/series/{series}': get(
      'One series with its seasons',
      [{ name: 'series', in: 'path', required: true, schema: { type: 'string' } }],
      ok('A series', { $ref: '#/components/schemas/Series' }),
    ),
    '/seasons': get(
      'List the seasons',
      [],
      ok('Seasons', { type: 'array', items: { $ref: '#/components/schemas/SeasonSummary' } }),
    ),
    '/seasons/{season}': get('A season: classes, championships, version', [season], ok('A season')),
    '/seasons/{season}/events': get(
      "The calendar with each event's sessions",
      [season],
      ok('Events', { type: 'array' }),
    ),
    '/seasons/{season}/events/{event}': get(
      'One event with its sessions and results',
      [season, { name: 'event', in: 'path', required: true, schema: { type: 'string' } }],
      ok('An event'),
    ),
    '/seasons/{season}/entries': get('The entry list with names', [season], ok('Entries', { type: 'array' })),
    '/seasons/{season}/results': get(
      'Every classification (the results JSON document)',
      [season],
      ok('Results document'),
    ),
    '/seasons/{season}/results/{session}': get(
      "One session's classification",
      [season, { name: 'session', in: 'path', required: true, schema: { type: 'string' } }],
      ok('Session results'),
    ),
    '/seasons/{season}/standings': get(
      'Standings: exactly the document `paddock standings --json` prints',
      [season, championship, after],
      ok('Standings document', { $ref: '#/components/schemas/Standings' }),
    ),
    '/seasons/{season}/explanations/{competitor}': get(
      "How a competitor's total is made: counted and dropped contributions, tie-breaks",
      [
        season,
        {
          name: 'competitor',
          in: 'path',
          required: true,
          description: 'Competitor id or name',
          schema: { type: 'string' },
        },
        championship,
        after,
      ],
      ok('Explanations, one per championship', { type: 'array' }),
    ),
    ...LIVE_PATHS,
  },
  components: {
    schemas: {
      ...LIVE_SCHEMAS,
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'issues'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          issues: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'path', 'message'],
              properties: {
                code: { type: 'string' },
                path: { type: 'array' },
                message: { type: 'string' },
                hint: { type: 'string' },
              },
            },
          },
        },
      },
      Series: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          seasons: { type: 'array', items: { type: 'string' } },
        },
      },
      SeasonSummary: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          year: { type: 'integer' },
          series: { type: 'string' },
          aliases: { type: 'array', items: { type: 'string' } },
          version: { type: 'integer' },
        },
      },
      Standings: {
        type: 'object',
        description:
          'See docs/json.md. points are numbers rounded to 2 decimals when fractional; pointsExact is exact ("57/7").',
        properties: {
          season: { type: 'object' },
          afterRace: { type: 'integer' },
          championships: { type: 'array' },
        },
      },
    },
  },
} as const;
