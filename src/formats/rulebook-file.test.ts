import { describe, expect, it } from 'vitest';
import { loadRulebookText } from './rulebook-file.js';

const PRESET = `id: league-2024
name: League 2024
scales:
  league: [10, 6, 4]
championships:
  - id: drivers
    name: Drivers
    points: { race: league }
    tie_breaks: [{ kind: countback, places: scoring }]
`;
// Presets resolve to a name and are read from memory: no file is written.
const files: Record<string, string> = { 'presets/league-2024.yaml': PRESET };
const resolve = (id: string) => (`presets/${id}.yaml` in files ? `presets/${id}.yaml` : undefined);
const read = async (path: string) => files[path];
const season = { id: '2024-league', name: 'League 2024 season' };

describe('loading rulebook text', () => {
  it('takes the id and name of the season when the file only extends a preset', async () => {
    const loaded = await loadRulebookText('extends: league-2024\n', 'rulebook.yaml', resolve, {
      read,
      defaults: season,
    });
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    expect(loaded.value.rulebook.id).toBe('2024-league');
    expect(loaded.value.rulebook.name).toBe('League 2024 season');
    expect(loaded.value.rulebook.championships[0]!.tieBreaks).toEqual([
      { kind: 'countback', places: 'scoring' },
    ]);
    expect(loaded.value.extends).toEqual(['league-2024']);
  });

  it('overrides one field of one championship at one session without copying it', async () => {
    const text = `extends: league-2024
championships:
  - id: drivers
    overrides:
      - { sessions: [germany-race], ineligible: remove }
      - { event_tags: [double-points], points: { race: league } }
`;
    const loaded = await loadRulebookText(text, 'rulebook.yaml', resolve, { read, defaults: season });
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.issues));
    const drivers = loaded.value.rulebook.championships[0]!;
    expect(drivers.overrides).toEqual([
      { sessions: ['germany-race'], ineligible: 'remove' },
      { eventTags: ['double-points'], points: { race: 'league' } },
    ]);
    expect(drivers.tieBreaks).toEqual([{ kind: 'countback', places: 'scoring' }]);
  });

  it('asks for an id and a name when there is no season to take them from', async () => {
    const loaded = await loadRulebookText('extends: league-2024\n', 'rulebook.yaml', resolve, { read });
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.code)).toEqual([
      'rulebook.missing-field',
      'rulebook.missing-field',
    ]);
  });

  it('reports an engine problem in the file names of the rulebook, with its line', async () => {
    const text = `extends: league-2024
championships:
  - id: drivers
    points: { race: nowhere }
`;
    const loaded = await loadRulebookText(text, 'rulebook.yaml', resolve, { read, defaults: season });
    if (loaded.ok) expect.fail('an unknown scale must be reported');
    expect(loaded.issues[0]).toMatchObject({
      code: 'scale.unknown',
      path: ['championships', 'drivers', 'points', 'race'],
      location: { file: 'rulebook.yaml', line: 4 },
    });
  });
});
