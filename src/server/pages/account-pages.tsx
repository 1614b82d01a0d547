/** The account page: your roles, and your API tokens (create, with the new token shown once; revoke). */
import type { ApiToken } from '../../app/index.js';
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';

export interface TokensPageProps {
  readonly viewer: Viewer;
  readonly roles: string;
  readonly tokens: readonly ApiToken[];
  /** A token just made: shown this once. */
  readonly created?: string | undefined;
  readonly error?: string | undefined;
  readonly series: readonly { readonly id: string; readonly name: string }[];
  /** The name the account's changes are shown under (undefined: none). */
  readonly displayName?: string | undefined;
  /** A problem with the display name form. */
  readonly nameError?: string | undefined;
}

const scope = (t: ApiToken) => `${t.role ?? 'your roles'} in ${t.series ?? 'every series'}`;

export function TokensPage(props: TokensPageProps) {
  return (
    <Layout title="API tokens" viewer={props.viewer}>
      <h1>API tokens</h1>
      <p>
        {props.viewer.email}: {props.roles}. A token acts as you through the write API (
        <a href="/api/v1/reference">reference</a>), sent as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <form method="post" action="/account/name" class="stack">
        <CsrfField token={props.viewer.csrfToken} />
        <label for="displayName">
          Display name (the Changes page shows your changes under it; your address is shown only to
          administrators)
        </label>
        <input
          id="displayName"
          name="displayName"
          maxlength={80}
          value={props.displayName ?? ''}
          aria-describedby={props.nameError ? 'displayName-error' : undefined}
        />
        {props.nameError && (
          <span class="field-error" id="displayName-error" role="alert">
            {props.nameError}
          </span>
        )}
        <p>
          <button type="submit">Save the display name</button>
        </p>
      </form>
      {props.created && (
        <p role="status">
          Your new token (copy it now; it is not shown again): <code id="new-token">{props.created}</code>
        </p>
      )}
      {props.error && (
        <p class="field-error" role="alert">
          {props.error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Created</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((t) => (
            <tr>
              <td>
                <code>{t.id}</code>
              </td>
              <td>{t.name}</td>
              <td>{scope(t)}</td>
              <td>{t.createdAt.slice(0, 16).replace('T', ' ')}</td>
              <td>
                {t.revokedAt ? (
                  `revoked ${t.revokedAt.slice(0, 10)}`
                ) : (
                  <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                    <CsrfField token={props.viewer.csrfToken} />
                    <button type="submit">Revoke</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>New token</h2>
      <form method="post" action="/account/tokens">
        <CsrfField token={props.viewer.csrfToken} />
        <p>
          <label for="name">What it is for</label> <input id="name" name="name" required maxlength={100} />
        </p>
        <p>
          <label for="series">Series</label>{' '}
          <select id="series" name="series">
            <option value="">every series you have a role in</option>
            {props.series.map((s) => (
              <option value={s.id}>{s.name}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="role">At most</label>{' '}
          <select id="role" name="role">
            <option value="">your own roles</option>
            <option value="organiser">organiser</option>
            <option value="steward">steward</option>
            <option value="viewer">viewer</option>
          </select>
        </p>
        <button type="submit">Create token</button>
      </form>
    </Layout>
  );
}
