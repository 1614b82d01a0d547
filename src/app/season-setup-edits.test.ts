/**
 * Changing and deleting what a season has, through the app: a driver, team or class renamed, an
 * event's details and sessions changed, an entry's number, rounds or eligibility changed; each a
 * revision with its reason, checked as loading checks it. A delete that results, awards,
 * penalties or entries still refer to is refused, naming them, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExact } from '../engine/index.js';
import type { Issue } from '../engine/index.js';
import { sqliteDatabase } from '../store/test-support/databases.js';
import type { Store } from '../store/store.js';
import { Paddock } from './paddock.js';
import type { Change } from './paddock.js';
import type { SetupChange } from './season-setup.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const issuesOf = (r: { ok: true } | { ok: false; issues: readonly Issue[] }): Issue[] =>
  r.ok ? [] : [...r.issues];

const by = (reason: string): Change => ({
  author: 'organiser@example.com',
  reason,
  origin: 'editor',
  at: new Date('2026-02-01T10:00:00Z'),
});

const id = '2026-club-cup';
let store: Store;
let app: Paddock;
const setup = (change: SetupChange, reason = 'setting up') => app.changeSetup(id, change, by(reason));
const open = async () => ok(await app.open(id));
const versionNow = async () => (await open()).version!;
const table = async (championship: string) =>
  ok(app.standings(await open()))
    .championships.find((c) => c.id === championship)!
    .rows.map((r) => [r.competitor.id, formatExact(r.points)]);
/** The refusal's issues as [field, message], and that nothing was written. */
async function refused(change: SetupChange): Promise<[string, string][]> {
  const before = await versionNow();
  const r = await setup(change);
  expect(await versionNow()).toBe(before);
  return issuesOf(r).map((i) => [i.path.join('.'), i.message]);
}

const RESULTS = [
  'position,entry,drivers,status,laps,laps_led,time,note',
  '1,7-ash-racing-zoe-ash,,classified,12,,,',
  '2,11-cole-motorsport-ben-cole,,classified,12,,,',
  '3,22-eve-racing-dan-eve,,classified,12,,,',
  '',
].join('\n');

beforeAll(async () => {
  store = await sqliteDatabase().open();
  app = new Paddock({ store, builtIns: false });
  ok(
    await app.createSeason(
      { seriesName: 'Club Cup', year: 2026, preset: 'sim-racing-league', classes: ['Pro', 'Am'] },
      by('a new season'),
    ),
  );
  const event = (
    name: string,
    start: string,
    sessions: Extract<SetupChange, { kind: 'event' }>['sessions'],
  ) => setup({ kind: 'event', name, circuit: name, start, sessions });
  ok(await event('Brands Hatch', '2026-04-11', [{ type: 'race' }]));
  ok(await event('Spa', '2026-05-23', [{ type: 'qualifying' }, { type: 'race' }]));
  ok(await event('Monza', '2026-06-20', [{ type: 'race' }]));
  ok(
    await setup({
      kind: 'entry-list',
      text: '7, Zoe Ash, Ash Racing, Pro\n11, Ben Cole, Cole Motorsport, Pro\n22, Dan Eve, Eve Racing, Am\n33, Hal Ive, Ash Racing, Am, 3\n',
    }),
  );
  ok(
    await app.changeFiles(
      id,
      new Map([
        ['results/brands-hatch-race.csv', RESULTS],
        ['results/spa-race.csv', RESULTS],
      ]),
      by('rounds 1 and 2'),
      'results',
    ),
  );
});
afterAll(() => store.close());

