/**
 * The results JSON document: every session's official classification (the engine's: penalties
 * applied, overall and class positions) with names beside ids, so a reader needs no second
 * request, and the penalties applied with their decisions. A sibling of standings-json.ts (whose
 * shape is fixed).
 */
import { describePenalty, formatDecimalExact, officialResults } from '../../engine/index.js';
import type { AppliedPenalty, Season } from '../../engine/index.js';

/** A penalty applied to a session's results. */
export interface PenaltyJson {
  readonly entry: string;
  readonly kind: 'time-penalty' | 'places-penalty' | 'disqualification';
  /** Seconds added (time penalties), exact as a decimal string ("5", "2.5"). */
  readonly seconds: string | null;
  /** Places dropped (places penalties). */
  readonly places: number | null;
  /** In words: "5 s time penalty". */
  readonly description: string;
  /** The stewards' decision. */
  readonly decision: string;
  /** The car's position before and after this penalty (null: not classified). */
  readonly positionBefore: number | null;
  readonly positionAfter: number | null;
}

export interface ResultRowJson {
  readonly position: number | null;
  readonly classPosition: number | null;
  /** The position in the results as entered, when a penalty changed it (else null). */
  readonly positionBeforePenalties: number | null;
  readonly entry: string;
  readonly car: string | null;
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly class: string | null;
  readonly drivers: readonly { readonly id: string; readonly name: string }[];
  readonly status: string;
  readonly laps: number | null;
  readonly lapsLed: number | null;
  readonly time: string | null;
}

export interface SessionResultsJson {
  readonly session: string;
  readonly race: number | null;
  readonly event: string;
  readonly name: string;
  readonly state: string | null;
  readonly results: readonly ResultRowJson[];
  readonly penalties: readonly PenaltyJson[];
  readonly awards: readonly { readonly award: string; readonly scope: string; readonly entry: string }[];
}

export interface ResultsJson {
  readonly season: { readonly id: string; readonly name: string };
  readonly sessions: readonly SessionResultsJson[];
}

const penaltyJson = ({ penalty, before, after }: AppliedPenalty): PenaltyJson => ({
  entry: penalty.entryId,
  kind: penalty.kind,
  seconds: penalty.kind === 'time-penalty' ? formatDecimalExact(penalty.seconds) : null,
  places: penalty.kind === 'places-penalty' ? penalty.places : null,
  description: describePenalty(penalty),
  decision: penalty.reason,
  positionBefore: before ?? null,
  positionAfter: after ?? null,
});

/** The results document of a season, sessions in calendar order (only those with results). */
export function resultsJson(season: Season): ResultsJson {
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const drivers = new Map(season.drivers.map((d) => [d.id, d]));
  const teams = new Map(season.teams.map((t) => [t.id, t]));
  const sessions = officialResults(season).sessions.map(
    ({ session: s, state, rows, penalties }): SessionResultsJson => ({
      session: s.id,
      race: s.race ?? null,
      event: s.eventId,
      name: s.name,
      state: state ?? null,
      results: rows.map(({ row: r, classPosition, positionBeforePenalties }) => {
        const e = entries.get(r.entryId);
        const team = e && teams.get(e.teamId);
        return {
          position: r.position ?? null,
          classPosition: classPosition ?? null,
          positionBeforePenalties: positionBeforePenalties ?? null,
          entry: r.entryId,
          car: e?.car ?? null,
          team: team ? { id: team.id, name: team.name } : null,
          class: e?.classId ?? null,
          drivers: (r.driverIds ?? e?.driverIds ?? []).map((id) => ({
            id,
            name: drivers.get(id)?.name ?? id,
          })),
          status: r.status,
          laps: r.laps ?? null,
          lapsLed: r.lapsLed ?? null,
          time: r.time ?? null,
        };
      }),
      penalties: penalties.map(penaltyJson),
      awards: season.awards
        .filter((a) => a.sessionId === s.id)
        .map((a) => ({ award: a.award, scope: a.scope, entry: a.entryId })),
    }),
  );
  return { season: { id: season.id, name: season.name }, sessions };
}
