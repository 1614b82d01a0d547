import { describe, expect, it } from 'vitest';
import { indexSeason } from './season-index.js';
import { checkSeason } from './validate-season.js';
import { entryFactsOf } from './season-rows.js';
import { buildSeason } from './test-support/builders.js';

describe('indexSeason', () => {
  // Events e1 (round 1), e2 (round 2, races r2 and r3) and e4 (round 3: the builder names a race's own event after the race); sessions listed r4, r3, r1, r2.
  const built = buildSeason({
    entries: [{ id: 'a' }],
    races: [{ rows: ['a'] }, { rows: ['a'], event: 'e2' }, { rows: ['a'], event: 'e2' }, { rows: ['a'] }],
  });
  const byId = new Map(built.sessions.map((s) => [s.id, s]));
  const listed = ['r4', 'r3', 'r1', 'r2'].map((id) => byId.get(id)!);

  it('puts sessions in calendar order: by round, then in the order given within a round', () => {
    expect(built.events.map((e) => [e.id, e.round])).toEqual([
      ['e1', 1],
      ['e2', 2],
      ['e4', 3],
    ]);
    const index = indexSeason({ ...built, sessions: listed });
    expect(index.sessions.map((s) => s.id)).toEqual(['r1', 'r3', 'r2', 'r4']);
    expect(index.order.get('r3')).toBe(1);
    expect(index.races).toEqual([1, 2, 3, 4]);
  });

  it('keeps sessions already in round order as given', () => {
    const index = indexSeason(built);
    expect(index.sessions.map((s) => s.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(index.isFirstOfTypeAtEvent('r2')).toBe(true);
    expect(index.isFirstOfTypeAtEvent('r3')).toBe(false);
  });

  it("numbers the entries' teams and classes in validation as its entry facts do: in the order first seen", () => {
    const four = buildSeason({
      entries: [
        { id: 'a', team: 't1' },
        { id: 'b', team: 't2', class: 'am' },
        { id: 'c', team: 't1' },
        { id: 'd', team: 't3' },
      ],
      races: [{ rows: ['a', 'b', 'c', 'd'] }],
    });
    const checked = checkSeason(four);
    expect(checked.issues).toEqual([]);
    const own = entryFactsOf(indexSeason(four));
    for (const facts of [checked.numbers, own]) {
      expect([...facts.teamOf]).toEqual([0, 1, 0, 2]);
      expect([...facts.classOf]).toEqual([0, 1, 0, 0]);
      expect([facts.teams, facts.classes]).toEqual([3, 2]);
    }
  });

  it('lists the race numbers in ascending order when the calendar does not number them so', () => {
    const renumbered = {
      ...built,
      sessions: built.sessions.map((s, i) => ({ ...s, race: [3, 1, 4, 2][i]! })),
    };
    expect(indexSeason(renumbered).races).toEqual([1, 2, 3, 4]);
    expect(indexSeason(built).races).toEqual([1, 2, 3, 4]);
  });

  it("takes validation's maps as they are: the last of a repeated id, as its own maps keep it", () => {
    const twice = {
      ...built,
      entries: [built.entries[0]!, { ...built.entries[0]!, car: '99' }],
      drivers: [built.drivers[0]!, { ...built.drivers[0]!, name: 'Second' }],
    };
    const checked = checkSeason(twice);
    expect(checked.issues.map((i) => i.code)).toContain('entry.duplicate-id');
    const given = indexSeason(twice, checked.ids);
    const own = indexSeason(twice);
    expect(given.getEntry('a').car).toBe('99');
    expect(given.getEntry('a')).toBe(own.getEntry('a'));
    expect(given.getDriver(built.drivers[0]!.id).name).toBe('Second');
    expect(checked.ids.entrySlot.get('a')).toBe(1);
    expect(given.sessions).toEqual(own.sessions);
    for (const id of ['r1', 'r2']) {
      expect(given.awardsOf(id)).toEqual(own.awardsOf(id));
      expect(given.findClassification(id)).toBe(own.findClassification(id));
    }
    expect(given.findSession('r2')).toBe(own.findSession('r2'));
  });
});
