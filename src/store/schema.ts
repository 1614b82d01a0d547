/**
 * The database schema as Kysely types. One schema for SQLite and PostgreSQL: booleans are stored
 * as 0/1 integers, exact points as fraction text ("57/7"), lists as JSON text, and every table
 * that holds an ordered list keeps an `ord` column so a season loads back in the order it came in.
 */
import type { Generated } from 'kysely';

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

export interface Database {
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
