/**
 * Every rule kind, by family. The mapped types make a kind that is added to rulebook.ts but not
 * registered here a compile error, and the dispatch functions are the only place that looks up a kind.
 */
import type {
  BonusRule,
  DropRule,
  MultiplierRule,
  SharedDriveRule,
  TeamScoringRule,
  TieBreakRule,
} from '../rulebook.js';
import type {
  BonusModule,
  DropModule,
  MultiplierModule,
  SharedDriveModule,
  TeamScoringModule,
  TieBreakModule,
} from './types.js';
import { pole } from './bonuses/pole.js';
import { fastestLap } from './bonuses/fastest-lap.js';
import { lapLed } from './bonuses/lap-led.js';
import { mostLapsLed } from './bonuses/most-laps-led.js';
import { distance } from './multipliers/distance.js';
import { factor } from './multipliers/factor.js';
import { bestResults } from './drops/best-results.js';
import { dropLowest } from './drops/drop-lowest.js';
import { splitSeason } from './drops/split-season.js';
import { dropWeeks } from './drops/drop-weeks.js';
import { dropRounds } from './drops/drop-rounds.js';
import { divide } from './shared-drives/divide.js';
import { full } from './shared-drives/full.js';
import { none } from './shared-drives/none.js';
import { allCars } from './team-scoring/all-cars.js';
import { bestCars } from './team-scoring/best-cars.js';
import { nominated } from './team-scoring/nominated.js';
import { bestCarsPerRound } from './team-scoring/best-cars-per-round.js';
import { countback } from './tie-breaks/countback.js';
import { latestResult } from './tie-breaks/latest-result.js';
import { scoredFirst } from './tie-breaks/scored-first.js';

type Of<U extends { kind: string }, K extends U['kind']> = Extract<U, { kind: K }>;

export const bonusModules: { readonly [K in BonusRule['kind']]: BonusModule<Of<BonusRule, K>> } = {
  pole,
  'fastest-lap': fastestLap,
  'lap-led': lapLed,
  'most-laps-led': mostLapsLed,
};

export const multiplierModules: {
  readonly [K in MultiplierRule['kind']]: MultiplierModule<Of<MultiplierRule, K>>;
} = {
  distance,
  factor,
};

export const dropModules: { readonly [K in DropRule['kind']]: DropModule<Of<DropRule, K>> } = {
  'best-results': bestResults,
  'drop-lowest': dropLowest,
  'split-season': splitSeason,
  'drop-weeks': dropWeeks,
  'drop-rounds': dropRounds,
};

export const sharedDriveModules: {
  readonly [K in SharedDriveRule['kind']]: SharedDriveModule<Of<SharedDriveRule, K>>;
} = {
  divide,
  full,
  none,
};

export const teamScoringModules: {
  readonly [K in TeamScoringRule['kind']]: TeamScoringModule<Of<TeamScoringRule, K>>;
} = {
  'all-cars': allCars,
  'best-cars': bestCars,
  nominated,
  'best-cars-per-round': bestCarsPerRound,
};

export const tieBreakModules: { readonly [K in TieBreakRule['kind']]: TieBreakModule<Of<TieBreakRule, K>> } =
  {
    countback,
    'latest-result': latestResult,
    'scored-first': scoredFirst,
  };

// The casts below are sound: each registry maps a kind to the module for exactly that kind.
export const bonusModule = <R extends BonusRule>(rule: R) =>
  bonusModules[rule.kind] as unknown as BonusModule<R>;
export const multiplierModule = <R extends MultiplierRule>(rule: R) =>
  multiplierModules[rule.kind] as unknown as MultiplierModule<R>;
export const dropModule = <R extends DropRule>(rule: R) => dropModules[rule.kind] as unknown as DropModule<R>;
export const sharedDriveModule = <R extends SharedDriveRule>(rule: R) =>
  sharedDriveModules[rule.kind] as unknown as SharedDriveModule<R>;
export const teamScoringModule = <R extends TeamScoringRule>(rule: R) =>
  teamScoringModules[rule.kind] as unknown as TeamScoringModule<R>;
export const tieBreakModule = <R extends TieBreakRule>(rule: R) =>
  tieBreakModules[rule.kind] as unknown as TieBreakModule<R>;
