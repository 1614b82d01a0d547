/**
 * What the engine returns: every championship's table, each row with the contributions that make
 * its total (counted or not, and why) and the tie-break step that placed it above the next row.
 */
import type { Fraction } from './fraction.js';
import type { CompetitorKind } from './rulebook.js';
import type { Status } from './season.js';

export type ContributionKind = 'result' | 'bonus' | 'adjustment';

// Optional fields may hold undefined: contributions are built with one fixed shape (fast in V8).
export interface Contribution {
  readonly sessionId?: string | undefined;
  readonly race?: number | undefined;
  readonly eventId?: string | undefined;
  readonly kind: ContributionKind;
  /** Which rule produced it: `scale:<id>`, `bonus:pole`, `adjustment:points-deduction` ... */
  readonly rule: string;
  /** In words: "P3 in class Pro-Am: 17 points". */
  readonly description: string;
  readonly points: Fraction;
  readonly counted: boolean;
  /** Why it does not count (dropped, shared car, withheld ...), when it does not. */
  readonly reason?: string | undefined;
  /** The entry that earned it. */
  readonly entryId?: string | undefined;
  /** True when a stewards' decision withheld it: such points do not make a competitor one who scored. */
  readonly withheld?: boolean | undefined;
}

/** One cell of a results matrix: how the competitor fared in one session. */
export interface SessionCell {
  readonly sessionId: string;
  readonly race?: number | undefined;
  readonly entryId: string;
  readonly status: Status;
  /** Position on the championship's basis (overall, or within the class). */
  readonly position?: number | undefined;
  readonly overallPosition?: number | undefined;
  readonly pole: boolean;
  readonly fastestLap: boolean;
  readonly points: Fraction;
  /** True when this session's result was dropped. */
  readonly dropped: boolean;
}

export interface TieBreakStep {
  /** The rule that separated this row from the next one, or 'shared' when nothing did. */
  readonly rule: string;
  readonly detail: string;
}

export interface Competitor {
  readonly id: string;
  readonly name: string;
  readonly kind: CompetitorKind;
}

export interface StandingRow {
  readonly position: number;
  /** True when the position is shared with another row. */
  readonly shared: boolean;
  readonly competitor: Competitor;
  /** Sum of the counted contributions, always. */
  readonly points: Fraction;
  readonly contributions: readonly Contribution[];
  readonly cells: readonly SessionCell[];
  /** How this row was placed above the next one (absent for the last row). */
  readonly aboveNext?: TieBreakStep;
}

export interface ScoredSession {
  readonly id: string;
  readonly eventId: string;
  readonly race?: number;
  readonly type: string;
  readonly name: string;
}

export interface ExcludedCompetitor {
  readonly competitor: Competitor;
  readonly points: Fraction;
  readonly reason: string;
}

export interface ChampionshipStandings {
  readonly id: string;
  readonly name: string;
  readonly competitorKind: CompetitorKind;
  readonly afterRace: number;
  /** True when the drop rules marked 'final' were applied (the standings include the last race). */
  readonly final: boolean;
  readonly sessions: readonly ScoredSession[];
  readonly rows: readonly StandingRow[];
  readonly excluded: readonly ExcludedCompetitor[];
}

export interface SeasonStandings {
  readonly season: { readonly id: string; readonly name: string };
  readonly afterRace: number;
  readonly championships: readonly ChampionshipStandings[];
}
