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
});
