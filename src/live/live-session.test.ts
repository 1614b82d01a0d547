import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings, formatExact } from '../engine/index.js';
import { LiveSession } from './live-session.js';
import type { LiveUpdate } from './live-session.js';
import { compiledScorer } from './compiled-scorer.js';
import type { CompiledScorerStats } from './compiled-scorer.js';
import { rescoringScorer, seasonWithLiveResult } from './live-standings.js';
import type { LiveScorer } from './live-standings.js';
import type { RunningOrder, RunningOrderRow } from './running-order.js';
import { race16Order, referenceSeason, swapCars } from './test-support/race-16.js';

const loaded = await referenceSeason();
const { season, rulebook } = loaded;

const open = (mappings: Record<string, string> = {}) => {
  const s = LiveSession.create({ season, rulebook, sessionId: 'race-16', mappings });
  if (!s.ok) throw new Error(s.issues.map((i) => i.message).join('\n'));
  return s.value;
};
const apply = (s: LiveSession, order: RunningOrder): LiveUpdate => {
  const u = s.apply(order);
  if (!u.ok) throw new Error(u.issues.map((i) => i.message).join('\n'));
  if (!u.value) throw new Error('no update');
  return u.value;
};
const row = (u: LiveUpdate, champ: string, name: string) =>
  u.championships.find((c) => c.id === champ)!.rows.find((r) => r.competitor.name === name)!;
const withBestLaps = (order: RunningOrder, laps: Record<string, number>): RunningOrder => ({
  ...order,
  rows: order.rows.map((r) => (r.car! in laps ? { ...r, bestLapMs: laps[r.car!]! } : r)),
});

