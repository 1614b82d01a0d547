/**
 * The schema before revisions (migrations 0001 and 0002): a season in normalized tables plus an
 * audit log. Kept only so migration 0003 can read such a database and convert it to revisions
 * (src/store/migrate-to-revisions.ts); nothing else reads these tables.
 */
import type { Generated, Kysely, Transaction } from 'kysely';
import { parseFraction } from '../engine/index.js';
import type {
  Adjustment,
  Award,
  Classification,
  ClassificationRow,
  Fraction,
  Season,
  Status,
} from '../engine/index.js';
import { compact } from '../formats/compact.js';

export interface SeriesTable {
  id: string;
  name: string;
}

export interface SeasonTable {
  id: string;
  series_id: string;
  name: string;
  year: number;
  aliases: string; // JSON string[]
  classes: string; // JSON CompetitionClass[]
  notes: string; // JSON string[]
  /** The rulebook file as written (may `extends:` a preset), for export and editing. */
  rulebook_yaml: string;
  /** The resolved engine Rulebook as JSON, fractions as {"$fraction": "a/b"}. */
  rulebook_json: string;
  rulebook_id: string;
  /** Bumped by every change; caches and ETags are keyed by it. */
  version: number;
  imported_at: string;
}

export interface EventTable {
  season_id: string;
  id: string;
  ord: number;
  round: number;
  name: string;
  circuit: string;
  city: string | null;
  country: string | null;
  start_date: string | null;
  end_date: string | null;
  tags: string; // JSON string[]
}

export interface SessionTable {
  season_id: string;
  id: string;
  ord: number;
  event_id: string;
  type: string;
  name: string;
  race: number | null;
  scheduled_laps: number | null;
  distance_share: string | null;
  points_factor: string | null;
  points_scale: string | null;
  note: string | null;
}

export interface PersonTable {
  season_id: string;
  id: string;
  ord: number;
  name: string;
  nationality: string | null;
}

export interface EntryTable {
  season_id: string;
  id: string;
  ord: number;
  car: string;
  team_id: string;
  driver_ids: string; // JSON string[]
  class_id: string;
  event_ids: string; // JSON string[]
  eligible: number;
  nominated: number | null;
  note: string | null;
}

export interface ClassificationTable {
  season_id: string;
  session_id: string;
  ord: number;
  /** provisional | final | amended; null when the source did not say. */
  state: string | null;
  /** The stewards' decision that amended a final result. */
  decision: string | null;
}

export interface ClassificationRowTable {
  season_id: string;
  session_id: string;
  ord: number;
  entry_id: string;
  driver_ids: string | null; // JSON string[]
  status: string;
  position: number | null;
  laps: number | null;
  laps_led: number | null;
  time: string | null;
  note: string | null;
}

export interface AwardTable {
  season_id: string;
  ord: number;
  session_id: string;
  award: string;
  scope: string;
  entry_id: string;
  driver_id: string | null;
  note: string | null;
}

export interface AdjustmentTable {
  season_id: string;
  ord: number;
  kind: string;
  championship_id: string | null;
  driver_id: string | null;
  team_id: string | null;
  points: string | null;
  session_id: string | null;
  reason: string;
}

export interface PublishedTable {
  season_id: string;
  ord: number;
  championship_id: string;
  after_race: number;
  competitor_id: string;
  position: number | null;
  points: string | null;
  note: string | null;
}

export interface UserTable {
  email: string;
  role: string;
  /** scrypt$N$r$p$salt$hash (base64). */
  password_hash: string;
  created_at: string;
}

export interface LoginTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  email: string;
  csrf_token: string;
  expires_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  season_id: string;
  at: string;
  who: string;
  action: string;
  subject: string;
  before: string | null; // JSON
  after: string | null; // JSON
  reason: string;
  version: number;
}

