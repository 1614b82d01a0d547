/**
 * Published against computed: one finding per difference, with its likely cause. Paddock computes
 * what the rules say; where a series' own table disagrees, this says where and why it probably does.
 */
import { compare, formatDisplay, subtract } from './fraction.js';
import type { Fraction } from './fraction.js';
import { fail, ok } from './issues.js';
import type { Issue, Result } from './issues.js';
import type { Rulebook } from './rulebook.js';
import type { Season } from './season.js';
import { computeStandings } from './compute-standings.js';
import type { ChampionshipStandings } from './standings.js';

export interface Finding {
  readonly championship: string;
  readonly competitor: string;
  readonly published: Fraction | null;
  readonly computed: Fraction | null;
  readonly afterRace: number;
  readonly cause: string;
}

function causeOf(
  season: Season,
  rulebook: Rulebook,
  table: ChampionshipStandings,
  competitorId: string,
  published: Fraction | null,
  computed: Fraction | null,
): string {
  const champ = rulebook.championships.find((c) => c.id === table.id)!;
  const entries = season.entries.filter(
    (e) => e.driverIds.includes(competitorId) || e.teamId === competitorId,
  );
  const classes = [...new Set(entries.map((e) => e.classId))];
  const scopeClasses = champ.scope.classes;
  if (computed === null && published !== null) {
    if (scopeClasses && classes.length && !classes.some((k) => scopeClasses.includes(k))) {
      return `listed in the published ${table.name} table, but entered in class ${classes.join('/')} in the entry list (the entry list wins)`;
    }
    return 'in the published table but not in the computed one (no scoring result found for this competitor)';
  }
  if (published === null && computed !== null) {
    return `computed but missing from the published ${table.name} table`;
  }
  const diff = subtract(published!, computed!);
  const classBonuses = champ.bonuses.filter((b) => 'scope' in b && b.scope === 'class');
  const classAwards = season.awards.some((a) => a.scope !== 'overall');
  if (compare(diff, { num: 0n, den: 1n }) > 0 && classBonuses.length && !classAwards) {
    return `published is ${formatDisplay(diff)} higher: class pole and fastest-lap bonuses are counted by the series but not given in the source`;
  }
  if (compare(diff, { num: 0n, den: 1n }) < 0) {
    return `published is ${formatDisplay(subtract(computed!, published!))} lower than the results it prints give under the stated rules`;
  }
  return `published is ${formatDisplay(diff)} higher than the results it prints give under the stated rules`;
}

/** Compares every published figure of a season with what its rulebook computes. */
export function reconcile(season: Season, rulebook: Rulebook): Result<readonly Finding[]> {
  // One computation per race that has published figures, covering every championship published then.
  const byRace = new Map<number, Set<string>>();
  for (const p of season.published)
    byRace.set(p.afterRace, (byRace.get(p.afterRace) ?? new Set()).add(p.championshipId));
  const findings: Finding[] = [];
  const issues: Issue[] = [];
  for (const [afterRace, championships] of byRace) {
    const result = computeStandings(season, rulebook, { afterRace, championships: [...championships] });
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    for (const table of result.value.championships) findingsFor(table);
  }
  return issues.length ? fail(issues) : ok(findings);

  function findingsFor(table: ChampionshipStandings): void {
    const championship = table.id;
    const afterRace = table.afterRace;
    const published = season.published.filter(
      (p) => p.championshipId === championship && p.afterRace === afterRace,
    );
    const computed = new Map(table.rows.map((r) => [r.competitor.id, r.points]));
    for (const p of published) {
      const mine = computed.get(p.competitorId) ?? null;
      const theirs = p.points ?? null;
      if (theirs === null && mine === null) continue;
      if (theirs !== null && mine !== null && compare(theirs, mine) === 0) continue;
      findings.push({
        championship,
        competitor: p.competitorId,
        published: theirs,
        computed: mine,
        afterRace,
        cause: causeOf(season, rulebook, table, p.competitorId, theirs, mine),
      });
    }
    const listed = new Set(published.map((p) => p.competitorId));
    for (const row of table.rows) {
      if (listed.has(row.competitor.id)) continue;
      findings.push({
        championship,
        competitor: row.competitor.id,
        published: null,
        computed: row.points,
        afterRace,
        cause: causeOf(season, rulebook, table, row.competitor.id, null, row.points),
      });
    }
  }
}
