/**
 * The roles of a series on the site (page: src/server/pages/roles-page.tsx): the same operations
 * as the roles API (GET/PUT /api/v1/series/{series}/roles), through the app layer's
 * `findAccount` and `setSeriesRole`. Every request needs the `roles` permission in that series
 * (an organiser of it, or the instance administrator): an organiser of one series neither sees nor
 * changes another's roles. Forms carry the login's CSRF token (and pass the app's Origin check);
 * a problem comes back beside its field with nothing changed. /seasons/:season/roles (the season
 * navigation's link) leads to its series' page.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Issue } from '../../engine/index.js';
import type { Login } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { openSeason, viewerOf } from '../context.js';
import { authorize, checkCsrf } from '../auth.js';
import { formFields, parseForm } from '../forms.js';
import { problem } from '../problems.js';
import { GRANTABLE, RolesPage } from '../pages/roles-page.js';
import type { RolesPageProps } from '../pages/roles-page.js';

export const rolesRoutes = new Hono<Env>();

const grantForm = z.object({
  account: z.string().max(320).default(''),
  role: z.enum(GRANTABLE, { message: `choose ${GRANTABLE.join(', ')}` }),
});
const revokeForm = z.object({ email: z.string().trim().min(1, 'which account?').max(320) });

type Field = 'account' | 'role' | 'form';
const fieldOf = (i: Issue): Field =>
  i.path[0] === 'role' ? 'role' : i.path[0] === 'account' || i.path[0] === 'email' ? 'account' : 'form';

/** The series of the URL, for a login that may manage its roles (403 before 404: no probing). */
async function seriesFor(c: AppContext): Promise<{ login: Login; series: { id: string; name: string } }> {
  const id = c.req.param('series') ?? '';
  const login = authorize(c.get('login'), 'roles', id);
  const found = await c.var.deps.paddock.findSeries(id);
  if (!found) throw problem('series.unknown', `no series "${id}"`, ['series']);
  return { login, series: { id: found.id, name: found.name } };
}

async function rolesPage(
  c: AppContext,
  login: Login,
  series: { id: string; name: string },
  extra: Pick<RolesPageProps, 'done' | 'values' | 'errors'> = {},
  status: 200 | 422 = 200,
) {
  const { paddock } = c.var.deps;
  const held = await paddock.listSeriesRoles(series.id);
  const names = await paddock.displayNames([...new Set(held.map((r) => r.email))]);
  const seasons = (await paddock.listSeasons()).filter((s) => s.seriesId === series.id);
  return c.html(
    <RolesPage
      viewer={viewerOf(login, series.id)!}
      series={series}
      seasons={seasons.map((s) => ({ id: s.id, name: s.name }))}
      roles={held.map((r) => ({
        email: r.email,
        displayName: names.get(r.email),
        role: r.role,
        everySeries: r.series !== series.id,
      }))}
      {...extra}
    />,
    status,
  );
}

/** What a redirect back to the page says was done (the page shows only known words). */
const DONE: Record<string, string> = {
  granted: 'The role is given.',
  revoked: 'The role is taken away.',
};

rolesRoutes.get('/series/:series/roles', async (c) => {
  const { login, series } = await seriesFor(c);
  return rolesPage(c, login, series, { done: DONE[c.req.query('done') ?? ''] });
});

rolesRoutes.post('/series/:series/roles', async (c) => {
  const { login, series } = await seriesFor(c);
  const fields = await formFields(c);
  checkCsrf(fields, login.csrfToken);
  const values = { account: fields['account'], role: fields['role'] };
  const refuse = (issues: readonly Issue[]) => {
    const errors: Partial<Record<Field, string>> = {};
    for (const i of issues) errors[fieldOf(i)] = [errors[fieldOf(i)], i.message].filter(Boolean).join('; ');
    return rolesPage(c, login, series, { values, errors }, 422);
  };
  const form = parseForm(grantForm, fields);
  if (!form.ok) return refuse(form.issues);
  const { paddock } = c.var.deps;
  const account = await paddock.findAccount(form.value.account, 'account');
  if (!account.ok) return refuse(account.issues);
  const set = await paddock.setSeriesRole(account.value, series.id, form.value.role);
  if (!set.ok) return refuse(set.issues);
  return c.redirect(`/series/${series.id}/roles?done=granted`, 303);
});

rolesRoutes.post('/series/:series/roles/revoke', async (c) => {
  const { login, series } = await seriesFor(c);
  const fields = await formFields(c);
  checkCsrf(fields, login.csrfToken);
  const form = parseForm(revokeForm, fields);
  const { paddock } = c.var.deps;
  const held = form.ok
    ? (await paddock.listSeriesRoles(series.id)).find((r) => r.email === form.value.email)
    : undefined;
  if (!form.ok || !held || held.series !== series.id)
    return rolesPage(
      c,
      login,
      series,
      {
        errors: {
          form: form.ok
            ? `${form.value.email} holds no role of this series' own to take away`
            : form.issues.map((i) => i.message).join('; '),
        },
      },
      422,
    );
  const set = await paddock.setSeriesRole(held.email, series.id, 'none');
  if (!set.ok)
    return rolesPage(
      c,
      login,
      series,
      { errors: { form: set.issues.map((i) => i.message).join('; ') } },
      422,
    );
  // An organiser who took away their own role may no longer see the page.
  if (held.email === login.email && !login.admin) return c.redirect('/', 303);
  return c.redirect(`/series/${series.id}/roles?done=revoked`, 303);
});

/** The season navigation's link: the roles of the season's series. */
rolesRoutes.get('/seasons/:season/roles', async (c) => {
  const { sv } = await openSeason(c, c.req.param('season') ?? '');
  return c.redirect(`/series/${sv.loaded.season.series.id}/roles`, 303);
});
