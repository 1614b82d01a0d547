/**
 * What every write route of the server needs, in one table: a permission in the season's (or the
 * series') series, the instance administrator, any logged-in account acting on itself ('self'),
 * or nothing ('public': logging in and out). The role-matrix test (src/server/role-matrix.test.ts)
 * reads the app's own route list, fails for a write route missing here, and tries every route as
 * every role in its own series and in another one; so a new route cannot escape the roles.
 * Which role holds which permission is src/app/accounts.ts's GRANTS.
 */
import type { Permission } from '../app/index.js';

export type RouteAccess = Permission | 'admin' | 'self' | 'public';

/** Write routes ("METHOD /path" as Hono lists them) and what each needs. */
export const WRITE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'POST /login': 'public',
  'POST /logout': 'public',
  // The account's own API tokens (src/server/routes/account.tsx).
  'POST /account/tokens': 'self',
  'POST /account/tokens/:id/revoke': 'self',
  // The name the account's changes are shown under (src/server/routes/account.tsx).
  'POST /account/name': 'self',
  // The editor's forms (src/server/routes/editing.tsx).
  'POST /seasons/:season/edit/rulebook': 'rulebook',
  'POST /seasons/:season/edit/:session/classification': 'results',
  'POST /seasons/:season/edit/:session/awards': 'results',
  'POST /seasons/:season/edit/:session/state': 'decisions',
  'POST /seasons/:season/edit/:session/penalty': 'decisions',
  // Uploading a results file: check and preview, then apply (src/server/routes/upload.tsx).
  'POST /seasons/:season/edit/:session/upload': 'results',
  // Restoring a revision from the Changes page (src/server/routes/editing.tsx).
  'POST /seasons/:season/revert': 'revert',
  // Following a timing feed and saving its final order (src/server/routes/live.tsx).
  'POST /seasons/:season/live/start': 'results',
  'POST /seasons/:season/live/stop': 'results',
  'POST /seasons/:season/live/save': 'results',
  'POST /seasons/:season/live/confirm': 'results',
  // Saving the races filled in on the what-if page (src/server/routes/scenarios.tsx).
  'POST /seasons/:season/whatif/save': 'results',
  // The organiser's season setup (src/server/routes/setup.tsx): a new season of any series (the
  // administrator) or of a series one organises, then classes, calendar and entry list.
  'POST /seasons/new': 'admin',
  'POST /series/:series/seasons/new': 'setup',
  'POST /seasons/:season/setup/class': 'setup',
  'POST /seasons/:season/setup/event': 'setup',
  'POST /seasons/:season/setup/event-times': 'setup',
  'POST /seasons/:season/setup/driver': 'setup',
  'POST /seasons/:season/setup/team': 'setup',
  'POST /seasons/:season/setup/entry': 'setup',
  'POST /seasons/:season/setup/entry-change': 'setup',
  'POST /seasons/:season/setup/entries': 'setup',
  'POST /seasons/:season/setup/class-edit': 'setup',
  'POST /seasons/:season/setup/driver-edit': 'setup',
  'POST /seasons/:season/setup/team-edit': 'setup',
  'POST /seasons/:season/setup/event-edit': 'setup',
  'POST /seasons/:season/setup/entry-edit': 'setup',
  // The roles of a series: give and take away (src/server/routes/roles.tsx).
  'POST /series/:series/roles': 'roles',
  'POST /series/:series/roles/revoke': 'roles',
  // The write API (src/server/routes/api.ts): API tokens only.
  'PUT /api/v1/seasons/:season/results/:session': 'results',
  'PUT /api/v1/seasons/:season/results/:session/awards': 'results',
  'PUT /api/v1/seasons/:season/results/:session/state': 'decisions',
  'POST /api/v1/seasons/:season/results/:session/penalties': 'decisions',
  'POST /api/v1/seasons/:season/results/:session/import': 'results',
  'PUT /api/v1/seasons/:season/rulebook': 'rulebook',
  'POST /api/v1/seasons/:season/revert': 'revert',
  'PUT /api/v1/series/:series/roles/:email': 'roles',
  // The season setup through the API (docs/organiser.md).
  'POST /api/v1/series/:series/seasons': 'setup',
  'POST /api/v1/seasons/:season/setup': 'setup',
};
