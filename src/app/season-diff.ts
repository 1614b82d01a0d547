/**
 * What changed between two versions of a season, in the sport's words: the files, the entries,
 * each session's results, awards and adjustments, and every competitor whose points or position
 * changed (from the engine's standings of both versions). Pure: the caller loads and scores.
 */
import { formatDisplay, formatExact, officialResults, parseFraction } from '../engine/index.js';
import type {
  Adjustment,
  BonusRule,
  ClassificationRow,
  Driver,
  Entry,
  Event,
  Rulebook,
  Scale,
  Season,
  SeasonStandings,
} from '../engine/index.js';
import { formatRounds } from '../formats/season-schema.js';
import type { Manifest } from '../store/content-hash.js';

export interface ListChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export interface RowChange {
  readonly entryId: string;
  readonly before: string;
  readonly after: string;
}

export interface ResultsChange {
  readonly sessionId: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly RowChange[];
  readonly state?: { readonly before: string | null; readonly after: string | null };
}

export interface PointsChange {
  readonly championshipId: string;
  readonly competitorId: string;
  readonly name: string;
  readonly before: { readonly position: number; readonly points: string } | null;
  readonly after: { readonly position: number; readonly points: string } | null;
}

export interface SeasonDiff {
  readonly files: ListChange;
  readonly entries: ListChange;
  readonly drivers: ListChange;
  readonly teams: ListChange;
  readonly results: readonly ResultsChange[];
  /** Sessions whose pole, fastest lap or other awards changed. */
  readonly awards: readonly string[];
  readonly adjustments: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly rulebookChanged: boolean;
  readonly points: readonly PointsChange[];
  /** True when no file differs. */
  readonly unchanged: boolean;
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ===
  JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

function compareById<T extends { readonly id: string }>(a: readonly T[], b: readonly T[]): ListChange {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.keys()].filter((id) => before.has(id) && !same(before.get(id), after.get(id))),
  };
}

/** Which files were added, removed or changed between two manifests. */
export function compareManifests(a: Manifest, b: Manifest): ListChange {
  const paths = (m: Manifest) => Object.keys(m);
  return {
    added: paths(b).filter((p) => a[p] === undefined),
    removed: paths(a).filter((p) => b[p] === undefined),
    changed: paths(b).filter((p) => a[p] !== undefined && a[p] !== b[p]),
  };
}

const describeRow = (r: ClassificationRow): string =>
  [
    r.position === undefined ? r.status : `P${r.position}`,
    r.position !== undefined && r.status !== 'classified' ? r.status : undefined,
    r.laps === undefined ? undefined : `${r.laps} laps`,
    r.time,
  ]
    .filter(Boolean)
    .join(' ');

/** Official classifications (penalties applied), so a penalty shows as the results it changed. */
const officialBySession = (s: Season) =>
  new Map(
    officialResults(s).sessions.map((o) => [
      o.session.id,
      { rows: o.rows.map((r) => r.row), state: o.state },
    ]),
  );

function compareResults(a: Season, b: Season): ResultsChange[] {
  const before = officialBySession(a);
  const after = officialBySession(b);
  const sessions = [...new Set([...before.keys(), ...after.keys()])];
  const out: ResultsChange[] = [];
  for (const sessionId of sessions) {
    const x = before.get(sessionId);
    const y = after.get(sessionId);
    if (x && y && same(x, y)) continue;
    const rowsX = new Map((x?.rows ?? []).map((r) => [r.entryId, r]));
    const rowsY = new Map((y?.rows ?? []).map((r) => [r.entryId, r]));
    const changed: RowChange[] = [];
    for (const [entryId, r] of rowsY) {
      const old = rowsX.get(entryId);
      if (old && !same(old, r)) {
        const [was, is] = [describeRow(old), describeRow(r)];
        changed.push({ entryId, before: was, after: was === is ? `${is} (note or drivers)` : is });
      }
    }
    const stateX = x?.state ?? null;
    const stateY = y?.state ?? null;
    out.push({
      sessionId,
      added: [...rowsY.keys()].filter((id) => !rowsX.has(id)),
      removed: [...rowsX.keys()].filter((id) => !rowsY.has(id)),
      changed,
      ...(stateX === stateY ? {} : { state: { before: stateX, after: stateY } }),
    });
  }
  return out;
}

