/**
 * The full tables made in bulk (bulk-standings.ts) against the general pipeline: the same tables
 * in every field, contributions in the same order with the same words, on generated seasons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings, computeStandingsGeneral } from './compute-standings.js';
import { scoreChampionshipBulk } from './bulk-standings.js';
import { fraction } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import type { Season } from './season.js';
import { indexSeason } from './season-index.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { champArb, seasonArb } from './test-support/random-standings.js';

/** Everything a caller can read, as plain data: contributions through their toJSON (words included). */
const text = (x: unknown): string =>
  JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
const plain = (x: unknown): unknown => JSON.parse(text(x));

/**
 * The final table and the table after one of the season's races (the `race`-th, wrapping), made
 * in bulk and by the general pipeline: the same in every field, words read from the objects too.
 */
function expectSameAsGeneral(season: Season, rulebook: Rulebook, race: number): void {
  const races = [...new Set(season.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race])))];
  const afterRace = races.length ? { afterRace: races[race % races.length]! } : {};
  for (const options of [{}, afterRace]) {
    const bulk = computeStandings(season, rulebook, options);
    const general = computeStandingsGeneral(season, rulebook, options);
    expect(bulk.ok).toBe(general.ok);
    if (!bulk.ok || !general.ok) continue;
    expect(plain(bulk.value)).toEqual(plain(general.value));
    // Byte for byte: the same fields in the same order (the rows' own `toJSON` included).
    expect(text(bulk.value)).toBe(text(general.value));
    // The descriptions as read from the objects (not only through toJSON).
    const words = (t: typeof bulk.value) =>
      t.championships.flatMap((c) => c.rows.flatMap((r) => r.contributions.map((d) => d.description)));
    expect(words(bulk.value)).toEqual(words(general.value));
  }
}

describe('computeStandings made in bulk', () => {
  it('equals the general pipeline in every field, contributions in the same order', () => {
    fc.assert(
      fc.property(seasonArb, champArb, fc.nat(9), (season, champ, race) => {
        expectSameAsGeneral(season, buildRulebook(champ), race);
      }),
      { numRuns: 400 },
    );
  });

  it("equals the general pipeline with two tables sharing each session's results", () => {
    // The second table ranks and pays results as the first in all but at most one of the fields
    // they depend on (often all: the bulk path then shares each session's rows and result
    // contributions), with its own competitors, bonuses, drops, team and shared-drive rules. The
    // field not shared differs (another scale, a double-points race, non-starters paid or not,
    // the other ineligible rule, a condition for points). Not drawn: `unmet` with a condition in
    // both tables (the first has none).
    const ranking = [
      'basis',
      'scope',
      'ineligible',
      'requires',
      'unmet',
      'nonStarters',
      'points',
      'multipliers',
    ];
    const alternative: Record<string, (c: Partial<Championship>) => unknown> = {
      points: () => ({ race: 'alt' }),
      multipliers: () => [{ kind: 'factor', factor: fraction(2), sessions: ['r1'] }],
      nonStarters: (c) => (c.nonStarters ? undefined : { share: fraction(1, 2) }),
      ineligible: (c) => (c.ineligible === 'remove' ? 'keep' : 'remove'),
      requires: (c) => (c.requires ? undefined : { minLapsShare: fraction(9, 10) }),
      unmet: (c) => (c.unmet === 'move-up' ? 'keep-place' : 'move-up'),
    };
    fc.assert(
      fc.property(
        seasonArb,
        champArb,
        champArb,
        fc.option(fc.constantFrom(...ranking), { nil: undefined }),
        fc.boolean(),
        fc.nat(9),
        (drawn, first, other, differs, noDriverPoints, race) => {
          // Sometimes car c scores no driver points: a drivers' table then ranks apart.
          const season = noDriverPoints
            ? {
                ...drawn,
                entries: drawn.entries.map((e) => (e.id === 'c' ? { ...e, driverPoints: false } : e)),
              }
            : drawn;
          const second: Record<string, unknown> = { ...other };
          for (const k of ranking) {
            // A field not copied gets a value of its own that changes the results where it can.
            const value =
              k !== differs
                ? (first as Record<string, unknown>)[k]
                : k in alternative
                  ? alternative[k]!(first)
                  : second[k];
            if (value === undefined) delete second[k];
            else second[k] = value;
          }
          const one = buildRulebook(first, { alt: [8, 5, 3] });
          const two = buildRulebook(second, { alt: [8, 5, 3] }).championships[0]!;
          const rulebook = {
            ...one,
            championships: [...one.championships, { ...two, id: 'second', name: 'Second' }],
          };
          expectSameAsGeneral(season, rulebook, race);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('makes the common tables itself and hands the rules it does not cover back', () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b', drivers: ['b', 'b2'] }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, { rows: ['b', 'c', 'a'] }, { rows: ['c', 'a', 'b'] }],
    });
    const index = indexSeason(season);
    const made = (champ: Partial<Championship>) =>
      scoreChampionshipBulk(index, buildRulebook(champ), buildRulebook(champ).championships[0]!, 3);
    const best2: Partial<Championship> = {
      drops: [{ kind: 'best-results', count: 2 }],
      sharedDrives: { kind: 'divide' },
    };
    const table = made(best2);
    expect(table).toBeDefined();
    // Scale 10, 6, 4: a 10 + 6 + 4 (4 dropped) = 16; b's drivers 6/2 + 10/2 + 4/2 (2 dropped) = 8.
    expect(table!.rows.map((r) => [r.competitor.id, r.points])).toEqual([
      ['a', fraction(16)],
      ['c', fraction(16)],
      ['b', fraction(8)],
      ['b2', fraction(8)],
    ]);
    expect(made({ sharedDrives: { kind: 'full', bestShareOnly: true } })).toBeUndefined();
    expect(
      made({
        drops: [
          { kind: 'drop-lowest', count: 1, window: 'all' },
          { kind: 'best-results', count: 1 },
        ],
      }),
    ).toBeUndefined();
    expect(
      made({ competitor: 'team', teamScoring: { kind: 'best-cars-per-round', count: 1 } }),
    ).toBeUndefined();
  });
});

describe('rows made in bulk', () => {
  it("makes a row's contributions, cells and step when first read, the same objects on every read", () => {
    const season = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      races: [{ rows: ['a', 'b', 'c'] }, { rows: ['b', 'a', 'c'] }],
    });
    const result = computeStandings(season, buildRulebook({}));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [first, second, last] = result.value.championships[0]!.rows;
    // Scale 10, 6, 4: a and b 16 each (a win and a second each: a shared first place), c 8.
    expect(first!.contributions).toBe(first!.contributions);
    expect(first!.cells).toBe(first!.cells);
    expect(first!.aboveNext).toBe(first!.aboveNext);
    expect(first!.contributions.map((c) => c.points)).toEqual([fraction(10), fraction(6)]);
    expect(second!.cells.map((c) => c.position)).toEqual([2, 1]);
    expect(last!.aboveNext).toBeUndefined();
    // A copy made as JSON makes one has every field (the getters' values) in the general order.
    expect(
      Object.keys(
        JSON.parse(JSON.stringify(first, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))) as object,
      ),
    ).toEqual(['position', 'shared', 'competitor', 'points', 'contributions', 'cells', 'aboveNext']);
  });
});
