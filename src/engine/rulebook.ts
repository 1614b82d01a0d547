/**
 * How a season is scored, as data. A rulebook holds named points scales and championships; each
 * championship lists its rules by kind. Every kind lives in its own module under rules/ and is
 * registered in rules/registry.ts, whose types make an unregistered kind a compile error.
 */
import type { Fraction } from './fraction.js';

/** Points by position: points[0] for 1st place. */
export interface Scale {
  readonly points: readonly Fraction[];
  /**
   * Places after the last listed one: each scores the place before plus `step` (negative to fall,
   * 0 for the same points to every finisher), never below `min` (0 by default).
   */
  readonly then?: { readonly step: Fraction; readonly min?: Fraction };
  readonly note?: string;
}

/** Conditions a competitor must meet to receive a bonus, or (championship `requires`) position points. */
export interface Condition {
  /** Must be classified in the session. */
  readonly classified?: boolean;
  /** Must finish in the top N of the championship's basis positions (bonuses only). */
  readonly topN?: number;
  /**
   * Must have completed at least this share of the leader's laps: the overall winner's, or the
   * class leader's when the championship's basis is the class (sim leagues: 75%).
   */
  readonly minLapsShare?: Fraction;
  /** Must not have disconnected (sim racing). */
  readonly notDisconnected?: boolean;
  /**
   * Session types where the conditions are judged; in sessions of other types they are met. A
   * sim league's lap share for position points is judged in races only, as qualifying rows carry no
   * laps. Every session when absent.
   */
  readonly sessionTypes?: readonly string[];
}

interface BonusBase {
  readonly points: Fraction;
  readonly requires?: Condition;
  /** Only for the first race of an event (BTCC pole), when true. */
  readonly firstRaceOfEvent?: boolean;
  /** Session types the bonus applies to; defaults to every scored type. */
  readonly sessionTypes?: readonly string[];
}

/**
 * How a bonus held by several competitors at once is given: shared exactly (F1 1954's fastest lap,
 * 1/7 each), the full bonus to each (NASCAR's most laps led), or to the better finisher of the race.
 */
export type BonusTie = 'share' | 'full' | 'better-finisher';

interface TiedBonus {
  /** 'share' when absent. */
  readonly tie?: BonusTie;
}

export type BonusRule =
  | (BonusBase & TiedBonus & { readonly kind: 'pole'; readonly scope: 'overall' | 'class' })
  | (BonusBase & TiedBonus & { readonly kind: 'fastest-lap'; readonly scope: 'overall' | 'class' })
  | (BonusBase & { readonly kind: 'lap-led' })
  | (BonusBase & TiedBonus & { readonly kind: 'most-laps-led' });

export type MultiplierRule =
  /** Points scaled by `factor` when less than `below` of the scheduled distance was run. */
  | {
      readonly kind: 'distance';
      readonly below: Fraction;
      readonly factor: Fraction;
      readonly includeBonuses?: boolean;
    }
  /** A fixed factor for sessions chosen by event tag or session id (double points). */
  | {
      readonly kind: 'factor';
      readonly factor: Fraction;
      readonly eventTags?: readonly string[];
      readonly sessions?: readonly string[];
      readonly includeBonuses?: boolean;
    };

interface DropBase {
  /** Whether bonus points can be dropped with their race (else they are always retained). */
  readonly includeBonuses?: boolean;
  /** 'final': only in standings that include the season's last race; 'always': after every race. */
  readonly applies?: 'final' | 'always';
}

export type DropRule =
  | (DropBase & { readonly kind: 'best-results'; readonly count: number })
  | (DropBase & {
      readonly kind: 'drop-lowest';
      readonly count: number;
      readonly window: 'before-final-event' | 'all';
    })
  | (DropBase & {
      readonly kind: 'split-season';
      /** Races in the first part: a number, or 'half' of the season's races in scope. */
      readonly firstPartRaces: number | 'half';
      /** With 'half' and an odd number of races: which part gets the extra race. */
      readonly oddRace?: 'first-part' | 'second-part';
      readonly firstPartBest: number;
      readonly secondPartBest: number;
    })
  /** The lowest N weeks (a race with the qualifying before it) are dropped whole (sim-racing leagues). */
  | (DropBase & { readonly kind: 'drop-weeks'; readonly count: number })
  /**
   * The lowest N rounds (every scored session of an event together) are dropped whole; rounds in
   * `except` (the season's final round, a round with a single race) or carrying one of
   * `exceptEventTags` (a round the regulations declare) are never dropped.
   */
  | (DropBase & {
      readonly kind: 'drop-rounds';
      readonly count: number;
      readonly except?: readonly RoundException[];
      readonly exceptEventTags?: readonly string[];
    });

/** Rounds a `drop-rounds` rule never drops. */
export type RoundException = 'final-round' | 'single-race-round';

