import { describe, expect, it } from 'vitest';
import { computeTotals, computeTotalsAfterEachRace } from './compute-standings.js';
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

describe('tie-break places in the integer-indexed booking', () => {
  it("lists a driver's places from a row naming it beside its own car's, past the places first sized", () => {
    // Race 1: car a, its row naming drivers a and d, wins; b, c, then d's own car 4th. Race 2: b,
    // c, a, d. The lists are sized for one holder per row (8): the named row makes 9 places.
    const named = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      races: [{ rows: [{ entry: 'a', drivers: ['a', 'd'] }, 'b', 'c', 'd'] }, { rows: ['b', 'c', 'a', 'd'] }],
    });
    const rules = buildRulebook();
    const booking = bookIndexed(indexSeason(named), rules, rules.championships[0]!, 1)!;
    const placesOf = (id: string) => {
      const out: string[] = [];
      const { slot, position, next } = booking.places;
      const account = booking.accounts.find((a) => a.competitor.id === id)!;
      for (let k = account.firstPlace; k >= 0; k = next[k]!) out.push(`${slot[k]}:${position[k]}`);
      return out;
    };
    expect(booking.places.count).toBe(9);
    expect(placesOf('d')).toEqual(['0:1', '0:4', '1:4']);
    expect(placesOf('a')).toEqual(['0:1', '1:3']);
    // a 10 + 4, b 6 + 10, c 4 + 6, d 10 (named) + 3 + 3. b and d level on 16: one win each, b has
    // a second.
    const result = computeTotals(named, rules);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(
      result.value.championships[0]!.rows.map(
        (r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.id} ${formatExact(r.points)}`,
      ),
    ).toEqual(['1 b 16', '2 d 16', '3 a 14', '4 c 10']);
  });
});

describe("a team's best car in the integer-indexed booking", () => {
  it('keeps the better-placed of two cars level on points, as the best-cars rule does (worked by hand)', () => {
    // Scale 10-6-4-3-2-1, 2 points for pole, the best car of each team counts, the lowest result
    // is dropped (bonus points are kept). Team t0 runs a and b, team t1 runs c.
    // Race 1: c, b, a; a on pole: a 4 + 2 = 6, b 6, level; b placed better, so b counts (6 of
    // results). Race 2: c, a, b: a 6 counts. t0's results 6 and 6, one dropped: 6. (Keeping a in
    // race 1 would give results 4 and 6, the 4 dropped, and the pole's 2 kept: 8.) t1: 10 + 10,
    // one dropped: 10.
    const built = buildSeason({
      entries: [
        { id: 'a', team: 't0' },
        { id: 'b', team: 't0' },
        { id: 'c', team: 't1' },
      ],
      races: [{ rows: ['c', 'b', 'a'], pole: ['a'] }, { rows: ['c', 'a', 'b'] }],
    });
    // The results listed last place first, so a comes before b (positions as above).
    const season: Season = {
      ...built,
      classifications: built.classifications.map((c) => ({ ...c, rows: [...c.rows].reverse() })),
    };
    const rulebook = buildRulebook({
      competitor: 'team',
      teamScoring: { kind: 'best-cars', count: 1 },
      bonuses: [{ kind: 'pole', points: fraction(2), scope: 'overall' }],
      drops: [{ kind: 'drop-lowest', count: 1, window: 'all' }],
      listed: 'scored',
    });
    expect(bookIndexed(indexSeason(season), rulebook, rulebook.championships[0]!, 1)).toBeDefined();
    const result = computeTotals(season, rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(
      result.value.championships[0]!.rows.map(
        (r) => `${r.position} ${r.competitor.id} ${formatExact(r.points)}`,
      ),
    ).toEqual(['1 t1 10', '2 t0 6']);
  });
});
