import { describe, expect, it } from 'vitest';
import { buildSeason } from './test-support/builders.js';
import { validateSeason } from './validate-season.js';
import type { Season } from './season.js';

// Two races at two events; entry b covers only the first event (e1).
const base = buildSeason({
  entries: [{ id: 'a' }, { id: 'b' }],
  races: [
    { rows: ['a', 'b'], pole: ['b'] },
    { rows: ['a'], pole: ['a'] },
  ],
});
const season: Season = {
  ...base,
  entries: base.entries.map((e) => (e.id === 'b' ? { ...e, eventIds: ['e1'] } : e)),
};

describe('validateSeason: entries, rounds and awards', () => {
  it('accepts results and awards of entries in rounds they cover', () => {
    expect(validateSeason(season)).toEqual([]);
  });

  it('names a result row and an award of an entry outside its rounds, and an unknown entry', () => {
    const race2 = season.classifications[1]!;
    const bad: Season = {
      ...season,
      classifications: [
        season.classifications[0]!,
        {
          ...race2,
          rows: [...race2.rows, { entryId: 'b', status: 'DNF' }, { entryId: 'zz', status: 'DNF' }],
        },
      ],
      awards: [
        ...season.awards,
        { sessionId: race2.sessionId, award: 'fastest-lap', scope: 'overall', entryId: 'b' },
      ],
    };
    const found = validateSeason(bad).map((i) => `${i.code} ${JSON.stringify(i.path)} ${i.message}`);
    expect(found).toEqual([
      `results.entry-outside-span ["results","${race2.sessionId}",1,"entry"] entry "b" does not cover event "e2"`,
      `entry.unknown ["results","${race2.sessionId}",2,"entry"] unknown entry "zz"`,
      `awards.entry-outside-span ["awards",2,"entry"] entry "b" does not cover event "e2"`,
    ]);
  });

  it('names a place held twice, within the longest classification and beyond it', () => {
    const [race1, race2] = season.classifications;
    const at = (rows: Season['classifications'][number]['rows'], position: number) =>
      rows.map((r) => ({ ...r, position }));
    const bad: Season = {
      ...season,
      classifications: [
        { ...race1!, rows: at(race1!.rows, 1) },
        // A partial classification may name places past its rows; 40 is past the checked slots.
        { ...race2!, rows: [...at(race2!.rows, 40), { entryId: 'b', status: 'classified', position: 40 }] },
      ],
      entries: base.entries,
    };
    expect(validateSeason(bad).map((i) => `${i.code} ${JSON.stringify(i.path)} ${i.message}`)).toEqual([
      `results.duplicate-position ["results","${race1!.sessionId}",1,"position"] "b" and "a" are both in position 1`,
      `results.duplicate-position ["results","${race2!.sessionId}",1,"position"] "b" and "a" are both in position 40`,
    ]);
  });
});
