/**
 * Totals without explanations: each championship's table as points, positions and shared
 * positions only, for bulk users (simulations, the static site, progress charts). The same books,
 * drop rules, listing and ranking as `scoreChampionship`, so the totals and order are the same; what
 * is left out is the provenance (contributions, cells, tie-break words).
 *
 * The tables after every race of a season come from one pass: the held sessions are scored and
 * booked once, and each race's table reads the books up to that race (drop rules chosen on that
 * prefix without changing the books). Tables whose booking depends on the cutoff (classChanges
 * follow-driver, adjustments, team scoring over whole rounds) are scored race by race instead.
 */
import { add, subtract, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import { isPenalty } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { dropContextOf, dropUnitsOf, heldSessionsOf, selectDrops } from './apply-drops.js';
import type { DropUnit, TieBreakPlace } from './rules/types.js';
import {
  bookChampionship,
  cutoffOf,
  isListed,
  recordOf,
  scoreChampionship,
  scoringPlacesOf,
  tableHead,
} from './score-championship.js';
import { rankTallies } from './rank-standings.js';
import { bookIndexed } from './indexed-booking.js';
import { cutoffsOf, tablesOfBooking } from './indexed-tables.js';
import type { Tally } from './rank-standings.js';
import { dropModule, teamScoringModule } from './rules/registry.js';
import type { ChampionshipStandings, SeasonStandings, StandingRow } from './standings.js';

/** A row of a table without its explanations: position, shared, competitor and points. */
export type TotalsRow = Pick<StandingRow, 'position' | 'shared' | 'competitor' | 'points'>;

/** A championship's table without explanations: `ChampionshipStandings` less sessions and provenance. */
export type ChampionshipTotals = Omit<ChampionshipStandings, 'sessions' | 'rows'> & {
  readonly rows: readonly TotalsRow[];
};

export type SeasonTotals = Omit<SeasonStandings, 'championships'> & {
  readonly championships: readonly ChampionshipTotals[];
};

/** A full table reduced to its totals (the race-by-race path). */
function totalsOfStandings(table: ChampionshipStandings): ChampionshipTotals {
  return {
    id: table.id,
    name: table.name,
    competitorKind: table.competitorKind,
    afterRace: table.afterRace,
    final: table.final,
    rows: table.rows.map(({ position, shared, competitor, points }) => ({
      position,
      shared,
      competitor,
      points,
    })),
    excluded: table.excluded,
  };
}

/**
 * Whether one booking serves every cutoff: nothing booked depends on which races are held (a
 * driver's class under follow-driver, adjustments with their cutoffs, a car's points over a round).
 */
function bookedOnce(index: SeasonIndex, champ: Championship): boolean {
  return (
    champ.classChanges !== 'follow-driver' &&
    // Penalties changed the classifications before scoring; other adjustments depend on the cutoff.
    !index.season.adjustments.some(
      (a) => !isPenalty(a) && (a.championshipId === undefined || a.championshipId === champ.id),
    ) &&
    !(champ.competitor === 'team' && teamScoringModule(champ.teamScoring).byRound)
  );
}

/** One championship's totals after each of `races` (ascending, each a race of the season). */
export function totalsAfterRaces(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  races: readonly number[],
): ChampionshipTotals[] {
  if (races.length === 0) return [];
  if (!bookedOnce(index, champ))
    return races.map((race) => totalsOfStandings(scoreChampionship(index, rulebook, champ, race)));
  const cutoffs = cutoffsOf(index, races);
  const booking = bookIndexed(index, rulebook, champ, cutoffs.at(-1)!.cutoff);
  if (booking) {
    const tables = tablesOfBooking(index, champ, booking, scoringPlacesOf(rulebook, champ), cutoffs);
    // Written out, not spread from tableHead (the same fields in the same order): a spread of a
    // made object costs a copy through the runtime per table.
    return races.map((afterRace, i): ChampionshipTotals => ({
      id: champ.id,
      name: champ.name,
      competitorKind: champ.competitor,
      afterRace,
      final: cutoffs[i]!.final,
      rows: tables[i]!,
      excluded: [],
    }));
  }
  const { seasonSessions, sessions, ledger } = bookChampionship(
    index,
    rulebook,
    champ,
    cutoffOf(index, races.at(-1)!),
  );
  const all = heldSessionsOf(sessions);
  const slot = all.slot;
  const ctx = champ.drops.length ? dropContextOf(index, seasonSessions) : undefined;
  const scoringPlaces = scoringPlacesOf(rulebook, champ);
  const lastRace = index.races.at(-1) ?? 0;
  const books = [...ledger.books.values()];
  // How many of each book's contributions, cells and tie-break places fall in the sessions held
  // so far: books are written session by session, so each race's share is a prefix.
  const drafts = new Array<number>(books.length).fill(0);
  const cells = new Array<number>(books.length).fill(0);
  // Each book's counted points in those contributions, summed as the prefix grows.
  const counted = new Array<Fraction>(books.length).fill(ZERO);
  const places = new Array<number>(books.length).fill(0);
  // Whether each book is listed yet: once listed, always (more results never unlist anyone).
  const listed = new Array<boolean>(books.length).fill(false);
  // A tie-break record over every held session, cut to each race (its places are in calendar order).
  const records = books.map((book) => recordOf(index, champ, book, scoringPlaces));
  const cut = new Array<readonly TieBreakPlace[] | undefined>(books.length);
  // Drop units over every held session, made once per book (and bonus rule) and cut to each race:
  // a session's unit does not change when later sessions are held.
  const units = books.map(() => new Map<boolean, readonly DropUnit[]>());
  let held = 0;
  return races.map((afterRace) => {
    const cutoff = cutoffOf(index, afterRace);
    while (held < sessions.length && sessions[held]!.order <= cutoff) held++;
    const final = afterRace >= lastRace;
    const dropRules = champ.drops.filter((r) => r.applies !== 'final' || final);
    const heldNow = { sessions: held === sessions.length ? sessions : sessions.slice(0, held), slot };
    const tallies: Omit<Tally, 'contributions' | 'cells'>[] = [];
    for (let b = 0; b < books.length; b++) {
      const book = books[b]!;
      let nd = drafts[b]!;
      let sum = counted[b]!;
      for (; nd < book.contributions.length; nd++) {
        const d = book.contributions[nd]!;
        if (slot.get(d.sessionId!)! >= held) break;
        if (d.counted) sum = add(sum, d.points);
      }
      let nc = cells[b]!;
      while (nc < book.cells.length && slot.get(book.cells[nc]!.sessionId)! < held) nc++;
      drafts[b] = nd;
      counted[b] = sum;
      cells[b] = nc;
      if (nd === 0 && nc === 0) continue; // no book yet after this race
      const prefix = () => ({
        competitor: book.competitor,
        contributions:
          nd === book.contributions.length ? book.contributions : book.contributions.slice(0, nd),
        cells: nc === book.cells.length ? book.cells : book.cells.slice(0, nc),
      });
      if (!listed[b]) {
        if (!isListed(index, champ, prefix())) continue;
        listed[b] = true;
      }
      const made = units[b]!;
      const unitsMade = (withBonuses: boolean) => {
        let full = made.get(withBonuses);
        if (!full)
          made.set(withBonuses, (full = dropUnitsOf(book.contributions, book.cells, withBonuses, all)));
        return held === full.length ? full : full.slice(0, held);
      };
      let points = sum;
      if (dropRules.length === 1 && ctx) {
        // One rule: what it drops is whole units, so the total is the counted points less the
        // dropped units' points (the droppable points of those sessions), as selectDrops would give.
        const rule = dropRules[0]!;
        const units = unitsMade(rule.includeBonuses === true);
        for (const sessionId of dropModule(rule).drop(rule, units, ctx).keys())
          points = subtract(points, units[slot.get(sessionId)!]!.points);
      } else if (dropRules.length && ctx) {
        const { contributions, cells } = prefix();
        const choice = selectDrops(contributions, cells, dropRules, heldNow, ctx, unitsMade);
        points = ZERO;
        for (let i = 0; i < nd; i++) {
          const d = contributions[i]!;
          if (d.counted && choice?.reasons[i] === undefined) points = add(points, d.points);
        }
      }
      const record = records[b]!;
      let np = places[b]!;
      while (np < record.positions.length && record.positions[np]!.order <= cutoff) np++;
      // The same places as after the last race: the same array (tie-breaks keep their counts).
      if (np !== places[b] || cut[b] === undefined)
        cut[b] = np === record.positions.length ? record.positions : record.positions.slice(0, np);
      places[b] = np;
      const firstScored =
        record.firstScored !== undefined && record.firstScored.order <= cutoff
          ? record.firstScored
          : undefined;
      tallies.push({
        competitor: book.competitor,
        points,
        record: {
          positions: cut[b]!,
          scoringPlaces,
          firstScored,
        },
      });
    }
    return {
      ...tableHead(champ, afterRace, final),
      rows: rankTallies(tallies, champ.tieBreaks).map(({ tally, position, shared }) => ({
        position,
        shared,
        competitor: tally.competitor,
        points: tally.points,
      })),
      excluded: [],
    };
  });
}