const describeAdjustment = (a: Adjustment): string =>
  [
    a.kind,
    'entryId' in a ? a.entryId : (a.driverId ?? a.teamId),
    'points' in a ? formatExact(a.points) : undefined,
    'seconds' in a ? `${formatExact(a.seconds)} s` : undefined,
    'places' in a ? `${a.places} place(s)` : undefined,
    'championshipId' in a ? a.championshipId : undefined,
    'sessionId' in a ? a.sessionId : undefined,
    `(${a.reason})`,
  ]
    .filter(Boolean)
    .join(' ');

function comparePoints(a: SeasonStandings, b: SeasonStandings): PointsChange[] {
  const out: PointsChange[] = [];
  const ids = [...new Set([...a.championships.map((c) => c.id), ...b.championships.map((c) => c.id)])];
  for (const id of ids) {
    const x = a.championships.find((c) => c.id === id);
    const y = b.championships.find((c) => c.id === id);
    const rowsX = new Map((x?.rows ?? []).map((r) => [r.competitor.id, r]));
    const rowsY = new Map((y?.rows ?? []).map((r) => [r.competitor.id, r]));
    for (const competitorId of new Set([...rowsX.keys(), ...rowsY.keys()])) {
      const rx = rowsX.get(competitorId);
      const ry = rowsY.get(competitorId);
      const at = (r: typeof rx) => r && { position: r.position, points: formatExact(r.points) };
      const [bx, by] = [at(rx), at(ry)];
      if (bx && by && bx.position === by.position && bx.points === by.points) continue;
      out.push({
        championshipId: id,
        competitorId,
        name: (ry ?? rx)!.competitor.name,
        before: bx ?? null,
        after: by ?? null,
      });
    }
  }
  return out;
}

/** The difference between two versions of a season (standings when both could be scored). */
export function diffSeasons(
  a: { readonly season: Season; readonly manifest: Manifest; readonly rulebookFile: string },
  b: { readonly season: Season; readonly manifest: Manifest; readonly rulebookFile: string },
  standings?: { readonly before: SeasonStandings; readonly after: SeasonStandings },
): SeasonDiff {
  const files = compareManifests(a.manifest, b.manifest);
  const adjX = a.season.adjustments.map(describeAdjustment);
  const adjY = b.season.adjustments.map(describeAdjustment);
  const awardSessions = new Set([...a.season.awards, ...b.season.awards].map((x) => x.sessionId));
  return {
    files,
    entries: compareById(a.season.entries, b.season.entries),
    drivers: compareById(a.season.drivers, b.season.drivers),
    teams: compareById(a.season.teams, b.season.teams),
    results: compareResults(a.season, b.season),
    awards: [...awardSessions].filter(
      (s) =>
        !same(
          a.season.awards.filter((x) => x.sessionId === s),
          b.season.awards.filter((x) => x.sessionId === s),
        ),
    ),
    adjustments: {
      added: adjY.filter((x) => !adjX.includes(x)),
      removed: adjX.filter((x) => !adjY.includes(x)),
    },
    rulebookChanged:
      a.rulebookFile !== b.rulebookFile || a.manifest[a.rulebookFile] !== b.manifest[b.rulebookFile],
    points: standings ? comparePoints(standings.before, standings.after) : [],
    unchanged: !files.added.length && !files.removed.length && !files.changed.length,
  };
}

