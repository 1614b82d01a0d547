/**
 * Penalties as season data: the one place where a stewards' time penalty, places penalty or
 * disqualification changes a session's classification. Every reader of results (scoring, the
 * official classification, pages, exports, the editor) sees the classification this module gives,
 * so a decision has the same effect from a file, a form or the API.
 *
 * Penalties of one session apply in the order they are written. A time penalty adds its seconds to
 * the car's race time and moves it behind every car on the same number of laps that is now
 * faster (a car with more laps stays ahead, one with fewer stays behind; on an equal time the
 * penalised car keeps its place). A places penalty moves the car down that many places (at most to
 * last of the classified cars). A disqualification takes the car out of the classification
 * (status DSQ). The cars behind move up, and positions are numbered 1, 2, ... again.
 */
import { add, compare, formatDecimalExact, fraction, parseFraction } from './fraction.js';
import type { Fraction } from './fraction.js';
import { issue } from './issues.js';
import type { DataPath, Issue } from './issues.js';
import { isPenalty } from './season.js';
import type { Classification, ClassificationRow, Penalty, Season } from './season.js';

/** A penalty as applied: which adjustment it is, and the car's position before and after it. */
export interface AppliedPenalty {
  readonly penalty: Penalty;
  /** Its index in the season's adjustments (adjustments.yaml). */
  readonly index: number;
  readonly before: number | undefined;
  readonly after: number | undefined;
}

/** A session's classification after its penalties, with the penalties in the order applied. */
export interface PenalisedSession {
  readonly classification: Classification;
  readonly applied: readonly AppliedPenalty[];
}

export interface SeasonPenalties {
  /** Only sessions that have penalties. */
  readonly sessions: ReadonlyMap<string, PenalisedSession>;
  /** Penalties that cannot be applied (validation reports them). */
  readonly issues: readonly Issue[];
}

const TIME = /^(\d+:){0,2}\d+(\.\d+)?$/;

/** A race time ("1:02:03.456", "2:03.4", "63.4") as exact seconds, or undefined (gaps, laps, blank). */
export function parseRaceTime(text: string | undefined): Fraction | undefined {
  if (text === undefined || !TIME.test(text.trim())) return undefined;
  const parts = text.trim().split(':');
  const seconds = parseFraction(parts.pop()!)!;
  const whole = parts.reduce((total, part) => total * 60n + BigInt(part), 0n) * 60n;
  return add(fraction(whole), seconds);
}

/** Decimal places needed to write a fraction exactly (up to 9), else 3 (milliseconds, rounded). */
function decimalsOf(f: Fraction): number {
  for (let d = 0; d <= 9; d++) if ((f.num * 10n ** BigInt(d)) % f.den === 0n) return d;
  return 3;
}

/** Seconds as a timing sheet prints them: "h:mm:ss.sss" or "m:ss.sss", with `decimals` places. */
export function formatRaceTime(seconds: Fraction, decimals = Math.max(3, decimalsOf(seconds))): string {
  const scale = 10n ** BigInt(decimals);
  // Rounded half up only when the fraction needs more places than asked for (display only).
  const units = (seconds.num * scale * 2n + seconds.den) / (seconds.den * 2n);
  const minute = 60n * scale;
  const h = units / (60n * minute);
  const m = (units % (60n * minute)) / minute;
  const s = units % minute;
  const sText = `${String(s / scale).padStart(2, '0')}${decimals ? `.${String(s % scale).padStart(decimals, '0')}` : ''}`;
  return h ? `${h}:${String(m).padStart(2, '0')}:${sText}` : `${m}:${sText}`;
}

/** A penalty in words: "5 s time penalty", "3-place penalty", "disqualified". */
export function describePenalty(p: Penalty): string {
  switch (p.kind) {
    case 'time-penalty':
      return `${formatDecimalExact(p.seconds)} s time penalty`;
    case 'places-penalty':
      return `${p.places}-place penalty`;
    case 'disqualification':
      return 'disqualified';
  }
}

const pathOf = (index: number, field?: string): DataPath =>
  field === undefined ? ['adjustments', index] : ['adjustments', index, field];

const describeKind: Record<Penalty['kind'], string> = {
  'time-penalty': 'a time penalty',
  'places-penalty': 'a places penalty',
  disqualification: 'a disqualification',
};

/**
 * Applies penalties (in the given order) to one classification; returns the penalised
 * classification, what each penalty did, and a problem for each penalty that cannot apply. Does
 * not mutate its input.
 */
