/**
 * The organiser's season setup on the site (pages in src/server/pages/setup-pages.tsx): a new
 * season, then its classes, calendar, drivers, teams and entries, one form each, and a pasted
 * entry list previewed before it is added. Every form is checked against a zod schema and its
 * CSRF token, needs the `setup` permission in the season's series (a new season of a new series:
 * the instance administrator), carries the version it was made from (a change made meanwhile is
 * refused with 409), and goes through the app layer's `createSeason` / `changeSetup`, each save a
 * revision with its reason. Problems come back beside the fields, with nothing saved.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Issue } from '../../engine/index.js';
import { may, planEntryList, presetChoices } from '../../app/index.js';
import type { Login, SeasonVersion, SeasonView, SessionInput, SetupChange } from '../../app/index.js';
import type { AppContext, Env } from '../context.js';
import { changeBy, seasonFor, viewerOf } from '../context.js';
import { authorize, checkCsrf, requireAdmin, requireLogin } from '../auth.js';
import { formFields, parseForm } from '../forms.js';
import { problem, statusFor } from '../problems.js';
import {
  CalendarSetup,
  EntriesSetup,
  NewSeasonPage,
  NEW_SESSION_ROWS,
  SESSION_ROWS,
  SetupOverview,
} from '../pages/setup-pages.js';
import type { FormState, SetupErrors } from '../pages/setup-pages.js';

export const setupRoutes = new Hono<Env>();

const common = {
  reason: z.string().max(2000).default(''),
  version: z.coerce.number().int().positive().optional(),
};
const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const yearField = z.coerce
  .number({ message: "give the season's year, such as 2026" })
  .int("give the season's year, such as 2026")
  .min(1894, "give the season's year, such as 2026")
  .max(2200, "give the season's year, such as 2026");

const newSeasonForm = z.object({
  ...common,
  series: optionalText(),
  series_name: optionalText(),
  year: yearField,
  preset: z.string().trim().max(200).default(''),
  classes: z.string().max(2000).default(''),
  name: optionalText(),
  id: optionalText(),
});
const nameForm = z.object({
  ...common,
  name: z.string().trim().max(200).default(''),
  nationality: optionalText(8),
});
const entryForm = z.object({
  ...common,
  car: z.string().trim().max(10).default(''),
  team: z.string().trim().max(200).default(''),
  drivers: z.string().max(1000).default(''),
  class: z.string().trim().max(200).default(''),
  rounds: optionalText(),
  guest: z.literal('true').optional(),
  note: optionalText(500),
});
const changeForm = z.object({
  ...common,
  entry: z.string().trim().min(1, 'choose the entry').max(200),
  from_round: z.coerce.number({ message: 'a round number' }).int('a round number').positive('a round number'),
  car: optionalText(10),
  team: optionalText(),
  drivers: optionalText(1000),
});
const pasteForm = z.object({
  ...common,
  text: z.string().max(200_000).default(''),
  action: z.enum(['preview', 'apply']).default('preview'),
});
const sessionFields = Object.fromEntries(
  Array.from({ length: SESSION_ROWS }, (_, i) => [
    [`session_${i}_type`, optionalText(40)],
    [`session_${i}_name`, optionalText()],
    [`session_${i}_date`, optionalText(20)],
    [`session_${i}_time`, optionalText(10)],
    [`session_${i}_duration`, optionalText(6)],
  ]).flat(),
) as Record<string, ReturnType<typeof optionalText>>;
const eventForm = z.object({
  ...common,
  name: z.string().trim().max(200).default(''),
  circuit: z.string().trim().max(200).default(''),
  city: optionalText(),
  country: optionalText(8),
  start: z.string().trim().max(20).default(''),
  end: optionalText(20),
  timezone: optionalText(80),
  round: optionalText(6),
  ...sessionFields,
});

/** Drivers typed into one field: joined by "/" or ";" (a shared car). */
const driverList = (text: string) =>
  text
    .split(/\s*[/;]\s*/)
    .map((d) => d.trim())
    .filter(Boolean);

