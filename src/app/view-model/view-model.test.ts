import { describe, expect, it } from 'vitest';
import { fraction, formatExact } from '../../engine/index.js';
import type { ChampionshipStandings, Contribution, Season, SeasonStandings } from '../../engine/index.js';
import { competitorView } from './competitor.js';
import { entryList } from './entry-list.js';
import { sessionResults, sessionRows } from './event-results.js';
import { viewSeason } from './season-view.js';

/** Two classes, three cars, two races at two events; car 3 did not start race 2. */
const season: Season = {
  id: 's',
  name: 'S',
  year: 2024,
  series: { id: 'x', name: 'X' },
  aliases: [],
  classes: [
    { id: 'pro', name: 'Pro' },
    { id: 'am', name: 'Am' },
  ],
  events: [
    { id: 'e1', round: 1, name: 'One', circuit: 'C1', tags: [] },
    { id: 'e2', round: 2, name: 'Two', circuit: 'C2', tags: [] },
  ],
  sessions: [
    { id: 'r1', eventId: 'e1', type: 'race', race: 1, name: 'Race 1' },
    { id: 'r2', eventId: 'e2', type: 'race', race: 2, name: 'Race 2' },
  ],
  drivers: [
    { id: 'a', name: 'A' },
    { id: 'b', name: 'B' },
    { id: 'c', name: 'C' },
  ],
  teams: [{ id: 't', name: 'T' }],
  entries: [
    {
      id: 'e-a',
      car: '1',
      teamId: 't',
      driverIds: ['a'],
      classId: 'pro',
      eventIds: ['e1', 'e2'],
      eligible: true,
    },
    {
      id: 'e-b',
      car: '2',
      teamId: 't',
      driverIds: ['b'],
      classId: 'am',
      eventIds: ['e1', 'e2'],
      eligible: true,
    },
    {
      id: 'e-c',
      car: '3',
      teamId: 't',
      driverIds: ['c'],
      classId: 'am',
      eventIds: ['e1', 'e2'],
      eligible: true,
    },
  ],
  classifications: [
    {
      sessionId: 'r1',
      rows: [
        // Given out of order: class positions follow the overall positions, not the row order.
        { entryId: 'e-c', status: 'classified', position: 3 },
        { entryId: 'e-a', status: 'classified', position: 2 },
        { entryId: 'e-b', status: 'classified', position: 1 },
      ],
    },
    {
      sessionId: 'r2',
      rows: [
        { entryId: 'e-a', status: 'DSQ' },
        { entryId: 'e-b', status: 'classified', position: 1 },
        { entryId: 'e-c', status: 'DNS' },
      ],
    },
  ],
  awards: [{ sessionId: 'r1', award: 'pole', scope: 'overall', entryId: 'e-a' }],
  adjustments: [],
  published: [],
  notes: [],
};