export interface LegacyDatabase {
  series: SeriesTable;
  seasons: SeasonTable;
  events: EventTable;
  sessions: SessionTable;
  drivers: PersonTable;
  teams: PersonTable;
  entries: EntryTable;
  classifications: ClassificationTable;
  classification_rows: ClassificationRowTable;
  awards: AwardTable;
  adjustments: AdjustmentTable;
  published: PublishedTable;
  users: UserTable;
  logins: LoginTable;
  audit: AuditTable;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const parseList = (text: string): string[] => JSON.parse(text) as string[];

function readFraction(text: string | null): Fraction | undefined {
  if (text === null) return undefined;
  const f = parseFraction(text);
  if (!f) throw new Error(`stored points "${text}" are not a fraction`);
  return f;
}

const rowFromColumns = (r: ClassificationRowTable): ClassificationRow =>
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

const awardFromColumns = (a: AwardTable): Award =>
  compact({
    sessionId: a.session_id,
    award: a.award as Award['award'],
    scope: a.scope,
    entryId: a.entry_id,
    driverId: orUndefined(a.driver_id),
    note: orUndefined(a.note),
  });

const adjustmentFromColumns = (a: AdjustmentTable): Adjustment =>
  compact({
    kind: a.kind,
    championshipId: orUndefined(a.championship_id),
    driverId: orUndefined(a.driver_id),
    teamId: orUndefined(a.team_id),
    points: readFraction(a.points),
    sessionId: orUndefined(a.session_id),
    reason: a.reason,
  }) as Adjustment;

/** A season as the old tables held it, with what the engine's Season does not model. */
export interface LegacySeason {
  readonly season: Season;
  readonly rulebookYaml: string;
  readonly version: number;
  readonly decisions: ReadonlyMap<string, string>;
}

/** Reads one season from the old tables (inside the migration's transaction). */
export async function readLegacySeason(
  trx: Kysely<LegacyDatabase> | Transaction<LegacyDatabase>,
  id: string,
): Promise<LegacySeason> {
  const s = await trx.selectFrom('seasons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const series = await trx
    .selectFrom('series')
    .selectAll()
    .where('id', '=', s.series_id)
    .executeTakeFirstOrThrow();
  const events = await trx
    .selectFrom('events')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const sessions = await trx
    .selectFrom('sessions')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const drivers = await trx
    .selectFrom('drivers')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const teams = await trx
    .selectFrom('teams')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const entries = await trx
    .selectFrom('entries')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const awards = await trx
    .selectFrom('awards')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const adjustments = await trx
    .selectFrom('adjustments')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const published = await trx
    .selectFrom('published')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const classifications = await trx
    .selectFrom('classifications')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('ord')
    .execute();
  const resultRows = await trx
    .selectFrom('classification_rows')
    .selectAll()
    .where('season_id', '=', id)
    .orderBy('session_id')
    .orderBy('ord')
    .execute();
  const rowsBySession = new Map<string, ClassificationRowTable[]>();
  for (const r of resultRows) {
    const list = rowsBySession.get(r.session_id) ?? [];
    list.push(r);
    rowsBySession.set(r.session_id, list);
  }
  const season: Season = {
    id: s.id,
    name: s.name,
    year: s.year,
    series: { id: series.id, name: series.name },
    aliases: parseList(s.aliases),
    classes: JSON.parse(s.classes) as Season['classes'],
    events: events.map((e) =>
      compact({
        id: e.id,
        round: e.round,
        name: e.name,
        circuit: e.circuit,
        city: orUndefined(e.city),
        country: orUndefined(e.country),
        start: orUndefined(e.start_date),
        end: orUndefined(e.end_date),
        tags: parseList(e.tags),
      }),
    ),
    sessions: sessions.map((x) =>
      compact({
        id: x.id,
        eventId: x.event_id,
        type: x.type,
        name: x.name,
        race: orUndefined(x.race),
        scheduledLaps: orUndefined(x.scheduled_laps),
        distanceShare: readFraction(x.distance_share),
        pointsFactor: readFraction(x.points_factor),
        pointsScale: orUndefined(x.points_scale),
        note: orUndefined(x.note),
      }),
    ),
    drivers: drivers.map((d) => compact({ id: d.id, name: d.name, nationality: orUndefined(d.nationality) })),
    teams: teams.map((t) => compact({ id: t.id, name: t.name, nationality: orUndefined(t.nationality) })),
    entries: entries.map((e) =>
      compact({
        id: e.id,
        car: e.car,
        teamId: e.team_id,
        driverIds: parseList(e.driver_ids),
        classId: e.class_id,
        eventIds: parseList(e.event_ids),
        eligible: e.eligible === 1,
        nominated: e.nominated === null ? undefined : e.nominated === 1,
        note: orUndefined(e.note),
      }),
    ),
    classifications: classifications.map((c) =>
      compact({
        sessionId: c.session_id,
        rows: (rowsBySession.get(c.session_id) ?? []).map(rowFromColumns),
        state: orUndefined(c.state) as Classification['state'],
      }),
    ),
    awards: awards.map(awardFromColumns),
    adjustments: adjustments.map(adjustmentFromColumns),
    published: published.map((p) =>
      compact({
        championshipId: p.championship_id,
        afterRace: p.after_race,
        competitorId: p.competitor_id,
        position: orUndefined(p.position),
        points: readFraction(p.points),
        note: orUndefined(p.note),
      }),
    ),
    notes: parseList(s.notes),
  };
  const decisions = new Map<string, string>(
    classifications.filter((c) => c.decision !== null).map((c) => [c.session_id, c.decision!] as const),
  );
  return { season, rulebookYaml: s.rulebook_yaml, version: s.version, decisions };
}
