/**
 * The result editor for people who may change a season: a session's classification (a row per car
 * or pasted CSV), pole and fastest lap, result state, penalties, and the rulebook. Every form is
 * checked against a zod schema and its CSRF token, carries the version it was made from (a
 * change made meanwhile is refused with 409), and goes through the same app-layer edit the API
 * and the CLI use; problems come back beside the fields, with nothing saved.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { ClassificationRow, Issue } from '../../engine/index.js';
import { parseCsv } from '../../formats/csv-file.js';
import { resultRowSchema } from '../../formats/season-schema.js';
import { compact } from '../../formats/compact.js';
import { PENALTY_KINDS } from '../../app/index.js';
import type { Login, PenaltyKind, Permission, SeasonEdit, SeasonView } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { changeBy, orThrow, seasonFor, viewerOf } from '../context.js';
import { checkCsrf } from '../auth.js';
import { csvRowToClassification } from '../edit-input.js';
import { formFields, parseForm } from '../forms.js';
import { EditIndex, fieldErrors, RulebookEdit, SessionEdit } from '../pages/edit-pages.js';
import type { SessionEditProps } from '../pages/edit-pages.js';
import { problem, statusFor } from '../problems.js';
import { decisionsOf } from './decisions.js';

/** Every form's common fields: why, and the version the page showed. */
const common = {
  reason: z.string().max(2000).default(''),
  version: z.coerce.number().int().positive().optional(),
};

const stateForm = z.object({
  ...common,
  state: z.enum(['provisional', 'final'], { message: 'choose provisional or final' }),
});
const awardsForm = z.object({
  ...common,
  pole: z.string().max(200).optional(),
  fastestLap: z.string().max(200).optional(),
});
const penaltyForm = z.object({
  ...common,
  penalty: z.enum(PENALTY_KINDS as [PenaltyKind, ...PenaltyKind[]], {
    message: 'choose time, places, points, disqualification or exclusion',
  }),
  entryId: z.string().min(1, 'choose the entry to penalise').max(200),
  amount: z.string().trim().max(50).optional(),
  championshipId: z.string().max(200).optional(),
});
const classificationForm = z.object({
  ...common,
  csv: z.string().max(500_000).default(''),
  rows: z.coerce.number().int().min(0).max(500).default(0),
});
const rulebookForm = z.object({ ...common, yaml: z.string().max(500_000).default('') });
const revertForm = z.object({
  ...common,
  reason: z.string().trim().min(1, 'say why the revision is restored').max(2000),
  to: z.coerce.number().int().positive(),
});

type FormName = NonNullable<SessionEditProps['failed']>;

export const editingRoutes = new Hono<Env>();

/** The account box of an editor page (the login's role in the season's series). */
const editorOf = (login: Login, view: SeasonView) => viewerOf(login, view.season.series.id)!;

editingRoutes.get('/seasons/:season/edit', async (c) => {
  const { login, view } = await seasonFor(c, 'results');
  return c.html(<EditIndex view={view} viewer={editorOf(login, view)} />);
});

editingRoutes.get('/seasons/:season/edit/rulebook', async (c) => {
  const { login, view, sv } = await seasonFor(c, 'rulebook');
  return c.html(
    <RulebookEdit
      view={view}
      viewer={editorOf(login, view)}
      yaml={sv.loaded.files.get(sv.loaded.rulebookFile) ?? ''}
      version={sv.version}
      saved={c.req.query('saved') === '1'}
    />,
  );
});

