/** The files of a season folder, as zod schemas (docs/season-format.md). */
import { z } from 'zod';
import { isTimeOfDay, isTimeZone } from './calendar-values.js';
import { STATUSES } from '../engine/index.js';
import type { Adjustment } from '../engine/index.js';
import { fileObject, producing } from './file-codec.js';
import { deductionSchema, fractionSchema } from './fraction-schema.js';
import { isCalendarDate, isCountryCode } from './calendar-values.js';
import { brandingSchema } from './branding.js';

export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case slugs such as "loek-hartog"');
/** A calendar date written yyyy-mm-dd: 2025-17-05 and 2025-02-30 are refused, not rolled over. */
const isoDate = z.string().refine(isCalendarDate, 'dates are real calendar dates written yyyy-mm-dd');
const timeZone = z
  .string()
  .refine(isTimeZone, 'timezone is an IANA time zone name such as Europe/London or America/New_York');
const timeOfDay = z.string().refine(isTimeOfDay, 'time is a local time of day written hh:mm (14:05)');
const country = z
  .string()
  .refine(isCountryCode, 'nationality is an ISO 3166-1 alpha-2 code such as US, GB or NL');

export const sessionSchema = z
  .object({
    id: slug,
    type: z.string().min(1),
    race: z.number().int().positive().optional(),
    name: z.string().min(1),
    scheduled_laps: z.number().int().positive().optional(),
    distance_share: fractionSchema.optional(),
    points_factor: fractionSchema.optional(),
    points_scale: z.string().optional(),
    // When the session runs: a local date and time at the circuit, in the event's time zone.
    date: isoDate.optional(),
    time: timeOfDay.optional(),
    duration_minutes: z.number().int().positive().optional(),
    note: z.string().optional(),
  })
  .strict();

export const eventSchema = z
  .object({
    id: slug,
    round: z.number().int().positive(),
    name: z.string().min(1),
    circuit: z.string().min(1),
    city: z.string().optional(),
    country: country.optional(),
    start: isoDate.optional(),
    end: isoDate.optional(),
    timezone: timeZone.optional(),
    tags: z.array(z.string()).default([]),
    sessions: z.array(sessionSchema).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    // A session's start time is a local time: it means something only with the event's time zone
    // and a day (its own date, else the event's first day), inside the event's days.
    e.sessions.forEach((s, i) => {
      if (s.time !== undefined && e.timezone === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'time'],
          message: `session "${s.id}" has a start time but event "${e.id}" has no timezone (such as Europe/London)`,
        });
      if (s.time !== undefined && s.date === undefined && e.start === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'time'],
          message: `session "${s.id}" has a start time but no date, and event "${e.id}" has no start date`,
        });
      if (s.date !== undefined && e.start !== undefined && (s.date < e.start || s.date > (e.end ?? e.start)))
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'date'],
          message: `session "${s.id}" is on ${s.date}, outside event "${e.id}" (${e.start}${e.end && e.end !== e.start ? ` to ${e.end}` : ''})`,
        });
    });
  });

const url = z.string().regex(/^https?:\/\/\S+$/, 'a link starting with http:// or https://');

/** A source whose credit is shown with the data (docs/season-format.md). */
export const sourceSchema = z
  .object({
    name: z.string().min(1),
    url: url.optional(),
    licence: z.string().min(1).optional(),
    licence_url: url.optional(),
    version: z.string().min(1).optional(),
    credit: z.string().min(1),
  })
  .strict();

export const seasonFileSchema = z
  .object({
    id: slug,
    aliases: z.array(z.string()).default([]),
    name: z.string().min(1),
    year: z.number().int(),
    series: z.object({ id: slug, name: z.string().min(1) }).strict(),
    rulebook: z.string().default('rulebook.yaml'),
    classes: z.array(z.object({ id: slug, name: z.string().min(1) }).strict()).default([]),
    events: z.array(eventSchema),
    notes: z.array(z.string()).default([]),
    sources: z.array(sourceSchema).optional(),
    branding: brandingSchema.optional(),
  })
  .strict();

const text = z.string();
const optionalText = z.string().optional();
const bool = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v !== 'false');
const int = z.string().regex(/^\d+$/, 'a whole number').transform(Number).optional();

