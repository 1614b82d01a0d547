/**
 * The results upload form of one session (stewards and organisers of the series): a file in any
 * importer format, read and matched as `paddock import-results` does. The page shows, in turn, the
 * file's problems (naming its lines), the rows that match no entry with the closest drivers to
 * confirm, and, once every row is matched, a preview of the official classification and of the
 * standings change; nothing is saved until the preview is applied. One form carries the file
 * between the steps (base64 in a hidden field), so it works without scripts and servers keep no
 * state.
 */
import type { Issue, Session } from '../../engine/index.js';
import type { ResultRowView, SeasonDiff, SeasonView } from '../../app/index.js';
import { STATUS_LABEL } from '../../app/index.js';
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';
import type { FieldErrors } from './edit-pages.js';

/** The importer formats, by their `--format` name, as the form offers them. */
export const UPLOAD_FORMATS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'timing-csv', label: 'Timing CSV (TSL / Al Kamel classification export)' },
  { id: 'speedhive', label: 'Speedhive JSON (MYLAPS)' },
  { id: 'csv', label: 'Generic CSV (with a column map)' },
  { id: 'iracing', label: 'iRacing results JSON' },
  { id: 'acc', label: 'Assetto Corsa Competizione results JSON' },
  { id: 'rfactor', label: 'rFactor 2 / Le Mans Ultimate XML' },
];

/** What the form sends, shown again on each step. */
export interface UploadValues {
  readonly format: string;
  readonly columns: string;
  readonly fileSession: string;
  readonly state: '' | 'provisional' | 'final';
  readonly reason: string;
  /** The file read on an earlier step (base64) and its name, carried to the next one. */
  readonly content: string;
  readonly fileName: string;
}

export const NO_VALUES: UploadValues = {
  format: 'timing-csv',
  columns: '',
  fileSession: '',
  state: '',
  reason: '',
  content: '',
  fileName: '',
};

/** A row of the file that matches no entry, with the choices offered for it. */
export interface UnmatchedChoice {
  readonly key: string;
  readonly line: number;
  readonly car: string | undefined;
  readonly names: string;
  readonly reason: string;
  /** The closest drivers first, then every other driver of the event's entries. */
  readonly choices: readonly {
    readonly driverId: string;
    readonly label: string;
    readonly closest: boolean;
  }[];
  readonly chosen: string;
}

export interface UploadPreview {
  readonly rowsRead: number;
  readonly state: string | undefined;
  readonly rows: readonly ResultRowView[];
  readonly pole: string;
  readonly fastestLap: string;
  readonly unchanged: boolean;
  readonly diff: SeasonDiff;
  readonly championshipName: (id: string) => string;
  /** Confirmed identities this upload adds to the season's mappings: key -> driver name. */
  readonly remembered: readonly (readonly [string, string])[];
  readonly files: readonly string[];
}

export interface UploadPageProps {
  readonly view: SeasonView;
  readonly viewer: Viewer;
  readonly session: Session;
  readonly version: number | undefined;
  readonly values: UploadValues;
  /** Problems with the form's own fields (format, file, columns, reason). */
  readonly errors?: FieldErrors;
  /** Problems in the file (unmatched rows apart), naming its lines. */
  readonly problems?: readonly Issue[];
  /** Every problem found, listed or not. */
  readonly problemCount?: number;
  readonly unmatched?: readonly UnmatchedChoice[];
  /** Rows confirmed on an earlier step (key -> driver id), carried to the next one. */
  readonly confirmed?: readonly (readonly [string, string])[];
  readonly preview?: UploadPreview;
  /** The applied upload changed nothing (same rows, state and awards). */
  readonly nothingToChange?: boolean;
}

const where = (i: Issue) => {
  const l = i.location;
  if (!l) return '';
  return `${l.file ?? ''}${l.line === undefined ? '' : `, line ${l.line}`}${l.column === undefined ? '' : `, column ${l.column}`}: `;
};

function FieldError(props: { errors: FieldErrors | undefined; field: string }) {
  const messages = props.errors?.get(props.field);
  if (!messages?.length) return null;
  return (
    <span class="field-error" id={`${props.field}-error`} role="alert">
      {messages.join('; ')}
    </span>
  );
}

const standing = (p: { position: number; points: string } | null) =>
  p ? `P${p.position}, ${p.points}` : '–';

