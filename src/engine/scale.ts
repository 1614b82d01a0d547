/**
 * Points by place from a scale: its listed places, then (when the scale says so) a formula for
 * every place after them: NASCAR 1975-2003 paid 3 points less for each place after 11th, down to
 * the last car; IndyCar pays every finisher after 25th the same 5 points.
 */
import { add, compare, formatDisplay, isZero, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Scale } from './rulebook.js';

/** The points of a place (1-based) on a scale; nothing past its last place unless it continues. */
export function pointsForPlace(scale: Scale | undefined, place: number): Fraction {
  if (!scale || place < 1) return ZERO;
  const listed = scale.points[place - 1];
  if (listed !== undefined) return listed;
  const then = scale.then;
  const last = scale.points.at(-1);
  if (!then || last === undefined) return ZERO;
  // last + step × (places past the last listed one), never below the floor.
  const past = place - scale.points.length;
  let points = last;
  for (let i = 0; i < past; i++) points = add(points, then.step);
  const floor = then.min ?? ZERO;
  return compare(points, floor) < 0 ? floor : points;
}

/** How many places score points: the listed non-zero ones, and those the formula keeps above zero (Infinity if it never reaches zero). */
export function scoringPlaces(scale: Scale | undefined): number {
  if (!scale) return 0;
  const listed = scale.points.filter((p) => !isZero(p)).length;
  const then = scale.then;
  if (!then) return listed;
  if (compare(then.min ?? ZERO, ZERO) > 0 || compare(then.step, ZERO) >= 0)
    return isZero(pointsForPlace(scale, scale.points.length + 1)) ? listed : Infinity;
  let place = scale.points.length + 1;
  while (!isZero(pointsForPlace(scale, place)) && place < 10_000) place++;
  return listed + (place - scale.points.length - 1);
}

/** The scale in words: "25-18-...-1", with its continuation. */
export function describeScale(scale: Scale): string {
  const listed = scale.points.map((p) => formatDisplay(p)).join('-');
  const then = scale.then;
  if (!then) return listed;
  if (isZero(then.step))
    return `${listed}, and ${formatDisplay(scale.points.at(-1) ?? ZERO)} for every place after`;
  const floor = then.min === undefined || isZero(then.min) ? '' : `, never below ${formatDisplay(then.min)}`;
  return `${listed}, then ${formatDisplay(then.step)} for each further place${floor}`;
}
