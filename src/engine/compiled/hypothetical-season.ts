/**
 * Between hypothetical remainders and season data: a remainder written into the season (for the
 * full engine: what-if standings with every point explained, and the fast path's equivalence
 * test), and a season's own results read back as a remainder (replaying a season through the
 * fast path).
 */
import { STARTED_STATUSES } from '../season.js';
import type { Award, Classification, ClassificationRow, Season } from '../season.js';
import type { CompiledSeason, HypotheticalAward, HypotheticalResult, Remainder } from './types.js';

/**
 * The season with the compiled race's remaining sessions replaced by the remainder: results the
 * data holds for those sessions are removed, and each given result becomes a classification
 * (classified cars with the full scheduled distance, the others retired) with its awards.
 */
export function seasonWithRemainder(season: Season, compiled: CompiledSeason, remainder: Remainder): Season {
  const later = new Set(compiled.sessions.map((s) => s.id));
  const classifications: Classification[] = season.classifications.filter((c) => !later.has(c.sessionId));
  const awards: Award[] = season.awards.filter((a) => !later.has(a.sessionId));
  const sessions = new Map(season.sessions.map((s) => [s.id, s]));
  compiled.sessions.forEach((rs, k) => {
    const r = remainder[k];
    if (!r) return;
    const laps = sessions.get(rs.id)?.scheduledLaps ?? 1;
    const classified = r.classified ?? r.order.length;
    const rows: ClassificationRow[] = Array.from(r.order, (e, s) => {
      const entryId = compiled.entries[e]!.id;
      const led = r.lapsLed?.[s];
      return {
        entryId,
        status: s < classified ? 'classified' : 'DNF',
        ...(s < classified ? { position: s + 1, laps } : {}),
        ...(led ? { lapsLed: led } : {}),
      };
    });
    classifications.push({ sessionId: rs.id, rows });
    for (const a of r.awards ?? [])
      awards.push({
        sessionId: rs.id,
        award: a.award,
        scope: a.scope,
        entryId: compiled.entries[a.entry]!.id,
      });
  });
  return { ...season, classifications, awards };
}

/**
 * The season's own results for the compiled remaining sessions, as a remainder. Classified rows go
 * in position order, then every other row as retired. Returns undefined for a session whose data a
 * hypothetical result cannot carry (a driver named on a row or an award, a gap in the positions). An award naming the entry's only driver is the entry's award.
 */
export function remainderOf(season: Season, compiled: CompiledSeason): (HypotheticalResult | undefined)[] {
  const byId = new Map(season.classifications.map((c) => [c.sessionId, c]));
  return compiled.sessions.map((rs) => {
    const c = byId.get(rs.id);
    if (!c) return undefined;
    const classified = c.rows
      .filter((r) => r.status === 'classified' && r.position !== undefined)
      .sort((a, b) => a.position! - b.position!);
    if (classified.some((r, i) => r.position !== i + 1)) return undefined;
    if (c.rows.some((r) => r.driverIds !== undefined)) return undefined;
    // Cars that did not start took no part in a hypothetical result.
    const others = c.rows.filter((r) => !classified.includes(r) && STARTED_STATUSES.has(r.status));
    const rows = [...classified, ...others];
    const order = rows.map((r) => compiled.entryIndex.get(r.entryId)!);
    const awards: HypotheticalAward[] = [];
    for (const a of season.awards) {
      if (a.sessionId !== rs.id) continue;
      const entry = compiled.entryIndex.get(a.entryId)!;
      // An award naming the entry's only driver is the entry's award.
      const drivers = compiled.entries[entry]!.driverIds;
      if (a.driverId !== undefined && (drivers.length !== 1 || drivers[0] !== a.driverId)) return undefined;
      awards.push({ award: a.award, scope: a.scope, entry });
    }
    const led = rows.map((r) => r.lapsLed ?? 0);
    return {
      order,
      classified: classified.length,
      ...(awards.length ? { awards } : {}),
      ...(led.some((l) => l > 0) ? { lapsLed: led } : {}),
    };
  });
}
