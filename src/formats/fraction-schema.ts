import { z } from 'zod';
import { parseFraction } from '../engine/index.js';
import type { Fraction } from '../engine/index.js';

/** Points in a file: 25, 0.5 or "1/7", kept exact. */
export const fractionSchema = z.union([z.number(), z.string()]).transform((v, ctx): Fraction => {
  const f = parseFraction(v);
  if (!f) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a number or fraction such as 25, 0.5 or 1/7` });
    return z.NEVER;
  }
  return f;
});

/** Points taken away: more than zero (a negative deduction would add points, a zero one nothing). */
export const deductionSchema = fractionSchema.refine(
  (f) => f.num > 0n, // denominators are positive
  'a deduction takes away more than zero points: write 10, not -10 or 0',
);
