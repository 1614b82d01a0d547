/**
 * The standings as a results matrix in the style of season articles: a column per race grouped
 * by event, the position in each cell coloured by outcome, bold for pole, italics for fastest
 * lap, dropped results in parentheses, the points column linking to its explanation, a legend.
 */
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipStandings, ScoredSession, SessionCell } from '../../engine/index.js';
import { cellLabel, cellOutcome, LEGEND } from '../../exporters/matrix/cell-outcome.js';
import type { SeasonView } from '../../app/index.js';

/** Text of a cell: the position or the status, in parentheses when dropped. */
export function cellText(cell: SessionCell): string {
  const text = cellLabel(cell);
  return cell.dropped ? `(${text})` : text;
}

/** What bold, italics and parentheses say, for screen readers (hidden on screen). */
function marks(cell: SessionCell): string {
  const words = [cell.pole && 'pole', cell.fastestLap && 'fastest lap', cell.dropped && 'dropped'].filter(
    Boolean,
  );
  return words.length ? ` (${words.join(', ')})` : '';
}

function Cell(props: { cells: readonly SessionCell[] }) {
  // No per-cell title: the matrix has hundreds of cells, and the marks are in the legend and,
  // for screen readers, in hidden text where a cell has any.
  if (!props.cells.length) return <td class="cell c-none"></td>;
  return (
    <td class={`cell c-${cellOutcome(props.cells[0]!)}`}>
      {props.cells.map((cell, i) => {
        let body = <>{cellText(cell)}</>;
        if (cell.fastestLap) body = <em>{body}</em>;
        if (cell.pole) body = <strong>{body}</strong>;
        const hidden = marks(cell);
        return (
          <>
            {i > 0 && <br />}
            {body}
            {hidden && <span class="vh">{hidden}</span>}
          </>
        );
      })}
    </td>
  );
}

/** Consecutive sessions of one event, for the grouped header. */
function groupByEvent(sessions: readonly ScoredSession[]): { eventId: string; sessions: ScoredSession[] }[] {
  const groups: { eventId: string; sessions: ScoredSession[] }[] = [];
  for (const s of sessions) {
    const last = groups.at(-1);
    if (last && last.eventId === s.eventId) last.sessions.push(s);
    else groups.push({ eventId: s.eventId, sessions: [s] });
  }
  return groups;
}

export const competitorHref = (seasonId: string, kind: string, id: string): string | undefined =>
  kind === 'driver'
    ? `/seasons/${seasonId}/drivers/${id}`
    : kind === 'team'
      ? `/seasons/${seasonId}/teams/${id}`
      : undefined;

export function explainHref(
  seasonId: string,
  championshipId: string,
  competitorId: string,
  afterRace?: number,
): string {
  return `/seasons/${seasonId}/standings/${championshipId}/explain/${competitorId}${afterRace === undefined ? '' : `?after=${afterRace}`}`;
}

export function ResultsMatrix(props: { view: SeasonView; table: ChampionshipStandings; afterRace?: number }) {
  const { view, table } = props;
  const seasonId = view.season.id;
  const groups = groupByEvent(table.sessions);
  return (
    <>
      <div class="scroll">
        <table class="matrix">
          <caption>
            {table.name} standings after race {table.afterRace}
            {table.final ? '' : ' (drop rules for the final standings not yet applied)'}
          </caption>
          <thead>
            <tr>
              <th scope="col" rowspan={2} class="num">
                Pos
              </th>
              <th scope="col" rowspan={2} class="competitor">
                {table.competitorKind === 'team'
                  ? 'Team'
                  : table.competitorKind === 'entry'
                    ? 'Entry'
                    : 'Driver'}
              </th>
              {groups.map((g) => (
                <th scope="colgroup" colspan={g.sessions.length}>
                  <a href={`/seasons/${seasonId}/events/${g.eventId}`}>
                    {view.event(g.eventId)?.name ?? g.eventId}
                  </a>
                </th>
              ))}
              <th scope="col" rowspan={2} class="num">
                Points
              </th>
            </tr>
            <tr>
              {table.sessions.map((s) => {
                const state = view.classification(s.id)?.state;
                return (
                  <th scope="col" class="num">
                    {s.race === undefined ? s.name : `R${s.race}`}
                    {(state === 'provisional' || state === 'amended') && (
                      <span class="state-mark"> {state === 'provisional' ? 'prov.' : 'amended'}</span>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => {
              const href = competitorHref(seasonId, row.competitor.kind, row.competitor.id);
              return (
                <tr>
                  <td class="num">{`${row.position}${row.shared ? '=' : ''}`}</td>
                  <th scope="row" class="competitor">
                    {href ? <a href={href}>{row.competitor.name}</a> : row.competitor.name}
                  </th>
                  {table.sessions.map((s) => (
                    <Cell cells={row.cells.filter((c) => c.sessionId === s.id)} />
                  ))}
                  <td class="num">
                    <a
                      href={explainHref(seasonId, table.id, row.competitor.id, props.afterRace)}
                      aria-label={`${formatDisplay(row.points)} points for ${row.competitor.name}: how they add up`}
                    >
                      {formatDisplay(row.points)}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {table.excluded.length > 0 && (
        <p>
          Excluded:{' '}
          {table.excluded.map((e, i) => (
            <>
              {i > 0 && '; '}
              {e.competitor.name} ({formatDisplay(e.points)} points): {e.reason}
            </>
          ))}
        </p>
      )}
      <h2 id="legend">Key</h2>
      <ul class="legend" aria-labelledby="legend">
        {LEGEND.map((l) => (
          <li>
            <span class={`swatch c-${l.outcome}`}>{l.sample}</span>
            {l.meaning}
          </li>
        ))}
        <li>
          <span class="swatch">
            <strong>1</strong>
          </span>
          Bold: pole position
        </li>
        <li>
          <span class="swatch">
            <em>1</em>
          </span>
          Italics: fastest lap
        </li>
        <li>
          <span class="swatch">(9)</span>In parentheses: result dropped
        </li>
        <li>
          <span class="swatch state-mark">prov.</span>Provisional result;{' '}
          <span class="state-mark">amended</span>: changed by a decision after it was final
        </li>
      </ul>
    </>
  );
}
