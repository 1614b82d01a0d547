/**
 * Title scenarios as plain JSON-ready data, for `paddock scenarios --json`, the API and the
 * title-fight page: points as a rounded number beside the exact fraction (as in docs/json.md),
 * positions, statuses, each contender's conditions in structure and in words, the magic number.
 */
import { formatExact, toNumber } from '../fraction.js';
import type { Fraction } from '../fraction.js';
import { describeNeeds } from './describe-needs.js';
import type { ChampionshipScenarios, SeasonScenarios } from './index.js';
import type { ComparedChampionship } from './what-if.js';

const points = (f: Fraction) => ({ value: toNumber(f), exact: formatExact(f) });

export interface PointsView {
  readonly value: number;
  readonly exact: string;
}

export interface OutlookView {
  readonly position: number | null;
  readonly competitor: { readonly id: string; readonly name: string };
  readonly points: PointsView;
  /** Final points reachable: winning everything with every bonus, and scoring nothing more. */
  readonly maxPoints: PointsView;
  readonly minPoints: PointsView;
  readonly best: number | null;
  readonly worst: number | null;
  /** False when the worst position is only bounded: it lies between `worst` and `worstBound`. */
  readonly worstExact: boolean;
  readonly worstBound: number | null;
  readonly status: string;
}

export interface ChampionshipScenariosView {
  readonly id: string;
  readonly name: string;
  readonly competitorKind: string;
  readonly afterRace: number;
  readonly remaining: number;
  readonly champion: { readonly id: string; readonly name: string } | null;
  readonly table: readonly OutlookView[];
  readonly nextRace: readonly {
    readonly competitor: { readonly id: string; readonly name: string };
    readonly session: { readonly id: string; readonly name: string; readonly race: number | null };
    readonly conditions: readonly {
      readonly from: number | 'out';
      readonly to: number | 'out';
      readonly rivals: readonly {
        readonly competitor: { readonly id: string; readonly name: string };
        readonly limit: number | { readonly behind: number } | 'out';
      }[];
    }[];
    readonly text: string;
  }[];
  readonly magic: {
    readonly competitor: { readonly id: string; readonly name: string };
    readonly rival: { readonly id: string; readonly name: string };
    readonly points: PointsView;
  } | null;
}

export interface SeasonScenariosView {
  readonly season: { readonly id: string; readonly name: string };
  readonly afterRace: number;
  readonly championships: readonly ChampionshipScenariosView[];
}

const who = (c: { id: string; name: string }) => ({ id: c.id, name: c.name });

/** One championship's scenarios as JSON-ready data. */
export function championshipScenariosView(c: ChampionshipScenarios): ChampionshipScenariosView {
  return {
    id: c.id,
    name: c.name,
    competitorKind: c.competitorKind,
    afterRace: c.afterRace,
    remaining: c.remaining,
    champion: c.champion ? who(c.champion) : null,
    table: c.outlooks.map((o) => ({
      position: o.position ?? null,
      competitor: who(o.competitor),
      points: points(o.points),
      maxPoints: points(o.maxPoints),
      minPoints: points(o.minPoints),
      best: o.best ?? null,
      worst: o.worst ?? null,
      worstExact: o.worstExact,
      worstBound: o.worstBound ?? null,
      status: o.status,
    })),
    nextRace: c.needs.map((n) => ({
      competitor: who(n.competitor),
      session: { id: n.session.id, name: n.session.name, race: n.session.race ?? null },
      conditions: n.conditions.map((k) => ({
        from: k.from,
        to: k.to,
        rivals: k.rivals.map((r) => ({ competitor: who(r.competitor), limit: r.limit })),
      })),
      text: describeNeeds(n),
    })),
    magic: c.magic
      ? { competitor: who(c.magic.competitor), rival: who(c.magic.rival), points: points(c.magic.points) }
      : null,
  };
}

/** A season's scenarios as JSON-ready data. */
export function scenariosView(s: SeasonScenarios): SeasonScenariosView {
  return {
    season: s.season,
    afterRace: s.afterRace,
    championships: s.championships.map(championshipScenariosView),
  };
}

/** A side-by-side comparison (what-if or another rulebook) as JSON-ready data. */
export interface ComparedView {
  readonly id: string;
  readonly name: string;
  readonly afterRace: number;
  readonly rows: readonly {
    readonly competitor: { readonly id: string; readonly name: string };
    readonly position: number | null;
    readonly shared: boolean;
    readonly points: PointsView | null;
    readonly basePosition: number | null;
    readonly basePoints: PointsView | null;
    /** Places gained (positive) or lost against the base table. */
    readonly moved: number | null;
    readonly pointsChange: PointsView | null;
  }[];
}

/** Compared championships as JSON-ready data. */
export function comparedView(compared: readonly ComparedChampionship[]): ComparedView[] {
  return compared.map((c) => ({
    id: c.id,
    name: c.name,
    afterRace: c.afterRace,
    rows: c.rows.map((r) => ({
      competitor: who(r.competitor),
      position: r.position ?? null,
      shared: r.shared,
      points: r.points ? points(r.points) : null,
      basePosition: r.basePosition ?? null,
      basePoints: r.basePoints ? points(r.basePoints) : null,
      moved: r.moved ?? null,
      pointsChange: r.pointsChange ? points(r.pointsChange) : null,
    })),
  }));
}
