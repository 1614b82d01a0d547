/**
 * The standings JSON contract, shared by `paddock standings --json` and
 * GET /api/v1/seasons/{season}/standings (they must return exactly the same document).
 * `points` is a number rounded to 2 decimals only when fractional; `pointsExact` is "57/7".
 */
import { formatExact, toNumber } from '../../engine/index.js';
import type {
  ChampionshipStandings,
  Contribution,
  SeasonStandings,
  StandingRow,
} from '../../engine/index.js';

export interface ContributionJson {
  readonly race: number | null;
  readonly session: string | null;
  readonly event: string | null;
  readonly kind: string;
  readonly rule: string;
  readonly description: string;
  readonly points: number;
  readonly pointsExact: string;
  readonly reason?: string;
}

export interface StandingJson {
  readonly position: number;
  readonly shared: boolean;
  readonly competitor: { readonly id: string; readonly name: string };
  readonly points: number;
  readonly pointsExact: string;
  readonly counted: readonly ContributionJson[];
  readonly dropped: readonly ContributionJson[];
  readonly tieBreak: { readonly rule: string; readonly detail: string } | null;
}

export interface StandingsJson {
  readonly season: { readonly id: string; readonly name: string };
  readonly afterRace: number;
  readonly championships: readonly {
    readonly id: string;
    readonly name: string;
    readonly final: boolean;
    readonly standings: readonly StandingJson[];
    readonly excluded: readonly {
      readonly competitor: { readonly id: string; readonly name: string };
      readonly pointsExact: string;
      readonly reason: string;
    }[];
  }[];
}

export function contributionJson(c: Contribution): ContributionJson {
  return {
    race: c.race ?? null,
    session: c.sessionId ?? null,
    event: c.eventId ?? null,
    kind: c.kind,
    rule: c.rule,
    description: c.description,
    points: toNumber(c.points),
    pointsExact: formatExact(c.points),
    ...(c.reason === undefined ? {} : { reason: c.reason }),
  };
}

export function standingJson(r: StandingRow): StandingJson {
  return {
    position: r.position,
    shared: r.shared,
    competitor: { id: r.competitor.id, name: r.competitor.name },
    points: toNumber(r.points),
    pointsExact: formatExact(r.points),
    counted: r.contributions.filter((c) => c.counted).map(contributionJson),
    dropped: r.contributions.filter((c) => !c.counted).map(contributionJson),
    tieBreak: r.aboveNext ? { rule: r.aboveNext.rule, detail: r.aboveNext.detail } : null,
  };
}

const championshipJson = (c: ChampionshipStandings) => ({
  id: c.id,
  name: c.name,
  final: c.final,
  standings: c.rows.map(standingJson),
  excluded: c.excluded.map((e) => ({
    competitor: { id: e.competitor.id, name: e.competitor.name },
    pointsExact: formatExact(e.points),
    reason: e.reason,
  })),
});

/** The standings document (see docs/json.md). */
export function standingsJson(s: SeasonStandings): StandingsJson {
  return { season: s.season, afterRace: s.afterRace, championships: s.championships.map(championshipJson) };
}
