/**
 * The roles page of a series, per role: the organiser of the reference series and the instance
 * administrator give accounts a role there (by e-mail address or display name) and take it away;
 * stewards, viewers, members and anonymous visitors are refused; an organiser of one series can
 * neither see nor change another series' roles. Bad input comes back beside its field and changes
 * nothing; a post without the CSRF token or from another site changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Client, makeHarness, OTHER_SEASON, OTHER_SERIES, REFERENCE_SERIES } from './test-support/harness.js';
import type { Harness } from './test-support/harness.js';

const SEASON = '2024-porsche-carrera-cup-north-america';
const PAGE = `/series/${REFERENCE_SERIES}/roles`;
const OTHER_PAGE = `/series/${OTHER_SERIES}/roles`;

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ otherSeries: true });
  return () => h.paddock.close();
});

async function as(email: string): Promise<{ client: Client; csrf: string }> {
  const client = new Client(h.app);
  expect((await client.logIn(email)).status).toBe(303);
  return { client, csrf: await client.csrfFrom('/account/tokens') };
}

/** The roles of a series as "email role" lines (the app's own list, not the page). */
const held = async (series = REFERENCE_SERIES) =>
  (await h.paddock.listSeriesRoles(series)).map((r) => `${r.email} ${r.role}${r.series === '*' ? ' *' : ''}`);

/** The text of the element with this id (a field's message), or undefined. */
const errorOf = (html: string, id: string) => new RegExp(`id="${id}-error"[^>]*>([^<]*)<`).exec(html)?.[1];

