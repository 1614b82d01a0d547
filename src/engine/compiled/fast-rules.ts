/**
 * How the fast path sees the rule kinds whose effect is not a plain table lookup. The mapped types
 * make a new kind a compile error here until someone decides how the fast path treats it; `undefined`
 * sends a drop kind to the exact generic path (the engine's own module over every unit).
 */
import type { DropRule, TeamScoringRule } from '../rulebook.js';
import { firstPartSize } from '../rules/drops/split-season.js';

type Of<U extends { kind: string }, K extends U['kind']> = Extract<U, { kind: K }>;

/** A drop rule as windows of sessions, each dropping its lowest `dropCount(held)` units. */
export interface DropWindow {
  readonly sessions: ReadonlySet<string>;
  /** How many of the window's lowest units are dropped when `held` of its sessions are held. */
  dropCount(held: number): number;
}

export interface DropWindowContext {
  readonly seasonSessionIds: readonly string[];
  readonly finalEventSessionIds: ReadonlySet<string>;
}

export const dropWindowsFast: {
  readonly [K in DropRule['kind']]:
    ((rule: Of<DropRule, K>, ctx: DropWindowContext) => readonly DropWindow[]) | undefined;
} = {
  'best-results': (rule, ctx) => [
    { sessions: new Set(ctx.seasonSessionIds), dropCount: (held) => Math.max(0, held - rule.count) },
  ],
  'drop-lowest': (rule, ctx) => [
    {
      sessions: new Set(
        rule.window === 'before-final-event'
          ? ctx.seasonSessionIds.filter((id) => !ctx.finalEventSessionIds.has(id))
          : ctx.seasonSessionIds,
      ),
      dropCount: (held) => Math.min(rule.count, held),
    },
  ],
  'split-season': (rule, ctx) => {
    const size = firstPartSize(rule, ctx.seasonSessionIds.length);
    return [
      {
        sessions: new Set(ctx.seasonSessionIds.slice(0, size)),
        dropCount: (held) => Math.max(0, held - rule.firstPartBest),
      },
      {
        sessions: new Set(ctx.seasonSessionIds.slice(size)),
        dropCount: (held) => Math.max(0, held - rule.secondPartBest),
      },
    ];
  },
  // Weeks group a race with the qualifying before it: left to the engine's module.
  'drop-weeks': undefined,
  // Rounds group an event's sessions and except some rounds: left to the engine's module.
  'drop-rounds': undefined,
};

/** Team scoring as the fast path applies it: best N cars per session, or nominated entries only; undefined: refused. */
export const teamScoringFast: {
  readonly [K in TeamScoringRule['kind']]:
    | ((rule: Of<TeamScoringRule, K>) => { readonly bestCars: number; readonly nominatedOnly: boolean })
    | undefined;
} = {
  'all-cars': () => ({ bestCars: 0, nominatedOnly: false }),
  'best-cars': (rule) => ({ bestCars: rule.count, nominatedOnly: false }),
  nominated: () => ({ bestCars: 0, nominatedOnly: true }),
  // A car's points over a whole round decide whether it counts: the fast path refuses it.
  'best-cars-per-round': undefined,
};

/** The drop windows of a rule, or undefined when the rule goes to the generic path. */
export function dropWindowsOf(rule: DropRule, ctx: DropWindowContext): readonly DropWindow[] | undefined {
  const make = dropWindowsFast[rule.kind] as
    ((r: DropRule, c: DropWindowContext) => readonly DropWindow[]) | undefined;
  return make?.(rule, ctx);
}

/**
 * Whether a drop rule keeps a fixed number of results (best N): a new result then raises the
 * total by at most its own points. A rule dropping a fixed number (lowest N) can give back more:
 * a new result may push an old, larger one out of the dropped set.
 */
export const dropKeepsBest: { readonly [K in DropRule['kind']]: boolean } = {
  'best-results': true,
  'split-season': true,
  'drop-lowest': false,
  'drop-weeks': false,
  'drop-rounds': false,
};
