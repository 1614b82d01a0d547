/**
 * The zod schemas of the JSON API: what requests must be (checked before a handler runs) and what
 * responses are (the same documents `paddock ... --json` prints). The OpenAPI document at
 * /api/v1/openapi.json is generated from these (@hono/zod-openapi), and a test checks every
 * response the API gives in its tests against them, so the description cannot drift from the code.
 */
import { z } from '@hono/zod-openapi';
import { PENALTY_KINDS, SERIES_ROLES } from '../app/index.js';
import { STATUSES } from '../engine/index.js';
import type { Status } from '../engine/index.js';
import type { PenaltyKind, SeriesRole } from '../app/index.js';

const id = (description: string) => z.string().openapi({ description });
const named = z.object({ id: z.string(), name: z.string() });

// ---- problems ----------------------------------------------------------------------------------

export const IssueSchema = z
  .object({
    code: z.string().openapi({ example: 'season.unknown' }),
    path: z.array(z.union([z.string(), z.number()])),
    message: z.string(),
    hint: z.string().optional(),
    location: z
      .object({ file: z.string().optional(), line: z.number().optional(), column: z.number().optional() })
      .optional(),
  })
  .openapi('Issue');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    issues: z.array(IssueSchema),
  })
  .openapi('Problem', {
    description: 'A problem (RFC 9457 shape) listing every issue: code, path, message, hint',
  });

// ---- reads ---------------------------------------------------------------------------------------

export const SeriesSchema = z
  .object({ id: z.string(), name: z.string(), seasons: z.array(z.string()) })
  .openapi('Series');

export const SeasonSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number().int().optional(),
    series: z.string().optional(),
    aliases: z.array(z.string()),
    version: z.number().int().optional().openapi({
      description: 'The current revision (send it as If-Match to write); absent for a season read from files',
    }),
  })
  .openapi('SeasonSummary');

export const SeasonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    year: z.number().int(),
    series: named,
    aliases: z.array(z.string()),
    version: z.number().int(),
    classes: z.array(named),
    championships: z.array(
      z.object({ id: z.string(), name: z.string(), competitor: z.enum(['driver', 'team', 'entry']) }),
    ),
    rulebook: z.object({ id: z.string(), name: z.string(), source: z.string().optional() }),
    notes: z.array(z.string()),
  })
  .openapi('Season');

const SessionRefSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  race: z.number().int().nullable(),
  state: z.string().nullable(),
  date: z.string().optional().openapi({ description: "Local date (yyyy-mm-dd) in the event's timezone" }),
  time: z.string().optional().openapi({ description: "Local start time (hh:mm) in the event's timezone" }),
  durationMinutes: z.number().int().optional(),
});

export const EventSchema = z
  .object({
    id: z.string(),
    round: z.number().int(),
    name: z.string(),
    circuit: z.string(),
    city: z.string().optional(),
    country: z.string().optional(),
    start: z.string().optional(),
    end: z.string().optional(),
    timezone: z.string().optional().openapi({ description: 'IANA time zone of the circuit (Europe/London)' }),
    tags: z.array(z.string()),
    sessions: z.array(SessionRefSchema),
  })
  .openapi('Event');

export const EntrySchema = z
  .object({
    id: z.string(),
    car: z.string(),
    class: z.string(),
    team: named,
    drivers: z.array(named),
    events: z.array(z.string()),
    eligible: z.boolean(),
    driverPoints: z.boolean().openapi({
      description:
        "false when the car's drivers score no drivers' points (entries.csv driver_points: false; NASCAR from 2011): it scores in team and owners' tables only",
    }),
  })
  .openapi('Entry');

export const ResultRowSchema = z
  .object({
    position: z.number().int().nullable(),
    classPosition: z.number().int().nullable(),
    positionBeforePenalties: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The position in the results as entered, when a penalty changed it' }),
    entry: z.string(),
    car: z.string().nullable(),
    team: named.nullable(),
    class: z.string().nullable(),
    drivers: z.array(named),
    status: z.string(),
    laps: z.number().int().nullable(),
    lapsLed: z.number().int().nullable(),
    time: z.string().nullable(),
  })
  .openapi('ResultRow');

