/**
 * The live page of a season: the running order of the race being followed and every championship
 * as it stands, with gains and losses against the table before the race. It renders the live
 * document (`liveUpdateJson`, the same JSON the SSE API sends) and computes nothing. Without
 * JavaScript it refreshes itself every few seconds; with it, `/assets/live.js` listens to the SSE
 * stream and redraws the same markup in place. Editors get the controls: follow a feed, stop,
 * save the final running order as the race's provisional result.
 */
import type { Issue } from '../../engine/index.js';
import type { LiveUpdateJson } from '../../live/live-json.js';
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';

/** Seconds between refreshes of the page without JavaScript. */
export const REFRESH_SECONDS = 5;

export interface FollowView {
  readonly sessionId: string;
  readonly sessionName: string;
  readonly source: string;
  readonly status: 'following' | 'ended' | 'stopped';
  readonly startedBy: string;
  readonly startedAt: string;
  readonly finished: boolean;
  readonly notes: readonly { at: string; text: string }[];
}

export interface LivePageProps {
  readonly season: { readonly id: string; readonly name: string };
  readonly viewer: Viewer | undefined;
  /** Whether the viewer may follow feeds and save results in this series. */
  readonly canEdit: boolean;
  readonly doc: LiveUpdateJson | undefined;
  readonly follow: FollowView | undefined;
  /** The races an editor may follow (id, name), the next one without a result first. */
  readonly races: readonly { id: string; name: string }[];
  /** The season's drivers, to confirm an unmatched competitor as one of them. */
  readonly drivers: readonly { id: string; name: string }[];
  readonly defaultRace?: string | undefined;
  readonly message?: { readonly kind: 'ok' | 'error'; readonly text: string } | undefined;
  readonly issues?: readonly Issue[] | undefined;
  /** Form values to show again after a problem. */
  readonly values?: Readonly<Record<string, string>> | undefined;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '=');
const gained = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '');

/** m:ss.sss */
export function lapTime(ms: number | null): string {
  if (ms === null) return '';
  const m = Math.floor(ms / 60000);
  const s = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
  return `${m}:${s}`;
}

/** The line above the tables: race, flag, lap, laps to go. */
export function statusLine(doc: LiveUpdateJson): string {
  const laps = doc.order[0]?.laps ?? null;
  return [
    doc.session.name,
    `flag ${doc.flag}`,
    ...(laps === null ? [] : [`lap ${laps}`]),
    ...(doc.lapsToGo === null ? [] : [`${doc.lapsToGo} to go`]),
    ...(doc.finished ? ['finished'] : []),
  ].join(' · ');
}

