/**
 * The Changes page (/seasons/{season}/audit): every revision, and for the newest ones what they
 * changed in the sport's words, worked out from the season diff of each revision and its parent
 * (kept with the revision's version, so each is worked out once). Editors are shown by display
 * name; e-mail addresses only to the instance administrator. Public; not kept by `pageCache`, as
 * display names change without a new revision (the diffs are kept per revision).
 */
import { Hono } from 'hono';
import { may, revisionChanges, setupChanges, viewSeason } from '../../app/index.js';
import type { History, Paddock, RevisionChangesView, SeasonVersion } from '../../app/index.js';
import type { Env } from '../context.js';
import { openSeason, orThrow, viewerOf } from '../context.js';
import { AuditPage } from '../pages/audit-page.js';
import type { AuditRevision } from '../pages/audit-page.js';

/** How many of the newest revisions show what they changed (each costs a diff the first time). */
export const DESCRIBED_REVISIONS = 20;

export const auditRoutes = new Hono<Env>();

const viewOf = (paddock: Paddock, sv: SeasonVersion) =>
  paddock.derived(sv, 'view', () => viewSeason(sv.loaded.season));

/** What a revision changed from its parent, or undefined when either's files were not kept. */
async function changesOf(
  paddock: Paddock,
  seasonId: string,
  r: History['revisions'][number],
): Promise<RevisionChangesView | undefined> {
  if (!r.manifest || r.parentVersion === null || r.parentVersion === undefined) return undefined;
  const to = await paddock.open(seasonId, { version: r.version });
  if (!to.ok) return undefined;
  const key = `changes-from:${r.parentVersion}`;
  const kept = paddock.findDerived<RevisionChangesView>(to.value, key);
  if (kept) return kept;
  const from = await paddock.open(seasonId, { version: r.parentVersion });
  const diff = await paddock.diff(seasonId, r.parentVersion, r.version);
  if (!from.ok || !diff.ok) return undefined;
  const names = new Map(to.value.loaded.rulebook.championships.map((ch) => [ch.id, ch.name]));
  for (const ch of from.value.loaded.rulebook.championships) if (!names.has(ch.id)) names.set(ch.id, ch.name);
  return paddock.setDerived(
    to.value,
    key,
    revisionChanges(
      diff.value,
      viewOf(paddock, from.value),
      viewOf(paddock, to.value),
      (id) => names.get(id) ?? id,
      setupChanges(from.value.loaded, to.value.loaded),
    ),
  );
}

/**
 * Who made a revision, as the viewer may see it: an account by its display name (the address too
 * for the administrator; "an editor" when the account has no display name), anything else (the
 * command line's `cli:<user>`, `built-in`) as it is.
 */
export function authorLabel(author: string, names: ReadonlyMap<string, string>, admin: boolean): string {
  if (!author.includes('@')) return author;
  const name = names.get(author);
  if (admin) return name ? `${name} (${author})` : author;
  return name ?? 'an editor';
}

auditRoutes.get('/seasons/:season/audit', async (c) => {
  const { paddock } = c.var.deps;
  const { view } = await openSeason(c, c.req.param('season'));
  const history = orThrow(await paddock.history(view.season.id, 500));
  const login = c.get('login');
  const names = await paddock.displayNames([...new Set(history.revisions.map((r) => r.author))]);
  const revisions: AuditRevision[] = [];
  for (const [i, r] of history.revisions.entries()) {
    const summary = (typeof r.summary === 'object' && r.summary !== null ? r.summary : {}) as {
      subject?: unknown;
    };
    revisions.push({
      revision: r,
      author: authorLabel(r.author, names, login?.admin === true),
      subject: typeof summary.subject === 'string' ? summary.subject : '',
      changes: i < DESCRIBED_REVISIONS ? await changesOf(paddock, view.season.id, r) : undefined,
    });
  }
  const reverted = Number(c.req.query('reverted'));
  return c.html(
    <AuditPage
      view={view}
      viewer={viewerOf(login, view.season.series.id)}
      revisions={revisions}
      mayRevert={may(login, 'revert', view.season.series.id)}
      reverted={Number.isInteger(reverted) && reverted > 0 ? reverted : undefined}
      described={DESCRIBED_REVISIONS}
    />,
  );
});
