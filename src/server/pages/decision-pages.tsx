/**
 * Published stewarding: the season's decisions page, and the list of one event's decisions that
 * the event page shows. Both render the decisions view model (src/app/view-model/decisions.ts).
 */
import type { DecisionView, SeasonView } from '../../app/index.js';
import { Layout } from './layout.js';
import type { Viewer } from './layout.js';

/** A table of decisions; `withEvent` adds the event column (the season's page). */
export function DecisionTable(props: {
  seasonId: string;
  decisions: readonly DecisionView[];
  withEvent?: boolean;
  id?: string;
}) {
  const base = `/seasons/${props.seasonId}`;
  return (
    <div class="scroll" tabindex={0} role="region" aria-label="Stewards' decisions">
      <table id={props.id ?? 'decisions'} class="decisions">
        <thead>
          <tr>
            <th scope="col" class="num">
              No.
            </th>
            {props.withEvent ? <th scope="col">Event</th> : ''}
            <th scope="col">Session</th>
            <th scope="col">Car or competitor</th>
            <th scope="col">Decision</th>
            <th scope="col">Effect</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {props.decisions.map((d) => (
            <tr id={`decision-${d.index + 1}`}>
              <td class="num">{String(d.index + 1)}</td>
              {props.withEvent ? (
                <td>{d.eventId ? <a href={`${base}/events/${d.eventId}`}>{d.eventName}</a> : 'season'}</td>
              ) : (
                ''
              )}
              <td>{d.sessionId ? <a href={`${base}/results/${d.sessionId}`}>{d.sessionName}</a> : ''}</td>
              <td>{d.who}</td>
              <td>{d.what}</td>
              <td>{d.effect ?? ''}</td>
              <td>{d.decision}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * An event's decisions, for the event page: nothing when there are none. Numbered as on the
 * season's decisions page, which it links.
 */
export function EventDecisions(props: { seasonId: string; decisions: readonly DecisionView[] }) {
  if (!props.decisions.length) return null;
  return (
    <section aria-labelledby="event-decisions">
      <h2 id="event-decisions">Stewards' decisions</h2>
      <DecisionTable seasonId={props.seasonId} decisions={props.decisions} id="event-decisions-table" />
      <p>
        <a href={`/seasons/${props.seasonId}/decisions`}>Every decision of the season</a>
      </p>
    </section>
  );
}

export function DecisionsPage(props: {
  view: SeasonView;
  viewer: Viewer | undefined;
  decisions: readonly DecisionView[];
}) {
  const { view } = props;
  return (
    <Layout
      title="Stewards' decisions"
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      {props.decisions.length === 0 ? (
        <p>No decisions this season: no penalties, points deductions or exclusions.</p>
      ) : (
        <>
          <p>
            Every penalty, points deduction and exclusion of the season, in the order decided, with the
            stewards' reasons. Penalties are applied to the official classifications; the results matrix marks
            the results and totals they change.
          </p>
          <DecisionTable seasonId={view.season.id} decisions={props.decisions} withEvent />
        </>
      )}
    </Layout>
  );
}