describe('the roles page as the organiser of the series', () => {
  it('lists who holds which role in the series', async () => {
    const { client } = await as('organiser@example.com');
    const res = await client.get(PAGE);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Roles in ');
    for (const line of ['organiser@example.com', 'steward@example.com', 'viewer@example.com'])
      expect(html).toContain(line);
    // The harness's member has no role here.
    expect(html).not.toContain('member@example.com');
  });

  it('gives a role by e-mail address, replaces it, and takes it away', async () => {
    const { client, csrf } = await as('organiser@example.com');
    const given = await client.post(PAGE, { _csrf: csrf, account: 'Member@Example.com', role: 'steward' });
    expect(given.status).toBe(303);
    expect(given.headers.get('location')).toBe(`${PAGE}?done=granted`);
    expect(await held()).toContain('member@example.com steward');
    expect(await (await client.get(given.headers.get('location')!)).text()).toContain('The role is given.');
    // One role per series: giving another replaces it.
    await client.post(PAGE, { _csrf: csrf, account: 'member@example.com', role: 'viewer' });
    expect((await held()).filter((l) => l.startsWith('member@'))).toEqual(['member@example.com viewer']);
    const taken = await client.post(`${PAGE}/revoke`, { _csrf: csrf, email: 'member@example.com' });
    expect(taken.status).toBe(303);
    expect((await held()).filter((l) => l.startsWith('member@'))).toEqual([]);
  });

  it('gives a role by display name (any case), and the new steward may then edit results', async () => {
    expect((await h.paddock.setDisplayName('member@example.com', 'Marta Lindqvist')).ok).toBe(true);
    const { client, csrf } = await as('organiser@example.com');
    const res = await client.post(PAGE, { _csrf: csrf, account: '  marta LINDQVIST ', role: 'steward' });
    expect(res.status).toBe(303);
    expect(await held()).toContain('member@example.com steward');
    expect(await (await client.get(PAGE)).text()).toContain(
      'Marta Lindqvist (<code>member@example.com</code>)',
    );
    // The role is real: the member's next login may open the editor of the series' season.
    const member = await as('member@example.com');
    expect((await member.client.get(`/seasons/${SEASON}/edit`)).status).toBe(200);
  });

  it('answers an unknown or ambiguous account, or a role it cannot give, beside the field, writing nothing', async () => {
    await h.paddock.setDisplayName('steward@example.com', 'Sam');
    await h.paddock.setDisplayName('viewer@example.com', 'sam');
    const before = await held();
    const { client, csrf } = await as('organiser@example.com');
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        { account: 'nobody@example.com', role: 'viewer' },
        'account',
        /there is no account nobody@example\.com/,
      ],
      [
        { account: 'Nobody Here', role: 'viewer' },
        'account',
        /no account has the display name &quot;Nobody Here&quot;/,
      ],
      [{ account: 'Sam', role: 'viewer' }, 'account', /2 accounts are named &quot;Sam&quot;/],
      [{ account: '', role: 'viewer' }, 'account', /give an e-mail address or a display name/],
      [{ account: 'member@example.com', role: 'admin' }, 'role', /choose organiser, steward, viewer/],
      [{ account: 'member@example.com', role: 'none' }, 'role', /choose organiser, steward, viewer/],
    ];
    for (const [form, field, message] of cases) {
      const res = await client.post(PAGE, { _csrf: csrf, ...form });
      expect(res.status, JSON.stringify(form)).toBe(422);
      const html = await res.text();
      expect(errorOf(html, field), JSON.stringify(form)).toMatch(message);
      // The form keeps what was typed.
      if (form['account']) expect(html).toContain(`value="${form['account']}"`);
    }
    expect(await held()).toEqual(before);
  });

  it('shows a role held in every series without a button, and will not take it away here', async () => {
    expect((await h.paddock.setSeriesRole('member@example.com', '*', 'viewer')).ok).toBe(true);
    const { client, csrf } = await as('organiser@example.com');
    const html = await (await client.get(PAGE)).text();
    expect(html).toContain('viewer in every series');
    expect(html).not.toContain('name="email" value="member@example.com"');
    const res = await client.post(`${PAGE}/revoke`, { _csrf: csrf, email: 'member@example.com' });
    expect(res.status).toBe(422);
    expect(await held()).toContain('member@example.com viewer *');
  });

  it("neither shows nor changes another series' roles", async () => {
    await h.paddock.setSeriesRole('viewer@example.com', OTHER_SERIES, 'steward');
    const before = await held(OTHER_SERIES);
    const { client, csrf } = await as('organiser@example.com');
    const page = await client.get(OTHER_PAGE);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('viewer@example.com');
    expect(
      (await client.post(OTHER_PAGE, { _csrf: csrf, account: 'member@example.com', role: 'organiser' }))
        .status,
    ).toBe(403);
    expect(
      (await client.post(`${OTHER_PAGE}/revoke`, { _csrf: csrf, email: 'viewer@example.com' })).status,
    ).toBe(403);
    expect(await held(OTHER_SERIES)).toEqual(before);
    // The season navigation's Roles link leads to the season's series, which it may not see.
    expect(await (await client.get(`/seasons/${SEASON}`)).text()).toContain(
      `href="/seasons/${SEASON}/roles"`,
    );
    const link = await client.get(`/seasons/${OTHER_SEASON}/roles`);
    expect(link.headers.get('location')).toBe(OTHER_PAGE);
    expect((await client.get(OTHER_PAGE)).status).toBe(403);
  });

  it('refuses a post without the CSRF token or from another site, changing nothing', async () => {
    const before = await held();
    const { client, csrf } = await as('organiser@example.com');
    const noToken = await client.post(PAGE, { account: 'member@example.com', role: 'steward' });
    expect(noToken.status).toBe(403);
    const crossSite = await client.request(PAGE, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, account: 'member@example.com', role: 'steward' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(await held()).toEqual(before);
  });

  it('escapes display names', async () => {
    await h.paddock.setSeriesRole('member@example.com', REFERENCE_SERIES, 'viewer');
    await h.paddock.setDisplayName('member@example.com', '<script>alert(1)</script>');
    const { client } = await as('organiser@example.com');
    const html = await (await client.get(PAGE)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it("leads from a season's Roles link to its series' roles", async () => {
    const { client } = await as('organiser@example.com');
    const res = await client.get(`/seasons/${SEASON}/roles`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(PAGE);
  });
});

describe('the roles page as other roles', () => {
  it('lets the administrator manage any series', async () => {
    const { client, csrf } = await as('admin@example.com');
    expect((await client.get(OTHER_PAGE)).status).toBe(200);
    const res = await client.post(OTHER_PAGE, {
      _csrf: csrf,
      account: 'member@example.com',
      role: 'organiser',
    });
    expect(res.status).toBe(303);
    expect(await held(OTHER_SERIES)).toContain('member@example.com organiser');
    // An unknown series: 404 for the administrator (others are refused before it is looked up).
    expect((await client.get('/series/no-such-series/roles')).status).toBe(404);
  });

  it.each(['steward', 'viewer', 'member'])(
    'refuses the %s of the series (403), changing nothing',
    async (who) => {
      const before = await held();
      const { client, csrf } = await as(`${who}@example.com`);
      expect((await client.get(PAGE)).status).toBe(403);
      expect(
        (await client.post(PAGE, { _csrf: csrf, account: `${who}@example.com`, role: 'organiser' })).status,
      ).toBe(403);
      expect(
        (await client.post(`${PAGE}/revoke`, { _csrf: csrf, email: 'organiser@example.com' })).status,
      ).toBe(403);
      expect(await held()).toEqual(before);
      // No Roles link in the season navigation for them.
      expect(await (await client.get(`/seasons/${SEASON}`)).text()).not.toContain('/roles"');
    },
  );

  it('asks an anonymous visitor to log in (the page: to the login form; a post: 401)', async () => {
    const client = new Client(h.app);
    const page = await client.get(PAGE);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/login?next=${encodeURIComponent(PAGE)}`);
    expect((await client.post(PAGE, { account: 'member@example.com', role: 'organiser' })).status).toBe(401);
  });
});

describe("a season's navigation", () => {
  it('offers editing, setup and roles only where the login holds the role: its own series, not another', async () => {
    const { client } = await as('organiser@example.com');
    const links = async (season: string) => {
      const html = await (await client.get(`/seasons/${season}`)).text();
      return ['Edit results', 'Set up', 'Roles'].filter((label) => html.includes(`>${label}</a>`));
    };
    expect(await links(SEASON)).toEqual(['Edit results', 'Set up', 'Roles']);
    // An organiser of the reference series is only a visitor on another series' seasons.
    expect(await links(OTHER_SEASON)).toEqual([]);
    for (const path of ['', '/standings', '/entries', '/print', '/embed']) {
      const res = await client.get(`/seasons/${OTHER_SEASON}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain('>Set up</a>');
    }
  });
});
