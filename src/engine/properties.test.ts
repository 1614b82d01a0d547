/**
 * Properties that hold for any season: input order does not matter, totals equal the counted
 * contributions, the ranking is a strict order once tie-breaks are applied, drops never raise a
 * total, and a session no championship scores changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from './compute-standings.js';
import { compare, formatExact, fraction, sum } from './fraction.js';
import type { Championship } from './rulebook.js';
import type { Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import type { RaceSpec } from './test-support/builders.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

/** A random season: 1-8 races of a random subset of 8 entries in random order, with bonuses. */
const seasonArb = fc
  .array(
    fc.record({
      order: fc.shuffledSubarray(ids, { minLength: 1 }),
      dnf: fc.nat(3),
      pole: fc.constantFrom(...ids),
      fastest: fc.subarray(ids, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((races) =>
    buildSeason({
      entries: ids.map((id, i) => ({ id, team: `t${i % 3}`, class: i % 2 ? 'am' : 'pro' })),
      races: races.map((r): RaceSpec => ({
        rows: r.order.map((entry, i) =>
          i >= r.order.length - Math.min(r.dnf, r.order.length - 1)
            ? { entry, status: 'DNF' as const }
            : entry,
        ),
        pole: r.order.includes(r.pole) ? [r.pole] : [],
        fastestLap: r.fastest.filter((x) => r.order.includes(x)),
      })),
    }),
  );

const champArb: fc.Arbitrary<Partial<Championship>> = fc.record({
  basis: fc.constantFrom('overall' as const, 'class' as const),
  competitor: fc.constantFrom('driver' as const, 'team' as const),
  bonuses: fc.constant([
    { kind: 'pole' as const, points: fraction(2), scope: 'overall' as const },
    { kind: 'fastest-lap' as const, points: fraction(1), scope: 'overall' as const },
  ]),
  drops: fc.constantFrom(
    [],
    [{ kind: 'best-results' as const, count: 3 }],
    [{ kind: 'drop-lowest' as const, count: 2, window: 'before-final-event' as const }],
  ),
  teamScoring: fc.constantFrom({ kind: 'all-cars' as const }, { kind: 'best-cars' as const, count: 1 }),
});

const tables = (season: Season, champ: Partial<Championship>) => {
  const result = computeStandings(season, buildRulebook(champ));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value.championships[0]!;
};
const snapshot = (season: Season, champ: Partial<Championship>) =>
  tables(season, champ).rows.map((r) => [r.position, r.competitor.id, formatExact(r.points)]);

describe('standings properties', () => {
  it('do not depend on the order of the input rows, entries or awards', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const shuffled: Season = {
          ...season,
          entries: [...season.entries].reverse(),
          awards: [...season.awards].reverse(),
          classifications: [...season.classifications]
            .reverse()
            .map((c) => ({ ...c, rows: [...c.rows].reverse() })),
        };
        expect(snapshot(shuffled, champ)).toEqual(snapshot(season, champ));
      }),
      { numRuns: 150 },
    );
  });

  it('total exactly the counted contributions', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        for (const row of tables(season, champ).rows) {
          expect(formatExact(sum(row.contributions.filter((c) => c.counted).map((c) => c.points)))).toBe(
            formatExact(row.points),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rank in a strict order: points never rise down the table, and equal positions are full ties', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const rows = tables(season, champ).rows;
        rows.forEach((row, i) => {
          const next = rows[i + 1];
          if (!next) return;
          expect(compare(row.points, next.points)).toBeGreaterThanOrEqual(0);
          if (next.position === row.position) expect(row.aboveNext?.rule).toBe('shared');
          else expect(next.position).toBe(i + 2);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('never raise a total by dropping results', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const withDrops = tables(season, champ);
        const without = new Map(
          tables(season, { ...champ, drops: [] }).rows.map((r) => [r.competitor.id, r.points]),
        );
        for (const row of withDrops.rows)
          expect(compare(row.points, without.get(row.competitor.id)!)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });

  it('do not change when a session no championship scores is added', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const practice: Season = {
          ...season,
          sessions: [
            ...season.sessions,
            { id: 'fp1', eventId: season.events[0]!.id, type: 'practice', name: 'Practice' },
          ],
          classifications: [
            ...season.classifications,
            {
              sessionId: 'fp1',
              rows: season.entries.map((e, i) => ({
                entryId: e.id,
                status: 'classified' as const,
                position: i + 1,
              })),
            },
          ],
        };
        expect(snapshot(practice, champ)).toEqual(snapshot(season, champ));
      }),
      { numRuns: 100 },
    );
  });

  it('do not mutate their input', () => {
    fc.assert(
      fc.property(seasonArb, champArb, (season, champ) => {
        const before = JSON.stringify(season, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        tables(season, champ);
        expect(JSON.stringify(season, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toBe(
          before,
        );
      }),
      { numRuns: 50 },
    );
  });
});
