import { describe, expect, it } from 'vitest';
import { exponential, seededRandom } from './random.js';

describe('exponential variates (the ziggurat)', () => {
  it('follow Exp(1): mean, variance and the distribution function (Kolmogorov-Smirnov)', () => {
    const random = seededRandom(11);
    const n = 200_000;
    const xs = new Float64Array(n);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = exponential(random);
      xs[i] = x;
      sum += x;
      squares += x * x;
    }
    const mean = sum / n;
    // Exp(1): mean 1 and variance 1; the mean's standard error is 1/sqrt(n), about 0.0022.
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(squares / n - mean * mean - 1)).toBeLessThan(0.03);
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = 1 - Math.exp(-xs[i]!);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    // The 1% critical value of the Kolmogorov-Smirnov statistic is 1.63 / sqrt(n), about 0.0036.
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
    // The tail beyond the base layer (7.697) is reached: P(X > 7.7) = 4.5e-4, about 90 of them.
    const tail = xs.filter((x) => x > 7.7).length;
    expect(tail).toBeGreaterThan(50);
    expect(tail).toBeLessThan(140);
  });

  it('is seeded: the same seed gives the same variates', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    for (let i = 0; i < 1000; i++) expect(exponential(a)).toBe(exponential(b));
  });
});
