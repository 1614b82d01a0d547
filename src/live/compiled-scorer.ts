/**
 * The live scorer on the engine's fast path (docs/compiled-championship.md): the season is
 * compiled once after the race before the live one, every championship gets a reusable scorer,
 * and each running order is scored as the live session's hypothetical result in microseconds,
 * with the exact totals, drops and ranking computeStandings gives. A result the fast path cannot
 * carry goes to computeStandings instead: a car with another status than running or retired, a
 * gap in the positions (an unmatched car ahead), a race stopped short of its scheduled laps, or an
 * award shared more ways than the fast path allows.
 */
import { compileSeason, createScorer, remainderOf } from '../engine/index.js';
import type {
  Award,
  ClassificationRow,
  HypotheticalAward,
  HypotheticalResult,
  Result,
  Rulebook,
  Scorer,
  Season,
  Session,
} from '../engine/index.js';
import { previousRace, rescoringScorer } from './live-standings.js';
import type { LiveScorer, ScoredTable } from './live-standings.js';

/** Why a result went to the full rescoring (for tests and the benchmark). */
export interface CompiledScorerStats {
  fast: number;
  rescored: number;
}

/** A LiveScorer on the compiled fast path; issues when the season cannot be compiled. */
export function compiledScorer(
  season: Season,
  rulebook: Rulebook,
  session: Session,
  stats: CompiledScorerStats = { fast: 0, rescored: 0 },
): Result<LiveScorer> {
  const compiled = compileSeason(season, rulebook, { afterRace: previousRace(season, session.race!) ?? 0 });
  if (!compiled.ok) return compiled;
  const cs = compiled.value;
  const at = cs.sessions.findIndex((s) => s.id === session.id);
  if (at < 0)
    return {
      ok: false,
      issues: [
        {
          code: 'live.fast-path',
          path: [session.id],
          message: `${session.id} is not after the compiled race`,
        },
      ],
    };
  // Sessions between the previous race and the live one keep their own results; later ones are not run.
  const own = remainderOf(season, cs);
  const heldBefore = cs.sessions.slice(0, at).map((s, k) => ({ s, r: own[k] }));
  if (heldBefore.some(({ s, r }) => !r && season.classifications.some((c) => c.sessionId === s.id)))
    return {
      ok: false,
      issues: [
        {
          code: 'live.fast-path',
          path: [session.id],
          message: 'a session before the live one cannot be carried',
        },
      ],
    };
  const remainder: (HypotheticalResult | undefined)[] = cs.sessions.map((_, k) =>
    k < at ? own[k] : undefined,
  );
  const poles: HypotheticalAward[] = season.awards
    .filter((a) => a.sessionId === session.id && a.award === 'pole')
    .map((a) => ({ award: 'pole', scope: a.scope, entry: cs.entryIndex.get(a.entryId)! }));
  const scorers: Scorer[] = cs.championships.map((c) => createScorer(c));
  const full = rescoringScorer(season, rulebook, session);

  const fastResult = (
    rows: readonly ClassificationRow[],
    awards: readonly Award[],
  ): HypotheticalResult | undefined => {
    const classified = rows
      .filter((r) => r.status === 'classified')
      .sort((a, b) => a.position! - b.position!);
    const retired = rows.filter((r) => r.status === 'DNF');
    if (classified.length + retired.length !== rows.length) return undefined;
    if (classified.some((r, i) => r.position !== i + 1)) return undefined;
    const laps = Math.max(0, ...classified.map((r) => r.laps ?? 0));
    if (laps > 0 && session.scheduledLaps !== undefined && laps < session.scheduledLaps) return undefined;
    const ordered = [...classified, ...retired];
    const led = ordered.map((r) => r.lapsLed ?? 0);
    return {
      order: ordered.map((r) => cs.entryIndex.get(r.entryId)!),
      classified: classified.length,
      awards: [
        ...poles,
        ...awards.map((a) => ({ award: a.award, scope: a.scope, entry: cs.entryIndex.get(a.entryId)! })),
      ],
      ...(led.some((l) => l > 0) ? { lapsLed: led } : {}),
    };
  };

  return {
    ok: true,
    value: {
      score: (rows, awards) => {
        const result = fastResult(rows, awards);
        if (result) {
          remainder[at] = result;
          try {
            const tables: ScoredTable[] = scorers.map((scorer, k) => {
              scorer.score(remainder);
              const c = cs.championships[k]!;
              return { id: c.id, name: c.name, final: scorer.final, rows: scorer.rows() };
            });
            stats.fast++;
            return { ok: true, value: tables };
          } catch (e) {
            // An award shared more ways than the fast path's unit allows: the full engine scores it.
            if (!(e instanceof RangeError)) throw e;
          }
        }
        stats.rescored++;
        return full.score(rows, awards);
      },
    },
  };
}

/** The fast scorer when the season compiles, else full rescoring. */
export function defaultScorer(season: Season, rulebook: Rulebook, session: Session): LiveScorer {
  const fast = compiledScorer(season, rulebook, session);
  return fast.ok ? fast.value : rescoringScorer(season, rulebook, session);
}
