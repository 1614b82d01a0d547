/**
 * Exact rational points. Shared bonuses (1/7 of a fastest-lap point at the 1954 British Grand Prix)
 * and divided shared drives must never drift, so points are BigInt fractions kept in lowest terms
 * with a positive denominator, and are rounded only for display.
 */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** Builds a fraction in lowest terms; throws on a zero denominator (a bug, not bad input). */
export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new Error(`fraction with zero denominator: ${n}/0`);
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const ZERO: Fraction = fraction(0);
export const ONE: Fraction = fraction(1);

// Most points are whole numbers: the fast paths skip the gcd (and its BigInt garbage) for them.

/** Adds two fractions exactly. */
export const add = (a: Fraction, b: Fraction): Fraction => {
  if (b.num === 0n) return a;
  if (a.num === 0n) return b;
  if (a.den === 1n && b.den === 1n) return { num: a.num + b.num, den: 1n };
  if (a.den === b.den) return fraction(a.num + b.num, a.den);
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
};

/** Subtracts b from a exactly. */
export const subtract = (a: Fraction, b: Fraction): Fraction => add(a, { num: -b.num, den: b.den });

/** Multiplies two fractions exactly. */
export const multiply = (a: Fraction, b: Fraction): Fraction => {
  if (b.num === 1n && b.den === 1n) return a;
  if (a.num === 1n && a.den === 1n) return b;
  if (a.den === 1n && b.den === 1n) return { num: a.num * b.num, den: 1n };
  return fraction(a.num * b.num, a.den * b.den);
};

/** Divides a by a whole number of sharers (a bonus shared by a tie, a car's points shared by its drivers). */
export const divide = (a: Fraction, by: number): Fraction => fraction(a.num, a.den * BigInt(by));

/** Negates a fraction (a deduction). */
export const negate = (a: Fraction): Fraction => fraction(-a.num, a.den);

/** Sums a list of fractions exactly. */
export const sum = (xs: Iterable<Fraction>): Fraction => {
  let total = ZERO;
  for (const x of xs) total = add(total, x);
  return total;
};

/** Compares two fractions: negative when a < b, zero when equal, positive when a > b. */
export const compare = (a: Fraction, b: Fraction): number => {
  // Equal denominators (whole points, mostly) compare without making a BigInt difference.
  if (a.den === b.den) return a.num < b.num ? -1 : a.num > b.num ? 1 : 0;
  const d = a.den === b.den ? a.num - b.num : a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

export const isZero = (a: Fraction): boolean => a.num === 0n;

/** Formats as "57/7", "25" or "-3/2": the exact form used in JSON (`pointsExact`). */
export const formatExact = (a: Fraction): string => (a.den === 1n ? `${a.num}` : `${a.num}/${a.den}`);

/** Converts to a number rounded to `decimals` places (2 by default), for display only. */
export const toNumber = (a: Fraction, decimals = 2): number => {
  if (a.den === 1n) return Number(a.num);
  const scale = 10 ** decimals;
  return Math.round((Number(a.num) / Number(a.den)) * scale) / scale;
};

/** Formats for people: whole numbers as is, fractions with up to 2 decimals ("8.14"). */
export const formatDisplay = (a: Fraction, decimals = 2): string => {
  if (a.den === 1n) return `${a.num}`;
  return toNumber(a, decimals).toFixed(decimals).replace(/0+$/, '').replace(/\.$/, '');
};

/** A fraction as a decimal when it has one ("2.5", "5"), else as "n/d" ("1/3"): exact either way. */
export function formatDecimalExact(a: Fraction): string {
  for (let d = 0; d <= 18; d++) {
    const scale = 10n ** BigInt(d);
    if ((a.num * scale) % a.den !== 0n) continue;
    const units = (a.num * scale) / a.den;
    const sign = units < 0n ? '-' : '';
    const abs = units < 0n ? -units : units;
    return d === 0 ? `${units}` : `${sign}${abs / scale}.${String(abs % scale).padStart(d, '0')}`;
  }
  return formatExact(a);
}

/**
 * Parses "25", "-3", "0.5", "1/7" or a number into a fraction; returns undefined for anything else
 * so callers can report the bad value with its place in the file.
 */
export function parseFraction(text: string | number): Fraction | undefined {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return undefined;
    text = String(text);
  }
  const s = text.trim();
  const ratio = /^(-?\d+)\s*\/\s*(\d+)$/.exec(s);
  if (ratio)
    return ratio[2] === '0' || /^0+$/.test(ratio[2]!)
      ? undefined
      : fraction(BigInt(ratio[1]!), BigInt(ratio[2]!));
  const dec = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!dec) return undefined;
  const digits = dec[3] ?? '';
  const n = BigInt(`${dec[2]}${digits}`) * (dec[1] === '-' ? -1n : 1n);
  return fraction(n, 10n ** BigInt(digits.length));
}
