/**
 * The title-fight, what-if and rescoring pages. They render view models worked out by the engine
 * and src/app (scenarios, odds, compared tables) and compute nothing of the sport: numbers are
 * formatted, positions compared for highlighting only as the view model states them (`moved`).
 */
import type { ChampionshipScenariosView, ComparedView, PointsView } from '../../engine/scenarios/index.js';
import type { TitleFightChampionshipView, TitleFightView } from '../../app/view-model/title-fight.js';
import type { Issue } from '../../engine/index.js';
import { CsrfField, Layout } from './layout.js';
import type { Viewer } from './layout.js';

interface Common {
  readonly season: { readonly id: string; readonly name: string };
  readonly viewer: Viewer | undefined;
}

const pts = (p: PointsView | null) => (p === null ? '' : String(p.value));
const signedPts = (p: PointsView | null) =>
  p === null || p.value === 0 ? '' : p.value > 0 ? `+${p.value}` : String(p.value);
const moved = (m: number | null) => (m === null ? 'new' : m > 0 ? `+${m}` : m < 0 ? String(m) : '=');
const movedClass = (m: number | null) =>
  m === null || m === 0 ? 'num' : m > 0 ? 'num up changed' : 'num down changed';

const STATUS_TEXT: Record<string, string> = {
  champion: 'champion',
  clinched: 'clinched',
  contender: 'can still win',
  eliminated: 'eliminated',
  excluded: 'excluded',
};

/** Points each competitor can still finish on: a bar from the least to the most, a mark at today's. */
export function ReachChart(props: { championship: ChampionshipScenariosView; id: string }) {
  const rows = props.championship.table
    .filter((r) => r.status !== 'excluded' && (r.best === 1 || (r.position ?? 99) <= 8))
    .slice(0, 12);
  if (!rows.length) return <></>;
  const max = Math.max(1, ...rows.map((r) => r.maxPoints.value));
  const left = 170;
  const width = 640;
  const scale = (v: number) => left + ((width - left - 20) * v) / max;
  const rowH = 22;
  const height = rows.length * rowH + 30;
  const leaderMin = Math.max(...rows.map((r) => r.minPoints.value));
  return (
    <figure class="reach">
      <figcaption id={props.id}>
        Points {props.championship.name} competitors can still finish on: from scoring nothing more (left end)
        to winning everything left with every bonus (right end); the dot is today. Anyone whose bar ends left
        of the dashed line (the most points someone is already sure of) cannot finish ahead of them.
      </figcaption>
      <svg
        role="img"
        aria-labelledby={props.id}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        <line
          x1={scale(leaderMin)}
          x2={scale(leaderMin)}
          y1={0}
          y2={height - 24}
          stroke="#b3261e"
          stroke-dasharray="4 3"
        />
        {rows.map((r, i) => {
          const y = i * rowH + 14;
          const alive = r.best === 1;
          return (
            <g>
              <text x={left - 8} y={y + 4} text-anchor="end" font-size="12">
                {r.competitor.name}
              </text>
              <line
                x1={scale(r.minPoints.value)}
                x2={scale(r.maxPoints.value)}
                y1={y}
                y2={y}
                stroke={alive ? '#0b57d0' : '#999'}
                stroke-width="8"
                stroke-linecap="round"
              />
              <circle cx={scale(r.points.value)} cy={y} r="4" fill="#111" />
            </g>
          );
        })}
        <text x={left} y={height - 6} font-size="11">
          0
        </text>
        <text x={width - 20} y={height - 6} font-size="11" text-anchor="end">
          {String(max)} points
        </text>
      </svg>
    </figure>
  );
}

