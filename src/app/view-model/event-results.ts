/**
 * An event's results as the pages show them: each session's official classification (the engine's:
 * penalties applied, overall and class positions) with names, the penalties and their decisions,
 * the overall and class poles and fastest laps, the class winners, the result state and the
 * decision that amended it. Nothing of the sport is worked out here.
 */
import {
  add,
  compare,
  describePenalty,
  formatDisplay,
  formatRaceTime,
  isZero,
  parseRaceTime,
  subtract,
  ZERO,
} from '../../engine/index.js';
import type {
  ClassificationRow,
  CompetitionClass,
  Event,
  Fraction,
  OfficialClassification,
  ResultState,
  SeasonStandings,
  Session,
  Status,
} from '../../engine/index.js';
import type { SeasonView } from './season-view.js';

export interface ResultRowView {
  readonly row: ClassificationRow;
  readonly car: string | undefined;
  readonly drivers: readonly { readonly id: string; readonly name: string }[];
  readonly team: { readonly id: string; readonly name: string } | undefined;
  readonly classId: string | undefined;
  readonly className: string | undefined;
  /** Place among the classified cars of its class (the engine's); undefined when not classified. */
  readonly classPosition: number | undefined;
  /** The position in the results as entered, when a penalty changed it. */
  readonly positionBeforePenalties: number | undefined;
  /** This car's penalties in the session ("5 s time penalty"), with the decisions. */
  readonly penalties: readonly PenaltyView[];
  /** The winner's race time, or the gap to the winner ("+3.658", "+1 lap"); undefined without data. */
  readonly timeOrGap: string | undefined;
  /** The gap to the car classified just ahead; undefined for the winner or without data. */
  readonly interval: string | undefined;
  /** Places gained from the grid (negative: lost), when the results give the grid; classified cars only. */
  readonly gained: number | undefined;
  /** The status in words ("Retired", "Disqualified"), undefined when classified. */
  readonly statusText: string | undefined;
  /**
   * Points this car scored in the session, one per championship of `SessionResultsView.championships`
   * (same order); undefined where that championship gave it none or does not score it.
   */
  readonly points: readonly (SessionPointsView | undefined)[];
}

/** What one car scored in one session in one championship (from the engine's contributions). */
export interface SessionPointsView {
  /** Points scored (position and bonuses), counted or not. */
  readonly scored: Fraction;
  /** Of those, the points that count in the championship's table (not dropped, not withheld). */
  readonly counted: Fraction;
  /** As printed: "28", "(12)" when none of it counts, "3 (15)" when part of it counts; drivers sharing a car who scored differently are joined with " / ". */
  readonly text: string;
}

/** A penalty applied to a session's results, with the stewards' decision. */
export interface PenaltyView {
  readonly entryId: string;
  readonly car: string | undefined;
  readonly drivers: string;
  readonly penalty: string;
  readonly decision: string;
  /** Position before and after this penalty (undefined: not classified). */
  readonly before: number | undefined;
  readonly after: number | undefined;
}

export interface ClassResultView {
  readonly class: CompetitionClass;
  readonly winner: ResultRowView | undefined;
  /** Names of the class pole and fastest-lap holders ('' when none). */
  readonly pole: string;
  readonly fastestLap: string;
  readonly classified: readonly ResultRowView[];
  readonly notClassified: readonly ResultRowView[];
}

export interface SessionResultsView {
  readonly session: Session;
  readonly state: ResultState | undefined;
  /** The decision that amended a final result, when it was amended. */
  readonly decision: string | undefined;
  /** Undefined when the session has no results yet. */
  readonly rows: readonly ResultRowView[] | undefined;
  /** The penalties applied to the results, in the order applied. */
  readonly penalties: readonly PenaltyView[];
  readonly pole: string;
  readonly fastestLap: string;
  /** The pole time: the pole holder's best lap (or time) in the event's qualifying, when given. */
  readonly poleTime: string | undefined;
  /** The fastest lap's time: the holder's best lap in this session, when the results give it. */
  readonly fastestLapTime: string | undefined;
  readonly classes: readonly ClassResultView[];
  /** The championships that score this session, in the standings' order (the points columns). */
  readonly championships: readonly { readonly id: string; readonly name: string }[];
  /** Which optional columns have data in this session (empty columns are not shown). */
  readonly columns: {
    readonly laps: boolean;
    readonly timeOrGap: boolean;
    readonly interval: boolean;
    readonly bestLap: boolean;
    readonly grid: boolean;
    readonly classes: boolean;
    readonly status: boolean;
    readonly penalties: boolean;
  };
}

export interface EventResultsView {
  readonly event: Event;
  readonly sessions: readonly SessionResultsView[];
}

