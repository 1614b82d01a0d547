/**
 * A competitor's explanation as it stood after each race: position, points, and how the list of
 * counted contributions then differed from the final one (results not yet dropped, or dropped
 * then and counted later), with the tie-breaks that placed it. Race k's contributions do not
 * change with the race a table is taken after; what does (drops, totals, positions, tie-breaks)
 * is what each row carries. So the final explanation and these rows hold everything the
 * explanations after each race hold, on one page (the static site writes that page instead of
 * one page per competitor and race, issue 12).
 */
import { explain } from '../../engine/index.js';
import type { Contribution, Explanation, Fraction, SeasonStandings } from '../../engine/index.js';
import { racesWithResults } from './season-view.js';
import type { SeasonView } from './season-view.js';

export interface ExplanationStep {
  /** The table is the one after this race. */
  readonly afterRace: number;
  readonly position: number;
  readonly shared: boolean;
  readonly points: Fraction;
  /** Excluded from the championship at that point (the reason). */
  readonly excludedReason?: string;
  /** Contributions of races up to this one that did not count then but count at the end. */
  readonly notCountedThen: readonly Contribution[];
  /** Contributions that counted then but do not count at the end (dropped later, for instance). */
  readonly countedThenOnly: readonly Contribution[];
  readonly belowPrevious?: Explanation['belowPrevious'];
  readonly aboveNext?: Explanation['aboveNext'];
}

/** One contribution, told apart from the others of its race. */
const keyOf = (c: Contribution) =>
  `${c.race ?? ''}|${c.sessionId ?? ''}|${c.rule}|${c.entryId ?? ''}|${c.description}`;

/**
 * The steps of `competitorId`'s explanation in `championshipId`, one per race with results up to
 * the final table's (`final`), from `standingsAfter(race)` (the season's standings after that race).
 * Races at which the competitor was not in the table yet have no step.
 */
export function explanationHistory(
  view: SeasonView,
  final: Explanation,
  standingsAfter: (afterRace: number) => SeasonStandings,
): ExplanationStep[] {
  const finalCounted = new Set(final.counted.map(keyOf));
  const steps: ExplanationStep[] = [];
  for (const session of racesWithResults(view)) {
    const race = session.race!;
    if (race > final.afterRace) break;
    const standings = standingsAfter(race);
    const table = standings.championships.find((t) => t.id === final.championshipId);
    if (!table) continue;
    const then = explain({ ...standings, championships: [table] }, final.competitor.id)[0];
    if (!then) continue;
    steps.push({
      afterRace: race,
      position: then.position,
      shared: then.shared,
      points: then.points,
      ...(then.excludedReason === undefined ? {} : { excludedReason: then.excludedReason }),
      notCountedThen: then.notCounted.filter((c) => finalCounted.has(keyOf(c))),
      countedThenOnly: then.counted.filter((c) => !finalCounted.has(keyOf(c))),
      ...(then.belowPrevious ? { belowPrevious: then.belowPrevious } : {}),
      ...(then.aboveNext ? { aboveNext: then.aboveNext } : {}),
    });
  }
  return steps;
}
