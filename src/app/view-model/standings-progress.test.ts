/**
 * The charts' data from the one-pass tables (`tablesAfterEachRace`) against the same view model
 * built from `computeStandings` after each race, for the built-in seasons other than F1 and every
 * third F1 season (each era of its regulations: shared drives, best-N and split-season drops,
 * deductions and exclusions): the same points, positions and shared positions either way. (All
 * 78 seasons agreed when this was written; the sample keeps the test to a few seconds.)
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paddock } from '../paddock.js';
import { standingsProgress, tablesAfterEachRace } from './standings-progress.js';

const seasonsDir = fileURLToPath(new URL('../../../data/seasons', import.meta.url));
const seasons = readdirSync(seasonsDir)
  .sort()
  .filter((id, i) => !id.startsWith('f1-') || i % 3 === 0);
let paddock: Paddock;

beforeAll(async () => {
  paddock = await Paddock.open(undefined, {});
});
afterAll(() => paddock.close());

describe('standings progress from the tables after each race in one pass', () => {
  it('equals the progress from computeStandings after each race, for a third of the built-in seasons', async () => {
    expect(seasons.length).toBeGreaterThan(20);
    let steps = 0;
    for (const id of seasons) {
      const sv = await paddock.open(id);
      if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
      const standingsAfter = (afterRace?: number) => {
        const s = paddock.standings(sv.value, afterRace === undefined ? {} : { afterRace });
        if (!s.ok) throw new Error(JSON.stringify(s.issues));
        return s.value;
      };
      const onePass = standingsProgress(standingsAfter(), tablesAfterEachRace(sv.value.loaded));
      const raceByRace = standingsProgress(standingsAfter(), standingsAfter);
      expect(onePass, id).toEqual(raceByRace);
      for (const c of onePass.championships) for (const x of c.competitors) steps += x.steps.length;
    }
    // Every season has steps (a season without any would compare nothing).
    expect(steps).toBeGreaterThan(seasons.length * 100);
  }, 120_000);
});
