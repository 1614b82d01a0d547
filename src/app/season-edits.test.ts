import { beforeAll, describe, expect, it } from 'vitest';
import { fraction, officialResults } from '../engine/index.js';
import type { Season } from '../engine/index.js';
import { loadSeason } from '../formats/catalog.js';
import { applyEdit } from './season-edits.js';

let season: Season;
beforeAll(async () => {
  const loaded = await loadSeason('2024-pccna');
  if (!loaded.ok) throw new Error('no season');
  season = loaded.value.season;
});

/** Freezes a value and everything in it, so a mutation throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Race 1 with three cars and total times: A 30:00.000, B 30:02.000, C 30:04.500. */
function withTimes(s: Season): Season {
  const [a, b, c] = s.classifications.find((x) => x.sessionId === 'race-01')!.rows;
  const rows = [
    { ...a!, laps: 20, time: '30:00.000' },
    { ...b!, laps: 20, time: '30:02.000' },
    { ...c!, laps: 20, time: '30:04.500' },
  ];
  return {
    ...s,
    classifications: s.classifications.map((x) => (x.sessionId === 'race-01' ? { ...x, rows } : x)),
  };
}

/** The official order of a session (the engine's, penalties applied). */
const order = (s: Season, session: string) =>
  officialResults(s)
    .find(session)!
    .rows.map(({ row: r }) => [r.entryId, r.position ?? r.status]);

describe('applyEdit', () => {
  it('moves a car behind the cars it is now slower than with a time penalty', () => {
    const s = withTimes(season);
    // A gets 5 s: 30:05.000, behind B (30:02.000) and C (30:04.500).
    const out = applyEdit(
      s,
      {
        kind: 'penalty',
        penalty: 'time',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        amount: '5',
      },
      'track limits',
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(order(out.value.season, 'race-01').slice(0, 3)).toEqual([
      ['20-mdk-gustav-burton', 1],
      ['78-topp-performance-ryan-yardley', 2],
      ['24-kellymoss-loek-hartog', 3],
    ]);
    expect(officialResults(out.value.season).find('race-01')!.rows[2]!.row.time).toBe('30:05.000');
    // Written as a penalty record; the results as entered stay as they were.
    expect(out.value.season.adjustments.at(-1)).toEqual({
      kind: 'time-penalty',
      sessionId: 'race-01',
      entryId: '24-kellymoss-loek-hartog',
      seconds: fraction(5),
      reason: 'track limits',
    });
    expect(out.value.season.classifications).toEqual(s.classifications);
    expect(out.value).toMatchObject({ action: 'penalty:time', adjustments: true });
  });

  it('keeps the order when a time penalty is smaller than the gap', () => {
    const out = applyEdit(
      withTimes(season),
      {
        kind: 'penalty',
        penalty: 'time',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        amount: '1.5',
      },
      'x',
    );
    if (!out.ok) throw new Error('refused');
    expect(order(out.value.season, 'race-01')[0]).toEqual(['24-kellymoss-loek-hartog', 1]);
  });

  it('asks for a places penalty when the classification has no times', () => {
    const out = applyEdit(
      season,
      {
        kind: 'penalty',
        penalty: 'time',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        amount: '5',
      },
      'x',
    );
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues.map((i) => [i.code, i.path])).toEqual([['penalty.no-times', ['penalty']]]);
  });

  it('disqualifies a car and moves the cars behind it up', () => {
    const out = applyEdit(
      season,
      { kind: 'penalty', penalty: 'disqualification', sessionId: 'race-01', entryId: '20-mdk-gustav-burton' },
      'ride height',
    );
    if (!out.ok) throw new Error('refused');
    const rows = order(out.value.season, 'race-01');
    expect(rows.slice(0, 2)).toEqual([
      ['24-kellymoss-loek-hartog', 1],
      ['78-topp-performance-ryan-yardley', 2],
    ]);
    expect(rows.at(-1)).toEqual(['20-mdk-gustav-burton', 'DSQ']);
  });

  it('does not move a car past the last classified place', () => {
    const race = season.classifications.find((c) => c.sessionId === 'race-01')!;
    const classified = race.rows.filter((r) => r.position !== undefined).length;
    const out = applyEdit(
      season,
      {
        kind: 'penalty',
        penalty: 'places',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        amount: '500',
      },
      'x',
    );
    if (!out.ok) throw new Error('refused');
    const hartog = officialResults(out.value.season)
      .find('race-01')!
      .rows.find((r) => r.row.entryId === '24-kellymoss-loek-hartog')!;
    expect(hartog.position).toBe(classified);
  });

  it('refuses unknown sessions and entries, and bad amounts', () => {
    const codes = [
      applyEdit(season, { kind: 'state', sessionId: 'race-99', state: 'final' }, 'x'),
      applyEdit(season, { kind: 'penalty', penalty: 'places', sessionId: 'race-01', entryId: 'nobody' }, 'x'),
      applyEdit(
        season,
        {
          kind: 'penalty',
          penalty: 'places',
          sessionId: 'race-01',
          entryId: '24-kellymoss-loek-hartog',
          amount: '1.5',
        },
        'x',
      ),
      applyEdit(
        season,
        {
          kind: 'penalty',
          penalty: 'places',
          sessionId: 'race-01',
          entryId: '24-kellymoss-loek-hartog',
          amount: '-2',
        },
        'x',
      ),
    ].map((r) => (r.ok ? 'ok' : r.issues[0]!.code));
    expect(codes).toEqual(['session.unknown', 'entry.unknown', 'penalty.bad-amount', 'penalty.bad-amount']);
  });

  it('does not mutate its input', () => {
    const frozen = deepFreeze(withTimes(season));
    const edits = [
      {
        kind: 'penalty',
        penalty: 'time',
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        amount: '5',
      },
      {
        kind: 'penalty',
        penalty: 'places',
        sessionId: 'race-02',
        entryId: '24-kellymoss-loek-hartog',
        amount: '2',
      },
      {
        kind: 'penalty',
        penalty: 'disqualification',
        sessionId: 'race-03',
        entryId: '24-kellymoss-loek-hartog',
      },
      {
        kind: 'penalty',
        penalty: 'points',
        sessionId: 'race-03',
        entryId: '24-kellymoss-loek-hartog',
        amount: '5',
      },
      { kind: 'awards', sessionId: 'race-04', pole: '20-mdk-gustav-burton' },
      { kind: 'state', sessionId: 'race-05', state: 'final' },
      { kind: 'classification', sessionId: 'race-06', rows: [] },
    ] as const;
    for (const edit of edits) expect(applyEdit(frozen, edit, 'reason').ok, edit.kind).toBe(true);
  });
});
