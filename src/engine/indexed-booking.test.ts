import { describe, expect, it } from 'vitest';
import { computeTotalsAfterEachRace } from './compute-standings.js';
import { formatExact, fraction } from './fraction.js';
import { bookIndexed } from './indexed-booking.js';
import type { Season } from './season.js';
import { indexSeason } from './season-index.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';

// Scale 10-6-4-3-2-1, a third of a point for pole, half a place's points for a non-starter.
// Race 1: a, b, c; d did not start, placed 4th by the series; a on pole.
// Race 2: b, a, d, c; b on pole.
const base = buildSeason({
  entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
  races: [
    { rows: ['a', 'b', 'c', { entry: 'd', status: 'DNS' }], pole: ['a'] },
    { rows: ['b', 'a', 'd', 'c'], pole: ['b'] },
  ],
});
const season: Season = {
  ...base,
  classifications: base.classifications.map((c) => ({
    ...c,
    rows: c.rows.map((r) => (r.status === 'DNS' ? { ...r, position: 4 } : r)),
  })),
};
const rulebook = buildRulebook({
  nonStarters: { share: fraction(1, 2) },
  bonuses: [{ kind: 'pole', points: fraction(1, 3), scope: 'overall' }],
});

describe('the integer-indexed booking', () => {
  it('grows its unit to sixths of a point for a half and a third, and keeps them exact', () => {
    const booking = bookIndexed(indexSeason(season), rulebook, rulebook.championships[0]!, 1);
    expect(booking?.unit).toBe(6);
    const result = computeTotalsAfterEachRace(season, rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const tables = result.value.map((t) =>
      t.championships[0]!.rows.map(
        (r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.id} ${formatExact(r.points)}`,
      ),
    );
    expect(tables).toEqual([
      // a 10 + 1/3, b 6, c 4, d half of 3.
      ['1 a 31/3', '2 b 6', '3 c 4', '4 d 3/2'],
      // a 31/3 + 6 = 49/3, b 6 + 10 + 1/3 = 49/3 (a win and a second each: shared), c 4 + 3, d 3/2 + 4.
      ['1= a 49/3', '1= b 49/3', '3 c 7', '4 d 11/2'],
    ]);
  });

  it('hands a championship of nominated cars, or of two drop rules, to the general pipeline', () => {
    const index = indexSeason(season);
    const nominated = buildRulebook({ competitor: 'team', teamScoring: { kind: 'nominated' } });
    expect(bookIndexed(index, nominated, nominated.championships[0]!, 1)).toBeUndefined();
    const twoDrops = buildRulebook({
      drops: [
        { kind: 'drop-lowest', count: 1, window: 'all' },
        { kind: 'best-results', count: 1 },
      ],
    });
    expect(bookIndexed(index, twoDrops, twoDrops.championships[0]!, 1)).toBeUndefined();
  });
});
