/**
 * One race followed live: each running order from a source is matched to the season's entries
 * (the importers' matching: a confirmed mapping, the car number, the driver's name; never a
 * guess), turned into the classification and fastest-lap awards it would be if the race ended
 * now, and scored into live standings. Competitors that match nothing are listed for
 * confirmation and left out until confirmed. `apply` returns nothing when the order changed
 * nothing the standings depend on.
 */
import type {
  Award,
  ClassificationRow,
  Entry,
  Result,
  Rulebook,
  Season,
  Session,
  Status,
} from '../engine/index.js';
import type { ImportedRow } from '../importers/results/imported-row.js';
import { formatDuration } from '../importers/results/imported-row.js';
import { classificationRows, matchEntries } from '../importers/results/match-entries.js';
import { fastestLapAwards } from '../importers/results/plan-import.js';
import type { Mappings } from '../importers/results/match-entries.js';
import { defaultScorer } from './compiled-scorer.js';
import { liveSession, LiveStandings } from './live-standings.js';
import type { LiveChampionship, LiveScorer } from './live-standings.js';
import type { Flag } from './rmonitor.js';
import type { RunningOrder, RunningOrderRow } from './running-order.js';

export interface LiveOrderRow {
  /** Overall position among the running cars; undefined for retired and other cars. */
  readonly position?: number;
  /** The source's identity of the car. */
  readonly key: string;
  readonly car?: string;
  /** The season's entry, once matched. */
  readonly entryId?: string;
  /** The season's driver names when matched, else the feed's. */
  readonly drivers: readonly string[];
  /** The entry's class id when matched, else the feed's class name. */
  readonly className?: string;
  readonly status: Status;
  readonly laps?: number;
  readonly lapsLed?: number;
  readonly bestLapMs?: number;
  readonly fastestLap: boolean;
}

export interface UnmatchedCompetitor {
  /** The source's identity of the car. */
  readonly feedKey: string;
  /** What to confirm: `--assign <key>=<driver-id>` (remembered in mappings.yaml). */
  readonly key: string;
  readonly car?: string;
  readonly drivers: readonly string[];
  readonly reason: string;
  readonly suggestions: readonly string[];
}

/** Everything a live page, the API or the CLI shows after one change. */
export interface LiveUpdate {
  /** Counts the changes of this race since the session started following it. */
  readonly seq: number;
  readonly season: { readonly id: string; readonly name: string };
  readonly session: { readonly id: string; readonly race: number; readonly name: string };
  readonly flag: Flag;
  readonly lapsToGo?: number;
  readonly finished: boolean;
  readonly order: readonly LiveOrderRow[];
  readonly unmatched: readonly UnmatchedCompetitor[];
  readonly championships: readonly LiveChampionship[];
}

interface Matched {
  readonly entry: Entry;
  readonly by: string;
}

export interface LiveSessionOptions {
  readonly season: Season;
  readonly rulebook: Rulebook;
  readonly sessionId: string;
  /** Confirmed identities (mappings.yaml), with this run's confirmations. */
  readonly mappings?: Mappings;
  /** The compiled fast path by default (computeStandings when the season cannot be compiled). */
  readonly scorer?: LiveScorer;
}

const identityOf = (r: RunningOrderRow) =>
  `${r.key}\u0000${r.car ?? ''}\u0000${r.platformId ?? ''}\u0000${r.drivers.join('\u0001')}`;

/**
 * Everything of a running order the live tables depend on, as one string: most orders a feed
 * gives (a heartbeat, a lap completed further back) change none of it, and stop here.
 */
function orderSignature(order: RunningOrder): string {
  let sig = `${order.flag}|${order.finished}|${order.rows[0]?.laps}`;
  for (const r of order.rows)
    sig += `\n${identityOf(r)}|${r.status}|${r.lapsLed ?? ''}|${r.bestLapMs ?? ''}|${order.finished ? (r.laps ?? '') : ''}`;
  return sig;
}

/**
 * The rows of a running order as an importer would read them (positions for running cars); the
 * best lap as text only when asked (saving), since scoring does not read it.
 */
export function importedRowsOf(order: RunningOrder, withBestLap = true): ImportedRow[] {
  let position = 0;
  return order.rows.map((r, i): ImportedRow => {
    const bestLap = r.bestLapMs === undefined || !withBestLap ? undefined : formatDuration(r.bestLapMs);
    const { bestLapMs } = r;
    return {
      line: i + 1,
      ...(r.status === 'classified' ? { position: ++position } : {}),
      ...(r.car === undefined ? {} : { car: r.car }),
      ...(r.platformId === undefined ? {} : { platformId: r.platformId }),
      drivers: r.drivers,
      ...(r.className === undefined ? {} : { className: r.className }),
      status: r.status,
      ...(r.laps === undefined ? {} : { laps: r.laps }),
      ...(r.lapsLed === undefined ? {} : { lapsLed: r.lapsLed }),
      ...(bestLap === undefined ? {} : { bestLap }),
      ...(bestLapMs === undefined ? {} : { bestLapMs }),
    };
  });
}

export class LiveSession {
  private readonly standings: LiveStandings;
  private readonly season: Season;
  private readonly driverNames: ReadonlyMap<string, string>;
  private mappings: Mappings;
  private identity = '';
  private matches = new Map<string, Matched>();
  private unmatchedList: UnmatchedCompetitor[] = [];
  private orderSig = '';
  private seq = 0;
  private last: LiveUpdate | undefined;
  private lastRows: readonly ClassificationRow[] = [];
  private lastAwards: readonly Award[] = [];

  private constructor(options: LiveSessionOptions, standings: LiveStandings) {
    this.season = options.season;
    this.standings = standings;
    this.mappings = options.mappings ?? {};
    this.driverNames = new Map(options.season.drivers.map((d) => [d.id, d.name]));
  }