/** What a saved form says after the redirect (a fixed phrase per form, never text from the URL). */
const SAVED: Record<string, string> = {
  season: 'the season is created; add its calendar and entries next',
  class: 'the class is added',
  event: 'the event is in the calendar',
  driver: 'the driver is added',
  team: 'the team is added',
  entry: 'the entry is added',
  change: 'the change is recorded',
  paste: 'the entries are added',
  'class-edit': 'the class is renamed',
  'class-delete': 'the class is deleted',
  'driver-edit': 'the driver is changed',
  'driver-delete': 'the driver is deleted',
  'team-edit': 'the team is changed',
  'team-delete': 'the team is deleted',
  'event-edit': 'the event is changed',
  'event-delete': 'the event is deleted',
  'entry-edit': 'the entry is changed',
  'entry-delete': 'the entry is deleted',
};
const savedState = (c: AppContext): FormState => {
  const saved = SAVED[c.req.query('saved') ?? ''];
  return saved ? { saved } : {};
};

/** Issues grouped by the form field their path names (the rest under ''). */
function errorsOf(issues: readonly Issue[], fieldOf: (path: Issue['path']) => string): SetupErrors {
  const map = new Map<string, string[]>();
  for (const i of issues) {
    const field = fieldOf(i.path);
    const where =
      i.location?.line !== undefined && field === '' ? `${i.location.file}:${i.location.line}: ` : '';
    map.set(field, [...(map.get(field) ?? []), `${where}${i.message}${i.hint ? ` (${i.hint})` : ''}`]);
  }
  return map;
}

/** A form field for each of the fields a form has; other paths (the loader's) go to the form. */
const fieldIn =
  (fields: readonly string[]) =>
  (path: Issue['path']): string => {
    const first = String(path[0] ?? '');
    return fields.includes(first) ? first : '';
  };

const editorOf = (login: Login, view: SeasonView) => viewerOf(login, view.season.series.id)!;

// ---- pages ----------------------------------------------------------------------------------------

/** The item a page shows its change form for: the failed form's, else the query's. */
const editingOf = (c: AppContext, state: FormState, form: string, field: string) =>
  (state.form === form ? state.values?.[field] : undefined) ?? c.req.query(field);

async function overview(c: AppContext, state: FormState, status: 200 | 409 | 422 = 200) {
  const { login, view, sv } = await seasonFor(c, 'setup');
  const editing = editingOf(c, state, 'class-edit', 'class');
  return c.html(
    <SetupOverview
      {...(editing ? { editing } : {})}
      view={view}
      viewer={editorOf(login, view)}
      version={sv.version}
      state={state}
      rulebook={{
        extends: extendsOf(sv),
        championships: sv.loaded.rulebook.championships.map((ch) => ch.name),
      }}
    />,
    status,
  );
}

/** The presets a season's rulebook extends, read from its first `extends:` line. */
function extendsOf(sv: SeasonVersion): string[] {
  const text = sv.loaded.files.get(sv.loaded.rulebookFile) ?? '';
  const m = /^extends:\s*([a-z0-9-]+)\s*$/m.exec(text);
  return m ? [m[1]!] : [];
}

async function calendar(c: AppContext, state: FormState, status: 200 | 409 | 422 = 200) {
  const { login, view, sv } = await seasonFor(c, 'setup');
  // The event whose times are shown for editing: ?event=, or the one the failed form was for.
  const editing =
    state.form === 'times' || state.form === 'event-edit' ? state.values?.['event'] : c.req.query('event');
  return c.html(
    <CalendarSetup
      view={view}
      viewer={editorOf(login, view)}
      version={sv.version}
      state={state}
      {...(editing ? { editing } : {})}
    />,
    status,
  );
}

async function entries(
  c: AppContext,
  state: FormState,
  status: 200 | 409 | 422 = 200,
  extra: { preview?: ReturnType<typeof planEntryList>; pasted?: string } = {},
) {
  const { login, view, sv } = await seasonFor(c, 'setup');
  const editing = {
    entry: editingOf(c, state, 'entry-edit', 'entry'),
    driver: editingOf(c, state, 'driver-edit', 'driver'),
    team: editingOf(c, state, 'team-edit', 'team'),
  };
  return c.html(
    <EntriesSetup
      editing={Object.fromEntries(Object.entries(editing).filter(([, v]) => v !== undefined))}
      view={view}
      viewer={editorOf(login, view)}
      version={sv.version}
      state={state}
      {...(extra.preview ? { preview: extra.preview } : {})}
      {...(extra.pasted !== undefined ? { pasted: extra.pasted } : {})}
    />,
    status,
  );
}

