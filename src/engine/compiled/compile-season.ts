/**
 * Compiles a season after a race: the engine scores the races held so far once (without drop
 * rules, so every unit a drop rule may later discard is still there), and each championship's
 * remaining sessions are turned into tables of scaled whole-number points.
 */
import { computeStandings } from '../compute-standings.js';
import { dropContextOf } from '../apply-drops.js';
import { fraction, multiply, ONE } from '../fraction.js';
import type { Fraction } from '../fraction.js';
import { fail, issue, ok } from '../issues.js';
import type { Result } from '../issues.js';
import type { BonusTie, Championship, Rulebook } from '../rulebook.js';
import { entryScoresFor, isPenalty, STARTED_STATUSES } from '../season.js';
import type { Season, Session } from '../season.js';
import { indexSeason } from '../season-index.js';
import { pointsForPlace, scoringPlaces } from '../scale.js';
import type { SeasonIndex } from '../season-index.js';
import { multiplierModule, sharedDriveModule } from '../rules/registry.js';
import { conditionIn } from '../rules/bonuses/conditions.js';
import type { SessionContext, TieBreakPlace, TieBreakRecord } from '../rules/types.js';
import { teamScoringFast } from './fast-rules.js';
import type { ChampionshipStandings, Competitor } from '../standings.js';
import { validateRulebook } from '../validate-rulebook.js';
import { validateSeason } from '../validate-season.js';
import type {
  ChampionshipSession,
  CompiledChampionship,
  CompiledCondition,
  CompiledExclusion,
  CompiledSeason,
  RemainingSession,
} from './types.js';

export interface CompileOptions {
  /** Compile after this race (0: before the first); the latest race with results by default. */
  readonly afterRace?: number;
  /** Only these championships; all by default. */
  readonly championships?: readonly string[];
  /**
   * Only what was known after the race (docs/decisions/0007-exact-title-scenarios.md, "Known after
   * race N"): every entry entered for that race's event may take part in every remaining session
   * (the folder's later entry spans record what happened after), and exclusions, deductions and
   * withheld results that the table after the race does not apply yet are not known. Off by default:
   * a season in progress has no later facts, and the live path scores the race running now.
   */
  readonly asKnown?: boolean;
}

/**
 * A hypothetical award or most-laps-led bonus may be shared by up to six holders and stay a whole
 * number of units (the unit is divisible by lcm(1..6) = 60).
 */
export const MAX_BONUS_SHARES = 6;
const AWARD_SHARES = 60n;
/** Scaled totals must stay exact in a double. */
const SAFE = 2 ** 50;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;

/** Sessions of the season a championship scores (by type and event tags), in calendar order. */
export function sessionsInScope(index: SeasonIndex, champ: Championship): Session[] {
  return index.sessions.filter((s) => {
    if (!(s.type in champ.points)) return false;
    const tags = index.getEvent(s.eventId).tags;
    if (champ.scope.eventTags && !champ.scope.eventTags.some((t) => tags.includes(t))) return false;
    return !champ.scope.excludeEventTags?.some((t) => tags.includes(t));
  });
}

/** A rulebook whose championships keep every unit (no drops) and list everyone with a cell. */
function unfoldedRulebook(rulebook: Rulebook): Rulebook {
  return {
    ...rulebook,
    championships: rulebook.championships.map((c) => ({ ...c, drops: [], listed: 'entered' as const })),
  };
}

