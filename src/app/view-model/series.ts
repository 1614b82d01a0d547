/** Series with their seasons for the home page: the current season (the latest year) first. */
import type { SeasonSummary } from '../paddock.js';

export interface SeriesSeasons {
  readonly id: string;
  readonly name: string;
  readonly current: SeasonSummary;
  /** The other seasons, newest first. */
  readonly earlier: readonly SeasonSummary[];
}

/** Groups seasons under their series (series without seasons are left out), by series name. */
export function seriesWithSeasons(
  series: readonly { readonly id: string; readonly name: string }[],
  seasons: readonly SeasonSummary[],
): SeriesSeasons[] {
  return series
    .flatMap((s) => {
      const own = seasons
        .filter((x) => x.seriesId === s.id)
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.id.localeCompare(b.id));
      const [current, ...earlier] = own;
      return current ? [{ id: s.id, name: s.name, current, earlier }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
