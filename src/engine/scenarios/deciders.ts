/**
 * After which race a title was decided, by the exact solver: the first race after which the
 * championship has a champion (clinched) and had none before. Used to check the solver against
 * f1db's record of the race that decided each Formula One title (test/f1/title-deciders.test.ts,
 * npm run bench:scenarios).
 */
import { compileSeason } from '../compiled/index.js';
import type { Rulebook } from '../rulebook.js';
import type { Season } from '../season.js';
import { analyseTitleFight } from './title-fight.js';

/** Whether the championship's title is decided (clinched or won) after race `after`. */
export function titleDecidedAfter(
  season: Season,
  rulebook: Rulebook,
  championshipId: string,
  after: number,
): boolean {
  if (after < 1) return false;
  const compiled = compileSeason(season, rulebook, { afterRace: after, asKnown: true });
  if (!compiled.ok) throw new Error(`${season.id} after race ${after}: ${compiled.issues[0]?.message ?? ''}`);
  const champ = compiled.value.championships.find((c) => c.id === championshipId);
  if (!champ) throw new Error(`${season.id}: no championship ${championshipId}`);
  return analyseTitleFight(champ).champion !== undefined;
}

/** How the solver's deciding race compares with a recorded one. */
export type DeciderCheck = 'agrees' | 'decided earlier' | 'decided later';

/** Checks a recorded deciding race: decided after it, and not after the race before. */
export function checkDecider(
  season: Season,
  rulebook: Rulebook,
  championshipId: string,
  race: number,
): DeciderCheck {
  if (titleDecidedAfter(season, rulebook, championshipId, race - 1)) return 'decided earlier';
  return titleDecidedAfter(season, rulebook, championshipId, race) ? 'agrees' : 'decided later';
}