/** Compiles a season after a race for fast scoring of hypothetical remainders. */
export function compileSeason(
  season: Season,
  rulebook: Rulebook,
  options: CompileOptions = {},
): Result<CompiledSeason> {
  const problems = [...validateSeason(season), ...validateRulebook(rulebook, season)];
  if (problems.length) return fail(problems);
  const index = indexSeason(season);
  const afterRace = options.afterRace ?? index.lastHeldRace;
  if (afterRace !== 0 && !index.races.includes(afterRace)) {
    return fail([
      issue(
        'race.unknown',
        ['afterRace'],
        `there is no race ${afterRace} in ${season.id}`,
        `Races run from ${index.races[0] ?? 1} to ${index.races.at(-1) ?? 0}.`,
      ),
    ]);
  }
  const wanted = options.championships;
  const unknown = (wanted ?? []).filter((id) => !rulebook.championships.some((c) => c.id === id));
  if (unknown.length) {
    return fail(
      unknown.map((id) =>
        issue(
          'championship.unknown',
          ['championship'],
          `unknown championship "${id}"`,
          `Choose one of: ${rulebook.championships.map((c) => c.id).join(', ')}.`,
        ),
      ),
    );
  }
  const champs = rulebook.championships.filter((c) => !wanted || wanted.includes(c.id));

  const cutoffSession = index.sessions.find((s) => s.race === afterRace);
  const cutoff = afterRace === 0 || !cutoffSession ? -1 : index.order.get(cutoffSession.id)!;
  let past: readonly ChampionshipStandings[] = [];
  if (afterRace !== 0) {
    const scored = computeStandings(season, unfoldedRulebook(rulebook), {
      afterRace,
      championships: champs.map((c) => c.id),
    });
    if (!scored.ok) return fail(scored.issues);
    past = scored.value.championships;
  }

  const entries = season.entries;
  const entryIndex = new Map(entries.map((e, i) => [e.id, i]));
  // Known after the race (docs/decisions/0007-exact-title-scenarios.md): the next event's entry list
  // as the folder has it (entries close before an event); at every later event, each driver of the
  // race's event whose season goes on (the folder has the driver at a later event) may take part in
  // the car of the race's event, taking the seat of a newcomer to the team if there is one (a
  // replacement is a later fact). A driver whose season ended at the race is known not to go on.
  const carriedOn = options.asKnown && cutoffSession ? cutoffSession.eventId : undefined;
  const later = index.sessions.filter((s) => index.order.get(s.id)! > cutoff && s.eventId !== carriedOn);
  const nextEvent = later[0]?.eventId;
  const laterEvents = new Set(later.map((s) => s.eventId));
  const goesOn = new Set(
    entries.flatMap((e) => (e.eventIds.some((ev) => laterEvents.has(ev)) ? e.driverIds : [])),
  );
  const field = entries.flatMap((e, i) =>
    carriedOn !== undefined && e.eventIds.includes(carriedOn) ? [i] : [],
  );
  const inField = new Set(field.flatMap((i) => entries[i]!.driverIds));
  const enteredAt = (eventId: string): number[] => {
    const entered = entries.flatMap((e, i) => (e.eventIds.includes(eventId) ? [i] : []));
    if (carriedOn === undefined || eventId === carriedOn || eventId === nextEvent) return entered;
    const present = new Set(entered.flatMap((i) => entries[i]!.driverIds));
    const out = new Set<number>();
    const carried: number[] = [];
    for (const i of field) {
      const e = entries[i]!;
      if (e.eventIds.includes(eventId) || !e.driverIds.some((d) => goesOn.has(d))) continue;
      if (e.driverIds.some((d) => present.has(d))) continue;
      const seat = entered.find(
        (j) =>
          !out.has(j) &&
          entries[j]!.teamId === e.teamId &&
          !entries[j]!.driverIds.some((d) => inField.has(d)),
      );
      if (seat !== undefined) out.add(seat);
      carried.push(i);
    }
    return [...entered.filter((j) => !out.has(j)), ...carried];
  };
  const sessions: RemainingSession[] = index.sessions
    .filter((s) => index.order.get(s.id)! > cutoff)
    .map((s) => ({
      id: s.id,
      eventId: s.eventId,
      name: s.name,
      type: s.type,
      race: s.race,
      order: index.order.get(s.id)!,
      entered: enteredAt(s.eventId),
    }));

  const compiled: CompiledChampionship[] = [];
  const seasonRef = {} as { value: CompiledSeason };
  for (const champ of champs) {
    const standings = past.find((p) => p.id === champ.id);
    const known = options.asKnown ? { lastRace: afterRace >= (index.races.at(-1) ?? 0) } : undefined;
    const made = compileChampionship(index, rulebook, champ, standings, sessions, cutoff, seasonRef, known);
    if (!made.ok) return fail(made.issues);
    compiled.push(made.value);
  }
  seasonRef.value = {
    id: season.id,
    name: season.name,
    afterRace,
    cutoff,
    lastRace: index.races.at(-1) ?? 0,
    entries,
    entryIndex,
    sessions,
    championships: compiled,
  };
  return ok(seasonRef.value);
}

