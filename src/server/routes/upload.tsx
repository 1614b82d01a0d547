/**
 * Results files uploaded on the site (stewards and organisers of the series): one form per session
 * that checks a file (any importer format) and previews it, then applies it. Both steps go through
 * the app layer's `planResults` (read, matched with the season's confirmed identities and the rows
 * the form confirms, checked by loading the season with the new files in place) and the apply step
 * through `importSessionResults`, the write the API's upload and `paddock import-results --into-db`
 * use; a file with any problem writes nothing.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Issue } from '../../engine/index.js';
import { sessionRows, viewSeason } from '../../app/index.js';
import type { SeasonVersion, SeasonView } from '../../app/index.js';
import { parseColumnMap } from '../../importers/results/formats/generic-csv.js';
import { RESULT_FORMAT_NAMES } from '../../importers/results/formats/registry.js';
import type { ResultFormat } from '../../importers/results/formats/registry.js';
import type { ParseOptions } from '../../importers/results/imported-row.js';
import { suggestedDriverId } from '../../importers/results/match-entries.js';
import type { ImportPlan } from '../../importers/results/plan-import.js';
import type { Session } from '../../engine/index.js';
import { checkCsrf } from '../auth.js';
import type { AppContext, Env } from '../context.js';
import { changeBy, seasonFor, viewerOf } from '../context.js';
import { zodIssues } from '../forms.js';
import { fieldErrors } from '../pages/edit-pages.js';
import { NO_VALUES, UploadPage } from '../pages/upload-page.js';
import type { UnmatchedChoice, UploadPageProps, UploadPreview, UploadValues } from '../pages/upload-page.js';
import { problem, statusFor } from '../problems.js';

/** At most this many rows of a file are offered for confirmation at once. */
const MAX_ASSIGNMENTS = 200;

const uploadForm = z.object({
  format: z.enum(RESULT_FORMAT_NAMES as [ResultFormat, ...ResultFormat[]], {
    message: `choose a format: ${RESULT_FORMAT_NAMES.join(', ')}`,
  }),
  columns: z.string().trim().max(2000).default(''),
  fileSession: z.string().trim().max(100).default(''),
  state: z.enum(['', 'provisional', 'final'], { message: 'choose provisional or final' }).default(''),
  reason: z.string().max(2000).default(''),
  content: z.string().max(2_000_000).default(''),
  fileName: z.string().max(200).default(''),
  version: z.coerce.number().int().positive().optional(),
  step: z.enum(['preview', 'apply']).default('preview'),
});

export const uploadRoutes = new Hono<Env>();

function sessionOf(view: SeasonView, id: string): Session {
  const session = view.session(id);
  if (!session) throw problem('session.unknown', `no session "${id}" in ${view.season.name}`, ['session']);
  return session;
}

uploadRoutes.get('/seasons/:season/edit/:session/upload', async (c) => {
  const { login, view, sv } = await seasonFor(c, 'results');
  const session = sessionOf(view, c.req.param('session'));
  return c.html(
    <UploadPage
      view={view}
      viewer={viewerOf(login, view.season.series.id)!}
      session={session}
      version={sv.version}
      values={NO_VALUES}
    />,
  );
});

