/**
 * The Changes page: every revision of a season, newest first, with who (a display name; e-mail
 * addresses only for administrators), when, what and why, and for the newest revisions what they
 * changed in the sport's words (results moved, decisions, standings). Organisers of the series
 * restore any revision from here.
 */
import type { History, RevisionChangesView, SeasonView } from '../../app/index.js';
import { Layout } from './layout.js';
import type { Viewer } from './layout.js';

export interface AuditRevision {
  readonly revision: History['revisions'][number];
  /** Who made it, as this viewer may see it. */
  readonly author: string;
  /** What it changed; undefined when not worked out (older revisions, or files not kept). */
  readonly changes: RevisionChangesView | undefined;
  /** What the revision's summary names ("race-01", "revision 3"). */
  readonly subject: string;
}

/** The words of a revision's action. */
const ACTIONS: Readonly<Record<string, string>> = {
  'import-results': 'results imported',
  'classification:enter': 'classification entered',
  'classification:correct': 'classification corrected',
  awards: 'pole and fastest lap',
  'state:provisional': 'results provisional',
  'state:final': 'results final',
  refresh: 'built-in files refreshed',
  'penalty:time': 'time penalty',
  'penalty:places': 'places penalty',
  'penalty:points': 'points deduction',
  'penalty:disqualification': 'disqualification',
  'penalty:exclusion': 'exclusion',
  rulebook: 'rulebook',
  revert: 'revision restored',
  import: 'imported from files',
  'setup-class': 'class',
  'setup-event': 'calendar',
  'setup-driver': 'driver',
  'setup-team': 'team',
  'setup-entry': 'entry',
  'setup-entries': 'entry list',
};

function Names(props: { label: string; names: readonly string[] }) {
  if (!props.names.length) return null;
  return (
    <li>
      {props.label}: {props.names.join('; ')}
    </li>
  );
}

function Changes(props: { changes: RevisionChangesView }) {
  const c = props.changes;
  if (c.unchanged) return <p class="muted">No file changed.</p>;
  return (
    <div class="changes">
      <ul>
        {c.results.map((r) => (
          <li>
            <strong>{r.session}</strong>
            {r.state ? `: result ${r.state}` : ''}
            {r.added.length > 0 && (
              <span>
                {' '}
                · {r.added.length} car(s) added
                {r.added.length <= 6 ? `: ${r.added.join('; ')}` : ''}
              </span>
            )}
            {r.removed.length > 0 && <span> · removed: {r.removed.join('; ')}</span>}
            {r.moved.length > 0 && (
              <ul>
                {r.moved.map((m) => (
                  <li>
                    {m.who}: {m.before} → {m.after}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        <Names label="Decision recorded" names={c.decisions.added} />
        <Names label="Decision withdrawn" names={c.decisions.removed} />
        <Names label="Pole or fastest lap changed" names={c.awards} />
        <Names label="Entries added" names={c.entries.added} />
        <Names label="Entries removed" names={c.entries.removed} />
        <Names label="Entries changed" names={c.entries.changed} />
        <Names label="Drivers added" names={c.drivers.added} />
        <Names label="Drivers removed" names={c.drivers.removed} />
        <Names label="Drivers changed" names={c.drivers.changed} />
        <Names label="Teams added" names={c.teams.added} />
        <Names label="Teams removed" names={c.teams.removed} />
        <Names label="Teams changed" names={c.teams.changed} />
        {c.setup.map((line) => (
          <li>{line}</li>
        ))}
        {c.rulebookChanged && !c.setup.some((line) => line.startsWith('Rulebook')) && (
          <li>The rulebook changed.</li>
        )}
      </ul>
      {c.standings.length > 0 && (
        <details>
          <summary>Standings: {c.standings.length} position(s) or totals changed</summary>
          <table class="standings-change">
            <thead>
              <tr>
                <th scope="col">Championship</th>
                <th scope="col">Competitor</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {c.standings.map((s) => (
                <tr>
                  <td>{s.championship}</td>
                  <td>{s.who}</td>
                  <td>{s.before}</td>
                  <td>{s.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {c.files.length > 0 && <p class="muted">Files: {c.files.join(' ')}</p>}
    </div>
  );
}

export function AuditPage(props: {
  view: SeasonView;
  viewer: Viewer | undefined;
  revisions: readonly AuditRevision[];
  /** The viewer may restore revisions (an organiser of the series, or the administrator). */
  mayRevert?: boolean;
  /** The revision just restored (after a restore through the form). */
  reverted?: number | undefined;
  /** How many of the newest revisions show what they changed. */
  described: number;
}) {
  const { view } = props;
  const current = props.revisions.reduce((m, r) => Math.max(m, r.revision.version), 0);
  const RevertForm = (p: { version: number }) => (
    <form method="post" action={`/seasons/${view.season.id}/revert`} class="inline">
      <input type="hidden" name="_csrf" value={props.viewer!.csrfToken} />
      <input type="hidden" name="to" value={String(p.version)} />
      <input type="hidden" name="version" value={String(current)} />
      <label>
        <span class="vh">Why restore revision {p.version}</span>
        <input name="reason" required maxlength={2000} placeholder="why" size={16} />
      </label>{' '}
      <button type="submit">Restore the season as it was after revision {p.version}</button>
    </form>
  );
  return (
    <Layout title="Changes" season={{ id: view.season.id, name: view.season.name }} viewer={props.viewer}>
      <p>
        Every revision of this season, newest first: who, when, what and why; the newest {props.described}{' '}
        show what they changed. Any revision can be restored (by an organiser of the series, or{' '}
        <code>paddock revert</code>); the restore is itself a revision, which can be restored in turn.
      </p>
      {props.reverted === undefined ? (
        ''
      ) : (
        <p class="ok" role="status">
          Revision {props.reverted} restored as revision {current}.
        </p>
      )}
      <ol class="revisions" reversed>
        {props.revisions.map(({ revision: r, author, changes, subject }) => (
          <li id={`revision-${r.version}`} value={String(r.version)}>
            <h2>
              Revision {r.version}: {ACTIONS[r.action] ?? r.action}
              {subject ? ` (${subject})` : ''}
            </h2>
            <p>
              {r.at.replace('T', ' ').slice(0, 16)} UTC by <span class="author">{author}</span>
              {r.reason ? (
                <>
                  {' '}
                  · Reason: <q>{r.reason}</q>
                </>
              ) : (
                ''
              )}
            </p>
            {changes ? (
              <Changes changes={changes} />
            ) : !r.manifest ? (
              <p class="muted">The files of this revision were not kept: it cannot be restored.</p>
            ) : (
              ''
            )}
            {props.mayRevert && props.viewer && r.manifest && r.version !== current && (
              <RevertForm version={r.version} />
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
