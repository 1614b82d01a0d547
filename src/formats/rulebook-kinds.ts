/**
 * The file schema of every rule kind, keyed by kind like the engine's registry
 * (src/engine/rules/registry.ts). Each entry must produce exactly the engine's rule of that kind, so
 * a kind added to the engine without a schema here, or a schema whose fields drift from the
 * engine's, fails to compile. Field names are converted by the one codec in file-codec.ts.
 */
import { z } from 'zod';
import type {
  BonusRule,
  Condition,
  DropRule,
  MultiplierRule,
  SharedDriveRule,
  TeamScoringRule,
  TieBreakRule,
} from '../engine/index.js';
import { fileObject, producing } from './file-codec.js';
import type { SameFields } from './file-codec.js';
import { fractionSchema } from './fraction-schema.js';

type Of<U extends { kind: string }, K extends U['kind']> = Extract<U, { kind: K }>;
/** One schema per kind of a family, each producing the engine's rule of that kind. */
type Schemas<U extends { kind: string }> = { readonly [K in U['kind']]: z.ZodType<Of<U, K>, unknown> };
/** Nothing for each schema with exactly the engine rule's fields, else the fields that differ. */
type Exactly<S, U extends { kind: string }> = {
  readonly [K in keyof S]: K extends U['kind'] ? SameFields<S[K], Of<U, K>> : never;
};
/** Checks a family's schemas against the engine's rules at compile time; returns them as given. */
const family =
  <U extends { kind: string }>() =>
  <S extends Schemas<U>>(schemas: S & Exactly<S, U>): Schemas<U> =>
    schemas;

const count = z.number().int().nonnegative();

export const conditionSchema = producing<Condition>()(
  fileObject({
    classified: z.boolean().optional(),
    top_n: z.number().int().positive().optional(),
    min_laps_share: fractionSchema.optional(),
    not_disconnected: z.boolean().optional(),
    session_types: z.array(z.string().min(1)).min(1).optional(),
  }),
);

const bonusBase = {
  points: fractionSchema,
  requires: conditionSchema.optional(),
  first_race_of_event: z.boolean().optional(),
  session_types: z.array(z.string()).optional(),
};
const scoped = { scope: z.enum(['overall', 'class']).default('overall') };
const tied = { tie: z.enum(['share', 'full', 'better-finisher']).optional() };

export const bonusSchemas = family<BonusRule>()({
  pole: fileObject({ kind: z.literal('pole'), ...bonusBase, ...scoped, ...tied }),
  'fastest-lap': fileObject({ kind: z.literal('fastest-lap'), ...bonusBase, ...scoped, ...tied }),
  'lap-led': fileObject({ kind: z.literal('lap-led'), ...bonusBase }),
  'most-laps-led': fileObject({ kind: z.literal('most-laps-led'), ...bonusBase, ...tied }),
});

export const multiplierSchemas = family<MultiplierRule>()({
  distance: fileObject({
    kind: z.literal('distance'),
    below: fractionSchema,
    factor: fractionSchema,
    include_bonuses: z.boolean().optional(),
  }),
  factor: fileObject({
    kind: z.literal('factor'),
    factor: fractionSchema,
    event_tags: z.array(z.string()).optional(),
    sessions: z.array(z.string()).optional(),
    include_bonuses: z.boolean().optional(),
  }),
});

const dropBase = { include_bonuses: z.boolean().optional(), applies: z.enum(['final', 'always']).optional() };
export const dropSchemas = family<DropRule>()({
  'best-results': fileObject({ kind: z.literal('best-results'), count, ...dropBase }),
  'drop-lowest': fileObject({
    kind: z.literal('drop-lowest'),
    count,
    window: z.enum(['before-final-event', 'all']).default('all'),
    ...dropBase,
  }),
  'split-season': fileObject({
    kind: z.literal('split-season'),
    first_part_races: z.union([z.number().int().positive(), z.literal('half')]),
    odd_race: z.enum(['first-part', 'second-part']).optional(),
    first_part_best: count,
    second_part_best: count,
    ...dropBase,
  }),
  'drop-weeks': fileObject({ kind: z.literal('drop-weeks'), count, ...dropBase }),
  'drop-rounds': fileObject({
    kind: z.literal('drop-rounds'),
    count,
    except: z.array(z.enum(['final-round', 'single-race-round'])).optional(),
    except_event_tags: z.array(z.string()).optional(),
    ...dropBase,
  }),
});

const sharedDriveBase = { best_share_only: z.boolean().optional() };
export const sharedDriveSchemas = family<SharedDriveRule>()({
  divide: fileObject({ kind: z.literal('divide'), ...sharedDriveBase }),
  full: fileObject({ kind: z.literal('full'), ...sharedDriveBase }),
  none: fileObject({ kind: z.literal('none'), ...sharedDriveBase }),
});

export const teamScoringSchemas = family<TeamScoringRule>()({
  'all-cars': fileObject({ kind: z.literal('all-cars') }),
  'best-cars': fileObject({ kind: z.literal('best-cars'), count: z.number().int().positive() }),
  nominated: fileObject({ kind: z.literal('nominated') }),
  'best-cars-per-round': fileObject({
    kind: z.literal('best-cars-per-round'),
    count: z.number().int().positive(),
  }),
});

export const tieBreakSchemas = family<TieBreakRule>()({
  countback: fileObject({
    kind: z.literal('countback'),
    places: z.enum(['all', 'scoring']).default('all'),
    cars: z.enum(['best', 'all']).optional(),
  }),
  'latest-result': fileObject({ kind: z.literal('latest-result') }),
  'scored-first': fileObject({ kind: z.literal('scored-first') }),
});

/**
 * One family's schemas as a union on `kind`: an unknown kind is reported with the known ones.
 * The registry's values are the discriminated options; the cast only restores the element type
 * that `Object.values` forgets.
 */
export function kindUnion<U extends { kind: string }>(schemas: Schemas<U>): z.ZodType<U, unknown> {
  type Option = z.core.$ZodTypeDiscriminable;
  const options = Object.values<z.ZodType>(schemas) as unknown as [Option, ...Option[]];
  return z.discriminatedUnion('kind', options) as unknown as z.ZodType<U, unknown>;
}
