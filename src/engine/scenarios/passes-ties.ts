/**
 * Which ties on points a rival can still win against c, for the integer programs of the
 * worst-position question (docs/decisions/0007-exact-title-scenarios.md, "Fourteenth session").
 * Their relaxations counted a rival level with c on points as passing; where countback decides and
 * c holds the better record, most of the ranges they left open were such ties.
 *
 * Under countback a rival's record only gains from new places, and a better place never hurts it.
 * So if taking place q + 1 in every session it has left does not put it ahead of c on countback,
 * no take without a place at q or better does (such a take has at most as many of each place down
 * to q + 1 and nothing better); a place at q or better is therefore needed to win a tie. The tie
 * rules themselves (tieBreakModule) compare the records: countback is computed in one place.
 */
import type { Scorer } from '../compiled/scorer.js';
import type { CompiledChampionship } from '../compiled/types.js';
import { tieBreakModule } from '../rules/registry.js';
import type { TieBreakPlace, TieBreakRecord } from '../rules/types.js';
import type { PassQuestion } from './pass-question.js';
import { carsOf } from './scenario-remainders.js';

/**
 * Per candidate of `question`: the worst basis position a take must hold at least once for the
 * rival, level with c on points, to rank above it (`Infinity`: a tie can be won without one, or
 * the rules are not modelled; 0: no take wins the tie). Reads the records of `scorer` after it
 * scored the remainder where nobody scores again.
 */
export function tieWinningPlaces(question: PassQuestion): Float64Array {
  const { champ, scorer, c, candidates, inScope } = question;
  const out = new Float64Array(candidates.length).fill(Infinity);
  if (champ.tieBreaks[0]?.kind !== 'countback') return out;
  scorer.score(champ.season.sessions.map(() => ({ order: [] })));
  const ofC = snapshot(scorer, c);
  // Places beyond the deepest scoring place are not places the programs hand out.
  let deepest = 0;
  for (const k of inScope) {
    const table = champ.sessions[k]!.table;
    for (let p = table.length; p > deepest; p--) if (table[p - 1]! > 0) deepest = p;
  }
  candidates.forEach((r, x) => {
    const own = snapshot(scorer, r);
    const left = inScope.filter((k) => carsOf(champ, r, k).length > 0).map((k) => champ.sessions[k]!);
    const wins = (position: number) => {
      const positions: TieBreakPlace[] = [
        ...own.positions,
        ...left.map((cs) => ({ order: cs.order, race: cs.race, position })),
      ];
      return ranksAbove(champ, { ...own, positions }, ofC);
    };
    if (left.length === 0 || wins(deepest + 1)) return;
    let q = deepest;
    while (q > 0 && !wins(q)) q--;
    out[x] = q;
  });
  return out;
}

/** A competitor's tie-break record, copied (the scorer's is replaced at its next `score`). */
function snapshot(scorer: Scorer, i: number): TieBreakRecord {
  const r = scorer.recordOf(i);
  return { ...r, positions: [...r.positions] };
}

/** Whether record a ranks above b on the championship's tie rules (equal points). */
function ranksAbove(champ: CompiledChampionship, a: TieBreakRecord, b: TieBreakRecord): boolean {
  for (const rule of champ.tieBreaks) {
    const o = tieBreakModule(rule).order(rule, a, b);
    if (o !== 0) return o < 0;
  }
  return false;
}
