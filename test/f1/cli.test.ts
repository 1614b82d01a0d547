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

  it("names Schumacher's 1997 exclusion among reconcile's findings until exclusions take a date", async () => {
    const { code, out } = await run('reconcile', 'f1-1997');
    expect(code).toBe(0);
    expect(out).toMatch(/Michael Schumacher\s+78, excluded\s+78, 2nd/);
  });
});