/** A diff as lines a person reads (the CLI prints these; the import command shows them first). */
export function describeDiff(diff: SeasonDiff): string[] {
  if (diff.unchanged) return ['no file differs'];
  const lines: string[] = ['files:'];
  for (const x of diff.files.added) lines.push(`  + ${x}`);
  for (const x of diff.files.removed) lines.push(`  - ${x}`);
  for (const x of diff.files.changed) lines.push(`  ~ ${x}`);
  const facts: string[] = [];
  const list = (label: string, c: ListChange) => {
    for (const x of c.added) facts.push(`  + ${label} ${x}`);
    for (const x of c.removed) facts.push(`  - ${label} ${x}`);
    for (const x of c.changed) facts.push(`  ~ ${label} ${x}`);
  };
  list('entry', diff.entries);
  list('driver', diff.drivers);
  list('team', diff.teams);
  for (const r of diff.results) {
    facts.push(
      `  results ${r.sessionId}:${r.state ? ` state ${r.state.before ?? '-'} -> ${r.state.after ?? '-'}` : ''}`,
    );
    for (const x of r.added) facts.push(`    + ${x}`);
    for (const x of r.removed) facts.push(`    - ${x}`);
    for (const x of r.changed) facts.push(`    ~ ${x.entryId}: ${x.before} -> ${x.after}`);
  }
  for (const s of diff.awards) facts.push(`  awards of ${s} changed`);
  for (const x of diff.adjustments.added) facts.push(`  + adjustment ${x}`);
  for (const x of diff.adjustments.removed) facts.push(`  - adjustment ${x}`);
  if (diff.rulebookChanged) facts.push('  rulebook changed');
  if (facts.length) lines.push('season:', ...facts);
  if (diff.points.length) {
    lines.push('standings (final table of each championship):');
    const at = (x: PointsChange['before']) =>
      x ? `P${x.position} ${formatDisplay(parseFraction(x.points)!)}` : 'not listed';
    for (const p of diff.points)
      lines.push(`  ${p.championshipId}: ${p.name} ${at(p.before)} -> ${at(p.after)}`);
  }
  return lines;
}

// ---- the setup in words (the Changes page) -------------------------------------------------------

/** A season's setup and rulebook, as `setupChanges` compares them. */
export interface SetupSide {
  readonly season: Season;
  readonly rulebook?: Rulebook;
}

const quoted = (s: string | undefined) => (s === undefined || s === '' ? 'none' : `'${s}'`);
const plain = (s: string | undefined) => (s === undefined || s === '' ? 'none' : s);

const roundsOf = (season: Season, eventIds: readonly string[]) =>
  formatRounds(
    eventIds.map((id) => season.events.find((e) => e.id === id)?.round ?? 0).filter((r) => r > 0),
    season.events.map((e) => e.round),
  );

const daysOf = (e: Event) =>
  e.start ? `${e.start}${e.end && e.end !== e.start ? ` to ${e.end}` : ''}` : 'none';

const CHAMPIONSHIP_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  description: 'description',
  competitor: 'who scores',
  scope: 'scope',
  basis: 'basis (overall or class positions)',
  ineligible: 'ineligible cars',
  points: 'points scales by session type',
  bonuses: 'bonuses',
  multipliers: 'multipliers',
  drops: 'dropped results',
  sharedDrives: 'shared drives',
  teamScoring: 'team scoring',
  tieBreaks: 'tie-breaks',
  listed: 'who is listed',
  requires: 'conditions for position points',
  unmet: 'cars failing the conditions',
  nonStarters: 'non-starters',
  classChanges: 'class changes',
  overrides: 'overrides',
};

const scaleText = (s: Scale) =>
  `${s.points
    .slice(0, 6)
    .map((p) => formatExact(p))
    .join('-')}${s.points.length > 6 ? '…' : ''}`;

