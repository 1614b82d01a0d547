/**
 * Published against computed: one finding per difference, with its likely cause. Paddock computes
 * what the rules say; where a series' own table disagrees, this says where and why it probably
 * does. Points, positions and exclusions are compared: a competitor printed in another place, or
 * ranked where the rules exclude them, is a finding even when the points agree.
 */
import { compare, formatDisplay, subtract, ZERO } from './fraction.js';
import type { Fraction } from './fraction.js';
import { fail, issue, ok } from './issues.js';
import type { Result } from './issues.js';
import type { Rulebook } from './rulebook.js';
import type { PublishedStanding, Season } from './season.js';
import { indexSeason } from './season-index.js';
import { scoreChampionship } from './score-championship.js';
import type { ChampionshipStandings } from './standings.js';
import { validateRulebook } from './validate-rulebook.js';
import { validateSeason } from './validate-season.js';

/** A place in a table: a position, `EX` (excluded from the championship), or null (not listed there). */
export type Place = number | 'EX' | null;

export type FindingKind =
  /** Both list the competitor with different points. */
  | 'points'
  /** Same points, another position. */
  | 'position'
  /** One side excludes the competitor from the championship, the other ranks them. */
  | 'excluded'
  /** In the published table only. */
  | 'unlisted'
  /** In the computed table only. */
  | 'unpublished';

export interface Finding {
  readonly championship: string;
  readonly competitor: string;
  readonly afterRace: number;
  readonly kind: FindingKind;
  readonly published: Fraction | null;
  readonly computed: Fraction | null;
  readonly publishedPosition: Place;
  readonly computedPosition: Place;
  readonly cause: string;
  /** The published row's own note, when it has one (the source's footnote, a known mistake). */
  readonly note?: string;
}

interface Computed {
  readonly points: Fraction;
  readonly place: Place;
  readonly shared: boolean;
  /** Why the competitor is excluded, when they are. */
  readonly excluded?: string;
}

const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
};
const placeText = (p: Place, shared = false): string =>
  p === null ? 'not listed' : p === 'EX' ? 'excluded' : `${ordinal(p)}${shared ? ' (shared)' : ''}`;

