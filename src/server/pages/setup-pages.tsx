/**
 * The organiser's season setup pages: a new season (series, year, a rulebook preset or template,
 * classes), then the season's setup: classes and the rulebook, the calendar (events, sessions with
 * local times and the circuit's time zone), and the entry list (drivers, teams, entries, a change
 * of number or team mid-season, a pasted entry list with its preview). Every form works without
 * JavaScript, carries the version it was made from and a reason, and shows problems beside its
 * fields; the pages only show what the season view and the app's plans hold.
 */
import type { Child } from 'hono/jsx';
import type { EntryListPlan, SeasonView } from '../../app/index.js';
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';

/** Field name -> messages, for showing errors beside the field they concern. */
export type SetupErrors = ReadonlyMap<string, readonly string[]>;

/** One form's outcome on a page: which form failed, its messages and the values to show again. */
export interface FormState {
  readonly form?: string;
  readonly errors?: SetupErrors;
  readonly values?: Readonly<Record<string, string>>;
  /** What the last save did ("event spa"), shown once after the redirect. */
  readonly saved?: string;
}

export interface PresetOption {
  readonly id: string;
  readonly name: string;
  readonly series: string;
  readonly seasons: string;
}

/** The number of session rows the event form offers (practice, qualifying and races). */
export const SESSION_ROWS = 6;
export const SESSION_TYPES = ['practice', 'qualifying', 'race', 'sprint'] as const;

const fieldId = (form: string, field: string) => `${form}-${field}`.replace(/[^a-z0-9_-]/gi, '-');

function FieldError(props: { state: FormState; form: string; field: string }) {
  const messages = props.state.form === props.form ? props.state.errors?.get(props.field) : undefined;
  if (!messages?.length) return null;
  return (
    <span class="field-error" id={`${fieldId(props.form, props.field)}-error`} role="alert">
      {messages.join('; ')}
    </span>
  );
}

const hasError = (state: FormState, form: string, field: string) =>
  state.form === form && (state.errors?.get(field)?.length ?? 0) > 0;

/**
 * One row of an event form's table of sessions: the type select, name, day, local start time and
 * minutes (fields `prefix` + type, name, date, time, duration), each named `label`: what for the
 * screen reader, with its error beside it; the values come back after a failed post. `type` is the
 * type chosen before the form is posted (none when not given).
 */
function SessionRow(props: {
  state: FormState;
  form: string;
  prefix: string;
  label: string;
  type?: string | undefined;
}) {
  const { state, form, prefix, label } = props;
  const f = (k: string) => `${prefix}${k}`;
  const posted = state.form === form;
  const val = (k: string) => (posted ? (state.values?.[f(k)] ?? '') : '');
  const type = posted ? val('type') : (props.type ?? '');
  const cell = (k: string, what: string, attrs: Record<string, string | number> = {}) => (
    <td>
      <input
        name={f(k)}
        aria-label={`${label}: ${what}`}
        value={val(k)}
        aria-invalid={hasError(state, form, f(k)) ? 'true' : undefined}
        {...attrs}
      />
      <FieldError state={state} form={form} field={f(k)} />
    </td>
  );
  return (
    <tr>
      <td>
        <select name={f('type')} aria-label={`${label}: type`}>
          <option value="">—</option>
          {SESSION_TYPES.map((t) => (
            <option value={t} selected={type === t}>
              {t}
            </option>
          ))}
        </select>
        <FieldError state={state} form={form} field={f('type')} />
      </td>
      {cell('name', 'name', { size: 12 })}
      {cell('date', 'date', { type: 'date' })}
      {cell('time', 'local start time (hh:mm)', { type: 'time' })}
      {cell('duration', 'minutes', { size: 4, inputmode: 'numeric' })}
    </tr>
  );
}

/** A labelled text input with its error beside it; the value comes back after a failed post. */
function Field(props: {
  state: FormState;
  form: string;
  name: string;
  label: string;
  value?: string;
  type?: string;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  size?: number;
}) {
  const id = fieldId(props.form, props.name);
  const value =
    props.state.form === props.form
      ? (props.state.values?.[props.name] ?? props.value ?? '')
      : (props.value ?? '');
  const invalid = hasError(props.state, props.form, props.name);
  return (
    <>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={value}
        required={props.required}
        placeholder={props.placeholder}
        size={props.size}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <span class="muted" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError state={props.state} form={props.form} field={props.name} />
    </>
  );
}

function Select(props: {
  state: FormState;
  form: string;
  name: string;
  label: string;
  options: readonly { readonly value: string; readonly label: string }[];
  value?: string;
  blank?: string | undefined;
}) {
  const id = fieldId(props.form, props.name);
  const value =
    props.state.form === props.form
      ? (props.state.values?.[props.name] ?? props.value ?? '')
      : (props.value ?? '');
  const invalid = hasError(props.state, props.form, props.name);
  return (
    <>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      >
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError state={props.state} form={props.form} field={props.name} />
    </>
  );
}

