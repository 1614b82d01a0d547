/**
 * The contracts every rule kind implements. Shared scoring code calls these and never branches on
 * a particular kind.
 */
import type { Fraction } from '../fraction.js';
import type { Issue, DataPath } from '../issues.js';
import type { Award, ClassificationRow, Entry, Event, Session } from '../season.js';

export interface RuleModule<R> {
  /** One sentence in plain words, for `paddock rulebook show` and explanations. */
  describe(rule: R): string;
  /** Problems with the rule itself (counts out of range ...). */
  validate(rule: R, path: DataPath): readonly Issue[];
}

/** A classification row as one championship sees it. */
export interface ScoredRow {
  readonly row: ClassificationRow;
  readonly entry: Entry;
  /** In the championship's scope and eligible for its points. */
  readonly eligible: boolean;
  /** Position on the championship's basis, for classified rows that keep a place. */
  readonly position: number | undefined;
  /** Why the row earns no position points under the championship's `requires`, when it does not. */
  readonly unmet?: string | undefined;
}

export interface SessionContext {
  /** The championship's basis: whose leader a share of laps is measured against. */
  readonly basis: 'overall' | 'class';
  readonly session: Session;
  readonly event: Event;
  readonly rows: readonly ScoredRow[];
  readonly awards: readonly Award[];
  readonly firstRaceOfEvent: boolean;
}

/** Points a bonus gives to one entry (and optionally one of its drivers). */
export interface BonusGrant {
  readonly entryId: string;
  readonly driverId?: string;
  readonly points: Fraction;
  readonly description: string;
  /** The car's row in the session's context, when the module found it (no second search by id). */
  readonly scored?: ScoredRow;
}

export interface BonusModule<R> extends RuleModule<R> {
  grant(rule: R, ctx: SessionContext): readonly BonusGrant[];
}

export interface MultiplierModule<R> extends RuleModule<R> {
  /** The factor for this session, or undefined when the rule does not apply to it. */
  factor(
    rule: R,
    ctx: SessionContext,
  ): { readonly factor: Fraction; readonly description: string } | undefined;
  includesBonuses(rule: R): boolean;
}

/** One race's droppable points for one competitor; `started` false for a race not started (a zero). */
export interface DropUnit {
  readonly sessionId: string;
  readonly order: number;
  readonly race?: number | undefined;
  readonly points: Fraction;
  readonly started: boolean;
}

export interface DropContext {
  /** Every session of the championship's scope in the season, held or not, in calendar order. */
  readonly seasonSessionIds: readonly string[];
  /** Sessions of the final event of the season. */
  readonly finalEventSessionIds: ReadonlySet<string>;
  /** The round (event) of each of `seasonSessionIds`, for rules that drop whole rounds. */
  readonly rounds: ReadonlyMap<string, SessionRound>;
}

/** The round a session belongs to, as drop rules over whole rounds see it. */
export interface SessionRound {
  readonly eventId: string;
  readonly round: number;
  readonly tags: readonly string[];
  /** Races (sessions with a race number) of the championship's scope at this round, held or not. */
  readonly races: number;
}

export interface DropModule<R> extends RuleModule<R> {
  /** Units to drop, with the reason for each. */
  drop(rule: R, units: readonly DropUnit[], ctx: DropContext): ReadonlyMap<string, string>;
}

export interface DriverShare {
  readonly points: Fraction;
  readonly counted: boolean;
  readonly description: string;
  readonly reason: string | undefined;
}

export interface SharedDriveModule<R> extends RuleModule<R> {
  /** What each of `drivers` (two or more) drivers of one car gets from the car's points; a car with one driver gives them its points whole. */
  share(rule: R, points: Fraction, drivers: number): DriverShare;
  bestShareOnly(rule: R): boolean;
}

export interface CarResult {
  readonly entryId: string;
  readonly points: Fraction;
  readonly nominated: boolean;
  /** Basis position, used to pick the best-placed car when points are equal. */
  readonly position?: number;
}

export interface TeamScoringModule<R> extends RuleModule<R> {
  /** Cars of one team in one session that do not count, with the reason. */
  exclude(rule: R, cars: readonly CarResult[]): ReadonlyMap<string, string>;
  /**
   * Cars of one team that do not count over a whole round (event), with the reason; each car's
   * `points` are its counted points of every session of the round, `position` its best.
   */
  excludeInRound(rule: R, cars: readonly CarResult[]): ReadonlyMap<string, string>;
  /**
   * True when `excludeInRound` may exclude anything: a car's points over a round then depend on
   * sessions after it, so the one-pass after-race tables score such a table race by race.
   */
  readonly byRound: boolean;
}

/** One car's basis position in one session counted for tie-breaks. */
export interface TieBreakPlace {
  readonly order: number;
  readonly race?: number | undefined;
  readonly position?: number | undefined;
}

/** What tie-breaks compare. */
export interface TieBreakRecord {
  /**
   * Basis positions in the sessions counted for tie-breaks, in calendar order; a team has one per
   * car in a session (use `bestPlaces` for the best car's only).
   */
  readonly positions: readonly TieBreakPlace[];
  /** Number of scoring places in the championship's race scale. */
  readonly scoringPlaces: number;
  /** The first session (calendar order) in which the competitor scored points, if any. */
  readonly firstScored?: { readonly order: number; readonly race?: number | undefined } | undefined;
}

/** The best position in each session: a team's best-placed car. */
export function bestPlaces(positions: readonly TieBreakPlace[]): readonly TieBreakPlace[] {
  // One place per session (a driver's table, a team of one car a race): the places themselves.
  let k = 1;
  while (k < positions.length && positions[k]!.order !== positions[k - 1]!.order) k++;
  if (k >= positions.length) return positions;
  const out: TieBreakPlace[] = [];
  for (const p of positions) {
    const last = out.at(-1);
    if (last?.order !== p.order) out.push(p);
    else if ((p.position ?? Infinity) < (last.position ?? Infinity)) out[out.length - 1] = p;
  }
  return out;
}

export interface TieBreakModule<R> extends RuleModule<R> {
  /** Negative when a ranks above b; zero when the rule cannot separate them. */
  compare(rule: R, a: TieBreakRecord, b: TieBreakRecord): { readonly order: number; readonly detail: string };
  /** The order of `compare` without its words: what a sort calls (the words are made once per row). */
  order(rule: R, a: TieBreakRecord, b: TieBreakRecord): number;
}
