/**
 * The results JSON document: every classification of a season with names beside ids, so a
 * reader needs no second request. A sibling of standings-json.ts (whose shape is fixed).
 */
import type { Season } from '../../engine/index.js';

export interface ResultRowJson {
  readonly position: number | null;
  readonly classPosition: number | null;
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
  readonly awards: readonly { readonly award: string; readonly scope: string; readonly entry: string }[];
}

export interface ResultsJson {
  readonly season: { readonly id: string; readonly name: string };
  readonly sessions: readonly SessionResultsJson[];
}

/** The results document of a season, sessions in calendar order (only those with results). */
export function resultsJson(season: Season): ResultsJson {
  const entries = new Map(season.entries.map((e) => [e.id, e]));
  const drivers = new Map(season.drivers.map((d) => [d.id, d]));
  const teams = new Map(season.teams.map((t) => [t.id, t]));
  const sessions = season.sessions
    .map((s) => ({ s, c: season.classifications.find((c) => c.sessionId === s.id) }))
    .filter((x) => x.c !== undefined)
    .map(({ s, c }): SessionResultsJson => {
      const classCount = new Map<string, number>();
      return {
        session: s.id,
        race: s.race ?? null,
        event: s.eventId,
        name: s.name,
        state: c!.state ?? null,
        results: c!.rows.map((r) => {
          const e = entries.get(r.entryId);
          let classPosition: number | null = null;
          if (e && r.status === 'classified') {
            classPosition = (classCount.get(e.classId) ?? 0) + 1;
            classCount.set(e.classId, classPosition);
          }
          const team = e && teams.get(e.teamId);
          return {
            position: r.position ?? null,
            classPosition,
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
        awards: season.awards
          .filter((a) => a.sessionId === s.id)
          .map((a) => ({ award: a.award, scope: a.scope, entry: a.entryId })),
      };
    });
  return { season: { id: season.id, name: season.name }, sessions };
}
