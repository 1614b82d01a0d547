import { describe, expect, it } from 'vitest';
import { issue } from '../engine/index.js';
import { engineKey, fileKey, toEngineKeys, toFileKeys, toFilePath } from './file-codec.js';
import { inFileWords } from './file-wording.js';
import { dropSchemas } from './rulebook-kinds.js';

describe('the file codec', () => {
  it('turns snake_case into camelCase and references into ids, and back', () => {
    expect(engineKey('first_race_of_event')).toBe('firstRaceOfEvent');
    expect(engineKey('driver')).toBe('driverId');
    expect(engineKey('points')).toBe('points');
    for (const k of ['first_race_of_event', 'driver', 'session', 'points', 'top_n', 'min_laps_share'])
      expect(fileKey(engineKey(k))).toBe(k);
  });

  it('leaves out undefined fields and does not mutate its input', () => {
    const input = { min_laps_share: 1, top_n: undefined, driver: 'x' };
    const copy = structuredClone(input);
    expect(toEngineKeys(input)).toEqual({ minLapsShare: 1, driverId: 'x' });
    expect(input).toEqual(copy);
    expect(toFileKeys({ sessionId: 's', reason: 'r', points: undefined })).toEqual({
      session: 's',
      reason: 'r',
    });
  });

  it("renames only a schema's own fields, so records such as points per session type keep their keys", () => {
    const parsed = dropSchemas['split-season'].parse({
      kind: 'split-season',
      first_part_races: 8,
      first_part_best: 7,
      second_part_best: 7,
    });
    expect(parsed).toEqual({ kind: 'split-season', firstPartRaces: 8, firstPartBest: 7, secondPartBest: 7 });
  });

  it('writes engine paths in the names of the file, leaving ids alone', () => {
    expect(toFilePath(['championships', 'pro-am', 'tieBreaks', 0])).toEqual([
      'championships',
      'pro-am',
      'tie_breaks',
      0,
    ]);
  });
});

describe('file wording', () => {
  it('names the file to edit for an unknown entry, which the engine itself never does', () => {
    const engine = issue(
      'entry.unknown',
      ['results', 'r1', 0, 'entry'],
      'unknown entry "x"',
      'Known entries: a, b.',
    );
    expect(engine.hint).not.toMatch(/\.csv/);
    expect(inFileWords(engine).hint).toBe('entries.csv lists the entries. Known entries: a, b.');
  });

  it('tells a results file from other places that name a session', () => {
    const results = inFileWords(
      issue('session.unknown', ['results', 'r9'], 'results for unknown session "r9"'),
    );
    const award = inFileWords(
      issue('session.unknown', ['awards', 0, 'session'], 'award for unknown session'),
    );
    expect(results.hint).toContain('Name the results file');
    expect(award.hint).toContain('season.yaml');
  });
});
