/**
 * The account's own display name and API tokens on the site: list, create (the token shown once), revoke. Only
 * a cookie login with its CSRF token may use these forms; a token cannot make more tokens.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { describeRoles } from '../../app/index.js';
import type { Login } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { viewerOf } from '../context.js';
import { checkCsrf, requireLogin } from '../auth.js';
import { formFields, parseForm } from '../forms.js';
import { TokensPage } from '../pages/account-pages.js';
import { problem } from '../problems.js';

const tokenForm = z.object({
  name: z.string().trim().min(1, 'give the token a name').max(100),
  series: z.string().max(200).optional(),
  role: z.string().max(20).optional(),
});

/** A cookie login (forms are not for API tokens). */
function cookieLogin(c: AppContext): Login {
  const login = requireLogin(c.get('login'));
  if (login.tokenId !== undefined)
    throw problem('auth.forbidden', 'an API token cannot manage tokens', [], 'Log in on the site.');
  return login;
}

async function tokensPage(
  c: AppContext,
  login: Login,
  extra: { created?: string; error?: string; nameError?: string },
  status: 200 | 422 = 200,
) {
  const { paddock } = c.var.deps;
  return c.html(
    <TokensPage
      viewer={viewerOf(login)!}
      roles={describeRoles(login)}
      tokens={await paddock.listApiTokens(login.email)}
      series={await paddock.listSeries()}
      displayName={(await paddock.displayNames([login.email])).get(login.email)}
      {...extra}
    />,
    status,
  );
}

export const accountRoutes = new Hono<Env>();

accountRoutes.get('/account/tokens', (c) => tokensPage(c, cookieLogin(c), {}));

accountRoutes.post('/account/tokens', async (c) => {
  const login = cookieLogin(c);
  const fields = await formFields(c);
  checkCsrf(fields, login.csrfToken);
  const form = parseForm(tokenForm, fields);
  const made = form.ok
    ? await c.var.deps.paddock.createApiToken(
        login.email,
        { name: form.value.name, series: form.value.series || undefined, role: form.value.role || undefined },
        c.var.deps.now(),
      )
    : form;
  if (!made.ok) return tokensPage(c, login, { error: made.issues.map((i) => i.message).join('; ') }, 422);
  return tokensPage(c, login, { created: made.value.token });
});

accountRoutes.post('/account/tokens/:id/revoke', async (c) => {
  const login = cookieLogin(c);
  checkCsrf(await formFields(c), login.csrfToken);
  const revoked = await c.var.deps.paddock.revokeApiToken(c.req.param('id'), login.email, c.var.deps.now());
  if (!revoked.ok)
    throw problem('token.unknown', `you have no token "${c.req.param('id')}" to revoke`, ['id']);
  return c.redirect('/account/tokens', 303);
});

accountRoutes.post('/account/name', async (c) => {
  const login = cookieLogin(c);
  const fields = await formFields(c);
  checkCsrf(fields, login.csrfToken);
  const set = await c.var.deps.paddock.setDisplayName(login.email, fields['displayName'] ?? '');
  if (!set.ok) return tokensPage(c, login, { nameError: set.issues.map((i) => i.message).join('; ') }, 422);
  return c.redirect('/account/tokens', 303);
});
