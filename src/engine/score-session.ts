/**
 * Scores one session for one championship: basis positions, scale points, multipliers and bonuses,
 * as contributions per car (entry). Assigning them to drivers or teams happens afterwards.
 */
import { formatDisplay, multiply, ONE, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship, Rulebook, Scale } from './rulebook.js';
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
  /** `points` as a number when whole and under 2^40, else NaN (`wholeOf`: the bulk path's sums). */
  readonly whole: number;
  /** The car's slot in the season's entry list when its row has one (`SlottedRow`), else -1. */
  readonly slot: number;
}

/** A ranked row of `scoreSessionResults`: its entry's slot too, when the caller gave them (else -1). */
export interface SlottedRow extends ScoredRow {
  readonly slot: number;
}

/** What every result of one session shares: its rule and what its words are made from (made once per session). */
interface ResultWords {
  readonly rule: string;
  readonly basisWord: string;
  readonly why: string;
  readonly factor: Fraction;
  readonly scale: Scale | undefined;
  /** The share of its place's points a non-starter is paid (`nonStarters`), if any. */
  readonly nonStarterShare: Fraction | undefined;
}

/**
 * A ranked row that is also the car's result contribution (`scored` is the row itself): one object
 * per car and session where a ranked row and a contribution pointing at it were two (ADR 22,
 * eleventh session). A class, so every row has one shape, and nothing is allocated for the words
 * until they are read: the place's points and the non-starter's share are worked out again then.
 */
class ResultRow implements SlottedRow, CarContribution {
  constructor(
    readonly row: ClassificationRow,
    readonly entry: Entry,
    readonly eligible: boolean,
    readonly position: number | undefined,
    readonly unmet: string | undefined,
    /** The car's result points (zero for a row not eligible: it is no contribution then). */
    readonly points: Fraction,
    /** `points` as a number when they are whole and under 2^40, else NaN (the bulk path's sums). */
    readonly whole: number,
    /** The entry's slot in the season's entry list, when the caller gave them (-1 otherwise). */
    readonly slot: number,
    private readonly words: ResultWords,
  ) {}

  get scored(): ScoredRow {
    return this;
  }

  get entryId(): string {
    return this.entry.id;
  }

  get driverId(): undefined {
    return undefined;
  }

  get kind(): 'result' {
    return 'result';
  }

  get rule(): string {
    return this.words.rule;
  }