/** The drivers offered for an unmatched row: the closest first, then the event's other drivers. */
function choicesFor(
  view: SeasonView,
  session: Session,
  suggestions: readonly string[],
): UnmatchedChoice['choices'] {
  const closest = suggestions.flatMap((s) => {
    const id = suggestedDriverId(s);
    return id ? [{ driverId: id, label: s, closest: true }] : [];
  });
  const seen = new Set(closest.map((c) => c.driverId));
  const others = view.season.entries
    .filter((e) => e.eventIds.includes(session.eventId))
    .flatMap((e) => e.driverIds.map((d) => ({ d, car: e.car })))
    .filter(({ d }) => !seen.has(d) && (seen.add(d), true))
    .map(({ d, car }) => ({ driverId: d, label: `${view.driverName(d)} (#${car}, ${d})`, closest: false }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [...closest, ...others];
}

/** What the upload would make of the season: its classification and the standings change. */
async function previewOf(
  c: AppContext,
  sv: SeasonVersion,
  plan: ImportPlan,
): Promise<{ preview: UploadPreview } | { issues: readonly Issue[] }> {
  const done = await c.var.deps.paddock.previewImport(sv, plan);
  if (!done.ok) return { issues: done.issues };
  const next = viewSeason(done.value.loaded.season);
  const sessionId = plan.session.id;
  const holders = (award: string) =>
    next
      .awardsOf(sessionId)
      .filter((a) => a.award === award && a.scope === 'overall')
      .map((a) => next.driverName(a.driverId ?? next.entry(a.entryId)?.driverIds[0] ?? a.entryId))
      .join(', ');
  const before = sv.loaded.mappings;
  const championships = new Map(sv.loaded.rulebook.championships.map((ch) => [ch.id, ch.name]));
  return {
    preview: {
      rowsRead: plan.rowsRead,
      state: next.classification(sessionId)?.state,
      rows: sessionRows(next, sessionId) ?? [],
      pole: holders('pole'),
      fastestLap: holders('fastest-lap'),
      unchanged: plan.unchanged && !plan.mappingsChanged,
      diff: done.value.diff,
      championshipName: (id) => championships.get(id) ?? id,
      remembered: Object.entries(plan.mappings)
        .filter(([k, v]) => before[k] !== v)
        .map(([k, v]) => [k, next.driverName(v)] as const),
      files: [...plan.writes.keys()],
    },
  };
}

uploadRoutes.post('/seasons/:season/edit/:session/upload', async (c) => {
  const { login, view, sv } = await seasonFor(c, 'results');
  const session = sessionOf(view, c.req.param('session'));
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
  checkCsrf(fields, login.csrfToken);
  const upload = body['file'];
  const newFile = upload instanceof File && upload.size > 0 ? upload : undefined;

  const form = uploadForm.safeParse(fields);
  const shown: UploadValues = {
    ...NO_VALUES,
    ...(form.success ? form.data : {}),
    format: form.success ? form.data.format : (fields['format'] ?? NO_VALUES.format),
    reason: fields['reason'] ?? '',
  };
  // Rows confirmed on the form: key -> driver id (remembered in mappings.yaml when applied).
  const assignments: Record<string, string> = {};
  for (let i = 0; i < MAX_ASSIGNMENTS; i++) {
    const key = fields[`assign-${i}-key`];
    const driver = fields[`assign-${i}-driver`];
    if (key && driver) assignments[key] = driver;
  }

  const page = (extra: Partial<UploadPageProps>, values: UploadValues, status: 200 | 409 | 422 = 200) =>
    c.html(
      <UploadPage
        view={view}
        viewer={viewerOf(login, view.season.series.id)!}
        session={session}
        version={sv.version}
        values={values}
        confirmed={Object.entries(assignments)}
        {...extra}
      />,
      status,
    );
  if (!form.success) return page({ errors: fieldErrors(zodIssues(form.error)) }, shown, 422);
  const values = form.data;

  // The file: uploaded now, or carried from the step before.
  let bytes: Uint8Array;
  let fileName: string;
  if (newFile) {
    bytes = new Uint8Array(await newFile.arrayBuffer());
    fileName = (newFile.name || 'upload').slice(0, 200);
  } else if (values.content) {
    bytes = Buffer.from(values.content, 'base64');
    fileName = values.fileName || 'upload';
  } else
    return page(
      { errors: fieldErrors([{ code: 'upload.no-file', path: ['file'], message: 'choose a results file' }]) },
      shown,
      422,
    );
  const carried: UploadValues = {
    ...shown,
    content: Buffer.from(bytes).toString('base64'),
    fileName,
  };

  const options: { -readonly [K in keyof ParseOptions]: ParseOptions[K] } = {};
  if (values.format === 'csv' && values.columns) {
    const { map, unknown } = parseColumnMap(values.columns);
    if (unknown.length)
      return page(
        {
          errors: fieldErrors([
            {
              code: 'upload.unknown-column-field',
              path: ['columns'],
              message: `unknown field(s) ${unknown.join(', ')}`,
              hint: 'Fields: position, car, driver, team, class, status, laps, laps_led, time, best_lap, platform_id, class_position',
            },
          ]),
        },
        carried,
        422,
      );
    options.columns = map;
  }
  if (values.fileSession) options.session = values.fileSession;

  const plan = await c.var.deps.paddock.planResults(sv, {
    session,
    format: values.format,
    source: bytes,
    file: fileName,
    options,
    assignments,
    ...(values.state ? { state: values.state } : {}),
  });
  if (plan.problemCount) {
    const unmatched = plan.unmatched.map((u): UnmatchedChoice => ({
      key: u.key,
      line: u.row.line,
      car: u.row.car,
      names: u.row.drivers.join(' / ') || u.key,
      reason: u.reason,
      choices: choicesFor(view, session, u.suggestions),
      chosen: assignments[u.key] ?? '',
    }));
    return page(
      {
        problems: plan.issues.filter((i) => i.code !== 'import.unmatched'),
        problemCount: plan.problemCount,
        unmatched,
      },
      carried,
      422,
    );
  }
  const previewed = await previewOf(c, sv, plan);
  if ('issues' in previewed) return page({ problems: previewed.issues }, carried, 422);
  const { preview } = previewed;

  // A file chosen with the apply button has not been previewed: preview it first.
  if (values.step !== 'apply' || newFile) return page({ preview }, carried);
  if (preview.unchanged) return page({ preview, nothingToChange: true }, carried);
  const reason = values.reason.trim() || `imported from ${fileName}`;
  const saved = await c.var.deps.paddock.importSessionResults(
    sv,
    plan,
    changeBy(c, login, reason, 'editor', values.version),
  );
  if (saved.ok) return c.redirect(`/seasons/${view.season.id}/edit/${session.id}?saved=1`, 303);
  return page(
    { preview, errors: fieldErrors(saved.issues, (p) => (p[0] === 'reason' ? 'reason' : 'file')) },
    carried,
    statusFor(saved.issues) === 409 ? 409 : 422,
  );
});
