import { describe, expect, it } from 'vitest';
import type { DropRule } from '../../rulebook.js';
import { buildRulebook, buildSeason } from '../../test-support/builders.js';
import type { RaceSpec } from '../../test-support/builders.js';
import { scoreTable, totalsOf } from '../../test-support/score.js';
import { dropRounds } from './drop-rounds.js';

type DropRounds = Extract<DropRule, { kind: 'drop-rounds' }>;

// Four rounds on the 10-6-4-3-2-1 scale: two double-headers, a single-race round, a final
// double-header. Driver a scores round 1: 10 + 10 = 20, round 2: 4 + 6 = 10, round 3: 4,
// round 4: 4 + 4 = 8, in all 42. Driver d races rounds 1 and 4 only (4th each time: 3 + 3).
const races = (round2Tags: readonly string[] = []): RaceSpec[] => [
  { event: 'one', rows: ['a', 'b', 'c', 'd'] },
  { event: 'one', rows: ['a', 'b', 'c'] },
  { event: 'two', rows: ['b', 'c', 'a'], tags: round2Tags },
  { event: 'two', rows: ['b', 'a', 'c'], tags: round2Tags },
  { event: 'three', rows: ['b', 'c', 'a'] },
  { event: 'four', rows: ['b', 'c', 'a', 'd'] },
  { event: 'four', rows: ['b', 'c', 'a'] },
];
const entries = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

const score = (rule: Omit<DropRounds, 'kind'>, round2Tags?: readonly string[]) =>
  scoreTable(
    buildSeason({ entries, races: races(round2Tags) }),
    buildRulebook({ drops: [{ kind: 'drop-rounds', ...rule }] }),
  );
const droppedRaces = (table: ReturnType<typeof scoreTable>, id: string) =>
  table.rows
    .find((r) => r.competitor.id === id)!
    .contributions.filter((c) => !c.counted)
    .map((c) => c.race);

describe('drop-rounds', () => {
  it('drops the lowest round whole: the single-race round 3 (4 points) of 42', () => {
    const table = score({ count: 1 });
    expect(totalsOf(table).a).toBe('38');
    expect(droppedRaces(table, 'a')).toEqual([5]);
  });

  it('never drops a single-race round: the final double-header (8) goes instead', () => {
    const table = score({ count: 1, except: ['single-race-round'] });
    expect(totalsOf(table).a).toBe('34');
    expect(droppedRaces(table, 'a')).toEqual([6, 7]);
  });

  it('never drops the final round either: both races of round 2 (4 + 6) go together', () => {
    const table = score({ count: 1, except: ['final-round', 'single-race-round'] });
    // 42 - 10 = 32, where dropping the lowest single race would drop one 4-point race (38).
    expect(totalsOf(table).a).toBe('32');
    expect(droppedRaces(table, 'a')).toEqual([3, 4]);
    expect(
      table.rows.find((r) => r.competitor.id === 'a')!.contributions.find((c) => !c.counted)!.reason,
    ).toBe('the lowest round (dropped round)');
  });

  it('never drops a round the regulations declare (by event tag): round 1 (20) is the only one left', () => {
    const table = score(
      { count: 1, except: ['final-round', 'single-race-round'], exceptEventTags: ['no-drop'] },
      ['no-drop'],
    );
    expect(totalsOf(table).a).toBe('22');
  });

  it('drops a round not raced first, as a zero, then the later of equal rounds', () => {
    // d: 3 + 0 + 0 + 3; rounds 2 and 3 are zeros not raced: the later (3) goes; with round 3
    // excepted, round 2 goes. Either way d keeps 6.
    expect(droppedRaces(score({ count: 1 }), 'd')).toEqual([5]);
    expect(droppedRaces(score({ count: 1, except: ['single-race-round'] }), 'd')).toEqual([3, 4]);
    expect(totalsOf(score({ count: 1 })).d).toBe('6');
  });

  it('drops two rounds with count 2 and nothing with count 0', () => {
    // a: rounds 3 (4) and 4 (8) dropped: 30.
    expect(totalsOf(score({ count: 2 })).a).toBe('30');
    expect(totalsOf(score({ count: 0 })).a).toBe('42');
  });

  it('rejects a count that is not a whole number', () => {
    expect(dropRounds.validate({ kind: 'drop-rounds', count: -1 }, ['drops', 0]).map((i) => i.code)).toEqual([
      'rule.bad-count',
    ]);
    expect(dropRounds.validate({ kind: 'drop-rounds', count: 2 }, ['drops', 0])).toEqual([]);
  });

  it('describes itself in words', () => {
    expect(
      dropRounds.describe({
        kind: 'drop-rounds',
        count: 1,
        except: ['final-round', 'single-race-round'],
        exceptEventTags: ['no-drop'],
      }),
    ).toBe(
      'the lowest round is dropped, all sessions of a round together (a round not raced counts as zero);' +
        ' never the final round, nor a round with a single race, nor a round tagged no-drop; bonus points are retained',
    );
  });
});
