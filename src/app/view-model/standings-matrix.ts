/**
 * A championship's standings as the results matrix of a season article: events under their
 * three-letter codes and flags, each cell with the marks the article would give it (bold for a
 * pole, italics for a fastest lap, a sign for any other bonus the championship scored, parentheses
 * for a dropped result, a footnote for a penalty or withheld points, a mark for results not yet
 * final), each row with its nationality, its move since the previous race of the championship and
 * its gap to the leader, and the footnotes under the table. Marks are read from the engine's cells
 * and contributions; nothing of the sport is worked out here.
 */
import { compare, describePenalty, isZero, subtract } from '../../engine/index.js';
import type {
  ChampionshipStandings,
  Contribution,
  Fraction,
  ResultState,
  ScoredSession,
  SessionCell,
  StandingRow,
} from '../../engine/index.js';
import { eventCodes } from '../../exporters/wikitext/standings-wikitext.js';
import { findAlpha2 } from '../../formats/country-codes.js';
import type { SeasonView } from './season-view.js';

/** A country as pages show it: the flag (regional indicator letters) and the country's name. */
export interface FlagView {
  readonly code: string;
  readonly emoji: string;
  readonly name: string;
}

export interface MatrixCellView {
  readonly cell: SessionCell;
  readonly pole: boolean;
  readonly fastestLap: boolean;
  /** Signs of the other bonuses the championship gave this result ("*" most laps led, "L" a lap led). */
  readonly signs: readonly string[];
  /** Footnote numbers (penalties, withheld points) of this result. */
  readonly notes: readonly number[];
}

export interface MatrixRowView {
  readonly row: StandingRow;
  readonly flag: FlagView | undefined;
  /** One list per session of the table (same order as `MatrixView.sessions`); several cars of a team. */
  readonly cells: readonly (readonly MatrixCellView[])[];
  /** Places gained (positive) or lost since the previous race of the championship; undefined when new or first race. */
  readonly movement: number | undefined;
  /** Points behind the leader (undefined for the leader and those level on points with it). */
  readonly gap: Fraction | undefined;
  /** Footnote numbers of the total (points deductions). */
  readonly notes: readonly number[];
}

export interface MatrixEventView {
  readonly eventId: string;
  readonly name: string;
  /** The article's three-letter code ("SEB"). */
  readonly code: string;
  readonly flag: FlagView | undefined;
  readonly sessions: readonly MatrixSessionView[];
}

export interface MatrixSessionView {
  readonly session: ScoredSession;
  /** The result's state when it is not final yet, or was amended after it was. */
  readonly state: Exclude<ResultState, 'final'> | undefined;
}

export interface MatrixView {
  readonly table: ChampionshipStandings;
  readonly events: readonly MatrixEventView[];
  readonly sessions: readonly MatrixSessionView[];
  readonly rows: readonly MatrixRowView[];
  /** The race the arrows compare with (undefined: no earlier race in the championship). */
  readonly previousRace: number | undefined;
  /** Footnotes in number order: "Race 3: 5 s time penalty (Decision 16 ...)". */
  readonly footnotes: readonly { readonly n: number; readonly text: string }[];
  /** Which signs the table uses, for the key. */
  readonly signs: readonly { readonly sign: string; readonly meaning: string }[];
}

/** Region names, made on first use: the first Intl object costs milliseconds at start-up. */
let regionNames: Intl.DisplayNames | undefined;

/** The flag of a nationality or country code (alpha-2 or an article's alpha-3), or undefined. */
export function flagOf(code: string | undefined): FlagView | undefined {
  if (!code) return undefined;
  const alpha2 = code.length === 2 ? code.toUpperCase() : findAlpha2(code);
  if (!alpha2 || !/^[A-Z]{2}$/.test(alpha2)) return undefined;
  const emoji = String.fromCodePoint(...[...alpha2].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
  let name: string;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    name = regionNames.of(alpha2) ?? alpha2;
  } catch {
    name = alpha2;
  }
  return { code: alpha2, emoji, name };
}

/** Signs for bonuses other than pole and fastest lap, as IndyCar and NASCAR articles print them. */
const BONUS_SIGNS: Readonly<Record<string, { sign: string; meaning: string }>> = {
  'bonus:most-laps-led': { sign: '*', meaning: 'Most laps led (bonus points)' },
  'bonus:lap-led': { sign: 'L', meaning: 'Led a lap (bonus points)' },
};

