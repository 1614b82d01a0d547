/**
 * Small seasons the brute force (brute-force.ts) can enumerate, for the property tests of the
 * title fight and of the search over multisets of places: 2 to 4 entries, 2 to 4 sessions, every
 * competitor in the first race and classified there, one random championship.
 */
import fc from 'fast-check';
import type { Championship, Rulebook } from '../../rulebook.js';
import type { Season } from '../../season.js';
import {
  buildSpecSeason,
  championshipArb,
  entriesArb,
  resultArb,
  rulebookOf,
  sessionsArb,
} from '../../compiled/test-support/random-season.js';
import type { SeasonSpec } from '../../compiled/test-support/random-season.js';

export interface SmallCase {
  readonly season: Season;
  readonly rulebook: Rulebook;
  /** The last race held. */
  readonly afterRace: number;
}

export const smallCaseArb: fc.Arbitrary<SmallCase> = fc
  .record({
    entries: entriesArb({ min: 2, max: 4 }),
    sessions: sessionsArb({ minLength: 2, maxLength: 4 }),
    held: fc.nat(3),
    results: fc.array(resultArb(['a', 'b', 'c', 'd']), { minLength: 4, maxLength: 4 }),
    champ: championshipArb,
  })
  .map(({ entries, sessions, held, results, champ }) => {
    const ids = entries.map((e) => e.id);
    const first = sessions.findIndex((s) => s.type === 'race');
    const nHeld = Math.min(sessions.length - 1, Math.max(first + 1, held));
    const spec: SeasonSpec = {
      entries,
      sessions,
      results: results.slice(0, nHeld).map((r, i) => {
        const order = i === first ? ids : r.order.filter((id) => ids.includes(id));
        const use = order.length ? order : [ids[0]!];
        return {
          order: use,
          classified: i === first ? use.length : Math.max(1, use.length - r.dnf),
          pole: r.pole !== undefined && use.includes(r.pole) ? r.pole : undefined,
          fastest: r.fastest.filter((id) => use.includes(id)),
          classPole: undefined,
          led: [],
        };
      }),
      adjustments: [],
    };
    // Laps-led bonuses are left out (the brute force does not enumerate who led); every competitor
    // is listed already, so taking no part and retiring are alike.
    const championship: Championship = {
      ...champ,
      bonuses: champ.bonuses.filter((b) => b.kind !== 'lap-led' && b.kind !== 'most-laps-led'),
      listed: 'entered',
    };
    const season = buildSpecSeason(spec);
    const rulebook = rulebookOf(championship);
    const heldSessions = season.sessions.filter((s) =>
      season.classifications.some((c) => c.sessionId === s.id),
    );
    const afterRace = Math.max(0, ...heldSessions.flatMap((s) => (s.race === undefined ? [] : [s.race])));
    return { season, rulebook, afterRace };
  });
