/** The page frame: skip link, site header with the season's navigation, account box, main. */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

export interface Viewer {
  readonly email: string;
  readonly role: string;
  readonly csrfToken: string;
}

export interface LayoutProps {
  readonly title: string;
  readonly season?: { readonly id: string; readonly name: string };
  readonly viewer?: Viewer | undefined;
  /** Extra elements of <head> (the live page's refresh and script). */
  readonly head?: Child;
  readonly children?: Child;
}

export const CsrfField = (props: { token: string }) => (
  <input type="hidden" name="_csrf" value={props.token} />
);

export function Layout(props: LayoutProps) {
  const s = props.season;
  const base = s ? `/seasons/${s.id}` : '';
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{s && props.title !== s.name ? `${props.title} · ${s.name}` : props.title} · Paddock</title>
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/paddock.css" />
          {props.head}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site">
            <a class="brand" href="/">
              Paddock
            </a>
            {s && (
              <nav aria-label="Season">
                <ul>
                  <li>
                    <a href={base}>{s.name}</a>
                  </li>
                  <li>
                    <a href={`${base}/standings`}>Standings</a>
                  </li>
                  <li>
                    <a href={`${base}/entries`}>Entry list</a>
                  </li>
                  <li>
                    <a href={`${base}/title-fight`}>Title fight</a>
                  </li>
                  <li>
                    <a href={`${base}/live`}>Live</a>
                  </li>
                  <li>
                    <a href={`${base}/decisions`}>Decisions</a>
                  </li>
                  <li>
                    <a href={`${base}/audit`}>Changes</a>
                  </li>
                  {props.viewer && props.viewer.role !== 'viewer' && (
                    <li>
                      <a href={`${base}/edit`}>Edit results</a>
                    </li>
                  )}
                  {props.viewer && (props.viewer.role === 'admin' || props.viewer.role === 'organiser') && (
                    <li>
                      <a href={`${base}/setup`}>Set up</a>
                    </li>
                  )}
                  {props.viewer && (props.viewer.role === 'admin' || props.viewer.role === 'organiser') && (
                    <li>
                      <a href={`${base}/roles`}>Roles</a>
                    </li>
                  )}
                </ul>
              </nav>
            )}
            <div class="account">
              {props.viewer ? (
                <form method="post" action="/logout">
                  <CsrfField token={props.viewer.csrfToken} />
                  {!s && (props.viewer.role === 'admin' || props.viewer.role === 'organiser') && (
                    <>
                      <a href="/seasons/new">New season</a>{' '}
                    </>
                  )}
                  <a href="/account/tokens">{props.viewer.email}</a> ({props.viewer.role}){' '}
                  <button type="submit">Log out</button>
                </form>
              ) : (
                <a href="/login">Log in</a>
              )}
            </div>
          </header>
          <main id="main">
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}
