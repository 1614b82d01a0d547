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

  it('names each unknown team, class, driver and round an entry, a result row or an award refers to', () => {
    const [race1, race2] = season.classifications;
    const bad: Season = {
      ...season,
      entries: season.entries.map((e) =>
        e.id === 'a'
          ? { ...e, teamId: 'tx', classId: 'cx', driverIds: ['a', 'dx'], eventIds: ['e1', 'e2', 'ex'] }
          : e,
      ),
      classifications: [
        {
          ...race1!,
          rows: race1!.rows.map((r) => (r.entryId === 'b' ? { ...r, driverIds: ['b', 'dy'] } : r)),
        },
        race2!,
      ],
      awards: [
        ...season.awards,
        { sessionId: race1!.sessionId, award: 'pole', scope: 'cz', entryId: 'a', driverId: 'dz' },
      ],
    };
    const found = validateSeason(bad).map((i) => `${i.code} ${JSON.stringify(i.path)}`);
    expect(found).toEqual([
      'team.unknown ["entries","a","team"]',
      'class.unknown ["entries","a","class"]',
      'driver.unknown ["entries","a","drivers"]',
      'event.unknown ["entries","a","rounds"]',
      `driver.unknown ["results","${race1!.sessionId}",1,"drivers"]`,
      'class.unknown ["awards",2,"scope"]',
      'driver.unknown ["awards",2,"driver"]',
    ]);
  });

  it('names an unknown team, class and round for each entry naming it, its cars listed together or apart', () => {
    const four = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      races: [{ rows: ['a', 'b', 'c', 'd'] }, { rows: ['a', 'b'] }],
    });
    // a and b (together) and d (apart, after c's known team) name team tx, class cx and round ex.
    const odd = { teamId: 'tx', classId: 'cx', eventIds: ['e1', 'e2', 'ex'] };
    const bad: Season = { ...four, entries: four.entries.map((e) => (e.id === 'c' ? e : { ...e, ...odd })) };
    const found = validateSeason(bad).map((i) => `${i.code} ${JSON.stringify(i.path)}`);
    expect(found).toEqual(
      ['a', 'b', 'd'].flatMap((id) => [
        `team.unknown ["entries","${id}","team"]`,
        `class.unknown ["entries","${id}","class"]`,
        `event.unknown ["entries","${id}","rounds"]`,
      ]),
    );
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

  it('names an award given twice within its session, and only that one', () => {
    const [race1, race2] = season.classifications.map((c) => c.sessionId);
    const award = (sessionId: string, entryId: string, more: object = {}) =>
      ({ sessionId, award: 'fastest-lap', scope: 'overall', entryId, ...more }) as const;
    const bad: Season = {
      ...base,
      drivers: [...base.drivers, { id: 'a2', name: 'A Two' }],
      awards: [
        ...base.awards, // b's pole in race 1, a's in race 2
        award(race1!, 'a'),
        award(race2!, 'a'),
        award(race1!, 'a', { driverId: 'a2' }), // another holder: a's second driver
        award(race1!, 'b'),
        award(race1!, 'a', { award: 'pole' }), // a second pole holder
        award(race1!, 'a'), // awards[7]: the fastest lap of race 1 to a again
        award(race2!, 'b', { award: 'pole' }),
      ],
    };
    expect(validateSeason(bad).map((i) => `${i.code} ${JSON.stringify(i.path)} ${i.message}`)).toEqual([
      `awards.duplicate ["awards",7,"entry"] the fastest-lap award of ${race1} (overall) is given to "a" twice`,
    ]);
  });
});
