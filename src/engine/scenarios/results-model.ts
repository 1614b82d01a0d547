/**
 * A results model fitted on the races run so far, for simulating the rest: Plackett-Luce on each
 * race's classified finishing order (a strength per driver: the chance to finish ahead of a set of
 * cars is proportional to strength) and a retirement probability per driver.
 *
 * Priors (docs/decisions/0008-championship-odds.md): every driver gets one virtual win and one
 * virtual loss against an average opponent (strength 1), so strengths stay finite and a driver with
 * few results is pulled towards the average; a driver with no classified result takes the geometric
 * mean strength of its class (of the field when its class has none). Retirements: two virtual
 * starts at the field's retirement rate.
 */
import type { Entry, Season, Session } from '../season.js';
import { indexSeason } from '../season-index.js';

export interface ResultsModel {
  /** Plackett-Luce strength per driver key (driver ids joined by "+"); the field's geometric mean is about 1. */
  readonly strength: ReadonlyMap<string, number>;
  /** Probability of retiring (not being classified) per driver key. */
  readonly retire: ReadonlyMap<string, number>;
  /** The field's retirement rate, the prior for drivers without starts. */
  readonly fieldRetire: number;
  /** Geometric mean strength per class, the prior for drivers without results. */
  readonly classStrength: ReadonlyMap<string, number>;
  /** Races the model was fitted on. */
  readonly races: number;
}

const REF = '\u0000reference';
const keyOf = (driverIds: readonly string[]) => [...driverIds].sort().join('+');

/** Fits the model on the season's races held up to and including race `afterRace`. */
export function fitResultsModel(season: Season, afterRace: number): ResultsModel {
  const index = indexSeason(season);
  const cutoffSession = index.sessions.find((s) => s.race === afterRace);
  const cutoff = afterRace === 0 || !cutoffSession ? -1 : index.order.get(cutoffSession.id)!;
  const races: Session[] = index.sessions.filter(
    (s) => s.type === 'race' && index.order.get(s.id)! <= cutoff && index.findClassification(s.id),
  );
  const rankings: string[][] = [];
  const starts = new Map<string, number>();
  const retirements = new Map<string, number>();
  const classOf = new Map<string, string>();
  for (const race of races) {
    const rows = index.findClassification(race.id)!.rows;
    const seen = new Set<string>();
    const ranking: string[] = [];
    const classified = rows
      .filter((r) => r.status === 'classified' && r.position !== undefined)
      .sort((a, b) => a.position! - b.position!);
    for (const row of rows) {
      const entry = index.findEntry(row.entryId);
      if (!entry || !(row.status === 'classified' || row.status === 'DNF' || row.status === 'NC')) continue;
      const key = keyOf(row.driverIds ?? entry.driverIds);
      classOf.set(key, entry.classId);
      starts.set(key, (starts.get(key) ?? 0) + 1);
      if (row.status !== 'classified') retirements.set(key, (retirements.get(key) ?? 0) + 1);
    }
    for (const row of classified) {
      const entry = index.findEntry(row.entryId);
      if (!entry) continue;
      const key = keyOf(row.driverIds ?? entry.driverIds);
      if (seen.has(key)) continue;
      seen.add(key);
      ranking.push(key);
    }
    if (ranking.length > 1) rankings.push(ranking);
  }
  const keys = [...new Set(rankings.flat())];
  for (const k of keys) rankings.push([k, REF], [REF, k]);
  const strength = plackettLuce(rankings, keys);

  const byClass = new Map<string, number[]>();
  for (const k of keys) {
    const c = classOf.get(k) ?? '';
    byClass.set(c, [...(byClass.get(c) ?? []), Math.log(strength.get(k)!)]);
  }
  const classStrength = new Map(
    [...byClass].map(([c, logs]) => [c, Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length)]),
  );

  const totalStarts = [...starts.values()].reduce((a, b) => a + b, 0);
  const totalRetirements = [...retirements.values()].reduce((a, b) => a + b, 0);
  const fieldRetire = totalStarts ? totalRetirements / totalStarts : 0;
  const PRIOR_STARTS = 2;
  const retire = new Map(
    [...starts].map(([k, n]) => [
      k,
      ((retirements.get(k) ?? 0) + PRIOR_STARTS * fieldRetire) / (n + PRIOR_STARTS),
    ]),
  );
  return { strength, retire, fieldRetire, classStrength, races: races.length };
}

/** The model's strength and retirement probability for an entry (with the priors for unknown drivers). */
export function entryModel(model: ResultsModel, entry: Entry): { strength: number; retire: number } {
  const key = keyOf(entry.driverIds);
  let strength = model.strength.get(key);
  if (strength === undefined) {
    // A car shared by drivers known apart: the geometric mean of theirs.
    const known = entry.driverIds
      .map((d) => model.strength.get(d))
      .filter((s): s is number => s !== undefined);
    strength = known.length
      ? Math.exp(known.reduce((a, s) => a + Math.log(s), 0) / known.length)
      : (model.classStrength.get(entry.classId) ?? 1);
  }
  return { strength, retire: model.retire.get(key) ?? model.fieldRetire };
}

/**
 * Maximum-likelihood Plackett-Luce strengths by Hunter's MM algorithm (2004). The reference item
 * stays at strength 1; the result is scaled so that the geometric mean of the keys is 1.
 */
function plackettLuce(rankings: readonly string[][], keys: readonly string[]): Map<string, number> {
  const w = new Map<string, number>([[REF, 1], ...keys.map((k) => [k, 1] as const)]);
  const wins = new Map<string, number>();
  for (const r of rankings)
    for (let t = 0; t < r.length - 1; t++) wins.set(r[t]!, (wins.get(r[t]!) ?? 0) + 1);
  for (let iteration = 0; iteration < 500; iteration++) {
    const denominators = new Map<string, number>();
    for (const r of rankings) {
      // Stage t chooses among r[t..]; an item at position u takes part in stages 0..min(u, m-2).
      const suffix: number[] = new Array<number>(r.length + 1).fill(0);
      for (let t = r.length - 1; t >= 0; t--) suffix[t] = suffix[t + 1]! + w.get(r[t]!)!;
      let acc = 0;
      for (let u = 0; u < r.length; u++) {
        if (u < r.length - 1) acc += 1 / suffix[u]!;
        denominators.set(r[u]!, (denominators.get(r[u]!) ?? 0) + acc);
      }
    }
    let change = 0;
    for (const k of keys) {
      const next = (wins.get(k) ?? 0) / denominators.get(k)!;
      change = Math.max(change, Math.abs(Math.log(next / w.get(k)!)));
      w.set(k, next);
    }
    if (change < 1e-9) break;
  }
  const mean = keys.length ? keys.reduce((a, k) => a + Math.log(w.get(k)!), 0) / keys.length : 0;
  return new Map(keys.map((k) => [k, Math.exp(Math.log(w.get(k)!) - mean)]));
}
