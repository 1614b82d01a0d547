/**
 * A table stays what it was when later computations run. The engine reuses buffers between
 * computations (season-rows.ts: the arena, validation's row data) and makes a row's explanations
 * when they are first read (bulk-standings.ts), so a table read only after other seasons were
 * scored must still read as one read at once. Breaking the release (a buffer handed on while a
 * table can still read it) fails this test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings, computeTotals } from './compute-standings.js';
import { buildRulebook } from './test-support/builders.js';
import { champArb, seasonArb } from './test-support/random-standings.js';

const text = (x: unknown): string =>
  JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

describe('a computed table read after later computations', () => {
  it('reads the same as one read at once', () => {
    fc.assert(
      fc.property(
        seasonArb,
        champArb,
        fc.array(fc.tuple(seasonArb, champArb), { minLength: 1, maxLength: 3 }),
        (season, champ, later) => {
          const rulebook = buildRulebook(champ);
          const held = computeStandings(season, rulebook);
          // Other seasons scored in between, both ways, before `held` is read at all.
          for (const [other, otherChamp] of later) {
            const otherRulebook = buildRulebook(otherChamp);
            const table = computeStandings(other, otherRulebook);
            if (table.ok) text(table.value);
            computeTotals(other, otherRulebook);
          }
          const fresh = computeStandings(season, rulebook);
          expect(held.ok).toBe(fresh.ok);
          if (!held.ok || !fresh.ok) return;
          const words = (t: typeof held.value) =>
            t.championships.flatMap((c) =>
              c.rows.flatMap((r) => [
                ...r.contributions.map((d) => `${d.description} ${d.counted}`),
                ...r.cells.map((cell) => `${cell.position ?? ''} ${cell.dropped}`),
                r.aboveNext?.detail ?? '',
              ]),
            );
          expect(words(held.value)).toEqual(words(fresh.value));
          expect(text(held.value)).toBe(text(fresh.value));
        },
      ),
      { numRuns: 150 },
    );
  });
});
