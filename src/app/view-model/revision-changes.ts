/**
 * What one revision changed, in the sport's words, for the Changes page: the results it changed
 * (which car moved from where to where, cars added or removed, the result state), the decisions
 * recorded or withdrawn, poles and fastest laps, entries, drivers and teams, the rulebook, and every
 * championship position and points total that moved. Made from the season diff of the revision
 * and its parent (src/app/season-diff.ts) and the views of both versions; nothing of the sport
 * is worked out here.
 */
import { formatDisplay, parseFraction } from '../../engine/index.js';
import type { PointsChange, SeasonDiff } from '../season-diff.js';
import { seasonDecisions } from './decisions.js';
import type { SeasonView } from './season-view.js';

export interface ResultsChangeView {
  /** "Sebring, Race 1". */
  readonly session: string;
  readonly sessionId: string;
  /** "provisional → final", when the state changed. */
  readonly state: string | undefined;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** A car whose result changed: "#24 Loek Hartog", "P1", "P3". */
  readonly moved: readonly { readonly who: string; readonly before: string; readonly after: string }[];
}

export interface StandingChangeView {
  readonly championship: string;
  readonly who: string;
  /** "P1, 356" or "not listed". */
  readonly before: string;
  readonly after: string;
}

export interface RevisionChangesView {
  readonly results: readonly ResultsChangeView[];
  readonly decisions: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** Sessions whose pole or fastest lap changed ("Sebring, Race 1"). */
  readonly awards: readonly string[];
  readonly entries: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
  };
  readonly drivers: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
  };
  readonly teams: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
  };
  readonly rulebookChanged: boolean;
  /**
   * The setup changes in words ("Event 'Spa' added (round 2, 2026-05-23) with Race", "Driver
   * 'A. Smith' renamed to 'Alex Smith'", "Rulebook, championship 'Overall': fastest-lap bonus 1 → 2
   * points"); when given, the entries, drivers and teams changed are told here, not listed.
   */
  readonly setup: readonly string[];
  readonly standings: readonly StandingChangeView[];
  readonly files: readonly string[];
  /** True when the revision changed no file (a restore of an identical revision, say). */
  readonly unchanged: boolean;
}

/** A row's result before and after, its position only when nothing else of it changed ("P1" → "P3"). */
function placesOnly(before: string, after: string): { before: string; after: string } {
  const [b, ...restB] = before.split(' ');
  const [a, ...restA] = after.split(' ');
  return restB.join(' ') === restA.join(' ') && b && a ? { before: b, after: a } : { before, after };
}

const standing = (s: PointsChange['before']) =>
  s ? `P${s.position}, ${formatDisplay(parseFraction(s.points)!)}` : 'not listed';

/** The revision from `before` to `after` in words (`before` undefined: the first revision). */
export function revisionChanges(
  diff: SeasonDiff,
  before: SeasonView,
  after: SeasonView,
  championshipName: (id: string) => string,
  /** The setup changes in words (season-diff's setupChanges), when worked out. */
  setup?: readonly string[],
): RevisionChangesView {
  const car = (id: string) => {
    const view = after.entry(id) ? after : before;
    const e = view.entry(id);
    return e ? `#${e.car} ${view.entryDrivers(id).map(view.driverName).join(', ')}` : id;
  };
  const sessionLabel = (id: string) => {
    const view = after.session(id) ? after : before;
    const s = view.session(id);
    const event = s && view.event(s.eventId);
    return s ? `${event ? `${event.name}, ` : ''}${s.name}` : id;
  };
  const decisionText = (view: SeasonView) =>
    seasonDecisions(view, championshipName).map(
      (d) =>
        `${d.who}: ${d.what}${d.sessionId ? ` (${sessionLabel(d.sessionId)})` : ''}. Reason: ${d.decision}`,
    );
  const [was, is] = [decisionText(before), decisionText(after)];
  const named = (
    c: { added: readonly string[]; removed: readonly string[]; changed: readonly string[] },
    name: (id: string, view: SeasonView) => string,
  ) => ({
    added: c.added.map((id) => name(id, after)),
    removed: c.removed.map((id) => name(id, before)),
    changed: setup ? [] : c.changed.map((id) => name(id, after)),
  });
  return {
    results: diff.results.map((r) => ({
      session: sessionLabel(r.sessionId),
      sessionId: r.sessionId,
      state: r.state ? `${r.state.before ?? 'none'} → ${r.state.after ?? 'none'}` : undefined,
      added: r.added.map(car),
      removed: r.removed.map(car),
      moved: r.changed.map((m) => ({ who: car(m.entryId), ...placesOnly(m.before, m.after) })),
    })),
    decisions: {
      added: is.filter((x) => !was.includes(x)),
      removed: was.filter((x) => !is.includes(x)),
    },
    awards: diff.awards.map(sessionLabel),
    entries: named(diff.entries, (id) => car(id)),
    drivers: named(diff.drivers, (id, view) => view.driverName(id)),
    teams: named(diff.teams, (id, view) => view.teamName(id)),
    rulebookChanged: diff.rulebookChanged,
    setup: setup ?? [],
    standings: diff.points.map((p) => ({
      championship: championshipName(p.championshipId),
      who: p.name,
      before: standing(p.before),
      after: standing(p.after),
    })),
    files: [
      ...diff.files.added.map((f) => `+${f}`),
      ...diff.files.removed.map((f) => `-${f}`),
      ...diff.files.changed,
    ],
    unchanged: diff.unchanged,
  };
}