/** Why and from which version: every setup form's last fields, and its submit button. */
function Save(props: {
  state: FormState;
  form: string;
  version: number | undefined;
  reason: string;
  button: string;
  csrf: string;
  /** A second button that deletes what the form edits (`action=delete`; the first is `save`). */
  deleteButton?: string;
}) {
  return (
    <>
      <CsrfField token={props.csrf} />
      {props.version !== undefined && <input type="hidden" name="version" value={String(props.version)} />}
      <Field
        state={props.state}
        form={props.form}
        name="reason"
        label="Reason (for the Changes page)"
        value={props.reason}
        required
      />
      <FieldError state={props.state} form={props.form} field="" />
      <div>
        {props.deleteButton ? (
          <>
            <button class="primary" type="submit" name="action" value="save">
              {props.button}
            </button>{' '}
            <button type="submit" name="action" value="delete">
              {props.deleteButton}
            </button>
          </>
        ) : (
          <button class="primary" type="submit">
            {props.button}
          </button>
        )}
      </div>
    </>
  );
}

function Outcome(props: { state: FormState }) {
  const { state } = props;
  if (state.saved)
    return (
      <p class="ok" role="status">
        Saved: {state.saved}.
      </p>
    );
  if (state.form && state.errors?.size)
    return (
      <p class="error" role="alert">
        Not saved: {[...state.errors.values()].reduce((n, m) => n + m.length, 0)} problem(s), shown beside the
        fields. Nothing was changed.
      </p>
    );
  return null;
}

