/** The built-in Formula One seasons through the command line, by their aliases. */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli.js';

describe('Formula One seasons on the command line', () => {
  it('lists every season 1950-2026 with its f1-YYYY alias', async () => {
    const { code, out } = await run('seasons', '--json');
    expect(code).toBe(0);
    const aliases = (JSON.parse(out) as { aliases: string[] }[]).flatMap((s) => s.aliases);
    for (const year of [1950, 1988, 2025, 2026]) expect(aliases).toContain(`f1-${year}`);
  });

  it('scores 1988 by its preset: Senna champion on his best 11 results, 90 to 87', async () => {
    const { code, out } = await run('standings', 'f1-1988', '-c', 'drivers', '--json');
    expect(code).toBe(0);
    const table = (
      JSON.parse(out) as { championships: { standings: { competitor: { id: string }; points: number }[] }[] }
    ).championships[0]!.standings;
    expect(table.slice(0, 2).map((r) => [r.competitor.id, r.points])).toEqual([
      ['ayrton-senna', 90],
      ['alain-prost', 87],
    ]);
  });

  it('excludes Schumacher from the final 1997 table only, as f1db prints it', async () => {
    type Json = {
      championships: {
        standings: { position: number; competitor: { id: string }; points: number }[];
        excluded: { competitor: { id: string }; pointsExact: string }[];
      }[];
    };
    const final = JSON.parse((await run('standings', 'f1-1997', '-c', 'drivers', '--json')).out) as Json;
    expect(final.championships[0]!.standings[0]!.competitor.id).toBe('jacques-villeneuve');
    expect(final.championships[0]!.excluded.map((x) => [x.competitor.id, x.pointsExact])).toEqual([
      ['michael-schumacher', '78'],
    ]);
    const before = JSON.parse(
      (await run('standings', 'f1-1997', '-c', 'drivers', '--after', '16', '--json')).out,
    ) as Json;
    expect(before.championships[0]!.standings[0]).toMatchObject({
      competitor: { id: 'michael-schumacher' },
      points: 78,
    });
    const { code, out } = await run('reconcile', 'f1-1997');
    expect(code).toBe(0);
    expect(out).not.toContain('Michael Schumacher');
  });
});