setupRoutes.get('/seasons/:season/setup', (c) => overview(c, savedState(c)));
setupRoutes.get('/seasons/:season/setup/calendar', (c) => calendar(c, savedState(c)));
setupRoutes.get('/seasons/:season/setup/entries', (c) => entries(c, savedState(c)));

// ---- a new season ---------------------------------------------------------------------------------

async function newSeasonPage(
  c: AppContext,
  login: Login,
  series: { id: string; name: string } | undefined,
  state: FormState,
  status: 200 | 409 | 422 = 200,
) {
  const { paddock } = c.var.deps;
  const all = await paddock.listSeries();
  const yearText = state.values?.['year'] ?? c.req.query('year') ?? String(c.var.deps.now().getUTCFullYear());
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const presets = (await presetChoices(year)).map((p) => ({
    id: p.id,
    name: p.name,
    series: p.series,
    seasons: p.seasons,
  }));
  return c.html(
    <NewSeasonPage
      viewer={viewerOf(login, series?.id)!}
      action={series ? `/series/${series.id}/seasons/new` : '/seasons/new'}
      {...(series ? { series } : {})}
      seriesChoices={all}
      ownSeries={all.filter((s) => may(login, 'setup', s.id))}
      presets={presets}
      year={yearText}
      state={state}
    />,
    status,
  );
}

async function seriesOf(c: AppContext): Promise<{ id: string; name: string }> {
  const id = c.req.param('series') ?? '';
  const found = await c.var.deps.paddock.findSeries(id);
  if (!found) throw problem('series.unknown', `no series "${id}"`, ['series']);
  return found;
}

setupRoutes.get('/seasons/new', async (c) => {
  const login = requireLogin(c.get('login'));
  return newSeasonPage(c, login, undefined, {});
});

setupRoutes.get('/series/:series/seasons/new', async (c) => {
  const login = authorize(c.get('login'), 'setup', c.req.param('series'));
  return newSeasonPage(c, login, await seriesOf(c), {});
});

async function createSeason(c: AppContext, login: Login, fixed: { id: string; name: string } | undefined) {
  const raw = await formFields(c);
  checkCsrf(raw, login.csrfToken);
  const form = parseForm(newSeasonForm, raw);
  const fields = ['series', 'series_name', 'year', 'preset', 'classes', 'name', 'id', 'reason'];
  const fail = (issues: readonly Issue[]) =>
    newSeasonPage(
      c,
      login,
      fixed,
      {
        form: 'season',
        values: raw,
        errors: errorsOf(issues, (p) => {
          const f = fieldIn([...fields, 'series_id'])(p);
          return f === 'series_id'
            ? 'series'
            : f === 'series' && !fixed && !raw['series']
              ? 'series_name'
              : f;
        }),
      },
      statusFor(issues) === 409 ? 409 : 422,
    );
  if (!form.ok) return fail(form.issues);
  const v = form.value;
  let series = fixed;
  if (!series && v.series) {
    series = await c.var.deps.paddock.findSeries(v.series);
    if (!series)
      return fail([{ code: 'setup.unknown-series', path: ['series'], message: `no series "${v.series}"` }]);
  }
  const created = await c.var.deps.paddock.createSeason(
    {
      seriesName: series?.name ?? v.series_name ?? '',
      ...(series ? { seriesId: series.id } : {}),
      year: v.year,
      preset: v.preset,
      classes: v.classes
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
      ...(v.name ? { name: v.name } : {}),
      ...(v.id ? { id: v.id } : {}),
    },
    changeBy(c, login, v.reason, 'editor'),
  );
  if (!created.ok) return fail(created.issues);
  return c.redirect(`/seasons/${created.value.id}/setup?saved=season`, 303);
}

setupRoutes.post('/seasons/new', async (c) => createSeason(c, requireAdmin(c.get('login')), undefined));

setupRoutes.post('/series/:series/seasons/new', async (c) => {
  const login = authorize(c.get('login'), 'setup', c.req.param('series'));
  return createSeason(c, login, await seriesOf(c));
});

// ---- changes to a season's setup ------------------------------------------------------------------

type Page = (c: AppContext, state: FormState, status: 200 | 409 | 422) => Promise<Response>;

/**
 * One setup form: checked, turned into a setup change, applied as a revision; on success a
 * redirect to its page, else the page again with the problems beside the fields.
 */
