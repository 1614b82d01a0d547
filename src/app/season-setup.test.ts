/**
 * Setting a season up from nothing through the app: the files of a new season (preset by series
 * and year, a template's class championships following the season's classes), its first
 * revision, then calendar, classes, drivers, teams and entries one revision each, a pasted entry
 * list, a mid-season change, and the standings of the season so set up once it has a result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExact } from '../engine/index.js';
import type { Issue } from '../engine/index.js';
import { loadSeasonFiles } from '../formats/season-folder.js';
import { resolvePreset } from '../formats/catalog.js';
import { sqliteDatabase } from '../store/test-support/databases.js';
import type { Store } from '../store/store.js';
import { calendarIcal } from '../exporters/ical/calendar-ical.js';
import { Paddock } from './paddock.js';
import type { Change } from './paddock.js';
import { applySetupChange, makeNewSeason, planEntryList } from './season-setup.js';
import type { SetupChange } from './season-setup.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const issuesOf = (r: { ok: true } | { ok: false; issues: readonly Issue[] }): Issue[] =>
  r.ok ? [] : [...r.issues];

const by = (reason: string, extra: Partial<Change> = {}): Change => ({
  author: 'organiser@example.com',
  reason,
  origin: 'editor',
  at: new Date('2026-02-01T10:00:00Z'),
  ...extra,
});

describe("a new season from the organiser's choices", () => {
  it('finds the preset by series and year, as paddock rulebook show does', async () => {
    const made = ok(
      await makeNewSeason({ seriesName: 'Historic Formula', year: 1988, preset: 'f1', classes: [] }),
    );
    expect(made.id).toBe('1988-historic-formula');
    expect(made.preset.id).toBe('f1-1981-1990');
    expect(made.files.get('rulebook.yaml')).toMatch(/^extends: f1-1981-1990$/m);
    expect([...made.files.keys()].sort()).toEqual([
      'drivers.csv',
      'entries.csv',
      'rulebook.yaml',
      'season.yaml',
      'teams.csv',
    ]);
    // 1988: best 11 results of 16 count (the preset's drop rule), drivers and constructors.
    expect(made.loaded.rulebook.championships.map((c) => c.id)).toEqual(['drivers', 'constructors']);
  });

  it("gives a template's class championships the season's own classes", async () => {
    const made = ok(
      await makeNewSeason({
        seriesName: 'Club Cup',
        year: 2026,
        preset: 'sim-racing-league',
        classes: ['Pro', 'Pro-Am'],
      }),
    );
    const text = made.files.get('rulebook.yaml')!;
    expect(text).toMatch(/remove_championships:\n {2}- gold\n {2}- silver\n {2}- bronze/);
    expect(text).not.toMatch(/[&*]a1/);
    const { championships } = made.loaded.rulebook;
    expect(championships.map((c) => c.id)).toEqual(['overall', 'pro', 'pro-am']);
    expect(championships.find((c) => c.id === 'pro-am')!.scope.classes).toEqual(['pro-am']);
    expect(made.loaded.season.classes).toEqual([
      { id: 'pro', name: 'Pro' },
      { id: 'pro-am', name: 'Pro-Am' },
    ]);
  });

  it('names the field of every problem and builds nothing', async () => {
    const r = await makeNewSeason({
      seriesName: ' ',
      year: 2026,
      preset: 'f1-1988-nope',
      classes: ['Am', 'AM'],
    });
    expect(issuesOf(r).map((i) => [i.path.join('.'), i.code])).toEqual([
      ['series', 'setup.no-series'],
      ['classes.1', 'setup.duplicate-class'],
      ['preset', 'setup.unknown-preset'],
    ]);
    const wrongYear = await makeNewSeason({
      seriesName: 'X',
      year: 2026,
      preset: 'f1-1981-1990',
      classes: [],
    });
    expect(issuesOf(wrongYear)[0]!.message).toBe('preset "f1-1981-1990" covers 1981-1990, not 2026');
    const noSeason = await makeNewSeason({ seriesName: 'X', year: 1940, preset: 'f1', classes: [] });
    expect(issuesOf(noSeason)[0]!.code).toBe('setup.no-preset-for-season');
  });
});

describe('setting a season up in the database', () => {
  let store: Store;
  let app: Paddock;
  const id = '2026-club-cup';
  beforeAll(async () => {
    store = await sqliteDatabase().open();
    app = new Paddock({ store, builtIns: false });
  });
  afterAll(() => store.close());

  const setup = (change: SetupChange, reason = 'setting up', extra: Partial<Change> = {}) =>
    app.changeSetup(id, change, by(reason, extra));
  const versionNow = async () => ok(await app.open(id)).version!;

  it('stores the new season as its first revision, and refuses a second with its id', async () => {
    const created = ok(
      await app.createSeason(
        { seriesName: 'Club Cup', year: 2026, preset: 'sim-racing-league', classes: ['Pro', 'Am'] },
        by('a new season'),
      ),
    );
    expect(created).toEqual({ id, version: 1 });
    const again = await app.createSeason(
      { seriesName: 'Club Cup', year: 2026, preset: 'sim-racing-league', classes: [] },
      by('again'),
    );
    expect(issuesOf(again).map((i) => i.code)).toEqual(['setup.season-exists']);
    const history = ok(await app.history(id));
    expect(history.revisions.map((r) => [r.version, r.author, r.reason])).toEqual([
      [1, 'organiser@example.com', 'a new season'],
    ]);
  });

  it('adds two events with sessions: races numbered across the season, local times with the zone', async () => {
    ok(
      await setup({
        kind: 'event',
        name: 'Brands Hatch',
        circuit: 'Brands Hatch Indy',
        country: 'GB',
        start: '2026-04-11',
        end: '2026-04-12',
        timezone: 'Europe/London',
        sessions: [
          { type: 'qualifying', date: '2026-04-11', time: '16:30', durationMinutes: 20 },
          { type: 'race', date: '2026-04-12', time: '11:05', durationMinutes: 30 },
          { type: 'race', date: '2026-04-12', time: '15:40', durationMinutes: 30 },
        ],
      }),
    );
    ok(
      await setup({
        kind: 'event',
        name: 'Spa',
        circuit: 'Circuit de Spa-Francorchamps',
        country: 'BE',
        start: '2026-05-23',
        timezone: 'Europe/Brussels',
        sessions: [{ type: 'race', time: '13:00' }],
      }),
    );
    const { season } = ok(await app.open(id)).loaded;
    expect(season.events.map((e) => [e.id, e.round, e.timezone])).toEqual([
      ['brands-hatch', 1, 'Europe/London'],
      ['spa', 2, 'Europe/Brussels'],
    ]);
    expect(season.sessions.map((s) => [s.id, s.type, s.race, s.name, s.date, s.time])).toEqual([
      ['brands-hatch-qualifying', 'qualifying', undefined, 'Qualifying', '2026-04-11', '16:30'],
      ['brands-hatch-race-1', 'race', 1, 'Race 1', '2026-04-12', '11:05'],
      ['brands-hatch-race-2', 'race', 2, 'Race 2', '2026-04-12', '15:40'],
      ['spa-race', 'race', 3, 'Race', undefined, '13:00'],
    ]);
    // The feed carries each session at its local time in the circuit's zone (BST is UTC+1).
    const ics = calendarIcal(season, new Date('2026-01-01T00:00:00Z'));
    expect(ics).toContain('DTSTART;TZID=Europe/London:20260412T110500');
    expect(ics).toContain('DTEND;TZID=Europe/London:20260412T113500');
    expect(ics).toContain('DTSTART;TZID=Europe/Brussels:20260523T130000');
    expect(ics).toContain('DTEND;TZID=Europe/Brussels:20260523T140000');
    expect(ics).toContain('TZID:Europe/London');
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
  });

  it('refuses a round taken already or a time without a zone, next to the field, writing nothing', async () => {
    const before = await versionNow();
    const r = await setup({
      kind: 'event',
      round: 1,
      name: 'Donington',
      circuit: 'Donington Park',
      start: '2026-03-28',
      timezone: 'CET',
      sessions: [{ type: 'race', date: '2026-03-29', time: '25:00' }],
    });
    expect(issuesOf(r).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['round', 'round 1 is Brands Hatch already'],
      ['timezone', '"CET" is not an IANA time zone such as Europe/London or America/New_York'],
      ['sessions.0.date', '2026-03-29 is not a day of the event (2026-03-28)'],
      ['sessions.0.time', 'a local time written hh:mm, such as 14:05'],
    ]);
    expect(await versionNow()).toBe(before);
  });

  it('numbers the races again when a round goes before others', async () => {
    ok(
      await setup({
        kind: 'event',
        round: 5,
        name: 'Silverstone',
        circuit: 'Silverstone National',
        start: '2026-08-01',
        sessions: [{ type: 'race' }],
      }),
    );
    ok(
      await setup({
        kind: 'event',
        round: 4,
        name: 'Snetterton',
        circuit: 'Snetterton 300',
        start: '2026-07-04',
        sessions: [{ type: 'practice' }, { type: 'race' }],
      }),
    );
    const { season } = ok(await app.open(id)).loaded;
    expect(season.events.map((e) => [e.id, e.round])).toEqual([
      ['brands-hatch', 1],
      ['spa', 2],
      ['snetterton', 4],
      ['silverstone', 5],
    ]);
    expect(season.sessions.filter((s) => s.race !== undefined).map((s) => [s.id, s.race])).toEqual([
      ['brands-hatch-race-1', 1],
      ['brands-hatch-race-2', 2],
      ['spa-race', 3],
      ['snetterton-race', 4],
      ['silverstone-race', 5],
    ]);
    // The season.yaml written keeps the events in round order.
    const yaml = ok(await app.open(id)).loaded.files.get('season.yaml')!;
    expect(yaml.indexOf('id: snetterton')).toBeLessThan(yaml.indexOf('id: silverstone'));
  });

  it('adds a class, a driver and a team; refuses doubles and bad codes', async () => {
    ok(await setup({ kind: 'class', name: 'Guest' }));
    ok(await setup({ kind: 'driver', name: 'Zoë Ash', nationality: 'GB' }));
    ok(await setup({ kind: 'team', name: 'Ash Racing' }));
    const { season } = ok(await app.open(id)).loaded;
    expect(season.classes.map((c) => c.id)).toEqual(['pro', 'am', 'guest']);
    expect(season.drivers).toEqual([{ id: 'zoe-ash', name: 'Zoë Ash', nationality: 'GB' }]);
    expect(season.teams).toEqual([{ id: 'ash-racing', name: 'Ash Racing' }]);
    expect(
      issuesOf(await setup({ kind: 'driver', name: 'Zoe Ash', nationality: 'UK' })).map((i) => [
        i.path[0],
        i.code,
      ]),
    ).toEqual([
      ['nationality', 'setup.bad-country'],
      ['name', 'setup.duplicate-driver'],
    ]);
    expect(issuesOf(await setup({ kind: 'class', name: 'PRO' })).map((i) => i.code)).toEqual([
      'setup.duplicate-class',
    ]);
  });

  it('adds an entry of known people, and names the unknown ones', async () => {
    ok(await setup({ kind: 'entry', car: '7', team: 'Ash Racing', drivers: ['zoe-ash'], class: 'Pro' }));
    const r = await setup({
      kind: 'entry',
      car: '7',
      team: 'Nobody GP',
      drivers: ['Zoë Ash'],
      class: 'Platinum',
      rounds: '1-9',
    });
    expect(issuesOf(r).map((i) => [i.path[0], i.message])).toEqual([
      ['team', 'no team "Nobody GP" in this season'],
      ['class', '"Platinum" is not a class of this season'],
      ['rounds', 'round 9 is not in the calendar (rounds 1-2;4-5)'],
    ]);
    const clash = await setup({
      kind: 'entry',
      car: '7',
      team: 'ash-racing',
      drivers: ['zoe-ash'],
      class: 'am',
      rounds: '2',
    });
    expect(issuesOf(clash)[0]!.message).toBe(
      'car 7 is entry 7-ash-racing-zoe-ash in some of these rounds already',
    );
  });

  const PASTE = [
    'Number, Driver, Team, Class',
    '11, Ben Cole, Cole Motorsport, Pro',
    '22, Dan Eve / Fay Gold, Eve Racing, Am',
    '33, Hal Ive, Cole Motorsport, Am, 1-2',
    '99\tIan Jay\tAsh Racing\tGuest\t\tguest',
  ].join('\n');

  it('plans a pasted entry list: new drivers and teams, a shared car, rounds, a guest', async () => {
    const plan = planEntryList(ok(await app.open(id)).loaded.season, PASTE);
    expect(plan.issues).toEqual([]);
    expect(
      plan.entries.map((e) => [
        e.line,
        e.id,
        e.drivers.map((d) => d.id).join(';'),
        e.classId,
        e.rounds,
        e.eligible,
      ]),
    ).toEqual([
      [2, '11-cole-motorsport-ben-cole', 'ben-cole', 'pro', 'all', true],
      [3, '22-eve-racing-dan-eve', 'dan-eve;fay-gold', 'am', 'all', true],
      [4, '33-cole-motorsport-hal-ive', 'hal-ive', 'am', '1-2', true],
      [5, '99-ash-racing-ian-jay', 'ian-jay', 'guest', 'all', false],
    ]);
    expect(plan.newDrivers.map((d) => d.id)).toEqual([
      'ben-cole',
      'dan-eve',
      'fay-gold',
      'hal-ive',
      'ian-jay',
    ]);
    // Ash Racing is known already; Cole Motorsport is new once, though on two lines.
    expect(plan.newTeams).toEqual([
      { id: 'cole-motorsport', name: 'Cole Motorsport' },
      { id: 'eve-racing', name: 'Eve Racing' },
    ]);
  });

  it('names every bad line of a paste and writes nothing', async () => {
    const before = await versionNow();
    const bad = [
      '44, Kim Lee, Lee GP',
      '55, Max Neo, Neo Team, Silver',
      '7, New Guy, Ash Racing, Pro',
      '66, Ola Pim, Pim, Am, 1-9',
      '77, Quin Roe, Roe, Am',
      '77, Sam Tye, Tye, Pro',
    ].join('\n');
    const r = await setup({ kind: 'entry-list', text: bad });
    expect(issuesOf(r).map((i) => i.message)).toEqual([
      'line 1: "44, Kim Lee, Lee GP" needs number, driver, team, class',
      'line 2: "Silver" is not a class of this season',
      'line 3: car 7 is entry 7-ash-racing-zoe-ash in some of these rounds already',
      'line 4: round 9 is not in the calendar (rounds 1-2;4-5)',
      'line 6: car 77 is on line 5 already',
    ]);
    expect(await versionNow()).toBe(before);
  });

  it('applies a paste as one revision with its reason', async () => {
    const v = await versionNow();
    const r = ok(
      await setup({ kind: 'entry-list', text: PASTE }, 'entry list from the club', { expectedVersion: v }),
    );
    expect(r).toEqual({ version: v + 1, subject: '4 entries (5 new drivers, 2 new teams)' });
    const { season } = ok(await app.open(id)).loaded;
    expect(season.entries.map((e) => [e.id, e.car, e.teamId, e.eventIds.length, e.eligible])).toEqual([
      ['7-ash-racing-zoe-ash', '7', 'ash-racing', 4, true],
      ['11-cole-motorsport-ben-cole', '11', 'cole-motorsport', 4, true],
      ['22-eve-racing-dan-eve', '22', 'eve-racing', 4, true],
      ['33-cole-motorsport-hal-ive', '33', 'cole-motorsport', 2, true],
      ['99-ash-racing-ian-jay', '99', 'ash-racing', 4, false],
    ]);
    const latest = ok(await app.history(id)).revisions[0]!;
    expect([latest.action, latest.reason, latest.author]).toEqual([
      'setup-entries',
      'entry list from the club',
      'organiser@example.com',
    ]);
  });

  it('refuses a change made from a version the season has moved on from', async () => {
    const v = await versionNow();
    const r = await setup({ kind: 'driver', name: 'Late Comer' }, 'stale', { expectedVersion: v - 1 });
    expect(issuesOf(r).map((i) => i.code)).toEqual(['season.conflict']);
    expect(await versionNow()).toBe(v);
  });

  it('records a mid-season change: a new number and team from round 4, the old entry up to round 2', async () => {
    ok(
      await setup({
        kind: 'entry-change',
        entry: '11-cole-motorsport-ben-cole',
        fromRound: 4,
        car: '12',
        team: 'Eve Racing',
      }),
    );
    const { season } = ok(await app.open(id)).loaded;
    const rounds = (entryId: string) =>
      season.entries
        .find((e) => e.id === entryId)!
        .eventIds.map((e) => season.events.find((x) => x.id === e)!.round);
    expect(rounds('11-cole-motorsport-ben-cole')).toEqual([1, 2]);
    expect(rounds('12-eve-racing-ben-cole')).toEqual([4, 5]);
    const text = ok(await app.open(id)).loaded.files.get('entries.csv')!;
    expect(text).toContain('11-cole-motorsport-ben-cole,11,cole-motorsport,ben-cole,pro,1-2,true,');
    expect(text).toContain('12-eve-racing-ben-cole,12,eve-racing,ben-cole,pro,4-5,true,');
    const first = await setup({
      kind: 'entry-change',
      entry: '22-eve-racing-dan-eve',
      fromRound: 1,
      car: '23',
    });
    expect(issuesOf(first).map((i) => i.path[0])).toEqual(['from_round']);
  });

  it('keeps the columns the form does not ask on the split-off entry (a NASCAR car without driver points)', async () => {
    const files = new Map(ok(await app.open(id)).loaded.files);
    const lines = files.get('entries.csv')!.trimEnd().split('\n');
    files.set(
      'entries.csv',
      [
        `${lines[0]},driver_points`,
        ...lines.slice(1).map((l) => `${l},${l.startsWith('22-eve-racing-dan-eve,') ? 'false' : ''}`),
        '',
      ].join('\n'),
    );
    const loaded = ok(await loadSeasonFiles(files, { resolvePreset }));
    const made = ok(
      applySetupChange(loaded, {
        kind: 'entry-change',
        entry: '22-eve-racing-dan-eve',
        fromRound: 3,
        car: '23',
      }),
    );
    const after = ok(await loadSeasonFiles(new Map([...files, ...made.files]), { resolvePreset }));
    const points = (entryId: string) => after.season.entries.find((e) => e.id === entryId)!.driverPoints;
    expect(points('22-eve-racing-dan-eve')).toBe(false);
    expect(points('23-eve-racing-dan-eve')).toBe(false);
    expect(points('7-ash-racing-zoe-ash')).toBeUndefined();
  });

  it('scores the season so set up once it has results', async () => {
    const results = [
      'position,entry,drivers,status,laps,laps_led,time,note',
      '1,22-eve-racing-dan-eve,,classified,12,,,',
      '2,7-ash-racing-zoe-ash,,classified,12,,,',
      '3,99-ash-racing-ian-jay,,classified,12,,,',
      '4,11-cole-motorsport-ben-cole,,classified,12,,,',
      '5,33-cole-motorsport-hal-ive,,classified,11,,,',
      '',
    ].join('\n');
    // The same order at Spa (round 2): the template drops each driver's worst week, so one counts.
    ok(
      await app.changeFiles(
        id,
        new Map([
          ['results/brands-hatch-race-1.csv', results],
          ['results/spa-race.csv', results],
        ]),
        by('rounds 1 and 2'),
        'results',
      ),
    );
    const standings = ok(app.standings(ok(await app.open(id))));
    const table = (c: string) =>
      standings.championships
        .find((x) => x.id === c)!
        .rows.map((r) => [r.competitor.id, formatExact(r.points)]);
    // sim-race 25-22-20-18 each week, one of two weeks dropped; the guest (99) is removed before
    // points, so Ben Cole is third on 20. The shared car's drivers score in full.
    expect(table('overall')).toEqual([
      ['dan-eve', '25'],
      ['fay-gold', '25'],
      ['zoe-ash', '22'],
      ['ben-cole', '20'],
      ['hal-ive', '18'],
    ]);
    expect(table('pro')).toEqual([
      ['zoe-ash', '25'],
      ['ben-cole', '22'],
    ]);
    expect(table('am')).toEqual([
      ['dan-eve', '25'],
      ['fay-gold', '25'],
      ['hal-ive', '22'],
    ]);
  });
});

describe('session times in the season format', () => {
  const files = (events: string) =>
    new Map([
      ['season.yaml', `id: s\nname: S\nyear: 2026\nseries: { id: s, name: S }\nevents:\n${events}`],
      ['rulebook.yaml', 'extends: sim-racing-league\nremove_championships: [gold, silver, bronze]\n'],
      ['drivers.csv', 'id,name\n'],
      ['teams.csv', 'id,name\n'],
      ['entries.csv', 'id,car,team,drivers,class,rounds\n'],
    ]);
  it('names the file, line and field of a time without a zone, a bad zone, a day outside the event', async () => {
    const r = await loadSeasonFiles(
      files(
        [
          '  - id: a',
          '    round: 1',
          '    name: A',
          '    circuit: A',
          '    start: 2026-04-11',
          '    sessions:',
          '      - { id: r1, type: race, race: 1, name: R1, time: "14:00" }',
          '      - { id: r2, type: race, race: 2, name: R2, date: 2026-04-13 }',
          '  - id: b',
          '    round: 2',
          '    name: B',
          '    circuit: B',
          '    timezone: Mars/Olympus',
          '    sessions: []',
          '',
        ].join('\n'),
      ),
      { resolvePreset },
    );
    expect(issuesOf(r).map((i) => `${i.location?.file}:${i.location?.line}: ${i.message}`)).toEqual([
      'season.yaml:12: "events.0.sessions.0.time": session "r1" has a start time but event "a" has no timezone (such as Europe/London)',
      'season.yaml:13: "events.0.sessions.1.date": session "r2" is on 2026-04-13, outside event "a" (2026-04-11)',
      'season.yaml:18: "events.1.timezone": timezone is an IANA time zone name such as Europe/London or America/New_York',
    ]);
  });
});
