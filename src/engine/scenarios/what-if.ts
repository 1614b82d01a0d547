/**
 * What-if: hypothetical results for races not yet run, or changed results for races run (a
 * different stewards' decision), scored by the full engine with every point explained; nothing is
 * saved. And rescoring under another rulebook, side by side with the season's own.
 */
import { computeStandings } from '../compute-standings.js';
import { compare, subtract } from '../fraction.js';
import type { Fraction } from '../fraction.js';
import { fail, issue, ok } from '../issues.js';
import type { Issue, Result } from '../issues.js';
import type { Rulebook } from '../rulebook.js';
import { isPenalty } from '../season.js';
import type { Award, ClassificationRow, Season } from '../season.js';
import { indexSeason } from '../season-index.js';
import type { ChampionshipStandings, Competitor, SeasonStandings } from '../standings.js';

/** One race's hypothetical or changed result. */
export interface RaceChange {
  readonly race: number;
  /** Entry ids classified in this order (positions 1, 2, ...). */
  readonly order: readonly string[];
  /** Entry ids that retired (not classified). */
  readonly retired?: readonly string[];
  /** Entry ids holding the overall pole and fastest lap. */
  readonly pole?: string;
  readonly fastestLap?: string;
}

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/**
 * Parses "race 15: hartog, yardley, sedgwick; dnf cooper; pole hartog; fastest yardley". A car is
 * named by its entry id, car number (24 or #24), or a driver's id, full name or surname (without
 * regard to case or accents), among the entries of that race's event.
 */
export function parseRaceChange(text: string, season: Season): Result<RaceChange> {
  const head = /^\s*race\s+(\d+)\s*:(.*)$/is.exec(text);
  if (!head)
    return fail([
      issue(
        'whatif.syntax',
        ['set'],
        `cannot read "${text}"`,
        'Write it as "race 15: hartog, yardley; dnf cooper; pole hartog; fastest yardley".',
      ),
    ]);
  const race = Number(head[1]);
  const session = season.sessions.find((s) => s.race === race);
  if (!session) {
    const races = season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race]));
    return fail([
      issue(
        'whatif.race',
        ['set'],
        `there is no race ${race} in ${season.id}`,
        `Races run from ${Math.min(...races)} to ${Math.max(...races)}.`,
      ),
    ]);
  }
  const entries = season.entries.filter((e) => e.eventIds.includes(session.eventId));
  const drivers = new Map(season.drivers.map((d) => [d.id, d]));
  const issues: Issue[] = [];
  const resolve = (token: string): string | undefined => {
    const t = normalise(token);
    const car = t.replace(/^#/, '');
    const matches = entries.filter((e) => {
      if (normalise(e.id) === t || normalise(e.car) === car) return true;
      return e.driverIds.some((id) => {
        const name = normalise(drivers.get(id)?.name ?? id);
        return normalise(id) === t || name === t || name.split(/\s+/).at(-1) === t;
      });
    });
    if (matches.length === 1) return matches[0]!.id;
    if (matches.length === 0)
      issues.push(
        issue(
          'whatif.unknown-competitor',
          ['set', race, token],
          `nobody called "${token}" is entered for race ${race}`,
          'Name a driver, a car number or an entry id.',
        ),
      );
    else
      issues.push(
        issue(
          'whatif.ambiguous',
          ['set', race, token],
          `"${token}" names ${matches.length} entries in race ${race}: ${matches.map((e) => e.id).join(', ')}`,
          'Use the entry id or car number.',
        ),
      );
    return undefined;
  };
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const [orderText = '', ...clauses] = head[2]!.split(';');
  const order = list(orderText).map(resolve);
  const retired: (string | undefined)[] = [];
  let pole: string | undefined;
  let fastestLap: string | undefined;
  for (const clause of clauses) {
    const m = /^\s*(dnf|retired|pole|fastest(?: lap)?)\s+(.+)$/i.exec(clause);
    if (!m) {
      if (clause.trim())
        issues.push(
          issue(
            'whatif.syntax',
            ['set', race],
            `cannot read "${clause.trim()}"`,
            'Clauses are "dnf a, b", "pole a" and "fastest a".',
          ),
        );
      continue;
    }
    const what = m[1]!.toLowerCase();
    if (what === 'dnf' || what === 'retired') retired.push(...list(m[2]!).map(resolve));
    else if (what === 'pole') pole = resolve(m[2]!);
    else fastestLap = resolve(m[2]!);
  }
  const all = [...order, ...retired].filter((e): e is string => e !== undefined);
  const twice = all.filter((e, i) => all.indexOf(e) !== i);
  for (const e of new Set(twice))
    issues.push(issue('whatif.duplicate', ['set', race, e], `${e} is named twice in race ${race}`));
  if (issues.length) return fail(issues);
  return ok({
    race,
    order: order as string[],
    ...(retired.length ? { retired: retired as string[] } : {}),
    ...(pole === undefined ? {} : { pole }),
    ...(fastestLap === undefined ? {} : { fastestLap }),
  });
}

