/**
 * JSON documents the CLI and the API both serve, built in one place so `paddock ... --json` and
 * `GET /api/v1/...` answer with the same bytes (docs/json.md).
 */
import { formatExact, toNumber } from '../engine/index.js';
import type { Explanation, Result } from '../engine/index.js';
import { resultsJson } from '../exporters/json/results-json.js';
import type { SessionResultsJson } from '../exporters/json/results-json.js';
import { contributionJson } from '../exporters/json/standings-json.js';
import type { SeasonVersion } from './common.js';

/** `paddock explain --json` and GET /seasons/{season}/explanations/{competitor}. */
export const explanationsDocument = (found: readonly Explanation[]) =>
  found.map((x) => ({
    championship: { id: x.championshipId, name: x.championshipName },
    afterRace: x.afterRace,
    position: x.position,
    shared: x.shared,
    competitor: x.competitor,
    points: toNumber(x.points),
    pointsExact: formatExact(x.points),
    counted: x.counted.map(contributionJson),
    notCounted: x.notCounted.map(contributionJson),
    belowPrevious: x.belowPrevious ?? null,
    aboveNext: x.aboveNext ?? null,
    excludedReason: x.excludedReason ?? null,
  }));

/** The text both print: JSON with two spaces, then a newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** GET /seasons/{season}: the season, its classes, championships and rulebook, and its version. */
export function seasonOverview(sv: SeasonVersion) {
  const { season, rulebook } = sv.loaded;
  return {
    id: season.id,
    name: season.name,
    year: season.year,
    series: season.series,
    aliases: season.aliases,
    version: sv.version,
    classes: season.classes,
    championships: rulebook.championships.map((c) => ({ id: c.id, name: c.name, competitor: c.competitor })),
    rulebook: {
      id: rulebook.id,
      name: rulebook.name,
      ...(rulebook.source === undefined ? {} : { source: rulebook.source }),
    },
    notes: season.notes,
  };
}

/** `paddock calendar --json` and GET /seasons/{season}/events: events in round order with their sessions. */
export function calendarDocument(sv: SeasonVersion) {
  const { season } = sv.loaded;
  return [...season.events]
    .sort((a, b) => a.round - b.round)
    .map((e) => ({
      ...e,
      sessions: season.sessions
        .filter((s) => s.eventId === e.id)
        .map((s) => ({
          id: s.id,
          type: s.type,
          name: s.name,
          race: s.race ?? null,
          state: season.classifications.find((c) => c.sessionId === s.id)?.state ?? null,
          // Local date and start time in the event's timezone, when the calendar gives them.
          ...(s.date === undefined ? {} : { date: s.date }),
          ...(s.time === undefined ? {} : { time: s.time }),
          ...(s.durationMinutes === undefined ? {} : { durationMinutes: s.durationMinutes }),
        })),
    }));
}

/** `paddock entries --json` and GET /seasons/{season}/entries: the entry list with names. */
export function entriesDocument(sv: SeasonVersion) {
  const { season } = sv.loaded;
  const drivers = new Map(season.drivers.map((d) => [d.id, d]));
  const teams = new Map(season.teams.map((t) => [t.id, t]));
  return season.entries.map((e) => ({
    id: e.id,
    car: e.car,
    class: e.classId,
    team: { id: e.teamId, name: teams.get(e.teamId)?.name ?? e.teamId },
    drivers: e.driverIds.map((id) => ({ id, name: drivers.get(id)?.name ?? id })),
    events: e.eventIds,
    eligible: e.eligible,
    driverPoints: e.driverPoints !== false,
  }));
}

/**
 * `paddock results --json` and GET /seasons/{season}/results/{session}: one session's results
 * (the results JSON document's session) with the decision that amended it.
 */
export function sessionResultsDocument(
  sv: SeasonVersion,
  sessionId: string,
): Result<SessionResultsJson & { readonly decision: string | null }> {
  const { season, decisions } = sv.loaded;
  const doc = resultsJson(season).sessions.find((x) => x.session === sessionId);
  if (doc) return { ok: true, value: { ...doc, decision: decisions.get(sessionId) ?? null } };
  const known = season.sessions.some((x) => x.id === sessionId);
  return {
    ok: false,
    issues: [
      known
        ? {
            code: 'not-found.results',
            path: ['session'],
            message: `session "${sessionId}" has no results yet`,
          }
        : {
            code: 'session.unknown',
            path: ['session'],
            message: `no session "${sessionId}" in ${season.id}`,
          },
    ],
  };
}