function rulebookChanges(a: Rulebook, b: Rulebook): string[] {
  const out: string[] = [];
  for (const id of Object.keys(b.scales))
    if (!a.scales[id]) out.push(`Rulebook: scale ${id} added (${scaleText(b.scales[id]!)})`);
    else if (!same(a.scales[id], b.scales[id]))
      out.push(`Rulebook: scale ${id} ${scaleText(a.scales[id])} → ${scaleText(b.scales[id]!)}`);
  for (const id of Object.keys(a.scales)) if (!b.scales[id]) out.push(`Rulebook: scale ${id} removed`);
  const champs = compareById(a.championships, b.championships);
  for (const id of champs.added)
    out.push(`Rulebook: championship '${b.championships.find((c) => c.id === id)!.name}' added`);
  for (const id of champs.removed)
    out.push(`Rulebook: championship '${a.championships.find((c) => c.id === id)!.name}' removed`);
  for (const id of champs.changed) {
    const x = a.championships.find((c) => c.id === id)! as unknown as Record<string, unknown>;
    const y = b.championships.find((c) => c.id === id)! as unknown as Record<string, unknown>;
    const parts: string[] = [];
    for (const field of [...new Set([...Object.keys(x), ...Object.keys(y)])]) {
      if (field === 'id' || same(x[field], y[field])) continue;
      if (field === 'bonuses') {
        const bx = x[field] as readonly BonusRule[];
        const by = y[field] as readonly BonusRule[];
        const pointsOnly =
          bx.length === by.length &&
          bx.every((r, i) => same({ ...r, points: null }, { ...by[i]!, points: null }));
        if (pointsOnly) {
          bx.forEach((r, i) => {
            if (!same(r.points, by[i]!.points))
              parts.push(`${r.kind} bonus ${formatExact(r.points)} → ${formatExact(by[i]!.points)} points`);
          });
          continue;
        }
      }
      parts.push(`${CHAMPIONSHIP_FIELDS[field] ?? field} changed`);
    }
    out.push(`Rulebook, championship '${String(y['name'])}': ${parts.join('; ')}`);
  }
  return out;
}

/**
 * What a revision changed in a season's setup, in the sport's words: classes, the calendar
 * (events added, deleted or changed with their sessions), drivers and teams renamed, entries
 * changed (number, team, drivers, class, rounds, eligibility), and the rulebook (scales,
 * championships, the fields of each that changed; a bonus's points). Drivers, teams and entries
 * added or removed are in the diff's lists already and not repeated here.
 */