async function saveSetup<S extends z.ZodType<{ reason: string; version?: number | undefined }>>(
  c: AppContext,
  options: {
    form: string;
    schema: S;
    fields: readonly string[];
    page: Page;
    path: string;
    change: (values: z.output<S>) => SetupChange | Issue[];
    /** The `saved=` key of the redirect after saving (default: the form). */
    savedAs?: (values: z.output<S>) => string;
    /** Which form field an issue's path names, given the form's values (default: `fields`). */
    fieldOf?: (values: Readonly<Record<string, string>>) => (path: Issue['path']) => string;
  },
) {
  const { login, view } = await seasonFor(c, 'setup');
  const raw = await formFields(c);
  checkCsrf(raw, login.csrfToken);
  const parsed = parseForm(options.schema, raw);
  const fieldOf = options.fieldOf?.(raw) ?? fieldIn([...options.fields, 'reason']);
  const fail = (issues: readonly Issue[]) =>
    options.page(
      c,
      { form: options.form, values: raw, errors: errorsOf(issues, fieldOf) },
      statusFor(issues) === 409 ? 409 : 422,
    );
  if (!parsed.ok) return fail(parsed.issues);
  const change = options.change(parsed.value);
  if (Array.isArray(change)) return fail(change);
  const saved = await c.var.deps.paddock.changeSetup(
    view.season.id,
    change,
    changeBy(c, login, parsed.value.reason, 'editor', parsed.value.version),
  );
  if (!saved.ok) return fail(saved.issues);
  const key = options.savedAs?.(parsed.value) ?? options.form;
  return c.redirect(`/seasons/${view.season.id}${options.path}?saved=${key}`, 303);
}

setupRoutes.post('/seasons/:season/setup/class', (c) =>
  saveSetup(c, {
    form: 'class',
    schema: nameForm,
    fields: ['name'],
    page: overview,
    path: '/setup',
    change: (v) => ({ kind: 'class', name: v.name }),
  }),
);

for (const kind of ['driver', 'team'] as const)
  setupRoutes.post(`/seasons/:season/setup/${kind}`, (c) =>
    saveSetup(c, {
      form: kind,
      schema: nameForm,
      fields: ['name', 'nationality'],
      page: entries,
      path: '/setup/entries',
      change: (v) => ({
        kind,
        name: v.name,
        ...(v.nationality ? { nationality: v.nationality.toUpperCase() } : {}),
      }),
    }),
  );

setupRoutes.post('/seasons/:season/setup/entry', (c) =>
  saveSetup(c, {
    form: 'entry',
    schema: entryForm,
    fields: ['car', 'team', 'drivers', 'class', 'rounds', 'note'],
    page: entries,
    path: '/setup/entries',
    change: (v) => ({
      kind: 'entry',
      car: v.car,
      team: v.team,
      drivers: driverList(v.drivers),
      class: v.class,
      ...(v.rounds ? { rounds: v.rounds } : {}),
      eligible: v.guest !== 'true',
      ...(v.note ? { note: v.note } : {}),
    }),
  }),
);

setupRoutes.post('/seasons/:season/setup/entry-change', (c) =>
  saveSetup(c, {
    form: 'change',
    schema: changeForm,
    fields: ['entry', 'from_round', 'car', 'team', 'drivers'],
    page: entries,
    path: '/setup/entries',
    change: (v) => ({
      kind: 'entry-change',
      entry: v.entry,
      fromRound: v.from_round,
      ...(v.car ? { car: v.car } : {}),
      ...(v.team ? { team: v.team } : {}),
      ...(v.drivers ? { drivers: driverList(v.drivers) } : {}),
    }),
  }),
);

const EVENT_FIELDS = [
  'name',
  'circuit',
  'city',
  'country',
  'start',
  'end',
  'timezone',
  'round',
  'sessions',
  'reason',
];
/** The event form's rows that have a session type: the app's sessions 0, 1, ... in order. */
const filledRows = (raw: Readonly<Record<string, string>>) =>
  Array.from({ length: SESSION_ROWS }, (_, i) => i).filter((i) => (raw[`session_${i}_type`] ?? '') !== '');

