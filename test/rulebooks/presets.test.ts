import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeChampionship, formatDisplay, pointsForPlace } from '../../src/engine/index.js';
import { RULEBOOKS_DIR, resolvePreset } from '../../src/formats/catalog.js';
import { loadRulebookFile } from '../../src/formats/rulebook-file.js';
import {
  listPresets,
  parsePresetSeasons,
  parseSeasonLabel,
  seasonsOf,
} from '../../src/cli/commands/rulebooks.js';

const ids = readdirSync(RULEBOOKS_DIR)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.slice(0, -'.yaml'.length));

async function load(id: string) {
  const path = resolvePreset(id);
  if (!path) throw new Error(`no preset ${id}`);
  const loaded = await loadRulebookFile(path, resolvePreset);
  if (!loaded.ok) throw new Error(`${id}: ${loaded.issues.map((i) => i.message).join('; ')}`);
  return loaded.value.rulebook;
}

describe('the rulebook preset library', () => {
  it.each(ids)('loads %s, with every championship describable', async (id) => {
    const rulebook = await load(id);
    expect(rulebook.championships.length).toBeGreaterThan(0);
    for (const c of rulebook.championships) {
      expect(describeChampionship(rulebook, c).length).toBeGreaterThan(3);
    }
  });

  it('lists every preset with its series and the seasons it covers', async () => {
    const { presets, issues } = await listPresets();
    expect(issues).toEqual([]);
    expect(presets.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (const p of presets) {
      expect(p.series, p.id).not.toBe('');
      expect(p.seasons, p.id).not.toBe('');
    }
  });

  it('has a Formula One preset for every season from 1950 to 2025', async () => {
    const { presets } = await listPresets();
    const covered = new Set<number>();
    for (const p of presets.filter((q) => q.id.startsWith('f1-') && !q.seasons.includes('base'))) {
      for (const part of p.seasons.split(',')) {
        const [from, to] = part.trim().split('-').map(Number);
        for (let y = from!; y <= (to ?? from!); y++) covered.add(y);
      }
    }
    const missing = Array.from({ length: 76 }, (_, i) => 1950 + i).filter((y) => !covered.has(y));
    expect(missing).toEqual([]);
  });

  it('uses the 1988 scale 9-6-4-3-2-1 with the best 11 results for drivers', async () => {
    const rulebook = await load('f1-1981-1990');
    const drivers = rulebook.championships.find((c) => c.id === 'drivers')!;
    expect(rulebook.scales[drivers.points['race']!]!.points.map((p) => formatDisplay(p))).toEqual([
      '9',
      '6',
      '4',
      '3',
      '2',
      '1',
    ]);
    expect(drivers.drops).toEqual([{ kind: 'best-results', count: 11 }]);
  });

  it('keeps only the best share of several shared cars in 1956 but not in 1955', async () => {
    const d1956 = (await load('f1-1956')).championships.find((c) => c.id === 'drivers')!;
    const d1955 = (await load('f1-1955')).championships.find((c) => c.id === 'drivers')!;
    expect(d1956.sharedDrives).toEqual({ kind: 'divide', bestShareOnly: true });
    expect(d1955.sharedDrives).toEqual({ kind: 'divide' });
  });

  it('never counts the Indianapolis 500 for constructors', async () => {
    for (const id of ['f1-1958', 'f1-1959', 'f1-1960']) {
      const c = (await load(id)).championships.find((k) => k.id === 'constructors')!;
      expect(c.scope.excludeEventTags, id).toEqual(['indianapolis-500']);
    }
  });
});

/** The seasons a preset claims, one label each ("1988", "2014-15"); none for era bases. */
const claimedSeasons = (seasons: string) => parsePresetSeasons(seasons).flatMap(seasonsOf);

describe('sources per season (every preset outside Formula One and the sim-league template)', () => {
  const checked = () =>
    listPresets().then(({ presets }) =>
      presets.filter((p) => !p.id.startsWith('f1-') && p.id !== 'sim-racing-league'),
    );

  it('names at least one source for every season it claims, and no season it does not', async () => {
    const presets = await checked();
    expect(presets.length).toBeGreaterThan(10);
    for (const p of presets) {
      const claimed = claimedSeasons(p.seasons);
      expect(claimed.length, p.id).toBeGreaterThan(0);
      const cited: string[] = [];
      for (const [key, list] of Object.entries(p.sources ?? {})) {
        const span = parseSeasonLabel(key);
        expect(span, `${p.id}: sources key "${key}" is not a season or span`).toBeDefined();
        expect(list.length, `${p.id} ${key}`).toBeGreaterThan(0);
        for (const c of list) expect(c.length, `${p.id} ${key}`).toBeGreaterThan(20);
        cited.push(...seasonsOf(span!));
      }
      expect([...cited].sort(), `${p.id}: seasons cited`).toEqual([...claimed].sort());
    }
  });

  it('covers every season of each series once, without gaps', async () => {
    const presets = await checked();
    const seasonsOfSeries = (prefix: string) =>
      presets.filter((p) => p.id.startsWith(prefix)).flatMap((p) => claimedSeasons(p.seasons));
    const years = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
    expect(seasonsOfSeries('nascar-cup-').sort()).toEqual(years(1975, 2025));
    expect(seasonsOfSeries('indycar-').sort()).toEqual(years(2008, 2023));
    expect(seasonsOfSeries('btcc-').sort()).toEqual(years(2004, 2025));
    expect(seasonsOfSeries('formula-e-').sort()).toEqual([
      '2014-15',
      '2015-16',
      '2016-17',
      '2017-18',
      '2018-19',
    ]);
  });
});

describe('scales and rules checked against the sources', () => {
  const drivers = async (id: string) => {
    const rulebook = await load(id);
    const c = rulebook.championships.find((k) => k.id === 'drivers')!;
    // Points of places 1 to `places` (a scale may continue past its listed places with then:).
    const scale = (type: string, places = rulebook.scales[c.points[type]!]!.points.length) =>
      Array.from({ length: places }, (_, i) =>
        formatDisplay(pointsForPlace(rulebook.scales[c.points[type]!], i + 1)),
      );
    return { rulebook, c, scale };
  };

  it('pays NASCAR 1975-2003 down to the last starter, 3 less per place after 11th', async () => {
    const { scale } = await drivers('nascar-cup-1975-2003');
    const race = scale('race', 54);
    expect(race.slice(0, 11)).toEqual([
      '175',
      '170',
      '165',
      '160',
      '155',
      '150',
      '146',
      '142',
      '138',
      '134',
      '130',
    ]);
    expect(race[42]).toBe('34');
    // 1996 fields of 44: 44th scored 31 (themadpolack's table runs to 48th, 19).
    expect(race[43]).toBe('31');
    expect(race[47]).toBe('19');
    for (let i = 11; i < race.length; i++)
      expect(Number(race[i - 1]) - Number(race[i]), `place ${i + 1}`).toBe(3);
    // The continuation stops at zero: 54th scores 1, the 55th and after nothing.
    expect([race[53], ...scale('race', 56).slice(54)]).toEqual(['1', '0', '0']);
  });

  it('raises the NASCAR win to 180 in 2004 and 185 in 2007, then 43-to-1 with 3 for the win in 2011, 40-to-1 in 2016', async () => {
    expect((await drivers('nascar-cup-2004-2006')).scale('race').slice(0, 3)).toEqual(['180', '170', '165']);
    expect((await drivers('nascar-cup-2007-2010')).scale('race').slice(0, 3)).toEqual(['185', '170', '165']);
    const s2011 = (await drivers('nascar-cup-2011-2015')).scale('race');
    expect([s2011[0], s2011[1], s2011.length, s2011[42]]).toEqual(['46', '42', 43, '1']);
    const s2016 = (await drivers('nascar-cup-2016')).scale('race');
    expect([s2016[0], s2016[1], s2016.length, s2016[39]]).toEqual(['43', '39', 40, '1']);
  });

  it('gives each driver tied on the most laps led the full NASCAR bonus, and each tied BTCC fastest lap its point', async () => {
    for (const id of [
      'nascar-cup-1975-2003',
      'nascar-cup-2004-2006',
      'nascar-cup-2007-2010',
      'nascar-cup-2011-2015',
      'nascar-cup-2016',
    ]) {
      for (const c of (await load(id)).championships) {
        const most = c.bonuses.find((b) => b.kind === 'most-laps-led');
        expect(most, `${id} ${c.id}`).toMatchObject({ tie: 'full' });
      }
    }
    for (const id of ['btcc-2004-2011', 'btcc-2012-2025']) {
      const fl = (await drivers(id)).c.bonuses.find((b) => b.kind === 'fastest-lap');
      expect(fl, id).toMatchObject({ tie: 'full' });
    }
  });

  it('scores the NASCAR Daytona Duels like stages from 2017, without playoff points', async () => {
    const rulebook = await load('nascar-cup-2017-2025');
    const byId = (id: string) => rulebook.championships.find((k) => k.id === id)!;
    expect(byId('drivers').points['duel']).toBe('nascar-stage');
    expect(byId('playoff-points').points['duel']).toBeUndefined();
  });

  it('keeps IndyCar 18th-24th at 12 and 25th-33rd at 10 until 2012, graduated from 2013', async () => {
    for (const id of ['indycar-2008', 'indycar-2009', 'indycar-2010-2012']) {
      const race = (await drivers(id)).scale('race', 33);
      // Every finisher scores: a 34th car (never in a real field) would still have 10.
      expect((await drivers(id)).scale('race', 40).at(-1), id).toBe('10');
      expect(race.slice(16), id).toEqual([
        '13',
        ...Array<string>(7).fill('12'),
        ...Array<string>(9).fill('10'),
      ]);
    }
    for (const id of [
      'indycar-2013',
      'indycar-2014-2017',
      'indycar-2018-2021',
      'indycar-2022',
      'indycar-2023',
    ]) {
      const race = (await drivers(id)).scale('race', 33);
      expect((await drivers(id)).scale('race', 40).at(-1), id).toBe('5');
      expect(race.slice(16), id).toEqual([
        '13',
        '12',
        '11',
        '10',
        '9',
        '8',
        '7',
        '6',
        ...Array<string>(9).fill('5'),
      ]);
    }
  });

  it('gives IndyCar bonuses by year: 3 for the most laps led (2008), pole and 2 (2009-2012), a lap-led point from 2013', async () => {
    const kinds = async (id: string) =>
      (await drivers(id)).c.bonuses.map((b) => `${b.kind}:${formatDisplay(b.points)}`).sort();
    expect(await kinds('indycar-2008')).toEqual(['most-laps-led:3']);
    expect(await kinds('indycar-2009')).toEqual(['most-laps-led:2', 'pole:1']);
    expect(await kinds('indycar-2010-2012')).toEqual(['most-laps-led:2', 'pole:1']);
    expect(await kinds('indycar-2013')).toEqual(['lap-led:1', 'most-laps-led:2', 'pole:1']);
  });

  it('pays Indianapolis 500 qualifying to all 33 (2010-2017), the top nine (2018-2021), the top twelve (2022-2023)', async () => {
    const q = async (id: string, type = 'indy500-qualifying') => (await drivers(id)).scale(type);
    expect((await q('indycar-2010-2012')).slice(0, 10)).toEqual([
      '15',
      '13',
      '12',
      '11',
      '10',
      '9',
      '8',
      '7',
      '6',
      '4',
    ]);
    expect((await q('indycar-2013'))[32]).toBe('3');
    const day1 = await q('indycar-2014-2017');
    expect([day1[0], day1.length, day1[32]]).toEqual(['33', 33, '1']);
    expect(await q('indycar-2014-2017', 'indy500-fast-nine')).toHaveLength(9);
    expect(await q('indycar-2018-2021')).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1']);
    expect(await q('indycar-2022')).toHaveLength(12);
    expect(await q('indycar-2023')).toHaveLength(12);
    expect((await drivers('indycar-2009')).c.points['indy500-qualifying']).toBeUndefined();
  });

  it('doubles IndyCar position points from 2014 to 2022 and not in 2013 or 2023', async () => {
    for (const id of ['indycar-2014-2017', 'indycar-2018-2021', 'indycar-2022']) {
      expect((await drivers(id)).c.multipliers, id).toEqual([
        { kind: 'factor', factor: { num: 2n, den: 1n }, eventTags: ['indianapolis-500', 'double-points'] },
      ]);
    }
    for (const id of ['indycar-2013', 'indycar-2023'])
      expect((await drivers(id)).c.multipliers, id).toEqual([]);
  });

  it('pays the BTCC top ten 15-12-10... to 2011 and the top fifteen 20-17-15... from 2012, teams on their two best cars', async () => {
    const old = await drivers('btcc-2004-2011');
    expect(old.scale('race')).toEqual(['15', '12', '10', '8', '6', '5', '4', '3', '2', '1']);
    const now = await drivers('btcc-2012-2025');
    expect(now.scale('race')).toHaveLength(15);
    expect(now.scale('race').slice(0, 3)).toEqual(['20', '17', '15']);
    for (const id of ['btcc-2004-2011', 'btcc-2012-2025']) {
      const teams = (await load(id)).championships.find((k) => k.id === 'teams')!;
      expect(teams.teamScoring, id).toEqual({ kind: 'best-cars', count: 2 });
      expect(teams.bonuses, id).toEqual([]);
    }
  });

  it('drops the two worst Formula E results in season 1 only, and cuts the fastest lap from 2 points to 1 in season 3', async () => {
    expect((await drivers('formula-e-s1')).c.drops).toEqual([{ kind: 'best-results', count: 9 }]);
    const fl = async (id: string) => (await drivers(id)).c.bonuses.find((b) => b.kind === 'fastest-lap')!;
    expect(formatDisplay((await fl('formula-e-s2')).points)).toBe('2');
    expect((await drivers('formula-e-s2')).c.drops).toEqual([]);
    expect(formatDisplay((await fl('formula-e-s3')).points)).toBe('1');
    expect((await fl('formula-e-s3')).requires).toBeUndefined();
    expect((await fl('formula-e-s4-s5')).requires).toEqual({ topN: 10 });
  });
});
