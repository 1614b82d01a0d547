/** Pages for people who log in: the login form, the result editor, and the audit log. */
import type { Issue, Session } from '../../engine/index.js';
import { PENALTY_KINDS } from '../../app/index.js';
import type { PenaltyKind } from '../../app/index.js';
import { orderedRows } from '../../app/index.js';
import type { DecisionView, SeasonView } from '../../app/index.js';
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';

/** Field name -> messages, for showing errors beside the field they concern. */
export type FieldErrors = ReadonlyMap<string, readonly string[]>;

/** Groups issues by the form field their path names; the rest go under ''. */
export function fieldErrors(
  issues: readonly Issue[],
  fieldOf: (path: Issue['path']) => string = (p) => String(p.at(-1) ?? ''),
): FieldErrors {
  const map = new Map<string, string[]>();
  for (const i of issues) {
    const field = fieldOf(i.path);
    map.set(field, [...(map.get(field) ?? []), i.hint ? `${i.message} (${i.hint})` : i.message]);
  }
  return map;
}

function FieldError(props: { errors: FieldErrors | undefined; field: string; id?: string }) {
  const messages = props.errors?.get(props.field);
  if (!messages?.length) return null;
  return (
    <span class="field-error" id={props.id ?? `${props.field}-error`} role="alert">
      {messages.join('; ')}
    </span>
  );
}

const describedBy = (errors: FieldErrors | undefined, field: string) =>
  errors?.get(field)?.length ? `${field}-error` : undefined;

export function LoginPage(props: { csrf: string; errors?: FieldErrors; email?: string; next?: string }) {
  return (
    <Layout title="Log in" viewer={undefined}>
      <FieldError errors={props.errors} field="" id="form-error" />
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="_csrf" value={props.csrf} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          value={props.email ?? ''}
        />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button class="primary" type="submit">
          Log in
        </button>
      </form>
    </Layout>
  );
}

