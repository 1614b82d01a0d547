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
import { compact } from '../formats/compact.js';
import { adjustmentSchema } from '../formats/season-schema.js';

export type PenaltyKind = 'time' | 'places' | 'points' | 'disqualification';
export const PENALTY_KINDS: readonly PenaltyKind[] = ['time', 'places', 'points', 'disqualification'];

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
  /** A stewards' penalty: seconds, places or points (amount), or a disqualification. */
  | {
      readonly kind: 'penalty';
      readonly penalty: PenaltyKind;
      readonly sessionId?: string;
      readonly entryId: string;
      /** Seconds for time, places for places, points for points. */
      readonly amount?: string;
      /** For a points penalty: one championship, or all when absent. */
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

/** Renumbers positioned rows 1..n in their order, keeping unpositioned rows after them. */
function renumber(rows: readonly ClassificationRow[]): ClassificationRow[] {
  const positioned = rows.filter((r) => r.position !== undefined);
  const rest = rows.filter((r) => r.position === undefined);
  return [...positioned.map((r, i) => ({ ...r, position: i + 1 })), ...rest];
}

/** "1:02:03.456", "2:03.4" or "63.4" as seconds, or undefined. */
export function parseRaceTime(text: string | undefined): number | undefined {
  if (text === undefined || !/^(\d+:){0,2}\d+(\.\d+)?$/.test(text.trim())) return undefined;
  return text
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** Seconds as "h:mm:ss.sss" (or "m:ss.sss"), the way timing sheets print them. */
export function formatRaceTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function applyPenalty(
  season: Season,
  edit: Extract<SeasonEdit, { kind: 'penalty' }>,
  reason: string,
): Result<EditOutcome> {
  const entry = season.entries.find((e) => e.id === edit.entryId);
  if (!entry) return fail('entry.unknown', ['entryId'], `no entry "${edit.entryId}" in ${season.id}`);
  if (edit.penalty === 'points') {
    // Checked with the schema of adjustments.yaml, so a form accepts what a file accepts.
    const parsed = adjustmentSchema.safeParse(
      compact({
        kind: 'points-deduction',
        driver: entry.driverIds[0],
        championship: edit.championshipId,
        points: edit.amount ?? '',
        session: edit.sessionId,
        reason,
      }),
    );
    if (!parsed.success)
      return {
        ok: false,
        issues: parsed.error.issues.map((i) => ({
          code: `schema.${i.code}`,
          path: [String(i.path[0] ?? 'amount') === 'points' ? 'amount' : String(i.path[0] ?? 'amount')],
          message: i.message,
        })),
      };
    const points = parsed.data.kind === 'points-deduction' ? parsed.data.points : undefined;
    if (points === undefined || points.num <= 0n)
      return fail(
        'penalty.bad-amount',
        ['amount'],
        `points "${edit.amount ?? ''}" is not a positive number`,
        'Give the points to deduct, such as 5 or 5/2.',
      );
    const adjustment: Adjustment = compact({
      kind: 'points-deduction' as const,
      driverId: entry.driverIds[0],
      championshipId: edit.championshipId,
      points,
      sessionId: edit.sessionId,
      reason,
    });
    return {
      ok: true,
      value: {
        season: { ...season, adjustments: [...season.adjustments, adjustment] },
        action: 'penalty:points',
        subject: edit.sessionId ?? entry.id,
        before: null,
        after: { ...adjustment, points: edit.amount ?? null },
        adjustments: true,
      },
    };
  }
  if (edit.sessionId === undefined)
    return fail('penalty.no-session', ['sessionId'], `a ${edit.penalty} penalty needs a session`);
  const c = findClassification(season, edit.sessionId);
  if (!c)
    return fail('session.no-results', ['sessionId'], `session "${edit.sessionId}" has no classification yet`);
  const index = c.rows.findIndex((r) => r.entryId === edit.entryId);
  if (index < 0)
    return fail(
      'penalty.not-classified',
      ['entryId'],
      `entry "${edit.entryId}" is not in the classification of ${edit.sessionId}`,
    );
  const row = c.rows[index]!;
  let rows: ClassificationRow[];
  if (edit.penalty === 'disqualification') {
    const { position: _dropped, ...rest } = row;
    rows = renumber([...c.rows.slice(0, index), ...c.rows.slice(index + 1), { ...rest, status: 'DSQ' }]);
  } else {
    const amount = Number(edit.amount);
    if (edit.amount === undefined || !Number.isFinite(amount) || amount <= 0)
      return fail(
        'penalty.bad-amount',
        ['amount'],
        `"${edit.amount ?? ''}" is not a positive number`,
        edit.penalty === 'time' ? 'Give seconds, such as 5 or 2.5.' : 'Give the places, such as 3.',
      );
    if (row.position === undefined)
      return fail(
        'penalty.not-classified',
        ['entryId'],
        `entry "${edit.entryId}" has no position in ${edit.sessionId} to penalise`,
      );
    const positioned = c.rows
      .filter((r) => r.position !== undefined)
      .sort((a, b) => a.position! - b.position!);
    const others = c.rows.filter((r) => r.position === undefined);
    if (edit.penalty === 'places') {
      if (!Number.isInteger(amount))
        return fail('penalty.bad-amount', ['amount'], `places must be a whole number, not ${edit.amount}`);
      const from = positioned.indexOf(row);
      const moved = positioned.filter((r) => r !== row);
      moved.splice(Math.min(from + amount, moved.length), 0, row);
      rows = renumber([...moved, ...others]);
    } else {
      const times = positioned.map((r) => parseRaceTime(r.time));
      const sameLap = positioned.filter((r) => r.laps === row.laps);
      if (
        sameLap.some((r) => parseRaceTime(r.time) === undefined) ||
        times[positioned.indexOf(row)] === undefined
      )
        return fail(
          'penalty.no-times',
          ['penalty'],
          `a time penalty needs the total race time of every car on ${row.laps ?? 'the same number of'} laps in ${edit.sessionId}`,
          'Enter the times in the classification, or give a places penalty.',
        );
      const penalised = { ...row, time: formatRaceTime(parseRaceTime(row.time)! + amount) };
      const list = positioned.map((r) => (r === row ? penalised : r));
      list.sort(
        (a, b) =>
          (b.laps ?? 0) - (a.laps ?? 0) ||
          (a.laps === b.laps ? parseRaceTime(a.time)! - parseRaceTime(b.time)! : 0) ||
          a.position! - b.position!,
      );
      rows = renumber([...list, ...others]);
    }
  }
  const changed: Classification = compact({ sessionId: c.sessionId, rows, state: nextState(c.state) });
  return {
    ok: true,
    value: {
      season: replaceClassification(season, changed),
      action: `penalty:${edit.penalty}`,
      subject: c.sessionId,
      before: c,
      after: changed,
      classification: c.sessionId,
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
