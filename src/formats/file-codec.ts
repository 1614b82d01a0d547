/**
 * The one codec between the names people write in files and the engine's names. Files use
 * snake_case (`tie_breaks`, `first_race_of_event`) and name other things by their id under the
 * thing's name (`driver: max-verstappen`); the engine uses camelCase and `driverId`. Every schema
 * of a rule kind or an adjustment is a `fileObject`, so its output is the engine's value with no
 * hand-written mapping, and the compiler checks that output against the engine's types.
 */
import { z } from 'zod';
import type { DataPath } from '../engine/index.js';
import type { Compact } from './compact.js';

/** File fields that name another thing by id: `driver` in a file is `driverId` in the engine. */
const REFERENCE_FIELDS = ['championship', 'driver', 'team', 'session', 'entry', 'event'] as const;
type ReferenceField = (typeof REFERENCE_FIELDS)[number];
const references: ReadonlySet<string> = new Set(REFERENCE_FIELDS);

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** The engine's name for a file field, as a type. */
export type EngineKey<K extends string> = K extends ReferenceField ? `${K}Id` : CamelCase<K>;

/** An object with file keys renamed to the engine's, and fields that are undefined left out. */
export type EngineKeys<T> = Compact<{ [K in keyof T as K extends string ? EngineKey<K> : K]: T[K] }>;

/** The engine's name for a file field: `tie_breaks` -> `tieBreaks`, `driver` -> `driverId`. */
export function engineKey(key: string): string {
  if (references.has(key)) return `${key}Id`;
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The file's name for an engine field: `tieBreaks` -> `tie_breaks`, `driverId` -> `driver`. */
export function fileKey(key: string): string {
  if (key.endsWith('Id') && references.has(key.slice(0, -2))) return key.slice(0, -2);
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Renames an object's own keys to the engine's names and leaves out undefined values. */
export function toEngineKeys<T extends object>(o: T): EngineKeys<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[engineKey(k)] = v;
  // The one cast of the codec: the loop above is what EngineKeys<T> says, key by key.
  return out as EngineKeys<T>;
}

/** Renames an object's own keys to the file's names and leaves out undefined values. */
export function toFileKeys(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[fileKey(k)] = v;
  return out;
}

/** An engine path (['championships', 'drivers', 'tieBreaks', 0]) in the file's words. */
export const toFilePath = (path: DataPath): DataPath =>
  path.map((p) => (typeof p === 'string' && /^[a-z]+[A-Z]/.test(p) ? fileKey(p) : p));

/**
 * A strict object in the file's names whose output carries the engine's names. Records inside
 * (points per session type) keep their keys: only the fields declared here are renamed.
 */
export function fileObject<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape).transform((o) => toEngineKeys(o));
}

/** Field names one side has and the other lacks (optional ones included). */
export type FieldsDiffer<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;

/** Nothing when a schema's output has exactly the fields of T, else the fields that differ. */
export type SameFields<S, T> = [FieldsDiffer<z.output<S>, T>] extends [never]
  ? unknown
  : { readonly fieldsDifferFromTheEngine: FieldsDiffer<z.output<S>, T> };

/**
 * Checks at compile time that a schema produces the engine's type T with exactly its fields, so a
 * field renamed on one side only (even an optional one) is a compile error; returns it as given.
 */
export const producing =
  <T>() =>
  <S extends z.ZodType<T, unknown>>(schema: S & SameFields<S, T>): S =>
    schema;
