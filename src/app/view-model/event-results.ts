/**
 * An event's results as the pages show them: each session's rows in order with their class
 * positions, the overall and class poles and fastest laps, the class winners, the result state
 * and the decision that amended it. Class positions are worked out here and nowhere else in
 * the pages: a classified row's place among the classified rows of its class, by overall position
 * (the engine's class basis, before any championship removes ineligible cars).
 */
import type {
  Classification,
  ClassificationRow,
  CompetitionClass,
  Event,
  ResultState,
  Session,
} from '../../engine/index.js';
import { orderedRows } from './season-view.js';
import type { SeasonView } from './season-view.js';

export interface ResultRowView {
  readonly row: ClassificationRow;
  readonly car: string | undefined;
  readonly drivers: readonly { readonly id: string; readonly name: string }[];
  readonly team: { readonly id: string; readonly name: string } | undefined;
  readonly classId: string | undefined;
  readonly className: string | undefined;
  /** Place among the classified cars of its class; undefined when not classified. */
  readonly classPosition: number | undefined;
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
  readonly pole: string;
  readonly fastestLap: string;
  readonly classes: readonly ClassResultView[];
}

export interface EventResultsView {
  readonly event: Event;
  readonly sessions: readonly SessionResultsView[];
}

/** Class positions of a classification: each classified row's place in its class by overall position. */
export function classPositions(
  c: Classification,
  entryClass: (entryId: string) => string | undefined,
): Map<ClassificationRow, number> {
  const counts = new Map<string, number>();
  const out = new Map<ClassificationRow, number>();
  for (const row of c.rows
    .filter((r) => r.status === 'classified' && r.position !== undefined)
    .sort((a, b) => a.position! - b.position!)) {
    const cls = entryClass(row.entryId) ?? '';
    const n = (counts.get(cls) ?? 0) + 1;
    counts.set(cls, n);
    out.set(row, n);
  }
  return out;
}

/** The rows of a session's classification as shown, with class positions. */
export function sessionRows(view: SeasonView, c: Classification): ResultRowView[] {
  const classOf = (entryId: string) => view.entry(entryId)?.classId;
  const places = classPositions(c, classOf);
  return orderedRows(c).map((row) => {
    const entry = view.entry(row.entryId);
    return {
      row,
      car: entry?.car,
      drivers: view.entryDrivers(row.entryId, row).map((id) => ({ id, name: view.driverName(id) })),
      team: entry && { id: entry.teamId, name: view.teamName(entry.teamId) },
      classId: entry?.classId,
      className: entry && view.className(entry.classId),
      classPosition: places.get(row),
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
  const c = view.classification(session.id);
  const rows = c ? sessionRows(view, c) : undefined;
  return {
    session,
    state: c?.state,
    decision: c?.state === 'amended' ? decisions.get(session.id) : undefined,
    rows,
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