describe('LiveSession', () => {
  it('scores the running order as the race result, with gains against the table before the race', () => {
    const u = apply(open(), withBestLaps(race16Order(loaded), { '78': 133_427, '98': 133_690 }));
    // Before race 16 (standings after race 15): Yardley 227, Sedgwick 225, Cooper 155, Hartog 345.
    // Race 16: P1 25 + fastest lap 1 for Yardley; P2 20 for Sedgwick; P5 12 + pole 2 for Cooper.
    expect(row(u, 'overall', 'Ryan Yardley')).toMatchObject({ position: 2, change: 0 });
    expect(formatExact(row(u, 'overall', 'Ryan Yardley').points)).toBe('253');
    expect(formatExact(row(u, 'overall', 'Ryan Yardley').gained)).toBe('26');
    expect(formatExact(row(u, 'overall', 'Alex Sedgwick').points)).toBe('245');
    expect(formatExact(row(u, 'overall', 'Michael Cooper').gained)).toBe('14');
    expect(formatExact(row(u, 'overall', 'Loek Hartog').points)).toBe('359');
    expect(u.order[0]).toMatchObject({
      position: 1,
      car: '78',
      entryId: '78-topp-performance-ryan-yardley',
      fastestLap: true,
    });
  });

  it('moves the championship when a pass changes the running order', () => {
    const s = open();
    apply(s, race16Order(loaded));
    const u = apply(s, swapCars(race16Order(loaded), '78', '98'));
    // Sedgwick wins: 225 + 25 = 250; Yardley second: 227 + 20 = 247. They swap places 2 and 3.
    expect(row(u, 'overall', 'Alex Sedgwick')).toMatchObject({ position: 2, change: 1 });
    expect(row(u, 'overall', 'Ryan Yardley')).toMatchObject({ position: 3, change: -1 });
    expect(formatExact(row(u, 'overall', 'Alex Sedgwick').points)).toBe('250');
    expect(formatExact(row(u, 'overall', 'Ryan Yardley').points)).toBe('247');
  });

  it('gives a retired car no points and moves everyone behind it up', () => {
    const order = race16Order(loaded);
    const retired: RunningOrder = {
      ...order,
      rows: [...order.rows.slice(1), { ...order.rows[0]!, status: 'DNF' }],
    };
    const u = apply(open(), retired);
    expect(formatExact(row(u, 'overall', 'Ryan Yardley').gained)).toBe('0');
    expect(formatExact(row(u, 'overall', 'Alex Sedgwick').gained)).toBe('25');
    expect(u.order.at(-1)).toMatchObject({ car: '78', status: 'DNF' });
    expect(u.order.at(-1)).not.toHaveProperty('position');
  });

  it('gives no update when nothing the standings use changed', () => {
    const s = open();
    const order = race16Order(loaded);
    apply(s, order);
    expect(s.apply(order)).toEqual({ ok: true, value: undefined });
    // A car further back completing a lap changes nothing that is scored.
    const lapped = { ...order, rows: order.rows.map((r, i) => (i === 20 ? { ...r, laps: 15 } : r)) };
    expect(s.apply(lapped)).toEqual({ ok: true, value: undefined });
    expect(apply(s, swapCars(order, '9', '24')).seq).toBe(2);
  });

  it('gives the fastest lap overall and in each class, as an import of the same rows would', () => {
    const s = open();
    // 78 is Pro, 99 and 56 are Pro-Am, 55 is Masters.
    apply(
      s,
      withBestLaps(race16Order(loaded), { '78': 133_427, '99': 135_600, '55': 136_000, '56': 135_500 }),
    );
    expect(s.result.awards.map((a) => `${a.scope}:${a.entryId}`).sort()).toEqual([
      'masters:55-aci-matt-halcome',
      'overall:78-topp-performance-ryan-yardley',
      'pro-am:56-topp-performance-jeff-mosing',
      'pro:78-topp-performance-ryan-yardley',
    ]);
  });

  it('lists a competitor it cannot match, leaves it out, and takes it once confirmed', () => {
    const order = race16Order(loaded);
    const stranger: RunningOrderRow = {
      key: '178',
      car: '178',
      drivers: ['R. Yardlee'],
      status: 'classified',
    };
    const feed: RunningOrder = { ...order, rows: [stranger, ...order.rows.filter((r) => r.car !== '78')] };
    const s = open();
    const u = apply(s, feed);
    expect(u.unmatched).toEqual([
      expect.objectContaining({ feedKey: '178', key: 'name:r yardlee', car: '178' }),
    ]);
    expect(u.unmatched[0]!.suggestions[0]).toContain('ryan-yardley');
    expect(u.order[0]).toMatchObject({ key: '178', position: 1 });
    expect(u.order[0]).not.toHaveProperty('entryId');
    expect(formatExact(row(u, 'overall', 'Ryan Yardley').gained)).toBe('0');
    // The others keep their places on the road: Sedgwick is second, worth 20.
    expect(formatExact(row(u, 'overall', 'Alex Sedgwick').gained)).toBe('20');
    s.confirm({ 'name:r yardlee': 'ryan-yardley' });
    const confirmed = apply(s, feed);
    expect(confirmed.unmatched).toEqual([]);
    expect(formatExact(row(confirmed, 'overall', 'Ryan Yardley').gained)).toBe('25');
  });

  it('matches a transponder remembered in the mappings, and not twice', () => {
    const order = race16Order(loaded);
    const byTransponder: RunningOrderRow = {
      key: 'T1',
      platformId: 'transponder:4179016',
      drivers: [],
      status: 'classified',
    };
    const twin: RunningOrderRow = { key: 'T2', car: '78', drivers: ['Ryan Yardley'], status: 'classified' };
    const feed: RunningOrder = {
      ...order,
      rows: [byTransponder, twin, ...order.rows.filter((r) => r.car !== '78')],
    };
    const u = apply(open({ 'transponder:4179016': 'ryan-yardley' }), feed);
    expect(u.order[0]).toMatchObject({ key: 'T1', entryId: '78-topp-performance-ryan-yardley' });
    expect(u.unmatched).toEqual([
      expect.objectContaining({
        feedKey: 'T2',
        reason: "matches entry 78-topp-performance-ryan-yardley, which the feed's T1 already matched",
      }),
    ]);
  });

  it('refuses a session that is not a race of the season', () => {
    const s = LiveSession.create({ season, rulebook, sessionId: 'race-99' });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.issues[0]!.message).toBe(`no session "race-99" in ${season.id}`);
  });

  it('does not mutate the season it follows', () => {
    const before = JSON.stringify(season, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    const s = open();
    apply(s, withBestLaps(race16Order(loaded, true), { '78': 133_000 }));
    expect(JSON.stringify(season, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).toBe(before);
  });
});

describe('live tables equal computeStandings of the season with the running order as the result', () => {
  const entries = race16Order(loaded).rows;
  const orders = fc
    .record({
      perm: fc.shuffledSubarray(
        entries.map((_, i) => i),
        { minLength: entries.length, maxLength: entries.length },
      ),
      retired: fc.uniqueArray(fc.nat(entries.length - 1), { maxLength: 4 }),
      laps: fc.array(fc.option(fc.integer({ min: 130_000, max: 140_000 }), { nil: undefined }), {
        minLength: entries.length,
        maxLength: entries.length,
      }),
      finished: fc.boolean(),
    })
    .map(({ perm, retired, laps, finished }): RunningOrder => {
      const rows = perm.map((i, at): RunningOrderRow => {
        const r = entries[i]!;
        const best = laps[at];
        return {
          ...r,
          status: retired.includes(at) ? 'DNF' : 'classified',
          ...(best === undefined ? {} : { bestLapMs: best }),
          ...(at === 0 ? { lapsLed: 3 } : {}),
        };
      });
      return {
        rows: [
          ...rows.filter((r) => r.status === 'classified'),
          ...rows.filter((r) => r.status !== 'classified'),
        ],
        flag: finished ? 'finish' : 'green',
        finished,
      };
    });

  const session = season.sessions.find((s) => s.id === 'race-16')!;
  const stats: CompiledScorerStats = { fast: 0, rescored: 0 };
  const compiled = (): LiveScorer => {
    const c = compiledScorer(season, rulebook, session, stats);
    if (!c.ok) throw new Error(c.issues[0]!.message);
    return c.value;
  };
  it.each([
    ['rescoring', () => rescoringScorer(season, rulebook, session)],
    ['compiled', compiled],
  ])('with the %s scorer', (_name, make) => {
    fc.assert(
      fc.property(orders, (order) => {
        const s = LiveSession.create({
          season,
          rulebook,
          sessionId: 'race-16',
          scorer: make(),
        });
        if (!s.ok) throw new Error('create');
        const u = s.value.apply(order);
        if (!u.ok || !u.value) throw new Error('apply');
        const { rows, awards } = s.value.result;
        const expected = computeStandings(seasonWithLiveResult(season, session, rows, awards), rulebook, {
          afterRace: 16,
        });
        if (!expected.ok) throw new Error('compute');
        const shape = (
          cs: readonly {
            id: string;
            rows: readonly {
              position: number;
              competitor: { id: string };
              points: Parameters<typeof formatExact>[0];
            }[];
          }[],
        ) =>
          cs.map((c) => [
            c.id,
            c.rows.map((r) => `${r.position} ${r.competitor.id} ${formatExact(r.points)}`),
          ]);
        expect(shape(u.value.championships)).toEqual(shape(expected.value.championships));
      }),
      { numRuns: 15 },
    );
  });

  it('went through the fast path for those orders', () => {
    // Every generated order is running and retired cars only, contiguous: none needs rescoring.
    expect(stats).toEqual({ fast: 15, rescored: 0 });
  });
});
