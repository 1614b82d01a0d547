/**
 * One held session of one championship: its car contributions go to their competitors (drivers
 * sharing a car, or the car's team under the team-scoring rule), and each competitor gets a cell.
 */
import { add, compare, sum, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship } from './rulebook.js';
import type { Award, Event, Session } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { carPointsInSession, Draft } from './ledger.js';
import type { HoldersOf, Ledger } from './ledger.js';
import type { CarContribution } from './score-session.js';
import { sharedDriveModule, teamScoringModule } from './rules/registry.js';
import type { CarResult, SessionContext } from './rules/types.js';

/** Cars of a team that do not count in this session, with the reason (team championships only). */
function teamExclusions(
  index: SeasonIndex,
  champ: Championship,
  contributions: readonly CarContribution[],
): ReadonlyMap<string, string> | undefined {
  if (champ.competitor !== 'team') return undefined;
  // Team -> car -> its contributions, in the order given.
  const byTeam = new Map<string, Map<string, CarContribution[]>>();
  for (const c of contributions) {
    const team = (c.scored?.entry ?? index.getEntry(c.entryId)).teamId;
    let cars = byTeam.get(team);
    if (!cars) byTeam.set(team, (cars = new Map<string, CarContribution[]>()));
    let list = cars.get(c.entryId);
    if (!list) cars.set(c.entryId, (list = []));
    list.push(c);
  }
  const rule = champ.teamScoring;
  const module = teamScoringModule(rule);
  let excluded: Map<string, string> | undefined;
  for (const cars of byTeam.values()) {
    const results: CarResult[] = [];
    for (const [entryId, list] of cars) {
      let points = ZERO;
      let position: number | undefined;
      for (const c of list) {
        points = add(points, c.points);
        position ??= c.scored?.position;
      }
      const nominated = index.getEntry(entryId).nominated ?? false;
      results.push(
        position === undefined ? { entryId, points, nominated } : { entryId, points, nominated, position },
      );
    }
    for (const [entryId, reason] of module.exclude(rule, results))
      (excluded ??= new Map()).set(entryId, reason);
  }
  return excluded;
}

/** Where a driver scored with several cars in one session, only the best share counts (F1 1956-1957). */
function keepBestShare(drafts: ReadonlyMap<string, Draft[]>): void {
  for (const list of drafts.values()) {
    const byEntry = new Map<string, Draft[]>();
    for (const d of list) byEntry.set(d.entryId!, [...(byEntry.get(d.entryId!) ?? []), d]);
    if (byEntry.size < 2) continue;
    const total = (ds: readonly Draft[]) => sum(ds.map((d) => d.points));
    const best = [...byEntry.entries()].sort((a, b) => compare(total(b[1]), total(a[1])))[0]![0];
    for (const [entryId, ds] of byEntry)
      if (entryId !== best) for (const d of ds) d.discount('only the best share in a session counts');
  }
}

/** Whether an entry holds an award of the session on the championship's basis (`scope`). */
function holdsAward(awards: readonly Award[], award: string, scope: string, entryId: string): boolean {
  for (const a of awards) if (a.award === award && a.scope === scope && a.entryId === entryId) return true;
  return false;
}

