/**
 * Who can still win a championship, exactly: for each competitor, the best and worst final
 * position still possible, hence clinched, contender or eliminated. The method (docs/decisions/
 * 0007-exact-title-scenarios.md):
 * - best position: the competitor wins everything with every bonus while nobody else scores; by
 *   dominance no completion does better, so one scored scenario answers it;
 * - a rival can finish above it only if, winning everything itself while it scores nothing, the
 *   rival ends above it (the same scenarios, read pairwise): so clinching is exact too;
 * - worst position: the rivals that can pass it must do so together, sharing the positions of
 *   each race. Rivals already above it when nobody scores are counted; for the rest a depth-first
 *   search over the remaining sessions (a rival's cars in some order at the front, the others
 *   absent), pruned by each rival's points ceiling and a bound on the points k rivals can share,
 *   finds the most that can pass together, then (where that runs out) a search over each rival's
 *   multiset of places in each class of alike sessions (aggregate-passes.ts). Node budgets keep
 *   both finite; beyond them the answer is a proven range (marked not exact).
 */
import type { Fraction } from '../fraction.js';
import { createScorer } from '../compiled/scorer.js';
import type { Scorer } from '../compiled/scorer.js';
import type { CompiledChampionship } from '../compiled/types.js';
import type { Competitor } from '../standings.js';
import type { Remainder } from '../compiled/types.js';
import { bestCase, carsOf, emptyRemainder, retiresEverywhere } from './scenario-remainders.js';
import type { ProgramSolver } from './integer-program.js';
import { maxPasses } from './worst-position.js';

export type TitleStatus = 'champion' | 'clinched' | 'contender' | 'eliminated' | 'excluded';

/** One competitor's prospects in a championship after a race. */
export interface Outlook {
  readonly index: number;
  readonly competitor: Competitor;
  /** Now: position (undefined when not in the table) and points. */
  readonly position: number | undefined;
  readonly points: Fraction;
  /** Final points when it wins everything with every bonus, and when it scores nothing more. */
  readonly maxPoints: Fraction;
  readonly minPoints: Fraction;
  /** Best final position still possible (undefined: it cannot appear in the final table). */
  readonly best: number | undefined;
  /** Worst final position still possible (undefined: it can drop out of the final table). */
  readonly worst: number | undefined;
  /** False when the search budget ran out: `worst` is then the worst position proven, `worstBound` the limit. */
  readonly worstExact: boolean;
  readonly worstBound: number | undefined;
  readonly status: TitleStatus;
  /** Competitors who can still finish above it. */
  readonly rivals: readonly number[];
  /** With `witnesses`: a remainder reaching the best position, and one reaching the worst. */
  readonly witness?: { readonly best: Remainder; readonly worst: Remainder | undefined };
}

export interface TitleFight {
  readonly championship: CompiledChampionship;
  readonly afterRace: number;
  /** Remaining sessions this championship scores. */
  readonly remaining: number;
  readonly outlooks: readonly Outlook[];
  /** The competitor who has won or clinched the title, if any. */
  readonly champion: number | undefined;
  /** Search nodes used, for benchmarks. */
  readonly nodes: number;
}

export interface TitleFightOptions {
  /** Node budget of the worst-position search per competitor. */
  readonly budget?: number;
  /** Node budget of the search over multisets of places per competitor (0: not run). */
  readonly aggregateBudget?: number;
  /** Keep a remainder reaching each best and worst position (for checks). */
  readonly witnesses?: boolean;
  /**
   * An integer-program solver for the worst-position ranges the searches leave open (an adapter
   * outside the engine: src/app/highs-solver.ts); without one such a range stays a proven range.
   */
  readonly solver?: ProgramSolver;
  /** Skip the worst positions (`worst` is then undefined and not exact): for callers needing only who can win. */
  readonly bestOnly?: boolean;
}

const DEFAULT_BUDGET = 300;
/** Nodes (choice evaluations and search steps) of the search over multisets of places, per competitor. */
const DEFAULT_AGGREGATE_BUDGET = 6_000;

/** Rank position of competitor i after the scorer's last `score`: 1 + those strictly above (undefined if unlisted). */
export function positionOf(scorer: Scorer, i: number): number | undefined {
  if (!scorer.listed[i]) return undefined;
  let above = 0;
  for (let j = 0; j < scorer.n; j++) if (j !== i && scorer.listed[j] && scorer.compare(j, i) < 0) above++;
  return above + 1;
}