function penaltyViews(view: SeasonView, o: OfficialClassification | undefined): PenaltyView[] {
  return (o?.penalties ?? []).map(({ penalty, before, after }) => {
    const entry = view.entry(penalty.entryId);
    return {
      entryId: penalty.entryId,
      car: entry?.car,
      drivers: view
        .entryDrivers(penalty.entryId)
        .map((id) => view.driverName(id))
        .join(', '),
      penalty: describePenalty(penalty),
      decision: penalty.reason,
      before,
      after,
    };
  });
}

/** The statuses in words, for the results table (the matrix key's abbreviations spelt out). */
export const STATUS_TEXT: Readonly<Record<Status, string | undefined>> = {
  classified: undefined,
  DNF: 'Retired',
  DNS: 'Did not start',
  DSQ: 'Disqualified',
  NC: 'Not classified',
  WD: 'Withdrawn',
  EX: 'Excluded',
};

/** A gap in seconds as timing sheets print it: "+3.658", "+1:02.345". */
function formatGap(seconds: Fraction): string {
  const text = formatRaceTime(seconds, 3);
  return `+${text.startsWith('0:') ? text.slice(2).replace(/^0(?=\d)/, '') : text}`;
}

/**
 * The gap from `ahead` to `row` (both classified): laps down when `row` ran fewer laps, else the
 * difference of their race times; a source's own gap ("+3.658") is kept as written.
 */
function gapBetween(ahead: ClassificationRow, row: ClassificationRow): string | undefined {
  if (ahead.laps !== undefined && row.laps !== undefined && row.laps < ahead.laps) {
    const down = ahead.laps - row.laps;
    return `+${down} lap${down === 1 ? '' : 's'}`;
  }
  const a = parseRaceTime(ahead.time);
  const b = parseRaceTime(row.time);
  if (a === undefined || b === undefined || compare(b, a) < 0) return undefined;
  return formatGap(subtract(b, a));
}

/** Time or gap to the winner, and interval to the car ahead, of a classified row. */
function timing(
  rows: readonly ClassificationRow[],
  index: number,
): { timeOrGap: string | undefined; interval: string | undefined } {
  const row = rows[index]!;
  if (row.status !== 'classified' || row.position === undefined)
    return { timeOrGap: undefined, interval: undefined };
  if (index === 0) return { timeOrGap: row.time, interval: undefined };
  const own = row.time?.startsWith('+') ? row.time : undefined;
  return { timeOrGap: own ?? gapBetween(rows[0]!, row), interval: gapBetween(rows[index - 1]!, row) };
}

/** The text of one car's points: one figure, or the drivers' figures when they differ. */
function pointsText(holders: readonly { scored: Fraction; counted: Fraction }[]): string {
  const one = (p: { scored: Fraction; counted: Fraction }) =>
    compare(p.scored, p.counted) === 0
      ? formatDisplay(p.scored)
      : isZero(p.counted)
        ? `(${formatDisplay(p.scored)})`
        : `${formatDisplay(p.counted)} (${formatDisplay(p.scored)})`;
  const texts = holders.map(one);
  return texts.every((t) => t === texts[0]) ? texts[0]! : texts.join(' / ');
}

/**
 * The points each car scored in a session in each championship that scores it, read from the
 * standings' contributions (scale and bonuses; adjustments are not a session's points).
 */
export function sessionPoints(
  standings: SeasonStandings,
  sessionId: string,
): {
  championships: { id: string; name: string }[];
  byEntry: Map<string, (SessionPointsView | undefined)[]>;
} {
  const tables = standings.championships.filter((t) => t.sessions.some((s) => s.id === sessionId));
  const byEntry = new Map<string, (SessionPointsView | undefined)[]>();
  tables.forEach((table, i) => {
    const holders = new Map<string, { scored: Fraction; counted: Fraction }[]>();
    for (const row of table.rows) {
      const own = new Map<string, { scored: Fraction; counted: Fraction }>();
      for (const c of row.contributions) {
        if (c.sessionId !== sessionId || c.entryId === undefined || c.kind === 'adjustment') continue;
        const p = own.get(c.entryId) ?? { scored: ZERO, counted: ZERO };
        own.set(c.entryId, {
          scored: add(p.scored, c.points),
          counted: c.counted ? add(p.counted, c.points) : p.counted,
        });
      }
      for (const [entryId, p] of own) holders.set(entryId, [...(holders.get(entryId) ?? []), p]);
    }
    for (const [entryId, list] of holders) {
      if (list.every((p) => isZero(p.scored))) continue;
      const cells =
        byEntry.get(entryId) ?? new Array<SessionPointsView | undefined>(tables.length).fill(undefined);
      const total = list[0]!;
      cells[i] = { scored: total.scored, counted: total.counted, text: pointsText(list) };
      byEntry.set(entryId, cells);
    }
  });
  return { championships: tables.map((t) => ({ id: t.id, name: t.name })), byEntry };
}