/** Assigns one scored session's car contributions to competitors and records their cells. */
export function assignSession(
  index: SeasonIndex,
  champ: Championship,
  ledger: Ledger,
  holdersOf: HoldersOf,
  session: Session,
  event: Event,
  context: SessionContext,
  contributions: readonly CarContribution[],
): void {
  const excludedCars = teamExclusions(index, champ, contributions);
  const sharing = sharedDriveModule(champ.sharedDrives);
  const drivers = champ.competitor === 'driver';
  // Only the best-share rule needs a session's drafts grouped by holder before they are booked.
  const drafts =
    drivers && sharing.bestShareOnly(champ.sharedDrives) ? new Map<string, Draft[]>() : undefined;
  for (const c of contributions) {
    const holders = holdersOf(c.scored?.entry ?? index.getEntry(c.entryId), c.scored, c.driverId);
    const excluded = excludedCars?.get(c.entryId);
    for (const holder of holders) {
      // A car with one holder gives its points whole; only a shared car asks the shared-drive rule.
      const share =
        drivers && c.driverId === undefined && holders.length > 1
          ? sharing.share(champ.sharedDrives, c.points, holders.length)
          : undefined;
      const draft = new Draft(
        session.id,
        event.id,
        session.race,
        c.kind,
        c.rule,
        c,
        share?.points ?? c.points,
        (share?.counted ?? true) && excluded === undefined,
        excluded ?? share?.reason,
        c.entryId,
        share?.description || undefined,
      );
      const book = ledger.bookOf(holder);
      if (drafts === undefined) {
        book.contributions.push(draft);
        continue;
      }
      let list = drafts.get(holder.id);
      if (!list) drafts.set(holder.id, (list = []));
      list.push(draft);
    }
  }
  if (drafts !== undefined) {
    keepBestShare(drafts);
    for (const [id, list] of drafts) ledger.books.get(id)!.contributions.push(...list);
  }

  // Cells for the results matrix.
  // A cell shows the pole and fastest lap of the championship's basis: overall, or the entry's class.
  const awards = context.awards;
  for (const r of context.rows) {
    if (!r.eligible) continue;
    const scope = champ.basis === 'class' ? r.entry.classId : 'overall';
    const entryId = r.entry.id;
    const pole = holdsAward(awards, 'pole', scope, entryId);
    const fastestLap = holdsAward(awards, 'fastest-lap', scope, entryId);
    for (const holder of holdersOf(r.entry, r)) {
      const book = ledger.bookOf(holder);
      const points = carPointsInSession(book.contributions, session.id, entryId);
      book.cells.push({
        sessionId: session.id,
        race: session.race,
        entryId,
        status: r.row.status,
        position: r.position,
        overallPosition: r.row.position,
        pole,
        fastestLap,
        points,
        dropped: false,
      });
    }
  }
}

/**
 * Team scoring over whole rounds (team championships only): for each team and round, the cars the
 * rule leaves out lose every counted point of that round, and their cells show no points.
 */
export function applyRoundTeamScoring(index: SeasonIndex, champ: Championship, ledger: Ledger): void {
  if (champ.competitor !== 'team') return;
  const rule = champ.teamScoring;
  const module = teamScoringModule(rule);
  // A rule that never judges whole rounds (it says so) leaves every book as it is.
  if (!module.byRound) return;
  for (const book of ledger.books.values()) {
    // Round (event) -> car -> its counted points and best position there.
    type Car = { points: Fraction; position: number | undefined };
    const rounds = new Map<string, Map<string, Car>>();
    const carOf = (eventId: string, entryId: string) => {
      let cars = rounds.get(eventId);
      if (!cars) rounds.set(eventId, (cars = new Map<string, Car>()));
      let car = cars.get(entryId);
      if (!car) cars.set(entryId, (car = { points: ZERO, position: undefined }));
      return car;
    };
    for (const c of book.cells) {
      const car = carOf(index.findSession(c.sessionId)!.eventId, c.entryId);
      if (c.position !== undefined && (car.position === undefined || c.position < car.position))
        car.position = c.position;
    }
    for (const d of book.contributions)
      if (d.counted && d.eventId !== undefined && d.entryId !== undefined) {
        const car = carOf(d.eventId, d.entryId);
        car.points = add(car.points, d.points);
      }
    const excluded = new Map<string, string>(); // `${eventId}\n${entryId}` -> reason
    for (const [eventId, cars] of rounds) {
      const results = [...cars].map(([entryId, car]) => ({
        entryId,
        points: car.points,
        nominated: index.getEntry(entryId).nominated ?? false,
        ...(car.position === undefined ? {} : { position: car.position }),
      }));
      for (const [entryId, reason] of module.excludeInRound(rule, results))
        excluded.set(`${eventId}\n${entryId}`, reason);
    }
    if (excluded.size === 0) continue;
    for (const d of book.contributions) {
      const reason = d.counted ? excluded.get(`${d.eventId}\n${d.entryId}`) : undefined;
      if (reason !== undefined) d.discount(reason);
    }
    book.cells.forEach((c, i) => {
      if (excluded.has(`${index.findSession(c.sessionId)!.eventId}\n${c.entryId}`))
        book.cells[i] = { ...c, points: ZERO };
    });
  }
}
