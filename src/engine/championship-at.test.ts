import { describe, expect, it } from 'vitest';
import { describeChampionship } from './describe.js';
import { validateRulebook } from './validate-rulebook.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { scoreTable, totalsOf } from './test-support/score.js';

// Two races; the Formula 2 car f2 (not eligible) finishes 2nd in both. Scale 10-6-4-3-2-1.
const season = buildSeason({
  entries: [{ id: 'a' }, { id: 'f2', eligible: false }, { id: 'b' }],
  races: [{ rows: ['a', 'f2', 'b'] }, { rows: ['a', 'f2', 'b'] }],
});

describe('overrides of a championship at chosen sessions', () => {
  it('removes Formula 2 cars at the one Grand Prix where their points passed down', () => {
    const rulebook = buildRulebook({ overrides: [{ sessions: ['r2'], ineligible: 'remove' }] });
    // Race 1 (keep): a 10, b 3rd = 4. Race 2 (remove): a 10, b moves up to 2nd = 6. b: 4 + 6 = 10.
    expect(totalsOf(scoreTable(season, rulebook))).toEqual({ a: '20', b: '10' });
    expect(totalsOf(scoreTable(season, buildRulebook()))).toEqual({ a: '20', b: '8' });
  });

  it('gives a session type another scale at tagged events', () => {
    const tagged = buildSeason({
      entries: [{ id: 'a' }, { id: 'b' }],
      races: [{ rows: ['a', 'b'] }, { rows: ['a', 'b'], tags: ['double-points'] }],
    });
    const rulebook = buildRulebook(
      { overrides: [{ eventTags: ['double-points'], points: { race: 'double' } }] },
      { double: [20, 12] },
    );
    expect(totalsOf(scoreTable(tagged, rulebook))).toEqual({ a: '30', b: '18' });
  });

  it('describes the override and rejects one that names no place, an unknown scale or session type', () => {
    const good = buildRulebook({ overrides: [{ sessions: ['r2'], ineligible: 'remove' }] });
    expect(describeChampionship(good, good.championships[0]!)).toContain(
      'At session r2: ineligible entries removed first, so points pass down.',
    );
    const bad = buildRulebook({
      overrides: [{ ineligible: 'remove' }, { sessions: ['r9'], points: { sprint: 'x' } }],
    });
    expect(validateRulebook(bad, season).map((i) => i.code)).toEqual([
      'override.no-selector',
      'override.unscored-type',
      'scale.unknown',
      'session.unknown',
    ]);
  });
});
