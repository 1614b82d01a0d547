/**
 * The working ledger of one championship: a book per competitor holding its contributions (as
 * drafts that later rules may discount) and its results-matrix cells.
 */
import { add, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import type { Championship } from './rulebook.js';
import type { Entry } from './season.js';
import type { SeasonIndex } from './season-index.js';
import type { ScoredRow } from './rules/types.js';
import type { Describer } from './score-session.js';
import type { Competitor, Contribution, ContributionKind, SessionCell } from './standings.js';

/**
 * A contribution still being worked on: later rules may switch `counted` off and give a reason.
 * One class with every field set keeps the hot path monomorphic, and the description is rendered
 * only when read (bulk scoring never pays for the text).
 */
export class Draft implements Contribution {
  constructor(
    readonly sessionId: string | undefined,
    readonly eventId: string | undefined,
    readonly race: number | undefined,
    readonly kind: ContributionKind,
    readonly rule: string,
    private readonly words: Describer,
    readonly points: Fraction,
    public counted: boolean,
    public reason: string | undefined,
    readonly entryId: string | undefined,
    /** A note added to the words (how a shared car's points were shared). */
    private readonly note: string | undefined = undefined,
  ) {}

  /** Set when a stewards' decision withheld it. */
  withheld = false;

  get description(): string {
    return this.note === undefined ? this.words.describe() : `${this.words.describe()} (${this.note})`;
  }

  /** Marks the contribution as not counted, with the reason. */
  discount(reason: string): void {
    this.counted = false;
    this.reason = reason;
  }

  /** Marks the contribution as withheld by a decision, with the reason. */
  withhold(reason: string): void {
    this.discount(reason);
    this.withheld = true;
  }

  /** A plain object for JSON and for copies (spreading does not copy a getter). */
  toJSON(): Contribution {
    const { sessionId, eventId, race, kind, rule, description, points, counted, reason, entryId } = this;
    const plain = { sessionId, eventId, race, kind, rule, description, points, counted, reason, entryId };
    return this.withheld ? { ...plain, withheld: true } : plain;
  }
}

/**
 * A car's counted points in a session, from a book's drafts: that session's are the last ones booked
 * (the general pipeline's cells and the bulk path's, when a holder drove two cars there).
 */
export function carPointsInSession(drafts: readonly Draft[], sessionId: string, entryId: string): Fraction {
  let points = ZERO;
  for (let i = drafts.length - 1; i >= 0; i--) {
    const d = drafts[i]!;
    if (d.sessionId !== sessionId) break;
    if (d.entryId === entryId && d.counted) points = add(points, d.points);
  }
  return points;
}

/** Words fixed when made (rare contributions: deductions, a dropped race not started). */
export class FixedWords implements Describer {
  constructor(private readonly text: string) {}
  describe(): string {
    return this.text;
  }
}

export interface Book {
  readonly competitor: Competitor;
  readonly contributions: Draft[];
  readonly cells: SessionCell[];
}

/** The books of one championship, opened on first use. */
export class Ledger {
  readonly books = new Map<string, Book>();

  bookOf(c: Competitor): Book {
    let book = this.books.get(c.id);
    if (!book) this.books.set(c.id, (book = { competitor: c, contributions: [], cells: [] }));
    return book;
  }
}

/** Who a car's contributions belong to in a championship; competitors are made once per id. */
export function competitorFinder(champ: Championship, index: SeasonIndex) {
  const made = new Map<string, Competitor>();
  const once = (id: string, make: () => Competitor) => {
    let c = made.get(id);
    if (!c) made.set(id, (c = make()));
    return c;
  };
  // The usual case (the entry's own drivers) is cached per entry: one array, not one per point.
  const ofEntry = new Map<string, Competitor[]>();
  const drivers = (ids: readonly string[]) =>
    ids.map((id) => once(id, () => ({ id, name: index.getDriver(id).name, kind: 'driver' })));
  return (entry: Entry, row: ScoredRow | undefined, driverId?: string): readonly Competitor[] => {
    // A bonus naming a driver goes to that driver in a drivers' table, and to the car's team or
    // entry in the other tables like any of the car's points.
    if (driverId !== undefined && champ.competitor === 'driver') return drivers([driverId]);
    if (champ.competitor === 'driver' && row?.row.driverIds) return drivers(row.row.driverIds);
    let holders = ofEntry.get(entry.id);
    if (!holders) {
      switch (champ.competitor) {
        case 'driver':
          holders = drivers(entry.driverIds);
          break;
        case 'team':
          holders = [
            once(entry.teamId, () => ({
              id: entry.teamId,
              name: index.getTeam(entry.teamId).name,
              kind: 'team',
            })),
          ];
          break;
        case 'entry':
          holders = [
            once(entry.id, () => ({
              id: entry.id,
              name: `#${entry.car} ${index.getTeam(entry.teamId).name}`,
              kind: 'entry',
            })),
          ];
          break;
      }
      ofEntry.set(entry.id, holders);
    }
    return holders;
  };
}

export type HoldersOf = ReturnType<typeof competitorFinder>;