/** The matrix of one table; `previous` is the same championship after its previous race. */
export function standingsMatrix(
  view: SeasonView,
  table: ChampionshipStandings,
  previous?: ChampionshipStandings,
): MatrixView {
  const sessions: MatrixSessionView[] = table.sessions.map((session) => {
    const state = view.official(session.id)?.state;
    return { session, state: state === 'provisional' || state === 'amended' ? state : undefined };
  });
  const groups: { eventId: string; sessions: MatrixSessionView[] }[] = [];
  for (const s of sessions) {
    const last = groups.at(-1);
    if (last && last.eventId === s.session.eventId) last.sessions.push(s);
    else groups.push({ eventId: s.session.eventId, sessions: [s] });
  }
  const names = groups.map((g) => view.event(g.eventId)?.name ?? g.eventId);
  const codes = eventCodes(names);
  const events = groups.map((g, i) => ({
    eventId: g.eventId,
    name: names[i]!,
    code: codes[i]!,
    flag: flagOf(view.event(g.eventId)?.country),
    sessions: g.sessions,
  }));

  const footnotes: { n: number; text: string }[] = [];
  const note = (text: string): number => {
    const found = footnotes.find((f) => f.text === text);
    if (found) return found.n;
    footnotes.push({ n: footnotes.length + 1, text });
    return footnotes.length;
  };
  const sessionLabel = (s: Pick<ScoredSession, 'eventId' | 'race' | 'name'>) =>
    `${view.event(s.eventId)?.name ?? s.eventId} ${s.race === undefined ? s.name : `race ${s.race}`}`;
  const usedSigns = new Map<string, string>();
  const leader = table.rows[0];
  const before = new Map(previous?.rows.map((r) => [r.competitor.id, r.position]));
  const nationality = (row: StandingRow) =>
    row.competitor.kind === 'team'
      ? view.season.teams.find((t) => t.id === row.competitor.id)?.nationality
      : view.season.drivers.find((d) => d.id === row.competitor.id)?.nationality;

  const rows = table.rows.map((row): MatrixRowView => {
    const bySession = new Map<string, Contribution[]>();
    for (const c of row.contributions)
      if (c.sessionId !== undefined) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
    const cells = sessions.map(({ session }) =>
      row.cells
        .filter((cell) => cell.sessionId === session.id)
        .map((cell): MatrixCellView => {
          const own = (bySession.get(session.id) ?? []).filter((c) => c.entryId === cell.entryId);
          const scored = (rule: string) => own.some((c) => c.rule === rule && !isZero(c.points));
          const signs: string[] = [];
          for (const c of own) {
            const sign = BONUS_SIGNS[c.rule];
            if (sign && !signs.includes(sign.sign)) {
              signs.push(sign.sign);
              usedSigns.set(sign.sign, sign.meaning);
            }
          }
          const notes: number[] = [];
          for (const { penalty } of view.official(session.id)?.penalties ?? [])
            if (penalty.entryId === cell.entryId)
              notes.push(note(`${sessionLabel(session)}: ${describePenalty(penalty)} (${penalty.reason})`));
          const withheld = own.find((c) => c.withheld);
          if (withheld) notes.push(note(`${sessionLabel(session)}: points ${withheld.reason ?? 'withheld'}`));
          return {
            cell,
            pole: cell.pole || scored('bonus:pole'),
            fastestLap: cell.fastestLap || scored('bonus:fastest-lap'),
            signs,
            notes,
          };
        }),
    );
    const notes = row.contributions
      .filter((c) => c.rule === 'adjustment:points-deduction')
      .map((c) => {
        const session = c.sessionId === undefined ? undefined : view.session(c.sessionId);
        return note(
          `${row.competitor.name}: ${c.description}${session ? ` (${sessionLabel(session)})` : ''}`,
        );
      });
    const was = before.get(row.competitor.id);
    return {
      row,
      flag: flagOf(nationality(row)),
      cells,
      movement: previous && was !== undefined ? was - row.position : undefined,
      gap:
        leader && compare(leader.points, row.points) !== 0 ? subtract(leader.points, row.points) : undefined,
      notes,
    };
  });
  return {
    table,
    events,
    sessions,
    rows,
    previousRace: previous?.afterRace,
    footnotes,
    signs: [...usedSigns].map(([sign, meaning]) => ({ sign, meaning })),
  };
}

/**
 * The race the movement arrows compare with: the championship's race before its latest one
 * (undefined when it has held one race or none).
 */
export function previousRaceOf(table: ChampionshipStandings): number | undefined {
  const races = table.sessions.flatMap((s) => (s.race === undefined ? [] : [s.race])).sort((a, b) => a - b);
  return races.length > 1 ? races.at(-2) : undefined;
}
