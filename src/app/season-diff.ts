/**
 * What changed between two versions of a season, in the sport's words: the files, the entries,
 * each session's results, awards and adjustments, and every competitor whose points or position
 * changed (from the engine's standings of both versions). Pure: the caller loads and scores.
 */
import { formatDisplay, formatExact, officialResults, parseFraction } from '../engine/index.js';
import type { Adjustment, ClassificationRow, Season, SeasonStandings } from '../engine/index.js';
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
