/**
 * Title scenarios, odds, what-if and rescoring on the site and in the API:
 * - `/api/v1/seasons/{season}/scenarios?championship=&after=`: what `paddock scenarios --json` prints;
 * - `/api/v1/seasons/{season}/odds?championship=&after=&runs=&seed=`: what `paddock odds --json` prints;
 * - `/seasons/{season}/title-fight[/{championship}]?after=`: scenarios, next race, magic number,
 *   chart of reachable points, odds;
 * - `/seasons/{season}/whatif?race-N=...`: races filled in, projected standings and scenarios
 *   (nothing saved; an editor may save them as a revision);
 * - `/seasons/{season}/rescore?rulebook=<preset>`: the season under another rulebook, side by side.
 * The engine and the view models compute; documents are kept per season version and query.
 */
import { readdirSync } from 'node:fs';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Award, Issue, Rulebook } from '../../engine/index.js';
import {
  applyRaceChanges,
  comparedView,
  parseRaceChange,
  rescore,
  scenariosView,
  seasonOdds,
  titleScenarios,
  whatIf,
} from '../../engine/scenarios/index.js';
import type { RaceChange } from '../../engine/scenarios/index.js';
import { loadScenarioSolver } from '../../app/exact-scenarios.js';
import { jsonText, mayEdit } from '../../app/index.js';
import type { SeasonVersion } from '../../app/index.js';
import { oddsDocument, ordersByForm, titleFightView } from '../../app/view-model/title-fight.js';
import { RULEBOOKS_DIR, resolvePreset } from '../../formats/catalog.js';
import { loadRulebookFile } from '../../formats/rulebook-file.js';
import type { AppContext, Env } from '../context.js';
import { afterParam, changeBy, openSeason, orThrow, viewerOf } from '../context.js';
import { authorize, checkCsrf, requireLogin } from '../auth.js';
import { formFields, parseForm } from '../forms.js';
import { CachedBody, sendCached } from '../http-cache.js';
import { RescorePage, TitleFightPage, WhatIfPage } from '../pages/scenario-pages.js';
import type { WhatIfRace } from '../pages/scenario-pages.js';
import { HttpProblem, problem, statusFor } from '../problems.js';

const JSON_TYPE = 'application/json; charset=utf-8';
/** The most simulated seasons one request may ask for (about a second of CPU). */
const MAX_RUNS = 100_000;

const wholeParam = (
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new HttpProblem([
      {
        code: `request.bad-${name}`,
        path: [name],
        message: `"${name}" must be a whole number from ${min} to ${max}, not "${value}"`,
      },
    ]);
  return Number(value);
};

const championshipParam = (sv: SeasonVersion, id: string | undefined): string | undefined => {
  if (id === undefined || id === '') return undefined;
  if (!sv.loaded.rulebook.championships.some((c) => c.id === id))
    throw problem(
      'championship.unknown',
      `no championship "${id}" in ${sv.loaded.season.name}`,
      ['championship'],
      `Choose one of: ${sv.loaded.rulebook.championships.map((c) => c.id).join(', ')}.`,
    );
  return id;
};

/** Race numbers that have a result (the choices of "as after race"). */
const racesRun = (sv: SeasonVersion): number[] => {
  const held = new Set(sv.loaded.season.classifications.map((c) => c.sessionId));
  return sv.loaded.season.sessions.flatMap((s) => (s.race !== undefined && held.has(s.id) ? [s.race] : []));
};

/** A document made once per season version and key (only when it could be made). */
function derivedJson(c: AppContext, sv: SeasonVersion, key: string, make: () => unknown): Response {
  const { paddock } = c.var.deps;
  const doc = paddock.derived(sv, `api:${key}`, () => new CachedBody(jsonText(make()), JSON_TYPE));
  return sendCached(c, doc);
}

export const scenarioRoutes = new Hono<Env>();

scenarioRoutes.get('/api/v1/seasons/:season/scenarios', async (c) => {
  const { sv } = await openSeason(c, c.req.param('season'));
  const afterRace = afterParam(c.req.query('after'));
  const championship = championshipParam(sv, c.req.query('championship'));
  // With the integer-program solver for ranges the searches leave open, as `paddock scenarios`;
  // worked out once per version (after race 13 it takes seconds), inside the cache.
  const solver = await loadScenarioSolver();
  return derivedJson(c, sv, `scenarios:${championship ?? ''}:${afterRace ?? ''}`, () =>
    scenariosView(
      orThrow(
        titleScenarios(sv.loaded.season, sv.loaded.rulebook, {
          ...(afterRace === undefined ? {} : { afterRace }),
          ...(championship === undefined ? {} : { championships: [championship] }),
          solver,
        }),
      ),
    ),
  );
});

