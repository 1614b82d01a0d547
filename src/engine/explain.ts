/**
 * One competitor's standing in each championship, point by point: what counted, what was dropped
 * or did not count and why, and the tie-break steps around them.
 */
import type { Fraction } from './fraction.js';
import type { ChampionshipStandings, Contribution, SeasonStandings, TieBreakStep } from './standings.js';

export interface Explanation {
  readonly championshipId: string;
  readonly championshipName: string;
  readonly afterRace: number;
  readonly position: number;
  readonly shared: boolean;
  readonly competitor: { readonly id: string; readonly name: string };
  readonly points: Fraction;
  readonly counted: readonly Contribution[];
  readonly notCounted: readonly Contribution[];
  /** How the row above was placed above this one, and how this one was placed above the next. */
  readonly belowPrevious?: TieBreakStep & { readonly competitor: string };
  readonly aboveNext?: TieBreakStep & { readonly competitor: string };
  readonly excludedReason?: string;
}

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Whether `query` names this competitor: its id, or its name without regard to case or accents. */
export const matchesCompetitor = (query: string, c: { id: string; name: string }) =>
  c.id === query || normalise(c.name) === normalise(query);

function explainIn(table: ChampionshipStandings, query: string): Explanation | undefined {
  const i = table.rows.findIndex((r) => matchesCompetitor(query, r.competitor));
  const base = { championshipId: table.id, championshipName: table.name, afterRace: table.afterRace };
  if (i < 0) {
    const ex = table.excluded.find((e) => matchesCompetitor(query, e.competitor));
    if (!ex) return undefined;
    return {
      ...base,
      position: 0,
      shared: false,
      competitor: ex.competitor,
      points: ex.points,
      counted: [],
      notCounted: [],
      excludedReason: ex.reason,
    };
  }
  const row = table.rows[i]!;
  const prev = table.rows[i - 1];
  return {
    ...base,
    position: row.position,
    shared: row.shared,
    competitor: { id: row.competitor.id, name: row.competitor.name },
    points: row.points,
    counted: row.contributions.filter((c) => c.counted),
    notCounted: row.contributions.filter((c) => !c.counted),
    ...(prev?.aboveNext ? { belowPrevious: { ...prev.aboveNext, competitor: prev.competitor.name } } : {}),
    ...(row.aboveNext
      ? { aboveNext: { ...row.aboveNext, competitor: table.rows[i + 1]!.competitor.name } }
      : {}),
  };
}

/** Explains a competitor (id or name) in every championship where it appears. */
export function explain(standings: SeasonStandings, query: string): Explanation[] {
  return standings.championships.flatMap((t) => explainIn(t, query) ?? []);
}