function compileChampionship(
  index: SeasonIndex,
  rulebook: Rulebook,
  champ: Championship,
  standings: ChampionshipStandings | undefined,
  sessions: readonly RemainingSession[],
  cutoff: number,
  seasonRef: { value: CompiledSeason },
  known: { readonly lastRace: boolean } | undefined,
): Result<CompiledChampionship> {
  const season = index.season;
  const entries = season.entries;

  // Competitors: everyone the engine listed or excluded, then every holder of an eligible entry.
  const competitors: Competitor[] = [];
  const compIndex = new Map<string, number>();
  const addCompetitor = (c: Competitor) => {
    let i = compIndex.get(c.id);
    if (i === undefined) {
      i = competitors.length;
      compIndex.set(c.id, i);
      competitors.push(c);
    }
    return i;
  };
  for (const row of standings?.rows ?? []) addCompetitor(row.competitor);
  const excluded = new Map<number, string>();
  for (const e of standings?.excluded ?? []) excluded.set(addCompetitor(e.competitor), e.reason);
  const driverComp = (id: string) =>
    addCompetitor({ id, name: index.findDriver(id)?.name ?? id, kind: 'driver' });
  const teamComp = (id: string) => addCompetitor({ id, name: index.findTeam(id)?.name ?? id, kind: 'team' });
  const eligible = new Uint8Array(entries.length);
  const holders: Int32Array[] = [];
  const teamOf = new Int32Array(entries.length).fill(-1);
  const teamScores = new Uint8Array(entries.length);
  const shareDivisor = new Int32Array(entries.length).fill(1);
  const sharing = sharedDriveModule(champ.sharedDrives);
  const unsupported: string[] = [];
  if (champ.overrides?.length) unsupported.push('fields overridden at chosen sessions');
  if (champ.nonStarters) unsupported.push('points for non-starters');
  // Conditions for position points need nothing here: held sessions come scored by the engine,
  // and a hypothetical classified car ran the full distance without disconnecting, so meets them.
  if (champ.classChanges === 'follow-driver')
    unsupported.push('points that follow a driver who changes class');
  // Held sessions are scored by the engine with their penalties; a hypothetical result of a
  // remaining session would have to take its penalties too, which the fast path does not do.
  const remainingIds = new Set(sessions.map((s) => s.id));
  if (!known && index.season.adjustments.some((a) => isPenalty(a) && remainingIds.has(a.sessionId)))
    unsupported.push('penalties in sessions not yet scored');
  const teamFast = teamScoringFast[champ.teamScoring.kind]?.(champ.teamScoring as never);
  if (!teamFast && champ.competitor === 'team')
    unsupported.push(`team scoring of kind ${champ.teamScoring.kind}`);
  const team = teamFast ?? { bestCars: 0, nominatedOnly: false };
  entries.forEach((entry, e) => {
    const inScope = !champ.scope.classes || champ.scope.classes.includes(entry.classId);
    eligible[e] = inScope && entryScoresFor(entry, champ.competitor) ? 1 : 0;
    if (!eligible[e]) {
      holders.push(new Int32Array(0));
      return;
    }
    switch (champ.competitor) {
      case 'driver':
        holders.push(Int32Array.from(entry.driverIds.map(driverComp)));
        break;
      case 'team':
        holders.push(Int32Array.of(teamComp(entry.teamId)));
        break;
      case 'entry':
        holders.push(
          Int32Array.of(
            addCompetitor({
              id: entry.id,
              name: `#${entry.car} ${index.findTeam(entry.teamId)?.name ?? entry.teamId}`,
              kind: 'entry',
            }),
          ),
        );
        break;
    }
    if (champ.competitor === 'team') {
      teamOf[e] = holders[e]![0]!;
      teamScores[e] = team.nominatedOnly && !entry.nominated ? 0 : 1;
    } else teamScores[e] = 1;
    if (champ.competitor === 'driver' && entry.driverIds.length > 1) {
      // The shared-drive rule says what each of k drivers gets of a car's points: the whole
      // (full), 1/k (divide) or nothing (none). Probe it with k points to learn which.
      const k = entry.driverIds.length;
      const probe = sharing.share(champ.sharedDrives, fraction(k), k);
      const whole = probe.points.den === 1n && probe.points.num === BigInt(k);
      const part = probe.points.den === 1n && probe.points.num === 1n;
      if (probe.counted && !whole && !part)
        unsupported.push(`shared drives of kind ${champ.sharedDrives.kind}`);
      shareDivisor[e] = !probe.counted ? 0 : whole ? 1 : k;
    }
  });
  // Adjustments name competitors too. Exclusions apply table by table: every one applies to the
  // final table; one from a session on, or for the final table only, may not apply yet.
  const exclusions: CompiledExclusion[] = [];
  for (const a of season.adjustments) {
    if (isPenalty(a)) continue;
    if (a.championshipId !== undefined && a.championshipId !== champ.id) continue;
    let i: number | undefined;
    if (champ.competitor === 'driver' && a.driverId !== undefined) i = driverComp(a.driverId);
    if (champ.competitor === 'team' && a.driverId === undefined && a.teamId !== undefined)
      i = teamComp(a.teamId);
    if (i === undefined || a.kind !== 'exclusion') continue;
    const fromOrder = a.sessionId === undefined ? -1 : (index.order.get(a.sessionId) ?? Infinity);
    const finalOnly = a.applies === 'final';
    // As known after the race: only an exclusion its table applies.
    if (known && (fromOrder > cutoff || (finalOnly && !known.lastRace))) continue;
    excluded.set(i, a.reason);
    exclusions.push({ competitor: i, reason: a.reason, fromOrder, finalOnly });
  }
  const n = competitors.length;

  // Groups for basis positions.
  const classIds = season.classes.map((c) => c.id);
  const group = new Int32Array(entries.length);
  if (champ.basis === 'class')
    entries.forEach((e, i) => (group[i] = Math.max(0, classIds.indexOf(e.classId))));
  const groups = champ.basis === 'class' ? Math.max(1, classIds.length) : 1;

  // Sessions in scope, held so far.
  const inScope = sessionsInScope(index, champ);
  const heldIds = new Set((standings?.sessions ?? []).map((s) => s.id));
  const heldSessions = inScope
    .filter((s) => heldIds.has(s.id))
    .map((s) => ({ id: s.id, order: index.order.get(s.id)!, race: s.race }));
  const heldColumn = new Map(heldSessions.map((s, i) => [s.id, i]));
  const h = heldSessions.length;
  const racesOnly = 'race' in champ.points;

  // The common unit: every denominator that can occur in a total.
  let den = 1n;
  const take = (f: Fraction) => void (den = lcm(den, f.den));
  for (const row of standings?.rows ?? []) for (const c of row.contributions) take(c.points);
  for (const e of standings?.excluded ?? []) take(e.points);
  for (const a of season.adjustments) if (a.kind === 'points-deduction') take(a.points);

  const remaining: (ChampionshipSession | undefined)[] = [];
  const raw: { table: Fraction[]; bonuses: { rule: CompiledBonusDraft }[] }[] = [];
  const scopeIds = new Set(inScope.map((s) => s.id));
  const maxEntered = Math.max(1, entries.length);
  for (const rs of sessions) {
    if (!scopeIds.has(rs.id)) {
      raw.push({ table: [], bonuses: [] });
      continue;
    }
    const session = index.findSession(rs.id)!;
    const event = index.getEvent(session.eventId);
    const firstRaceOfEvent =
      index.sessions.find((s) => s.eventId === event.id && s.type === session.type)?.id === session.id;
    const ctx: SessionContext = {
      basis: champ.basis,
      session,
      event,
      rows: [],
      awards: [],
      firstRaceOfEvent,
    };
    let resultFactor = session.pointsFactor ?? ONE;
    let bonusFactor = ONE;
    for (const rule of champ.multipliers) {
      const applied = multiplierModule(rule).factor(rule, ctx);
      if (!applied) continue;
      resultFactor = multiply(resultFactor, applied.factor);
      if (multiplierModule(rule).includesBonuses(rule)) bonusFactor = multiply(bonusFactor, applied.factor);
    }
    const scaleId = session.pointsScale ?? champ.points[session.type];
    const scale = scaleId === undefined ? undefined : rulebook.scales[scaleId];
    const table = Array.from({ length: maxEntered }, (_, p) =>
      multiply(pointsForPlace(scale, p + 1), resultFactor),
    );
    table.forEach(take);
    const bonuses: { rule: CompiledBonusDraft }[] = [];
    for (const rule of champ.bonuses) {
      if (rule.firstRaceOfEvent && !firstRaceOfEvent) continue;
      if (rule.sessionTypes && !rule.sessionTypes.includes(session.type)) continue;
      const points = multiply(rule.points, bonusFactor);
      take(points);
      den = lcm(den, AWARD_SHARES * points.den);
      const judged = conditionIn(rule.requires, session.type);
      const requires: CompiledCondition = {
        classified: judged?.classified ?? false,
        topN: judged?.topN ?? 0,
        laps: judged?.minLapsShare !== undefined,
      };
      const tie = 'tie' in rule ? rule.tie : undefined;
      bonuses.push({
        rule:
          rule.kind === 'pole' || rule.kind === 'fastest-lap'
            ? { kind: 'award', award: rule.kind, scope: rule.scope, points, requires, tie }
            : { kind: rule.kind, points, requires, tie },
      });
    }
    raw.push({ table, bonuses });
  }
  for (let e = 0; e < entries.length; e++) if (shareDivisor[e]! > 1) den = lcm(den, BigInt(shareDivisor[e]!));

  const scale = Number(den);
  if (!Number.isSafeInteger(scale) || scale > SAFE) {
    return fail([
      issue(
        'fast-path.scale',
        ['championships', champ.id],
        `the points of ${champ.name} need a common unit of 1/${den}, too fine for the fast path`,
      ),
    ]);
  }
  let tooBig = false;
  const units = (f: Fraction): number => {
    const v = Number(f.num * (den / f.den));
    if (Math.abs(v) > SAFE) tooBig = true;
    return v;
  };

  // Past state from the engine's unfolded standings.
  const fixed = new Float64Array(n);
  const result = new Float64Array(n * h);
  const bonus = new Float64Array(n * h);
  const started = new Uint8Array(n * h);
  const listedBits = new Uint8Array(n);
  const records: TieBreakPlace[][] = Array.from({ length: n }, () => []);
  const firstScored: TieBreakRecord['firstScored'][] = new Array<TieBreakRecord['firstScored']>(n);
  for (const row of standings?.rows ?? []) {
    const i = compIndex.get(row.competitor.id)!;
    for (const c of row.contributions) {
      if (c.kind !== 'adjustment' && c.points.num > 0n && !c.withheld) listedBits[i]! |= 1;
      if (!c.counted) continue;
      const col = c.sessionId === undefined ? undefined : heldColumn.get(c.sessionId);
      if (c.kind === 'adjustment' || col === undefined) fixed[i]! += units(c.points);
      else if (c.kind === 'result') result[i * h + col]! += units(c.points);
      else bonus[i * h + col]! += units(c.points);
    }
    const positions: TieBreakPlace[] = [];
    for (const cell of row.cells) {
      listedBits[i]! |= 8;
      // Classified in a race, unless the championship scores no races (as tie-breaks count).
      if (cell.status === 'classified' && (!racesOnly || index.findSession(cell.sessionId)?.type === 'race'))
        listedBits[i]! |= 2;
      const col = heldColumn.get(cell.sessionId);
      if (STARTED_STATUSES.has(cell.status)) {
        listedBits[i]! |= 4;
        if (col !== undefined) started[i * h + col] = 1;
      }
      const order = index.order.get(cell.sessionId)!;
      if (firstScored[i] === undefined && cell.points.num > 0n) firstScored[i] = { order, race: cell.race };
      if (racesOnly && index.findSession(cell.sessionId)?.type !== 'race') continue;
      // Every car's place (a team's best car is picked by the tie-break that wants it).
      if (cell.position !== undefined) positions.push({ order, race: cell.race, position: cell.position });
    }
    records[i] = positions;
  }
  // Deductions from held sessions (or none) of competitors the engine did not list.
  const listedIds = new Set((standings?.rows ?? []).map((r) => r.competitor.id));
  for (const a of season.adjustments) {
    if (a.kind !== 'points-deduction') continue;
    if (a.championshipId !== undefined && a.championshipId !== champ.id) continue;
    const target =
      champ.competitor === 'driver' ? a.driverId : a.driverId === undefined ? a.teamId : undefined;
    if (target === undefined || listedIds.has(target)) continue;
    const i = compIndex.get(target);
    if (i === undefined || excluded.has(i)) continue;
    if (a.sessionId === undefined || heldIds.has(a.sessionId)) fixed[i]! -= units(a.points);
  }

  for (let k = 0; k < sessions.length; k++) {
    const rs = sessions[k]!;
    const r = raw[k]!;
    if (!scopeIds.has(rs.id)) {
      remaining.push(undefined);
      continue;
    }
    const deductions: { competitor: number; points: number }[] = [];
    const withheld: number[] = [];
    for (const a of season.adjustments) {
      if (isPenalty(a)) continue;
      if (a.championshipId !== undefined && a.championshipId !== champ.id) continue;
      if (!('sessionId' in a) || a.sessionId !== rs.id || known) continue;
      const target =
        champ.competitor === 'driver' ? a.driverId : a.driverId === undefined ? a.teamId : undefined;
      const i = target === undefined ? undefined : compIndex.get(target);
      if (i === undefined) continue;
      if (a.kind === 'points-deduction') deductions.push({ competitor: i, points: -units(a.points) });
      if (a.kind === 'results-withheld') withheld.push(i);
    }
    let bestShare = false;
    if (champ.competitor === 'driver' && sharing.bestShareOnly(champ.sharedDrives)) {
      const seen = new Set<number>();
      for (const e of rs.entered)
        for (const c of holders[e]!) {
          if (seen.has(c)) bestShare = true;
          seen.add(c);
        }
    }
    remaining.push({
      session: k,
      order: rs.order,
      race: rs.race,
      recorded: !racesOnly || rs.type === 'race',
      table: Float64Array.from(r.table.map(units)),
      bonuses: r.bonuses.map(({ rule }) => ({ ...rule, points: units(rule.points) })),
      deductions,
      withheld,
      bestShare,
    });
  }
  if (unsupported.length) {
    return fail([
      issue(
        'fast-path.unsupported',
        ['championships', champ.id],
        `the fast path cannot score ${champ.name}: ${[...new Set(unsupported)].join(', ')}`,
      ),
    ]);
  }
  if (tooBig) {
    return fail([
      issue(
        'fast-path.scale',
        ['championships', champ.id],
        `the points of ${champ.name} are too large for the fast path`,
      ),
    ]);
  }

  // Names rank as the engine's last ranking key: name, then id.
  const byName = competitors
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.name.localeCompare(b.c.name) || a.c.id.localeCompare(b.c.id));
  const nameRank = new Int32Array(n);
  byName.forEach(({ i }, rank) => (nameRank[i] = rank));

  const raceScale = rulebook.scales[champ.points['race'] ?? Object.values(champ.points)[0] ?? ''];
  const maxPerSession = Float64Array.from(remaining, (cs) =>
    cs === undefined ? 0 : cs.table[0]! + cs.bonuses.reduce((t, b) => t + b.points, 0),
  );
  return ok({
    id: champ.id,
    name: champ.name,
    championship: champ,
    get season() {
      return seasonRef.value;
    },
    competitors,
    nameRank,
    excluded,
    exclusions,
    scale,
    heldSessions,
    past: { fixed, result, bonus, started, listedBits, records, firstScored },
    sessions: remaining,
    eligible,
    group,
    groups,
    entryClass: entries.map((e) => e.classId),
    holders,
    shareDivisor,
    teamOf,
    teamScores,
    bestCars: champ.competitor === 'team' ? team.bestCars : 0,
    dropRules: champ.drops,
    tieBreaks: champ.tieBreaks,
    scoringPlaces: scoringPlaces(raceScale),
    ...dropContextOf(index, inScope),
    maxPerSession,
    toFraction: (u: number) => fraction(BigInt(u), den),
  });
}

type CompiledBonusDraft =
  | {
      readonly kind: 'award';
      readonly award: 'pole' | 'fastest-lap';
      readonly scope: 'overall' | 'class';
      readonly points: Fraction;
      readonly requires: CompiledCondition;
      readonly tie: BonusTie | undefined;
    }
  | {
      readonly kind: 'lap-led' | 'most-laps-led';
      readonly points: Fraction;
      readonly requires: CompiledCondition;
      readonly tie: BonusTie | undefined;
    };
