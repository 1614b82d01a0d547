/**
 * What happened in a season: calendar, entry list, classifications, awards, stewarding decisions,
 * and the figures the series published. Values are readonly; the engine never mutates them.
 */
import type { Fraction } from './fraction.js';

export type Status = 'classified' | 'DNF' | 'DNS' | 'DSQ' | 'NC' | 'WD' | 'EX';
export const STATUSES: readonly Status[] = ['classified', 'DNF', 'DNS', 'DSQ', 'NC', 'WD', 'EX'];

/** Statuses of an entry that took the start (DNS, WD and EX did not, or do not count as having). */
export const STARTED_STATUSES: ReadonlySet<Status> = new Set<Status>(['classified', 'DNF', 'NC', 'DSQ']);

export interface Series {
  readonly id: string;
  readonly name: string;
}

export interface Driver {
  readonly id: string;
  readonly name: string;
  readonly nationality?: string;
}

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly nationality?: string;
}

export interface CompetitionClass {
  readonly id: string;
  readonly name: string;
}

export interface Session {
  readonly id: string;
  readonly eventId: string;
  /** race, sprint, qualifying ... ; a rulebook gives a scale per type. */
  readonly type: string;
  readonly name: string;
  /** Races are numbered across the season; "standings after race 8" counts these. */
  readonly race?: number;
  readonly scheduledLaps?: number;
  /** Share of the scheduled distance run, when the source states it (else laps / scheduledLaps). */
  readonly distanceShare?: Fraction;
  /** A factor declared for this session by the stewards (half points), applied by the `declared` multiplier. */
  readonly pointsFactor?: Fraction;
  /** A reduced scale declared for this session (F1 from 2022), by scale id. */
  readonly pointsScale?: string;
  /** Local date (yyyy-mm-dd) and start time (hh:mm) at the circuit, in the event's time zone. */
  readonly date?: string;
  readonly time?: string;
  readonly durationMinutes?: number;
  readonly note?: string;
}

export interface Event {
  readonly id: string;
  readonly round: number;
  readonly name: string;
  readonly circuit: string;
  readonly city?: string;
  readonly country?: string;
  /** ISO dates (yyyy-mm-dd). */
  readonly start?: string;
  readonly end?: string;
  /** IANA time zone of the circuit (Europe/London), in which session times are written. */
  readonly timezone?: string;
  readonly tags: readonly string[];
}

export interface Entry {
  readonly id: string;
  readonly car: string;
  readonly teamId: string;
  readonly driverIds: readonly string[];
  readonly classId: string;
  /** Event ids the entry covers. */
  readonly eventIds: readonly string[];
  /** False for guests who are not eligible for points. */
  readonly eligible: boolean;
  /**
   * False when the entry's drivers score no drivers' points while the car stays eligible: its
   * points still count in team and entry (owners') championships (NASCAR from 2011, a driver who
   * declared for another series' points). True when absent.
   */
  readonly driverPoints?: boolean;
  /** For team championships scored by nominated entries. */
  readonly nominated?: boolean;
  /** Who ran the car when that is not the team the championship names (F1: the entrant). */
  readonly entrant?: string;
  /** Engine and tyre makes, by name (F1 entry lists give both). */
  readonly engine?: string;
  readonly tyres?: string;
  readonly note?: string;
}

export interface ClassificationRow {
  readonly entryId: string;
  /** Who drove; defaults to all of the entry's drivers. */
  readonly driverIds?: readonly string[];
  readonly status: Status;
  /** Overall finishing position, for classified rows. */
  readonly position?: number;
  readonly laps?: number;
  readonly lapsLed?: number;
  /** The driver left the server (sim racing); the status stays what the results say. */
  readonly disconnected?: boolean;
  readonly time?: string;
  /** The car's best lap as timed ("1:13.078"), when the results give it (shown, never scored). */
  readonly bestLap?: string;
  /** The starting position, when the results give it (shown, never scored). */
  readonly grid?: number;
  readonly note?: string;
}

export type ResultState = 'provisional' | 'final' | 'amended';
export const RESULT_STATES: readonly ResultState[] = ['provisional', 'final', 'amended'];

export interface Classification {
  readonly sessionId: string;
  readonly rows: readonly ClassificationRow[];
  readonly state?: ResultState;
}

export type AwardKind = 'pole' | 'fastest-lap';

/** A pole or fastest lap; several awards of one kind and scope in a session are a tie. */
export interface Award {
  readonly sessionId: string;
  readonly award: AwardKind;
  /** 'overall' or a class id. */
  readonly scope: string;
  readonly entryId: string;
  readonly driverId?: string;
  readonly note?: string;
}