setupRoutes.post('/seasons/:season/setup/event', (c) =>
  saveSetup(c, {
    form: 'event',
    schema: eventForm,
    fields: EVENT_FIELDS,
    page: calendar,
    path: '/setup/calendar',
    // The app numbers the filled-in session rows 0, 1, ...; the form's rows may have gaps.
    fieldOf: (raw) => (path) => {
      if (path[0] === 'sessions' && typeof path[1] === 'number' && typeof path[2] === 'string')
        return `session_${filledRows(raw)[path[1]] ?? path[1]}_${path[2]}`;
      const f = String(path[0] ?? '');
      return EVENT_FIELDS.includes(f) || /^session_\d+_/.test(f) ? f : '';
    },
    change: (v) => {
      const values = v as Record<string, string | undefined>;
      const issues: Issue[] = [];
      const sessions: SessionInput[] = [];
      for (let i = 0; i < SESSION_ROWS; i++) {
        const type = values[`session_${i}_type`];
        const rest = ['name', 'date', 'time', 'duration'].filter((k) => values[`session_${i}_${k}`]);
        if (!type) {
          if (rest.length)
            issues.push({
              code: 'setup.no-type',
              path: [`session_${i}_type`],
              message: 'choose the session type',
            });
          continue;
        }
        const duration = values[`session_${i}_duration`];
        if (duration !== undefined && !/^\d{1,4}$/.test(duration))
          issues.push({
            code: 'setup.bad-duration',
            path: [`session_${i}_duration`],
            message: 'minutes, a whole number',
          });
        const text = (k: string) => values[`session_${i}_${k}`];
        const name = text('name');
        const date = text('date');
        const time = text('time');
        sessions.push({
          type,
          ...(name ? { name } : {}),
          ...(date ? { date } : {}),
          ...(time ? { time } : {}),
          ...(duration && /^\d{1,4}$/.test(duration) ? { durationMinutes: Number(duration) } : {}),
        });
      }
      const round = values['round'];
      if (round !== undefined && !/^\d{1,4}$/.test(round))
        issues.push({
          code: 'setup.bad-round',
          path: ['round'],
          message: 'a round is a whole number from 1',
        });
      if (issues.length) return issues;
      return {
        kind: 'event',
        name: values['name'] ?? '',
        circuit: values['circuit'] ?? '',
        start: values['start'] ?? '',
        sessions,
        ...(values['city'] ? { city: values['city'] } : {}),
        ...(values['country'] ? { country: values['country'].toUpperCase() } : {}),
        ...(values['end'] ? { end: values['end'] } : {}),
        ...(values['timezone'] ? { timezone: values['timezone'] } : {}),
        ...(round ? { round: Number(round) } : {}),
      };
    },
  }),
);

const timesForm = z
  .object({ ...common, event: z.string().trim().min(1).max(200), timezone: optionalText(80) })
  .catchall(z.string().max(200));

/**
 * A session row's day, local start time and minutes as a form sends them (fields `prefix` + date,
 * time, duration; blank ones left out), with the setup.bad-duration issue when the minutes are not
 * a whole number of at most four digits (the row then goes without them).
 */
function sessionTimesOf(
  values: Record<string, string | undefined>,
  prefix: string,
  issues: Issue[],
): { date?: string; time?: string; durationMinutes?: number } {
  const text = (k: string) => values[`${prefix}${k}`]?.trim() ?? '';
  const duration = text('duration');
  if (duration !== '' && !/^\d{1,4}$/.test(duration))
    issues.push({
      code: 'setup.bad-duration',
      path: [`${prefix}duration`],
      message: 'minutes, a whole number',
    });
  return {
    ...(text('date') ? { date: text('date') } : {}),
    ...(text('time') ? { time: text('time') } : {}),
    ...(/^\d{1,4}$/.test(duration) ? { durationMinutes: Number(duration) } : {}),
  };
}

setupRoutes.post('/seasons/:season/setup/event-times', (c) =>
  saveSetup(c, {
    form: 'times',
    schema: timesForm,
    fields: ['event', 'timezone'],
    page: calendar,
    path: '/setup/calendar',
    fieldOf: () => (path) =>
      path[0] === 'sessions' && typeof path[1] === 'number' && typeof path[2] === 'string'
        ? `s_${path[1]}_${path[2]}`
        : ['event', 'timezone', 'reason'].includes(String(path[0])) || /^s_\d+_/.test(String(path[0]))
          ? String(path[0])
          : '',
    change: (v) => {
      const values = v as Record<string, string | undefined>;
      const issues: Issue[] = [];
      const sessions = [];
      for (let i = 0; values[`s_${i}_id`] !== undefined && i < 100; i++) {
        sessions.push({
          id: values[`s_${i}_id`]?.trim() ?? '',
          ...sessionTimesOf(values, `s_${i}_`, issues),
        });
      }
      if (issues.length) return issues;
      return {
        kind: 'event-times',
        event: v.event,
        ...(v.timezone ? { timezone: v.timezone } : {}),
        sessions,
      };
    },
  }),
);

