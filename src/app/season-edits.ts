/**
 * Changes to a stored season, as pure functions from a season to a changed season (or issues).
 * The store applies one in a transaction with its audit entry; nothing here touches the database.
 */
import type {
  Adjustment,
  Award,
  Classification,
  ClassificationRow,
  Result,
  ResultState,
  Season,
} from '../engine/index.js';
import { isPenalty, penaliseSeason } from '../engine/index.js';
import { compact } from '../formats/compact.js';
import { adjustmentSchema } from '../formats/season-schema.js';

export type PenaltyKind = 'time' | 'places' | 'points' | 'disqualification' | 'exclusion';
export const PENALTY_KINDS: readonly PenaltyKind[] = [
  'time',
  'places',
  'points',
  'disqualification',
  'exclusion',
];

export type SeasonEdit =
  /** Replaces a session's classification (entering or correcting it). */
  | {
      readonly kind: 'classification';
      readonly sessionId: string;
      readonly rows: readonly ClassificationRow[];
      readonly state?: 'provisional' | 'final';
    }
  /** Sets the overall pole and fastest lap of a session (undefined: none). */
  | {
      readonly kind: 'awards';
      readonly sessionId: string;
      readonly pole?: string;
      readonly fastestLap?: string;
    }
  /** Marks a session's result provisional or final. */
  | { readonly kind: 'state'; readonly sessionId: string; readonly state: 'provisional' | 'final' }
  /**
   * A stewards' penalty: seconds, places or points (amount), a disqualification, or an exclusion
   * from a championship's table (one, or all) from the session on, results kept.
   */
  | {
      readonly kind: 'penalty';
      readonly penalty: PenaltyKind;
      readonly sessionId?: string;
      readonly entryId: string;
      /** Seconds for time, places for places, points for points. */
      readonly amount?: string;
      /** For a points penalty or an exclusion: one championship, or all when absent. */
      readonly championshipId?: string;
    };

/** What an edit changed, for the audit log and for writing only what changed. */
export interface EditOutcome {
  readonly season: Season;
  readonly action: string;
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
  /** The session whose classification changed (rewritten with its state and decision). */
  readonly classification?: string;
  readonly awards?: boolean;
  readonly adjustments?: boolean;
}

const fail = (code: string, path: (string | number)[], message: string, hint?: string): Result<never> => ({
  ok: false,
  issues: [hint === undefined ? { code, path, message } : { code, path, message, hint }],
});

const findClassification = (season: Season, sessionId: string) =>
  season.classifications.find((c) => c.sessionId === sessionId);

/** A final result that is changed becomes amended, with the decision that changed it. */
const nextState = (state: ResultState | undefined): ResultState | undefined =>
  state === 'final' || state === 'amended' ? 'amended' : state;

function replaceClassification(season: Season, c: Classification): Season {
  const exists = season.classifications.some((x) => x.sessionId === c.sessionId);
  const classifications = exists
    ? season.classifications.map((x) => (x.sessionId === c.sessionId ? c : x))
    : [...season.classifications, c];
  return { ...season, classifications };
}

/** Where a penalty's problem belongs on the penalty form (file fields become form fields). */
const formField = (path: readonly (string | number)[]): string => {
  const field = path[2];
  if (field === 'entry') return 'entryId';
  if (field === 'session') return 'sessionId';
  if (field === 'seconds' || field === 'places' || field === 'points') return 'amount';
  return 'penalty';
};

/**
 * A stewards' penalty from the form or the CLI, written as an adjustment (adjustments.yaml): a
 * points deduction, or a time penalty, places penalty or disqualification that the engine applies
 * to the session's results (src/engine/penalties.ts). The results as entered stay as they were; a
 * final result becomes amended, with the decision.
 */
