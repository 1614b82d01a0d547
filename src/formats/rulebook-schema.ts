/**
 * The rulebook file (YAML). Keys are snake_case for people; the engine's types are camelCase.
 * Every default is stated here, so a short rulebook is still complete. See docs/rulebook.md.
 */
import { z } from 'zod';
import { compact } from './compact.js';
import type { Championship, Rulebook } from '../engine/index.js';
import { fractionSchema } from './fraction-schema.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case slugs such as "pro-am"');
const count = z.number().int().nonnegative();

const condition = z
  .object({
    classified: z.boolean().optional(),
    top_n: z.number().int().positive().optional(),
    min_laps_share: fractionSchema.optional(),
  })
  .strict();

const bonusBase = {
  points: fractionSchema,
  requires: condition.optional(),
  first_race_of_event: z.boolean().optional(),
  session_types: z.array(z.string()).optional(),
};
const scoped = { scope: z.enum(['overall', 'class']).default('overall') };

const bonus = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pole'), ...bonusBase, ...scoped }).strict(),
  z.object({ kind: z.literal('fastest-lap'), ...bonusBase, ...scoped }).strict(),
  z.object({ kind: z.literal('lap-led'), ...bonusBase }).strict(),
  z.object({ kind: z.literal('most-laps-led'), ...bonusBase }).strict(),
]);

const multiplier = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('distance'),
      below: fractionSchema,
      factor: fractionSchema,
      include_bonuses: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('factor'),
      factor: fractionSchema,
      event_tags: z.array(z.string()).optional(),
      sessions: z.array(z.string()).optional(),
      include_bonuses: z.boolean().optional(),
    })
    .strict(),
]);

const dropBase = { include_bonuses: z.boolean().optional(), applies: z.enum(['final', 'always']).optional() };
const drop = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('best-results'), count, ...dropBase }).strict(),
  z
    .object({
      kind: z.literal('drop-lowest'),
      count,
      window: z.enum(['before-final-event', 'all']).default('all'),
      ...dropBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('split-season'),
      first_part_races: z.union([z.number().int().positive(), z.literal('half')]),
      odd_race: z.enum(['first-part', 'second-part']).optional(),
      first_part_best: count,
      second_part_best: count,
      ...dropBase,
    })
    .strict(),
  z.object({ kind: z.literal('drop-weeks'), count, ...dropBase }).strict(),
]);

const sharedDrives = z
  .object({ kind: z.enum(['divide', 'full', 'none']), best_share_only: z.boolean().optional() })
  .strict();
const teamScoring = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all-cars') }).strict(),
  z.object({ kind: z.literal('best-cars'), count: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('nominated') }).strict(),
]);
const tieBreak = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('countback'), places: z.enum(['all', 'scoring']).default('all') }).strict(),
  z.object({ kind: z.literal('latest-result') }).strict(),
]);

export const championshipSchema = z
  .object({
    id,
    name: z.string().min(1),
    description: z.string().optional(),
    assumptions: z.array(z.string()).optional(),
    competitor: z.enum(['driver', 'team', 'entry']).default('driver'),
    scope: z
      .object({
        classes: z.array(id).optional(),
        event_tags: z.array(z.string()).optional(),
        exclude_event_tags: z.array(z.string()).optional(),
      })
      .strict()
      .default({}),
    basis: z.enum(['overall', 'class']).default('overall'),
    ineligible: z.enum(['remove', 'keep']).default('keep'),
    points: z.record(z.string(), z.string()),
    bonuses: z.array(bonus).default([]),
    multipliers: z.array(multiplier).default([]),
    drops: z.array(drop).default([]),
    shared_drives: sharedDrives.default({ kind: 'full' }),
    team_scoring: teamScoring.default({ kind: 'all-cars' }),
    tie_breaks: z.array(tieBreak).default([{ kind: 'countback', places: 'all' }]),
    listed: z.enum(['scored', 'classified', 'started', 'entered']).default('started'),
  })
  .strict();

export const rulebookSchema = z
  .object({
    id,
    name: z.string().min(1),
    series: z.string().optional(),
    seasons: z.string().optional(),
    source: z.string().optional(),
    // Where each season's rules were checked, keyed by season or span of seasons ("2004-2011",
    // "2014-15"): one citation or a list. Read by `paddock rulebook show`; not used for scoring.
    sources: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
    extends: z.string().optional(),
    scales: z.record(z.string(), z.array(fractionSchema)).default({}),
    championships: z.array(z.unknown()).default([]),
    remove_championships: z.array(z.string()).optional(),
  })
  .strict();

export type RulebookFile = z.output<typeof rulebookSchema>;
export type ChampionshipFile = z.output<typeof championshipSchema>;

/** Converts a validated championship from its file shape to the engine's. */
export function toChampionship(c: ChampionshipFile): Championship {
  return compact({
    id: c.id,
    name: c.name,
    description: c.description,
    assumptions: c.assumptions,
    competitor: c.competitor,
    scope: compact({
      classes: c.scope.classes,
      eventTags: c.scope.event_tags,
      excludeEventTags: c.scope.exclude_event_tags,
    }),
    basis: c.basis,
    ineligible: c.ineligible,
    points: c.points,
    bonuses: c.bonuses.map((b) =>
      compact({
        ...b,
        requires:
          b.requires &&
          compact({
            classified: b.requires.classified,
            topN: b.requires.top_n,
            minLapsShare: b.requires.min_laps_share,
          }),
        first_race_of_event: undefined,
        firstRaceOfEvent: b.first_race_of_event,
        session_types: undefined,
        sessionTypes: b.session_types,
      }),
    ),
    multipliers: c.multipliers.map((m) =>
      compact({
        ...m,
        include_bonuses: undefined,
        includeBonuses: m.include_bonuses,
        event_tags: undefined,
        eventTags: 'event_tags' in m ? m.event_tags : undefined,
      }),
    ),
    drops: c.drops.map((d) =>
      compact({
        ...d,
        include_bonuses: undefined,
        includeBonuses: d.include_bonuses,
        ...(d.kind === 'split-season'
          ? {
              first_part_races: undefined,
              odd_race: undefined,
              first_part_best: undefined,
              second_part_best: undefined,
              firstPartRaces: d.first_part_races,
              oddRace: d.odd_race,
              firstPartBest: d.first_part_best,
              secondPartBest: d.second_part_best,
            }
          : {}),
      }),
    ) as Championship['drops'],
    sharedDrives: compact({ kind: c.shared_drives.kind, bestShareOnly: c.shared_drives.best_share_only }),
    teamScoring: c.team_scoring,
    tieBreaks: c.tie_breaks,
    listed: c.listed,
  });
}

/** Builds the engine's rulebook from a validated file and its championships. */
export function toRulebook(file: RulebookFile, championships: readonly ChampionshipFile[]): Rulebook {
  return compact({
    id: file.id,
    name: file.name,
    source: file.source,
    scales: Object.fromEntries(Object.entries(file.scales).map(([k, points]) => [k, { points }])),
    championships: championships.map(toChampionship),
  });
}
