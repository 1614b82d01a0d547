import { describe, expect, it } from 'vitest';
import { formatExact, fraction } from '../fraction.js';
import { buildRulebook, buildSeason } from '../test-support/builders.js';
import type { RaceSpec } from '../test-support/builders.js';
import { applyRaceChanges, parseRaceChange, rescore, whatIf } from './what-if.js';

const notRun = (n: number): RaceSpec[] => Array.from({ length: n }, () => ({ rows: [], notRun: true }));

// Drivers are named A, B, C (the builder upper-cases ids): give them surnames to find.
const season = (() => {
  const s = buildSeason({
    entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    races: [{ rows: ['a', 'b', 'c'], pole: ['a'] }, { rows: ['b', 'a', 'c'] }, ...notRun(1)],
  });
  const names: Record<string, string> = { a: 'Loek Hartog', b: 'Ryan Yardley', c: 'Alex Sedgwick' };
  return { ...s, drivers: s.drivers.map((d) => ({ ...d, name: names[d.id]! })) };
})();

describe('parsing a what-if result', () => {
  it('names cars by surname, full name, id or car number, with retirements and awards', () => {
    const parsed = parseRaceChange('race 3: Hartog, ryan yardley; dnf #c; pole yardley; fastest A', season);
    expect(parsed).toEqual({
      ok: true,
      value: { race: 3, order: ['a', 'b'], retired: ['c'], pole: 'b', fastestLap: 'a' },
    });
  });

  it('reports an unknown race, an unknown name and a car named twice', () => {
    const codes = (text: string) => {
      const r = parseRaceChange(text, season);
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes('race 9: hartog')).toEqual(['whatif.race']);
    expect(codes('race 3: hartog, verstappen')).toEqual(['whatif.unknown-competitor']);
    expect(codes('race 3: hartog, yardley; dnf hartog')).toEqual(['whatif.duplicate']);
    expect(codes('the third race: hartog')).toEqual(['whatif.syntax']);
  });
});

describe('what-if standings', () => {
  // 10-6-4-3-2-1, 1 point for pole. Race 1: a 10 + 1, b 6, c 4. Race 2: b 10, a 6, c 4.
  // So far: a 17, b 16, c 8.
  const rulebook = buildRulebook({ bonuses: [{ kind: 'pole', points: fraction(1), scope: 'overall' }] });

  it('scores a race not yet run, against the standings without it', () => {
    // Race 3: c wins, b 2nd, a retires: a 17, b 22, c 18, so b and c each gain a place, a drops two.
    const r = whatIf(season, rulebook, [{ race: 3, order: ['c', 'b'], retired: ['a'] }]);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.afterRace).toBe(3);
    const rows = r.value.compared[0]!.rows.map((x) => [
      x.competitor.id,
      x.position,
      formatExact(x.points!),
      x.basePosition,
      x.moved,
    ]);
    expect(rows).toEqual([
      ['b', 1, '22', 2, 1],
      ['c', 2, '18', 3, 1],
      ['a', 3, '17', 1, -2],
    ]);
  });

  it('changes a race already run, keeping the cars not named behind in their order', () => {
    // A different decision in race 2: a classified ahead of b: a 11 + 10 = 21, b 6 + 6 = 12.
    const changed = applyRaceChanges(season, [{ race: 2, order: ['a'] }]);
    if (!changed.ok) throw new Error('apply');
    const race2 = changed.value.classifications.find((c) => c.sessionId === 'r2')!;
    expect(race2.rows.map((row) => [row.entryId, row.position])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const r = whatIf(season, rulebook, [{ race: 2, order: ['a'] }], { afterRace: 2 });
    if (!r.ok) throw new Error('whatif');
    expect(
      r.value.compared[0]!.rows.map((x) => [
        x.competitor.id,
        formatExact(x.points!),
        formatExact(x.pointsChange!),
      ]),
    ).toEqual([
      ['a', '21', '4'],
      ['b', '12', '-4'],
      ['c', '8', '0'],
    ]);
  });

  it('does not change the season it is given', () => {
    const before = JSON.stringify(season, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v));
    whatIf(season, rulebook, [{ race: 3, order: ['c', 'b', 'a'] }]);
    expect(JSON.stringify(season, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))).toBe(before);
  });
});

describe('rescoring under another rulebook', () => {
  it('puts each competitor beside its place under the season’s own rules', () => {
    // Own: 10-6-4 -> a 10 + 6 = 16, b 6 + 10 = 16, c 8: a and b tie, countback shares (a win and a
    // 2nd each). Other: 9-6-4 and only the best result counts: a 9, b 9, c 4 - still shared.
    // Other with a pole point: a 9 + 1 = 10 ahead of b 9.
    const own = buildRulebook({}, { main: [10, 6, 4] });
    const other = buildRulebook(
      {
        drops: [{ kind: 'best-results', count: 1 }],
        bonuses: [{ kind: 'pole', points: fraction(1), scope: 'overall' }],
      },
      { main: [9, 6, 4] },
    );
    const r = rescore(season, own, other, { afterRace: 2 });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(
      r.value.compared[0]!.rows.map((x) => [
        x.competitor.id,
        x.position,
        formatExact(x.points!),
        x.basePosition,
        x.moved,
      ]),
    ).toEqual([
      ['a', 1, '10', 1, 0],
      ['b', 2, '9', 1, -1],
      ['c', 3, '4', 3, 0],
    ]);
  });
});

describe('what-if with penalties', () => {
  // Race 1 as run: a, b, c; a was disqualified, so officially b, c (b 10, c 6).
  const penalised = {
    ...season,
    adjustments: [{ kind: 'disqualification' as const, sessionId: 'r1', entryId: 'a', reason: 'decision 2' }],
  };

  it('changes a race from its official classification, and does not apply its penalties again', () => {
    // What if c had finished ahead of b in race 1: c first, then b; a stays disqualified.
    const changed = applyRaceChanges(penalised, [{ race: 1, order: ['c'] }]);
    if (!changed.ok) throw new Error(JSON.stringify(changed.issues));
    expect(changed.value.classifications.find((c) => c.sessionId === 'r1')!.rows).toEqual([
      { entryId: 'c', status: 'classified', position: 1 },
      { entryId: 'b', status: 'classified', position: 2 },
      { entryId: 'a', status: 'DSQ' },
    ]);
    expect(changed.value.adjustments).toEqual([]);
  });

  it('keeps the penalties of the races it does not change', () => {
    const changed = applyRaceChanges(penalised, [{ race: 3, order: ['a', 'b', 'c'] }]);
    if (!changed.ok) throw new Error(JSON.stringify(changed.issues));
    expect(changed.value.adjustments).toEqual(penalised.adjustments);
    expect(changed.value.classifications.find((c) => c.sessionId === 'r1')).toBe(
      penalised.classifications.find((c) => c.sessionId === 'r1'),
    );
  });
});
