/**
 * Scores one session for one championship: basis positions, scale points, multipliers and bonuses,
 * as contributions per car (entry). Assigning them to drivers or teams happens afterwards.
 */
import { placeRows } from './classification.js';
import { formatDisplay, multiply, ONE, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship, Rulebook } from './rulebook.js';
import { entryScoresFor } from './season.js';
import type { ClassificationRow, Entry, Event, Session } from './season.js';
import type { SeasonIndex } from './season-index.js';
import { bonusModule, multiplierModule } from './rules/registry.js';
import { pointsForPlace } from './scale.js';
import { conditionIn, leaderLaps, unmetBy } from './rules/bonuses/conditions.js';
import type { BonusGrant, ScoredRow, SessionContext } from './rules/types.js';
import type { ContributionKind } from './standings.js';

/** Renders a contribution's words on demand: most bulk runs never read them. */
export interface Describer {
  describe(): string;
}

/** A contribution earned by a car, before it is assigned to drivers or a team. */
export interface CarContribution extends Describer {
  readonly entryId: string;
  readonly driverId: string | undefined;
  readonly kind: ContributionKind;
  readonly rule: string;
  readonly points: Fraction;
  /** The car's row in the session, when the car has one (a bonus may name a car without). */
  readonly scored: ScoredRow | undefined;
}

/** What every result of one session shares in its description (made once per session). */
interface ResultWords {
  readonly basisWord: string;
  readonly why: string;
  readonly factor: Fraction;
}

/**
 * A car's result points. A class rather than an object with a closure: one shape for every row,
 * and nothing is allocated for the words until they are read.
 */
class ResultContribution implements CarContribution {
  readonly driverId = undefined;
  readonly kind = 'result' as const;
  constructor(
    readonly scored: ScoredRow,
    readonly rule: string,
    readonly points: Fraction,
    private readonly full: Fraction,
    private readonly base: Fraction,
    private readonly placeShare: Fraction | undefined,
    private readonly words: ResultWords,
  ) {}

  get entryId(): string {
    return this.scored.entry.id;
  }

  describe(): string {
    const r = this.scored;
    const { basisWord, why, factor } = this.words;
    const what =
      r.position !== undefined ? `P${r.position}${basisWord}` : (STATUS_WORDS[r.row.status] ?? r.row.status);
    if (r.unmet !== undefined)
      return `${r.position === undefined ? 'no place' : what}: no points (${r.unmet})`;
    if (this.placeShare !== undefined)
      return `${what}, did not start: ${formatDisplay(this.full)} × ${formatDisplay(this.placeShare)}${factorText(factor)} = ${formatDisplay(this.points)}${why}`;
    return `${what}: ${formatDisplay(this.base)}${factorText(factor)} = ${formatDisplay(this.points)}${why}`;
  }
}

/** A bonus granted to a car (or one of its drivers). */
class BonusContribution implements CarContribution {
  readonly kind = 'bonus' as const;
  constructor(
    readonly entryId: string,
    readonly driverId: string | undefined,
    readonly scored: ScoredRow | undefined,
    readonly rule: string,
    readonly points: Fraction,
    private readonly grant: BonusGrant,
    private readonly factor: Fraction,
  ) {}

  describe(): string {
    return `${this.grant.description}: ${formatDisplay(this.grant.points)}${factorText(this.factor)}`;
  }
}

export interface ScoredSessionResult {
  readonly context: SessionContext;
  readonly contributions: readonly CarContribution[];
}

const STATUS_WORDS: Record<string, string> = {
  DNF: 'did not finish',
  DNS: 'did not start',
  DSQ: 'disqualified',
  NC: 'not classified',
  WD: 'withdrew',
  EX: 'excluded',
};

/**
 * Ranks rows on the championship's basis; ineligible rows keep a place only when the rulebook says
 * 'keep'. `scoresHere` decides which entries' points go to this table when that is not their class
 * being in scope (drivers who changed class, `classChanges: follow-driver`); on the class basis
 * every car then keeps its place in its own class, so positions are those of the class it raced in.
 * `sessionType` says which of the championship's conditions for position points are judged.
 */
export function rankRows(
  rows: readonly ClassificationRow[],
  index: SeasonIndex,
  champ: Championship,
  sessionType: string,
  scoresHere?: (entry: Entry) => boolean,
): ScoredRow[] {
  const classInScope = (classId: string) => !champ.scope.classes || champ.scope.classes.includes(classId);
  // Each row object is made here, so setting its place below mutates nothing of the input.
  const scored = rows.map((row): { -readonly [K in keyof ScoredRow]: ScoredRow[K] } => {
    const entry = index.getEntry(row.entryId);
    const here = scoresHere ? scoresHere(entry) : classInScope(entry.classId);
    const eligible = here && entryScoresFor(entry, champ.competitor);
    return { row, entry, eligible, position: undefined, unmet: undefined };
  });
  // Who keeps a place when ineligible entries are removed: the eligible ones, or with `scoresHere`
  // every eligible car of its own class group (a mover's old class still has its other cars).
  const keepsPlace = (r: ScoredRow) =>
    scoresHere && champ.basis === 'class' ? entryScoresFor(r.entry, champ.competitor) : r.eligible;
  // Non-starters keep the place the series gave them when the championship pays them a share.
  const placed = (r: ScoredRow) =>
    r.row.position !== undefined &&
    (r.row.status === 'classified' || (r.row.status === 'DNS' && champ.nonStarters !== undefined));
  const classified = scored.filter(placed);
  // Results usually come in position order: sort only when they do not (the sort is stable, so
  // rows already in order stay as they are either way).
  let inOrder = true;
  for (let i = 1; i < classified.length && inOrder; i++)
    inOrder = classified[i - 1]!.row.position! <= classified[i]!.row.position!;
  if (!inOrder) classified.sort((a, b) => a.row.position! - b.row.position!);
  // Conditions for position points, where judged: measured against the leader of the basis group.
  const requires = conditionIn(champ.requires, sessionType);
  if (requires) {
    const leaders = leaderLaps(scored, champ.basis);
    for (const r of classified) r.unmet = unmetBy(requires, r, leaders, champ.basis);
  }
  const moveUp = champ.unmet === 'move-up' && requires !== undefined;
  // Counted like the official class positions (classification.ts, `placeRows`), leaving out the
  // cars the championship removes; written straight into the rows made above.
  const byClass = champ.basis === 'class';
  const remove = champ.ineligible === 'remove';
  // On the overall basis with every car kept in order, the official position stands (gaps included).
  const official = !byClass && !remove && !moveUp;
  placeRows(
    classified,
    byClass ? (r) => r.entry.classId : () => '',
    (r) => !((remove && !keepsPlace(r)) || (moveUp && r.unmet !== undefined)),
    (r, place) => {
      r.position = official ? r.row.position! : place;
    },
  );
  return scored;
}