function applyPenalty(
  season: Season,
  edit: Extract<SeasonEdit, { kind: 'penalty' }>,
  reason: string,
): Result<EditOutcome> {
  const entry = season.entries.find((e) => e.id === edit.entryId);
  if (!entry) return fail('entry.unknown', ['entryId'], `no entry "${edit.entryId}" in ${season.id}`);
  if (edit.penalty !== 'points' && edit.penalty !== 'exclusion' && edit.sessionId === undefined)
    return fail('penalty.no-session', ['sessionId'], `a ${edit.penalty} penalty needs a session`);
  // Checked with the schema of adjustments.yaml, so a form accepts what a file accepts.
  const amount = edit.amount?.trim() ?? '';
  const places = /^-?\d+$/.test(amount) ? Number(amount) : amount === '' ? undefined : Number.NaN;
  if (edit.penalty === 'exclusion' && amount !== '')
    return fail(
      'penalty.bad-amount',
      ['amount'],
      `an exclusion has no amount (got "${amount}")`,
      'Leave the amount empty; choose the championship, or all.',
    );
  const record =
    edit.penalty === 'exclusion'
      ? {
          kind: 'exclusion',
          driver: entry.driverIds[0],
          championship: edit.championshipId,
          session: edit.sessionId,
          reason,
        }
      : edit.penalty === 'points'
        ? {
            kind: 'points-deduction',
            driver: entry.driverIds[0],
            championship: edit.championshipId,
            points: amount,
            session: edit.sessionId,
            reason,
          }
        : edit.penalty === 'time'
          ? { kind: 'time-penalty', session: edit.sessionId, entry: entry.id, seconds: amount, reason }
          : edit.penalty === 'places'
            ? { kind: 'places-penalty', session: edit.sessionId, entry: entry.id, places, reason }
            : { kind: 'disqualification', session: edit.sessionId, entry: entry.id, reason };
  const parsed = adjustmentSchema.safeParse(compact(record));
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? 'amount');
        return {
          code: ['points', 'seconds', 'places'].includes(field) ? 'penalty.bad-amount' : `schema.${i.code}`,
          path: [formField(['adjustments', 0, field])],
          message:
            field === 'places' && edit.amount !== undefined
              ? `places must be a whole number above 0, not ${edit.amount}`
              : i.message,
          hint:
            edit.penalty === 'time'
              ? 'Give seconds, such as 5 or 2.5.'
              : edit.penalty === 'places'
                ? 'Give the places, such as 3.'
                : edit.penalty === 'points'
                  ? 'Give the points to deduct, such as 5 or 5/2.'
                  : edit.penalty === 'exclusion'
                    ? 'Choose the championship, or all.'
                    : 'A disqualification has no amount.',
        };
      }),
    };
  const adjustment: Adjustment = parsed.data;
  if (adjustment.kind === 'points-deduction' && adjustment.points.num <= 0n)
    return fail(
      'penalty.bad-amount',
      ['amount'],
      `points "${edit.amount ?? ''}" is not a positive number`,
      'Give the points to deduct, such as 5 or 5/2.',
    );
  const adjustments = [...season.adjustments, adjustment];
  let changed: Season = { ...season, adjustments };
  if (!isPenalty(adjustment))
    return {
      ok: true,
      value: {
        season: changed,
        action: `penalty:${edit.penalty}`,
        subject: edit.sessionId ?? entry.id,
        before: null,
        after:
          adjustment.kind === 'points-deduction'
            ? { ...adjustment, points: edit.amount ?? null }
            : adjustment,
        adjustments: true,
      },
    };
  // The engine says now whether the penalty applies (results, a classified car, race times),
  // so the form can show the problem beside its field.
  const problems = penaliseSeason(changed).issues.filter((i) => i.path[1] === adjustments.length - 1);
  if (problems.length)
    return {
      ok: false,
      issues: problems.map((i) => ({ ...i, path: [formField(i.path)] })),
    };
  const c = findClassification(season, adjustment.sessionId);
  const state = nextState(c?.state);
  if (c && state !== c.state) changed = replaceClassification(changed, { ...c, state: state! });
  return {
    ok: true,
    value: {
      season: changed,
      action: `penalty:${edit.penalty}`,
      subject: adjustment.sessionId,
      before: null,
      after: { ...adjustment, ...('seconds' in adjustment ? { seconds: amount } : {}) },
      adjustments: true,
      ...(c && state !== c.state ? { classification: c.sessionId } : {}),
    },
  };
}

/** Applies an edit to a season; the caller validates the result and saves it. */
export function applyEdit(season: Season, edit: SeasonEdit, reason: string): Result<EditOutcome> {
  const session =
    'sessionId' in edit && edit.sessionId !== undefined
      ? season.sessions.find((s) => s.id === edit.sessionId)
      : undefined;
  if ('sessionId' in edit && edit.sessionId !== undefined && !session)
    return fail('session.unknown', ['sessionId'], `no session "${edit.sessionId}" in ${season.id}`);
  switch (edit.kind) {
    case 'classification': {
      const old = findClassification(season, edit.sessionId);
      // A state stated by the source (an importer reading "Official") applies unless the results were already final: changing those is an amendment.
      const settled = old?.state === 'final' || old?.state === 'amended';
      const state =
        edit.state !== undefined && !settled
          ? edit.state
          : old
            ? (nextState(old.state) ?? 'provisional')
            : 'provisional';
      const changed: Classification = compact({ sessionId: edit.sessionId, rows: edit.rows, state });
      return {
        ok: true,
        value: {
          season: replaceClassification(season, changed),
          action: old ? 'classification:correct' : 'classification:enter',
          subject: edit.sessionId,
          before: old ?? null,
          after: changed,
          classification: edit.sessionId,
        },
      };
    }
    case 'awards': {
      const isOverall = (a: Award) => a.sessionId === edit.sessionId && a.scope === 'overall';
      const before = season.awards.filter(isOverall);
      const added: Award[] = [];
      for (const [award, entryId] of [
        ['pole', edit.pole],
        ['fastest-lap', edit.fastestLap],
      ] as const) {
        if (entryId === undefined) continue;
        const entry = season.entries.find((e) => e.id === entryId);
        if (!entry)
          return fail(
            'entry.unknown',
            [award === 'pole' ? 'pole' : 'fastestLap'],
            `no entry "${entryId}" in ${season.id}`,
          );
        added.push(
          compact({
            sessionId: edit.sessionId,
            award,
            scope: 'overall',
            entryId,
            driverId: entry.driverIds.length === 1 ? entry.driverIds[0] : undefined,
          }),
        );
      }
      // Keep the file order: the session's new awards go where its old ones were.
      const at = season.awards.findIndex(isOverall);
      const kept = season.awards.filter((a) => !isOverall(a));
      const awards = at < 0 ? [...kept, ...added] : [...kept.slice(0, at), ...added, ...kept.slice(at)];
      return {
        ok: true,
        value: {
          season: { ...season, awards },
          action: 'awards',
          subject: edit.sessionId,
          before,
          after: added,
          awards: true,
        },
      };
    }
    case 'state': {
      const c = findClassification(season, edit.sessionId);
      if (!c)
        return fail(
          'session.no-results',
          ['sessionId'],
          `session "${edit.sessionId}" has no classification to mark ${edit.state}`,
        );
      const changed: Classification = { ...c, state: edit.state };
      return {
        ok: true,
        value: {
          season: replaceClassification(season, changed),
          action: `state:${edit.state}`,
          subject: edit.sessionId,
          before: c.state ?? null,
          after: edit.state,
          classification: edit.sessionId,
        },
      };
    }
    case 'penalty':
      return applyPenalty(season, edit, reason);
  }
}