/**
 * The season with the changes written in. A race not run gets the cars named (classified in order,
 * then those retired). A race run keeps every car not named behind the ones named, in its order and
 * with its status; a named car retired loses its place. Awards named replace the overall ones.
 */
export function applyRaceChanges(season: Season, changes: readonly RaceChange[]): Result<Season> {
  // A changed race starts from its official classification (penalties applied) and its new order
  // is final: the penalties of that session are not applied a second time.
  const index = indexSeason(season);
  let classifications = season.classifications.map((c) => index.findClassification(c.sessionId) ?? c);
  let awards: Award[] = [...season.awards];
  const changedSessions = new Set<string>();
  const issues: Issue[] = [];
  for (const change of changes) {
    const session = season.sessions.find((s) => s.race === change.race);
    if (!session) {
      issues.push(
        issue('whatif.race', ['set', change.race], `there is no race ${change.race} in ${season.id}`),
      );
      continue;
    }
    changedSessions.add(session.id);
    const before = classifications.find((c) => c.sessionId === session.id);
    const named = new Set([...change.order, ...(change.retired ?? [])]);
    const kept = (before?.rows ?? []).filter((r) => !named.has(r.entryId));
    const keptClassified = kept
      .filter((r) => r.status === 'classified' && r.position !== undefined)
      .sort((a, b) => a.position! - b.position!);
    const others = kept.filter((r) => !keptClassified.includes(r));
    const laps = session.scheduledLaps;
    const rows: ClassificationRow[] = [
      ...change.order.map((entryId, i): ClassificationRow => ({
        entryId,
        status: 'classified',
        position: i + 1,
        ...(laps === undefined ? {} : { laps }),
      })),
      ...keptClassified.map((r, i) => ({ ...r, position: change.order.length + i + 1 })),
      ...others,
      ...(change.retired ?? []).map((entryId): ClassificationRow => ({ entryId, status: 'DNF' })),
    ];
    classifications = [
      ...classifications.filter((c) => c.sessionId !== session.id),
      { sessionId: session.id, rows, ...(before?.state ? { state: before.state } : {}) },
    ];
    for (const [kind, entryId] of [
      ['pole', change.pole],
      ['fastest-lap', change.fastestLap],
    ] as const) {
      if (entryId === undefined) continue;
      awards = [
        ...awards.filter((a) => !(a.sessionId === session.id && a.award === kind && a.scope === 'overall')),
        { sessionId: session.id, award: kind, scope: 'overall', entryId },
      ];
    }
  }
  if (issues.length) return fail(issues);
  // Unchanged sessions go back to their results as entered, with their penalties.
  classifications = classifications.map((c) =>
    changedSessions.has(c.sessionId)
      ? c
      : (season.classifications.find((x) => x.sessionId === c.sessionId) ?? c),
  );
  const adjustments = season.adjustments.filter((a) => !(isPenalty(a) && changedSessions.has(a.sessionId)));
  return ok({ ...season, classifications, awards, adjustments });
}

/** One competitor in two tables: the one asked for and the one compared with. */
export interface ComparedRow {
  readonly competitor: Competitor;
  /** In the table asked for (undefined: not in it). */
  readonly position: number | undefined;
  readonly shared: boolean;
  readonly points: Fraction | undefined;
  /** In the table compared with. */
  readonly basePosition: number | undefined;
  readonly basePoints: Fraction | undefined;
  /** Places gained (positive) or lost; undefined when not in both. */
  readonly moved: number | undefined;
  readonly pointsChange: Fraction | undefined;
}