  describe(): string {
    const { basisWord, why, factor, scale } = this.words;
    const what =
      this.position !== undefined
        ? `P${this.position}${basisWord}`
        : (STATUS_WORDS[this.row.status] ?? this.row.status);
    if (this.unmet !== undefined)
      return `${this.position === undefined ? 'no place' : what}: no points (${this.unmet})`;
    const full = this.position === undefined ? ZERO : pointsForPlace(scale, this.position);
    const placeShare = this.row.status === 'DNS' ? this.words.nonStarterShare : undefined;
    if (placeShare !== undefined)
      return `${what}, did not start: ${formatDisplay(full)} × ${formatDisplay(placeShare)}${factorText(factor)} = ${formatDisplay(this.points)}${why}`;
    return `${what}: ${formatDisplay(full)}${factorText(factor)} = ${formatDisplay(this.points)}${why}`;
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
    readonly whole: number,
    readonly slot: number,
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
 * A ranked row, made once with its place (a constructor, so every row has one shape: rows made as
 * literals with `position: undefined` and filled in afterwards changed shape on the first place).
 */
class RankedRow implements ScoredRow {
  constructor(
    readonly row: ClassificationRow,
    readonly entry: Entry,
    readonly eligible: boolean,
    readonly position: number | undefined,
    readonly unmet: string | undefined,
  ) {}
}

/**
 * Per row of the session being ranked (`rankRows` is not re-entered): its entry, flags and place.
 * Kept between calls; a typed array of more than 64 bytes would be an allocation outside the heap.
 */
const rankEntries: Entry[] = [];
let rankFlags = new Uint8Array(64);
let rankPlaced = new Int32Array(64);
let rankPlace = new Int32Array(64);
/** `rankFlags`: eligible; keeps a place when ineligible cars are removed; placed (classified or a paid non-starter). */
const ELIGIBLE = 1;
const KEEPS_PLACE = 2;
const PLACED = 4;

/**
 * Ranks rows on the championship's basis; ineligible rows keep a place only when the rulebook says
 * 'keep'. `scoresHere` decides which entries' points go to this table when that is not their class
 * being in scope (drivers who changed class, `classChanges: follow-driver`); on the class basis
 * every car then keeps its place in its own class, so positions are those of the class it raced in.
 * `sessionType` says which of the championship's conditions for position points are judged.
 * `entrySlots` (from `slotsFrom` on), when given, are the rows' entries' slots in the season's
 * entry list, read instead of looking each entry up by id.
 */
export function rankRows(
  rows: readonly ClassificationRow[],
  index: SeasonIndex,
  champ: Championship,
  sessionType: string,
  scoresHere?: (entry: Entry) => boolean,
  entrySlots?: Int32Array,
  slotsFrom = 0,
): ScoredRow[] {
  const R = rows.length;
  const unmet = placeRows(rows, index, champ, sessionType, scoresHere, entrySlots, slotsFrom);
  const scored = new Array<ScoredRow>(R);
  for (let j = 0; j < R; j++) {
    const p = rankPlace[j]!;
    scored[j] = new RankedRow(
      rows[j]!,
      rankEntries[j]!,
      (rankFlags[j]! & ELIGIBLE) !== 0,
      p < 0 ? undefined : p,
      unmet?.[j],
    );
  }
  // `rankEntries` keeps the last session's entries until the next call (the rows hold them anyway).
  return scored;
}

/**
 * `rankRows` into the module's scratch arrays: row j's entry (`rankEntries`), flags (`rankFlags`)
 * and place (`rankPlace`, -1 for none); returns why each row earns no position points, when the
 * championship judges conditions here. Not re-entered; read before the next call.
 */
function placeRows(
  rows: readonly ClassificationRow[],
  index: SeasonIndex,
  champ: Championship,
  sessionType: string,
  scoresHere: ((entry: Entry) => boolean) | undefined,
  entrySlots: Int32Array | undefined,
  slotsFrom: number,
): (string | undefined)[] | undefined {
  const R = rows.length;
  if (rankFlags.length < R) {
    rankFlags = new Uint8Array(2 * R);
    rankPlaced = new Int32Array(2 * R);
    rankPlace = new Int32Array(2 * R);
  }
  const entries = rankEntries;
  const flags = rankFlags;
  const placedRows = rankPlaced;
  const place = rankPlace;
  const seasonEntries = index.season.entries;
  const classes = champ.scope.classes;
  const byClass = champ.basis === 'class';
  const nonStarters = champ.nonStarters !== undefined;
  // Who keeps a place when ineligible entries are removed: the eligible ones, or with `scoresHere`
  // every eligible car of its own class group (a mover's old class still has its other cars).
  const ownClassGroup = scoresHere !== undefined && byClass;
  let placed = 0;
  let inOrder = true;
  for (let j = 0; j < R; j++) {
    const row = rows[j]!;
    const entry =
      entrySlots === undefined ? index.getEntry(row.entryId) : seasonEntries[entrySlots[slotsFrom + j]!]!;
    entries[j] = entry;
    const here = scoresHere ? scoresHere(entry) : !classes || classes.includes(entry.classId);
    const eligible = here && entryScoresFor(entry, champ.competitor);
    const keeps = ownClassGroup ? entryScoresFor(entry, champ.competitor) : eligible;
    // Non-starters keep the place the series gave them when the championship pays them a share.
    const p = row.position;
    const isPlaced =
      p !== undefined && (row.status === 'classified' || (row.status === 'DNS' && nonStarters));
    flags[j] = (eligible ? ELIGIBLE : 0) | (keeps ? KEEPS_PLACE : 0) | (isPlaced ? PLACED : 0);
    place[j] = -1;
    if (!isPlaced) continue;
    // Results usually come in position order: sorted only when they do not (stably).
    if (placed > 0 && rows[placedRows[placed - 1]!]!.position! > p) inOrder = false;
    placedRows[placed++] = j;
  }
  if (!inOrder)
    placedRows.subarray(0, placed).sort((a, b) => rows[a]!.position! - rows[b]!.position! || a - b);
  // Conditions for position points, where judged: measured against the leader of the basis group.
  const requires = conditionIn(champ.requires, sessionType);
  let unmet: (string | undefined)[] | undefined;
  if (requires) {
    const pairs = [];
    for (let j = 0; j < R; j++) pairs.push({ row: rows[j]!, entry: entries[j]!, position: undefined });
    const leaders = leaderLaps(pairs, champ.basis);
    unmet = new Array<string | undefined>(R);
    for (let k = 0; k < placed; k++) {
      const j = placedRows[k]!;
      unmet[j] = unmetBy(requires, pairs[j], leaders, champ.basis);
    }
  }
  const moveUp = champ.unmet === 'move-up' && requires !== undefined;
  // Counted like the official class positions (classification.ts, `placeRows`: the first counted
  // row of a group is 1, the next 2, ...), leaving out the cars the championship removes.
  const remove = champ.ineligible === 'remove';
  // On the overall basis with every car kept in order, the official position stands (gaps included).
  const official = !byClass && !remove && !moveUp;
  let overall = 0;
  // On the class basis, each class's places so far (a session has a few classes: no Map).
  let groups = 0;
  for (let k = 0; k < placed; k++) {
    const j = placedRows[k]!;
    if ((remove && (flags[j]! & KEEPS_PLACE) === 0) || (moveUp && unmet![j] !== undefined)) continue;
    if (official) place[j] = rows[j]!.position!;
    else if (!byClass) place[j] = ++overall;
    else {
      const group = entries[j]!.classId;
      let g = 0;
      while (g < groups && groupIds[g] !== group) g++;
      if (g === groups) {
        groupIds[groups++] = group;
        groupPlaces[g] = 0;
      }
      place[j] = ++groupPlaces[g]!;
    }
  }
  return unmet;
}

/** `placeRows`' classes seen in the session being ranked and the places each has given. */
const groupIds: string[] = [];
const groupPlaces: number[] = [];

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
  return { context: scored.context, contributions: withSessionBonuses(champ, scored) };
}

/**
 * A session's ranked rows and result contributions, without bonuses (`addSessionBonuses`). Two
 * championships whose ranking, scale and multipliers are the same get the same ones: the bulk
 * path makes them once for both.
 */
export interface SessionResults extends ScoredSessionResult {
  /** The context's rows, with their entries' slots. */
  readonly rows: readonly SlottedRow[];
  /** The factor applied to bonus points (multipliers that include bonuses). */
  readonly bonusFactor: Fraction;
}

/**
 * `scoreSession` up to its result contributions (the rows of the eligible cars: the same array as
 * the rows when every car is eligible); `entrySlots` as `rankRows` reads them. With `eligibleOnly`
 * the context's rows are the eligible cars' only, for a caller that reads no other row (no bonuses
 * or multipliers look for them).
 */
export function scoreSessionResults(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  session: Session,
  event: Event,
  firstRaceOfEvent: boolean,
  scoresHere?: (entry: Entry) => boolean,
  entrySlots?: Int32Array,
  slotsFrom?: number,
  eligibleOnly = false,
): SessionResults {
  const classification = index.findClassification(session.id);
  const classified = classification?.rows ?? [];
  const from = slotsFrom ?? 0;
  const R = classified.length;
  const scaleId = session.pointsScale ?? champ.points[session.type];
  const scale = scaleId === undefined ? undefined : rulebook.scales[scaleId];
  const awards = index.awardsOf(session.id);

  let resultFactor = session.pointsFactor ?? ONE;
  let bonusFactor = ONE;
  const factorNotes: string[] = session.pointsFactor
    ? [`declared factor ${formatDisplay(session.pointsFactor)}`]
    : [];
  if (champ.multipliers.length > 0) {
    // A multiplier reads the session's rows (a share of the distance: their laps) before the
    // points are made: it is given the ranked rows as rankRows makes them.
    const ranked = rankRows(classified, index, champ, session.type, scoresHere, entrySlots, from);
    const context: SessionContext = {
      basis: champ.basis,
      session,
      event,
      rows: ranked,
      awards,
      firstRaceOfEvent,
    };
    for (const rule of champ.multipliers) {
      const applied = multiplierModule(rule).factor(rule, context);
      if (!applied) continue;
      resultFactor = multiply(resultFactor, applied.factor);
      if (multiplierModule(rule).includesBonuses(rule)) bonusFactor = multiply(bonusFactor, applied.factor);
      factorNotes.push(applied.description);
    }
  }
  const why = factorNotes.length ? ` (${factorNotes.join('; ')})` : '';
  const basisWord = champ.basis === 'class' ? ' in class' : '';
  const nonStarterShare = champ.nonStarters?.share;
  const words: ResultWords = {
    rule: `scale:${scaleId ?? 'none'}`,
    basisWord,
    why,
    factor: resultFactor,
    scale,
    nonStarterShare,
  };
  // Each place's points as a number, when they are its scale's listed points unchanged.
  const listed = resultFactor === ONE && scale !== undefined ? listedWhole(scale) : undefined;

  const unmet = placeRows(classified, index, champ, session.type, scoresHere, entrySlots, from);
  let eligibleRows = 0;
  for (let j = 0; j < R; j++) if ((rankFlags[j]! & ELIGIBLE) !== 0) eligibleRows++;
  const all = !eligibleOnly || eligibleRows === R;
  const rows = new Array<ResultRow>(all ? R : eligibleRows);
  // Every car eligible (an overall table, usually): the rows are the contributions.
  const contributions: ResultRow[] | undefined = eligibleRows === R || !all ? rows : [];
  let n = 0;
  for (let j = 0; j < R; j++) {
    const eligible = (rankFlags[j]! & ELIGIBLE) !== 0;
    if (!eligible && !all) continue;
    const row = classified[j]!;
    const p = rankPlace[j]!;
    const position = p < 0 ? undefined : p;
    const why = unmet?.[j];
    let points = ZERO;
    let whole = 0;
    if (eligible && position !== undefined && why === undefined) {
      const full = pointsForPlace(scale, position);
      const placeShare = row.status === 'DNS' ? nonStarterShare : undefined;
      const base = placeShare === undefined ? full : multiply(full, placeShare);
      points = resultFactor === ONE ? base : multiply(base, resultFactor);
      whole =
        placeShare === undefined && listed !== undefined && position <= listed.length
          ? listed[position - 1]!
          : wholeOf(points);
    }
    const r = new ResultRow(
      row,
      rankEntries[j]!,
      eligible,
      position,
      why,
      points,
      whole,
      entrySlots === undefined ? -1 : entrySlots[from + j]!,
      words,
    );
    rows[n++] = r;
    if (eligible && contributions !== rows) contributions.push(r);
  }
  const context: SessionContext = { basis: champ.basis, session, event, rows, awards, firstRaceOfEvent };
  return { context, rows, contributions, bonusFactor };
}

/** Sums of whole points under this are exact as numbers (and a BigInt past it converts past it). */
const WHOLE_MAX = 2 ** 40;

/** Points as a number when whole and under 2^40, else NaN (no number sum is exact then). */
export function wholeOf(points: Fraction): number {
  if (points.den !== 1n) return NaN;
  const n = Number(points.num);
  return n < WHOLE_MAX && n > -WHOLE_MAX ? n : NaN;
}

/** Each scale's listed points as numbers (`wholeOf`), worked out once per scale. */
const listedWholes = new WeakMap<Scale, readonly number[]>();
function listedWhole(scale: Scale): readonly number[] {
  let list = listedWholes.get(scale);
  if (list === undefined) listedWholes.set(scale, (list = scale.points.map(wholeOf)));
  return list;
}

/**
 * The session's contributions under `champ`: its results, then its bonuses under `champ`'s bonus
 * rules (the results' own array when there are none; a new one otherwise).
 */
export function withSessionBonuses(champ: Championship, results: SessionResults): readonly CarContribution[] {
  const { context, rows, bonusFactor } = results;
  const { session, firstRaceOfEvent } = context;
  let bonuses: CarContribution[] | undefined;
  for (const rule of champ.bonuses) {
    if (rule.firstRaceOfEvent && !firstRaceOfEvent) continue;
    if (rule.sessionTypes && !rule.sessionTypes.includes(session.type)) continue;
    for (const grant of bonusModule(rule).grant(rule, context)) {
      const points = multiply(grant.points, bonusFactor);
      // The module's row when it gives one (found by identity here: no string comparisons).
      let scored: SlottedRow | undefined;
      const row = grant.scored;
      if (row !== undefined)
        for (let j = 0; j < rows.length && scored === undefined; j++) if (rows[j] === row) scored = rows[j];
      for (let j = 0; j < rows.length && scored === undefined; j++)
        if (rows[j]!.entry.id === grant.entryId) scored = rows[j];
      (bonuses ??= []).push(
        new BonusContribution(
          grant.entryId,
          grant.driverId,
          scored,
          `bonus:${rule.kind}`,
          points,
          wholeOf(points),
          scored?.slot ?? -1,
          grant,
          bonusFactor,
        ),
      );
    }
  }
  return bonuses === undefined ? results.contributions : results.contributions.concat(bonuses);
}
