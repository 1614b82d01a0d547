import { describe, expect, it } from 'vitest';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { scoreTable, totalsOf } from './test-support/score.js';

describe('points basis and eligibility', () => {
  const season = buildSeason({
    entries: [{ id: 'f2car', eligible: false }, { id: 'a' }, { id: 'b' }],
    races: [{ rows: ['f2car', 'a', 'b'] }],
  });

  it('passes points down when ineligible entries are removed first', () => {
    expect(totalsOf(scoreTable(season, buildRulebook({ ineligible: 'remove' })))).toEqual({
      a: '10',
      b: '6',
    });
  });
  it('keeps the places of ineligible entries when the rules say so', () => {
    expect(totalsOf(scoreTable(season, buildRulebook({ ineligible: 'keep' })))).toEqual({ a: '6', b: '4' });
  });
  it('ranks within the class on the class basis', () => {
    const mixed = buildSeason({
      entries: [
        { id: 'p1', class: 'pro' },
        { id: 'm1', class: 'am' },
        { id: 'p2', class: 'pro' },
        { id: 'm2', class: 'am' },
      ],
      races: [{ rows: ['p1', 'p2', 'm1', 'm2'] }],
    });
    expect(
      totalsOf(
        scoreTable(
          mixed,
          buildRulebook({ scope: { classes: ['am'] }, basis: 'class', ineligible: 'remove' }),
        ),
      ),
    ).toEqual({ m1: '10', m2: '6' });
  });
  it('lists only competitors who scored when the rules say so', () => {
    const many = buildSeason({
      entries: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id })),
      races: [{ rows: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }],
    });
    expect(scoreTable(many, buildRulebook({ listed: 'scored' })).rows).toHaveLength(6);
    expect(scoreTable(many, buildRulebook({ listed: 'started' })).rows).toHaveLength(7);
  });
  it('reports problems instead of throwing on bad data', async () => {
    const { computeStandings } = await import('./compute-standings.js');
    const bad = buildSeason({ entries: [{ id: 'a' }], races: [{ rows: ['a', 'ghost'] }] });
    const result = computeStandings(bad, buildRulebook());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain('entry.unknown');
  });
});
