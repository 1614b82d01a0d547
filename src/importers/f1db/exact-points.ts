/**
 * f1db prints points with at most two decimals: a seventh of the 1954 British Grand Prix's
 * fastest-lap point is 0.14, a third of a shared car's points 1.33, half of 1/7 plus 7 is 7.64.
 * Championship points were only ever divided by 2 (half points, two drivers), 3 (three drivers),
 * 4 and 7 (the seven-way fastest lap), so a printed figure is read back as the fraction with the
 * smallest such denominator that rounds to it; anything else is taken as the exact decimal.
 */
import { fraction } from '../../engine/index.js';
import type { Fraction } from '../../engine/index.js';

/** Denominators that products of 1/2, 1/3, 1/4 and 1/7 shares can produce, smallest first. */
const DENOMINATORS = [1, 2, 3, 4, 6, 7, 12, 14, 21, 28, 42, 84];
const HALF_CENT = 0.005 + 1e-9;

/** The exact points behind a figure printed with at most two decimals. */
export function exactPoints(printed: number): Fraction {
  for (const den of DENOMINATORS) {
    const num = Math.round(printed * den);
    if (Math.abs(num / den - printed) <= HALF_CENT) return fraction(num, den);
  }
  const text = String(printed);
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  const scale = 10 ** decimals;
  return fraction(Math.round(printed * scale), scale);
}