setupRoutes.post('/seasons/:season/setup/entries', async (c) => {
  const { login, view, sv } = await seasonFor(c, 'setup');
  const raw = await formFields(c);
  checkCsrf(raw, login.csrfToken);
  const parsed = parseForm(pasteForm, raw);
  const fail = (issues: readonly Issue[]) =>
    entries(
      c,
      { form: 'paste', values: raw, errors: errorsOf(issues, fieldIn(['text', 'reason'])) },
      statusFor(issues) === 409 ? 409 : 422,
    );
  if (!parsed.ok) return fail(parsed.issues);
  const v = parsed.value;
  if (v.action === 'preview') {
    if (v.version !== undefined && v.version !== sv.version)
      return fail([
        {
          code: 'season.conflict',
          path: ['season'],
          message: `season ${view.season.id} was changed by someone else meanwhile`,
          hint: 'The preview below is of the season as it is now.',
        },
      ]);
    const plan = planEntryList(sv.loaded.season, v.text);
    if (plan.issues.length) return fail(plan.issues);
    return entries(c, { form: 'paste', values: raw }, 200, { preview: plan, pasted: v.text });
  }
  const saved = await c.var.deps.paddock.changeSetup(
    view.season.id,
    { kind: 'entry-list', text: v.text },
    changeBy(c, login, v.reason, 'editor', v.version),
  );
  if (!saved.ok) return fail(saved.issues);
  return c.redirect(`/seasons/${view.season.id}/setup/entries?saved=paste`, 303);
});

// ---- changing and deleting what the season has ----------------------------------------------------

const action = z.enum(['save', 'delete']).default('save');
/** A text field of a change form: absent or empty is kept as given (the app clears on ''). */
const keptText = (max = 200) => z.string().trim().max(max).optional();
const idField = (what: string) => z.string().trim().min(1, `choose the ${what}`).max(200);
const savedAs = (form: string) => (v: { action: 'save' | 'delete' }) =>
  `${form}-${v.action === 'delete' ? 'delete' : 'edit'}`;

setupRoutes.post('/seasons/:season/setup/class-edit', (c) =>
  saveSetup(c, {
    form: 'class-edit',
    schema: z.object({
      ...common,
      action,
      class: idField('class'),
      name: z.string().trim().max(200).default(''),
    }),
    fields: ['class', 'name'],
    page: overview,
    path: '/setup',
    savedAs: savedAs('class'),
    change: (v) =>
      v.action === 'delete'
        ? { kind: 'class-delete', class: v.class }
        : { kind: 'class-edit', class: v.class, name: v.name },
  }),
);

for (const kind of ['driver', 'team'] as const)
  setupRoutes.post(`/seasons/:season/setup/${kind}-edit`, (c) =>
    saveSetup(c, {
      form: `${kind}-edit`,
      schema: z.object({
        ...common,
        action,
        driver: z.string().trim().max(200).default(''),
        team: z.string().trim().max(200).default(''),
        name: z.string().trim().max(200).default(''),
        nationality: z.string().trim().max(8).default(''),
      }),
      fields: [kind, 'name', 'nationality'],
      page: entries,
      path: '/setup/entries',
      savedAs: savedAs(kind),
      change: (v): SetupChange => {
        const id = v[kind];
        if (kind === 'driver')
          return v.action === 'delete'
            ? { kind: 'driver-delete', driver: id }
            : { kind: 'driver-edit', driver: id, name: v.name, nationality: v.nationality };
        return v.action === 'delete'
          ? { kind: 'team-delete', team: id }
          : { kind: 'team-edit', team: id, name: v.name, nationality: v.nationality };
      },
    }),
  );

