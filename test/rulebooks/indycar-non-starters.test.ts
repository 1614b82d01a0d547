/**
 * IndyCar's non-starters through the presets: a car that qualified but did not start is classified
 * at the back by the series and scores half the points of that place (IndyCar rule book since
 * 2006). Hand-worked from the presets' scales: a 26-car race whose 26th car did not start. The
 * 2004-2012 scale pays 10 from 25th on, so 26th is 10 and the non-starter 5; the scale from 2013
 * pays 5 from 25th on, so 2.5. The 25th-placed car, which started, keeps the full 10 or 5.
 */
import { describe, expect, it } from 'vitest';
import { computeStandings, formatExact } from '../../src/engine/index.js';
import { buildSeason } from '../../src/engine/test-support/builders.js';
import { resolvePreset } from '../../src/formats/catalog.js';
import { loadRulebookFile } from '../../src/formats/rulebook-file.js';

const cars = Array.from({ length: 26 }, (_, i) => `c${i + 1}`);
const built = buildSeason({ entries: cars.map((id) => ({ id })), races: [{ rows: cars }] });
// The 26th car did not start; the series still gave it 26th place.
const season = {
  ...built,
  classifications: built.classifications.map((c) => ({
    ...c,
    rows: c.rows.map((r) => (r.entryId === 'c26' ? { ...r, status: 'DNS' as const, position: 26 } : r)),
  })),
};

async function pointsIn(preset: string): Promise<Record<string, string>> {
  const loaded = await loadRulebookFile(resolvePreset(preset)!, resolvePreset);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const result = computeStandings(season, loaded.value.rulebook);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const drivers = result.value.championships.find((c) => c.id === 'drivers')!;
  return Object.fromEntries(drivers.rows.map((r) => [r.competitor.id, formatExact(r.points)]));
}

describe('IndyCar non-starters in the presets', () => {
  it.each([
    ['indycar-2008', '10', '5'],
    ['indycar-2009', '10', '5'],
    ['indycar-2010-2012', '10', '5'],
    ['indycar-2013', '5', '5/2'],
    ['indycar-2014-2017', '5', '5/2'],
    ['indycar-2018-2021', '5', '5/2'],
    ['indycar-2022', '5', '5/2'],
    ['indycar-2023', '5', '5/2'],
  ])('%s: 25th (started) %s, 26th (did not start) %s', async (preset, started, nonStarter) => {
    const points = await pointsIn(preset);
    expect(points['c1']).toBe('50');
    expect(points['c25']).toBe(started);
    expect(points['c26']).toBe(nonStarter);
  });
});