scenarioRoutes.get('/api/v1/seasons/:season/odds', async (c) => {
  const { sv } = await openSeason(c, c.req.param('season'));
  const afterRace = afterParam(c.req.query('after'));
  const championship = championshipParam(sv, c.req.query('championship'));
  const runs = wholeParam('runs', c.req.query('runs'), 1, MAX_RUNS);
  const seed = wholeParam('seed', c.req.query('seed'), -2147483648, 2147483647);
  const make = () =>
    oddsDocument(
      orThrow(
        seasonOdds(sv.loaded.season, sv.loaded.rulebook, {
          ...(afterRace === undefined ? {} : { afterRace }),
          ...(championship === undefined ? {} : { championships: [championship] }),
          ...(runs === undefined ? {} : { runs }),
          ...(seed === undefined ? {} : { seed }),
        }),
      ),
    );
  // The usual runs and seed are kept per version; other seeds are worked out per request.
  if (seed === undefined && runs === undefined)
    return derivedJson(c, sv, `odds:${championship ?? ''}:${afterRace ?? ''}`, make);
  c.header('Cache-Control', 'public, max-age=0, must-revalidate');
  return c.body(jsonText(make()), 200, { 'Content-Type': JSON_TYPE });
});

async function titleFight(c: AppContext, championshipId?: string) {
  const { sv, view } = await openSeason(c, c.req.param('season') ?? '');
  const afterRace = afterParam(c.req.query('after'));
  const championship = championshipParam(sv, championshipId);
  const { paddock } = c.var.deps;
  // The solver is loaded once per process (the view is built synchronously in the cache); it runs
  // only for ranges the searches leave open.
  const solver = await loadScenarioSolver();
  const fight = paddock.derived(sv, `title-fight:${championship ?? ''}:${afterRace ?? ''}`, () =>
    orThrow(
      titleFightView(sv.loaded.season, sv.loaded.rulebook, {
        ...(afterRace === undefined ? {} : { afterRace }),
        ...(championship === undefined ? {} : { championship }),
        solver,
      }),
    ),
  );
  return c.html(
    <TitleFightPage
      season={{ id: view.season.id, name: view.season.name }}
      viewer={viewerOf(c.get('login'), view.season.series.id)}
      view={fight}
      championships={sv.loaded.rulebook.championships.map((ch) => ({ id: ch.id, name: ch.name }))}
      races={racesRun(sv)}
      {...(championship === undefined ? {} : { championship })}
    />,
  );
}

scenarioRoutes.get('/seasons/:season/title-fight', (c) => titleFight(c));
scenarioRoutes.get('/seasons/:season/title-fight/:championship', (c) =>
  titleFight(c, c.req.param('championship')),
);

// Preset rulebooks: ids from the file names (checked again by resolvePreset), each loaded once.
let presetIds: string[] | undefined;
const presets = (): string[] =>
  (presetIds ??= readdirSync(RULEBOOKS_DIR)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.slice(0, -'.yaml'.length))
    .sort());
const presetRulebooks = new Map<
  string,
  Promise<{ ok: true; value: Rulebook } | { ok: false; issues: readonly Issue[] }>
>();
function presetRulebook(id: string) {
  let loading = presetRulebooks.get(id);
  if (!loading) {
    const path = resolvePreset(id);
    loading = path
      ? loadRulebookFile(path, resolvePreset).then((r) =>
          r.ok ? { ok: true as const, value: r.value.rulebook } : r,
        )
      : Promise.resolve({
          ok: false as const,
          issues: [{ code: 'rulebook.unknown', path: ['rulebook'], message: `no preset rulebook "${id}"` }],
        });
    if (path) presetRulebooks.set(id, loading);
  }
  return loading;
}

