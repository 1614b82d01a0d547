import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../engine/index.js';
import { resolvePreset, SEASONS_DIR } from './catalog.js';
import { loadSeasonFiles, readSeasonFolder } from './season-folder.js';

const CANADA_ON_THE_ROAD = [
  '1,5-sebastian-vettel,,classified,70,,1:29:05.742,',
  '2,44-lewis-hamilton,,classified,70,,1:29:07.084,',
];
const VETTEL_5_SECONDS = `- kind: time-penalty
  session: canada
  entry: 5-sebastian-vettel
  seconds: 5
  reason: Rejoined the track unsafely at turns 3 and 4, forcing Hamilton to avoid him
`;

describe('a time penalty written in adjustments.yaml (docs/season-format.md)', () => {
  it('turns the 2019 Canadian Grand Prix as run on the road into its official result', async () => {
    const read = await readSeasonFolder(join(SEASONS_DIR, 'f1-2019'));
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    const official = read.value;
    const results = official.get('results/canada.csv')!.split('\n');
    // f1db's official result: Hamilton 1:29:07.084, Vettel 1:29:10.742 with the 5 s; on the road
    // Vettel finished 1:29:05.742, 1.342 s ahead, and Leclerc (1:29:11.780) stays third.
    expect(results.slice(1, 3)).toEqual([
      '1,44-lewis-hamilton,,classified,70,,1:29:07.084,',
      '2,5-sebastian-vettel,,classified,70,,1:29:10.742,',
    ]);
    const onTheRoad = new Map(official);
    onTheRoad.set('results/canada.csv', [results[0], ...CANADA_ON_THE_ROAD, ...results.slice(3)].join('\n'));
    onTheRoad.set('adjustments.yaml', VETTEL_5_SECONDS);

    const a = await loadSeasonFiles(official, { resolvePreset });
    const b = await loadSeasonFiles(onTheRoad, { resolvePreset });
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b].flatMap((x) => (x.ok ? [] : x.issues))));
    const before = computeStandings(a.value.season, a.value.rulebook);
    const after = computeStandings(b.value.season, b.value.rulebook);
    if (!before.ok || !after.ok) throw new Error('did not score');
    const tables = (s: typeof before) =>
      s.ok &&
      s.value.championships.map((c) =>
        c.rows.map((r) => `${r.position} ${r.competitor.id} ${r.points.num}/${r.points.den}`),
      );
    expect(tables(after)).toEqual(tables(before));
    // Without the penalty Vettel would have won in Canada: 7 points more.
    const noPenalty = new Map(onTheRoad);
    noPenalty.delete('adjustments.yaml');
    const c = await loadSeasonFiles(noPenalty, { resolvePreset });
    if (!c.ok) throw new Error('did not load');
    const vettel = (s: ReturnType<typeof computeStandings>) =>
      s.ok && s.value.championships[0]!.rows.find((r) => r.competitor.id === 'sebastian-vettel')!.points.num;
    expect(Number(vettel(computeStandings(c.value.season, c.value.rulebook)))).toBe(
      Number(vettel(before)) + 7,
    );
  });
});
