/**
 * Open Graph and Twitter card tags, so a link to a season or its standings shared in a chat or a
 * post shows who leads and the top of the table. Text only (the description is the table's top
 * rows); the image is the series' logo when the season sets one.
 */
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipStandings, Season } from '../../engine/index.js';

/** How many rows of a table a share preview lists. */
export const SHARED_ROWS = 5;

/** "1 Loek Hartog 359 · 2 Ryan Yardley 253 · ..." (the top rows of a table, as text). */
export const tableSummary = (table: ChampionshipStandings, rows = SHARED_ROWS): string =>
  table.rows
    .slice(0, rows)
    .map((r) => `${r.position}${r.shared ? '=' : ''} ${r.competitor.name} ${formatDisplay(r.points)}`)
    .join(' · ');

/** "Overall: Loek Hartog leads with 359 points after race 16." */
export const leaderLine = (table: ChampionshipStandings): string => {
  const first = table.rows[0];
  if (!first) return `${table.name}: no results yet.`;
  const verb = table.final ? 'champion' : 'leads';
  return verb === 'champion'
    ? `${table.name}: ${first.competitor.name} champion with ${formatDisplay(first.points)} points.`
    : `${table.name}: ${first.competitor.name} leads with ${formatDisplay(first.points)} points after race ${table.afterRace}.`;
};

export function ShareTags(props: { season: Season; title: string; description: string; url: string }) {
  const logo = props.season.branding?.logo;
  return (
    <>
      <meta name="description" content={props.description} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={props.season.series.name} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.url} />
      {logo && <meta property="og:image" content={logo} />}
      {logo && <meta property="og:image:alt" content={props.season.series.name} />}
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={props.description} />
    </>
  );
}

/** A season home's preview: each championship's leader. */
export const SeasonShareTags = (props: {
  season: Season;
  championships: readonly ChampionshipStandings[];
  url: string;
}) => (
  <ShareTags
    season={props.season}
    title={props.season.name}
    description={props.championships.map(leaderLine).join(' ')}
    url={props.url}
  />
);

/** A standings page's preview: the leader, then the top of the table. */
export const StandingsShareTags = (props: { season: Season; table: ChampionshipStandings; url: string }) => (
  <ShareTags
    season={props.season}
    title={`${props.table.name} standings · ${props.season.name}`}
    description={`${leaderLine(props.table)} ${tableSummary(props.table)}`}
    url={props.url}
  />
);
