import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  divide,
  formatDisplay,
  formatExact,
  fraction,
  parseFraction,
  sum,
  toNumber,
} from './fraction.js';

describe('fractions', () => {
  it('keeps seven sevenths of a point exactly one point', () => {
    const seventh = divide(fraction(1), 7);
    expect(formatExact(sum(Array.from({ length: 7 }, () => seventh)))).toBe('1');
  });
  it('adds tenths exactly (0.1 + 0.1 + 0.1 is 3/10, not 0.30000000000000004)', () => {
    const tenth = fraction(1, 10);
    expect(formatExact(add(add(tenth, tenth), tenth))).toBe('3/10');
  });
  it('reduces to lowest terms with a positive denominator', () => {
    expect(fraction(6, -4)).toEqual({ num: -3n, den: 2n });
  });
  it('parses whole numbers, decimals and ratios, and rejects anything else', () => {
    expect(formatExact(parseFraction('25')!)).toBe('25');
    expect(formatExact(parseFraction('0.5')!)).toBe('1/2');
    expect(formatExact(parseFraction('1/7')!)).toBe('1/7');
    expect(formatExact(parseFraction(-3)!)).toBe('-3');
    expect(parseFraction('x')).toBeUndefined();
    expect(parseFraction('1/0')).toBeUndefined();
  });
  it('rounds only for display', () => {
    expect(formatDisplay(fraction(57, 7))).toBe('8.14');
    expect(toNumber(fraction(57, 7))).toBe(8.14);
    expect(formatDisplay(fraction(9, 2))).toBe('4.5');
    expect(compare(fraction(1, 3), fraction(33, 100))).toBe(1);
  });
});