scenarioRoutes.get('/seasons/:season/rescore', async (c) => {
  const { sv, view } = await openSeason(c, c.req.param('season'));
  const chosen = c.req.query('rulebook');
  const afterRace = afterParam(c.req.query('after'));
  const common = {
    season: { id: view.season.id, name: view.season.name },
    viewer: viewerOf(c.get('login'), view.season.series.id),
    presets: presets(),
    chosen,
    baseRulebook: { id: sv.loaded.rulebook.id, name: sv.loaded.rulebook.name },
  };
  if (!chosen) return c.html(<RescorePage {...common} />);
  const other = await presetRulebook(chosen);
  if (!other.ok) return c.html(<RescorePage {...common} issues={other.issues} />, 404);
  const rulebook = other.value;
  const rescored = c.var.deps.paddock.derived(sv, `rescore:${chosen}:${afterRace ?? ''}`, () =>
    rescore(sv.loaded.season, sv.loaded.rulebook, rulebook, afterRace === undefined ? {} : { afterRace }),
  );
  if (!rescored.ok) {
    // A rulebook that does not fit the season (other championships, classes): said on the page.
    const seen = new Set<string>();
    const issues = rescored.issues.filter((i) => !seen.has(i.message) && seen.add(i.message));
    return c.html(
      <RescorePage {...common} rulebook={{ id: rulebook.id, name: rulebook.name }} issues={issues} />,
      422,
    );
  }
  const compared = comparedView(rescored.value.compared);
  return c.html(
    <RescorePage {...common} rulebook={{ id: rulebook.id, name: rulebook.name }} compared={compared} />,
  );
});

/** The races of the what-if form: those not run first come, then the races run (to change one). */
function whatIfRaces(sv: SeasonVersion, values: Record<string, string>): WhatIfRace[] {
  const held = new Set(sv.loaded.season.classifications.map((c) => c.sessionId));
  return sv.loaded.season.sessions
    .filter((s) => s.race !== undefined)
    .map((s) => ({
      race: s.race!,
      name: s.name,
      run: held.has(s.id),
      value: values[`race-${s.race}`] ?? '',
    }));
}

/** Reads the races filled in: each through the CLI's own parser ("race N: ..."). */
function raceChanges(
  sv: SeasonVersion,
  races: readonly WhatIfRace[],
): { changes: RaceChange[]; issues: Issue[] } {
  const changes: RaceChange[] = [];
  const issues: Issue[] = [];
  for (const r of races) {
    if (r.value.trim() === '') continue;
    const parsed = parseRaceChange(`race ${r.race}: ${r.value}`, sv.loaded.season);
    if (parsed.ok) changes.push(parsed.value);
    else issues.push(...parsed.issues.map((i) => ({ ...i, message: `${r.name}: ${i.message}` })));
  }
  return { changes, issues };
}

function exampleOrder(sv: SeasonVersion): string {
  const drivers = new Map(sv.loaded.season.drivers.map((d) => [d.id, d.name]));
  const lastRun = [...sv.loaded.season.classifications].reverse().find((c) => c.rows.length >= 3);
  const surname = (entryId: string) => {
    const entry = sv.loaded.season.entries.find((e) => e.id === entryId);
    const name = entry ? (drivers.get(entry.driverIds[0] ?? '') ?? '') : '';
    return name.split(' ').at(-1)?.toLowerCase() ?? '';
  };
  if (!lastRun) return 'hartog, yardley, sedgwick; dnf cooper; pole hartog; fastest yardley';
  const [a, b, c, d] = lastRun.rows.map((r) => surname(r.entryId));
  return `${a}, ${b}, ${c}${d ? `; dnf ${d}` : ''}; pole ${a}; fastest ${b}`;
}

async function whatIfPage(
  c: AppContext,
  values: Record<string, string>,
  extra: { saved?: boolean; issues?: readonly Issue[] } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { sv, view } = await openSeason(c, c.req.param('season') ?? '');
  const login = c.get('login');
  const races = whatIfRaces(sv, values);
  const { changes, issues } = raceChanges(sv, races);
  let compared, scenarios, afterRace: number | undefined;
  const all = [...(extra.issues ?? []), ...issues];
  if (changes.length && !issues.length) {
    const asked = whatIf(sv.loaded.season, sv.loaded.rulebook, changes);
    if (!asked.ok) all.push(...asked.issues);
    else {
      afterRace = asked.value.afterRace;
      compared = comparedView(asked.value.compared);
      // The searches alone, as `paddock whatif`: a page filled in answers at once, and a range they
      // leave open stays a range (the solver took 5-7 s on a projection after race 13).
      const outlook = titleScenarios(asked.value.season, sv.loaded.rulebook, { afterRace });
      if (outlook.ok) scenarios = scenariosView(outlook.value).championships;
      else all.push(...outlook.issues);
    }
  }
  return c.html(
    <WhatIfPage
      season={{ id: view.season.id, name: view.season.name }}
      viewer={viewerOf(login, view.season.series.id)}
      races={races}
      example={exampleOrder(sv)}
      compared={compared}
      scenarios={scenarios}
      afterRace={afterRace}
      issues={all}
      canSave={mayEdit(login, view.season.series.id)}
      version={sv.version}
      saved={extra.saved ?? false}
    />,
    all.length && status === 200 ? 422 : status,
  );
}