/** Identifies whom an adjustment concerns. */
export interface CompetitorRef {
  readonly driverId?: string;
  readonly teamId?: string;
}

export type Adjustment =
  | (CompetitorRef & {
      readonly kind: 'points-deduction';
      readonly championshipId?: string;
      readonly points: Fraction;
      readonly sessionId?: string;
      readonly reason: string;
    })
  /**
   * Excluded from a championship's table, results kept so nobody moves up: from every table by
   * default, from the tables after a given session on (`sessionId`), or from the final table only
   * (`applies: 'final'`, F1 1997); the tables before rank the competitor normally.
   */
  | (CompetitorRef & {
      readonly kind: 'exclusion';
      readonly championshipId?: string;
      readonly sessionId?: string;
      readonly applies?: 'final' | 'always';
      readonly reason: string;
    })
  | (CompetitorRef & {
      readonly kind: 'results-withheld';
      readonly championshipId?: string;
      readonly sessionId: string;
      readonly reason: string;
    })
  | Penalty;

/**
 * A stewards' penalty that changes a session's classification, applied by `penalties.ts` before
 * anything is scored or shown: seconds added to the car's race time (it drops behind the cars on
 * the same lap that are now faster), places dropped, or a disqualification. `reason` is the
 * decision's text.
 */
export type Penalty =
  | {
      readonly kind: 'time-penalty';
      readonly sessionId: string;
      readonly entryId: string;
      /** Seconds added to the race time, exact (5, 2.5). */
      readonly seconds: Fraction;
      readonly reason: string;
    }
  | {
      readonly kind: 'places-penalty';
      readonly sessionId: string;
      readonly entryId: string;
      readonly places: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'disqualification';
      readonly sessionId: string;
      readonly entryId: string;
      readonly reason: string;
    };

/** Whether an adjustment is a penalty that changes a classification (not a competitor's points). */
export const isPenalty = (a: Adjustment): a is Penalty =>
  a.kind === 'time-penalty' || a.kind === 'places-penalty' || a.kind === 'disqualification';

/** The adjustments that concern a competitor's points or place in a table. */
export type CompetitorAdjustment = Exclude<Adjustment, Penalty>;

export interface PublishedStanding {
  readonly championshipId: string;
  readonly afterRace: number;
  readonly competitorId: string;
  readonly position?: number;
  /** Undefined when printed as "–". */
  readonly points?: Fraction;
  /** Printed as excluded from the championship (listed with its points but without a position). */
  readonly excluded?: boolean;
  readonly note?: string;
}

/**
 * Where a season's data comes from, and the credit its licence asks for: pages and exports that
 * show the data show `credit` (with the links), e.g. f1db's CC BY 4.0 attribution.
 */
export interface SourceCredit {
  readonly name: string;
  readonly url?: string;
  readonly licence?: string;
  readonly licenceUrl?: string;
  /** The version used (a commit, a release, a date). */
  readonly version?: string;
  /** The line to show wherever the data is shown, verbatim. */
  readonly credit: string;
}

export interface Season {
  readonly id: string;
  readonly name: string;
  readonly year: number;
  readonly series: Series;
  readonly aliases: readonly string[];
  readonly classes: readonly CompetitionClass[];
  readonly events: readonly Event[];
  readonly sessions: readonly Session[];
  readonly drivers: readonly Driver[];
  readonly teams: readonly Team[];
  readonly entries: readonly Entry[];
  readonly classifications: readonly Classification[];
  readonly awards: readonly Award[];
  readonly adjustments: readonly Adjustment[];
  readonly published: readonly PublishedStanding[];
  readonly notes: readonly string[];
  /** Sources whose credit must be shown with the data (absent for data entered by hand). */
  readonly sources?: readonly SourceCredit[];
  /** The series' colours and logo for embeds and share previews (season.yaml `branding:`). */
  readonly branding?: SeasonBranding;
}

/** How a series presents its standings elsewhere: colours as `#rrggbb`, the logo an https link. */
export interface SeasonBranding {
  readonly primary?: string;
  /** Text on the primary colour. */
  readonly text?: string;
  readonly logo?: string;
}

/**
 * Whether an entry scores in a championship of this competitor kind: an eligible entry does, except
 * in drivers' championships when its drivers score no drivers' points (`driverPoints: false`).
 */
export function entryScoresFor(entry: Entry, competitor: 'driver' | 'team' | 'entry'): boolean {
  return entry.eligible && !(competitor === 'driver' && entry.driverPoints === false);
}
