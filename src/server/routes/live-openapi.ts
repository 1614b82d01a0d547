/**
 * The OpenAPI description of the live and title-fight routes (src/server/routes/live.tsx and the
 * scenario routes), merged into /api/v1/openapi.json by src/server/openapi.ts: `LIVE_PATHS` into its
 * paths, `LIVE_SCHEMAS` into its component schemas (every JSON answer names one).
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
const json = (description: string, schema: string) => ({
  description,
  headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

const str = { type: 'string' };
const int = { type: 'integer' };
const num = { type: 'number' };
const bool = { type: 'boolean' };
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const obj = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const named = obj({ id: str, name: str });
/** Points as in the standings contract: rounded to 2 decimals, and the exact fraction. */
const points = obj({ value: num, exact: str });

/** Component schemas of the live document, the scenarios and the odds. */
export const LIVE_SCHEMAS = {
  LiveDocument: obj({
    seq: int,
    season: named,
    session: obj({ id: str, race: int, name: str }),
    flag: str,
    lapsToGo: nullable(int),
    finished: bool,
    order: {
      type: 'array',
      items: obj({
        position: nullable(int),
        car: nullable(str),
        entry: nullable(str),
        drivers: { type: 'array', items: str },
        class: nullable(str),
        status: str,
        laps: nullable(int),
        lapsLed: nullable(int),
        bestLapMs: nullable(int),
        fastestLap: bool,
      }),
    },
    unmatched: {
      type: 'array',
      items: obj({
        key: str,
        car: nullable(str),
        drivers: { type: 'array', items: str },
        reason: str,
        suggestions: { type: 'array', items: str },
      }),
    },
    championships: {
      type: 'array',
      items: obj({
        id: str,
        name: str,
        final: bool,
        rows: {
          type: 'array',
          items: obj({
            position: int,
            shared: bool,
            competitor: obj({ id: str, name: str, kind: str }),
            points: num,
            pointsExact: str,
            before: nullable(obj({ position: int, points: num, pointsExact: str })),
            change: nullable(int),
            gained: num,
            gainedExact: str,
          }),
        },
      }),
    },
  }),
  Scenarios: obj({
    season: named,
    afterRace: int,
    championships: {
      type: 'array',
      items: obj({
        id: str,
        name: str,
        competitorKind: str,
        afterRace: int,
        remaining: int,
        champion: nullable(named),
        table: {
          type: 'array',
          items: obj({
            position: nullable(int),
            competitor: named,
            points,
            maxPoints: points,
            minPoints: points,
            best: nullable(int),
            worst: nullable(int),
            worstExact: bool,
            worstBound: nullable(int),
            status: { type: 'string', enum: ['champion', 'clinched', 'contender', 'eliminated', 'excluded'] },
          }),
        },
        nextRace: {
          type: 'array',
          items: obj({
            competitor: named,
            session: obj({ id: str, name: str, race: nullable(int) }),
            conditions: { type: 'array', items: { type: 'object' } },
            text: str,
          }),
        },
        magic: nullable(obj({ competitor: named, rival: named, points })),
      }),
    },
  }),
  Odds: obj({
    season: named,
    afterRace: int,
    runs: int,
    seed: int,
    racesFitted: int,
    championships: {
      type: 'array',
      items: obj({
        id: str,
        name: str,
        afterRace: int,
        runs: int,
        competitors: {
          type: 'array',
          items: obj({
            competitor: named,
            titles: num,
            probability: num,
            error: {
              type: 'number',
              description: 'Standard error of the probability (binomial); 1.96 times it is the 95% error',
            },
            possible: {
              type: 'boolean',
              description: 'Whether the exact solver says the title can still be won',
            },
            status: str,
          }),
        },
      }),
    },
  }),
};

const notModified = { description: 'Not modified (If-None-Match matched the ETag)' };

export const LIVE_PATHS = {
  '/seasons/{season}/live': {
    get: {
      summary: 'Live standings of the race being followed, as server-sent events',
      description:
        'A text/event-stream: `event: standings`, `id:` the update sequence number, `data:` the live document ' +
        '(docs/live.md): the running order and every championship as if the race ended now, each row with ' +
        'its position and points before the race, places gained and points gained. A new client gets the ' +
        'latest document first, then `event: patch` with what changed (apply it to the document whose seq ' +
        'is its `base`; docs/live.md); a slow client skips to the newest whole document. ' +
        '`Accept: application/json` (without text/event-stream) answers the latest document once, or 404 ' +
        'when no race is being followed.',
      parameters: [seasonParam],
      responses: {
        200: {
          description: 'The stream (or, for application/json, the latest live document)',
          content: {
            'text/event-stream': { schema: { type: 'string' } },
            'application/json': { schema: ref('LiveDocument') },
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
        200: json('Scenarios of each championship', 'Scenarios'),
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
      responses: {
        200: json('Odds of each championship', 'Odds'),
        304: notModified,
        400: problem,
        404: problem,
      },
    },
  },
};