function ScenarioTable(props: { c: ChampionshipScenariosView }) {
  return (
    <div class="scroll" tabindex={0} role="region" aria-label="Scenarios">
      <table class="scenarios">
        <thead>
          <tr>
            <th class="num">Pos</th>
            <th>Competitor</th>
            <th class="num">Points</th>
            <th class="num">Most possible</th>
            <th class="num">Best</th>
            <th class="num">Worst</th>
            <th>Title</th>
          </tr>
        </thead>
        <tbody>
          {props.c.table
            .filter((r) => r.status !== 'excluded')
            .map((r) => (
              <tr class={`status-${r.status}`}>
                <td class="num">{r.position === null ? '-' : String(r.position)}</td>
                <td>{r.competitor.name}</td>
                <td class="num">{pts(r.points)}</td>
                <td class="num">{pts(r.maxPoints)}</td>
                <td class="num">{r.best === null ? '-' : String(r.best)}</td>
                <td class="num">
                  {r.worst === null ? '-' : r.worstExact ? String(r.worst) : `${r.worst}–${r.worstBound}*`}
                </td>
                <td class="status">{STATUS_TEXT[r.status] ?? r.status}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function Odds(props: { c: TitleFightChampionshipView; runs: number; seed: number; racesFitted: number }) {
  if (props.c.remaining === 0 || props.c.odds.length === 0) return <></>;
  return (
    <section class="odds">
      <h3>Odds</h3>
      <p class="muted">
        {props.runs.toLocaleString('en')} simulated seasons (seed {String(props.seed)}) from a Plackett-Luce
        model fitted on {String(props.racesFitted)} race(s); ± is the 95% simulation error. “0.0% (possible)”:
        no simulated season produced it, but the exact solver says it can still happen.
      </p>
      <table class="odds">
        <thead>
          <tr>
            <th>Competitor</th>
            <th class="num">Title</th>
            <th class="num">±</th>
          </tr>
        </thead>
        <tbody>
          {props.c.odds.map((o) => (
            <tr>
              <td>{o.competitor.name}</td>
              <td class="num">{o.text}</td>
              <td class="num">{o.errorText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One championship's title fight: scenarios, the next race, the magic number, the chart, the odds. */
export function TitleFightSection(props: {
  c: TitleFightChampionshipView;
  view: TitleFightView;
  chartId: string;
}) {
  const c = props.c;
  const left = c.remaining === 1 ? '1 race left' : `${c.remaining} races left`;
  return (
    <section class="title-fight" data-championship={c.id}>
      <p class="summary">
        After race {String(c.afterRace)}: {c.remaining ? left : 'season over'}.{' '}
        {c.champion
          ? `${c.champion.name} ${c.remaining ? 'has clinched the title' : 'is champion'}.`
          : `${c.table.filter((r) => r.status === 'contender').length} can still win the title.`}
      </p>
      {c.nextRace.length > 0 && (
        <>
          <h3>At the next race</h3>
          <ul class="needs">
            {c.nextRace.map((n) => (
              <li>{n.text}</li>
            ))}
          </ul>
        </>
      )}
      {c.magic && (
        <p class="magic">
          Magic number {pts(c.magic.points)}: {c.magic.competitor.name} is champion once the points{' '}
          {c.magic.competitor.name} gains plus those {c.magic.rival.name} fails to score exceed it.
        </p>
      )}
      <Odds c={c} runs={props.view.runs} seed={props.view.seed} racesFitted={props.view.racesFitted} />
      {c.remaining > 0 && <ReachChart championship={c} id={props.chartId} />}
      <ScenarioTable c={c} />
      {c.table.some((r) => !r.worstExact) && (
        <p class="muted">* worst position not proven within the search budget: it lies in this range.</p>
      )}
    </section>
  );
}

function AfterForm(props: {
  action: string;
  afterRace: number;
  races: readonly number[];
  extra?: Record<string, string>;
}) {
  return (
    <form method="get" action={props.action} class="inline">
      {Object.entries(props.extra ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <label for="after">As after race</label>{' '}
      <select id="after" name="after">
        {props.races.map((r) => (
          <option value={String(r)} selected={r === props.afterRace}>
            {String(r)}
          </option>
        ))}
      </select>{' '}
      <button type="submit">Show</button>
    </form>
  );
}

export function TitleFightPage(
  props: Common & {
    view: TitleFightView;
    championships: readonly { id: string; name: string }[];
    races: readonly number[];
    championship?: string;
  },
) {
  const base = `/seasons/${props.season.id}/title-fight`;
  const one = props.championship !== undefined ? props.view.championships[0] : undefined;
  return (
    <Layout
      title={one ? `${one.name} title fight` : 'Title fight'}
      season={props.season}
      viewer={props.viewer}
    >
      <nav aria-label="Championships" class="subnav">
        <ul>
          <li>
            <a href={`${base}?after=${props.view.afterRace}`}>All championships</a>
          </li>
          {props.championships.map((c) => (
            <li>
              <a
                href={`${base}/${c.id}?after=${props.view.afterRace}`}
                aria-current={c.id === props.championship ? 'page' : undefined}
              >
                {c.name}
              </a>
            </li>
          ))}
          <li>
            <a href={`/seasons/${props.season.id}/whatif`}>What if…</a>
          </li>
          <li>
            <a href={`/seasons/${props.season.id}/rescore`}>Under other rules</a>
          </li>
        </ul>
      </nav>
      <AfterForm
        action={props.championship ? `${base}/${props.championship}` : base}
        afterRace={props.view.afterRace}
        races={props.races}
      />
      {props.view.championships.map((c, i) => (
        <>
          {!one && (
            <h2>
              <a href={`${base}/${c.id}?after=${props.view.afterRace}`}>{c.name}</a>
            </h2>
          )}
          <TitleFightSection c={c} view={props.view} chartId={`reach-${i}`} />
        </>
      ))}
    </Layout>
  );
}

/** A compared table: the asked standings beside the base, changed positions highlighted. */
export function ComparedTable(props: { c: ComparedView; askedLabel: string; baseLabel: string }) {
  return (
    <div class="scroll" tabindex={0} role="region" aria-label="Compared standings">
      <table class="compared" data-championship={props.c.id}>
        <thead>
          <tr>
            <th class="num">{props.askedLabel}</th>
            <th>Competitor</th>
            <th class="num">Points</th>
            <th class="num">{props.baseLabel}</th>
            <th class="num">Points</th>
            <th class="num">Places</th>
            <th class="num">Points</th>
          </tr>
        </thead>
        <tbody>
          {props.c.rows.map((r) => (
            <tr class={r.moved !== null && r.moved !== 0 ? 'changed' : ''}>
              <td class="num">{r.position === null ? '-' : `${r.position}${r.shared ? '=' : ''}`}</td>
              <td class="competitor">{r.competitor.name}</td>
              <td class="num">{pts(r.points)}</td>
              <td class="num">{r.basePosition === null ? '-' : String(r.basePosition)}</td>
              <td class="num">{pts(r.basePoints)}</td>
              <td class={movedClass(r.moved)}>{moved(r.moved)}</td>
              <td class="num">{signedPts(r.pointsChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RescorePage(
  props: Common & {
    presets: readonly string[];
    chosen: string | undefined;
    rulebook?: { id: string; name: string } | undefined;
    baseRulebook: { id: string; name: string };
    compared?: readonly ComparedView[] | undefined;
    issues?: readonly Issue[] | undefined;
  },
) {
  return (
    <Layout
      title={props.rulebook ? `${props.season.name} under ${props.rulebook.name}` : 'Under other rules'}
      season={props.season}
      viewer={props.viewer}
    >
      <form method="get" action={`/seasons/${props.season.id}/rescore`} class="inline">
        <label for="rulebook">Rescore under</label>{' '}
        <select id="rulebook" name="rulebook">
          {props.presets.map((p) => (
            <option value={p} selected={p === props.chosen}>
              {p}
            </option>
          ))}
        </select>{' '}
        <button type="submit">Rescore</button>
      </form>
      {props.issues && props.issues.length > 0 && (
        <>
          <p class="error">
            {props.rulebook
              ? `${props.rulebook.name} does not fit this season:`
              : 'This rulebook cannot be used:'}
          </p>
          <ul class="error">
            {props.issues.map((i) => (
              <li>{i.message}</li>
            ))}
          </ul>
        </>
      )}
      {props.compared && props.rulebook && (
        <>
          <p>
            The season's results scored under {props.rulebook.name} (left) beside its own rulebook,{' '}
            {props.baseRulebook.name} (right). Rows whose position changes are highlighted. Nothing is saved.
          </p>
          {props.compared.map((c) => (
            <section>
              <h2>{c.name}</h2>
              <ComparedTable c={c} askedLabel="Pos" baseLabel="Own rules" />
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

export interface WhatIfRace {
  readonly race: number;
  readonly name: string;
  readonly run: boolean;
  /** The order typed for it ("hartog, yardley; dnf cooper; pole hartog"). */
  readonly value: string;
}

export function WhatIfPage(
  props: Common & {
    races: readonly WhatIfRace[];
    /** An example of the order syntax with real names. */
    example: string;
    compared?: readonly ComparedView[] | undefined;
    scenarios?: readonly ChampionshipScenariosView[] | undefined;
    afterRace?: number | undefined;
    issues?: readonly Issue[] | undefined;
    canSave: boolean;
    version?: number | undefined;
    saved?: boolean;
  },
) {
  const action = `/seasons/${props.season.id}/whatif`;
  const fields = (
    <>
      {props.races.map((r) => (
        <div class="whatif-race">
          <label for={`race-${r.race}`}>
            {r.name}
            {r.run ? ' (run: a different result)' : ''}
          </label>
          <input id={`race-${r.race}`} name={`race-${r.race}`} value={r.value} size={60} />
        </div>
      ))}
    </>
  );
  return (
    <Layout title="What if" season={props.season} viewer={props.viewer}>
      <p>
        Fill in races not yet run, or a different result for a race run, and see the standings and who can
        still win. Name the cars in finishing order by surname, full name, car number or entry id, then{' '}
        <code>dnf</code> the cars that retired, <code>pole</code> and <code>fastest</code> for the bonuses,
        parts separated by <code>;</code>. For example: <code>{props.example}</code>. “Fill the empty races in
        by form” puts the cars of each race not run in their most likely order so far (the odds' results
        model: strongest first). Nothing is saved.
      </p>
      {props.saved && <p class="ok">Saved as the results of the races filled in.</p>}
      {props.issues && props.issues.length > 0 && (
        <ul class="error" id="whatif-issues">
          {props.issues.map((i) => (
            <li>{i.message}</li>
          ))}
        </ul>
      )}
      <form method="get" action={action} class="stack whatif">
        {fields}
        <button type="submit" class="primary">
          Show the standings
        </button>
        {props.races.some((r) => !r.run) && (
          <button type="submit" name="fill" value="form">
            Fill the empty races in by form
          </button>
        )}
      </form>
      {props.compared && (
        <>
          <h2>Standings after race {String(props.afterRace)}</h2>
          <p class="muted">
            With the results filled in (left) beside the standings without them after the same race.
          </p>
          {props.compared.map((c) => (
            <section>
              <h3>{c.name}</h3>
              <ComparedTable c={c} askedLabel="Pos" baseLabel="Without" />
            </section>
          ))}
        </>
      )}
      {props.scenarios && (
        <>
          <h2>Who can still win, then</h2>
          {props.scenarios.map((c, i) => (
            <section class="title-fight" data-championship={c.id}>
              <h3>{c.name}</h3>
              <p class="summary">
                {c.remaining === 1
                  ? '1 race left'
                  : c.remaining
                    ? `${c.remaining} races left`
                    : 'Season over'}
                .{' '}
                {c.champion
                  ? `${c.champion.name} ${c.remaining ? 'has clinched the title' : 'is champion'}.`
                  : `${c.table.filter((r) => r.status === 'contender').length} can still win the title.`}
              </p>
              <ScenarioTable c={c} />
              {c.nextRace.length > 0 && (
                <ul class="needs">
                  {c.nextRace.map((n) => (
                    <li>{n.text}</li>
                  ))}
                </ul>
              )}
              {c.remaining > 0 && <ReachChart championship={c} id={`whatif-reach-${i}`} />}
            </section>
          ))}
        </>
      )}
      {props.compared && props.canSave && props.viewer && (
        <form method="post" action={`${action}/save`} class="stack" id="whatif-save">
          <CsrfField token={props.viewer.csrfToken} />
          {props.version !== undefined && (
            <input type="hidden" name="version" value={String(props.version)} />
          )}
          {props.races
            .filter((r) => r.value.trim() !== '')
            .map((r) => (
              <input type="hidden" name={`race-${r.race}`} value={r.value} />
            ))}
          <label for="whatif-reason">Reason</label>
          <input id="whatif-reason" name="reason" required maxlength={2000} />
          <button type="submit">Save these results as a revision (provisional)</button>
        </form>
      )}
    </Layout>
  );
}
