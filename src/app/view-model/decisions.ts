/**
 * The stewards' decisions of a season as the pages publish them: every record of
 * `adjustments.yaml` (time and places penalties, disqualifications, points deductions, exclusions,
 * results withheld) with its decision text, the car or competitor it concerns, the session and
 * event, and for a penalty the positions before and after it (the engine's official
 * classification). Nothing of the sport is worked out here.
 */
import { describePenalty, formatDisplay, isPenalty } from '../../engine/index.js';
import type { Adjustment } from '../../engine/index.js';
import type { SeasonView } from './season-view.js';

export interface DecisionView {
  /** The record's place in adjustments.yaml (0-based): decisions are listed in the order given. */
  readonly index: number;
  readonly kind: Adjustment['kind'];
  /** What was decided: "5 s time penalty", "3 points deducted (Pro)", "excluded from every championship". */
  readonly what: string;
  /** Who: "#24 Loek Hartog" for a car, else the driver's or team's name. */
  readonly who: string;
  readonly sessionId: string | undefined;
  readonly sessionName: string | undefined;
  readonly eventId: string | undefined;
  readonly eventName: string | undefined;
  /** For a penalty that applied: the position before and after it ("P3 → P5", "P3 → DSQ"). */
  readonly effect: string | undefined;
  /** The stewards' decision text. */
  readonly decision: string;
}

const place = (p: number | undefined, dsq: boolean) => (p === undefined ? (dsq ? 'DSQ' : '–') : `P${p}`);

/** Every decision of the season, in the order of adjustments.yaml. */
export function seasonDecisions(view: SeasonView, championshipName: (id: string) => string): DecisionView[] {
  const carOf = (entryId: string) => {
    const e = view.entry(entryId);
    const names = view.entryDrivers(entryId).map(view.driverName).join(', ');
    return e ? `#${e.car} ${names}` : entryId;
  };
  const competitor = (a: { readonly driverId?: string; readonly teamId?: string }) =>
    a.driverId !== undefined
      ? view.driverName(a.driverId)
      : a.teamId !== undefined
        ? view.teamName(a.teamId)
        : '';
  const inChampionship = (id: string | undefined) =>
    id === undefined ? 'every championship' : `the ${championshipName(id)} championship`;
  return view.season.adjustments.map((a, index): DecisionView => {
    const sessionId = a.sessionId;
    const session = sessionId === undefined ? undefined : view.session(sessionId);
    const event = session ? view.event(session.eventId) : undefined;
    const base = {
      index,
      kind: a.kind,
      sessionId,
      sessionName: session?.name,
      eventId: event?.id,
      eventName: event?.name,
      decision: a.reason,
    };
    if (isPenalty(a)) {
      const applied = view.official(a.sessionId)?.penalties.find((p) => p.index === index);
      return {
        ...base,
        what: describePenalty(a),
        who: carOf(a.entryId),
        effect: applied
          ? `${place(applied.before, false)} → ${place(applied.after, a.kind === 'disqualification')}`
          : undefined,
      };
    }
    const what =
      a.kind === 'points-deduction'
        ? `${formatDisplay(a.points)} point${formatDisplay(a.points) === '1' ? '' : 's'} deducted in ${inChampionship(a.championshipId)}`
        : a.kind === 'exclusion'
          ? `excluded from ${inChampionship(a.championshipId)}${
              a.applies === 'final' ? "'s final table" : session ? ` from ${session.name} on` : ''
            }`
          : `results withheld in ${inChampionship(a.championshipId)}`;
    return { ...base, what, who: competitor(a), effect: undefined };
  });
}

/** The decisions concerning one event's sessions. */
export const eventDecisions = (decisions: readonly DecisionView[], eventId: string): DecisionView[] =>
  decisions.filter((d) => d.eventId === eventId);