export function setupChanges(a: SetupSide, b: SetupSide): string[] {
  const out: string[] = [];
  const [A, B] = [a.season, b.season];
  const classes = compareById(A.classes, B.classes);
  const className = (s: Season, id: string) => s.classes.find((c) => c.id === id)?.name ?? id;
  for (const id of classes.added) out.push(`Class '${className(B, id)}' added`);
  for (const id of classes.removed) out.push(`Class '${className(A, id)}' deleted`);
  for (const id of classes.changed) out.push(`Class '${className(A, id)}' renamed to '${className(B, id)}'`);

  const sessionsOf = (s: Season, eventId: string) => s.sessions.filter((x) => x.eventId === eventId);
  const events = compareById(A.events, B.events);
  for (const id of events.added) {
    const e = B.events.find((x) => x.id === id)!;
    const sessions = sessionsOf(B, id).map((s) => s.name);
    out.push(
      `Event '${e.name}' added (round ${e.round}, ${daysOf(e)})${sessions.length ? ` with ${sessions.join(', ')}` : ''}`,
    );
  }
  for (const id of events.removed) {
    const e = A.events.find((x) => x.id === id)!;
    out.push(`Event '${e.name}' (round ${e.round}) deleted`);
  }
  const renumbered: string[] = [];
  for (const e of B.events) {
    const old = A.events.find((x) => x.id === e.id);
    if (!old) continue;
    const parts: string[] = [];
    if (old.name !== e.name) parts.push(`renamed to '${e.name}'`);
    if (old.round !== e.round) parts.push(`round ${old.round} → ${e.round}`);
    if (old.circuit !== e.circuit) parts.push(`circuit ${quoted(old.circuit)} → ${quoted(e.circuit)}`);
    if (old.city !== e.city) parts.push(`city ${quoted(old.city)} → ${quoted(e.city)}`);
    if (old.country !== e.country) parts.push(`country ${plain(old.country)} → ${plain(e.country)}`);
    if (daysOf(old) !== daysOf(e)) parts.push(`dates ${daysOf(old)} → ${daysOf(e)}`);
    if (old.timezone !== e.timezone) parts.push(`time zone ${plain(old.timezone)} → ${plain(e.timezone)}`);
    const [sx, sy] = [sessionsOf(A, e.id), sessionsOf(B, e.id)];
    const added = sy.filter((s) => !sx.some((x) => x.id === s.id));
    const removed = sx.filter((s) => !sy.some((x) => x.id === s.id));
    if (added.length) parts.push(`sessions added: ${added.map((s) => s.name).join(', ')}`);
    if (removed.length) parts.push(`sessions removed: ${removed.map((s) => s.name).join(', ')}`);
    for (const s of sy) {
      const was = sx.find((x) => x.id === s.id);
      if (!was) continue;
      const when = (x: typeof s) =>
        [x.date, x.time, x.durationMinutes === undefined ? undefined : `${x.durationMinutes} min`]
          .filter(Boolean)
          .join(' ') || 'no time';
      if (was.name !== s.name) parts.push(`session '${was.name}' renamed to '${s.name}'`);
      if (when(was) !== when(s)) parts.push(`${s.name} ${when(was)} → ${when(s)}`);
      if (was.race !== s.race && was.race !== undefined && s.race !== undefined)
        renumbered.push(`${e.name} ${s.name} ${was.race} → ${s.race}`);
    }
    if (parts.length) out.push(`Event '${old.name}' (round ${old.round}): ${parts.join('; ')}`);
  }
  if (renumbered.length) out.push(`Races numbered again: ${renumbered.join(', ')}`);

  const people = (what: 'Driver' | 'Team', x: readonly Driver[], y: readonly Driver[]) => {
    for (const p of y) {
      const old = x.find((o) => o.id === p.id);
      if (!old) continue;
      if (old.name !== p.name) out.push(`${what} '${old.name}' renamed to '${p.name}'`);
      if ((old.nationality ?? '') !== (p.nationality ?? ''))
        out.push(`${what} '${p.name}': nationality ${plain(old.nationality)} → ${plain(p.nationality)}`);
    }
  };
  people('Driver', A.drivers, B.drivers);
  people('Team', A.teams, B.teams);

  for (const e of B.entries) {
    const old = A.entries.find((x) => x.id === e.id);
    if (!old) continue;
    const driverNames = (s: Season, ids: readonly string[]) =>
      ids.map((d) => s.drivers.find((x) => x.id === d)?.name ?? d).join(' / ');
    const teamName = (s: Season, id: string) => s.teams.find((x) => x.id === id)?.name ?? id;
    const parts: string[] = [];
    if (old.car !== e.car) parts.push(`number #${old.car} → #${e.car}`);
    if (old.teamId !== e.teamId) parts.push(`team '${teamName(A, old.teamId)}' → '${teamName(B, e.teamId)}'`);
    if (old.driverIds.join(';') !== e.driverIds.join(';'))
      parts.push(`drivers '${driverNames(A, old.driverIds)}' → '${driverNames(B, e.driverIds)}'`);
    if (old.classId !== e.classId)
      parts.push(`class '${className(A, old.classId)}' → '${className(B, e.classId)}'`);
    const [rx, ry] = [roundsOf(A, old.eventIds), roundsOf(B, e.eventIds)];
    if (rx !== ry) parts.push(`rounds ${rx} → ${ry}`);
    if (old.eligible !== e.eligible)
      parts.push(e.eligible ? 'now eligible for points' : 'a guest, not eligible for points');
    if ((old.note ?? '') !== (e.note ?? '')) parts.push(`note ${quoted(old.note)} → ${quoted(e.note)}`);
    const rest = (x: Entry) => ({
      ...x,
      car: 0,
      teamId: 0,
      driverIds: 0,
      classId: 0,
      eventIds: 0,
      eligible: 0,
      note: 0,
    });
    if (!parts.length && !same(rest(old), rest(e))) parts.push('other details changed');
    if (parts.length) out.push(`Entry #${old.car} ${driverNames(A, old.driverIds)}: ${parts.join('; ')}`);
  }
  if (a.rulebook && b.rulebook) out.push(...rulebookChanges(a.rulebook, b.rulebook));
  return out;
}
