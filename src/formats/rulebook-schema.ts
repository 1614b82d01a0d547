/**
 * The rulebook file (YAML). Keys are snake_case for people; the engine's types are camelCase, and
 * the one codec in file-codec.ts converts between them. Every default is stated here, so a short
 * rulebook is still complete. See docs/rulebook.md.
 */
import { z } from 'zod';
import type { Championship, ChampionshipOverride, Rulebook, Scale } from '../engine/index.js';
import { compact } from './compact.js';
import { fileObject, producing } from './file-codec.js';
import { fractionSchema } from './fraction-schema.js';
import {
  bonusSchemas,
  conditionSchema,
  dropSchemas,
  kindUnion,
  multiplierSchemas,
  sharedDriveSchemas,
  teamScoringSchemas,
  tieBreakSchemas,
} from './rulebook-kinds.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case slugs such as "pro-am"');

/**
 * A scale: its points by place, or those with a continuation past the last listed place
 * (`{ points: [...], then: { step: -3 } }`).
 */
const scaleSchema = z.union([
  z.array(fractionSchema).transform((points): Scale => ({ points })),
  producing<Scale>()(
    fileObject({
      points: z.array(fractionSchema),
      then: producing<NonNullable<Scale['then']>>()(
        fileObject({ step: fractionSchema, min: fractionSchema.optional() }),
      ).optional(),
      note: z.string().optional(),
    }),
  ),
]);

/** Fields of a championship that differ at chosen sessions or events (docs/rulebook.md). */
const overrideSchema = producing<ChampionshipOverride>()(
  fileObject({
    sessions: z.array(id).optional(),
    event_tags: z.array(z.string()).optional(),
    basis: z.enum(['overall', 'class']).optional(),
    ineligible: z.enum(['remove', 'keep']).optional(),
    points: z.record(z.string(), z.string()).optional(),
  }),
);

const championshipFields = {
  id,
  name: z.string().min(1),
  description: z.string().optional(),
  assumptions: z.array(z.string()).optional(),
  competitor: z.enum(['driver', 'team', 'entry']).default('driver'),
  scope: fileObject({
    classes: z.array(id).optional(),
    event_tags: z.array(z.string()).optional(),
    exclude_event_tags: z.array(z.string()).optional(),
  }).default({}),
  basis: z.enum(['overall', 'class']).default('overall'),
  ineligible: z.enum(['remove', 'keep']).default('keep'),
  points: z.record(z.string(), z.string()),
  bonuses: z.array(kindUnion(bonusSchemas)).default([]),
  multipliers: z.array(kindUnion(multiplierSchemas)).default([]),
  drops: z.array(kindUnion(dropSchemas)).default([]),
  shared_drives: kindUnion(sharedDriveSchemas).default({ kind: 'full' }),
  team_scoring: kindUnion(teamScoringSchemas).default({ kind: 'all-cars' }),
  tie_breaks: z.array(kindUnion(tieBreakSchemas)).default([{ kind: 'countback', places: 'all' }]),
  listed: z.enum(['scored', 'classified', 'started', 'entered']).default('started'),
  requires: conditionSchema.optional(),
  unmet: z.enum(['keep-place', 'move-up']).optional(),
  non_starters: fileObject({ share: fractionSchema }).optional(),
  class_changes: z.enum(['stay', 'follow-driver']).optional(),
  overrides: z.array(overrideSchema).optional(),
};

/** A championship as written in the file; its output is the engine's championship. */
export const championshipSchema = producing<Championship>()(fileObject(championshipFields));

/** A rulebook file; a season's rulebook that extends a preset may leave out its id and name. */
export const seasonRulebookSchema = z
  .object({
    id: id.optional(),
    name: z.string().min(1).optional(),
    series: z.string().optional(),
    seasons: z.string().optional(),
    source: z.string().optional(),
    // Where each season's rules were checked, keyed by season or span of seasons ("2004-2011",
    // "2014-15"): one citation or a list. Read by `paddock rulebook show`; not used for scoring.
    sources: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
    extends: z.string().optional(),
    scales: z.record(z.string(), scaleSchema).default({}),
    championships: z.array(z.unknown()).default([]),
    remove_championships: z.array(z.string()).optional(),
  })
  .strict();

/** A preset (or any rulebook read on its own) names itself. */
export const rulebookSchema = seasonRulebookSchema.extend({ id, name: z.string().min(1) });

export type RulebookFile = z.output<typeof seasonRulebookSchema>;

/** Builds the engine's rulebook from a validated file and its championships. */
export function toRulebook(
  file: RulebookFile & { readonly id: string; readonly name: string },
  championships: readonly Championship[],
): Rulebook {
  return compact({
    id: file.id,
    name: file.name,
    source: file.source,
    scales: file.scales,
    championships,
  });
}