  /** Prepares to follow `sessionId` live; issues when it is not a race or the season cannot be scored. */
  static create(options: LiveSessionOptions): Result<LiveSession> {
    const found = liveSession(options.season, options.sessionId);
    if (!found.ok) return found;
    const standings = LiveStandings.create(
      options.season,
      options.rulebook,
      options.sessionId,
      options.scorer ?? defaultScorer(options.season, options.rulebook, found.value),
    );
    if (!standings.ok) return standings;
    return { ok: true, value: new LiveSession(options, standings.value) };
  }

  get session(): Session {
    return this.standings.session;
  }

  /** The latest update (undefined before the first running order). */
  get current(): LiveUpdate | undefined {
    return this.last;
  }

  /** The classification and fastest-lap awards of the latest update: what saving writes. */
  get result(): { readonly rows: readonly ClassificationRow[]; readonly awards: readonly Award[] } {
    return { rows: this.lastRows, awards: this.lastAwards };
  }

  /** Adds confirmed identities (`key -> driver id`); unmatched cars are matched again. */
  confirm(assignments: Mappings): void {
    this.mappings = { ...this.mappings, ...assignments };
    this.identity = '';
    this.orderSig = '';
  }

  /** Matches, classifies and scores a running order; undefined when nothing the tables show changed. */
  apply(order: RunningOrder): Result<LiveUpdate | undefined> {
    const orderSig = orderSignature(order);
    if (orderSig === this.orderSig) return { ok: true, value: undefined };
    const imported = importedRowsOf(order, false);
    this.match(order, imported);
    const kept: { row: ImportedRow; entry: Entry; by: string }[] = [];
    order.rows.forEach((r, i) => {
      const m = this.matches.get(r.key);
      if (m) kept.push({ row: imported[i]!, entry: m.entry, by: m.by });
    });
    const rows = classificationRows(kept);
    const awards = this.fastestLaps(kept);
    // "As it stands" is at full distance: laps count once the race is over (a race stopped short).
    const scoredRows = order.finished ? rows : rows.map(({ laps: _laps, ...r }) => r);
    const scored = this.standings.update(scoredRows, awards);
    if (!scored.ok) return scored;
    this.orderSig = orderSig;
    this.lastRows = rows;
    this.lastAwards = awards;
    const fastest = new Set(awards.filter((a) => a.scope === 'overall').map((a) => a.entryId));
    const s = this.session;
    this.last = {
      seq: ++this.seq,
      season: { id: this.season.id, name: this.season.name },
      session: { id: s.id, race: s.race!, name: s.name },
      flag: order.flag,
      ...(order.lapsToGo === undefined ? {} : { lapsToGo: order.lapsToGo }),
      finished: order.finished,
      order: order.rows.map((r, i): LiveOrderRow => {
        const m = this.matches.get(r.key);
        const position = imported[i]!.position;
        return {
          ...(position === undefined ? {} : { position }),
          key: r.key,
          ...(r.car === undefined ? {} : { car: r.car }),
          ...(m ? { entryId: m.entry.id } : {}),
          drivers: m ? m.entry.driverIds.map((d) => this.driverNames.get(d) ?? d) : r.drivers,
          ...(m
            ? { className: m.entry.classId }
            : r.className === undefined
              ? {}
              : { className: r.className }),
          status: r.status,
          ...(r.laps === undefined ? {} : { laps: r.laps }),
          ...(r.lapsLed === undefined ? {} : { lapsLed: r.lapsLed }),
          ...(r.bestLapMs === undefined ? {} : { bestLapMs: r.bestLapMs }),
          fastestLap: m !== undefined && fastest.has(m.entry.id),
        };
      }),
      unmatched: this.unmatchedList,
      championships: scored.value,
    };
    return { ok: true, value: this.last };
  }

  /** Matches the order's competitors again only when their identities changed. */
  private match(order: RunningOrder, imported: readonly ImportedRow[]): void {
    // Order-free: a pass changes positions, not who is who.
    const identity = order.rows.map(identityOf).sort().join('\n');
    // (Only reached when the order changed; sorting 40 short strings is cheap beside scoring.)
    if (identity === this.identity) return;
    this.identity = identity;
    const outcome = matchEntries(this.season, this.session.eventId, imported, this.mappings);
    const keyOf = new Map(imported.map((row, i) => [row, order.rows[i]!.key]));
    this.matches = new Map();
    this.unmatchedList = [];
    const takenBy = new Map<string, string>();
    for (const { row, entry, by } of outcome.matched) {
      const key = keyOf.get(row)!;
      const other = takenBy.get(entry.id);
      if (other !== undefined) {
        this.unmatchedList.push({
          feedKey: key,
          key: row.platformId ?? key,
          ...(row.car === undefined ? {} : { car: row.car }),
          drivers: row.drivers,
          reason: `matches entry ${entry.id}, which the feed's ${other} already matched`,
          suggestions: [],
        });
        continue;
      }
      takenBy.set(entry.id, key);
      this.matches.set(key, { entry, by });
    }
    for (const u of outcome.unmatched)
      this.unmatchedList.push({
        feedKey: keyOf.get(u.row)!,
        key: u.key,
        ...(u.row.car === undefined ? {} : { car: u.row.car }),
        drivers: u.row.drivers,
        reason: u.reason,
        suggestions: u.suggestions,
      });
  }

  /** The fastest lap so far, overall and in each class, as an import of these rows would give it. */
  private fastestLaps(kept: readonly { row: ImportedRow; entry: Entry }[]): Award[] {
    return fastestLapAwards(this.session.id, kept) ?? [];
  }
}