export const PenaltySchema = z
  .object({
    entry: z.string(),
    kind: z.enum(['time-penalty', 'places-penalty', 'disqualification']),
    seconds: z.string().nullable().openapi({ description: 'Seconds added, exact as a decimal ("5", "2.5")' }),
    places: z.number().int().nullable(),
    description: z.string(),
    decision: z.string(),
    positionBefore: z.number().int().nullable(),
    positionAfter: z.number().int().nullable(),
  })
  .openapi('Penalty');

export const SessionResultsSchema = z
  .object({
    session: z.string(),
    race: z.number().int().nullable(),
    event: z.string(),
    name: z.string(),
    state: z.string().nullable(),
    results: z.array(ResultRowSchema),
    penalties: z.array(PenaltySchema),
    awards: z.array(z.object({ award: z.string(), scope: z.string(), entry: z.string() })),
  })
  .openapi('SessionResults');

export const SessionResultsWithDecisionSchema = SessionResultsSchema.extend({
  decision: z.string().nullable().openapi({ description: 'The decision that amended a final result' }),
}).openapi('SessionResultsWithDecision');

export const ResultsSchema = z
  .object({ season: named, sessions: z.array(SessionResultsSchema) })
  .openapi('Results');

export const EventWithResultsSchema = EventSchema.extend({ results: z.array(SessionResultsSchema) }).openapi(
  'EventWithResults',
);

export const ContributionSchema = z
  .object({
    race: z.number().int().nullable(),
    session: z.string().nullable(),
    event: z.string().nullable(),
    kind: z.string().openapi({ description: 'result, bonus or adjustment' }),
    rule: z.string(),
    description: z.string(),
    points: z.number().openapi({ description: 'Rounded to 2 decimals when fractional' }),
    pointsExact: z.string().openapi({ example: '57/7' }),
    reason: z.string().optional().openapi({ description: 'Why it does not count' }),
  })
  .openapi('Contribution');

const TieBreakSchema = z.object({ rule: z.string(), detail: z.string() });

export const StandingsSchema = z
  .object({
    season: named,
    afterRace: z.number().int(),
    championships: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        final: z.boolean(),
        standings: z.array(
          z.object({
            position: z.number().int(),
            shared: z.boolean(),
            competitor: named,
            points: z.number(),
            pointsExact: z.string(),
            counted: z.array(ContributionSchema),
            dropped: z.array(ContributionSchema),
            tieBreak: TieBreakSchema.nullable(),
          }),
        ),
        excluded: z.array(z.object({ competitor: named, pointsExact: z.string(), reason: z.string() })),
      }),
    ),
  })
  .openapi('Standings', { description: 'Exactly what `paddock standings --json` prints (docs/json.md)' });

export const ExplanationSchema = z
  .object({
    championship: named,
    afterRace: z.number().int(),
    position: z.number().int(),
    shared: z.boolean(),
    competitor: named,
    points: z.number(),
    pointsExact: z.string(),
    counted: z.array(ContributionSchema),
    notCounted: z.array(ContributionSchema),
    belowPrevious: TieBreakSchema.extend({ competitor: z.string() }).nullable(),
    aboveNext: TieBreakSchema.extend({ competitor: z.string() }).nullable(),
    excludedReason: z.string().nullable(),
  })
  .openapi('Explanation');

export const RulebookTextSchema = z
  .object({ season: z.string(), version: z.number().int(), path: z.string(), yaml: z.string() })
  .openapi('RulebookText');

export const RevisionSchema = z
  .object({
    version: z.number().int(),
    parentVersion: z.number().int().nullable(),
    at: z.string(),
    author: z.string(),
    action: z.string(),
    reason: z.string(),
    origin: z.string(),
  })
  .openapi('Revision');

