/**
 * The standings as a results matrix in the style of season articles: a column per race grouped
 * by event (its three-letter code and flag), the position in each cell coloured by outcome, bold
 * for pole, italics for fastest lap (whichever scope the championship scores), signs for other
 * bonuses, dropped results in parentheses, numbered notes for penalties and deductions, the move
 * since the previous race, the points column linking to its explanation, the gap to the leader,
 * and a key. It renders the view model (standingsMatrix) and computes nothing.
 */
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipStandings } from '../../engine/index.js';
import type { SessionCell } from '../../engine/index.js';
import { cellLabel, cellOutcome, LEGEND } from '../../exporters/matrix/cell-outcome.js';
import type { FlagView, MatrixCellView, MatrixView, SeasonView } from '../../app/index.js';

/** Text of a cell: the position or the status, in parentheses when dropped. */
export function cellText(cell: SessionCell): string {
  const text = cellLabel(cell);
  return cell.dropped ? `(${text})` : text;
}

/** What bold, italics, signs and parentheses say, for screen readers (hidden on screen). */
function marks(c: MatrixCellView): string {
  const words = [
    c.pole && 'pole',
    c.fastestLap && 'fastest lap',
    ...c.signs.map((s) => SIGN_WORDS[s] ?? s),
    c.cell.dropped && 'dropped',
  ].filter(Boolean);
  return words.length ? ` (${words.join(', ')})` : '';
}

const SIGN_WORDS: Readonly<Record<string, string>> = { '*': 'most laps led', L: 'led a lap' };

/** Footnote references: superscript links to the notes under the table. */
const NoteRefs = (props: { notes: readonly number[] }) => (
  <>
    {props.notes.map((n) => (
      <sup>
        <a href={`#note-${n}`} aria-label={`note ${n}`}>
          {n}
        </a>
      </sup>
    ))}
  </>
);

function Cell(props: { cells: readonly MatrixCellView[] }) {
  // No per-cell title: the matrix has hundreds of cells, and the marks are in the legend and,
  // for screen readers, in hidden text where a cell has any.
  if (!props.cells.length) return <td class="cell c-none"></td>;
  return (
    <td class={`cell c-${cellOutcome(props.cells[0]!.cell)}`}>
      {props.cells.map((c, i) => {
        let body = <>{cellText(c.cell)}</>;
        if (c.fastestLap) body = <em>{body}</em>;
        if (c.pole) body = <strong>{body}</strong>;
        const hidden = marks(c);
        return (
          <>
            {i > 0 && <br />}
            {body}
            {c.signs.length > 0 && <sup>{c.signs.join('')}</sup>}
            <NoteRefs notes={c.notes} />
            {hidden && <span class="vh">{hidden}</span>}
          </>
        );
      })}
    </td>
  );
}

/** A flag with its country's name for screen readers and on hover. */
export const Flag = (props: { flag: FlagView | undefined }) =>
  props.flag ? (
    <span class="flag" role="img" aria-label={props.flag.name} title={props.flag.name}>
      {props.flag.emoji}
    </span>
  ) : null;