setupRoutes.post('/seasons/:season/setup/entry-edit', (c) =>
  saveSetup(c, {
    form: 'entry-edit',
    schema: z.object({
      ...common,
      action,
      entry: idField('entry'),
      car: z.string().trim().max(10).default(''),
      team: z.string().trim().max(200).default(''),
      drivers: z.string().max(1000).default(''),
      class: z.string().trim().max(200).default(''),
      rounds: z.string().trim().max(200).default(''),
      guest: z.literal('true').optional(),
      note: z.string().trim().max(500).default(''),
    }),
    fields: ['entry', 'car', 'team', 'drivers', 'class', 'rounds', 'note'],
    page: entries,
    path: '/setup/entries',
    savedAs: savedAs('entry'),
    change: (v) =>
      v.action === 'delete'
        ? { kind: 'entry-delete', entry: v.entry }
        : {
            kind: 'entry-edit',
            entry: v.entry,
            car: v.car,
            team: v.team,
            drivers: driverList(v.drivers),
            class: v.class,
            rounds: v.rounds,
            eligible: v.guest !== 'true',
            note: v.note,
          },
  }),
);

/** The rows of the event form whose "remove" box is ticked, in order. */
const removedRows = (raw: Readonly<Record<string, string>>) =>
  Array.from({ length: 100 }, (_, i) => i).filter(
    (i) => raw[`s_${i}_id`] !== undefined && raw[`remove_${i}`] === 'true',
  );
const newRows = (raw: Readonly<Record<string, string>>) =>
  Array.from({ length: NEW_SESSION_ROWS }, (_, i) => i).filter((i) => (raw[`new_${i}_type`] ?? '') !== '');

const EVENT_EDIT_FIELDS = [
  'event',
  'name',
  'circuit',
  'city',
  'country',
  'start',
  'end',
  'timezone',
  'sessions',
  'reason',
];

setupRoutes.post('/seasons/:season/setup/event-edit', (c) =>
  saveSetup(c, {
    form: 'event-edit',
    schema: z
      .object({
        ...common,
        action,
        event: idField('event'),
        name: keptText(),
        circuit: keptText(),
        city: keptText(),
        country: keptText(8),
        start: keptText(20),
        end: keptText(20),
        timezone: keptText(80),
      })
      .catchall(z.string().max(200)),
    fields: EVENT_EDIT_FIELDS,
    page: calendar,
    path: '/setup/calendar',
    savedAs: savedAs('event'),
    fieldOf: (raw) => (path) => {
      if (path[0] === 'removeSessions' && typeof path[1] === 'number')
        return `remove_${removedRows(raw)[path[1]] ?? 0}`;
      if (path[0] === 'addSessions' && typeof path[1] === 'number' && typeof path[2] === 'string')
        return `new_${newRows(raw)[path[1]] ?? path[1]}_${path[2]}`;
      const f = String(path[0] ?? '');
      return EVENT_EDIT_FIELDS.includes(f) || /^new_\d+_/.test(f) ? f : '';
    },
    change: (v) => {
      if (v.action === 'delete') return { kind: 'event-delete', event: v.event };
      const values = v as Record<string, string | undefined>;
      const raw = Object.fromEntries(
        Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const issues: Issue[] = [];
      const addSessions: SessionInput[] = [];
      for (let i = 0; i < NEW_SESSION_ROWS; i++) {
        const text = (k: string) => values[`new_${i}_${k}`]?.trim() ?? '';
        if (!text('type')) {
          if (['name', 'date', 'time', 'duration'].some((k) => text(k)))
            issues.push({
              code: 'setup.no-type',
              path: [`new_${i}_type`],
              message: 'choose the session type',
            });
          continue;
        }
        addSessions.push({
          type: text('type'),
          ...(text('name') ? { name: text('name') } : {}),
          ...sessionTimesOf(values, `new_${i}_`, issues),
        });
      }
      if (issues.length) return issues;
      const given = (k: 'name' | 'circuit' | 'city' | 'country' | 'start' | 'end' | 'timezone') =>
        v[k] === undefined ? {} : { [k]: v[k] };
      return {
        kind: 'event-edit',
        event: v.event,
        ...given('name'),
        ...given('circuit'),
        ...given('city'),
        ...given('country'),
        ...given('start'),
        ...given('end'),
        ...given('timezone'),
        removeSessions: removedRows(raw).map((i) => raw[`s_${i}_id`]!),
        addSessions,
      };
    },
  }),
);
