/**
 * Loads a hand-entered season under test/fixtures/seasons/ with the preset library and returns
 * its standings in a shape that is easy to compare with hand-worked tables.
 */
import { join } from 'node:path';
import { computeStandings, formatExact, sum } from '../../src/engine/index.js';
import type { ChampionshipStandings } from '../../src/engine/index.js';
import { resolvePreset } from '../../src/formats/catalog.js';
import { loadSeasonFolder } from '../../src/formats/season-folder.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'seasons');

/** One standings row: "position[=] competitor-id points" with exact points ("57/7"). */
export interface Line {
  readonly pos: string;
  readonly id: string;
  readonly points: string;
}

export interface FixtureStandings {
  readonly championships: readonly ChampionshipStandings[];
  table(championship: string): Line[];
  /** Points scored before drop rules: every result and bonus, counted or dropped. */
  scored(championship: string, competitor: string): string;
  get(championship: string): ChampionshipStandings;
}

export async function standingsOf(id: string, afterRace?: number): Promise<FixtureStandings> {
  const loaded = await loadSeasonFolder(join(FIXTURES, id), resolvePreset);
  if (!loaded.ok)
    throw new Error(loaded.issues.map((i) => `${i.location?.file ?? ''} ${i.message}`).join('\n'));
  const result = computeStandings(
    loaded.value.season,
    loaded.value.rulebook,
    afterRace === undefined ? {} : { afterRace },
  );
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  const { championships } = result.value;
  const get = (c: string) => {
    const found = championships.find((k) => k.id === c);
    if (!found) throw new Error(`no championship ${c}`);
    return found;
  };
  return {
    championships,
    get,
    table: (c) =>
      get(c).rows.map((r) => ({
        pos: `${r.position}${r.shared ? '=' : ''}`,
        id: r.competitor.id,
        points: formatExact(r.points),
      })),
    scored: (c, competitor) => {
      const row = get(c).rows.find((r) => r.competitor.id === competitor);
      if (!row) throw new Error(`${competitor} is not listed in ${c}`);
      return formatExact(
        sum(row.contributions.filter((d) => d.kind === 'result' || d.kind === 'bonus').map((d) => d.points)),
      );
    },
  };
}

/** Builds expected lines from a compact hand-written table: [pos, id, points]. */
export const lines = (rows: readonly (readonly [string | number, string, string | number])[]): Line[] =>
  rows.map(([pos, id, points]) => ({ pos: String(pos), id, points: String(points) }));
