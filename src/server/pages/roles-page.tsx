/**
 * The roles of one series (src/server/routes/roles.tsx): who holds which role, a form to give an
 * existing account a role (by e-mail address or display name), and a button to take one away.
 * Roles held in every series are shown but changed only by the administrator (`paddock user`).
 */
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';

export interface RoleRowView {
  readonly email: string;
  readonly displayName?: string | undefined;
  readonly role: string;
  /** Held in every series ('*'), not only this one: not changed from this page. */
  readonly everySeries: boolean;
}

export interface RolesPageProps {
  readonly viewer: Viewer;
  readonly series: { readonly id: string; readonly name: string };
  readonly seasons: readonly { readonly id: string; readonly name: string }[];
  readonly roles: readonly RoleRowView[];
  /** What was just changed (shown once, after the redirect). */
  readonly done?: string | undefined;
  /** The grant form as sent, and its problems by field ('form': not one field's). */
  readonly values?: { readonly account?: string | undefined; readonly role?: string | undefined };
  readonly errors?: Readonly<Partial<Record<'account' | 'role' | 'form', string>>>;
}

export const GRANTABLE = ['organiser', 'steward', 'viewer'] as const;

function FieldError(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <span class="field-error" id={`${props.id}-error`} role="alert">
      {props.message}
    </span>
  ) : null;
}

export function RolesPage(props: RolesPageProps) {
  const base = `/series/${props.series.id}/roles`;
  const errors = props.errors ?? {};
  const chosen = props.values?.role ?? 'steward';
  return (
    <Layout title={`Roles in ${props.series.name}`} viewer={props.viewer}>
      <p>
        Organisers of {props.series.name} and the instance administrator give accounts a role here. An
        organiser sets up seasons, edits results and the rulebook, restores revisions and manages these roles;
        a steward edits results and decisions; a viewer sees the series' pages as an account.
      </p>
      {props.seasons.length > 0 && (
        <nav class="subnav" aria-label="Seasons of the series">
          <ul>
            {props.seasons.map((s) => (
              <li>
                <a href={`/seasons/${s.id}/setup`}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {props.done && <p role="status">{props.done}</p>}
      <table>
        <caption>Who holds a role</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Role</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {props.roles.map((r) => (
            <tr>
              <td>
                {r.displayName ? (
                  <>
                    {r.displayName} (<code>{r.email}</code>)
                  </>
                ) : (
                  <code>{r.email}</code>
                )}
              </td>
              <td>{r.everySeries ? `${r.role} in every series` : r.role}</td>
              <td>
                {r.everySeries ? (
                  'the administrator changes roles in every series'
                ) : (
                  <form method="post" action={`${base}/revoke`}>
                    <CsrfField token={props.viewer.csrfToken} />
                    <input type="hidden" name="email" value={r.email} />
                    <button type="submit">Take away the {r.role} role</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.roles.length === 0 && <p>Nobody holds a role in this series yet.</p>}
      <h2>Give a role</h2>
      <form method="post" action={base} class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        <FieldError id="form" message={errors.form} />
        <label for="account">Account: its e-mail address or display name</label>
        <input
          id="account"
          name="account"
          required
          maxlength={320}
          value={props.values?.account ?? ''}
          aria-invalid={errors.account ? 'true' : undefined}
          aria-describedby={errors.account ? 'account-error' : undefined}
        />
        <FieldError id="account" message={errors.account} />
        <label for="role">Role</label>
        <select
          id="role"
          name="role"
          aria-invalid={errors.role ? 'true' : undefined}
          aria-describedby={errors.role ? 'role-error' : undefined}
        >
          {GRANTABLE.map((role) => (
            <option value={role} selected={role === chosen}>
              {role}
            </option>
          ))}
        </select>
        <FieldError id="role" message={errors.role} />
        <p>
          <button type="submit">Give the role</button>
        </p>
      </form>
      <p>
        An account holds one role in a series: giving another replaces it. Accounts are made by the
        administrator (<code>paddock user add</code>).
      </p>
    </Layout>
  );
}
