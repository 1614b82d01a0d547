/**
 * A compiled season: the races run so far folded into per-competitor state, so a hypothetical
 * remainder (results of races not yet run, or of the race running now) is scored in microseconds.
 * Points are whole numbers of a common unit (1/`scale` of a point), so sums and comparisons are
 * exact in plain floating point; `toFraction` turns them back into exact points.
 */
import type { Fraction } from '../fraction.js';
import type { AwardKind, Entry } from '../season.js';
import type { Competitor } from '../standings.js';
import type { SessionRound, TieBreakPlace, TieBreakRecord } from '../rules/types.js';
import type { BonusTie, DropRule, TieBreakRule, Championship } from '../rulebook.js';

/** What happened in one session that has not been run (or is running now). */
export interface HypotheticalResult {
  /**
   * Entry indices (into `CompiledSeason.entries`) in finishing order. The first `classified` of them
   * are classified (positions 1, 2, ...), the others took the start and retired (DNF). Entries not
   * listed took no part.
   */
  readonly order: ArrayLike<number>;
  /** How many of `order` are classified; all of them when absent. */
  readonly classified?: number;
  /** Pole and fastest-lap holders: one entry per award and scope ('overall' or a class id). */
  readonly awards?: readonly HypotheticalAward[];
  /** Laps led, aligned with `order` (for lap-led bonuses); nobody led a lap when absent. */
  readonly lapsLed?: ArrayLike<number>;
}

export interface HypotheticalAward {
  readonly award: AwardKind;
  readonly scope: string;
  readonly entry: number;
}

/**
 * Results for the season's remaining sessions, aligned with `CompiledSeason.sessions`: undefined
 * means the session is not run. Standings are those after the latest race given a result.
 */
export type Remainder = readonly (HypotheticalResult | undefined)[];

/** A session after the compiled race, in calendar order. */
export interface RemainingSession {
  readonly id: string;
  readonly eventId: string;
  readonly name: string;
  readonly type: string;
  readonly race: number | undefined;
  /** Calendar order of the session in the season. */
  readonly order: number;
  /** Entry indices entered for the session's event. */
  readonly entered: readonly number[];
}

/** One championship's share of a remaining session (absent when the championship does not score it). */
export interface ChampionshipSession {
  /** Index into `CompiledSeason.sessions`. */
  readonly session: number;
  readonly order: number;
  readonly race: number | undefined;
  /** Whether positions in this session count for tie-breaks (races only, when races are scored). */
  readonly recorded: boolean;
  /** Scaled points by basis position (index 0 = 1st), multipliers applied. */
  readonly table: Float64Array;
  readonly bonuses: readonly CompiledBonus[];
  /** Points deductions that take effect when this session is held. */
  readonly deductions: readonly { readonly competitor: number; readonly points: number }[];
  /** Competitors whose results in this session are withheld. */
  readonly withheld: readonly number[];
  /** A driver holds several cars in this session and only the best share counts. */
  readonly bestShare: boolean;
}

export type CompiledBonus =
  | {
      readonly kind: 'award';
      readonly award: AwardKind;
      readonly scope: 'overall' | 'class';
      readonly points: number;
      readonly requires: CompiledCondition;
      /** How a tie between holders is given (shared by default). */
      readonly tie: BonusTie | undefined;
    }
  | {
      readonly kind: 'lap-led' | 'most-laps-led';
      readonly points: number;
      readonly requires: CompiledCondition;
      readonly tie: BonusTie | undefined;
    };

export interface CompiledCondition {
  readonly classified: boolean;
  /** 0 when there is no top-N condition. */
  readonly topN: number;
  /** A share of the winner's laps: a hypothetical classified car ran them all, a retired one is unknown. */
  readonly laps: boolean;
}

