/**
 * An event's results as the pages show them: each session's official classification (the engine's:
 * penalties applied, overall and class positions) with names, the penalties and their decisions,
 * the overall and class poles and fastest laps, the class winners, the result state and the
 * decision that amended it. Nothing of the sport is worked out here.
 */
import { describePenalty } from '../../engine/index.js';
import type {
  ClassificationRow,
  CompetitionClass,
  Event,
  OfficialClassification,
  ResultState,
  Session,
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
  readonly classes: readonly ClassResultView[];
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

/** The rows of a session's official classification as shown, with class positions and penalties. */
export function sessionRows(view: SeasonView, sessionId: string): ResultRowView[] | undefined {
  const o = view.official(sessionId);
  if (!o) return undefined;
  const penalties = penaltyViews(view, o);
  return o.rows.map((r) => {
    const entry = view.entry(r.row.entryId);
    return {
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

/** Names of the holders of an award in a session ('' when none). */
function awardHolders(view: SeasonView, sessionId: string, kind: string, scope: string): string {
  return view
    .awardsOf(sessionId)
    .filter((a) => a.award === kind && a.scope === scope)
    .map((a) => view.driverName(a.driverId ?? view.entry(a.entryId)?.driverIds[0] ?? a.entryId))
    .join(', ');
}

/** The results of one session. */
export function sessionResults(
  view: SeasonView,
  session: Session,
  decisions: ReadonlyMap<string, string>,
): SessionResultsView {
  const o = view.official(session.id);
  const rows = sessionRows(view, session.id);
  return {
    session,
    state: o?.state,
    decision: o?.state === 'amended' ? decisions.get(session.id) : undefined,
    rows,
    penalties: penaltyViews(view, o),
    pole: awardHolders(view, session.id, 'pole', 'overall'),
    fastestLap: awardHolders(view, session.id, 'fastest-lap', 'overall'),
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

/** Every session of an event with its results. */
export function eventResults(
  view: SeasonView,
  event: Event,
  decisions: ReadonlyMap<string, string>,
): EventResultsView {
  return { event, sessions: view.sessionsOf(event.id).map((s) => sessionResults(view, s, decisions)) };
}