export type SharedDriveRule =
  /** The car's points are divided equally between its drivers (F1 1950-1957). */
  | { readonly kind: 'divide'; readonly bestShareOnly?: boolean }
  /** Every driver of the car gets the car's full points (endurance racing). */
  | { readonly kind: 'full'; readonly bestShareOnly?: boolean }
  /** A car driven by more than one driver scores nothing for its drivers (F1 from 1958). */
  | { readonly kind: 'none'; readonly bestShareOnly?: boolean };

export type TeamScoringRule =
  | { readonly kind: 'all-cars' }
  /** Only the team's best N cars in each session score (F1 constructors 1958-1978: N = 1). */
  | { readonly kind: 'best-cars'; readonly count: number }
  /** Only entries marked as nominated score. */
  | { readonly kind: 'nominated' }
  /**
   * Only the team's best N cars over a whole round score: a car's points at every session of the
   * event are added up, and the other cars' points of that round do not count (FIA World Rally-Raid
   * Championship manufacturers: the best two of up to three crews at each event).
   */
  | { readonly kind: 'best-cars-per-round'; readonly count: number };

export type TieBreakRule =
  /**
   * Most wins, then most second places, ...; over all places or only the scoring ones; for a team,
   * over its best car in each race ('best', the default) or every car's places ('all').
   */
  | { readonly kind: 'countback'; readonly places: 'all' | 'scoring'; readonly cars?: 'best' | 'all' }
  /** Better result in the latest race, then the one before, ... */
  | { readonly kind: 'latest-result' }
  /** Who scored points first in the season (F1, some 1990s seasons). */
  | { readonly kind: 'scored-first' };

export type CompetitorKind = 'driver' | 'team' | 'entry';

export interface ChampionshipScope {
  /** Class ids; every class when absent. */
  readonly classes?: readonly string[];
  /** Only events carrying one of these tags. */
  readonly eventTags?: readonly string[];
  /** Never events carrying one of these tags (the Indianapolis 500 for constructors). */
  readonly excludeEventTags?: readonly string[];
}

/**
 * Fields of a championship that differ at chosen sessions or events, without copying the
 * championship: F1 1950s Grands Prix where Formula 2 cars' places were removed so the points
 * passed down (`ineligible: 'remove'` at that one race).
 */
export interface ChampionshipOverride {
  /** Session ids where the fields apply. */
  readonly sessions?: readonly string[];
  /** Or events carrying one of these tags. */
  readonly eventTags?: readonly string[];
  readonly basis?: 'overall' | 'class';
  readonly ineligible?: 'remove' | 'keep';
  /** Scale id per session type, for types the championship scores. */
  readonly points?: Readonly<Record<string, string>>;
}

export interface Championship {
  readonly id: string;
  readonly name: string;
  readonly competitor: CompetitorKind;
  readonly scope: ChampionshipScope;
  /** Positions used for points: overall finishing order, or order within the entry's class. */
  readonly basis: 'overall' | 'class';
  /** 'remove': ineligible entries (guests, other classes) leave the order before points are given, so points pass down; 'keep': they keep their place and score nothing. */
  readonly ineligible: 'remove' | 'keep';
  /** Scale id per session type; sessions of other types are not scored. */
  readonly points: Readonly<Record<string, string>>;
  readonly bonuses: readonly BonusRule[];
  readonly multipliers: readonly MultiplierRule[];
  readonly drops: readonly DropRule[];
  readonly sharedDrives: SharedDriveRule;
  readonly teamScoring: TeamScoringRule;
  readonly tieBreaks: readonly TieBreakRule[];
  /** After the tie-breaks, competitors still equal share the position ('share'). */
  readonly listed: 'scored' | 'classified' | 'started' | 'entered';
  /** Conditions for position points (sim leagues: 75% of the class leader's laps, not disconnected). */
  readonly requires?: Condition;
  /**
   * A car that fails `requires`: 'keep-place' (the default) keeps its place and scores nothing;
   * 'move-up' takes it out of the order, so the cars behind move up.
   */
  readonly unmet?: 'keep-place' | 'move-up';
  /**
   * Cars entered but not started (status DNS with the place the series gave them) score this share
   * of their place's points (IndyCar: half); absent, non-starters score nothing.
   */
  readonly nonStarters?: { readonly share: Fraction };
  /**
   * A driver who changes class mid-season: 'stay' (the default) leaves the points scored in the old
   * class in the old class's table; 'follow-driver' takes them to the table of the class the driver
   * is in at the time of the standings (the class of their latest race), with the positions they
   * were scored at. Only for drivers' tables on the class basis.
   */
  readonly classChanges?: 'stay' | 'follow-driver';
  /** Fields that differ at chosen sessions or events; the first override that matches applies. */
  readonly overrides?: readonly ChampionshipOverride[];
  readonly description?: string;
  readonly assumptions?: readonly string[];
}

export interface Rulebook {
  readonly id: string;
  readonly name: string;
  readonly source?: string;
  readonly scales: Readonly<Record<string, Scale>>;
  readonly championships: readonly Championship[];
}