/** Per competitor, what the sessions held so far left behind. */
export interface PastState {
  /** Counted points that no drop rule can touch (adjustments; bonuses the drop rules keep). */
  readonly fixed: Float64Array;
  /** Per held session (columns `heldSessions`), counted result and bonus points: row-major [competitor][session]. */
  readonly result: Float64Array;
  readonly bonus: Float64Array;
  readonly started: Uint8Array;
  /** Listed flags: bit 1 scored, 2 classified, 4 started, 8 entered. */
  readonly listedBits: Uint8Array;
  /** Tie-break places of the sessions held so far (every car's), in calendar order. */
  readonly records: readonly (readonly TieBreakPlace[])[];
  /** The first session in which the competitor scored points, if it has. */
  readonly firstScored: readonly TieBreakRecord['firstScored'][];
}

/** A stewards' exclusion from the table: always, from a session on, or from the final table only. */
export interface CompiledExclusion {
  readonly competitor: number;
  readonly reason: string;
  /** Calendar order of the session it applies from (-1: every table). */
  readonly fromOrder: number;
  readonly finalOnly: boolean;
}

/** One championship compiled after a race. */
export interface CompiledChampionship {
  readonly id: string;
  readonly name: string;
  readonly championship: Championship;
  readonly season: CompiledSeason;
  readonly competitors: readonly Competitor[];
  /** Rank of each competitor's name then id, the last ranking key of the engine. */
  readonly nameRank: Int32Array;
  /** Reason per competitor excluded from the final table (never ranked there). */
  readonly excluded: ReadonlyMap<number, string>;
  /** Every exclusion with when it applies (the scorer applies them table by table). */
  readonly exclusions: readonly CompiledExclusion[];
  /** One point is `scale` units. */
  readonly scale: number;
  /** In-scope sessions already held, in calendar order. */
  readonly heldSessions: readonly {
    readonly id: string;
    readonly order: number;
    readonly race?: number | undefined;
  }[];
  readonly past: PastState;
  /** Per `CompiledSeason.sessions` index: this championship's view of it, or undefined. */
  readonly sessions: readonly (ChampionshipSession | undefined)[];
  /** Per entry: eligible (in scope and eligible for points). */
  readonly eligible: Uint8Array;
  /** Per entry: the group its basis position is counted in (its class, or 0 overall). */
  readonly group: Int32Array;
  readonly groups: number;
  /** Per entry: the class id (for class-scope awards). */
  readonly entryClass: readonly string[];
  /** Per entry: competitors holding its points. */
  readonly holders: readonly Int32Array[];
  /** Per entry: how a car shared by several drivers passes points: divide by this, 1 = full, 0 = none. */
  readonly shareDivisor: Int32Array;
  /** Per entry: team competitor index for team-scoring exclusions (team championships). */
  readonly teamOf: Int32Array;
  /** Per entry: scores for its team (false for an entry not nominated under `nominated`). */
  readonly teamScores: Uint8Array;
  /** Best N cars per team and session (0 = every car). */
  readonly bestCars: number;
  readonly dropRules: readonly DropRule[];
  readonly tieBreaks: readonly TieBreakRule[];
  readonly scoringPlaces: number;
  /** Ids of in-scope sessions of the whole season (held or not), for drop rules. */
  readonly seasonSessionIds: readonly string[];
  readonly finalEventSessionIds: ReadonlySet<string>;
  /** The round of each in-scope session, for drop rules over whole rounds. */
  readonly rounds: ReadonlyMap<string, SessionRound>;
  /** Maximum scaled points a car can take from one session (best position plus every bonus). */
  readonly maxPerSession: Float64Array;
  /** Converts scaled units back to exact points. */
  toFraction(units: number): Fraction;
}

/** A season compiled after a race: the remaining sessions and every championship. */
export interface CompiledSeason {
  readonly id: string;
  readonly name: string;
  readonly afterRace: number;
  /** Calendar order of the compiled race's session (-1 before the first race). */
  readonly cutoff: number;
  /** The season's last race number. */
  readonly lastRace: number;
  readonly entries: readonly Entry[];
  readonly entryIndex: ReadonlyMap<string, number>;
  readonly sessions: readonly RemainingSession[];
  readonly championships: readonly CompiledChampionship[];
}