function SetupNav(props: { season: string; current: 'overview' | 'calendar' | 'entries' }) {
  const base = `/seasons/${props.season}/setup`;
  const link = (key: typeof props.current, href: string, label: string) => (
    <li>
      <a href={href} aria-current={props.current === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav class="subnav" aria-label="Season setup">
      <ul>
        {link('overview', base, 'Overview, classes and rulebook')}
        {link('calendar', `${base}/calendar`, 'Calendar')}
        {link('entries', `${base}/entries`, 'Drivers, teams and entries')}
      </ul>
    </nav>
  );
}

// ---- a new season -------------------------------------------------------------------------------

export interface NewSeasonProps {
  readonly viewer: Viewer;
  /** Where the form posts: /seasons/new (administrators) or /series/<id>/seasons/new. */
  readonly action: string;
  /** The series the season belongs to when fixed by the page; else a choice (administrators). */
  readonly series?: { readonly id: string; readonly name: string };
  readonly seriesChoices: readonly { readonly id: string; readonly name: string }[];
  /** Series the login may set seasons up in (links to their own new-season pages). */
  readonly ownSeries: readonly { readonly id: string; readonly name: string }[];
  readonly presets: readonly PresetOption[];
  readonly year: string;
  readonly state: FormState;
}

export function NewSeasonPage(props: NewSeasonProps) {
  const { state } = props;
  const form = 'season';
  const byTemplate = props.presets.filter((p) => p.seasons === 'any');
  const bySeries = new Map<string, PresetOption[]>();
  for (const p of props.presets.filter((q) => q.seasons !== 'any'))
    bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p]);
  const chosen = state.values?.['preset'] ?? '';
  const admin = props.viewer.role === 'admin';
  return (
    <Layout title="New season" viewer={props.viewer}>
      <Outcome state={state} />
      {!admin && !props.series && (
        <>
          <p>Start a season in a series you organise:</p>
          <ul>
            {props.ownSeries.map((s) => (
              <li>
                <a href={`/series/${s.id}/seasons/new`}>New season of {s.name}</a>
              </li>
            ))}
          </ul>
          {props.ownSeries.length === 0 && (
            <p class="muted">You organise no series; ask the instance administrator.</p>
          )}
        </>
      )}
      <form
        method="get"
        action={props.series ? `/series/${props.series.id}/seasons/new` : '/seasons/new'}
        class="inline"
      >
        <label for="find-year">Show the presets for the year</label>{' '}
        <input id="find-year" name="year" value={props.year} size={6} inputmode="numeric" />{' '}
        <button type="submit">Show presets</button>
      </form>
      {(admin || props.series) && (
        <form method="post" action={props.action} class="stack">
          {props.series ? (
            <p>
              Series: <strong>{props.series.name}</strong>
            </p>
          ) : (
            <>
              <Select
                state={state}
                form={form}
                name="series"
                label="Series"
                blank="A new series (give its name below)"
                options={props.seriesChoices.map((s) => ({ value: s.id, label: s.name }))}
              />
              <Field
                state={state}
                form={form}
                name="series_name"
                label="New series name"
                placeholder="Club Cup"
              />
            </>
          )}
          <Field state={state} form={form} name="year" label="Year" value={props.year} required size={6} />
          <label for={fieldId(form, 'preset')}>Rulebook: a preset of the year, or a template</label>
          <select
            id={fieldId(form, 'preset')}
            name="preset"
            aria-invalid={hasError(state, form, 'preset') ? 'true' : undefined}
            aria-describedby={
              hasError(state, form, 'preset') ? `${fieldId(form, 'preset')}-error` : undefined
            }
          >
            <option value="">Choose…</option>
            {byTemplate.length > 0 && (
              <optgroup label="Templates">
                {byTemplate.map((p) => (
                  <option value={p.id} selected={p.id === chosen}>
                    {p.name} ({p.id})
                  </option>
                ))}
              </optgroup>
            )}
            {[...bySeries].map(([series, list]) => (
              <optgroup label={series}>
                {list.map((p) => (
                  <option value={p.id} selected={p.id === chosen}>
                    {p.name} ({p.seasons})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError state={state} form={form} field="preset" />
          <span class="muted">
            The season's rulebook.yaml says <code>extends: &lt;preset&gt;</code>; change any rule afterwards
            in the rulebook editor.
          </span>
          <Field
            state={state}
            form={form}
            name="classes"
            label="Classes"
            placeholder="Pro, Pro-Am, Am"
            hint="Separated by commas; none gives one class named after the series."
          />
          <Field
            state={state}
            form={form}
            name="name"
            label="Season name (optional)"
            placeholder="2026 Club Cup"
          />
          <Field
            state={state}
            form={form}
            name="id"
            label="Season id (optional)"
            placeholder="2026-club-cup"
          />
          <Save
            state={state}
            form={form}
            version={undefined}
            reason="A new season"
            button="Create the season"
            csrf={props.viewer.csrfToken}
          />
        </form>
      )}
    </Layout>
  );
}

// ---- the season's setup -------------------------------------------------------------------------

export interface SetupProps {
  readonly view: SeasonView;
  readonly viewer: Viewer;
  readonly version: number | undefined;
  readonly state: FormState;
}

function SetupLayout(
  props: SetupProps & { title: string; current: 'overview' | 'calendar' | 'entries'; children?: Child },
) {
  const { view } = props;
  return (
    <Layout title={props.title} season={{ id: view.season.id, name: view.season.name }} viewer={props.viewer}>
      <SetupNav season={view.season.id} current={props.current} />
      <Outcome state={props.state} />
      {props.children}
    </Layout>
  );
}

export function SetupOverview(
  props: SetupProps & {
    readonly rulebook: { readonly extends: readonly string[]; readonly championships: readonly string[] };
    /** The class whose form to rename or delete it is shown. */
    readonly editing?: string;
  },
) {
  const { view, state } = props;
  const season = view.season;
  const base = `/seasons/${season.id}/setup`;
  const editingClass = season.classes.find((c) => c.id === props.editing);
  return (
    <SetupLayout {...props} title="Set up the season" current="overview">
      <ol>
        <li>
          Calendar: {season.events.length} event(s), {season.sessions.length} session(s) —{' '}
          <a href={`${base}/calendar`}>add events and sessions</a>
        </li>
        <li>
          Entry list: {season.drivers.length} driver(s), {season.teams.length} team(s),{' '}
          {season.entries.length} entr{season.entries.length === 1 ? 'y' : 'ies'} —{' '}
          <a href={`${base}/entries`}>add or paste entries</a>
        </li>
        <li>
          Results: <a href={`/seasons/${season.id}/edit`}>enter or upload results</a>, then{' '}
          <a href={`/seasons/${season.id}/standings`}>the standings</a>
        </li>
      </ol>
      <h2>Rulebook</h2>
      <p>
        {props.rulebook.extends.length ? (
          <>
            Extends <code>{props.rulebook.extends.join(' → ')}</code>.{' '}
          </>
        ) : null}
        Championships: {props.rulebook.championships.join(', ')}.{' '}
        <a href={`/seasons/${season.id}/edit/rulebook`}>Edit the rulebook</a> (every problem is named with its
        line).
      </p>
      <h2>Classes</h2>
      <ul>
        {season.classes.map((c) => (
          <li>
            {c.name} <span class="muted">({c.id})</span>{' '}
            <a href={`${base}?class=${encodeURIComponent(c.id)}#edit-class`}>
              Rename or delete<span class="vh"> {c.name}</span>
            </a>
          </li>
        ))}
      </ul>
      {editingClass && (
        <section aria-labelledby="edit-class">
          <h3 id="edit-class">Class {editingClass.name}</h3>
          <form method="post" action={`${base}/class-edit`} class="stack">
            <input type="hidden" name="class" value={editingClass.id} />
            <Field
              state={state}
              form="class-edit"
              name="name"
              label="Name"
              value={editingClass.name}
              required
            />
            <FieldError state={state} form="class-edit" field="class" />
            <Save
              state={state}
              form="class-edit"
              version={props.version}
              reason={`Class ${editingClass.name}`}
              button="Rename the class"
              deleteButton="Delete the class"
              csrf={props.viewer.csrfToken}
            />
          </form>
        </section>
      )}
      <form method="post" action={`${base}/class`} class="stack">
        <Field state={state} form="class" name="name" label="New class" placeholder="Pro-Am" required />
        <Save
          state={state}
          form="class"
          version={props.version}
          reason="A new class"
          button="Add the class"
          csrf={props.viewer.csrfToken}
        />
      </form>
    </SetupLayout>
  );
}

export function CalendarSetup(props: SetupProps & { readonly editing?: string }) {
  const { view, state } = props;
  const season = view.season;
  const form = 'event';
  const editing = season.events.find((e) => e.id === props.editing);
  const nextRound = Math.max(0, ...season.events.map((e) => e.round)) + 1;
  return (
    <SetupLayout {...props} title="Calendar" current="calendar">
      {season.events.length === 0 ? (
        <p class="muted">No events yet.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Event</th>
                <th scope="col">Circuit</th>
                <th scope="col">Dates</th>
                <th scope="col">Time zone</th>
                <th scope="col">Sessions (local time)</th>
              </tr>
            </thead>
            <tbody>
              {[...season.events]
                .sort((a, b) => a.round - b.round)
                .map((e) => (
                  <tr>
                    <td class="num">{e.round}</td>
                    <td>{e.name}</td>
                    <td>
                      {e.circuit}
                      {e.country ? ` (${e.country})` : ''}
                    </td>
                    <td>
                      {e.start ?? ''}
                      {e.end && e.end !== e.start ? ` to ${e.end}` : ''}
                    </td>
                    <td>{e.timezone ?? ''}</td>
                    <td>
                      {season.sessions
                        .filter((s) => s.eventId === e.id)
                        .map(
                          (s) =>
                            `${s.name}${s.race ? ` (race ${s.race})` : ''}${s.time ? `: ${s.date ?? e.start ?? ''} ${s.time}` : ''}`,
                        )
                        .join('; ')}{' '}
                      <a
                        href={`/seasons/${season.id}/setup/calendar?event=${encodeURIComponent(e.id)}#times`}
                      >
                        Set times<span class="vh"> of {e.name}</span>
                      </a>{' '}
                      <a
                        href={`/seasons/${season.id}/setup/calendar?event=${encodeURIComponent(e.id)}#edit-event`}
                      >
                        Change or delete<span class="vh"> {e.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={`/seasons/${season.id}/calendar.ics`}>The calendar feed (.ics)</a> gives every session with a
        time in the circuit's time zone.
      </p>
      {editing && <EventTimes {...props} event={editing.id} />}
      {editing && <EventEdit {...props} event={editing.id} />}
      <h2>Add an event</h2>
      <form method="post" action={`/seasons/${season.id}/setup/event`} class="stack">
        <Field state={state} form={form} name="name" label="Event name" placeholder="Brands Hatch" required />
        <Field
          state={state}
          form={form}
          name="circuit"
          label="Circuit"
          placeholder="Brands Hatch Indy"
          required
        />
        <Field state={state} form={form} name="city" label="City (optional)" />
        <Field
          state={state}
          form={form}
          name="country"
          label="Country (ISO code, optional)"
          placeholder="GB"
          size={4}
        />
        <Field state={state} form={form} name="start" label="First day" type="date" required />
        <Field state={state} form={form} name="end" label="Last day (optional)" type="date" />
        <Field
          state={state}
          form={form}
          name="timezone"
          label="Time zone of the circuit (IANA)"
          placeholder="Europe/London"
          hint="Needed for session times: the feed shows each session at its local time there."
        />
        <Field state={state} form={form} name="round" label="Round" value={String(nextRound)} size={4} />
        <fieldset>
          <legend>Sessions</legend>
          <FieldError state={state} form={form} field="sessions" />
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Name (optional)</th>
                  <th scope="col">Date</th>
                  <th scope="col">Local start (hh:mm)</th>
                  <th scope="col">Minutes</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: SESSION_ROWS }, (_, i) => (
                  <SessionRow
                    state={state}
                    form={form}
                    prefix={`session_${i}_`}
                    label={`Session ${i + 1}`}
                    type={['qualifying', 'race', 'race'][i]}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <span class="muted">Races are numbered across the season in calendar order.</span>
        </fieldset>
        <Save
          state={state}
          form={form}
          version={props.version}
          reason="Calendar: a new event"
          button="Add the event"
          csrf={props.viewer.csrfToken}
        />
      </form>
    </SetupLayout>
  );
}

/** The form for one event's time zone and its sessions' local days, start times and lengths. */
function EventTimes(props: SetupProps & { readonly event: string }) {
  const { view, state } = props;
  const form = 'times';
  const event = view.season.events.find((e) => e.id === props.event)!;
  const sessions = view.season.sessions.filter((s) => s.eventId === event.id);
  const val = (name: string, fallback: string) =>
    state.form === form ? (state.values?.[name] ?? fallback) : fallback;
  return (
    <section aria-labelledby="times">
      <h2 id="times">Times of {event.name}</h2>
      <form method="post" action={`/seasons/${view.season.id}/setup/event-times`} class="stack">
        <input type="hidden" name="event" value={event.id} />
        <Field
          state={state}
          form={form}
          name="timezone"
          label="Time zone of the circuit (IANA)"
          value={event.timezone ?? ''}
          placeholder="Europe/London"
        />
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Date</th>
                <th scope="col">Local start (hh:mm)</th>
                <th scope="col">Minutes</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s, i) => {
                const cell = (
                  k: string,
                  label: string,
                  value: string,
                  attrs: Record<string, string | number> = {},
                ) => (
                  <td>
                    <input
                      name={`s_${i}_${k}`}
                      aria-label={`${s.name}: ${label}`}
                      value={val(`s_${i}_${k}`, value)}
                      aria-invalid={hasError(state, form, `s_${i}_${k}`) ? 'true' : undefined}
                      {...attrs}
                    />
                    <FieldError state={state} form={form} field={`s_${i}_${k}`} />
                  </td>
                );
                return (
                  <tr>
                    <th scope="row">
                      {s.name}
                      <input type="hidden" name={`s_${i}_id`} value={s.id} />
                    </th>
                    {cell('date', 'date', s.date ?? '', { type: 'date' })}
                    {cell('time', 'local start time (hh:mm)', s.time ?? '', { type: 'time' })}
                    {cell(
                      'duration',
                      'minutes',
                      s.durationMinutes === undefined ? '' : String(s.durationMinutes),
                      {
                        size: 4,
                        inputmode: 'numeric',
                      },
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Save
          state={state}
          form={form}
          version={props.version}
          reason={`Calendar: times of ${event.name}`}
          button="Save the times"
          csrf={props.viewer.csrfToken}
        />
      </form>
    </section>
  );
}

/** What an entries page shows a form to change or delete: an entry, a driver or a team (by id). */
export interface EntriesEditing {
  readonly entry?: string;
  readonly driver?: string;
  readonly team?: string;
}

export function EntriesSetup(
  props: SetupProps & {
    readonly preview?: EntryListPlan;
    readonly pasted?: string;
    readonly editing?: EntriesEditing;
  },
) {
  const { view, state } = props;
  const season = view.season;
  const base = `/seasons/${season.id}/setup`;
  const roundOf = new Map(season.events.map((e) => [e.id, e.round]));
  const classOptions = season.classes.map((c) => ({ value: c.id, label: c.name }));
  const teamOptions = season.teams.map((t) => ({ value: t.id, label: t.name }));
  const csrf = props.viewer.csrfToken;
  const preview = props.preview;
  const editingEntry = season.entries.find((e) => e.id === props.editing?.entry);
  const editingDriver = season.drivers.find((d) => d.id === props.editing?.driver);
  const editingTeam = season.teams.find((t) => t.id === props.editing?.team);
  const people = (kind: 'driver' | 'team', list: readonly { id: string; name: string }[]) =>
    list.length === 0 ? (
      <p class="muted">None yet.</p>
    ) : (
      <ul>
        {list.map((p) => (
          <li>
            <a href={`${base}/entries?${kind}=${encodeURIComponent(p.id)}#edit-${kind}`}>{p.name}</a>
          </li>
        ))}
      </ul>
    );
  return (
    <SetupLayout {...props} title="Drivers, teams and entries" current="entries">
      <h2>Entry list</h2>
      {season.entries.length === 0 ? (
        <p class="muted">No entries yet.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Car</th>
                <th scope="col">Driver(s)</th>
                <th scope="col">Team</th>
                <th scope="col">Class</th>
                <th scope="col">Rounds</th>
                <th scope="col">Points</th>
                <th scope="col">
                  <span class="vh">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {season.entries.map((e) => {
                const rounds = e.eventIds
                  .map((id) => roundOf.get(id))
                  .filter((r): r is number => r !== undefined);
                return (
                  <tr>
                    <td class="num">{e.car}</td>
                    <td>{e.driverIds.map(view.driverName).join(' / ')}</td>
                    <td>{view.teamName(e.teamId)}</td>
                    <td>{season.classes.find((c) => c.id === e.classId)?.name ?? e.classId}</td>
                    <td>{rounds.length === season.events.length ? 'all' : rounds.join(', ')}</td>
                    <td>{e.eligible ? 'eligible' : 'guest, not eligible'}</td>
                    <td>
                      <a href={`${base}/entries?entry=${encodeURIComponent(e.id)}#edit-entry`}>
                        Change<span class="vh"> car {e.car}</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editingEntry && <EntryEdit {...props} entry={editingEntry} />}

      <h2 id="paste">Paste an entry list</h2>
      <p>
        One car a line: <code>number, driver, team, class</code>, then optionally the rounds (
        <code>1-4;6</code>) and <code>guest</code> for a car not eligible for points. A shared car's drivers
        are joined by <code>/</code>. Drivers and teams not in the season yet are added. Copying from a
        spreadsheet (tabs) works too.
      </p>
      {preview && preview.issues.length === 0 && (
        <section aria-labelledby="preview-title">
          <h3 id="preview-title">Preview: {preview.entries.length} entries</h3>
          <p>
            New drivers: {preview.newDrivers.map((d) => d.name).join(', ') || 'none'}. New teams:{' '}
            {preview.newTeams.map((t) => t.name).join(', ') || 'none'}.
          </p>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Car</th>
                  <th scope="col">Driver(s)</th>
                  <th scope="col">Team</th>
                  <th scope="col">Class</th>
                  <th scope="col">Rounds</th>
                  <th scope="col">Points</th>
                </tr>
              </thead>
              <tbody>
                {preview.entries.map((e) => (
                  <tr>
                    <td class="num">{e.line}</td>
                    <td class="num">{e.car}</td>
                    <td>{e.drivers.map((d) => `${d.name}${d.new ? ' (new)' : ''}`).join(' / ')}</td>
                    <td>
                      {e.team.name}
                      {e.team.new ? ' (new)' : ''}
                    </td>
                    <td>{season.classes.find((c) => c.id === e.classId)?.name ?? e.classId}</td>
                    <td>{e.rounds}</td>
                    <td>{e.eligible ? 'eligible' : 'guest'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <form method="post" action={`${base}/entries`} class="stack">
        <label for="paste-text">Entry list</label>
        <textarea
          id="paste-text"
          name="text"
          rows={10}
          aria-invalid={hasError(state, 'paste', 'text') ? 'true' : undefined}
          aria-describedby={hasError(state, 'paste', 'text') ? 'paste-text-error' : undefined}
        >
          {props.pasted ?? (state.form === 'paste' ? (state.values?.['text'] ?? '') : '')}
        </textarea>
        {state.form === 'paste' && state.errors?.get('text')?.length ? (
          <ul class="field-error" id="paste-text-error" role="alert">
            {state.errors.get('text')!.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        ) : null}
        <CsrfField token={csrf} />
        {props.version !== undefined && <input type="hidden" name="version" value={String(props.version)} />}
        <Field
          state={state}
          form="paste"
          name="reason"
          label="Reason (for the Changes page)"
          value="Entry list"
          required
        />
        <FieldError state={state} form="paste" field="" />
        <div>
          <button type="submit" name="action" value="preview">
            Preview
          </button>{' '}
          {preview && preview.issues.length === 0 && (
            <button class="primary" type="submit" name="action" value="apply">
              Add these {preview.entries.length} entries
            </button>
          )}
        </div>
      </form>

      <h2>Add one entry</h2>
      <form method="post" action={`${base}/entry`} class="stack">
        <Field state={state} form="entry" name="car" label="Car number" size={4} required />
        <Select state={state} form="entry" name="team" label="Team" options={teamOptions} blank="Choose…" />
        <Field
          state={state}
          form="entry"
          name="drivers"
          label="Driver(s)"
          hint="Names or ids of drivers of the season; a shared car's joined by /."
          required
        />
        <Select
          state={state}
          form="entry"
          name="class"
          label="Class"
          options={classOptions}
          blank={season.classes.length === 1 ? undefined : 'Choose…'}
        />
        <Field
          state={state}
          form="entry"
          name="rounds"
          label="Rounds"
          value="all"
          hint='"all", or a list such as 1-4;6'
          size={10}
        />
        <label>
          <input
            type="checkbox"
            name="guest"
            value="true"
            checked={state.form === 'entry' && state.values?.['guest'] === 'true'}
          />{' '}
          Guest, not eligible for points
        </label>
        <Field state={state} form="entry" name="note" label="Note (optional)" />
        <Save
          state={state}
          form="entry"
          version={props.version}
          reason="A new entry"
          button="Add the entry"
          csrf={csrf}
        />
      </form>

      <h2>A change during the season</h2>
      <p class="muted">
        A car that runs under another number or team, or with other drivers, from a round on: its entry ends
        before that round and a new entry carries it from there.
      </p>
      <form method="post" action={`${base}/entry-change`} class="stack">
        <Select
          state={state}
          form="change"
          name="entry"
          label="Entry"
          blank="Choose…"
          options={season.entries.map((e) => ({
            value: e.id,
            label: `#${e.car} ${e.driverIds.map(view.driverName).join(' / ')} (${view.teamName(e.teamId)})`,
          }))}
        />
        <Field state={state} form="change" name="from_round" label="From round" size={4} required />
        <Field state={state} form="change" name="car" label="New car number (optional)" size={4} />
        <Select
          state={state}
          form="change"
          name="team"
          label="New team (optional)"
          options={teamOptions}
          blank="The same team"
        />
        <Field
          state={state}
          form="change"
          name="drivers"
          label="New driver(s) (optional)"
          hint="Names or ids, joined by /."
        />
        <Save
          state={state}
          form="change"
          version={props.version}
          reason="A change of entry during the season"
          button="Record the change"
          csrf={csrf}
        />
      </form>

      <h2>Drivers</h2>
      <p class="muted">Choose a driver to change their name or nationality, or to delete them.</p>
      {people('driver', season.drivers)}
      {editingDriver && <PersonEdit {...props} kind="driver" person={editingDriver} />}
      <form method="post" action={`${base}/driver`} class="stack">
        <Field state={state} form="driver" name="name" label="Driver's name" required />
        <Field
          state={state}
          form="driver"
          name="nationality"
          label="Nationality (ISO code, optional)"
          placeholder="GB"
          size={4}
        />
        <Save
          state={state}
          form="driver"
          version={props.version}
          reason="A new driver"
          button="Add the driver"
          csrf={csrf}
        />
      </form>

      <h2>Teams</h2>
      {people('team', season.teams)}
      {editingTeam && <PersonEdit {...props} kind="team" person={editingTeam} />}
      <form method="post" action={`${base}/team`} class="stack">
        <Field state={state} form="team" name="name" label="Team's name" required />
        <Field
          state={state}
          form="team"
          name="nationality"
          label="Nationality (ISO code, optional)"
          placeholder="GB"
          size={4}
        />
        <Save
          state={state}
          form="team"
          version={props.version}
          reason="A new team"
          button="Add the team"
          csrf={csrf}
        />
      </form>
    </SetupLayout>
  );
}

/** The form to rename a driver or team or change their nationality, or delete them. */
function PersonEdit(
  props: SetupProps & {
    readonly kind: 'driver' | 'team';
    readonly person: { readonly id: string; readonly name: string; readonly nationality?: string };
  },
) {
  const { state, kind, person } = props;
  const form = `${kind}-edit`;
  return (
    <section aria-labelledby={`edit-${kind}`}>
      <h3 id={`edit-${kind}`}>
        {kind === 'driver' ? 'Driver' : 'Team'} {person.name}
      </h3>
      <form method="post" action={`/seasons/${props.view.season.id}/setup/${kind}-edit`} class="stack">
        <input type="hidden" name={kind} value={person.id} />
        <Field state={state} form={form} name="name" label="Name" value={person.name} required />
        <Field
          state={state}
          form={form}
          name="nationality"
          label="Nationality (ISO code; empty clears it)"
          value={person.nationality ?? ''}
          size={4}
        />
        <FieldError state={state} form={form} field={kind} />
        <Save
          state={state}
          form={form}
          version={props.version}
          reason={`${kind === 'driver' ? 'Driver' : 'Team'} ${person.name}`}
          button="Save the changes"
          deleteButton={`Delete the ${kind}`}
          csrf={props.viewer.csrfToken}
        />
      </form>
    </section>
  );
}

/** The form to change an entry (number, team, drivers, class, rounds, guest, note) or delete it. */
function EntryEdit(props: SetupProps & { readonly entry: SeasonView['season']['entries'][number] }) {
  const { state, view, entry } = props;
  const season = view.season;
  const form = 'entry-edit';
  const roundOf = new Map(season.events.map((e) => [e.id, e.round]));
  const rounds = entry.eventIds.map((id) => roundOf.get(id)).filter((r): r is number => r !== undefined);
  const roundsText = rounds.length === season.events.length ? 'all' : rounds.sort((a, b) => a - b).join(';');
  return (
    <section aria-labelledby="edit-entry">
      <h3 id="edit-entry">
        Car {entry.car}: {entry.driverIds.map(view.driverName).join(' / ')}
      </h3>
      <form method="post" action={`/seasons/${season.id}/setup/entry-edit`} class="stack">
        <input type="hidden" name="entry" value={entry.id} />
        <Field state={state} form={form} name="car" label="Car number" value={entry.car} size={4} required />
        <Select
          state={state}
          form={form}
          name="team"
          label="Team"
          value={entry.teamId}
          options={season.teams.map((t) => ({ value: t.id, label: t.name }))}
        />
        <Field
          state={state}
          form={form}
          name="drivers"
          label="Driver(s)"
          value={entry.driverIds.map(view.driverName).join(' / ')}
          hint="Names or ids of drivers of the season; a shared car's joined by /."
          required
        />
        <Select
          state={state}
          form={form}
          name="class"
          label="Class"
          value={entry.classId}
          options={season.classes.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Field
          state={state}
          form={form}
          name="rounds"
          label="Rounds"
          value={roundsText}
          hint='"all", or a list such as 1-4;6'
          size={10}
        />
        <label>
          <input
            type="checkbox"
            name="guest"
            value="true"
            checked={state.form === form ? state.values?.['guest'] === 'true' : !entry.eligible}
          />{' '}
          Guest, not eligible for points
        </label>
        <Field state={state} form={form} name="note" label="Note (optional)" value={entry.note ?? ''} />
        <FieldError state={state} form={form} field="entry" />
        <Save
          state={state}
          form={form}
          version={props.version}
          reason={`Entry #${entry.car}`}
          button="Save the entry"
          deleteButton="Delete the entry"
          csrf={props.viewer.csrfToken}
        />
      </form>
    </section>
  );
}

/** The number of rows for new sessions in the form that changes an event. */
export const NEW_SESSION_ROWS = 2;

/** The form to change an event's details, remove or add sessions, or delete the event. */
function EventEdit(props: SetupProps & { readonly event: string }) {
  const { view, state } = props;
  const form = 'event-edit';
  const event = view.season.events.find((e) => e.id === props.event)!;
  const sessions = view.season.sessions.filter((s) => s.eventId === event.id);
  const val = (name: string, fallback = '') =>
    state.form === form ? (state.values?.[name] ?? fallback) : fallback;
  return (
    <section aria-labelledby="edit-event">
      <h2 id="edit-event">
        Change round {event.round}, {event.name}
      </h2>
      <form method="post" action={`/seasons/${view.season.id}/setup/event-edit`} class="stack">
        <input type="hidden" name="event" value={event.id} />
        <Field state={state} form={form} name="name" label="Event name" value={event.name} required />
        <Field state={state} form={form} name="circuit" label="Circuit" value={event.circuit} required />
        <Field state={state} form={form} name="city" label="City (optional)" value={event.city ?? ''} />
        <Field
          state={state}
          form={form}
          name="country"
          label="Country (ISO code, optional)"
          value={event.country ?? ''}
          size={4}
        />
        <Field
          state={state}
          form={form}
          name="start"
          label="First day"
          type="date"
          value={event.start ?? ''}
        />
        <Field
          state={state}
          form={form}
          name="end"
          label="Last day (optional)"
          type="date"
          value={event.end && event.end !== event.start ? event.end : ''}
        />
        <Field
          state={state}
          form={form}
          name="timezone"
          label="Time zone of the circuit (IANA)"
          value={event.timezone ?? ''}
        />
        <fieldset>
          <legend>Sessions</legend>
          <FieldError state={state} form={form} field="sessions" />
          <ul>
            {sessions.map((s, i) => (
              <li>
                <input type="hidden" name={`s_${i}_id`} value={s.id} />
                <label>
                  <input
                    type="checkbox"
                    name={`remove_${i}`}
                    value="true"
                    checked={val(`remove_${i}`) === 'true'}
                  />{' '}
                  Remove {s.name}
                  {s.race ? ` (race ${s.race})` : ''}
                </label>
                <FieldError state={state} form={form} field={`remove_${i}`} />
              </li>
            ))}
          </ul>
          <div class="scroll">
            <table>
              <caption>New sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Name (optional)</th>
                  <th scope="col">Date</th>
                  <th scope="col">Local start (hh:mm)</th>
                  <th scope="col">Minutes</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: NEW_SESSION_ROWS }, (_, i) => (
                  <SessionRow state={state} form={form} prefix={`new_${i}_`} label={`New session ${i + 1}`} />
                ))}
              </tbody>
            </table>
          </div>
          <span class="muted">
            A session with results, awards or penalties cannot be removed. Races are numbered again across the
            season.
          </span>
        </fieldset>
        <FieldError state={state} form={form} field="event" />
        <Save
          state={state}
          form={form}
          version={props.version}
          reason={`Calendar: ${event.name}`}
          button="Save the event"
          deleteButton="Delete the event"
          csrf={props.viewer.csrfToken}
        />
      </form>
    </section>
  );
}
