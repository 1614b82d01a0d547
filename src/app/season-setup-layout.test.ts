/**
 * The setup forms change only the lines of a hand-written season.yaml that the change concerns:
 * comments, quoting, `{a: b}` without spaces and lists written at their key's indentation stay as
 * their author wrote them.
 */
import { describe, expect, it } from 'vitest';
import { loadSeasonFiles } from '../formats/season-folder.js';
import type { LoadedSeason } from '../formats/season-folder.js';
import { resolvePreset } from '../formats/catalog.js';
import { applySetupChange } from './season-setup.js';
import type { SetupChange } from './season-setup.js';

const HAND_WRITTEN = `# Club Cup 2026 -- written by hand
id: "2026-club-cup"
name: '2026 Club Cup'   # the public name
year: 2026
series: {id: club-cup, name: "Club Cup"}
rulebook: rulebook.yaml
classes:
- {id: pro, name: Pro}
- id: am
  name: "Am"    # amateurs

events:
# round one: the Indy circuit
- id: brands
  round: 1
  name: Brands Hatch
  circuit: "Brands Hatch Indy"
  start: 2026-04-11
  sessions:
  - {id: brands-r1, type: race, race: 1, name: "Race 1"}
`;

async function load(seasonYaml: string): Promise<LoadedSeason> {
  const loaded = await loadSeasonFiles(
    new Map([
      ['season.yaml', seasonYaml],
      ['rulebook.yaml', 'extends: sim-racing-league\nremove_championships: [gold, silver, bronze]\n'],
      ['drivers.csv', 'id,name\n'],
      ['teams.csv', 'id,name\n'],
      ['entries.csv', 'id,car,team,drivers,class,rounds\n'],
    ]),
    { resolvePreset, wording: 'season' },
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}

/** season.yaml after one change, checked by loading it again. */
async function after(change: SetupChange, text = HAND_WRITTEN): Promise<string> {
  const applied = applySetupChange(await load(text), change);
  if (!applied.ok) throw new Error(JSON.stringify(applied.issues));
  const yaml = applied.value.files.get('season.yaml')!;
  await load(yaml);
  return yaml;
}

/** The lines of `b` not in `a`, and of `a` not in `b`. */
const changedLines = (a: string, b: string) => ({
  added: b.split('\n').filter((l) => !a.split('\n').includes(l)),
  removed: a.split('\n').filter((l) => !b.split('\n').includes(l)),
});

describe('a hand-written season.yaml keeps its layout', () => {
  it('renames a class: one line changes', async () => {
    const yaml = await after({ kind: 'class-edit', class: 'am', name: 'Amateur' });
    expect(changedLines(HAND_WRITTEN, yaml)).toEqual({
      // The library writes the line anew: the author's quotes kept, the comment one space away.
      added: ['  name: "Amateur" # amateurs'],
      removed: ['  name: "Am"    # amateurs'],
    });
  });

  it('adds a class in the file’s own style', async () => {
    const yaml = await after({ kind: 'class', name: 'Silver' });
    expect(changedLines(HAND_WRITTEN, yaml)).toEqual({
      added: ['- {id: silver, name: Silver}'],
      removed: [],
    });
  });

  it("sets an event's time zone and adds a session, touching nothing else", async () => {
    const yaml = await after({
      kind: 'event-edit',
      event: 'brands',
      timezone: 'Europe/London',
      addSessions: [{ type: 'qualifying', time: '10:00' }],
    });
    expect(changedLines(HAND_WRITTEN, yaml)).toEqual({
      added: [
        '  - {id: brands-qualifying, type: qualifying, name: Qualifying, time: 10:00}',
        '  timezone: Europe/London',
      ],
      removed: [],
    });
    expect(yaml).toContain(
      '# Club Cup 2026 -- written by hand\nid: "2026-club-cup"\nname: \'2026 Club Cup\'   # the public name',
    );
  });

  it('adds an event after the others, in the same style', async () => {
    const yaml = await after({
      kind: 'event',
      name: 'Spa',
      circuit: 'Spa',
      start: '2026-05-23',
      sessions: [{ type: 'race' }],
    });
    const { added, removed } = changedLines(HAND_WRITTEN, yaml);
    expect(removed).toEqual([]);
    expect(added).toEqual([
      '- id: spa',
      '  round: 2',
      '  name: Spa',
      '  circuit: Spa',
      '  start: 2026-05-23',
      '  - {id: spa-race, type: race, race: 2, name: Race}',
    ]);
    expect(yaml).toContain(
      '  - {id: brands-r1, type: race, race: 1, name: "Race 1"}\n- id: spa\n  round: 2\n',
    );
  });
});
