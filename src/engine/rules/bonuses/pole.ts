import type { BonusRule } from '../../rulebook.js';
import { awardBonus } from './award-bonus.js';

/** Points for pole position, overall or per class (Carrera Cup: 2 points). */
export const pole = awardBonus<Extract<BonusRule, { kind: 'pole' }>>('pole', 'pole position');
