import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli.js';

describe('paddock odds', () => {
  it('gives the same odds for the same seed, and marks titles still possible that no run produced', async () => {
    const args = ['odds', '2024-pccna', '-c', 'pro-am', '--after', '12', '--runs', '400', '--seed', '3'];
    const first = await run(...args);
    const second = await run(...args);
    expect(first.code).toBe(0);
    expect(second.out).toBe(first.out);
    expect(first.out).toContain('400 simulated seasons (seed 3)');
    expect(first.out).toMatch(/Marco Cirone +\d+\.\d%/);
    expect(first.out).toContain('0.0% (possible)');
  });

  it('says the title is clinched rather than estimating it', async () => {
    // After race 13 Hartog (302) cannot be caught: Sedgwick can reach 199 + 3 x 28 = 283.
    const { code, out } = await run('odds', '2024-pccna', '-c', 'overall', '--after', '13', '--runs', '50');
    expect(code).toBe(0);
    expect(out).toMatch(/Loek Hartog +100% \(clinched\)/);
    expect(out).not.toContain('Alex Sedgwick');
  });

  it('prints JSON with probabilities and their errors', async () => {
    const { out } = await run(
      'odds',
      '2024-pccna',
      '-c',
      'masters',
      '--after',
      '14',
      '--runs',
      '300',
      '--json',
    );
    const doc = JSON.parse(out) as {
      runs: number;
      seed: number;
      championships: {
        competitors: { competitor: { id: string }; probability: number; error: number; possible: boolean }[];
      }[];
    };
    expect([doc.runs, doc.seed]).toEqual([300, 1]);
    const total = doc.championships[0]!.competitors.reduce((s, c) => s + c.probability, 0);
    expect(total).toBeCloseTo(1, 9);
    expect(doc.championships[0]!.competitors[0]).toMatchObject({
      competitor: { id: 'matt-halcome' },
      possible: true,
    });
  });

  it('refuses a number of runs that is not a whole number', async () => {
    const { code, err } = await run('odds', '2024-pccna', '--runs', 'many');
    expect(code).toBe(2);
    expect(err).toContain('give the runs as a whole number');
  });
});
