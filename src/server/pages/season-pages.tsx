/** The public pages of a season: home, entry list, event, standings, competitor, explanation. */
import { raw } from 'hono/html';
import { formatDisplay, toNumber } from '../../engine/index.js';
import type { ChampionshipStandings, Event, Explanation, SeasonStandings } from '../../engine/index.js';
import type { SeasonSummary } from '../../app/index.js';
import { pointsChart } from '../chart.js';
import { calendar, classPositions, nextEvent, orderedRows, STATUS_LABEL } from '../season-view.js';
import type { SeasonView } from '../season-view.js';
import { Layout } from './layout.js';
import type { Viewer } from './layout.js';
import { competitorHref, explainHref, ResultsMatrix } from './results-matrix.js';

interface Common {
  readonly view: SeasonView;
  readonly viewer: Viewer | undefined;
}

const seasonRef = (view: SeasonView) => ({ id: view.season.id, name: view.season.name });

const dates = (e: Event) =>
  e.start && e.end && e.start !== e.end
    ? `${e.start} – ${e.end}`
    : (e.start ?? e.end ?? 'date to be announced');

export function SeasonsIndex(props: { seasons: readonly SeasonSummary[]; viewer: Viewer | undefined }) {
  return (
    <Layout title="Seasons" viewer={props.viewer}>
      {props.seasons.length ? (
        <ul>
          {props.seasons.map((s) => (
            <li>
              <a href={`/seasons/${s.id}`}>{s.name}</a>
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

export function SeasonHome(props: Common & { standings: SeasonStandings; today: string }) {
  const { view } = props;
  const base = `/seasons/${view.season.id}`;
  const next = nextEvent(view.season, props.today);
  return (
    <Layout title={view.season.name} season={seasonRef(view)} viewer={props.viewer}>
      <p>
        {view.season.series.name} · {view.season.events.length} events ·{' '}
        {view.season.sessions.filter((s) => s.race !== undefined).length} races · standings after race{' '}
        {props.standings.afterRace}
      </p>
      <h2>Leaders</h2>
      <ul class="cards">
        {props.standings.championships.map((c) => {
          const leader = c.rows[0];
          return (
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
          );
        })}
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
            {calendar(view.season).map((e) => (
              <tr
                id={`event-${e.id}`}
                class={e === next ? 'next' : undefined}
                aria-current={e === next ? 'date' : undefined}
              >
                <td class="num">{e.round}</td>
                <th scope="row">
                  <a href={`${base}/events/${e.id}`}>{e.name}</a>{' '}
                  {e === next && <span class="badge">next</span>}
                </th>
                <td>
                  {e.circuit}
                  {e.city ? `, ${e.city}` : ''}
                </td>
                <td>{dates(e)}</td>
                <td>
                  {view
                    .sessionsOf(e.id)
                    .filter((s) => s.race !== undefined)
                    .map((s) => `R${s.race}`)
                    .join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function EntryList(props: Common) {
  const { view } = props;
  const base = `/seasons/${view.season.id}`;
  const events = calendar(view.season);
  // Events an entry ran: those where it took part in a session (not DNS or withdrawn).
  const ran = new Map<string, Set<string>>();
  for (const c of view.season.classifications) {
    const eventId = view.season.sessions.find((s) => s.id === c.sessionId)?.eventId;
    if (!eventId) continue;
    for (const r of c.rows)
      if (r.status !== 'DNS' && r.status !== 'WD')
        ran.set(r.entryId, (ran.get(r.entryId) ?? new Set()).add(eventId));
  }
  const ranText = (entryId: string, entered: readonly string[]) => {
    const set = ran.get(entryId) ?? new Set<string>();
    const list = events.filter((ev) => set.has(ev.id));
    const names =
      list.length === events.length ? 'all' : list.length ? list.map((ev) => ev.name).join(', ') : 'none yet';
    const missed = events.filter(
      (ev) =>
        entered.includes(ev.id) &&
        !set.has(ev.id) &&
        view.sessionsOf(ev.id).some((s) => view.classification(s.id)),
    );
    return missed.length
      ? `${names} (entered but did not run: ${missed.map((ev) => ev.name).join(', ')})`
      : names;
  };
  return (
    <Layout title="Entry list" season={seasonRef(view)} viewer={props.viewer}>
      {view.season.classes.map((cls) => {
        const entries = view.season.entries.filter((e) => e.classId === cls.id);
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
                      <td class="num">{e.car}</td>
                      <th scope="row">
                        {e.driverIds.map((d, i) => (
                          <>
                            {i > 0 && ', '}
                            <a href={`${base}/drivers/${d}`}>{view.driverName(d)}</a>
                          </>
                        ))}
                        {!e.eligible && <span class="muted"> (guest)</span>}
                      </th>
                      <td>
                        <a href={`${base}/teams/${e.teamId}`}>{view.teamName(e.teamId)}</a>
                      </td>
                      <td>{ranText(e.id, e.eventIds)}</td>
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

export function EventPage(props: Common & { event: Event; decisions: ReadonlyMap<string, string> }) {
  const { view, event } = props;
  const base = `/seasons/${view.season.id}`;
  const classOf = (entryId: string) => view.entry(entryId)?.classId;
  return (
    <Layout title={`Round ${event.round}: ${event.name}`} season={seasonRef(view)} viewer={props.viewer}>
      <p>
        {event.circuit}
        {event.city ? `, ${event.city}` : ''} · {dates(event)}
      </p>
      {view.sessionsOf(event.id).map((session) => {
        const c = view.classification(session.id);
        const awards = view.awardsOf(session.id);
        const award = (kind: string, scope: string) =>
          awards
            .filter((a) => a.award === kind && a.scope === scope)
            .map((a) => view.driverName(a.driverId ?? view.entry(a.entryId)?.driverIds[0] ?? a.entryId))
            .join(', ');
        const rows = c ? orderedRows(c) : [];
        const classPos = c ? classPositions(c, classOf) : new Map();
        return (
          <section aria-labelledby={`s-${session.id}`}>
            <h2 id={`s-${session.id}`}>
              {session.name} {c?.state && <span class="state">{c.state}</span>}
            </h2>
            {c?.state === 'amended' && props.decisions.get(session.id) && (
              <p>Amended by decision: {props.decisions.get(session.id)}</p>
            )}
            {!c ? (
              <p class="muted">No results yet.</p>
            ) : (
              <>
                <p>
                  Pole: {award('pole', 'overall') || '–'} · Fastest lap:{' '}
                  {award('fastest-lap', 'overall') || '–'}
                </p>
                <h3>Class winners</h3>
                <ul>
                  {view.season.classes.map((cls) => {
                    const winner = rows.find(
                      (r) => r.position !== undefined && classOf(r.entryId) === cls.id,
                    );
                    const pole = award('pole', cls.id);
                    const fl = award('fastest-lap', cls.id);
                    return (
                      <li>
                        {cls.name}:{' '}
                        {winner
                          ? view.entryDrivers(winner.entryId, winner).map(view.driverName).join(', ')
                          : '–'}
                        {pole && ` · pole ${pole}`}
                        {fl && ` · fastest lap ${fl}`}
                      </li>
                    );
                  })}
                </ul>
                <div class="scroll">
                  <table>
                    <caption>{session.name}: overall classification</caption>
                    <thead>
                      <tr>
                        <th scope="col" class="num">
                          Pos
                        </th>
                        <th scope="col" class="num">
                          Car
                        </th>
                        <th scope="col">Driver</th>
                        <th scope="col">Team</th>
                        <th scope="col">Class</th>
                        <th scope="col" class="num">
                          Class pos
                        </th>
                        <th scope="col" class="num">
                          Laps
                        </th>
                        <th scope="col">Time / status</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => {
                        const entry = view.entry(r.entryId);
                        return (
                          <tr>
                            <td class="num">{r.position ?? STATUS_LABEL[r.status]}</td>
                            <td class="num">{entry?.car}</td>
                            <th scope="row">
                              {view.entryDrivers(r.entryId, r).map((d, i) => (
                                <>
                                  {i > 0 && ', '}
                                  <a href={`${base}/drivers/${d}`}>{view.driverName(d)}</a>
                                </>
                              ))}
                            </th>
                            <td>
                              {entry && (
                                <a href={`${base}/teams/${entry.teamId}`}>{view.teamName(entry.teamId)}</a>
                              )}
                            </td>
                            <td>{entry && view.className(entry.classId)}</td>
                            <td class="num">{classPos.get(r) ?? ''}</td>
                            <td class="num">{r.laps ?? ''}</td>
                            <td>
                              {r.status === 'classified' ? (r.time ?? '') : STATUS_LABEL[r.status]}
                              {r.note ? ` (${r.note})` : ''}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                {view.season.classes.map((cls) => {
                  const classRows = rows.filter((r) => classOf(r.entryId) === cls.id);
                  if (!classRows.length) return null;
                  return (
                    <details>
                      <summary>{cls.name} classification</summary>
                      <ol>
                        {classRows
                          .filter((r) => r.position !== undefined)
                          .map((r) => (
                            <li>
                              {view.entryDrivers(r.entryId, r).map(view.driverName).join(', ')} (#
                              {view.entry(r.entryId)?.car}, P{r.position} overall)
                            </li>
                          ))}
                      </ol>
                      {classRows.some((r) => r.position === undefined) && (
                        <p>
                          Not classified:{' '}
                          {classRows
                            .filter((r) => r.position === undefined)
                            .map(
                              (r) =>
                                `${view.entryDrivers(r.entryId, r).map(view.driverName).join(', ')} (${STATUS_LABEL[r.status]})`,
                            )
                            .join('; ')}
                        </p>
                      )}
                    </details>
                  );
                })}
              </>
            )}
          </section>
        );
      })}
    </Layout>
  );
}

function AfterForm(props: { view: SeasonView; action: string; afterRace: number }) {
  const races = props.view.season.sessions.filter(
    (s) => s.race !== undefined && props.view.classification(s.id),
  );
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
    table: ChampionshipStandings;
    others: readonly { id: string; name: string }[];
    afterRace?: number;
  },
) {
  const base = `/seasons/${props.view.season.id}`;
  return (
    <Layout title={`${props.table.name} standings`} season={seasonRef(props.view)} viewer={props.viewer}>
      <nav aria-label="Championships">
        {props.others.map((c, i) => (
          <>
            {i > 0 && ' · '}
            {c.id === props.table.id ? (
              <strong aria-current="page">{c.name}</strong>
            ) : (
              <a href={`${base}/standings/${c.id}`}>{c.name}</a>
            )}
          </>
        ))}
      </nav>
      <AfterForm
        view={props.view}
        action={`${base}/standings/${props.table.id}`}
        afterRace={props.table.afterRace}
      />
      <ResultsMatrix
        view={props.view}
        table={props.table}
        {...(props.afterRace === undefined ? {} : { afterRace: props.afterRace })}
      />
    </Layout>
  );
}

/** Cumulative counted points per race, for the chart. */
function cumulative(table: ChampionshipStandings, competitorId: string) {
  const row = table.rows.find((r) => r.competitor.id === competitorId);
  if (!row) return [];
  let total = 0;
  return table.sessions
    .filter((s) => s.race !== undefined)
    .map((s) => {
      total += row.contributions
        .filter((c) => c.counted && c.sessionId === s.id)
        .reduce((a, c) => a + toNumber(c.points, 6), 0);
      return { race: s.race!, total: Math.round(total * 100) / 100 };
    });
}

export function CompetitorPage(
  props: Common & { kind: 'driver' | 'team'; id: string; name: string; standings: SeasonStandings },
) {
  const { view } = props;
  const base = `/seasons/${view.season.id}`;
  const tables = props.standings.championships.filter(
    (c) => c.competitorKind === props.kind && c.rows.some((r) => r.competitor.id === props.id),
  );
  const entries = view.season.entries.filter((e) =>
    props.kind === 'driver' ? e.driverIds.includes(props.id) : e.teamId === props.id,
  );
  const chart = pointsChart(
    tables.map((t) => ({ name: t.name, points: cumulative(t, props.id) })),
    'points-chart-caption',
  );
  return (
    <Layout title={props.name} season={seasonRef(view)} viewer={props.viewer}>
      <h2>Entries</h2>
      <ul>
        {entries.map((e) => (
          <li>
            #{e.car} · {view.className(e.classId)} ·{' '}
            {props.kind === 'driver' ? (
              <a href={`${base}/teams/${e.teamId}`}>{view.teamName(e.teamId)}</a>
            ) : (
              e.driverIds.map((d, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`${base}/drivers/${d}`}>{view.driverName(d)}</a>
                </>
              ))
            )}
          </li>
        ))}
      </ul>
      <h2>Championships</h2>
      <ul>
        {tables.map((t) => {
          const row = t.rows.find((r) => r.competitor.id === props.id)!;
          return (
            <li>
              <a href={`${base}/standings/${t.id}`}>{t.name}</a>: {row.position}
              {row.shared ? '=' : ''} with{' '}
              <a href={explainHref(view.season.id, t.id, props.id)}>{formatDisplay(row.points)} points</a>
            </li>
          );
        })}
      </ul>
      {chart && (
        <figure>
          {raw(chart)}
          <figcaption id="points-chart-caption">
            Points through the season for {props.name}, after each race (counted points only).
          </figcaption>
        </figure>
      )}
      <h2>Results and points per race</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Race</th>
              <th scope="col">Event</th>
              <th scope="col">Result</th>
              {tables.map((t) => (
                <th scope="col" class="num">
                  {t.name} points
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.season.sessions
              .filter((s) => s.race !== undefined && view.classification(s.id))
              .map((s) => {
                const rows = view
                  .classification(s.id)!
                  .rows.filter(
                    (r) =>
                      entries.some((e) => e.id === r.entryId) &&
                      (props.kind === 'team' || view.entryDrivers(r.entryId, r).includes(props.id)),
                  );
                if (!rows.length) return null;
                return (
                  <tr>
                    <th scope="row">R{s.race}</th>
                    <td>
                      <a href={`${base}/events/${s.eventId}`}>{view.event(s.eventId)?.name}</a>
                    </td>
                    <td>
                      {rows
                        .map((r) => (r.position !== undefined ? `P${r.position}` : STATUS_LABEL[r.status]))
                        .join(', ')}
                    </td>
                    {tables.map((t) => {
                      const row = t.rows.find((x) => x.competitor.id === props.id)!;
                      const cs = row.contributions.filter((c) => c.sessionId === s.id);
                      const counted = cs
                        .filter((c) => c.counted)
                        .reduce((a, c) => a + toNumber(c.points, 6), 0);
                      const dropped = cs.some((c) => !c.counted);
                      return (
                        <td class="num">
                          {cs.length
                            ? `${Math.round(counted * 100) / 100}${dropped ? ' (some dropped)' : ''}`
                            : ''}
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

export function ExplainPage(
  props: Common & { explanation: Explanation; table: ChampionshipStandings; competitorKind: string },
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
    </Layout>
  );
}