/** The tables of one live document (the markup live.js draws too: keep the two alike). */
export function LiveTables(props: { doc: LiveUpdateJson | undefined }) {
  const doc = props.doc;
  if (!doc)
    return (
      <div id="live-body" data-seq="0">
        <p id="live-status" class="muted">
          No race is being followed. This page shows the running order and the championships as they stand
          once an editor starts following a timing feed.
        </p>
      </div>
    );
  return (
    <div id="live-body" data-seq={String(doc.seq)}>
      <p id="live-status" class={doc.finished ? 'ok' : ''}>
        {statusLine(doc)}
      </p>
      {doc.unmatched.length > 0 && (
        <div id="live-unmatched">
          <p class="error">Not matched to an entry (left out of the tables):</p>
          <ul>
            {doc.unmatched.map((u) => (
              <li>
                {u.car === null ? '' : `#${u.car} `}
                {u.drivers.join(' / ') || u.key}: {u.reason}
                {u.suggestions.length > 0 ? ` (closest: ${u.suggestions.join('; ')})` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="live-grid">
        <section class="live-order">
          <h2>Running order</h2>
          <div class="scroll">
            <table id="live-order">
              <thead>
                <tr>
                  <th class="num">Pos</th>
                  <th>Car</th>
                  <th>Driver</th>
                  <th>Class</th>
                  <th class="num">Laps</th>
                  <th class="num">Best lap</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {doc.order.map((r) => (
                  <tr>
                    <td class="num">{r.position === null ? '-' : String(r.position)}</td>
                    <td>{r.car ?? ''}</td>
                    <td class="driver">{r.drivers.join(' / ')}</td>
                    <td>{r.class ?? ''}</td>
                    <td class="num">{r.laps === null ? '' : String(r.laps)}</td>
                    <td class={r.fastestLap ? 'num fastest' : 'num'}>{lapTime(r.bestLapMs)}</td>
                    <td>{r.status === 'classified' ? 'running' : r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {doc.championships.map((ch) => (
          <section class="live-championship" data-championship={ch.id}>
            <h2>{ch.name}</h2>
            {!ch.final && <p class="muted">Drops of the final standings not yet applied.</p>}
            <div class="scroll">
              <table class="live-table">
                <thead>
                  <tr>
                    <th class="num">Pos</th>
                    <th class="num">+/-</th>
                    <th>Competitor</th>
                    <th class="num">Points</th>
                    <th class="num">Race</th>
                  </tr>
                </thead>
                <tbody>
                  {ch.rows.map((r) => (
                    <tr>
                      <td class="num">{`${r.position}${r.shared ? '=' : ''}`}</td>
                      <td
                        class={`num ${r.change === null ? '' : r.change > 0 ? 'up' : r.change < 0 ? 'down' : ''}`}
                      >
                        {r.change === null ? 'new' : signed(r.change)}
                      </td>
                      <td class="competitor">{r.competitor.name}</td>
                      <td class="num">{String(r.points)}</td>
                      <td class="num">{gained(r.gained)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

function EditorPanel(props: LivePageProps & { viewer: Viewer }) {
  const f = props.follow;
  const base = `/seasons/${props.season.id}/live`;
  const v = props.values ?? {};
  const sourceKind = v['source'] ?? 'rmonitor';
  return (
    <section id="live-editor" aria-labelledby="live-editor-title">
      <h2 id="live-editor-title">Timing feed</h2>
      {props.message && <p class={props.message.kind}>{props.message.text}</p>}
      {props.issues && props.issues.length > 0 && (
        <ul class="error" id="live-issues">
          {props.issues.map((i) => (
            <li>
              {i.message}
              {i.hint ? ` ${i.hint}` : ''}
            </li>
          ))}
        </ul>
      )}
      {f && (
        <p id="live-follow">
          {f.status === 'following' ? 'Following' : f.status === 'stopped' ? 'Stopped following' : 'Followed'}{' '}
          {f.sessionName} from {f.source} (started by {f.startedBy} at {f.startedAt})
          {f.finished ? ': every running car has taken the chequered flag.' : '.'}
        </p>
      )}
      {props.doc && props.doc.unmatched.length > 0 && (
        <div id="live-confirm">
          <h3>Confirm the cars the feed could not match</h3>
          {props.doc.unmatched.map((u, i) => (
            <form method="post" action={`${base}/confirm`} class="inline">
              <CsrfField token={props.viewer.csrfToken} />
              <input type="hidden" name="key" value={u.key} />
              <label for={`confirm-${i}`}>
                {u.car === null ? '' : `#${u.car} `}
                {u.drivers.join(' / ') || u.key} ({u.key}) is
              </label>{' '}
              <select id={`confirm-${i}`} name="driver">
                {props.drivers.map((d) => (
                  <option value={d.id}>{d.name}</option>
                ))}
              </select>{' '}
              <button type="submit">Confirm</button>
            </form>
          ))}
        </div>
      )}
      {f?.status === 'following' && (
        <form method="post" action={`${base}/stop`}>
          <CsrfField token={props.viewer.csrfToken} />
          <button type="submit">Stop following</button>
        </form>
      )}
      {f && (
        <form method="post" action={`${base}/save`} id="live-save" class="stack" data-session={f.sessionId}>
          <CsrfField token={props.viewer.csrfToken} />
          <label for="live-save-reason">Reason (optional)</label>
          <input id="live-save-reason" name="reason" maxlength={2000} value={v['reason'] ?? ''} />
          <button type="submit" class="primary" disabled={!f.finished}>
            Save the final running order as the provisional result of {f.sessionName}
          </button>
          {!f.finished && (
            <span class="muted" id="live-save-note">
              Possible once every running car has taken the chequered flag.
            </span>
          )}
        </form>
      )}
      {f?.status !== 'following' && (
        <form
          method="post"
          action={`${base}/start`}
          enctype="multipart/form-data"
          class="stack"
          id="live-start"
        >
          <CsrfField token={props.viewer.csrfToken} />
          <label for="live-session">Race</label>
          <select id="live-session" name="session">
            {props.races.map((r) => (
              <option value={r.id} selected={(v['session'] ?? props.defaultRace) === r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>Feed</legend>
            <label>
              <input type="radio" name="source" value="rmonitor" checked={sourceKind === 'rmonitor'} />{' '}
              RMonitor (MYLAPS Orbits and compatible), host:port
            </label>
            <input
              id="live-rmonitor"
              name="rmonitor"
              placeholder="192.168.1.20:50000"
              value={v['rmonitor'] ?? ''}
            />
            <label>
              <input type="radio" name="source" value="url" checked={sourceKind === 'url'} /> JSON lines from
              a URL
            </label>
            <input
              id="live-url"
              name="url"
              type="url"
              placeholder="https://relay.example.org/race.jsonl"
              value={v['url'] ?? ''}
            />
            <label>
              <input type="radio" name="source" value="file" checked={sourceKind === 'file'} /> JSON lines
              from a file
            </label>
            <input id="live-file" name="file" type="file" accept=".jsonl,.json,.txt" />
          </fieldset>
          <label>
            <input type="checkbox" name="fresh" value="1" /> Start afresh (ignore the saved state of this
            race)
          </label>
          <button type="submit" class="primary">
            Start following
          </button>
        </form>
      )}
      {f && f.notes.length > 0 && (
        <details>
          <summary>Feed log</summary>
          <ul id="live-notes">
            {f.notes.map((n) => (
              <li>
                {n.at} {n.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function LivePage(props: LivePageProps) {
  return (
    <Layout
      title="Live"
      season={props.season}
      viewer={props.viewer}
      head={
        <>
          <noscript>
            <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} />
          </noscript>
          <script src="/assets/live.js" defer></script>
        </>
      }
    >
      <div id="live" data-sse={`/api/v1/seasons/${props.season.id}/live`}>
        <p class="muted" id="live-connection">
          The championships as they stand if the race ended now. Without JavaScript this page reloads every{' '}
          {REFRESH_SECONDS} seconds.
        </p>
        <LiveTables doc={props.doc} />
      </div>
      {props.viewer && props.canEdit && <EditorPanel {...props} viewer={props.viewer} />}
    </Layout>
  );
}