const factorText = (f: Fraction) => (f.num === f.den ? '' : ` × ${formatDisplay(f)}`);

/** Scores one held session; returns its context (for tie-breaks and cells) and per-car contributions. */
export function scoreSession(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  session: Session,
  event: Event,
  firstRaceOfEvent: boolean,
  scoresHere?: (entry: Entry) => boolean,
): ScoredSessionResult {
  const scored = scoreSessionResults(index, rulebook, champ, session, event, firstRaceOfEvent, scoresHere);
  const contributions = scored.contributions as CarContribution[];
  addSessionBonuses(champ, scored, contributions);
  return { context: scored.context, contributions };
}

/**
 * A session's ranked rows and result contributions, without bonuses (`addSessionBonuses`). Two
 * championships whose ranking, scale and multipliers are the same get the same ones: the bulk
 * path makes them once for both.
 */
export interface SessionResults extends ScoredSessionResult {
  /** The factor applied to bonus points (multipliers that include bonuses). */
  readonly bonusFactor: Fraction;
}

/** `scoreSession` up to its result contributions (a fresh array the caller may add to). */
export function scoreSessionResults(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  session: Session,
  event: Event,
  firstRaceOfEvent: boolean,
  scoresHere?: (entry: Entry) => boolean,
): SessionResults {
  const classification = index.findClassification(session.id);
  const rows = rankRows(classification?.rows ?? [], index, champ, session.type, scoresHere);
  const context: SessionContext = {
    basis: champ.basis,
    session,
    event,
    rows,
    awards: index.awardsOf(session.id),
    firstRaceOfEvent,
  };
  const scaleId = session.pointsScale ?? champ.points[session.type];
  const scale = scaleId === undefined ? undefined : rulebook.scales[scaleId];

  let resultFactor = session.pointsFactor ?? ONE;
  let bonusFactor = ONE;
  const factorNotes: string[] = session.pointsFactor
    ? [`declared factor ${formatDisplay(session.pointsFactor)}`]
    : [];
  for (const rule of champ.multipliers) {
    const applied = multiplierModule(rule).factor(rule, context);
    if (!applied) continue;
    resultFactor = multiply(resultFactor, applied.factor);
    if (multiplierModule(rule).includesBonuses(rule)) bonusFactor = multiply(bonusFactor, applied.factor);
    factorNotes.push(applied.description);
  }
  const why = factorNotes.length ? ` (${factorNotes.join('; ')})` : '';
  const basisWord = champ.basis === 'class' ? ' in class' : '';

  const contributions: CarContribution[] = [];
  const words: ResultWords = { basisWord, why, factor: resultFactor };
  const rule = `scale:${scaleId ?? 'none'}`;
  for (const r of rows) {
    if (!r.eligible) continue;
    const placeShare = r.row.status === 'DNS' ? champ.nonStarters?.share : undefined;
    const full = r.position === undefined || r.unmet !== undefined ? ZERO : pointsForPlace(scale, r.position);
    const base = placeShare === undefined ? full : multiply(full, placeShare);
    const points = multiply(base, resultFactor);
    contributions.push(new ResultContribution(r, rule, points, full, base, placeShare, words));
  }
  return { context, contributions, bonusFactor };
}

/** Adds the session's bonuses under `champ`'s bonus rules to `contributions`, after its results. */
export function addSessionBonuses(
  champ: Championship,
  results: SessionResults,
  contributions: CarContribution[],
): void {
  const { context, bonusFactor } = results;
  const { rows, session, firstRaceOfEvent } = context;
  for (const rule of champ.bonuses) {
    if (rule.firstRaceOfEvent && !firstRaceOfEvent) continue;
    if (rule.sessionTypes && !rule.sessionTypes.includes(session.type)) continue;
    for (const grant of bonusModule(rule).grant(rule, context)) {
      const points = multiply(grant.points, bonusFactor);
      const scored = rows.find((r) => r.entry.id === grant.entryId);
      contributions.push(
        new BonusContribution(
          grant.entryId,
          grant.driverId,
          scored,
          `bonus:${rule.kind}`,
          points,
          grant,
          bonusFactor,
        ),
      );
    }
  }
}
