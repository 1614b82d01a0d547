import { describe, expect, it } from 'vitest';
import { compileSeason } from './compiled/index.js';
import { computeStandings } from './compute-standings.js';
import { formatExact } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import { buildRulebook, buildSeason } from './test-support/builders.js';
import { validateRulebook } from './validate-rulebook.js';

// Driver m races rounds 1-2 in the Am class (entry m-am) and rounds 3-4 in Pro (entry m-pro).
// Class positions on the 10-6-4-3-2-1 scale (overall order -> class order):
//   race 1: p1, m-am, a1, p2, a2   Pro: p1 10, p2 6          Am: m 10, a1 6, a2 4
//   race 2: p2, a1, m-am, p1, a2   Pro: p2 10, p1 6          Am: a1 10, m 6, a2 4
//   race 3: m-pro, p1, a1, p2, a2  Pro: m 10, p1 6, p2 4     Am: a1 10, a2 6
//   race 4: p1, a2, p2, m-pro, a1  Pro: p1 10, p2 6, m 4     Am: a2 10, a1 6
// m scored 16 in Am and 14 in Pro; p1 32, p2 26; a1 32, a2 24.
const base = buildSeason({
  classes: ['pro', 'am'],
  entries: [
    { id: 'p1', class: 'pro' },
    { id: 'p2', class: 'pro' },
    { id: 'a1', class: 'am' },
    { id: 'a2', class: 'am' },
    { id: 'm-am', class: 'am', drivers: ['m'] },
    { id: 'm-pro', class: 'pro', drivers: ['m'] },
  ],
  races: [
    { rows: ['p1', 'm-am', 'a1', 'p2', 'a2'] },
    { rows: ['p2', 'a1', 'm-am', 'p1', 'a2'] },
    { rows: ['m-pro', 'p1', 'a1', 'p2', 'a2'] },
    { rows: ['p1', 'a2', 'p2', 'm-pro', 'a1'] },
  ],
});
const spans: Record<string, readonly string[]> = { 'm-am': ['e1', 'e2'], 'm-pro': ['e3', 'e4'] };
const season = { ...base, entries: base.entries.map((e) => ({ ...e, eventIds: spans[e.id] ?? e.eventIds })) };

const classTable = (id: string, extra: Partial<Championship>): Championship => ({
  ...buildRulebook().championships[0]!,
  id,
  name: id,
  scope: { classes: [id] },
  basis: 'class',
  ineligible: 'remove',
  ...extra,
});
const rulebookWith = (extra: Partial<Championship>): Rulebook => ({
  ...buildRulebook(),
  championships: [classTable('pro', extra), classTable('am', extra)],
});
const totals = (rulebook: Rulebook, afterRace?: number) => {
  const result = computeStandings(season, rulebook, afterRace === undefined ? {} : { afterRace });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return Object.fromEntries(
    result.value.championships.map((c) => [
      c.id,
      Object.fromEntries(c.rows.map((r) => [r.competitor.id, formatExact(r.points)])),
    ]),
  );
};

describe('class changes mid-season', () => {
  it('leaves the points scored in the old class in its table by default (stay)', () => {
    expect(totals(rulebookWith({}))).toEqual({
      pro: { p1: '32', p2: '26', m: '14' },
      am: { a1: '32', a2: '24', m: '16' },
    });
    expect(totals(rulebookWith({ classChanges: 'stay' }))).toEqual(totals(rulebookWith({})));
  });

  it("takes them to the new class's table with follow-driver, at the places they were scored", () => {
    // m: 16 from Am (1st and 2nd in class) + 14 in Pro = 30; a1 keeps the 6 of 2nd behind m in race 1.
    expect(totals(rulebookWith({ classChanges: 'follow-driver' }))).toEqual({
      pro: { p1: '32', m: '30', p2: '26' },
      am: { a1: '32', a2: '24' },
    });
  });

  it('keeps m in the old class while that is the class of the latest race (after race 2)', () => {
    expect(totals(rulebookWith({ classChanges: 'follow-driver' }), 2)).toEqual({
      pro: { p1: '16', p2: '16' },
      am: { m: '16', a1: '16', a2: '8' },
    });
  });

  it('is refused by the compiled fast path, so callers score it with the engine', () => {
    const compiled = compileSeason(season, rulebookWith({ classChanges: 'follow-driver' }));
    expect(!compiled.ok && compiled.issues.map((i) => i.code)).toEqual(['fast-path.unsupported']);
  });

  it('is only for drivers’ tables by position within the class', () => {
    const overall = {
      ...rulebookWith({}),
      championships: [classTable('pro', { classChanges: 'follow-driver', basis: 'overall' })],
    };
    expect(validateRulebook(overall).map((i) => [i.code, i.path])).toEqual([
      ['championship.class-changes', ['championships', 'pro', 'classChanges']],
    ]);
  });
});
