import { describe, expect, it } from 'vitest';
import { computeStandings, computeTotals } from './compute-standings.js';
import { formatExact } from './fraction.js';
import type { Season } from './season.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';

describe("season rows: validation's row facts in calendar order", () => {
  // Scale 10, 6, 4: r1 a 10, b 6, c 4; r2 b 10, a 6; r3 c 10, a 6, b 4. Totals a 22, b 20, c 14.
  const season = buildSeason({
    entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    races: [{ rows: ['a', 'b', 'c'] }, { rows: ['b', 'a'] }, { rows: ['c', 'a', 'b'] }],
  });
  const [r1, r2, r3] = season.classifications;
  const totals = (s: Season) => {
    const result = computeTotals(s, buildRulebook({}, { main: [10, 6, 4] }));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.value.championships[0]!.rows.map((r) => [r.competitor.id, formatExact(r.points)]);
  };

  it('reads each classification at its own rows, whether results are listed in calendar order or not', () => {
    const expected = [
      ['a', '22'],
      ['b', '20'],
      ['c', '14'],
    ];
    expect(totals(season)).toEqual(expected);
    expect(totals({ ...season, classifications: [r2!, r3!, r1!] })).toEqual(expected);
    expect(totals({ ...season, classifications: [r1!, r3!, r2!] })).toEqual(expected);
  });

  it('reads a classification changed by a penalty from its new rows', () => {
    // a disqualified in r1: b 10, c 6 there. Totals b 24, c 16, a 12.
    const penalised: Season = {
      ...season,
      adjustments: [
        {
          kind: 'disqualification',
          entryId: 'a',
          sessionId: r1!.sessionId,
          reason: 'Technical infringement',
        },
      ],
    };
    expect(totals(penalised)).toEqual([
      ['b', '24'],
      ['c', '16'],
      ['a', '12'],
    ]);
    const full = computeStandings(penalised, buildRulebook({}, { main: [10, 6, 4] }));
    if (!full.ok) throw new Error(JSON.stringify(full.issues));
    expect(full.value.championships[0]!.rows.map((r) => formatExact(r.points))).toEqual(['24', '16', '12']);
  });
});