describe('class positions', () => {
  it('number the classified cars of each class by overall position, whatever the row order', () => {
    const rows = sessionRows(viewSeason(season), 'r1')!;
    expect(rows.map((r) => [r.row.entryId, r.row.position, r.classId, r.classPosition])).toEqual([
      ['e-b', 1, 'am', 1],
      ['e-a', 2, 'pro', 1],
      ['e-c', 3, 'am', 2],
    ]);
  });

  it('show the official classification: penalties applied, with their decisions, results as entered kept', () => {
    const penalised: Season = {
      ...season,
      adjustments: [
        {
          kind: 'places-penalty',
          sessionId: 'r1',
          entryId: 'e-b',
          places: 2,
          reason: 'Decision 4: false start',
        },
      ],
    };
    const view = viewSeason(penalised);
    const r1 = sessionResults(view, penalised.sessions[0]!, new Map());
    // e-b (am) drops from 1st to 3rd: e-a (pro) and e-c (am) move up; e-c now leads am.
    expect(
      r1.rows!.map((r) => [r.row.entryId, r.row.position, r.classPosition, r.positionBeforePenalties]),
    ).toEqual([
      ['e-a', 1, 1, undefined],
      ['e-c', 2, 1, undefined],
      ['e-b', 3, 2, 1],
    ]);
    expect(r1.penalties).toEqual([
      {
        entryId: 'e-b',
        car: view.entry('e-b')!.car,
        drivers: view.driverName(view.entry('e-b')!.driverIds[0]!),
        penalty: '2-place penalty',
        decision: 'Decision 4: false start',
        before: 1,
        after: 3,
      },
    ]);
    expect(r1.rows![2]!.penalties).toEqual(r1.penalties);
    expect(r1.classes.map((c) => [c.class.id, c.winner?.row.entryId])).toEqual([
      ['pro', 'e-a'],
      ['am', 'e-c'],
    ]);
    // The editor edits the results as entered.
    expect(view.classification('r1')).toBe(penalised.classifications[0]);
  });

  it('leave disqualified and non-starting cars without a class position, and name class winners', () => {
    const view = viewSeason(season);
    const r2 = sessionResults(view, season.sessions[1]!, new Map());
    expect(r2.rows!.map((r) => [r.row.entryId, r.classPosition])).toEqual([
      ['e-b', 1],
      ['e-a', undefined],
      ['e-c', undefined],
    ]);
    expect(r2.classes.map((c) => [c.class.id, c.winner?.row.entryId])).toEqual([
      ['pro', undefined],
      ['am', 'e-b'],
    ]);
    const r1 = sessionResults(view, season.sessions[0]!, new Map());
    expect(r1.pole).toBe('A');
  });
});

describe('events run', () => {
  it('counts an event where the car took part, not one it did not start', () => {
    const list = entryList(viewSeason(season));
    const am = list.classes[1]!.entries;
    expect(
      am.map((e) => [e.entry.id, e.ranAll, e.ran.map((ev) => ev.id), e.missed.map((ev) => ev.id)]),
    ).toEqual([
      ['e-b', true, ['e1', 'e2'], []],
      ['e-c', false, ['e1'], ['e2']],
    ]);
  });
});

describe('a competitor over the season', () => {
  it('adds points per race and running totals as exact fractions', () => {
    // A third of a point three times is exactly 1, which floats would not give.
    const third = fraction(1, 3);
    const contribution = (sessionId: string, race: number, counted = true): Contribution => ({
      sessionId,
      race,
      kind: 'result',
      rule: 'scale:x',
      description: '',
      points: third,
      counted,
    });
    const table: ChampionshipStandings = {
      id: 'drivers',
      name: 'Drivers',
      competitorKind: 'driver',
      afterRace: 2,
      final: true,
      sessions: [
        { id: 'r1', eventId: 'e1', race: 1, type: 'race', name: 'Race 1' },
        { id: 'r2', eventId: 'e2', race: 2, type: 'race', name: 'Race 2' },
      ],
      rows: [
        {
          position: 1,
          shared: false,
          competitor: { id: 'b', name: 'B', kind: 'driver' },
          points: fraction(1),
          contributions: [
            contribution('r1', 1),
            contribution('r1', 1),
            contribution('r2', 2),
            contribution('r2', 2, false),
          ],
          cells: [],
        },
      ],
      excluded: [],
    };
    const standings: SeasonStandings = {
      season: { id: 's', name: 'S' },
      afterRace: 2,
      championships: [table],
    };
    const who = competitorView(viewSeason(season), standings, 'driver', 'B')!;
    expect(who.id).toBe('b');
    expect(who.tables[0]!.cumulative.map((p) => [p.race, formatExact(p.total)])).toEqual([
      [1, '2/3'],
      [2, '1'],
    ]);
    expect(
      who.races.map((r) => [r.session.id, formatExact(r.points[0]!.counted), r.points[0]!.dropped]),
    ).toEqual([
      ['r1', '2/3', false],
      ['r2', '1/3', true],
    ]);
    expect(competitorView(viewSeason(season), standings, 'driver', 'nobody')).toBeUndefined();
  });
});
