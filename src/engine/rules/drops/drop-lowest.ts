import { issue } from '../../issues.js';
import type { DropRule } from '../../rulebook.js';
import type { DropModule } from '../types.js';
import { lowestFirst } from './select.js';

type DropLowest = Extract<DropRule, { kind: 'drop-lowest' }>;

/** Why one of the lowest results is dropped (also the bulk path's words). */
export const dropLowestReason = (rule: DropLowest): string =>
  `one of the lowest ${rule.count} results${rule.window === 'before-final-event' ? ' before the final event' : ''}`;

/**
 * The lowest N results are dropped, optionally only among races before the final event
 * (Carrera Cup North America Pro-Am and Masters: lowest two before the final round).
 */
export const dropLowest: DropModule<DropLowest> = {
  describe: (rule) =>
    `the lowest ${rule.count} race results${rule.window === 'before-final-event' ? ' before the final event' : ''} are dropped` +
    ` (a race not started counts as a zero result)${rule.includeBonuses ? '' : '; bonus points are retained'}` +
    `${rule.applies === 'final' ? '; applied to the final standings only' : ''}`,
  validate: (rule, path) =>
    Number.isInteger(rule.count) && rule.count >= 0
      ? []
      : [issue('rule.bad-count', [...path, 'count'], 'count must be a whole number of results')],
  drop: (rule, units, ctx) => {
    const window =
      rule.window === 'before-final-event'
        ? units.filter((u) => !ctx.finalEventSessionIds.has(u.sessionId))
        : units;
    const reason = dropLowestReason(rule);
    return new Map(
      lowestFirst(window)
        .slice(0, rule.count)
        .map((u) => [u.sessionId, reason]),
    );
  },
};