/** Compares every published figure of a season with what its rulebook computes. */
export function reconcile(season: Season, rulebook: Rulebook): Result<readonly Finding[]> {
  // One computation per race that has published figures, covering every championship published then.
  const byRace = new Map<number, Set<string>>();
  for (const p of season.published)
    byRace.set(p.afterRace, (byRace.get(p.afterRace) ?? new Set()).add(p.championshipId));
  const publishedAt = new Map<string, PublishedStanding[]>();
  for (const p of season.published) {
    const key = `${p.championshipId}@${p.afterRace}`;
    const list = publishedAt.get(key);
    if (list) list.push(p);
    else publishedAt.set(key, [p]);
  }
  const races = [...byRace.keys()].sort((a, b) => a - b);
  // Validated and indexed once, then every published table scored: a season of Formula One
  // publishes a table after each of its twenty-odd races.
  const problems = [...validateSeason(season), ...validateRulebook(rulebook, season)];
  const index = indexSeason(season);
  for (const r of races)
    if (!index.races.includes(r))
      problems.push(
        issue(
          'race.unknown',
          ['published'],
          `published standings after race ${r}, which is not in ${season.id}`,
        ),
      );
  for (const id of new Set(season.published.map((p) => p.championshipId)))
    if (!rulebook.championships.some((c) => c.id === id))
      problems.push(
        issue('championship.unknown', ['published'], `published standings of unknown championship "${id}"`),
      );
  if (problems.length) return fail(problems);
  const computedAt = new Map<string, Map<string, Computed>>();
  const findings: Finding[] = [];
  for (const afterRace of races) {
    const championships = byRace.get(afterRace)!;
    for (const champ of rulebook.championships) {
      if (!championships.has(champ.id)) continue;
      const table = scoreChampionship(index, rulebook, champ, afterRace);
      const computed = computedTable(table);
      computedAt.set(`${table.id}@${afterRace}`, computed);
      findingsFor(table, computed);
    }
  }
  return ok(findings);

  function computedTable(table: ChampionshipStandings): Map<string, Computed> {
    const out = new Map<string, Computed>();
    for (const r of table.rows)
      out.set(r.competitor.id, { points: r.points, place: r.position, shared: r.shared });
    for (const x of table.excluded)
      out.set(x.competitor.id, { points: x.points, place: 'EX', shared: false, excluded: x.reason });
    return out;
  }

  function findingsFor(table: ChampionshipStandings, computed: Map<string, Computed>): void {
    const championship = table.id;
    const afterRace = table.afterRace;
    const published = publishedAt.get(`${championship}@${afterRace}`) ?? [];
    const sharedInPublished = new Map<number, number>();
    for (const p of published)
      if (p.position !== undefined)
        sharedInPublished.set(p.position, (sharedInPublished.get(p.position) ?? 0) + 1);
    const finding = (
      kind: FindingKind,
      competitor: string,
      p: PublishedStanding | undefined,
      mine: Computed | undefined,
      cause: string,
    ): void => {
      findings.push({
        championship,
        competitor,
        afterRace,
        kind,
        published: p?.points ?? null,
        computed: mine?.points ?? null,
        publishedPosition: p === undefined ? null : p.excluded ? 'EX' : (p.position ?? null),
        computedPosition: mine?.place ?? null,
        cause,
        ...(p?.note ? { note: p.note } : {}),
      });
    };
    for (const p of published) {
      const mine = computed.get(p.competitorId);
      if (mine === undefined) {
        if (p.points === undefined && !p.excluded) continue;
        finding('unlisted', p.competitorId, p, mine, causeOfUnlisted(table, p.competitorId));
        continue;
      }
      if (p.excluded || mine.excluded !== undefined) {
        // Both exclude them: agreed. The points printed beside an excluded competitor follow the
        // series' custom (Schumacher kept his 78 in 1997, McLaren showed 0 in 2007): not compared.
        if (p.excluded && mine.excluded !== undefined) continue;
        finding(
          'excluded',
          p.competitorId,
          p,
          mine,
          mine.excluded !== undefined
            ? `excluded from the computed table (${mine.excluded}), but printed ${placeText(p.position ?? null)} in the published one`
            : `printed as excluded, but ranked ${placeText(mine.place, mine.shared)} by the computed table: no exclusion for this table in the season's adjustments`,
        );
        continue;
      }
      if (p.points !== undefined && compare(p.points, mine.points) !== 0) {
        finding(
          'points',
          p.competitorId,
          p,
          mine,
          pointsCause(championship, afterRace, p.competitorId, p.points, mine.points),
        );
        continue;
      }
      if (p.position !== undefined && mine.place !== p.position) {
        finding('position', p.competitorId, p, mine, positionCause(table, p, mine, sharedInPublished));
      }
    }
    const listed = new Set(published.map((p) => p.competitorId));
    for (const [id, mine] of computed) {
      // An excluded competitor the published table leaves out agrees with it.
      if (listed.has(id) || mine.excluded !== undefined) continue;
      finding(
        'unpublished',
        id,
        undefined,
        mine,
        `computed but missing from the published ${table.name} table`,
      );
    }
  }

  /** Where a points difference starts: the first race after which the published gain differs. */
  function pointsCause(
    championship: string,
    afterRace: number,
    competitor: string,
    theirs: Fraction,
    mine: Fraction,
  ): string {
    const diff = subtract(theirs, mine);
    const higher = compare(diff, ZERO) > 0;
    const size = formatDisplay(higher ? diff : subtract(mine, theirs));
    const champ = rulebook.championships.find((c) => c.id === championship)!;
    const classBonuses = champ.bonuses.some((b) => 'scope' in b && b.scope === 'class');
    const classAwards = season.awards.some((a) => a.scope !== 'overall');
    if (higher && classBonuses && !classAwards)
      return `published is ${size} higher: class pole and fastest-lap bonuses are counted by the series but not given in the source`;
    const base = `published is ${size} ${higher ? 'higher' : 'lower'} than the results give under the stated rules`;
    // Walk back while the same difference holds: the race where it first appears is named.
    let first = afterRace;
    for (const r of [...races].reverse()) {
      if (r >= afterRace) continue;
      const c = computedAt.get(`${championship}@${r}`)?.get(competitor);
      const p = publishedAt.get(`${championship}@${r}`)?.find((x) => x.competitorId === competitor);
      const earlier = c && p?.points !== undefined ? subtract(p.points, c.points) : p || c ? undefined : ZERO;
      if (earlier === undefined || compare(earlier, diff) !== 0) break;
      if (c || p) first = r;
      else break;
    }
    if (first === afterRace) return base;
    const session = season.sessions.find((s) => s.race === first);
    const event = session && season.events.find((e) => e.id === session.eventId);
    return `${base}; the same difference since race ${first}${event ? ` (${event.name})` : ''}`;
  }

  function positionCause(
    table: ChampionshipStandings,
    p: PublishedStanding,
    mine: Computed,
    sharedInPublished: ReadonlyMap<number, number>,
  ): string {
    const theirs = p.position!;
    const publishedShared = (sharedInPublished.get(theirs) ?? 0) > 1;
    // The computed tie-break steps beside this row among rows on the same points, in words.
    const at = table.rows.findIndex((r) => r.competitor.id === p.competitorId);
    const steps: string[] = [];
    const above = table.rows[at - 1];
    const here = table.rows[at];
    if (above?.aboveNext && compare(above.points, mine.points) === 0) steps.push(above.aboveNext.detail);
    const below = table.rows[at + 1];
    if (here?.aboveNext && below && compare(below.points, mine.points) === 0)
      steps.push(here.aboveNext.detail);
    const trail = steps.length ? ` (${steps.join('; ')})` : '';
    // Rows ranked above this one in one table only (an exclusion, a points difference higher up)
    // move it down a place each.
    const published = publishedAt.get(`${table.id}@${table.afterRace}`) ?? [];
    const computed = computedAt.get(`${table.id}@${table.afterRace}`)!;
    const mineAt = typeof mine.place === 'number' ? mine.place : Infinity;
    // Rows level on points with this one are the tie-breaks' business, explained below.
    const level = (id: string) => {
      const c = computed.get(id);
      return c !== undefined && c.place !== 'EX' && compare(c.points, mine.points) === 0;
    };
    const aboveComputedOnly = table.rows
      .filter((r) => r.position < mineAt && r.competitor.id !== p.competitorId && !level(r.competitor.id))
      .filter((r) => {
        const q = published.find((x) => x.competitorId === r.competitor.id);
        return q?.position === undefined || q.position >= theirs;
      })
      .map((r) => r.competitor.id);
    const abovePublishedOnly = published
      .filter(
        (q) =>
          q.position !== undefined &&
          q.position < theirs &&
          q.competitorId !== p.competitorId &&
          !level(q.competitorId),
      )
      .filter((q) => {
        const c = computed.get(q.competitorId)?.place;
        return typeof c !== 'number' || c >= mineAt;
      })
      .map((q) => q.competitorId);
    const shift = abovePublishedOnly.length - aboveComputedOnly.length;
    if (shift !== 0 && typeof mine.place === 'number' && theirs - mine.place === shift) {
      const only = shift < 0 ? aboveComputedOnly : abovePublishedOnly;
      return `same points, published ${placeText(theirs)}, computed ${placeText(mine.place)}: ranked above it in the ${shift < 0 ? 'computed' : 'published'} table only: ${only.join(', ')}`;
    }
    if (publishedShared && !mine.shared)
      return `published shares ${placeText(theirs)}, the computed tie-breaks place it ${placeText(mine.place)}${trail}`;
    if (!publishedShared && mine.shared)
      return `published ${placeText(theirs)}, the computed table shares ${placeText(mine.place)}: the tie-breaks do not separate them${trail}`;
    return `same points, published ${placeText(theirs)}, computed ${placeText(mine.place)}${trail}`;
  }

  function causeOfUnlisted(table: ChampionshipStandings, competitorId: string): string {
    const champ = rulebook.championships.find((c) => c.id === table.id)!;
    const entries = season.entries.filter(
      (e) => e.driverIds.includes(competitorId) || e.teamId === competitorId,
    );
    const classes = [...new Set(entries.map((e) => e.classId))];
    const scopeClasses = champ.scope.classes;
    if (scopeClasses && classes.length && !classes.some((k) => scopeClasses.includes(k)))
      return `listed in the published ${table.name} table, but entered in class ${classes.join('/')} in the entry list (the entry list wins)`;
    return 'in the published table but not in the computed one (no scoring result found for this competitor)';
  }
}

/** A place in words: "3rd", "excluded", "not listed". */
export const formatPlace = (p: Place): string => placeText(p);