describe('changing what the season has', () => {
  it('scores the set-up season: one of the two equal weeks dropped', async () => {
    // sim-race 25-22-20 each week; the template drops each driver's worst week.
    expect(await table('overall')).toEqual([
      ['zoe-ash', '25'],
      ['ben-cole', '22'],
      ['dan-eve', '20'],
    ]);
  });

  it("renames a driver: the name changes, the ids and every table's points do not", async () => {
    const points = async () =>
      ok(app.standings(await open())).championships.map((c) => [
        c.id,
        c.rows.map((r) => [r.competitor.id, r.position, formatExact(r.points)]),
      ]);
    const before = await points();
    ok(
      await setup(
        { kind: 'driver-edit', driver: 'ben-cole', name: 'Benjamin Cole', nationality: 'gb' },
        'his full name',
      ),
    );
    const sv = await open();
    expect(sv.loaded.season.drivers.find((d) => d.id === 'ben-cole')).toEqual({
      id: 'ben-cole',
      name: 'Benjamin Cole',
      nationality: 'GB',
    });
    expect(sv.loaded.files.get('drivers.csv')).toContain('ben-cole,Benjamin Cole,GB');
    expect(await points()).toEqual(before);
    const history = ok(await app.history(id));
    expect(history.revisions[0]!.reason).toBe('his full name');
    expect(await refused({ kind: 'driver-edit', driver: 'ben-cole', nationality: 'Britain' })).toEqual([
      ['nationality', '"BRITAIN" is not an ISO 3166-1 alpha-2 country code such as GB, US or NL'],
    ]);
    expect(await refused({ kind: 'driver-edit', driver: 'nobody', name: 'X' })).toEqual([
      ['driver', 'no driver "nobody" in this season'],
    ]);
  });

  it('renames a team and a class; a class name taken is refused', async () => {
    ok(await setup({ kind: 'team-edit', team: 'eve-racing', name: 'Eve Racing Team', nationality: 'NL' }));
    ok(await setup({ kind: 'class-edit', class: 'am', name: 'Amateur' }));
    const { season } = (await open()).loaded;
    expect(season.teams.find((t) => t.id === 'eve-racing')).toEqual({
      id: 'eve-racing',
      name: 'Eve Racing Team',
      nationality: 'NL',
    });
    expect(season.classes).toEqual([
      { id: 'pro', name: 'Pro' },
      { id: 'am', name: 'Amateur' },
    ]);
    expect(await refused({ kind: 'class-edit', class: 'am', name: 'pro' })).toEqual([
      ['name', 'class "pro" is named "Pro" already'],
    ]);
  });

  it('makes an entry a guest: the others move up and score its places', async () => {
    ok(
      await setup(
        { kind: 'entry-edit', entry: '7-ash-racing-zoe-ash', eligible: false },
        '#7 races as a guest',
      ),
    );
    // The guest is removed before points: Ben Cole wins both weeks (25), Dan Eve second (22).
    expect(await table('overall')).toEqual([
      ['ben-cole', '25'],
      ['dan-eve', '22'],
    ]);
    expect(await table('pro')).toEqual([['ben-cole', '25']]);
    ok(await setup({ kind: 'entry-edit', entry: '7-ash-racing-zoe-ash', eligible: true }));
    expect((await table('overall'))[0]).toEqual(['zoe-ash', '25']);
  });

  it('moves an entry to another class: it scores in that class table', async () => {
    ok(await setup({ kind: 'entry-edit', entry: '22-eve-racing-dan-eve', class: 'Pro' }));
    // Pro now has three cars: 25, 22, 20 by class position.
    expect(await table('pro')).toEqual([
      ['zoe-ash', '25'],
      ['ben-cole', '22'],
      ['dan-eve', '20'],
    ]);
    expect(await table('am')).toEqual([]);
    ok(await setup({ kind: 'entry-edit', entry: '22-eve-racing-dan-eve', class: 'am' }));
    expect(await table('am')).toEqual([['dan-eve', '25']]);
  });

  it("changes an entry's rounds: results outside them refused, a result in a new round accepted", async () => {
    expect(await refused({ kind: 'entry-edit', entry: '22-eve-racing-dan-eve', rounds: '1' })).toEqual([
      ['rounds', 'entry #22 has results in Spa Race: its rounds must include that round'],
    ]);
    // #33 is entered for round 3 only: a Spa result of it is refused until its rounds include 2.
    const withHal = RESULTS.replace(/\n$/, '\n4,33-ash-racing-hal-ive,,classified,12,,,\n');
    const before = await app.changeFiles(
      id,
      new Map([['results/spa-race.csv', withHal]]),
      by('Hal'),
      'results',
    );
    expect(before.ok).toBe(false);
    ok(
      await setup({ kind: 'entry-edit', entry: '33-ash-racing-hal-ive', rounds: '2-3' }, 'Hal joins at Spa'),
    );
    expect((await open()).loaded.files.get('entries.csv')).toContain(
      '33-ash-racing-hal-ive,33,ash-racing,hal-ive,am,2-3,true,',
    );
    ok(await app.changeFiles(id, new Map([['results/spa-race.csv', withHal]]), by('Hal'), 'results'));
    // Am: Dan Eve 25 + 25 (one dropped) = 25; Hal Ive second in class at Spa: 22.
    expect(await table('am')).toEqual([
      ['dan-eve', '25'],
      ['hal-ive', '22'],
    ]);
    // A number another entry carries in those rounds is refused beside the number.
    expect(await refused({ kind: 'entry-edit', entry: '33-ash-racing-hal-ive', car: '7' })).toEqual([
      ['car', 'car 7 is entry 7-ash-racing-zoe-ash in some of these rounds already'],
    ]);
  });

  it("changes an event's details and adds and removes sessions; races numbered again", async () => {
    ok(
      await setup({
        kind: 'event-edit',
        event: 'brands-hatch',
        name: 'Brands Hatch Sprint',
        end: '2026-04-12',
        timezone: 'Europe/London',
        addSessions: [{ type: 'race', date: '2026-04-12', time: '15:00' }],
      }),
    );
    let { season } = (await open()).loaded;
    expect(season.events[0]).toMatchObject({
      id: 'brands-hatch',
      name: 'Brands Hatch Sprint',
      end: '2026-04-12',
      timezone: 'Europe/London',
    });
    expect(season.sessions.filter((s) => s.race).map((s) => [s.id, s.name, s.race])).toEqual([
      ['brands-hatch-race', 'Race', 1],
      ['brands-hatch-race-2', 'Race 2', 2],
      ['spa-race', 'Race', 3],
      ['monza-race', 'Race', 4],
    ]);
    ok(await setup({ kind: 'event-edit', event: 'brands-hatch', removeSessions: ['brands-hatch-race-2'] }));
    ({ season } = (await open()).loaded);
    expect(season.sessions.filter((s) => s.race).map((s) => s.race)).toEqual([1, 2, 3]);
    expect(await refused({ kind: 'event-edit', event: 'spa', removeSessions: ['spa-race'] })).toEqual([
      ['removeSessions.0', 'Spa Race cannot be removed: results of Spa Race still refer to it'],
    ]);
    expect(
      await refused({
        kind: 'event-edit',
        event: 'brands-hatch',
        end: '2026-04-10',
        timezone: 'Europe/Londres',
      }),
    ).toEqual([
      ['end', 'the last day is before the first'],
      ['timezone', '"Europe/Londres" is not an IANA time zone such as Europe/London or America/New_York'],
    ]);
  });

  it('deletes an event only when nothing refers to it, naming what does', async () => {
    expect(await refused({ kind: 'event-delete', event: 'brands-hatch' })).toEqual([
      [
        'event',
        'round 1 "Brands Hatch Sprint" cannot be deleted: results of Brands Hatch Sprint Race still refer to it',
      ],
    ]);
    ok(
      await setup({
        kind: 'event',
        name: 'Zandvoort',
        circuit: 'Zandvoort',
        start: '2026-07-04',
        sessions: [{ type: 'race' }],
      }),
    );
    ok(
      await setup({
        kind: 'entry',
        car: '44',
        team: 'Eve Racing Team',
        drivers: ['Dan Eve'],
        class: 'am',
        rounds: '4',
      }),
    );
    expect(await refused({ kind: 'event-delete', event: 'zandvoort' })).toEqual([
      [
        'event',
        'round 4 "Zandvoort" cannot be deleted: entries #44 (44-eve-racing-dan-eve) (they run in no other round) still refer to it',
      ],
    ]);
    ok(await setup({ kind: 'entry-delete', entry: '44-eve-racing-dan-eve' }));
    ok(await setup({ kind: 'event-delete', event: 'zandvoort' }, 'Zandvoort cancelled'));
    // Deleting Monza (round 3): #33's rounds 2-3 are written as 2, the same cars in the same rounds.
    ok(await setup({ kind: 'event-delete', event: 'monza' }));
    const { season, files } = (await open()).loaded;
    expect(season.events.map((e) => e.id)).toEqual(['brands-hatch', 'spa']);
    expect(files.get('entries.csv')).toContain('33-ash-racing-hal-ive,33,ash-racing,hal-ive,am,2,true,');
    expect(season.sessions.filter((s) => s.race).map((s) => [s.id, s.race])).toEqual([
      ['brands-hatch-race', 1],
      ['spa-race', 2],
    ]);
  });

  it('deletes entries, drivers, teams and classes nothing refers to; refuses the others', async () => {
    expect(await refused({ kind: 'entry-delete', entry: '33-ash-racing-hal-ive' })).toEqual([
      ['entry', 'entry #33 (33-ash-racing-hal-ive) cannot be deleted: results of Spa Race still refer to it'],
    ]);
    expect(await refused({ kind: 'driver-delete', driver: 'zoe-ash' })).toEqual([
      ['driver', 'driver "Zoe Ash" cannot be deleted: entries #7 (7-ash-racing-zoe-ash) still refer to it'],
    ]);
    expect(await refused({ kind: 'team-delete', team: 'ash-racing' })).toEqual([
      [
        'team',
        'team "Ash Racing" cannot be deleted: entries #7 (7-ash-racing-zoe-ash), #33 (33-ash-racing-hal-ive) still refer to it',
      ],
    ]);
    expect(await refused({ kind: 'class-delete', class: 'pro' })).toEqual([
      [
        'class',
        'class "Pro" cannot be deleted: entries #7 (7-ash-racing-zoe-ash), #11 (11-cole-motorsport-ben-cole); the rulebook\'s championships "Pro class" still refer to it',
      ],
    ]);
    ok(await setup({ kind: 'class', name: 'Silver' }));
    ok(await setup({ kind: 'driver', name: 'Kim Lee' }));
    ok(await setup({ kind: 'team', name: 'Lee GP' }));
    const v = await versionNow();
    ok(await setup({ kind: 'class-delete', class: 'silver' }));
    ok(await setup({ kind: 'driver-delete', driver: 'kim-lee' }));
    ok(await setup({ kind: 'team-delete', team: 'lee-gp' }, 'not coming after all'));
    expect(await versionNow()).toBe(v + 3);
    const { season } = (await open()).loaded;
    expect(season.classes.map((c) => c.id)).toEqual(['pro', 'am']);
    expect(season.drivers.map((d) => d.id)).not.toContain('kim-lee');
    expect(season.teams.map((t) => t.id)).not.toContain('lee-gp');
  });
});