export function UploadPage(props: UploadPageProps) {
  const { view, session, values, preview } = props;
  const event = view.event(session.eventId);
  const action = `/seasons/${view.season.id}/edit/${session.id}/upload`;
  const unmatched = props.unmatched ?? [];
  // Confirmed rows that are matched now; rows still unmatched are asked about below.
  const confirmed = (props.confirmed ?? []).filter(([key]) => !unmatched.some((u) => u.key === key));
  const problems = props.problems ?? [];
  const failed = problems.length > 0 || unmatched.length > 0 || (props.errors?.size ?? 0) > 0;
  const counted = props.problemCount ?? problems.length + unmatched.length;
  return (
    <Layout
      title={`Upload results: ${event?.name ?? ''}, ${session.name}`}
      season={{ id: view.season.id, name: view.season.name }}
      viewer={props.viewer}
    >
      <p>
        <a href={`/seasons/${view.season.id}/edit/${session.id}`}>Back to the session's editor</a> ·{' '}
        <a href={`/seasons/${view.season.id}/events/${session.eventId}`}>public page</a>
      </p>
      <p>
        The file is read and matched with the season's entries exactly as <code>paddock import-results</code>{' '}
        reads it: by confirmed identities, car number, then driver name. Nothing is saved until you apply the
        preview; a file with any problem changes nothing.
      </p>
      {failed && (
        <p class="error" role="alert" id="upload-problems">
          Not saved: {counted} problem(s){values.fileName ? ` in ${values.fileName}` : ''}, listed below.
          Nothing was changed.
        </p>
      )}
      {props.nothingToChange && (
        <p class="ok" role="status">
          The season already has exactly these results: nothing to save.
        </p>
      )}
      <form method="post" action={action} enctype="multipart/form-data" class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        {props.version === undefined ? (
          ''
        ) : (
          <input type="hidden" name="version" value={String(props.version)} />
        )}
        <input type="hidden" name="content" value={values.content} />
        <input type="hidden" name="fileName" value={values.fileName} />
        {confirmed.map(([key, driver], i) => (
          <>
            <input type="hidden" name={`assign-${i}-key`} value={key} />
            <input type="hidden" name={`assign-${i}-driver`} value={driver} />
          </>
        ))}
        <fieldset>
          <legend>Results file</legend>
          <p>
            <label for="file">File</label>{' '}
            {values.fileName && (
              <span class="muted">(read: {values.fileName}; choose another file to replace it)</span>
            )}
            <br />
            <input
              id="file"
              name="file"
              type="file"
              aria-describedby={props.errors?.get('file') ? 'file-error' : undefined}
            />
            <FieldError errors={props.errors} field="file" />
          </p>
          <p>
            <label for="format">Format</label>
            <br />
            <select id="format" name="format">
              {UPLOAD_FORMATS.map((f) => (
                <option value={f.id} selected={f.id === values.format}>
                  {f.label}
                </option>
              ))}
            </select>
            <FieldError errors={props.errors} field="format" />
          </p>
          <p>
            <label for="columns">
              Column map (generic CSV only), such as <code>position=Pos,car=No,driver=Driver</code>
            </label>
            <br />
            <input id="columns" name="columns" value={values.columns} size={40} />
            <FieldError errors={props.errors} field="columns" />
          </p>
          <p>
            <label for="fileSession">
              Session inside the file (iRacing, rFactor: RACE, QUALIFY; empty: the race)
            </label>
            <br />
            <input id="fileSession" name="fileSession" value={values.fileSession} />
            <FieldError errors={props.errors} field="fileSession" />
          </p>
          <div role="radiogroup" aria-labelledby="state-label">
            <strong id="state-label">Result state</strong>
            {(
              [
                ['', 'as the file says (else unchanged)'],
                ['provisional', 'provisional'],
                ['final', 'final'],
              ] as const
            ).map(([value, label]) => (
              <div>
                <label>
                  <input type="radio" name="state" value={value} checked={values.state === value} /> {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>

        {problems.length > 0 && (
          <section aria-labelledby="file-problems">
            <h2 id="file-problems">Problems in the file</h2>
            <ul>
              {problems.map((i) => (
                <li class="error">
                  {where(i)}
                  {i.message}
                  {i.hint ? <span class="muted"> ({i.hint})</span> : ''}
                </li>
              ))}
            </ul>
            {counted > problems.length + unmatched.length && (
              <p class="muted">{counted - problems.length - unmatched.length} more problem(s) not listed.</p>
            )}
          </section>
        )}

        {unmatched.length > 0 && (
          <section aria-labelledby="unmatched-rows">
            <h2 id="unmatched-rows">Rows that match no entry</h2>
            <p>
              Say who each one is, then check the file again. Confirmed identities are remembered in the
              season's mappings, so the next file from the same source matches at once.
            </p>
            <div class="scroll" tabindex={0} role="region" aria-label="Rows that match no entry">
              <table id="unmatched">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Car</th>
                    <th scope="col">Name in the file</th>
                    <th scope="col">Why</th>
                    <th scope="col">Driver</th>
                  </tr>
                </thead>
                <tbody>
                  {unmatched.map((u, i) => (
                    <tr>
                      <td class="num">{String(u.line)}</td>
                      <td>{u.car ?? ''}</td>
                      <td>{u.names}</td>
                      <td>{u.reason}</td>
                      <td>
                        <input type="hidden" name={`assign-${confirmed.length + i}-key`} value={u.key} />
                        <select
                          name={`assign-${confirmed.length + i}-driver`}
                          aria-label={`Driver for line ${u.line} (${u.names})`}
                        >
                          <option value="">not confirmed</option>
                          {u.choices.map((c) => (
                            <option value={c.driverId} selected={c.driverId === u.chosen}>
                              {c.closest ? `closest: ${c.label}` : c.label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}

        {preview && <PreviewSection view={view} preview={preview} />}

        <label for="upload-reason">Reason (for the Changes page; default: "imported from" the file)</label>
        <input id="upload-reason" name="reason" value={values.reason} maxlength={2000} />
        <FieldError errors={props.errors} field="reason" />
        <p>
          <button type="submit" name="step" value="preview" class={preview ? '' : 'primary'}>
            {values.content ? 'Check the file again' : 'Check the file'}
          </button>{' '}
          {preview && !preview.unchanged && (
            <button type="submit" name="step" value="apply" class="primary">
              Apply: save these results
            </button>
          )}
        </p>
      </form>
    </Layout>
  );
}

function PreviewSection(props: { view: SeasonView; preview: UploadPreview }) {
  const p = props.preview;
  const points = p.diff.points;
  return (
    <section aria-labelledby="preview-heading" id="preview">
      <h2 id="preview-heading">Preview</h2>
      <p class="ok" role="status">
        All {p.rowsRead} rows read and matched.{' '}
        {p.unchanged ? 'The season already has exactly these results.' : 'Nothing is saved until you apply.'}
      </p>
      <p>
        State after the upload: <strong>{p.state ?? 'none'}</strong>
        {p.pole ? ` · Pole: ${p.pole}` : ''}
        {p.fastestLap ? ` · Fastest lap: ${p.fastestLap}` : ''}
        {p.files.length ? <span class="muted"> · files written: {p.files.join(', ')}</span> : ''}
      </p>
      {p.remembered.length > 0 && (
        <p>
          Remembered in the season's mappings:{' '}
          {p.remembered.map(([key, name]) => `${key} → ${name}`).join('; ')}
        </p>
      )}
      <h3>Official classification</h3>
      <div class="scroll" tabindex={0} role="region" aria-label="Official classification">
        <table id="preview-classification">
          <thead>
            <tr>
              <th scope="col" class="num">
                Pos
              </th>
              <th scope="col" class="num">
                Class pos
              </th>
              <th scope="col">Car</th>
              <th scope="col">Driver</th>
              <th scope="col">Class</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Laps
              </th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td class="num">{r.row.position === undefined ? '' : String(r.row.position)}</td>
                <td class="num">{r.classPosition === undefined ? '' : String(r.classPosition)}</td>
                <td>{r.car ?? ''}</td>
                <td>{r.drivers.map((d) => d.name).join(', ')}</td>
                <td>{r.className ?? ''}</td>
                <td>{STATUS_LABEL[r.row.status] ?? r.row.status}</td>
                <td class="num">{r.row.laps === undefined ? '' : String(r.row.laps)}</td>
                <td>{r.row.time ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Standings change</h3>
      {points.length === 0 ? (
        <p>No championship position or points change.</p>
      ) : (
        <div class="scroll" tabindex={0} role="region" aria-label="Standings change">
          <table id="preview-standings">
            <thead>
              <tr>
                <th scope="col">Championship</th>
                <th scope="col">Competitor</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {points.map((c) => (
                <tr>
                  <td>{p.championshipName(c.championshipId)}</td>
                  <td>{c.name}</td>
                  <td>{standing(c.before)}</td>
                  <td>{standing(c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
