/**
 * `paddock whatif` and `paddock standings --rulebook`, with figures worked by hand from the
 * reference season (25-20-17-14 ..., pole 2, fastest lap 1) and the 1988 Formula One season.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run-cli.js';

describe('paddock whatif', () => {
  it('rescores race 13 with Sedgwick winning from pole with the fastest lap, nothing saved', async () => {
    // Race 13 as run: Vanier 1st (25 + fastest lap 1), Hartog 2nd (20), Yardley 3rd (17),
    // Sedgwick 4th (14 + pole 2). Changed to Sedgwick, Yardley, Vanier, Hartog: Hartog 359 - 6 =
    // 353, Sedgwick 245 + 11 + 1 = 257 (ahead of Yardley), Yardley 253 + 3 = 256, Vanier 225 - 8 - 1 = 216.
    const { code, out } = await run(
      'whatif',
      '2024-pccna',
      '-c',
      'overall',
      '--set',
      'race 13: sedgwick, yardley, vanier, hartog; pole sedgwick; fastest sedgwick',
    );
    expect(code).toBe(0);
    expect(out).toContain('Nothing is saved.');
    expect(out).toMatch(/1 {2}Loek Hartog +353 +1 +359\n/);
    expect(out).toMatch(/2 {2}Alex Sedgwick +257 +3 +245 +\+1\n/);
    expect(out).toMatch(/3 {2}Ryan Yardley +256 +2 +253 +-1\n/);
    expect(out).toMatch(/4 {2}Zachary Vanier +216 +4 +225\n/);
    expect(out).toContain('Overall: Loek Hartog would be champion.');
    // The real standings are untouched.
    const real = await run('standings', '2024-pccna', '-c', 'overall');
    expect(real.out).toMatch(/1 {2}Loek Hartog +359/);
  });

  it('says which names it cannot find', async () => {
    const { code, err } = await run('whatif', '2024-pccna', '--set', 'race 13: sedgwick, senna');
    expect(code).toBe(1);
    expect(err).toContain('nobody called "senna" is entered for race 13');
  });
});

describe('paddock standings --rulebook', () => {
  it('puts 1988 under the 1991 points (10 for a win, every result counts) beside its own', async () => {
    // Prost: 7 wins, 7 seconds = 70 + 42 = 112 (87 with the best 11 of 1988's 9-6-4-3-2-1).
    // Senna: 8 wins, 3 seconds, a 4th and a 6th = 80 + 18 + 3 + 1 = 102 (90 in 1988).
    const { code, out } = await run(
      'standings',
      'test/fixtures/seasons/1988-formula-one',
      '--rulebook',
      'f1-1991-1999',
    );
    expect(code).toBe(0);
    expect(out).toContain('under Formula One 1991-1999');
    expect(out).toMatch(/1 {2}Alain Prost +112 +2 +87 +\+1\n/);
    expect(out).toMatch(/2 {2}Ayrton Senna +102 +1 +90 +-1\n/);
  });

  it('says when the rulebook does not exist', async () => {
    const { code, err } = await run('standings', '2024-pccna', '--rulebook', 'no-such-preset');
    expect(code).toBe(1);
    expect(err).toContain('no-such-preset');
  });
});