export function EditIndex(props: { view: SeasonView; viewer: Viewer }) {
  const { view } = props;
  const base = `/seasons/${view.season.id}/edit`;
  return (
    <Layout
      title="Edit results"
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      {(props.viewer.role === 'admin' || props.viewer.role === 'organiser') && (
        <p>
          <a href={`${base}/rulebook`}>Edit the rulebook</a>
        </p>
      )}
      <ul>
        {view.season.sessions.map((s) => {
          const c = view.classification(s.id);
          return (
            <li>
              <a href={`${base}/${s.id}`}>
                {view.event(s.eventId)?.name}: {s.name}
              </a>{' '}
              (<a href={`${base}/${s.id}/upload`}>upload a results file</a>){' '}
              <span class="muted">{c ? (c.state ?? 'no state') : 'no results yet'}</span>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

export interface SessionEditProps {
  readonly view: SeasonView;
  readonly viewer: Viewer;
  readonly session: Session;
  readonly championships: readonly { id: string; name: string }[];
  /** The season's version the page shows: each form sends it back, so a change made meanwhile is refused. */
  readonly version: number | undefined;
  /** Which form the errors belong to. */
  readonly failed?: 'classification' | 'awards' | 'state' | 'penalty';
  readonly errors?: FieldErrors;
  /** Values to show again after a failed post. */
  readonly values?: Readonly<Record<string, string>>;
  readonly saved?: boolean;
  /** The decisions recorded for this session (penalties, deductions, exclusions), numbered as published. */
  readonly decisions?: readonly DecisionView[];
}

/** The version a form was made from, sent back so that a change made meanwhile is refused. */
const VersionField = (props: { version: number | undefined }) =>
  props.version === undefined ? null : <input type="hidden" name="version" value={String(props.version)} />;

/** The penalty kinds as the form offers them. */
const PENALTY_LABEL: Readonly<Record<PenaltyKind, string>> = {
  time: 'time penalty (seconds added)',
  places: 'places penalty (places dropped)',
  points: 'points deduction',
  disqualification: 'disqualification (DSQ)',
  exclusion: 'exclusion from the championship (from this session on, results kept)',
};

const STATUS_OPTIONS = ['classified', 'DNF', 'DNS', 'DSQ', 'NC', 'WD', 'EX'];

export function SessionEdit(props: SessionEditProps) {
  const { view, session } = props;
  const action = `/seasons/${view.season.id}/edit/${session.id}`;
  const c = view.classification(session.id);
  const rows = c ? orderedRows(c) : [];
  const decisions = props.decisions ?? [];
  const entries = view.season.entries.filter((e) => e.eventIds.includes(session.eventId));
  const errorsFor = (form: SessionEditProps['failed']) => (props.failed === form ? props.errors : undefined);
  const v = (form: SessionEditProps['failed'], name: string, fallback: string) =>
    props.failed === form ? (props.values?.[name] ?? fallback) : fallback;
  const entryLabel = (id: string) => {
    const e = view.entry(id);
    return e ? `#${e.car} ${e.driverIds.map(view.driverName).join(', ')}` : id;
  };
  const EntryOptions = (p: { selected: string; blank?: string }) => (
    <>
      <option value="">{p.blank ?? '—'}</option>
      {entries.map((e) => (
        <option value={e.id} selected={e.id === p.selected}>
          {entryLabel(e.id)}
        </option>
      ))}
    </>
  );
  const Reason = (p: { form: SessionEditProps['failed']; label?: string }) => (
    <>
      <label for={`${p.form}-reason`}>{p.label ?? 'Reason (for the audit log)'}</label>
      <input
        id={`${p.form}-reason`}
        name="reason"
        required
        value={v(p.form, 'reason', '')}
        aria-describedby={describedBy(errorsFor(p.form), 'reason')}
      />
      <FieldError errors={errorsFor(p.form)} field="reason" />
    </>
  );
  const pole =
    view.awardsOf(session.id).find((a) => a.award === 'pole' && a.scope === 'overall')?.entryId ?? '';
  const fastest =
    view.awardsOf(session.id).find((a) => a.award === 'fastest-lap' && a.scope === 'overall')?.entryId ?? '';
  const blankRows = Math.max(3, entries.length - rows.length);
  const rowCount = rows.length + blankRows;
  return (
    <Layout
      title={`Edit ${view.event(session.eventId)?.name ?? ''}: ${session.name}`}
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      {props.saved && (
        <p class="ok" role="status">
          Saved. The standings have been updated.
        </p>
      )}
      {props.failed && props.errors && (
        <p class="error" role="alert">
          Not saved: {[...props.errors.values()].reduce((n, m) => n + m.length, 0)} problem(s) in the{' '}
          {props.failed} form, shown beside the fields below. Nothing was changed.
        </p>
      )}
      <p>
        State: <strong>{c?.state ?? 'none'}</strong> ·{' '}
        <a href={`/seasons/${view.season.id}/events/${session.eventId}`}>public page</a> ·{' '}
        <a href={`${action}/upload`}>Upload a results file</a> (timing CSV, Speedhive, generic CSV, iRacing,
        ACC, rFactor 2 / LMU)
      </p>

      <form method="post" action={`${action}/classification`}>
        <CsrfField token={props.viewer.csrfToken} />
        <VersionField version={props.version} />
        <fieldset>
          <legend>Classification</legend>
          <FieldError errors={errorsFor('classification')} field="" id="classification-error" />
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Pos</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Status</th>
                  <th scope="col">Laps</th>
                  <th scope="col">Time</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: rowCount }, (_, i) => {
                  const r = rows[i];
                  const f = (name: string, current: string | number | undefined) =>
                    v('classification', `row-${i}-${name}`, current === undefined ? '' : String(current));
                  const errs = errorsFor('classification');
                  return (
                    <tr>
                      <td>
                        <input
                          name={`row-${i}-position`}
                          inputmode="numeric"
                          size={3}
                          aria-label={`Row ${i + 1} position`}
                          value={f('position', r?.position)}
                        />
                        <FieldError errors={errs} field={`row-${i}-position`} />
                      </td>
                      <td>
                        <select name={`row-${i}-entry`} aria-label={`Row ${i + 1} entry`}>
                          <EntryOptions selected={f('entry', r?.entryId)} />
                        </select>
                        <FieldError errors={errs} field={`row-${i}-entry`} />
                      </td>
                      <td>
                        <select name={`row-${i}-status`} aria-label={`Row ${i + 1} status`}>
                          {STATUS_OPTIONS.map((s) => (
                            <option value={s} selected={s === f('status', r?.status ?? 'classified')}>
                              {s}
                            </option>
                          ))}
                        </select>
                        <FieldError errors={errs} field={`row-${i}-status`} />
                      </td>
                      <td>
                        <input
                          name={`row-${i}-laps`}
                          inputmode="numeric"
                          size={3}
                          aria-label={`Row ${i + 1} laps`}
                          value={f('laps', r?.laps)}
                        />
                        <FieldError errors={errs} field={`row-${i}-laps`} />
                      </td>
                      <td>
                        <input
                          name={`row-${i}-time`}
                          size={10}
                          aria-label={`Row ${i + 1} time`}
                          value={f('time', r?.time)}
                        />
                      </td>
                      <td>
                        <input
                          name={`row-${i}-note`}
                          size={12}
                          aria-label={`Row ${i + 1} note`}
                          value={f('note', r?.note)}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <input type="hidden" name="rows" value={String(rowCount)} />
          <p>
            <label for="csv">
              Or paste CSV (replaces the table above): header{' '}
              <code>position,entry,status,laps,time,note</code>
            </label>
            <textarea id="csv" name="csv" aria-describedby={describedBy(errorsFor('classification'), 'csv')}>
              {v('classification', 'csv', '')}
            </textarea>
            <FieldError errors={errorsFor('classification')} field="csv" />
          </p>
          <Reason form="classification" />
          <p>
            <button class="primary" type="submit">
              Save classification
            </button>
          </p>
        </fieldset>
      </form>

      <form method="post" action={`${action}/awards`} class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        <VersionField version={props.version} />
        <fieldset>
          <legend>Pole and fastest lap (overall)</legend>
          <label for="pole">Pole</label>
          <select id="pole" name="pole">
            <EntryOptions selected={v('awards', 'pole', pole)} blank="none" />
          </select>
          <FieldError errors={errorsFor('awards')} field="pole" />
          <label for="fastestLap">Fastest lap</label>
          <select id="fastestLap" name="fastestLap">
            <EntryOptions selected={v('awards', 'fastestLap', fastest)} blank="none" />
          </select>
          <FieldError errors={errorsFor('awards')} field="fastestLap" />
          <Reason form="awards" />
          <p>
            <button class="primary" type="submit">
              Save pole and fastest lap
            </button>
          </p>
        </fieldset>
      </form>

      <form method="post" action={`${action}/penalty`} class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        <VersionField version={props.version} />
        <fieldset>
          <legend>Stewards' decision</legend>
          {decisions.length > 0 && (
            <>
              <p>
                Decisions recorded for this session (published on the event page and the season's{' '}
                <a href={`/seasons/${view.season.id}/decisions`}>decisions page</a>; penalties are applied to
                the official classification, each is a record in <code>adjustments.yaml</code>; the Changes
                page restores the season as it was before one):
              </p>
              <ul id="session-decisions">
                {decisions.map((d) => (
                  <li>
                    No. {d.index + 1}: {d.who}: {d.what}
                    {d.effect ? ` (${d.effect})` : ''}. Reason: {d.decision}
                  </li>
                ))}
              </ul>
            </>
          )}
          <FieldError errors={errorsFor('penalty')} field="" id="penalty-error" />
          <label for="penalty-entry">Entry</label>
          <select id="penalty-entry" name="entryId" required>
            <EntryOptions selected={v('penalty', 'entryId', '')} />
          </select>
          <FieldError errors={errorsFor('penalty')} field="entryId" />
          <label for="penalty-kind">Penalty</label>
          <select id="penalty-kind" name="penalty">
            {PENALTY_KINDS.map((k) => (
              <option value={k} selected={k === v('penalty', 'penalty', 'time')}>
                {PENALTY_LABEL[k]}
              </option>
            ))}
          </select>
          <FieldError errors={errorsFor('penalty')} field="penalty" />
          <label for="penalty-amount">
            Amount (seconds, places or points; none for a disqualification or an exclusion)
          </label>
          <input
            id="penalty-amount"
            name="amount"
            value={v('penalty', 'amount', '')}
            aria-describedby={describedBy(errorsFor('penalty'), 'amount')}
          />
          <FieldError errors={errorsFor('penalty')} field="amount" />
          <label for="penalty-championship">Championship (points deductions and exclusions)</label>
          <select id="penalty-championship" name="championshipId">
            <option value="">all</option>
            {props.championships.map((ch) => (
              <option value={ch.id} selected={ch.id === v('penalty', 'championshipId', '')}>
                {ch.name}
              </option>
            ))}
          </select>
          <Reason form="penalty" label="Decision: the stewards' reason, published with the penalty" />
          <p>
            <button class="primary" type="submit">
              Apply penalty
            </button>
          </p>
        </fieldset>
      </form>

      <form method="post" action={`${action}/state`} class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        <VersionField version={props.version} />
        <fieldset>
          <legend>Result state</legend>
          <FieldError errors={errorsFor('state')} field="" id="state-error" />
          <label>
            <input
              type="radio"
              name="state"
              value="provisional"
              checked={(c?.state ?? 'provisional') === 'provisional'}
            />{' '}
            Provisional
          </label>
          <label>
            <input type="radio" name="state" value="final" checked={c?.state === 'final'} /> Final
          </label>
          <Reason form="state" />
          <p>
            <button class="primary" type="submit">
              Save state
            </button>
          </p>
        </fieldset>
      </form>
    </Layout>
  );
}

export function RulebookEdit(props: {
  view: SeasonView;
  viewer: Viewer;
  yaml: string;
  version: number | undefined;
  errors?: FieldErrors;
  reason?: string;
  saved?: boolean;
}) {
  const { view } = props;
  return (
    <Layout
      title="Edit the rulebook"
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      {props.saved && (
        <p class="ok" role="status">
          Saved. The standings have been recomputed under the new rules.
        </p>
      )}
      <p>
        The rulebook as YAML (<code>docs/rulebook.md</code>); it may extend a built-in preset. It is checked
        against this season before it is saved.
      </p>
      <form method="post" action={`/seasons/${view.season.id}/edit/rulebook`} class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        <VersionField version={props.version} />
        <label for="yaml">rulebook.yaml</label>
        <textarea
          id="yaml"
          name="yaml"
          rows={30}
          spellcheck={false}
          aria-describedby={describedBy(props.errors, 'yaml')}
        >
          {props.yaml}
        </textarea>
        <FieldError errors={props.errors} field="yaml" />
        <label for="rulebook-reason">Reason (for the audit log)</label>
        <input
          id="rulebook-reason"
          name="reason"
          required
          value={props.reason ?? ''}
          aria-describedby={describedBy(props.errors, 'reason')}
        />
        <FieldError errors={props.errors} field="reason" />
        <p>
          <button class="primary" type="submit">
            Save rulebook
          </button>
        </p>
      </form>
    </Layout>
  );
}