export interface ComparedChampionship {
  readonly id: string;
  readonly name: string;
  readonly afterRace: number;
  /** The table asked for, in its order, then competitors only in the other table. */
  readonly rows: readonly ComparedRow[];
}

/** Two standings side by side, championship by championship (matched by id). */
export function compareStandings(asked: SeasonStandings, base: SeasonStandings): ComparedChampionship[] {
  return asked.championships.map((c) =>
    compareChampionship(
      c,
      base.championships.find((b) => b.id === c.id),
    ),
  );
}

function compareChampionship(
  c: ChampionshipStandings,
  base: ChampionshipStandings | undefined,
): ComparedChampionship {
  const baseRows = new Map((base?.rows ?? []).map((r) => [r.competitor.id, r]));
  const rows: ComparedRow[] = c.rows.map((r) => {
    const b = baseRows.get(r.competitor.id);
    return {
      competitor: r.competitor,
      position: r.position,
      shared: r.shared,
      points: r.points,
      basePosition: b?.position,
      basePoints: b?.points,
      moved: b ? b.position - r.position : undefined,
      pointsChange: b ? subtract(r.points, b.points) : undefined,
    };
  });
  const seen = new Set(c.rows.map((r) => r.competitor.id));
  for (const b of base?.rows ?? [])
    if (!seen.has(b.competitor.id))
      rows.push({
        competitor: b.competitor,
        position: undefined,
        shared: false,
        points: undefined,
        basePosition: b.position,
        basePoints: b.points,
        moved: undefined,
        pointsChange: undefined,
      });
  return { id: c.id, name: c.name, afterRace: c.afterRace, rows };
}

export interface WhatIf {
  readonly season: Season;
  readonly afterRace: number;
  /** The standings with the changes, against the standings without them after the same race. */
  readonly standings: SeasonStandings;
  readonly compared: readonly ComparedChampionship[];
}

/** Standings with hypothetical or changed results, against the real ones after the same race. */
export function whatIf(
  season: Season,
  rulebook: Rulebook,
  changes: readonly RaceChange[],
  options: { readonly afterRace?: number; readonly championships?: readonly string[] } = {},
): Result<WhatIf> {
  const changed = applyRaceChanges(season, changes);
  if (!changed.ok) return changed;
  const heldRaces = changed.value.sessions.flatMap((s) =>
    s.race !== undefined && changed.value.classifications.some((c) => c.sessionId === s.id) ? [s.race] : [],
  );
  const afterRace = options.afterRace ?? Math.max(0, ...heldRaces, ...changes.map((c) => c.race));
  const query = {
    ...(afterRace === 0 ? {} : { afterRace }),
    ...(options.championships ? { championships: options.championships } : {}),
  };
  const asked = computeStandings(changed.value, rulebook, query);
  if (!asked.ok) return asked;
  const base = computeStandings(season, rulebook, query);
  if (!base.ok) return base;
  return ok({
    season: changed.value,
    afterRace,
    standings: asked.value,
    compared: compareStandings(asked.value, base.value),
  });
}

/** The season's standings under another rulebook, against its own rulebook's. */
export function rescore(
  season: Season,
  own: Rulebook,
  other: Rulebook,
  options: { readonly afterRace?: number; readonly championships?: readonly string[] } = {},
): Result<{ readonly standings: SeasonStandings; readonly compared: readonly ComparedChampionship[] }> {
  const query = {
    ...(options.afterRace === undefined ? {} : { afterRace: options.afterRace }),
    ...(options.championships ? { championships: options.championships } : {}),
  };
  const asked = computeStandings(season, other, query);
  if (!asked.ok) return asked;
  const ownIds = new Set(own.championships.map((c) => c.id));
  const base = computeStandings(season, own, {
    ...query,
    ...(options.championships ? { championships: options.championships.filter((id) => ownIds.has(id)) } : {}),
  });
  if (!base.ok) return base;
  return ok({ standings: asked.value, compared: compareStandings(asked.value, base.value) });
}

/** Whether a comparison changes anything (a position or points). */
export const changesAnything = (c: ComparedChampionship) =>
  c.rows.some(
    (r) =>
      r.moved !== 0 || (r.pointsChange !== undefined && compare(r.pointsChange, { num: 0n, den: 1n }) !== 0),
  );
