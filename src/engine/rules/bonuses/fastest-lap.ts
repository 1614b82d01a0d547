import type { BonusRule } from '../../rulebook.js';
import { awardBonus } from './award-bonus.js';

/** Points for the fastest lap; a tie shares them (seven ways at the 1954 British Grand Prix). */
export const fastestLap = awardBonus<Extract<BonusRule, { kind: 'fastest-lap' }>>(
  'fastest-lap',
  'fastest lap',
);