export function penaliseClassification(
  c: Classification,
  penalties: readonly { readonly penalty: Penalty; readonly index: number }[],
): PenalisedSession & { readonly issues: readonly Issue[] } {
  const issues: Issue[] = [];
  const positioned = c.rows.filter((r) => r.position !== undefined).sort((a, b) => a.position! - b.position!);
  const others = c.rows.filter((r) => r.position === undefined);
  const placeOf = (row: ClassificationRow) => {
    const at = positioned.indexOf(row);
    return at < 0 ? undefined : at + 1;
  };
  const applied: AppliedPenalty[] = [];
  for (const { penalty, index } of penalties) {
    const find = (r: ClassificationRow) => r.entryId === penalty.entryId;
    const row = positioned.find(find) ?? others.find(find);
    if (!row) {
      issues.push(
        issue(
          'penalty.not-in-results',
          pathOf(index, 'entry'),
          `entry "${penalty.entryId}" is not in the results of ${penalty.sessionId}`,
          'Name an entry of that session, or the session in which it was penalised.',
        ),
      );
      continue;
    }
    const before = placeOf(row);
    if (penalty.kind === 'disqualification') {
      const { position: _position, ...rest } = row;
      if (before !== undefined) positioned.splice(before - 1, 1);
      else others.splice(others.indexOf(row), 1);
      others.push({ ...rest, status: 'DSQ' });
      applied.push({ penalty, index, before, after: undefined });
      continue;
    }
    if (before === undefined || row.status !== 'classified') {
      issues.push(
        issue(
          'penalty.not-classified',
          pathOf(index, 'entry'),
          `entry "${penalty.entryId}" is not classified in ${penalty.sessionId} (${row.status}), so ${describeKind[penalty.kind]} cannot move it`,
          'Time and places penalties apply to classified cars; write a disqualification or a points deduction instead.',
        ),
      );
      continue;
    }
    const from = before - 1;
    if (penalty.kind === 'places-penalty') {
      positioned.splice(from, 1);
      positioned.splice(Math.min(from + penalty.places, positioned.length), 0, row);
      applied.push({ penalty, index, before, after: placeOf(row) });
      continue;
    }
    // A time penalty: the car's new time against the cars behind it on the same number of laps.
    const time = parseRaceTime(row.time);
    if (time === undefined) {
      issues.push(
        issue(
          'penalty.no-times',
          pathOf(index),
          `a time penalty needs the race time of entry "${penalty.entryId}" in ${penalty.sessionId}, which has ${row.time === undefined ? 'none' : `"${row.time}"`}`,
          'Enter total race times (such as 45:12.345) in the results, or write a places penalty.',
        ),
      );
      continue;
    }
    const penalised = add(time, penalty.seconds);
    let to = from + 1;
    let missing: ClassificationRow | undefined;
    for (; to < positioned.length; to++) {
      const other = positioned[to]!;
      if (other.laps !== row.laps) break;
      const otherTime = parseRaceTime(other.time);
      if (otherTime === undefined) {
        missing = other;
        break;
      }
      if (compare(otherTime, penalised) >= 0) break;
    }
    if (missing) {
      issues.push(
        issue(
          'penalty.no-times',
          pathOf(index),
          `a time penalty on entry "${penalty.entryId}" in ${penalty.sessionId} needs the race time of entry "${missing.entryId}", on the same lap behind it, which has ${missing.time === undefined ? 'none' : `"${missing.time}"`}`,
          'Enter total race times of the cars on the same lap, or write a places penalty.',
        ),
      );
      continue;
    }
    const moved: ClassificationRow = {
      ...row,
      time: formatRaceTime(penalised, decimalsFor(row.time, penalty.seconds)),
    };
    positioned.splice(from, 1);
    positioned.splice(to - 1, 0, moved);
    applied.push({ penalty, index, before, after: placeOf(moved) });
  }
  const rows = [
    ...positioned.map((r, i) => (r.position === i + 1 ? r : { ...r, position: i + 1 })),
    ...others,
  ];
  return { classification: { ...c, rows }, applied, issues };
}

/** Decimal places of the penalised time: as many as the time or the penalty has, at least 3. */
function decimalsFor(time: string | undefined, seconds: Fraction): number {
  const written = /\.(\d+)$/.exec(time?.trim() ?? '')?.[1]?.length ?? 0;
  return Math.max(3, written, decimalsOf(seconds));
}

/** Checks one penalty's own fields (amounts, references); returns its problems. */
function penaltyFieldIssues(season: Season, p: Penalty, index: number): Issue[] {
  const out: Issue[] = [];
  if (!season.entries.some((e) => e.id === p.entryId))
    out.push(issue('entry.unknown', pathOf(index, 'entry'), `unknown entry "${p.entryId}"`));
  if (!season.sessions.some((s) => s.id === p.sessionId))
    out.push(issue('session.unknown', pathOf(index, 'session'), `unknown session "${p.sessionId}"`));
  if (p.kind === 'time-penalty' && p.seconds.num <= 0n)
    out.push(
      issue(
        'penalty.bad-amount',
        pathOf(index, 'seconds'),
        'a time penalty adds a positive number of seconds',
      ),
    );
  if (p.kind === 'places-penalty' && (!Number.isInteger(p.places) || p.places <= 0))
    out.push(
      issue(
        'penalty.bad-amount',
        pathOf(index, 'places'),
        `places must be a whole number above 0, not ${p.places}`,
      ),
    );
  if (!p.reason.trim())
    out.push(issue('penalty.no-reason', pathOf(index, 'reason'), "a penalty gives the stewards' decision"));
  return out;
}

/**
 * The season's penalties applied to its classifications: the official classification of every
 * session that has penalties, and a problem for each penalty that cannot apply (unknown entry or
 * session, no results, not classified, no race times). Penalties with problems are left out.
 */
export function penaliseSeason(season: Season): SeasonPenalties {
  const bySession = new Map<string, { penalty: Penalty; index: number }[]>();
  const issues: Issue[] = [];
  season.adjustments.forEach((a, index) => {
    if (!isPenalty(a)) return;
    const problems = penaltyFieldIssues(season, a, index);
    if (problems.length) return void issues.push(...problems);
    bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), { penalty: a, index }]);
  });
  const sessions = new Map<string, PenalisedSession>();
  for (const [sessionId, penalties] of bySession) {
    const c = season.classifications.find((x) => x.sessionId === sessionId);
    if (!c) {
      for (const { index } of penalties)
        issues.push(
          issue(
            'penalty.no-results',
            pathOf(index, 'session'),
            `session "${sessionId}" has no results to penalise`,
            'Enter the results first, or name the session in which the penalty was given.',
          ),
        );
      continue;
    }
    const done = penaliseClassification(c, penalties);
    issues.push(...done.issues);
    sessions.set(sessionId, { classification: done.classification, applied: done.applied });
  }
  return { sessions, issues };
}
