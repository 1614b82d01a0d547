/**
 * Standings for the paddock notice board: every championship as a results matrix on its own A4
 * sheet (print CSS in styles.ts), without links, colours kept in print. On screen it is an
 * ordinary page; the browser's Print prints one championship per page.
 */
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipStandings, SeasonStandings, SessionCell } from '../../engine/index.js';
import { cellLabel, cellOutcome } from '../../exporters/matrix/cell-outcome.js';
import type { SeasonView } from '../../app/index.js';
import { Layout } from './layout.js';
import { ExcludedLine } from './results-matrix.js';
import type { Viewer } from './layout.js';

function PrintCell(props: { cells: readonly SessionCell[] }) {
  if (!props.cells.length) return <td class="cell c-none"></td>;
  return (
    <td class={`cell c-${cellOutcome(props.cells[0]!)}`}>
      {props.cells.map((cell, i) => {
        const text = cell.dropped ? `(${cellLabel(cell)})` : cellLabel(cell);
        let body = <>{text}</>;
        if (cell.fastestLap) body = <em>{body}</em>;
        if (cell.pole) body = <strong>{body}</strong>;
        return (
          <>
            {i > 0 && ' '}
            {body}
          </>
        );
      })}
    </td>
  );
}

function Sheet(props: { view: SeasonView; table: ChampionshipStandings; index: number }) {
  const { view, table } = props;
  const last = table.sessions.findLast((s) => s.race === table.afterRace);
  const event = last && view.event(last.eventId);
  const headingId = `sheet-${props.index}`;
  return (
    <section class="sheet" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span class="sheet-season">{view.season.name}</span> {table.name}
      </h2>
      <p class="sheet-after">
        Standings after race {table.afterRace}
        {event ? ` (${event.name}${(event.end ?? event.start) ? `, ${event.end ?? event.start}` : ''})` : ''}
        {table.final ? '' : '; drop rules for the final standings not yet applied'}
      </p>
      <div class="scroll" tabindex={0} role="region" aria-labelledby={headingId}>
        <table class="matrix print-matrix">
          <caption class="vh">
            {table.name} standings after race {table.afterRace}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Pos
              </th>
              <th scope="col" class="competitor">
                {table.competitorKind === 'team'
                  ? 'Team'
                  : table.competitorKind === 'entry'
                    ? 'Entry'
                    : 'Driver'}
              </th>
              {table.sessions.map((s) => (
                <th scope="col" class="num">
                  {s.race === undefined ? s.name : `R${s.race}`}
                </th>
              ))}
              <th scope="col" class="num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr>
                <td class="num">{`${row.position}${row.shared ? '=' : ''}`}</td>
                <th scope="row" class="competitor">
                  {row.competitor.name}
                </th>
                {table.sessions.map((s) => (
                  <PrintCell cells={row.cells.filter((c) => c.sessionId === s.id)} />
                ))}
                <td class="num total">{formatDisplay(row.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExcludedLine table={table} />
      <p class="sheet-key">
        Race positions as this championship counts them; <strong>bold</strong> pole, <em>italics</em> fastest
        lap, (in parentheses) dropped; Ret retired, NC not classified, DNS did not start, WD withdrawn, DSQ
        disqualified, EX excluded.
      </p>
    </section>
  );
}

/** Every championship's standings, one A4 sheet each. */
export function PrintPage(props: {
  view: SeasonView;
  viewer: Viewer | undefined;
  standings: SeasonStandings;
}) {
  const { view, standings } = props;
  return (
    <Layout
      title="Standings to print"
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      <p class="screen-only">
        Each championship prints on its own A4 page (use the browser's Print). Standings after race{' '}
        {standings.afterRace}; <a href={`/seasons/${view.season.id}/standings`}>the standings</a> explain
        every total.
      </p>
      {standings.championships.map((table, i) => (
        <Sheet view={view} table={table} index={i} />
      ))}
    </Layout>
  );
}
