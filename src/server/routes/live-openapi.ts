/**
 * The OpenAPI description of the live and title-fight routes (src/server/routes/live.tsx and the
 * scenario routes), merged into /api/v1/openapi.json by src/server/openapi.ts.
 */
const seasonParam = {
  name: 'season',
  in: 'path',
  required: true,
  description: 'Season id or alias (2024-pccna)',
  schema: { type: 'string' },
};
const problem = {
  description: 'A problem: status, title and every issue (code, path, message, hint)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const championshipParam = {
  name: 'championship',
  in: 'query',
  required: false,
  description: 'Only this championship',
  schema: { type: 'string' },
};
const afterParam = {
  name: 'after',
  in: 'query',
  required: false,
  description: 'As after this race number (default: the latest race with results)',
  schema: { type: 'integer', minimum: 1 },
};
const json = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
  content: { 'application/json': { schema: { type: 'object' } } },
});
const notModified = { description: 'Not modified (If-None-Match matched the ETag)' };

export const LIVE_PATHS = {
  '/seasons/{season}/live': {
    get: {
      summary: 'Live standings of the race being followed, as server-sent events',
      description:
        'A text/event-stream: `event: standings`, `id:` the update sequence number, `data:` the live document ' +
        '(docs/live.md): the running order and every championship as if the race ended now, each row with ' +
        'its position and points before the race, places gained and points gained. A new client gets the ' +
        'latest document first; a slow client skips to the newest. `Accept: application/json` (without ' +
        'text/event-stream) answers the latest document once, or 404 when no race is being followed.',
      parameters: [seasonParam],
      responses: {
        200: {
          description: 'The stream (or, for application/json, the latest live document)',
          content: {
            'text/event-stream': { schema: { type: 'string' } },
            'application/json': { schema: { type: 'object' } },
          },
        },
        404: problem,
      },
    },
  },
  '/seasons/{season}/scenarios': {
    get: {
      summary:
        'Title scenarios: clinched, contender or eliminated, best and worst final position, next race, magic number',
      description: 'Exactly what `paddock scenarios --json` prints (docs/scenarios.md).',
      parameters: [seasonParam, championshipParam, afterParam],
      responses: {
        200: json('Scenarios of each championship'),
        304: notModified,
        400: problem,
        404: problem,
      },
    },
  },
  '/seasons/{season}/odds': {
    get: {
      summary: 'Title odds by Monte Carlo, each with its simulation error; seeded',
      description:
        'Exactly what `paddock odds --json` prints (docs/scenarios.md): per championship the competitors with a chance, ' +
        'titles won in the runs, probability, its standard error, and whether the exact solver says the title is possible.',
      parameters: [
        seasonParam,
        championshipParam,
        afterParam,
        {
          name: 'runs',
          in: 'query',
          required: false,
          description: 'Simulated seasons (default 10,000)',
          schema: { type: 'integer', minimum: 1, maximum: 100000 },
        },
        {
          name: 'seed',
          in: 'query',
          required: false,
          description: 'Seed of the generator (default 1)',
          schema: { type: 'integer' },
        },
      ],
      responses: { 200: json('Odds of each championship'), 304: notModified, 400: problem, 404: problem },
    },
  },
};