export const HistorySchema = z
  .object({ season: z.string(), version: z.number().int(), revisions: z.array(RevisionSchema) })
  .openapi('History');

// ---- writes --------------------------------------------------------------------------------------

const reason = z
  .string()
  .trim()
  .min(1, 'give the reason for this change')
  .max(2000)
  .openapi({ description: 'Why: kept in the revision (and as the decision when a final result is amended)' });

export const ClassificationRowSchema = z
  .object({
    position: z.number().int().min(1).max(10_000).optional(),
    entry: z.string().min(1).max(200),
    drivers: z.array(z.string().min(1).max(200)).max(10).optional(),
    status: z.enum(STATUSES as [Status, ...Status[]]),
    laps: z.number().int().min(0).max(100_000).optional(),
    lapsLed: z.number().int().min(0).max(100_000).optional(),
    time: z.string().max(50).optional(),
    note: z.string().max(500).optional(),
  })
  .openapi('ClassificationRow');

export const ClassificationBodySchema = z
  .object({ rows: z.array(ClassificationRowSchema).max(500), reason })
  .openapi('ClassificationBody');

export const AwardsBodySchema = z
  .object({
    pole: z.string().max(200).optional().openapi({ description: 'Entry id; leave out to clear' }),
    fastestLap: z.string().max(200).optional().openapi({ description: 'Entry id; leave out to clear' }),
    reason,
  })
  .openapi('AwardsBody');

export const StateBodySchema = z
  .object({ state: z.enum(['provisional', 'final']), reason })
  .openapi('StateBody');

export const PenaltyBodySchema = z
  .object({
    penalty: z.enum(PENALTY_KINDS as [PenaltyKind, ...PenaltyKind[]]),
    entry: z.string().min(1).max(200),
    amount: z.string().max(50).optional().openapi({
      description:
        'Seconds (time), places (places) or points (points); none for disqualification or exclusion',
    }),
    championship: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'For points and exclusion: only this championship' }),
    reason,
  })
  .openapi('PenaltyBody');

export const RulebookBodySchema = z.object({ yaml: z.string().max(500_000), reason }).openapi('RulebookBody');

export const RevertBodySchema = z.object({ version: z.number().int().min(1), reason }).openapi('RevertBody');

export const RoleBodySchema = z
  .object({ role: z.enum(['organiser', 'steward', 'viewer', 'none']) })
  .openapi('RoleBody');

// ---- season setup (docs/organiser.md) ------------------------------------------------------------

const text = (max = 200) => z.string().max(max);
const iso = (description: string) => z.string().max(20).openapi({ description });

export const NewSeasonBodySchema = z
  .object({
    year: z.number().int().min(1894).max(2200),
    preset: text().openapi({
      description:
        'A preset id (GET /rulebooks lists none; `paddock rulebooks` does), a series with presets (f1: the one covering year), or the template sim-racing-league',
      example: 'sim-racing-league',
    }),
    classes: z
      .array(text())
      .max(50)
      .default([])
      .openapi({ description: 'Class names; none gives one class named after the series' }),
    name: text().optional(),
    id: text().optional().openapi({ description: 'Default <year>-<series id>' }),
    reason,
  })
  .openapi('NewSeasonBody');

const SessionBodySchema = z
  .object({
    type: text(40).openapi({ description: 'practice, qualifying, race or sprint' }),
    name: text().optional(),
    date: iso("yyyy-mm-dd, one of the event's days (default its first)").optional(),
    time: text(10).optional().openapi({ description: "Local start time hh:mm in the event's timezone" }),
    durationMinutes: z.number().int().positive().max(10_000).optional(),
  })
  .openapi('SessionBody');

