/**
 * The charts' data (the standings-progress view model) against `paddock standings --after N
 * --json` for every race N and every championship of the reference season: each step of a chart
 * is a row of the table the command prints after that race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitorProgress, Paddock, standingsProgress } from '../../src/app/index.js';
import type { StandingsProgress } from '../../src/app/index.js';
import { formatExact } from '../../src/engine/index.js';
import { run } from '../support/run-cli.js';

interface JsonRow {
  position: number;
  shared: boolean;
  competitor: { id: string };
  pointsExact: string;
}
interface JsonStandings {
  afterRace: number;
  championships: { id: string; standings: JsonRow[] }[];
}

const RACES = 16;
let paddock: Paddock;
let progress: StandingsProgress;

beforeAll(async () => {
  paddock = await Paddock.open(undefined, {});
  const sv = await paddock.open('2024-pccna');
  if (!sv.ok) throw new Error(JSON.stringify(sv.issues));
  const standingsAfter = (afterRace?: number) => {
    const s = paddock.standings(sv.value, afterRace === undefined ? {} : { afterRace });
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    return s.value;
  };
  progress = standingsProgress(standingsAfter(), standingsAfter);
});
afterAll(() => paddock.close());

describe('standings progress (the charts) of the reference season', () => {
  it('has one step per race in each championship scope: every race, but only the IMSA weekends for the ANDIAL Cup', () => {
    const races = Object.fromEntries(progress.championships.map((c) => [c.id, c.races.map((r) => r.race)]));
    const all = Array.from({ length: RACES }, (_, i) => i + 1);
    // rulebook.yaml: andial-cup is scoped to events tagged imsa-support in season.yaml, rounds
    // 1 (Sebring, races 1-2) and 4-7 (Watkins Glen to Road Atlanta, races 7-14).
    expect(races).toEqual({
      overall: all,
      pro: all,
      'pro-am': all,
      masters: all,
      'andial-cup': [1, 2, 7, 8, 9, 10, 11, 12, 13, 14],
    });
  });

  it('equals `paddock standings --after N --json` for every race N and every championship', async () => {
    let compared = 0;
    for (let n = 1; n <= RACES; n++) {
      const { code, out } = await run('standings', '2024-pccna', '--after', String(n), '--json');
      expect(code).toBe(0);
      const doc = JSON.parse(out) as JsonStandings;
      expect(doc.afterRace).toBe(n);
      for (const table of doc.championships) {
        const c = progress.championships.find((x) => x.id === table.id)!;
        const stepsAtN = c.competitors.flatMap((who) =>
          who.steps
            .filter((s) => s.race === n)
            .map((s) => ({
              position: s.position,
              shared: s.shared,
              competitor: who.id,
              points: formatExact(s.points),
            })),
        );
        if (!c.races.some((r) => r.race === n)) {
          // A race outside the championship's scope is no step of its chart.
          expect(stepsAtN).toEqual([]);
          continue;
        }
        const printed = table.standings.map((r) => ({
          position: r.position,
          shared: r.shared,
          competitor: r.competitor.id,
          points: r.pointsExact,
        }));
        expect(
          [...stepsAtN].sort((a, b) => a.position - b.position || a.competitor.localeCompare(b.competitor)),
        ).toEqual(
          [...printed].sort((a, b) => a.position - b.position || a.competitor.localeCompare(b.competitor)),
        );
        compared += printed.length;
      }
    }
    // Every row of every table after every race in scope was compared (not zero by accident).
    expect(compared).toBeGreaterThan(1000);
  });

  it('counts what the table after race 1 counted: Metni 3 in Pro-Am, though that result is dropped from the final table', () => {
    const [, proAm] = competitorProgress(progress, 'driver', 'alan-metni');
    expect(proAm!.championship.id).toBe('pro-am');
    // Race 1: Metni 13th of the Pro-Am class, 3 points on the Carrera Cup scale, so 13th after race 1;
    // the final table drops that race as one of his two lowest (explain: "not counted").
    expect(proAm!.competitor.steps[0]).toMatchObject({ race: 1, position: 13, shared: false });
    expect(formatExact(proAm!.competitor.steps[0]!.points)).toBe('3');
    expect(formatExact(proAm!.competitor.steps.at(-1)!.points)).toBe('245');
  });

  it("keeps Hartog's Overall and Pro apart: one series per championship", () => {
    const mine = competitorProgress(progress, 'driver', 'loek-hartog');
    expect(mine.map((m) => m.championship.id)).toEqual(['overall', 'pro', 'andial-cup']);
    expect(mine.every((m) => m.competitor.id === 'loek-hartog')).toBe(true);
  });
});