/** The rows of a session's official classification as shown, with class positions and penalties. */
export function sessionRows(
  view: SeasonView,
  sessionId: string,
  points?: ReadonlyMap<string, readonly (SessionPointsView | undefined)[]>,
): ResultRowView[] | undefined {
  const o = view.official(sessionId);
  if (!o) return undefined;
  const penalties = penaltyViews(view, o);
  const ordered = o.rows.map((r) => r.row);
  return o.rows.map((r, index) => {
    const entry = view.entry(r.row.entryId);
    return {
      ...timing(ordered, index),
      gained: r.row.grid !== undefined && r.position !== undefined ? r.row.grid - r.position : undefined,
      statusText: STATUS_TEXT[r.row.status],
      points: points?.get(r.row.entryId) ?? [],
      row: r.row,
      car: entry?.car,
      drivers: view.entryDrivers(r.row.entryId, r.row).map((id) => ({ id, name: view.driverName(id) })),
      team: entry && { id: entry.teamId, name: view.teamName(entry.teamId) },
      classId: entry?.classId,
      className: entry && view.className(entry.classId),
      classPosition: r.classPosition,
      positionBeforePenalties: r.positionBeforePenalties,
      penalties: penalties.filter((p) => p.entryId === r.row.entryId),
    };
  });
}

/** Names of the holders of an award in a session (the car's drivers when the award names none; '' when none). */
function awardHolders(view: SeasonView, sessionId: string, kind: string, scope: string): string {
  return view
    .awardsOf(sessionId)
    .filter((a) => a.award === kind && a.scope === scope)
    .map((a) =>
      a.driverId !== undefined
        ? view.driverName(a.driverId)
        : view
            .entryDrivers(a.entryId)
            .map((d) => view.driverName(d))
            .join(', ') || a.entryId,
    )
    .join(', ');
}

/**
 * The time of a session's overall pole or fastest lap, when the results give it: the fastest lap
 * is the holder's best lap in the session; the pole, the holder's best lap (else time) in the
 * qualifying session itself or, for a race, in its event's qualifying.
 */
function awardTime(view: SeasonView, session: Session, kind: 'pole' | 'fastest-lap'): string | undefined {
  const holder = view.awardsOf(session.id).find((a) => a.award === kind && a.scope === 'overall');
  if (!holder) return undefined;
  const rowIn = (id: string) => view.official(id)?.rows.find((r) => r.row.entryId === holder.entryId)?.row;
  if (kind === 'fastest-lap') return rowIn(session.id)?.bestLap;
  const qualifying =
    session.type === 'qualifying'
      ? [session]
      : view.sessionsOf(session.eventId).filter((s) => s.type === 'qualifying');
  for (const q of qualifying) {
    const row = rowIn(q.id);
    const time = row?.bestLap ?? row?.time;
    if (time) return time;
  }
  return undefined;
}

/** The results of one session; with the standings, the points each car scored in it. */
export function sessionResults(
  view: SeasonView,
  session: Session,
  decisions: ReadonlyMap<string, string>,
  standings?: SeasonStandings,
): SessionResultsView {
  const o = view.official(session.id);
  const points = standings && sessionPoints(standings, session.id);
  const rows = sessionRows(view, session.id, points?.byEntry);
  const any = (has: (r: ResultRowView) => boolean) => (rows ?? []).some(has);
  return {
    championships: points?.championships ?? [],
    columns: {
      laps: any((r) => r.row.laps !== undefined),
      timeOrGap: any((r) => r.timeOrGap !== undefined),
      interval: any((r) => r.interval !== undefined),
      bestLap: any((r) => r.row.bestLap !== undefined),
      grid: any((r) => r.row.grid !== undefined),
      classes: view.season.classes.length > 1,
      status: any((r) => r.statusText !== undefined || r.row.note !== undefined),
      penalties: any((r) => r.penalties.length > 0),
    },
    session,
    state: o?.state,
    decision: o?.state === 'amended' ? decisions.get(session.id) : undefined,
    rows,
    penalties: penaltyViews(view, o),
    pole: awardHolders(view, session.id, 'pole', 'overall'),
    fastestLap: awardHolders(view, session.id, 'fastest-lap', 'overall'),
    poleTime: awardTime(view, session, 'pole'),
    fastestLapTime: awardTime(view, session, 'fastest-lap'),
    classes: view.season.classes.map((cls) => {
      const inClass = (rows ?? []).filter((r) => r.classId === cls.id);
      return {
        class: cls,
        winner: inClass.find((r) => r.classPosition === 1),
        pole: awardHolders(view, session.id, 'pole', cls.id),
        fastestLap: awardHolders(view, session.id, 'fastest-lap', cls.id),
        classified: inClass.filter((r) => r.row.position !== undefined),
        notClassified: inClass.filter((r) => r.row.position === undefined),
      };
    }),
  };
}

/** Every session of an event with its results (and, with the standings, the points of each car). */
export function eventResults(
  view: SeasonView,
  event: Event,
  decisions: ReadonlyMap<string, string>,
  standings?: SeasonStandings,
): EventResultsView {
  return {
    event,
    sessions: view.sessionsOf(event.id).map((s) => sessionResults(view, s, decisions, standings)),
  };
}
