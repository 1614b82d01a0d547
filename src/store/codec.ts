/** Turning engine values into table rows and back, exactly (fractions as text, lists as JSON). */
import { formatExact, parseFraction } from '../engine/index.js';
import type {
  Adjustment,
  Award,
  ClassificationRow,
  Fraction,
  Rulebook,
  Status,
} from '../engine/index.js';
import { compact } from '../formats/compact.js';
import type { AdjustmentTable, AwardTable, ClassificationRowTable } from './schema.js';

/** Null for undefined, for optional columns. */
export const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
/** Undefined for null, for optional fields. */
export const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export const fractionText = (f: Fraction | undefined): string | null =>
  f === undefined ? null : formatExact(f);

/** Reads fraction text written by `fractionText`; a bad value is a broken database, so it throws. */
export function readFraction(text: string | null): Fraction | undefined {
  if (text === null) return undefined;
  const f = parseFraction(text);
  if (!f) throw new Error(`stored points "${text}" are not a fraction`);
  return f;
}

const isFraction = (v: unknown): v is Fraction =>
  typeof v === 'object' && v !== null && typeof (v as { num?: unknown }).num === 'bigint';

/** The resolved rulebook as JSON; fractions become {"$fraction": "a/b"}. */
export const rulebookToJson = (rulebook: Rulebook): string =>
  JSON.stringify(rulebook, (_key, value: unknown) =>
    isFraction(value) ? { $fraction: formatExact(value) } : value,
  );

export function rulebookFromJson(text: string): Rulebook {
  const revive = (_key: string, value: unknown): unknown =>
    typeof value === 'object' && value !== null && '$fraction' in value
      ? readFraction(String(value.$fraction))
      : value;
  return JSON.parse(text, revive) as Rulebook;
}

export const json = (v: unknown): string => JSON.stringify(v);
export const parseList = (text: string): string[] => JSON.parse(text) as string[];

type Keyed<T> = Omit<T, 'season_id' | 'session_id' | 'ord'>;

export const classificationRowToColumns = (r: ClassificationRow): Keyed<ClassificationRowTable> => ({
  entry_id: r.entryId,
  driver_ids: r.driverIds === undefined ? null : json(r.driverIds),
  status: r.status,
  position: orNull(r.position),
  laps: orNull(r.laps),
  laps_led: orNull(r.lapsLed),
  time: orNull(r.time),
  note: orNull(r.note),
});

export const classificationRowFromColumns = (r: ClassificationRowTable): ClassificationRow =>
  compact({
    entryId: r.entry_id,
    driverIds: r.driver_ids === null ? undefined : parseList(r.driver_ids),
    status: r.status as Status,
    position: orUndefined(r.position),
    laps: orUndefined(r.laps),
    lapsLed: orUndefined(r.laps_led),
    time: orUndefined(r.time),
    note: orUndefined(r.note),
  });

export const awardToColumns = (a: Award): Omit<AwardTable, 'season_id' | 'ord'> => ({
  session_id: a.sessionId,
  award: a.award,
  scope: a.scope,
  entry_id: a.entryId,
  driver_id: orNull(a.driverId),
  note: orNull(a.note),
});

export const awardFromColumns = (a: AwardTable): Award =>
  compact({
    sessionId: a.session_id,
    award: a.award as Award['award'],
    scope: a.scope,
    entryId: a.entry_id,
    driverId: orUndefined(a.driver_id),
    note: orUndefined(a.note),
  });

export const adjustmentToColumns = (a: Adjustment): Omit<AdjustmentTable, 'season_id' | 'ord'> => ({
  kind: a.kind,
  championship_id: orNull(a.championshipId),
  driver_id: orNull(a.driverId),
  team_id: orNull(a.teamId),
  points: 'points' in a ? fractionText(a.points) : null,
  session_id: 'sessionId' in a ? orNull(a.sessionId) : null,
  reason: a.reason,
});

export const adjustmentFromColumns = (a: AdjustmentTable): Adjustment =>
  compact({
    kind: a.kind,
    championshipId: orUndefined(a.championship_id),
    driverId: orUndefined(a.driver_id),
    teamId: orUndefined(a.team_id),
    points: readFraction(a.points),
    sessionId: orUndefined(a.session_id),
    reason: a.reason,
  }) as Adjustment;