export const SetupBodySchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('class'), name: text(), reason }),
    z.object({
      kind: z.literal('event'),
      name: text(),
      circuit: text(),
      city: text().optional(),
      country: text(8).optional(),
      start: iso('First day, yyyy-mm-dd'),
      end: iso('Last day, yyyy-mm-dd').optional(),
      timezone: text(80).optional().openapi({ description: 'IANA time zone of the circuit (Europe/London)' }),
      round: z.number().int().positive().optional(),
      sessions: z.array(SessionBodySchema).max(20),
      reason,
    }),
    z.object({
      kind: z.literal('event-times'),
      event: text().openapi({ description: 'Event id' }),
      timezone: text(80)
        .optional()
        .openapi({ description: 'IANA time zone of the circuit; absent clears it' }),
      sessions: z
        .array(SessionBodySchema.omit({ type: true, name: true }).extend({ id: text() }))
        .max(50)
        .openapi({ description: 'Each session given gets these values; a value left out is cleared' }),
      reason,
    }),
    z.object({ kind: z.literal('driver'), name: text(), nationality: text(8).optional(), reason }),
    z.object({ kind: z.literal('team'), name: text(), nationality: text(8).optional(), reason }),
    z.object({
      kind: z.literal('entry'),
      car: text(10),
      team: text().openapi({ description: 'Team id or name' }),
      drivers: z
        .array(text())
        .min(1)
        .max(10)
        .openapi({ description: 'Driver ids or names (several: a shared car)' }),
      class: text().openapi({ description: 'Class id or name' }),
      rounds: text().optional().openapi({ description: '"all" (default) or a list such as 1-4;6-8' }),
      eligible: z.boolean().optional().openapi({ description: 'false for a guest not eligible for points' }),
      note: text(500).optional(),
      reason,
    }),
    z.object({
      kind: z.literal('entry-change'),
      entry: text().openapi({ description: 'Entry id' }),
      fromRound: z.number().int().positive(),
      car: text(10).optional(),
      team: text().optional(),
      drivers: z.array(text()).max(10).optional(),
      reason,
    }),
    z.object({
      kind: z.literal('entry-list'),
      text: z
        .string()
        .max(200_000)
        .openapi({ description: 'One car a line: number, driver, team, class[, rounds][, guest]' }),
      dryRun: z.boolean().optional().openapi({
        description:
          'true: answer the plan (EntryListPlan: the entries, new drivers and teams, every problem with its line) and write nothing',
      }),
      reason,
    }),
    z.object({
      kind: z.literal('class-edit'),
      class: text().openapi({ description: 'Class id' }),
      name: text(),
      reason,
    }),
    z.object({ kind: z.literal('class-delete'), class: text().openapi({ description: 'Class id' }), reason }),
    z.object({
      kind: z.literal('driver-edit'),
      driver: text().openapi({ description: 'Driver id' }),
      name: text().optional(),
      nationality: text(8).optional().openapi({ description: 'ISO country code; empty clears it' }),
      reason,
    }),
    z.object({
      kind: z.literal('driver-delete'),
      driver: text().openapi({ description: 'Driver id' }),
      reason,
    }),
    z.object({
      kind: z.literal('team-edit'),
      team: text().openapi({ description: 'Team id' }),
      name: text().optional(),
      nationality: text(8).optional().openapi({ description: 'ISO country code; empty clears it' }),
      reason,
    }),
    z.object({ kind: z.literal('team-delete'), team: text().openapi({ description: 'Team id' }), reason }),
    z.object({
      kind: z.literal('event-edit'),
      event: text().openapi({ description: 'Event id' }),
      name: text().optional(),
      circuit: text().optional(),
      city: text().optional().openapi({ description: 'Empty clears it' }),
      country: text(8).optional().openapi({ description: 'Empty clears it' }),
      start: iso('First day, yyyy-mm-dd').optional(),
      end: iso('Last day, yyyy-mm-dd; empty: a one-day event').optional(),
      timezone: text(80).optional().openapi({ description: 'IANA time zone; empty clears it' }),
      removeSessions: z.array(text()).max(50).optional().openapi({
        description: 'Session ids to remove (refused while results, awards or penalties name them)',
      }),
      addSessions: z.array(SessionBodySchema).max(20).optional(),
      reason,
    }),
    z.object({ kind: z.literal('event-delete'), event: text().openapi({ description: 'Event id' }), reason }),
    z.object({
      kind: z.literal('entry-edit'),
      entry: text().openapi({ description: 'Entry id' }),
      car: text(10).optional(),
      team: text().optional().openapi({ description: 'Team id or name' }),
      drivers: z.array(text()).min(1).max(10).optional(),
      class: text().optional().openapi({ description: 'Class id or name' }),
      rounds: text().optional().openapi({ description: '"all" or a list such as 1-4;6-8' }),
      eligible: z.boolean().optional(),
      note: text(500).optional().openapi({ description: 'Empty clears it' }),
      reason,
    }),
    z.object({ kind: z.literal('entry-delete'), entry: text().openapi({ description: 'Entry id' }), reason }),
  ])
  .openapi('SetupBody', { description: "One change to a season's setup (docs/organiser.md)" });