scenarioRoutes.get('/seasons/:season/whatif', async (c) => {
  const q = { ...c.req.query() };
  if (q['fill'] === 'form') {
    // The races not run that are still empty get the order of the form so far.
    const { sv } = await openSeason(c, c.req.param('season'));
    const byForm = c.var.deps.paddock.derived(sv, 'whatif:by-form', () => ordersByForm(sv.loaded.season));
    for (const [race, order] of byForm) if (!(q[`race-${race}`] ?? '').trim()) q[`race-${race}`] = order;
  }
  return whatIfPage(c, q, q['saved'] === '1' ? { saved: true } : {});
});

/** The overall pole and fastest lap of a session, as the awards edit takes them. */
function overallAwards(awards: readonly Award[], sessionId: string): { pole?: string; fastestLap?: string } {
  const of = (kind: Award['award']) =>
    awards.find((a) => a.sessionId === sessionId && a.award === kind && a.scope === 'overall')?.entryId;
  const pole = of('pole');
  const fastestLap = of('fastest-lap');
  return { ...(pole === undefined ? {} : { pole }), ...(fastestLap === undefined ? {} : { fastestLap }) };
}

const saveForm = z.object({
  reason: z.string().trim().min(1, 'give the reason for saving these results').max(2000),
  version: z.coerce.number().int().positive().optional(),
});

/**
 * Saves the races filled in as results (provisional), one revision per race, each through the
 * app layer's classification edit (and the awards edit when a pole or fastest lap is named).
 */
scenarioRoutes.post('/seasons/:season/whatif/save', async (c) => {
  const login = requireLogin(c.get('login'));
  const fields = await formFields(c);
  checkCsrf(fields, login.csrfToken);
  delete fields['_csrf'];
  const { sv, view } = await openSeason(c, c.req.param('season'));
  authorize(login, 'results', view.season.series.id);
  const form = parseForm(saveForm, fields);
  if (!form.ok) return whatIfPage(c, fields, { issues: form.issues }, 422);
  const { changes, issues } = raceChanges(sv, whatIfRaces(sv, fields));
  if (issues.length || !changes.length)
    return whatIfPage(
      c,
      fields,
      issues.length
        ? {}
        : { issues: [{ code: 'request.nothing', path: [], message: 'fill in a race first' }] },
      422,
    );
  const changed = applyRaceChanges(sv.loaded.season, changes);
  if (!changed.ok) return whatIfPage(c, fields, { issues: changed.issues }, 422);
  const { paddock } = c.var.deps;
  let version = form.value.version;
  for (const change of changes) {
    const session = changed.value.sessions.find((s) => s.race === change.race)!;
    const rows = changed.value.classifications.find((cl) => cl.sessionId === session.id)!.rows;
    const edits = [
      { kind: 'classification' as const, sessionId: session.id, rows, state: 'provisional' as const },
      // The awards edit sets both: the one not named keeps what the season has.
      ...(change.pole !== undefined || change.fastestLap !== undefined
        ? [
            {
              kind: 'awards' as const,
              sessionId: session.id,
              ...overallAwards(changed.value.awards, session.id),
            },
          ]
        : []),
    ];
    for (const edit of edits) {
      const saved = await paddock.edit(
        view.season.id,
        edit,
        changeBy(c, login, form.value.reason, 'editor', version),
      );
      if (!saved.ok)
        return whatIfPage(
          c,
          fields,
          { issues: [...saved.issues] },
          statusFor(saved.issues) === 409 ? 409 : 422,
        );
      version = saved.value.version;
    }
  }
  return c.redirect(`/seasons/${view.season.id}/whatif?saved=1`, 303);
});
