/**
 * The standings widget a series puts on its own site (an iframe of `/seasons/:season/embed/:id`),
 * in the series' colours and with its logo (season.yaml `branding:`), and the page that gives
 * organisers the snippet to paste. The widget is a page of its own: its styles inline, no
 * scripts, one link out to the full standings.
 */
import { raw } from 'hono/html';
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipStandings, SeasonBranding, SeasonStandings } from '../../engine/index.js';
import { readableOn } from '../../formats/branding.js';
import type { SeasonView } from '../../app/index.js';
import { Layout } from './layout.js';
import type { Viewer } from './layout.js';

/** Rows a widget shows unless `?rows=` says otherwise, and the most it may ask for. */
export const EMBED_ROWS = { default: 10, max: 50 } as const;

const DEFAULT_PRIMARY = '#111111';

/** The widget's colours: the series' primary colour, and text that reads on it. */
export function widgetColours(branding: SeasonBranding | undefined): { primary: string; text: string } {
  const primary = branding?.primary ?? DEFAULT_PRIMARY;
  return { primary, text: branding?.text ?? readableOn(primary) };
}

/** The widget's height in pixels for a number of rows (the snippet's iframe height). */
export const widgetHeight = (rows: number): number => 96 + 29 * rows;

function widgetStyles(colours: { primary: string; text: string }): string {
  // The colours are validated hex codes (season.yaml), so they can go into CSS as they are.
  return `
:root { --primary: ${colours.primary}; --on-primary: ${colours.text}; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }
* { box-sizing: border-box; } body { margin: 0; font-size: 14px; line-height: 1.3; }
.widget { border: 1px solid #ccc; border-radius: 4px; overflow: hidden; max-width: 100%; }
.widget header { background: var(--primary); color: var(--on-primary); display: flex; gap: .5rem; align-items: center; padding: .4rem .6rem; }
.widget header img { height: 32px; width: auto; max-width: 96px; object-fit: contain; }
.widget header .title { display: flex; flex-direction: column; min-width: 0; }
.widget header strong { font-size: 1rem; } .widget header span { font-size: .8rem; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: .25rem .5rem; text-align: left; border-bottom: 1px solid #e5e5e5; white-space: nowrap; }
th { font-size: .75rem; text-transform: uppercase; color: #555; font-weight: 600; }
td.name { white-space: normal; } .num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:first-child td { font-weight: 700; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { padding: .3rem .6rem; font-size: .8rem; display: flex; justify-content: space-between; gap: .5rem; color: #555; }
a { color: #0b57d0; }
`;
}

/** The widget: a championship's top rows in the series' colours, linking to the full standings. */
export function EmbedWidget(props: {
  view: SeasonView;
  table: ChampionshipStandings;
  rows: number;
  standingsUrl: string;
}) {
  const { view, table } = props;
  const branding = view.season.branding;
  const colours = widgetColours(branding);
  const kind =
    table.competitorKind === 'team' ? 'Team' : table.competitorKind === 'entry' ? 'Entry' : 'Driver';
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>
            {table.name} standings · {view.season.name}
          </title>
          <style>{raw(widgetStyles(colours))}</style>
        </head>
        <body>
          <main class="widget">
            <header>
              {branding?.logo && <img src={branding.logo} alt={view.season.series.name} />}
              <div class="title">
                <strong>{table.name}</strong>
                <span>
                  {view.season.name} · after race {table.afterRace}
                </span>
              </div>
            </header>
            <table>
              <caption class="vh">
                {table.name} standings after race {table.afterRace}, top{' '}
                {Math.min(props.rows, table.rows.length)}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Pos
                  </th>
                  <th scope="col">{kind}</th>
                  <th scope="col" class="num">
                    Pts
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, props.rows).map((row) => (
                  <tr>
                    <td class="num">{`${row.position}${row.shared ? '=' : ''}`}</td>
                    <td class="name">{row.competitor.name}</td>
                    <td class="num">{formatDisplay(row.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <footer>
              <a href={props.standingsUrl} target="_blank" rel="noopener">
                Full standings
              </a>
              <span>Paddock</span>
            </footer>
          </main>
        </body>
      </html>
    </>
  );
}

/** The iframe HTML a series pastes into its own site. */
export function embedSnippet(widgetUrl: string, title: string, rows: number): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<iframe src="${esc(widgetUrl)}" title="${esc(title)}" width="360" height="${widgetHeight(rows)}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** For organisers: each championship's widget, previewed, with the snippet to paste. */
export function EmbedHelpPage(props: {
  view: SeasonView;
  viewer: Viewer | undefined;
  standings: SeasonStandings;
  origin: string;
}) {
  const { view } = props;
  const rows = EMBED_ROWS.default;
  return (
    <Layout
      title="Embed the standings"
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      <p>
        Paste a snippet into a page of your site to show a championship's leaders; it updates itself with
        every result. Add <code>?rows=N</code> (1 to {EMBED_ROWS.max}) to the address for more or fewer rows.
        {view.season.branding
          ? ' It uses the colours and logo set in the season.'
          : ' Set the series’ colours and logo under branding: in season.yaml (docs/season-format.md).'}
      </p>
      {props.standings.championships.map((table, i) => {
        const path = `/seasons/${view.season.id}/embed/${table.id}`;
        const title = `${table.name} standings, ${view.season.name}`;
        return (
          <section aria-labelledby={`embed-${i}`}>
            <h2 id={`embed-${i}`}>{table.name}</h2>
            <label for={`snippet-${i}`}>Snippet</label>
            <textarea id={`snippet-${i}`} class="snippet" readonly rows={3}>
              {embedSnippet(`${props.origin}${path}`, title, rows)}
            </textarea>
            <iframe
              src={path}
              title={`Preview: ${title}`}
              width="360"
              height={String(widgetHeight(rows))}
              class="embed-preview"
              loading="lazy"
            ></iframe>
          </section>
        );
      })}
    </Layout>
  );
}
