/**
 * A generated racing history for benchmarks: seasons of races with full fields, poles, fastest
 * laps, retirements, two classes and a couple of shared cars. Deterministic (a fixed-seed PRNG).
 */
import { fraction } from '../src/engine/index.js';
import type { Award, ClassificationRow, Rulebook, Season } from '../src/engine/index.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function generateSeason(n: number, races: number, entries: number): Season {
  const rand = prng(n + 1);
  const entryIds = Array.from({ length: entries }, (_, i) => `s${n}-e${i}`);
  const events = Array.from({ length: Math.ceil(races / 2) }, (_, i) => ({
    id: `ev${i + 1}`,
    round: i + 1,
    name: `Event ${i + 1}`,
    circuit: `Circuit ${i + 1}`,
    tags: [] as string[],
  }));
  const sessions = Array.from({ length: races }, (_, i) => ({
    id: `race-${i + 1}`,
    eventId: `ev${Math.floor(i / 2) + 1}`,
    type: 'race',
    name: `Race ${i + 1}`,
    race: i + 1,
  }));
  const awards: Award[] = [];
  const classifications = sessions.map((s) => {
    const order = [...entryIds].sort(() => rand() - 0.5);
    const retired = Math.floor(rand() * 5);
    const rows: ClassificationRow[] = order.map((entryId, i) =>
      i < order.length - retired
        ? { entryId, status: 'classified', position: i + 1, laps: 30 }
        : { entryId, status: 'DNF', laps: Math.floor(rand() * 30) },
    );
    awards.push({
      sessionId: s.id,
      award: 'pole',
      scope: 'overall',
      entryId: order[Math.floor(rand() * 5)]!,
    });
    awards.push({
      sessionId: s.id,
      award: 'fastest-lap',
      scope: 'overall',
      entryId: order[Math.floor(rand() * 10)]!,
    });
    return { sessionId: s.id, rows };
  });
  return {
    id: `history-${n}`,
    name: `History season ${n}`,
    year: 1950 + n,
    series: { id: 'history', name: 'History' },
    aliases: [],
    classes: [
      { id: 'pro', name: 'Pro' },
      { id: 'am', name: 'Am' },
    ],
    events,
    sessions,
    drivers: entryIds.flatMap((id, i) =>
      i % 15 === 0
        ? [
            { id: `${id}-d`, name: `${id} D` },
            { id: `${id}-d2`, name: `${id} D2` },
          ]
        : [{ id: `${id}-d`, name: `${id} D` }],
    ),
    teams: Array.from({ length: entries / 2 }, (_, i) => ({ id: `s${n}-t${i}`, name: `Team ${i}` })),
    entries: entryIds.map((id, i) => ({
      id,
      car: String(i + 1),
      teamId: `s${n}-t${Math.floor(i / 2)}`,
      driverIds: i % 15 === 0 ? [`${id}-d`, `${id}-d2`] : [`${id}-d`],
      classId: i % 3 === 0 ? 'am' : 'pro',
      eventIds: events.map((e) => e.id),
      eligible: true,
    })),
    classifications,
    awards,
    adjustments: [],
    published: [],
    notes: [],
  };
}

const f = (xs: number[]) => xs.map((x) => fraction(x));

/** Drivers (best 11 results, shared drives divided, bonuses), an Am class table with drops, and constructors. */
export const historyRulebook: Rulebook = {
  id: 'history-rules',
  name: 'History rules',
  scales: { main: { points: f([25, 18, 15, 12, 10, 8, 6, 4, 2, 1]) } },
  championships: [
    {
      id: 'drivers',
      name: 'Drivers',
      competitor: 'driver',
      scope: {},
      basis: 'overall',
      ineligible: 'keep',
      points: { race: 'main' },
      bonuses: [
        { kind: 'pole', points: fraction(1), scope: 'overall' },
        { kind: 'fastest-lap', points: fraction(1), scope: 'overall', requires: { topN: 10 } },
      ],
      multipliers: [],
      drops: [{ kind: 'best-results', count: 11 }],
      sharedDrives: { kind: 'divide' },
      teamScoring: { kind: 'all-cars' },
      tieBreaks: [{ kind: 'countback', places: 'all' }],
      listed: 'classified',
    },
    {
      id: 'am',
      name: 'Am',
      competitor: 'driver',
      scope: { classes: ['am'] },
      basis: 'class',
      ineligible: 'remove',
      points: { race: 'main' },
      bonuses: [],
      multipliers: [],
      drops: [{ kind: 'drop-lowest', count: 2, window: 'before-final-event' }],
      sharedDrives: { kind: 'full' },
      teamScoring: { kind: 'all-cars' },
      tieBreaks: [{ kind: 'countback', places: 'all' }],
      listed: 'started',
    },
    {
      id: 'constructors',
      name: 'Constructors',
      competitor: 'team',
      scope: {},
      basis: 'overall',
      ineligible: 'keep',
      points: { race: 'main' },
      bonuses: [],
      multipliers: [],
      drops: [],
      sharedDrives: { kind: 'full' },
      teamScoring: { kind: 'best-cars', count: 1 },
      tieBreaks: [{ kind: 'countback', places: 'scoring' }],
      listed: 'scored',
    },
  ],
};

/**
 * The benchmarks' floor for one season: for each of `tables` tables, each classified row's scale
 * points summed into its entry's total (a plain loop over the same rows the engine scores).
 */
const floorScale = (historyRulebook.scales['main']?.points ?? []).map((p) => Number(p.num) / Number(p.den));
export function sumScalePoints(season: Season, tables: number): number {
  const slot = new Map<string, number>();
  season.entries.forEach((e, i) => slot.set(e.id, i));
  let check = 0;
  for (let t = 0; t < tables; t++) {
    const totals = new Array<number>(season.entries.length).fill(0);
    for (const c of season.classifications)
      for (const row of c.rows)
        if (row.status === 'classified' && row.position !== undefined)
          totals[slot.get(row.entryId)!]! += floorScale[row.position - 1] ?? 0;
    for (const x of totals) check += x;
  }
  return check;
}