export const driverRowSchema = z.object({ id: slug, name: text, nationality: country.optional() });
export const teamRowSchema = z.object({ id: slug, name: text, nationality: country.optional() });
export const entryRowSchema = z.object({
  id: slug,
  car: text,
  team: slug,
  drivers: text,
  class: slug,
  rounds: z.string().regex(/^(all|\d+(-\d+)?(;\d+(-\d+)?)*)$/i, 'rounds are "all" or a list such as 1-4;6-8'),
  eligible: bool,
  nominated: z.enum(['true', 'false']).optional(),
  // false: the entry's drivers score no drivers' points; the car still scores for its team and owner.
  driver_points: z.enum(['true', 'false']).optional(),
  entrant: optionalText,
  engine: optionalText,
  tyres: optionalText,
  note: optionalText,
});
export const resultRowSchema = z.object({
  position: int,
  entry: slug,
  drivers: optionalText,
  status: z.enum(STATUSES as [string, ...string[]], { message: `status is one of ${STATUSES.join(', ')}` }),
  laps: int,
  laps_led: int,
  /** Sim racing: true when the driver left the server (the status stays what the results say). */
  disconnected: z.enum(['true', 'false'], { message: 'disconnected is true, false or empty' }).optional(),
  time: optionalText,
  best_lap: optionalText,
  grid: int,
  note: optionalText,
});
export const awardRowSchema = z.object({
  session: slug,
  award: z.enum(['pole', 'fastest-lap']),
  scope: z.string().min(1),
  entry: slug,
  driver: slug.optional(),
  note: optionalText,
});
export const publishedRowSchema = z.object({
  championship: slug,
  after_race: z.string().regex(/^\d+$/, 'a race number').transform(Number),
  position: z.string().optional(),
  competitor: slug,
  points: z.string().optional(),
  note: optionalText,
});

const competitor = { driver: slug.optional(), team: slug.optional() };
type Of<K extends Adjustment['kind']> = Extract<Adjustment, { kind: K }>;
/** adjustments.yaml: stewarding decisions, each producing the engine's adjustment (file-codec.ts). */
export const adjustmentSchema = z.discriminatedUnion('kind', [
  producing<Of<'points-deduction'>>()(
    fileObject({
      kind: z.literal('points-deduction'),
      championship: slug.optional(),
      ...competitor,
      points: deductionSchema,
      session: slug.optional(),
      reason: z.string().min(1),
    }),
  ),
  producing<Of<'exclusion'>>()(
    fileObject({
      kind: z.literal('exclusion'),
      championship: slug.optional(),
      ...competitor,
      session: slug.optional(),
      applies: z.enum(['final', 'always']).optional(),
      reason: z.string().min(1),
    }),
  ),
  producing<Of<'results-withheld'>>()(
    fileObject({
      kind: z.literal('results-withheld'),
      championship: slug.optional(),
      ...competitor,
      session: slug,
      reason: z.string().min(1),
    }),
  ),
  // Penalties change a session's classification before scoring (src/engine/penalties.ts).
  producing<Of<'time-penalty'>>()(
    fileObject({
      kind: z.literal('time-penalty'),
      session: slug,
      entry: slug,
      seconds: fractionSchema.refine((f) => f.num > 0n, 'seconds is a positive number such as 5 or 2.5'),
      reason: z.string().min(1),
    }),
  ),
  producing<Of<'places-penalty'>>()(
    fileObject({
      kind: z.literal('places-penalty'),
      session: slug,
      entry: slug,
      places: z.number().int().positive({ message: 'places is a whole number above 0' }),
      reason: z.string().min(1),
    }),
  ),
  producing<Of<'disqualification'>>()(
    fileObject({
      kind: z.literal('disqualification'),
      session: slug,
      entry: slug,
      reason: z.string().min(1),
    }),
  ),
]);
export const adjustmentsFileSchema = z
  .array(adjustmentSchema)
  .nullable()
  .transform((v): Adjustment[] => v ?? []);

/**
 * Parses "all", "1-4;6-8" or "5" into round numbers (all: every round given). A range yields the
 * calendar's rounds inside it and its own ends, so "1-300000000" costs the size of the calendar
 * and its end is still reported as a round the calendar does not have.
 */
export function parseRounds(text: string, allRounds: readonly number[]): number[] {
  if (text.toLowerCase() === 'all') return [...allRounds];
  return text.split(';').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    const from = a!;
    const to = b ?? from;
    const inside = allRounds.filter((r) => r >= from && r <= to);
    const ends = [from, to].filter((r, i, both) => both.indexOf(r) === i && !allRounds.includes(r));
    return [...inside, ...ends].sort((x, y) => x - y);
  });
}

/** Writes round numbers back as "all" or "1-4;6-8". */
export function formatRounds(rounds: readonly number[], allRounds: readonly number[]): string {
  const sorted = [...new Set(rounds)].sort((x, y) => x - y);
  if (
    sorted.length === allRounds.length &&
    sorted.every((r, i) => r === [...allRounds].sort((x, y) => x - y)[i])
  )
    return 'all';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(';');
}
