import { describe, expect, it } from 'vitest';
import { fraction } from './fraction.js';
import { reconcile } from './reconcile.js';
import type { Finding } from './reconcile.js';
import type { PublishedStanding, Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';

// Two races, 10-6-4-3-2-1, countback over all places. Race 1: a, b, c. Race 2: b, a, c.
// After race 1: a 10, b 6, c 4. After race 2: a 16, b 16 (a and b one win each, one 2nd
// each: countback cannot separate them, they share 1st), c 8.
const base = buildSeason({
  entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  races: [{ rows: ['a', 'b', 'c'] }, { rows: ['b', 'a', 'c'] }],
});
const rulebook = buildRulebook();
const row = (
  afterRace: number,
  competitorId: string,
  points: number,
  position?: number,
): PublishedStanding => ({
  championshipId: 'drivers',
  afterRace,
  competitorId,
  points: fraction(points),
  ...(position === undefined ? {} : { position }),
});
const correct = [
  row(1, 'a', 10, 1),
  row(1, 'b', 6, 2),
  row(1, 'c', 4, 3),
  row(2, 'a', 16, 1),
  row(2, 'b', 16, 1),
  row(2, 'c', 8, 3),
];
const findingsOf = (season: Season): readonly Finding[] => {
  const result = reconcile(season, rulebook);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
};
const brief = (f: Finding) => [f.afterRace, f.competitor, f.kind, f.publishedPosition, f.computedPosition];

describe('reconcile', () => {
  it('finds nothing when every published point and position follows from the results', () => {
    expect(findingsOf({ ...base, published: correct })).toEqual([]);
  });

  it('reports a position printed differently even when the points agree', () => {
    // The source breaks the tie after race 2 that countback cannot: b 1st, a 2nd.
    const published = correct.map((p) =>
      p.afterRace === 2 && p.competitorId === 'a' ? row(2, 'a', 16, 2) : p,
    );
    const findings = findingsOf({ ...base, published });
    expect(findings.map(brief)).toEqual([[2, 'a', 'position', 2, 1]]);
    expect(findings[0]!.cause).toBe(
      'published 2nd, the computed table shares 1st: the tie-breaks do not separate them (equal on 16 points and every tie-break: position shared)',
    );
  });

  it('reports a points difference once, with the race where it first appears', () => {
    // The source gives c one point too many from race 1 on: 5 and 9.
    const published = correct.map((p) =>
      p.competitorId === 'c' ? row(p.afterRace, 'c', p.afterRace === 1 ? 5 : 9, 3) : p,
    );
    const findings = findingsOf({ ...base, published });
    expect(findings.map((f) => [f.afterRace, f.competitor, f.kind])).toEqual([
      [1, 'c', 'points'],
      [2, 'c', 'points'],
    ]);
    expect(findings[1]!.cause).toBe(
      'published is 1 higher than the results give under the stated rules; the same difference since race 1 (e1)',
    );
  });

  it('reports an excluded competitor as excluded, and agrees when both tables exclude them', () => {
    const excluded: Season = {
      ...base,
      adjustments: [{ kind: 'exclusion', driverId: 'a', reason: 'dangerous driving' }],
    };
    // Published ranks a as if nothing happened: the computed table excludes a, and b, c move up.
    const asIfNot = findingsOf({ ...excluded, published: correct });
    expect(asIfNot.filter((f) => f.competitor === 'a').map(brief)).toEqual([
      [1, 'a', 'excluded', 1, 'EX'],
      [2, 'a', 'excluded', 1, 'EX'],
    ]);
    expect(asIfNot[0]!.cause).toBe(
      'excluded from the computed table (dangerous driving), but printed 1st in the published one',
    );
    // Both exclude a (whatever points are printed beside him), the others in their places.
    const agreed = [
      { ...row(1, 'a', 0), excluded: true },
      row(1, 'b', 6, 1),
      row(1, 'c', 4, 2),
      { ...row(2, 'a', 16), excluded: true },
      row(2, 'b', 16, 1),
      row(2, 'c', 8, 2),
    ];
    expect(findingsOf({ ...excluded, published: agreed })).toEqual([]);
    // And a table that leaves the excluded competitor out agrees too.
    expect(findingsOf({ ...excluded, published: agreed.filter((p) => p.competitorId !== 'a') })).toEqual([]);
  });

  it('reports a competitor printed as excluded whom the rules rank', () => {
    const published = correct.map((p) =>
      p.afterRace === 2 && p.competitorId === 'b' ? { ...row(2, 'b', 16), excluded: true } : p,
    );
    const findings = findingsOf({ ...base, published });
    expect(findings.map(brief)).toEqual([
      [2, 'b', 'excluded', 'EX', 1],
      // With b out of the published table, c is printed 3rd where the computed table has it 3rd:
      // nothing more to report.
    ]);
    expect(findings[0]!.cause).toContain('no exclusion for this table');
  });

  it('names the rows ranked above in one table only when they explain a shifted position', () => {
    // The source leaves b out after race 1 (a mistake): c is printed 2nd, computed 3rd.
    const published = correct
      .filter((p) => !(p.afterRace === 1 && p.competitorId === 'b'))
      .map((p) => (p.afterRace === 1 && p.competitorId === 'c' ? row(1, 'c', 4, 2) : p));
    const findings = findingsOf({ ...base, published });
    expect(findings.map(brief)).toEqual([
      [1, 'c', 'position', 2, 3],
      [1, 'b', 'unpublished', null, 2],
    ]);
    expect(findings[0]!.cause).toBe(
      'same points, published 2nd, computed 3rd: ranked above it in the computed table only: b',
    );
  });

  it('reports published standings after a race the season does not have, instead of throwing', () => {
    const result = reconcile({ ...base, published: [row(3, 'a', 16, 1)] }, rulebook);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['race.unknown']);
  });
});
