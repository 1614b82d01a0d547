/** The public pages of a season: home, entry list, event, standings, competitor, explanation. */
import { formatDisplay } from '../../engine/index.js';
import type { ChampionshipStandings, Event, Explanation, SeasonStandings } from '../../engine/index.js';
import { racesWithResults, seriesWithSeasons, STATUS_LABEL } from '../../app/index.js';
import type {
  DecisionView,
  CompetitorView,
  ExplanationStep,
  EntryListView,
  EventResultsView,
  ResultRowView,
  SeasonHomeView,
  SeasonSummary,
  SeasonView,
  MatrixView,
  SessionResultsView,
} from '../../app/index.js';
import { EventDecisions } from './decision-pages.js';
import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import { CompetitorProgressCharts } from './progress-pages.js';
import type { CompetitorProgressItem } from './progress-pages.js';
import type { Viewer } from './layout.js';
import { competitorHref, explainHref, ResultsMatrix } from './results-matrix.js';

interface Common {
  readonly view: SeasonView;
  readonly viewer: Viewer | undefined;
}

const seasonRef = (view: SeasonView) => ({ id: view.season.id, name: view.season.name });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date's parts, or undefined when it is not one (the text is then shown as written). */
function dateParts(iso: string): { day: number; month: string; year: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m && MONTHS[Number(m[2]) - 1];
  return m && month ? { day: Number(m[3]), month, year: m[1]! } : undefined;
}

/** An event's dates as calendars print them, short enough not to wrap: "13–15 Mar 2024", "30 Apr – 2 May 2024". */
export function formatDates(start: string | undefined, end: string | undefined): string {
  const a = start ?? end;
  const b = end ?? start;
  if (!a || !b) return 'date to be announced';
  const from = dateParts(a);
  const to = dateParts(b);
  if (!from || !to) return a === b ? a : `${a} – ${b}`;
  if (a === b) return `${to.day} ${to.month} ${to.year}`;
  if (from.year !== to.year)
    return `${from.day} ${from.month} ${from.year} – ${to.day} ${to.month} ${to.year}`;
  if (from.month !== to.month) return `${from.day} ${from.month} – ${to.day} ${to.month} ${to.year}`;
  return `${from.day}–${to.day} ${to.month} ${to.year}`;
}

const dates = (e: Event) => <time datetime={e.start ?? e.end}>{formatDates(e.start, e.end)}</time>;

