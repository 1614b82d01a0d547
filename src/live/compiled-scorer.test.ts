import { describe, expect, it } from 'vitest';
import { formatExact } from '../engine/index.js';
import type { Award, ClassificationRow } from '../engine/index.js';
import { compiledScorer } from './compiled-scorer.js';
import { rescoringScorer } from './live-standings.js';
import type { LiveScorer, ScoredTable } from './live-standings.js';
import { referenceSeason } from './test-support/race-16.js';

const { season, rulebook } = await referenceSeason();
const session = season.sessions.find((s) => s.id === 'race-16')!;
const real = season.classifications.find((c) => c.sessionId === 'race-16')!.rows;
const running: ClassificationRow[] = real
  .filter((r) => r.status === 'classified')
  .map((r) => ({ entryId: r.entryId, status: 'classified', position: r.position! }));
const fl: Award[] = [
  { sessionId: 'race-16', award: 'fastest-lap', scope: 'overall', entryId: running[3]!.entryId },
];

const tables = (scorer: LiveScorer, rows: readonly ClassificationRow[]) => {
  const r = scorer.score(rows, fl);
  if (!r.ok) throw new Error(r.issues[0]!.message);
  return r.value.map((c: ScoredTable) => [
    c.id,
    c.final,
    c.rows.map((x) => `${x.position}${x.shared ? '=' : ''} ${x.competitor.id} ${formatExact(x.points)}`),
  ]);
};

describe('the compiled live scorer', () => {
  const stats = { fast: 0, rescored: 0 };
  const made = compiledScorer(season, rulebook, session, stats);
  if (!made.ok) throw new Error(made.issues[0]!.message);
  const fast = made.value;
  const full = rescoringScorer(season, rulebook, session);

  it('scores running and retired cars on the fast path, as computeStandings does', () => {
    // Ten running cars and the leader retired: classified, it would have been 11th, worth 5.
    const rows: ClassificationRow[] = [
      ...running.slice(1, 11).map((r, i) => ({ ...r, position: i + 1 })),
      { entryId: running[0]!.entryId, status: 'DNF', lapsLed: 4 },
    ];
    expect(tables(fast, rows)).toEqual(tables(full, rows));
    expect(stats).toEqual({ fast: 1, rescored: 0 });
  });

  it('hands what it cannot carry to computeStandings: a car that did not start, a gap in the positions', () => {
    const dns: ClassificationRow[] = [...running, { entryId: '12-topp-racing-peter-atwater', status: 'DNS' }];
    expect(tables(fast, dns)).toEqual(tables(full, dns));
    // An unmatched car ahead leaves the leader's place empty: the others keep their places.
    const gap = running.slice(1);
    expect(tables(fast, gap)).toEqual(tables(full, gap));
    expect(stats).toEqual({ fast: 1, rescored: 2 });
  });
});