/** The move since the previous race: ▲2, ▼1, or = (and words for screen readers). */
function Movement(props: { movement: number | undefined }) {
  const m = props.movement;
  if (m === undefined) return null;
  if (m === 0)
    return (
      <span class="move same" title="no change">
        {' '}
        <span aria-hidden="true">=</span>
        <span class="vh">no change</span>
      </span>
    );
  const words = `${m > 0 ? 'up' : 'down'} ${Math.abs(m)} place${Math.abs(m) === 1 ? '' : 's'}`;
  return (
    <span class={`move ${m > 0 ? 'up' : 'down'}`} title={words}>
      {' '}
      <span aria-hidden="true">
        {m > 0 ? '▲' : '▼'}
        {Math.abs(m)}
      </span>
      <span class="vh">{words}</span>
    </span>
  );
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

/** Who the table excludes, with the points they had and why (under the matrix and on the print page). */
export const ExcludedLine = (props: { table: Pick<ChampionshipStandings, 'excluded'> }) =>
  props.table.excluded.length > 0 && (
    <p>
      Excluded:{' '}
      {props.table.excluded.map((e, i) => (
        <>
          {i > 0 && '; '}
          {e.competitor.name} ({formatDisplay(e.points)} points): {e.reason}
        </>
      ))}
    </p>
  );

export function ResultsMatrix(props: { view: SeasonView; matrix: MatrixView; afterRace?: number }) {
  const { view, matrix } = props;
  const { table } = matrix;
  const seasonId = view.season.id;
  const hasMoves = matrix.previousRace !== undefined;
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
              {matrix.events.map((e) => (
                <th scope="colgroup" colspan={e.sessions.length} class="event">
                  <a href={`/seasons/${seasonId}/events/${e.eventId}`}>
                    <abbr title={e.name}>{e.code}</abbr>
                  </a>
                  {e.flag && (
                    <>
                      <br />
                      <Flag flag={e.flag} />
                    </>
                  )}
                </th>
              ))}
              <th scope="col" rowspan={2} class="num">
                Points
              </th>
              <th scope="col" rowspan={2} class="num">
                Gap
              </th>
            </tr>
            <tr>
              {matrix.sessions.map(({ session: s, state }) => (
                <th scope="col" class="num">
                  <a href={`/seasons/${seasonId}/results/${s.id}`}>
                    {s.race === undefined ? s.name : `R${s.race}`}
                  </a>
                  {state && <span class="state-mark"> {state === 'provisional' ? 'prov.' : 'amended'}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r) => {
              const { row } = r;
              const href = competitorHref(seasonId, row.competitor.kind, row.competitor.id);
              return (
                <tr>
                  <td class="num pos">
                    {`${row.position}${row.shared ? '=' : ''}`}
                    <Movement movement={r.movement} />
                  </td>
                  <th scope="row" class="competitor">
                    <Flag flag={r.flag} />
                    {r.flag && ' '}
                    {href ? <a href={href}>{row.competitor.name}</a> : row.competitor.name}
                  </th>
                  {r.cells.map((cells) => (
                    <Cell cells={cells} />
                  ))}
                  <td class="num">
                    <a
                      href={explainHref(seasonId, table.id, row.competitor.id, props.afterRace)}
                      aria-label={`${formatDisplay(row.points)} points for ${row.competitor.name}: how they add up`}
                    >
                      {formatDisplay(row.points)}
                    </a>
                    <NoteRefs notes={r.notes} />
                  </td>
                  <td class="num">{r.gap === undefined ? '–' : `−${formatDisplay(r.gap)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {matrix.footnotes.length > 0 && (
        <ol class="footnotes" aria-label="Notes">
          {matrix.footnotes.map((f) => (
            <li id={`note-${f.n}`} value={String(f.n)}>
              {f.text}
            </li>
          ))}
        </ol>
      )}
      <ExcludedLine table={table} />
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
        {matrix.signs.map((s) => (
          <li>
            <span class="swatch">
              1<sup>{s.sign}</sup>
            </span>
            {s.meaning}
          </li>
        ))}
        <li>
          <span class="swatch">(9)</span>In parentheses: result dropped
        </li>
        {matrix.footnotes.length > 0 && (
          <li>
            <span class="swatch">
              9<sup>1</sup>
            </span>
            See the note below the table
          </li>
        )}
        <li>
          <span class="swatch state-mark">prov.</span>Provisional result
        </li>
        <li>
          <span class="swatch state-mark">amended</span>Changed after it was final
        </li>
        {hasMoves && (
          <li>
            <span class="swatch">▲2</span>Places gained since race {matrix.previousRace}
          </li>
        )}
      </ul>
    </>
  );
}