/** The home page: every series with its current season (the latest year) and the earlier ones. */
export function HomePage(props: {
  series: readonly { id: string; name: string }[];
  seasons: readonly SeasonSummary[];
  viewer: Viewer | undefined;
}) {
  const groups = seriesWithSeasons(props.series, props.seasons);
  return (
    <Layout title="Series" viewer={props.viewer}>
      {groups.length ? (
        <ul class="cards">
          {groups.map((g) => (
            <li id={`series-${g.id}`}>
              <strong>{g.name}</strong>
              <br />
              Current: <a href={`/seasons/${g.current.id}`}>{g.current.name}</a>
              {g.earlier.length > 0 && (
                <>
                  <br />
                  <span class="muted">Earlier: </span>
                  {g.earlier.map((s, i) => (
                    <>
                      {i > 0 && ', '}
                      <a href={`/seasons/${s.id}`}>{s.year ?? s.name}</a>
                    </>
                  ))}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          No seasons yet. Import one with <code>paddock import &lt;folder&gt;</code>.
        </p>
      )}
    </Layout>
  );
}

export function SeasonHome(props: Common & { home: SeasonHomeView; head?: Child }) {
  const { view, home } = props;
  const base = `/seasons/${view.season.id}`;
  const next = home.next;
  return (
    <Layout title={view.season.name} season={seasonRef(view)} viewer={props.viewer} head={props.head}>
      <p>
        {view.season.series.name} · {home.events} events · {home.races} races · standings after race{' '}
        {home.afterRace}
      </p>
      <h2>Leaders</h2>
      <ul class="cards">
        {home.leaders.map(({ table: c, leader }) => (
          <li>
            <a href={`${base}/standings/${c.id}`}>{c.name}</a>
            <br />
            {leader ? (
              <>
                {leader.competitor.name} ·{' '}
                <a href={explainHref(view.season.id, c.id, leader.competitor.id)}>
                  {formatDisplay(leader.points)} points
                </a>
              </>
            ) : (
              <span class="muted">no results yet</span>
            )}
          </li>
        ))}
      </ul>
      <h2>Calendar</h2>
      <p>
        {next ? (
          <>
            Next: <a href={`#event-${next.id}`}>{next.name}</a>, {dates(next)}
          </>
        ) : (
          'The season is over.'
        )}
      </p>
      <p>
        <a href={`${base}/calendar.ics`}>Add the calendar to your calendar app (.ics)</a>
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">
                Round
              </th>
              <th scope="col">Event</th>
              <th scope="col">Circuit</th>
              <th scope="col">Dates</th>
              <th scope="col">Races</th>
            </tr>
          </thead>
          <tbody>
            {home.calendar.map(({ event: e, races, next: isNext }) => (
              <tr
                id={`event-${e.id}`}
                class={isNext ? 'next' : undefined}
                aria-current={isNext ? 'date' : undefined}
              >
                <td class="num">{e.round}</td>
                <th scope="row">
                  <a href={`${base}/events/${e.id}`}>{e.name}</a> {isNext && <span class="badge">next</span>}
                </th>
                <td>
                  {e.circuit}
                  {e.city ? `, ${e.city}` : ''}
                </td>
                <td class="dates">{dates(e)}</td>
                <td class="dates">{races.map((r) => `R${r}`).join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function EntryList(props: Common & { list: EntryListView }) {
  const { view } = props;
  const base = `/seasons/${view.season.id}`;
  const ranText = (e: EntryListView['classes'][number]['entries'][number]) => {
    const names = e.ranAll
      ? 'all'
      : e.ran.length
        ? e.ran.map((ev) => ev.name).join(', ')
        : props.list.complete
          ? 'none'
          : 'none yet';
    return e.missed.length
      ? `${names} (entered but did not run: ${e.missed.map((ev) => ev.name).join(', ')})`
      : names;
  };
  return (
    <Layout title="Entry list" season={seasonRef(view)} viewer={props.viewer}>
      {props.list.classes.map(({ class: cls, entries }) => {
        return (
          <section aria-labelledby={`class-${cls.id}`}>
            <h2 id={`class-${cls.id}`}>{cls.name}</h2>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      Car
                    </th>
                    <th scope="col">Driver</th>
                    <th scope="col">Team</th>
                    <th scope="col">Events run</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr>
                      <td class="num">{e.entry.car}</td>
                      <th scope="row">
                        {e.drivers.map((d, i) => (
                          <>
                            {i > 0 && ', '}
                            <a href={`${base}/drivers/${d.id}`}>{d.name}</a>
                          </>
                        ))}
                        {!e.entry.eligible && <span class="muted"> (guest)</span>}
                      </th>
                      <td>
                        <a href={`${base}/teams/${e.team.id}`}>{e.team.name}</a>
                      </td>
                      <td>{ranText(e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </Layout>
  );
}

const driverLinks = (base: string, drivers: ResultRowView['drivers']) =>
  drivers.map((d, i) => (
    <>
      {i > 0 && ', '}
      <a href={`${base}/drivers/${d.id}`}>{d.name}</a>
    </>
  ));

const names = (r: ResultRowView) => r.drivers.map((d) => d.name).join(', ');

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** The rounds an entry covers: "all rounds", "round 3 (Montreal)", "rounds 6–8 (Indianapolis, ...)". */
function roundsText(events: readonly Event[], all: boolean): string {
  if (all) return 'all rounds';
  if (!events.length) return 'no rounds';
  const numbers = events.map((e) => e.round);
  const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  const span =
    numbers.length === 1
      ? `round ${numbers[0]}`
      : consecutive
        ? `rounds ${numbers[0]}–${numbers.at(-1)}`
        : `rounds ${numbers.join(', ')}`;
  return `${span} (${events.map((e) => e.name).join(', ')})`;
}

/** A session's results as a timing portal prints them; columns without data are left out. */
function SessionResults(props: { base: string; results: SessionResultsView; level: 2 | 3 }) {
  const { base, results: s } = props;
  const { session, rows, columns: col } = s;
  const hasPoints = s.championships.length > 0;
  return (
    <>
      {s.decision && <p>Amended by decision: {s.decision}</p>}
      {!rows ? (
        <p class="muted">No results yet.</p>
      ) : (
        <>
          {(s.pole || s.fastestLap) && (
            <p>
              {s.pole && (
                <>
                  Pole: {s.pole}
                  {s.poleTime && ` (${s.poleTime})`}
                </>
              )}
              {s.pole && s.fastestLap && ' · '}
              {s.fastestLap && (
                <>
                  Fastest lap: {s.fastestLap}
                  {s.fastestLapTime && ` (${s.fastestLapTime})`}
                </>
              )}
            </p>
          )}
          {s.columns.classes && (
            <>
              {props.level === 3 ? <h3>Class winners</h3> : <h2>Class winners</h2>}
              <ul>
                {s.classes.map((cls) => (
                  <li>
                    {cls.class.name}: {cls.winner ? names(cls.winner) : '–'}
                    {cls.pole && ` · pole ${cls.pole}`}
                    {cls.fastestLap && ` · fastest lap ${cls.fastestLap}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div class="scroll">
            <table class="results">
              <caption>{session.name}: overall classification</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Pos
                  </th>
                  {col.classes && (
                    <th scope="col" class="num">
                      <abbr title="Position in class">Class pos</abbr>
                    </th>
                  )}
                  <th scope="col" class="num">
                    Car
                  </th>
                  <th scope="col">Driver</th>
                  <th scope="col">Team</th>
                  {col.classes && <th scope="col">Class</th>}
                  {col.laps && (
                    <th scope="col" class="num">
                      Laps
                    </th>
                  )}
                  {col.timeOrGap && (
                    <th scope="col" class="num">
                      Time / gap
                    </th>
                  )}
                  {col.interval && (
                    <th scope="col" class="num">
                      Interval
                    </th>
                  )}
                  {col.bestLap && (
                    <th scope="col" class="num">
                      Best lap
                    </th>
                  )}
                  {col.grid && (
                    <th scope="col" class="num">
                      Grid
                    </th>
                  )}
                  {col.grid && (
                    <th scope="col" class="num">
                      <abbr title="Places gained from the grid">+/−</abbr>
                    </th>
                  )}
                  {col.status && <th scope="col">Status</th>}
                  {col.penalties && <th scope="col">Penalty</th>}
                  {s.championships.map((c) => (
                    <th scope="col" class="num">
                      {c.name} points
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td class="num">{r.row.position ?? STATUS_LABEL[r.row.status]}</td>
                    {col.classes && <td class="num">{r.classPosition ?? ''}</td>}
                    <td class="num">{r.car}</td>
                    <th scope="row">{driverLinks(base, r.drivers)}</th>
                    <td>{r.team && <a href={`${base}/teams/${r.team.id}`}>{r.team.name}</a>}</td>
                    {col.classes && <td>{r.className}</td>}
                    {col.laps && <td class="num">{r.row.laps ?? ''}</td>}
                    {col.timeOrGap && <td class="num">{r.timeOrGap ?? ''}</td>}
                    {col.interval && <td class="num">{r.interval ?? ''}</td>}
                    {col.bestLap && <td class="num">{r.row.bestLap ?? ''}</td>}
                    {col.grid && <td class="num">{r.row.grid ?? ''}</td>}
                    {col.grid && (
                      <td class="num">
                        {r.gained === undefined
                          ? ''
                          : r.gained > 0
                            ? `+${r.gained}`
                            : r.gained < 0
                              ? `−${-r.gained}`
                              : '0'}
                      </td>
                    )}
                    {col.status && <td>{[r.statusText, r.row.note].filter(Boolean).join(': ')}</td>}
                    {col.penalties && <td>{r.penalties.map((p) => p.penalty).join('; ')}</td>}
                    {hasPoints &&
                      s.championships.map((_, i) => <td class="num">{r.points[i]?.text ?? ''}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hasPoints && (
            <p class="muted">
              Points: what each car scored in this session, bonuses included; in parentheses when they do not
              count in the table (dropped).
            </p>
          )}
          {s.penalties.length > 0 && (
            <>
              {props.level === 3 ? <h3>Penalties</h3> : <h2>Penalties</h2>}
              <ul>
                {s.penalties.map((p) => (
                  <li>
                    #{p.car} {p.drivers}: {p.penalty} ({p.before === undefined ? '–' : `P${p.before}`} →{' '}
                    {p.after === undefined ? STATUS_LABEL.DSQ : `P${p.after}`}). Decision: {p.decision}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}

export function EventPage(
  props: Common & { results: EventResultsView; decisions?: readonly DecisionView[] },
) {
  const { view } = props;
  const { event } = props.results;
  const base = `/seasons/${view.season.id}`;
  return (
    <Layout title={`Round ${event.round}: ${event.name}`} season={seasonRef(view)} viewer={props.viewer}>
      <p>
        {event.circuit}
        {event.city ? `, ${event.city}` : ''} · {dates(event)}
      </p>
      {props.results.sessions.map((s) => (
        <section aria-labelledby={`s-${s.session.id}`}>
          <h2 id={`s-${s.session.id}`}>
            <a href={`${base}/results/${s.session.id}`}>{s.session.name}</a>{' '}
            {s.state && <span class="state">{s.state}</span>}
          </h2>
          <SessionResults base={base} results={s} level={3} />
        </section>
      ))}
      <EventDecisions seasonId={view.season.id} decisions={props.decisions ?? []} />
    </Layout>
  );
}

/** One session's page (a race, a qualifying): the full classification with points and penalties. */
export function SessionPage(props: Common & { event: Event; results: SessionResultsView }) {
  const { view, event, results: s } = props;
  const base = `/seasons/${view.season.id}`;
  return (
    <Layout title={`${event.name}: ${s.session.name}`} season={seasonRef(view)} viewer={props.viewer}>
      <p>
        <a href={`${base}/events/${event.id}`}>
          Round {event.round}: {event.name}
        </a>{' '}
        · {event.circuit} · {dates(event)}
        {s.session.race !== undefined && <> · race {s.session.race} of the season</>}
        {s.state && (
          <>
            {' '}
            · <span class="state">{s.state}</span>
          </>
        )}
      </p>
      <SessionResults base={base} results={s} level={2} />
    </Layout>
  );
}

function AfterForm(props: { view: SeasonView; action: string; afterRace: number }) {
  const races = racesWithResults(props.view);
  return (
    <form method="get" action={props.action}>
      <label for="after">Standings after </label>
      <select id="after" name="after">
        {races.map((s) => (
          <option value={String(s.race)} selected={s.race === props.afterRace}>
            race {s.race}
          </option>
        ))}
      </select>{' '}
      <button type="submit">Show</button>
    </form>
  );
}

export function StandingsIndex(props: Common & { standings: SeasonStandings }) {
  const base = `/seasons/${props.view.season.id}`;
  return (
    <Layout title="Standings" season={seasonRef(props.view)} viewer={props.viewer}>
      <p>
        <a href={`${base}/print`}>Print the standings</a> (one championship per A4 page) ·{' '}
        <a href={`${base}/embed`}>Embed them on your site</a>
      </p>
      <ul>
        {props.standings.championships.map((c) => (
          <li>
            <a href={`${base}/standings/${c.id}`}>{c.name}</a> ({c.rows.length}{' '}
            {c.competitorKind === 'team' ? 'teams' : 'drivers'})
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function StandingsPage(
  props: Common & {
    matrix: MatrixView;
    others: readonly { id: string; name: string }[];
    afterRace?: number;
    head?: Child;
  },
) {
  const base = `/seasons/${props.view.season.id}`;
  const { table } = props.matrix;
  return (
    <Layout
      title={`${table.name} standings`}
      season={seasonRef(props.view)}
      viewer={props.viewer}
      head={props.head}
    >
      <nav aria-label="Championships">
        {props.others.map((c, i) => (
          <>
            {i > 0 && ' · '}
            {c.id === table.id ? (
              <strong aria-current="page">{c.name}</strong>
            ) : (
              <a href={`${base}/standings/${c.id}`}>{c.name}</a>
            )}
          </>
        ))}
      </nav>
      <AfterForm view={props.view} action={`${base}/standings/${table.id}`} afterRace={table.afterRace} />
      <p>
        <a href={`${base}/standings/${table.id}/progress`}>Race by race</a>: points and position after each
        race
      </p>
      <ResultsMatrix
        view={props.view}
        matrix={props.matrix}
        {...(props.afterRace === undefined ? {} : { afterRace: props.afterRace })}
      />
    </Layout>
  );
}

export function CompetitorPage(
  props: Common & { competitor: CompetitorView; progress: readonly CompetitorProgressItem[] },
) {
  const { view, competitor: who } = props;
  const base = `/seasons/${view.season.id}`;
  return (
    <Layout title={who.name} season={seasonRef(view)} viewer={props.viewer}>
      <h2>Entries</h2>
      <ul>
        {who.entryRounds.map((e) => (
          <li>
            #{e.entry.car} · {view.className(e.entry.classId)} ·{' '}
            {who.kind === 'driver' ? (
              <a href={`${base}/teams/${e.team.id}`}>{e.team.name}</a>
            ) : (
              driverLinks(base, e.drivers)
            )}{' '}
            · {roundsText(e.events, e.allEvents)}
          </li>
        ))}
      </ul>
      {who.rounds.length > 0 && (
        <>
          <h2>Drivers per round</h2>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Round
                  </th>
                  <th scope="col">Event</th>
                  <th scope="col">Cars and drivers</th>
                </tr>
              </thead>
              <tbody>
                {who.rounds.map((r) => (
                  <tr>
                    <td class="num">{r.event.round}</td>
                    <th scope="row">
                      <a href={`${base}/events/${r.event.id}`}>{r.event.name}</a>
                    </th>
                    <td>
                      {r.cars.map((car, i) => (
                        <>
                          {i > 0 && <br />}#{car.car} {driverLinks(base, car.drivers)}
                          {view.season.classes.length > 1 && <span class="muted"> ({car.className})</span>}
                        </>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {(who.tables.length > 0 || who.driverTables.length > 0) && (
        <>
          <h2>Championships</h2>
          <ul>
            {who.tables.map(({ table: t, row }) => (
              <li>
                <a href={`${base}/standings/${t.id}`}>{t.name}</a>: {ordinal(row.position)}
                {row.shared ? '=' : ''} with{' '}
                <a href={explainHref(view.season.id, t.id, who.id)}>{formatDisplay(row.points)} points</a>
              </li>
            ))}
            {who.driverTables.map(({ table: t, rows }) => (
              <li>
                <a href={`${base}/standings/${t.id}`}>{t.name}</a>:{' '}
                {rows.map((row, i) => (
                  <>
                    {i > 0 && '; '}
                    <a href={`${base}/drivers/${row.competitor.id}`}>{row.competitor.name}</a>{' '}
                    {ordinal(row.position)}
                    {row.shared ? '=' : ''} with{' '}
                    <a href={explainHref(view.season.id, t.id, row.competitor.id)}>
                      {formatDisplay(row.points)} points
                    </a>
                  </>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <CompetitorProgressCharts name={who.name} items={props.progress} />
      <h2>Results and points per race</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Race</th>
              <th scope="col">Event</th>
              <th scope="col">Result</th>
              {who.tables.map((t) => (
                <th scope="col" class="num">
                  {t.table.name} points
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {who.races.map((r) => (
              <tr>
                <th scope="row">R{r.session.race}</th>
                <td>
                  <a href={`${base}/events/${r.session.eventId}`}>{r.eventName}</a>
                </td>
                <td>
                  {r.results.map((x, i) => (
                    <>
                      {i > 0 && <br />}
                      <a href={`${base}/results/${r.session.id}`}>
                        {x.row.position !== undefined ? `P${x.row.position}` : STATUS_LABEL[x.row.status]}
                      </a>
                      {(who.kind === 'team' || who.entries.length > 1) && (
                        <>
                          {' '}
                          #{x.car} {who.kind === 'team' && driverLinks(base, x.drivers)}
                        </>
                      )}
                    </>
                  ))}
                </td>
                {r.points.map((p) => (
                  <td class="num">
                    {p ? `${formatDisplay(p.counted)}${p.dropped ? ' (some dropped)' : ''}` : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function ExplainPage(
  props: Common & {
    explanation: Explanation;
    table: ChampionshipStandings;
    competitorKind: string;
    /** The explanation after each race (on the page of the latest table). */
    history?: readonly ExplanationStep[] | undefined;
  },
) {
  const { view, explanation: x } = props;
  const base = `/seasons/${view.season.id}`;
  const href = competitorHref(view.season.id, props.competitorKind, x.competitor.id);
  const list = (title: string, items: Explanation['counted'], showReason: boolean) => (
    <div class="scroll">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Race</th>
            <th scope="col">Rule</th>
            <th scope="col">What</th>
            <th scope="col" class="num">
              Points
            </th>
            {showReason && <th scope="col">Why not counted</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr>
              <td>{c.race === undefined ? '–' : `R${c.race}`}</td>
              <td>
                <code>{c.rule}</code>
              </td>
              <td>{c.description}</td>
              <td class="num">{formatDisplay(c.points)}</td>
              {showReason && <td>{c.reason ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Layout
      title={`${x.competitor.name}: ${x.championshipName}`}
      season={seasonRef(view)}
      viewer={props.viewer}
    >
      <p>
        {href && (
          <>
            <a href={href}>{x.competitor.name}</a> ·{' '}
          </>
        )}
        <a href={`${base}/standings/${x.championshipId}`}>{x.championshipName} standings</a> after race{' '}
        {x.afterRace}
      </p>
      {x.excludedReason ? (
        <p>
          Excluded from this championship: {x.excludedReason} ({formatDisplay(x.points)} points scored).
        </p>
      ) : (
        <p>
          Position{' '}
          <strong>
            {x.position}
            {x.shared ? '=' : ''}
          </strong>{' '}
          with <strong>{formatDisplay(x.points)} points</strong>, the sum of the {x.counted.length} counted
          contributions below.
        </p>
      )}
      {list('Counted', x.counted, false)}
      {x.notCounted.length > 0 && list('Not counted (dropped, withheld or not eligible)', x.notCounted, true)}
      <h2>Tie-breaks</h2>
      <ul>
        {x.belowPrevious && (
          <li>
            Below {x.belowPrevious.competitor}: {x.belowPrevious.detail} (<code>{x.belowPrevious.rule}</code>)
          </li>
        )}
        {x.aboveNext && (
          <li>
            Above {x.aboveNext.competitor}: {x.aboveNext.detail} (<code>{x.aboveNext.rule}</code>)
          </li>
        )}
        {!x.belowPrevious && !x.aboveNext && <li>None: no neighbour to separate.</li>}
      </ul>
      {props.history && props.history.length > 0 && <ExplanationHistory steps={props.history} />}
    </Layout>
  );
}

const contributionText = (c: Explanation['counted'][number]) =>
  `${c.race === undefined ? '' : `R${c.race} `}${c.description} (${formatDisplay(c.points)})${c.reason ? `: ${c.reason}` : ''}`;

/**
 * The explanation after each race, one row each (anchored `after-N`, which the static site links
 * to instead of a page per race): position, points, the contributions counted differently then
 * than in the lists above, and the tie-breaks that placed the competitor.
 */
function ExplanationHistory(props: { steps: readonly ExplanationStep[] }) {
  return (
    <div class="scroll" tabindex={0} role="region" aria-label="After each race">
      <table>
        <caption>After each race: what counted then, where it differs from the lists above</caption>
        <thead>
          <tr>
            <th scope="col">After</th>
            <th scope="col" class="num">
              Position
            </th>
            <th scope="col" class="num">
              Points
            </th>
            <th scope="col">Not counted then</th>
            <th scope="col">Counted then, not at the end</th>
            <th scope="col">Tie-breaks</th>
          </tr>
        </thead>
        <tbody>
          {props.steps.map((s) => (
            <tr id={`after-${s.afterRace}`}>
              <th scope="row">R{s.afterRace}</th>
              <td class="num">{s.excludedReason ? 'excluded' : `${s.position}${s.shared ? '=' : ''}`}</td>
              <td class="num">{formatDisplay(s.points)}</td>
              <td>{s.excludedReason ?? s.notCountedThen.map(contributionText).join('; ')}</td>
              <td>{s.countedThenOnly.map(contributionText).join('; ')}</td>
              <td>
                {[
                  s.belowPrevious &&
                    `Below ${s.belowPrevious.competitor}: ${s.belowPrevious.detail} (${s.belowPrevious.rule})`,
                  s.aboveNext &&
                    `Above ${s.aboveNext.competitor}: ${s.aboveNext.detail} (${s.aboveNext.rule})`,
                ]
                  .filter(Boolean)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
