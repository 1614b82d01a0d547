/**
 * Standings as they stand: every championship of the season scored as if the live race ended
 * now, with each row's gain or loss against the table before the race. Scoring goes through a
 * `LiveScorer`, the one seam between the live feed and the engine: `rescoringScorer` asks
 * `computeStandings` for the whole season (always right, a few milliseconds), and a faster scorer
 * that folds the races before into per-competitor state can replace it without touching anything
 * else here. Whatever the scorer, the tables must equal `computeStandings` of the season with the
 * live order saved as the race's result (a test checks it).
 */
import { computeStandings, subtract, ZERO } from '../engine/index.js';
import type {
  Award,
  ClassificationRow,
  Competitor,
  Fraction,
  Result,
  Rulebook,
  Season,
  SeasonStandings,
  Session,
  StandingRow,
} from '../engine/index.js';

/** One championship's table as a scorer gives it: positions and exact points. */
export interface ScoredTable {
  readonly id: string;
  readonly name: string;
  /** True when the drop rules of the final standings apply (the live race is the last one). */
  readonly final: boolean;
  readonly rows: readonly Pick<StandingRow, 'position' | 'shared' | 'competitor' | 'points'>[];
}

/**
 * Scores the season with the live session's rows and fastest-lap awards as its result, every
 * championship, after the live race. Rows without laps are taken to have run the full distance.
 */
export interface LiveScorer {
  score(rows: readonly ClassificationRow[], awards: readonly Award[]): Result<readonly ScoredTable[]>;
}

/** The season with `rows` as the session's classification and `awards` as its fastest laps. */
export function seasonWithLiveResult(
  season: Season,
  session: Session,
  rows: readonly ClassificationRow[],
  awards: readonly Award[],
): Season {
  const others = season.classifications.filter((c) => c.sessionId !== session.id);
  return {
    ...season,
    classifications: [...others, { sessionId: session.id, rows }],
    // Pole is known before the race and stays; the fastest lap is the live one.
    awards: [
      ...season.awards.filter((a) => !(a.sessionId === session.id && a.award === 'fastest-lap')),
      ...awards,
    ],
  };
}

/** The scorer that rescores the whole season through computeStandings on every change. */
export function rescoringScorer(season: Season, rulebook: Rulebook, session: Session): LiveScorer {
  const afterRace = session.race!;
  return {
    score: (rows, awards) => {
      const r = computeStandings(seasonWithLiveResult(season, session, rows, awards), rulebook, {
        afterRace,
      });
      return r.ok ? { ok: true, value: r.value.championships } : r;
    },
  };
}

export interface LiveRow {
  readonly position: number;
  readonly shared: boolean;
  readonly competitor: Competitor;
  readonly points: Fraction;
  /** The row in the table before the race; undefined for a competitor not listed then. */
  readonly before?: { readonly position: number; readonly points: Fraction };
  /** Places gained against the table before the race (negative: lost); undefined when not listed then. */
  readonly change?: number;
  /** Points gained in this race so far, drops included (what the total moved by). */
  readonly gained: Fraction;
}

export interface LiveChampionship {
  readonly id: string;
  readonly name: string;
  /** True when the drop rules of the final standings apply (the live race is the last one). */
  readonly final: boolean;
  readonly rows: readonly LiveRow[];
}

/** The race number before `race` in the season, if any. */
export function previousRace(season: Season, race: number): number | undefined {
  const races = season.sessions.flatMap((s) => (s.race !== undefined && s.race < race ? [s.race] : []));
  return races.length ? Math.max(...races) : undefined;
}

/** Checks that a session can be followed live (a race of the season) and returns it. */
export function liveSession(season: Season, sessionId: string): Result<Session> {
  const session = season.sessions.find((s) => s.id === sessionId);
  const fail = (message: string, hint: string): Result<Session> => ({
    ok: false,
    issues: [{ code: 'live.session', path: ['session'], message, hint }],
  });
  if (!session)
    return fail(
      `no session "${sessionId}" in ${season.id}`,
      `Sessions: ${season.sessions.map((s) => s.id).join(', ')}.`,
    );
  if (session.race === undefined)
    return fail(
      `${session.id} is not a numbered race; live standings are computed after a race`,
      'Choose a race session.',
    );
  return { ok: true, value: session };
}

/**
 * The live standings of one race: the table before it is computed once, then `update` scores a
 * running order and compares. Holds no feed state; give it rows and awards.
 */
export class LiveStandings {
  readonly before: SeasonStandings | undefined;
  private readonly beforeRows: ReadonlyMap<
    string,
    ReadonlyMap<string, { position: number; points: Fraction }>
  >;

  private constructor(
    readonly session: Session,
    private readonly scorer: LiveScorer,
    before: SeasonStandings | undefined,
  ) {
    this.before = before;
    this.beforeRows = new Map(
      (before?.championships ?? []).map((c) => [
        c.id,
        new Map(c.rows.map((r) => [r.competitor.id, { position: r.position, points: r.points }])),
      ]),
    );
  }

  /** Prepares the live standings of `sessionId`; issues when the season cannot be scored. */
  static create(
    season: Season,
    rulebook: Rulebook,
    sessionId: string,
    scorer?: LiveScorer,
  ): Result<LiveStandings> {
    const found = liveSession(season, sessionId);
    if (!found.ok) return found;
    const session = found.value;
    const prev = previousRace(season, session.race!);
    let before: SeasonStandings | undefined;
    if (prev !== undefined) {
      const computed = computeStandings(season, rulebook, { afterRace: prev });
      if (!computed.ok) return computed;
      before = computed.value;
    }
    return {
      ok: true,
      value: new LiveStandings(session, scorer ?? rescoringScorer(season, rulebook, session), before),
    };
  }

  /** Every championship if the race ended with these rows and fastest-lap awards. */
  update(rows: readonly ClassificationRow[], awards: readonly Award[]): Result<readonly LiveChampionship[]> {
    const scored = this.scorer.score(rows, awards);
    if (!scored.ok) return scored;
    return { ok: true, value: scored.value.map((c) => this.compare(c)) };
  }

  private compare(c: ScoredTable): LiveChampionship {
    const before = this.beforeRows.get(c.id);
    return {
      id: c.id,
      name: c.name,
      final: c.final,
      rows: c.rows.map((r): LiveRow => {
        const b = before?.get(r.competitor.id);
        return {
          position: r.position,
          shared: r.shared,
          competitor: r.competitor,
          points: r.points,
          ...(b ? { before: b, change: b.position - r.position } : {}),
          gained: subtract(r.points, b?.points ?? ZERO),
        };
      }),
    };
  }
}
