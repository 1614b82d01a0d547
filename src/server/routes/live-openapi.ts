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
};