editingRoutes.post('/seasons/:season/edit/rulebook', async (c) => {
  const { login, view, sv } = await seasonFor(c, 'rulebook');
  const raw = await formFields(c);
  checkCsrf(raw, login.csrfToken);
  const form = parseForm(rulebookForm, raw);
  const values = form.ok
    ? form.value
    : { yaml: raw['yaml'] ?? '', reason: raw['reason'] ?? '', version: undefined };
  const saved = form.ok
    ? await c.var.deps.paddock.changeRulebook(
        view.season.id,
        values.yaml,
        changeBy(c, login, values.reason, 'editor', values.version),
      )
    : form;
  if (saved.ok) return c.redirect(`/seasons/${view.season.id}/edit/rulebook?saved=1`, 303);
  const errors = fieldErrors(
    saved.issues.map((i) =>
      i.location?.line === undefined ? i : { ...i, message: `line ${i.location.line}: ${i.message}` },
    ),
    (p) => (p[0] === 'reason' ? 'reason' : 'yaml'),
  );
  return c.html(
    <RulebookEdit
      view={view}
      viewer={editorOf(login, view)}
      yaml={values.yaml}
      version={sv.version}
      errors={errors}
      reason={values.reason}
    />,
    statusFor(saved.issues) === 409 ? 409 : 422,
  );
});

async function sessionEditPage(
  c: AppContext,
  extra: Partial<SessionEditProps>,
  status: 200 | 422 | 409 = 200,
) {
  const { login, view, sv } = await seasonFor(c, 'results');
  const session = view.session(c.req.param('session') ?? '');
  if (!session)
    throw problem('session.unknown', `no session "${c.req.param('session')}" in ${view.season.name}`);
  const championships = sv.loaded.rulebook.championships.map((ch) => ({ id: ch.id, name: ch.name }));
  const decisions = decisionsOf(c, sv, view).filter((d) => d.sessionId === session.id);
  return c.html(
    <SessionEdit
      view={view}
      viewer={editorOf(login, view)}
      session={session}
      championships={championships}
      version={sv.version}
      decisions={decisions}
      {...extra}
    />,
    status,
  );
}

editingRoutes.get('/seasons/:season/edit/:session', (c) =>
  sessionEditPage(c, { saved: c.req.query('saved') === '1' }),
);

interface Built {
  readonly edit?: SeasonEdit;
  readonly issues?: readonly Issue[];
  readonly fieldOf?: (p: Issue['path']) => string;
}

/** Reads a session form, checks login and CSRF, builds the edit and saves it; issues go beside the fields. */
function sessionForm<S extends z.ZodType<{ reason: string; version?: number | undefined }>>(
  name: FormName,
  permission: Permission,
  schema: S,
  build: (values: z.output<S>, fields: Record<string, string>, sessionId: string, view: SeasonView) => Built,
) {
  return async (c: AppContext) => {
    const { login, view } = await seasonFor(c, permission);
    const fields = await formFields(c);
    checkCsrf(fields, login.csrfToken);
    delete fields['_csrf'];
    const sessionId = c.req.param('session') ?? '';
    const form = parseForm(schema, fields);
    const built: Built = form.ok ? build(form.value, fields, sessionId, view) : { issues: form.issues };
    let issues = built.issues ?? [];
    if (!issues.length && built.edit && form.ok) {
      const change = changeBy(c, login, form.value.reason, 'editor', form.value.version);
      const saved = await c.var.deps.paddock.edit(view.season.id, built.edit, change);
      if (saved.ok) return c.redirect(`/seasons/${view.season.id}/edit/${sessionId}?saved=1`, 303);
      issues = saved.issues;
    }
    const status = statusFor(issues) === 409 ? 409 : 422;
    return sessionEditPage(
      c,
      { failed: name, errors: fieldErrors(issues, built.fieldOf), values: fields },
      status,
    );
  };
}

const rowField = (p: Issue['path']) =>
  p[0] === 'results' && typeof p[2] === 'number'
    ? `row-${p[2]}-${String(p[3] ?? 'entry')}`
    : p[0] === 'reason'
      ? 'reason'
      : '';

/** Maps an engine issue on row n of the submitted rows back to the form row it came from. */
function formRowField(f: Record<string, string>, count: number): (p: Issue['path']) => string {
  const formIndex: number[] = [];
  for (let i = 0; i < count; i++) if ((f[`row-${i}-entry`] ?? '').trim()) formIndex.push(i);
  return (p) => {
    if (p[0] === 'reason') return 'reason';
    if (p[0] !== 'results' || typeof p[2] !== 'number') return '';
    return `row-${formIndex[p[2]] ?? p[2]}-${String(p[3] ?? 'entry')}`;
  };
}

