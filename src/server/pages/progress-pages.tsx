/**
 * Charts of standings race by race: a driver's or team's points and position in each of their
 * championships (small multiples, one figure per championship), and a championship's progress page
 * (the leaders' lines and the whole table after every race). Every chart has a table beside it
 * with the same figures, for readers who do not see the chart.
 */
import { raw } from 'hono/html';
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipProgress, CompetitorProgress, SeasonView } from '../../app/index.js';
import { LINE_COLOURS, progressChart } from '../chart.js';
import { Layout } from './layout.js';
import type { Viewer } from './layout.js';

/** How many of a championship's leaders its progress page draws (the table lists everyone). */
export const CHART_LEADERS = 8;

const place = (s: { position: number; shared: boolean }) => `${s.position}${s.shared ? '=' : ''}`;

/** Two charts (points, position) of some competitors in one championship, with a caption. */
function ChartPair(props: {
  championship: ChampionshipProgress;
  competitors: readonly CompetitorProgress[];
  id: string;
  caption: string;
}) {
  const points = progressChart(props.championship, props.competitors, 'points', `${props.id}-points`);
  const position = progressChart(props.championship, props.competitors, 'position', `${props.id}-position`);
  if (!points) return <></>;
  return (
    <div class="chart-pair">
      <figure class="chart">
        {raw(points)}
        <figcaption id={`${props.id}-points`}>Points after each race: {props.caption}</figcaption>
      </figure>
      <figure class="chart">
        {raw(position)}
        <figcaption id={`${props.id}-position`}>Position after each race: {props.caption}</figcaption>
      </figure>
    </div>
  );
}

export interface CompetitorProgressItem {
  readonly championship: ChampionshipProgress;
  readonly competitor: CompetitorProgress;
}

/** A driver's or team's points and position after each race, one section per championship. */
export function CompetitorProgressCharts(props: { name: string; items: readonly CompetitorProgressItem[] }) {
  if (!props.items.some((i) => i.competitor.steps.length)) return <></>;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">Through the season</h2>
      <p class="muted">
        Each championship's table as it stood after each of its races (drop rules as they applied then).
      </p>
      {props.items.map(({ championship, competitor }, i) => (
        <section class="progress" aria-labelledby={`progress-${i}`}>
          <h3 id={`progress-${i}`}>{championship.name}</h3>
          <ChartPair
            championship={championship}
            competitors={[competitor]}
            id={`chart-${i}`}
            caption={`${competitor.name} in the ${championship.name} standings`}
          />
          <details>
            <summary>The figures of these charts</summary>
            <div class="scroll" tabindex={0} role="region" aria-labelledby={`progress-${i}`}>
              <table>
                <caption>
                  {competitor.name} in the {championship.name} standings after each race
                </caption>
                <thead>
                  <tr>
                    <th scope="col">After race</th>
                    <th scope="col" class="num">
                      Points
                    </th>
                    <th scope="col" class="num">
                      Position
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {competitor.steps.map((s) => (
                    <tr>
                      <th scope="row">R{s.race}</th>
                      <td class="num">{formatDisplay(s.points)}</td>
                      <td class="num">{place(s)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ))}
    </section>
  );
}

/** A championship's progress: the leaders' lines, and every competitor's points and position after each race. */
export function ProgressPage(props: {
  view: SeasonView;
  viewer: Viewer | undefined;
  championship: ChampionshipProgress;
  competitorHref: (id: string) => string | undefined;
}) {
  const { view, championship: c } = props;
  const base = `/seasons/${view.season.id}`;
  const leaders = c.competitors.slice(0, CHART_LEADERS);
  return (
    <Layout
      title={`${c.name}: race by race`}
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      <p>
        <a href={`${base}/standings/${c.id}`}>{c.name} standings</a> · the table as it stood after each race
        in the championship's scope (drop rules as they applied then).
      </p>
      {leaders.length > 0 && (
        <>
          <ul class="line-key" aria-label="Lines">
            {leaders.map((l, i) => (
              <li>
                <span class={`swatch line-${i % LINE_COLOURS.length}`}></span>
                {l.name}
              </li>
            ))}
          </ul>
          <ChartPair
            championship={c}
            competitors={leaders}
            id="leaders"
            caption={`the top ${leaders.length} of the ${c.name} standings`}
          />
        </>
      )}
      <div class="scroll table-box">
        <table class="progress-table">
          <caption>Points and (position) after each race</caption>
          <thead>
            <tr>
              <th scope="col" class="competitor">
                {c.competitorKind === 'team' ? 'Team' : 'Driver'}
              </th>
              {c.races.map((r) => (
                <th scope="col" class="num">
                  <a href={`${base}/events/${r.eventId}`}>R{r.race}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.competitors.map((who) => {
              const byRace = new Map(who.steps.map((s) => [s.race, s]));
              return (
                <tr>
                  <th scope="row" class="competitor">
                    {props.competitorHref(who.id) ? (
                      <a href={props.competitorHref(who.id)}>{who.name}</a>
                    ) : (
                      who.name
                    )}
                  </th>
                  {c.races.map((r) => {
                    const s = byRace.get(r.race);
                    return (
                      <td class="num">
                        {s ? (
                          <>
                            {formatDisplay(s.points)} <span class="muted">({place(s)})</span>
                          </>
                        ) : (
                          <>
                            <span aria-hidden="true">–</span>
                            <span class="vh">not in the table yet</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