export const SavedSchema = z
  .object({
    season: z.string(),
    version: z.number().int().openapi({ description: 'The new revision (also the ETag: "<version>")' }),
  })
  .openapi('Saved');

export const ImportReportSchema = z
  .object({
    season: z.string(),
    session: z.string(),
    dryRun: z.boolean(),
    version: z.number().int().nullable().openapi({ description: 'The new revision; null for a dry run' }),
    unchanged: z.boolean().openapi({ description: 'The file says what the season already has' }),
    rowsRead: z.number().int(),
    rows: z.number().int().openapi({ description: 'Classification rows after matching' }),
    added: z.array(z.string()).openapi({ description: 'Entries new to the classification' }),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
    state: z.string().nullable(),
    files: z.array(z.string()).openapi({ description: 'Season files the import writes' }),
  })
  .openapi('ImportReport');

const PlannedPerson = z.object({ id: z.string(), name: z.string(), new: z.boolean() });

export const EntryListPlanSchema = z
  .object({
    season: z.string(),
    version: z.number().int().nullable().openapi({ description: 'The version the plan was made from' }),
    dryRun: z.literal(true),
    valid: z
      .boolean()
      .openapi({ description: 'No problems: sent without dryRun, the list is added as it is' }),
    entries: z.array(
      z.object({
        line: z.number().int(),
        id: z.string(),
        car: z.string(),
        drivers: z.array(PlannedPerson),
        team: PlannedPerson,
        class: z.string(),
        rounds: z.string(),
        eligible: z.boolean(),
      }),
    ),
    newDrivers: z.array(z.object({ id: z.string(), name: z.string() })),
    newTeams: z.array(z.object({ id: z.string(), name: z.string() })),
    problems: z.array(
      z.object({
        line: z.number().int().nullable(),
        code: z.string(),
        message: z.string(),
        hint: z.string().optional(),
      }),
    ),
  })
  .openapi('EntryListPlan', { description: "A pasted entry list's plan, nothing written" });

export const SetupAnswerSchema = z
  .union([SavedSchema, EntryListPlanSchema])
  .openapi('SetupAnswer', { description: 'Saved; or, for an entry list with dryRun, its plan' });

export const SeriesRoleSchema = z
  .object({
    email: z.string(),
    series: z.string(),
    role: z.enum(SERIES_ROLES as [SeriesRole, ...SeriesRole[]]),
  })
  .openapi('SeriesRole');

export const params = {
  season: z.object({ season: id('Season id or alias (2024-pccna)') }),
  seasonSession: z.object({
    season: id('Season id or alias (2024-pccna)'),
    session: id('Session id (race-01)'),
  }),
};

export const RoleResultSchema = z
  .object({
    email: z.string(),
    series: z.string(),
    role: z.enum(['organiser', 'steward', 'viewer', 'none']),
  })
  .openapi('RoleResult');