editingRoutes.post(
  '/seasons/:season/edit/:session/classification',
  sessionForm('classification', 'results', classificationForm, (values, f, sessionId) => {
    if (values.csv.trim()) {
      const parsed = parseCsv(values.csv, 'pasted CSV', resultRowSchema, ['entry', 'status']);
      if (!parsed.ok) return { issues: parsed.issues, fieldOf: () => 'csv' };
      // Positions given by order when the pasted table has none.
      return {
        edit: {
          kind: 'classification',
          sessionId,
          rows: parsed.value.map((r) => csvRowToClassification(r.value)),
        },
        fieldOf: (p) => (p[0] === 'reason' ? 'reason' : 'csv'),
      };
    }
    const issues: Issue[] = [];
    const rows: ClassificationRow[] = [];
    for (let i = 0; i < values.rows; i++) {
      const get = (name: string) => (f[`row-${i}-${name}`] ?? '').trim();
      if (!get('entry')) continue;
      const record = compact({
        position: get('position') || undefined,
        entry: get('entry'),
        status: get('status') || 'classified',
        laps: get('laps') || undefined,
        time: get('time') || undefined,
        note: get('note') || undefined,
      });
      const parsed = resultRowSchema.safeParse(record);
      if (!parsed.success) {
        for (const z of parsed.error.issues)
          issues.push({
            code: `schema.${z.code}`,
            path: ['results', sessionId, i, String(z.path[0] ?? 'entry')],
            message: z.message,
          });
        continue;
      }
      rows.push(csvRowToClassification(parsed.data));
    }
    // Keep the form's row numbers for the engine's issues: rows are given in form order.
    return issues.length
      ? { issues, fieldOf: rowField }
      : { edit: { kind: 'classification', sessionId, rows }, fieldOf: formRowField(f, values.rows) };
  }),
);

editingRoutes.post(
  '/seasons/:season/edit/:session/awards',
  sessionForm('awards', 'results', awardsForm, (values, _f, sessionId) => ({
    edit: compact({
      kind: 'awards' as const,
      sessionId,
      pole: values.pole || undefined,
      fastestLap: values.fastestLap || undefined,
    }),
    fieldOf: (p) => String(p[0] === 'awards' ? '' : (p.at(-1) ?? '')),
  })),
);

editingRoutes.post(
  '/seasons/:season/edit/:session/state',
  sessionForm('state', 'decisions', stateForm, (values, _f, sessionId) => ({
    edit: { kind: 'state', sessionId, state: values.state },
  })),
);

editingRoutes.post(
  '/seasons/:season/edit/:session/penalty',
  sessionForm('penalty', 'decisions', penaltyForm, (values, _f, sessionId) => ({
    edit: {
      kind: 'penalty',
      penalty: values.penalty,
      sessionId,
      entryId: values.entryId,
      ...(values.amount ? { amount: values.amount } : {}),
      ...(values.championshipId ? { championshipId: values.championshipId } : {}),
    },
    fieldOf: (p) => (p[0] === 'results' ? '' : String(p.at(-1) ?? '')),
  })),
);

/** Restores an earlier revision from the Changes page: a new revision, itself restorable. */
editingRoutes.post('/seasons/:season/revert', async (c) => {
  const { login, view } = await seasonFor(c, 'revert');
  const raw = await formFields(c);
  checkCsrf(raw, login.csrfToken);
  const form = parseForm(revertForm, raw);
  if (!form.ok) throw problem('form.invalid', form.issues.map((i) => i.message).join('; '), ['reason']);
  const { to, reason, version } = form.value;
  orThrow(await c.var.deps.paddock.revert(view.season.id, to, changeBy(c, login, reason, 'editor', version)));
  return c.redirect(`/seasons/${view.season.id}/audit?reverted=${to}`, 303);
});