/** Analyses every competitor of a compiled championship. */
export function analyseTitleFight(champ: CompiledChampionship, options: TitleFightOptions = {}): TitleFight {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const aggregateBudget = options.aggregateBudget ?? DEFAULT_AGGREGATE_BUDGET;
  const n = champ.competitors.length;
  const scorer = createScorer(champ);
  const inScope = champ.sessions.flatMap((cs, k) => (cs ? [k] : []));

  scorer.score([]);
  const nowPoints = Float64Array.from(scorer.totals);
  const nowPosition = Array.from({ length: n }, (_, i) => positionOf(scorer, i));

  // Nobody scores again: everyone's minimum.
  scorer.score(emptyRemainder(champ));
  const minPoints = Float64Array.from(scorer.totals);
  const minListed = Uint8Array.from(scorer.listed);
  const aboveAtMin: boolean[][] = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => r !== c && minListed[r] === 1 && scorer.compare(r, c) < 0),
  );

  // Each competitor's best case: its best position, and whom it can pass (pairwise).
  const maxPoints = new Float64Array(n);
  const best: (number | undefined)[] = new Array<number | undefined>(n);
  const canPass: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    scorer.score(bestCase(champ, r));
    maxPoints[r] = scorer.totals[r]!;
    best[r] = champ.excluded.has(r) ? undefined : positionOf(scorer, r);
    canPass.push(
      Array.from({ length: n }, (_, c) => r !== c && scorer.listed[r] === 1 && scorer.compare(r, c) < 0),
    );
  }

  let nodes = 0;
  const outlooks: Outlook[] = [];
  for (let c = 0; c < n; c++) {
    const competitor = champ.competitors[c]!;
    const base = {
      index: c,
      competitor,
      position: nowPosition[c],
      points: champ.toFraction(nowPoints[c]!),
      maxPoints: champ.toFraction(maxPoints[c]!),
      minPoints: champ.toFraction(minPoints[c]!),
    };
    if (champ.excluded.has(c)) {
      outlooks.push({
        ...base,
        best: undefined,
        worst: undefined,
        worstExact: true,
        worstBound: undefined,
        status: 'excluded',
        rivals: [],
      });
      continue;
    }
    const certain: number[] = [];
    const possible: number[] = [];
    for (let r = 0; r < n; r++) {
      if (r === c || champ.excluded.has(r)) continue;
      if (aboveAtMin[r]![c]) certain.push(r);
      else if (canPass[r]![c]) possible.push(r);
    }
    scorer.score(retiresEverywhere(champ, c));
    const listedAtWorst = scorer.listed[c] === 1;
    let worst: number | undefined;
    let worstExact = true;
    let worstBound: number | undefined;
    let worstCase: Remainder | undefined = retiresEverywhere(champ, c);
    if (!listedAtWorst) {
      // It can drop out of the final table: no worst position to search for.
      worstCase = retiresEverywhere(champ, c);
    } else if (possible.length > 0 && options.bestOnly) {
      worstExact = false;
      worstCase = undefined;
    } else if (possible.length > 0) {
      const question = { champ, scorer, c, candidates: possible, threshold: minPoints[c]!, inScope };
      const found = maxPasses(question, budget, aggregateBudget, options.solver);
      nodes += found.nodes;
      worst = 1 + certain.length + found.passes;
      worstExact = found.exact;
      worstCase = found.witness && withRetired(champ, c, found.witness);
      if (!found.exact) worstBound = 1 + certain.length + found.bound;
    } else worst = 1 + certain.length;
    if (!listedAtWorst) worst = undefined;
    const clinched = worst === 1 && worstExact;
    const canWin = best[c] === 1;
    const status: TitleStatus =
      clinched && inScope.length === 0
        ? 'champion'
        : clinched
          ? 'clinched'
          : canWin
            ? 'contender'
            : 'eliminated';
    outlooks.push({
      ...base,
      best: best[c],
      worst,
      worstExact,
      worstBound,
      status,
      rivals: [...certain, ...possible],
      ...(options.witnesses ? { witness: { best: bestCase(champ, c), worst: worstCase } } : {}),
    });
  }
  outlooks.sort(
    (a, b) =>
      (a.position ?? Infinity) - (b.position ?? Infinity) ||
      champ.nameRank[a.index]! - champ.nameRank[b.index]!,
  );
  const champion = outlooks.find((o) => o.status === 'champion' || o.status === 'clinched')?.index;
  return {
    championship: champ,
    afterRace: champ.season.afterRace,
    remaining: inScope.length,
    outlooks,
    champion,
    nodes,
  };
}

/** A remainder with competitor c's cars added as retired (so c is in the table, scoring nothing). */
function withRetired(champ: CompiledChampionship, c: number, remainder: Remainder): Remainder {
  return remainder.map((r, k) => {
    const own = champ.sessions[k] ? carsOf(champ, c, k) : [];
    if (!own.length) return r;
    const order = [...(r?.order ? Array.from(r.order) : []), ...own];
    const classified = r ? (r.classified ?? r.order.length) : 0;
    const led = r?.lapsLed ? [...Array.from(r.lapsLed), ...own.map(() => 0)] : undefined;
    return { ...r, order, classified, ...(led ? { lapsLed: led } : {}) };
  });
}
