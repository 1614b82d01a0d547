import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { computeStandings, fraction } from '../engine/index.js';
import type { SessionCell } from '../engine/index.js';
import { loadSeason, resolvePreset } from '../formats/catalog.js';
import { loadSeasonFolder } from '../formats/season-folder.js';
import { writeSeasonFolder } from '../formats/write-season-folder.js';
import { readFile } from 'node:fs/promises';
import { resultsCsv, standingsCsv } from './csv/season-csv.js';
import { calendarIcal } from './ical/calendar-ical.js';
import { resultsJson } from './json/results-json.js';
import {
  cellWikitext,
  eventCodes,
  formatDates,
  resultsTableWikitext,
  standingsWikitext,
} from './wikitext/standings-wikitext.js';

const loaded = await loadSeason('2024-pccna');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const { season, rulebook, dir } = loaded.value;
const standings = computeStandings(season, rulebook);
if (!standings.ok) throw new Error(JSON.stringify(standings.issues));
const championship = (id: string) => standings.value.championships.find((c) => c.id === id)!;

const cell = (over: Partial<SessionCell>): SessionCell => ({
  sessionId: 'race-01',
  entryId: 'x',
  status: 'classified',
  position: 5,
  pole: false,
  fastestLap: false,
  points: fraction(12),
  dropped: false,
  ...over,
});

describe('wikitext', () => {
  it('writes a winner with pole and fastest lap bold italic on gold', () => {
    expect(cellWikitext(cell({ position: 1, pole: true, fastestLap: true }))).toBe(
      `| style="background:#FFFFBF;" | '''''1'''''`,
    );
  });
  it('puts a dropped result in parentheses and a retirement on purple', () => {
    expect(cellWikitext(cell({ dropped: true }))).toBe(`| style="background:#DFFFDF;" | (5)`);
    expect(cellWikitext(cell({ status: 'DNF', points: fraction(0) }))).toContain(
      `background:#EFCFFF;" | Ret`,
    );
    expect(cellWikitext(cell({ position: 20, points: fraction(0) }))).toContain('#CFCFFF');
    expect(cellWikitext(cell({ status: 'DSQ' }))).toContain('color:white');
  });
  it('writes the overall matrix: Hartog won race 1 from pole with the fastest lap', () => {
    const text = standingsWikitext(season, championship('overall'));
    const hartog = text.split('|-\n').find((r) => r.includes('Loek Hartog'))!;
    expect(hartog).toContain('{{flagicon|NLD}} Loek Hartog');
    expect(hartog.split('\n')[2]).toBe(`| style="background:#FFFFBF;" | '''''1'''''`);
    // By hand: 335 from the 16 finishes on the 25-20-17... scale, 8 poles x 2, 8 fastest laps x 1.
    expect(hartog).toContain('! 359');
    expect(text).toContain('! colspan=2 | SEB<br />{{flagicon|USA}}');
    expect(text).toContain('Bold – Pole position');
  });
  it('marks the two dropped Masters results of the final standings in parentheses', () => {
    const text = standingsWikitext(season, championship('masters'));
    const halcome = text.split('|-\n').find((r) => r.includes('Matt Halcome'))!;
    expect(halcome.match(/\| \(/g)?.length).toBe(2);
  });
  it('writes the results table with the event cells spanning both races', () => {
    const text = resultsTableWikitext(season);
    expect(text).toContain('| rowspan=2 | {{flagicon|USA}} Sebring International Raceway, Sebring, Florida');
    expect(text).toContain('| rowspan=2 | March 13–15');
    expect(text.match(/^! \d+$/gm)?.length).toBe(16);
  });
  it('gives every event column its own three-letter code', () => {
    expect(
      eventCodes(['Sebring', 'Road America', 'Indianapolis', 'Road Atlanta', 'Circuit of the Americas']),
    ).toEqual(['SEB', 'ROA', 'IND', 'ATL', 'CIR']);
  });
  it('formats date ranges as articles do', () => {
    expect(formatDates('2024-03-13', '2024-03-15')).toBe('March 13–15');
    expect(formatDates('2024-10-30', '2024-11-01')).toBe('October 30 – November 1');
    expect(formatDates('2024-05-04', undefined)).toBe('May 4');
  });
  it('escapes markup in names', () => {
    const odd = {
      ...season,
      drivers: season.drivers.map((d) => (d.id === 'loek-hartog' ? { ...d, name: 'A|B [[x]]' } : d)),
    };
    const text = standingsWikitext(odd, {
      ...championship('overall'),
      // A row's contributions and cells may be getters (ADR 22): the copy names its fields.
      rows: championship('overall').rows.map((r) =>
        r.competitor.id === 'loek-hartog'
          ? {
              position: r.position,
              shared: r.shared,
              competitor: { ...r.competitor, name: 'A|B [[x]]' },
              points: r.points,
              contributions: r.contributions,
              cells: r.cells,
              ...(r.aboveNext === undefined ? {} : { aboveNext: r.aboveNext }),
            }
          : r,
      ),
    });
    expect(text).toContain('A&#124;B &#91;&#91;x&#93;&#93;');
  });
});

describe('csv and json', () => {
  it('lists every classification row with class positions', () => {
    const rows = parse<Record<string, string>>(resultsCsv(season), { columns: true });
    expect(rows).toHaveLength(season.classifications.reduce((n, c) => n + c.rows.length, 0));
    // Race 1: James Sofronas, 15th overall, won Pro-Am; Matt Halcome, 20th, won Masters (results table).
    const sofronas = rows.find((r) => r.session === 'race-01' && r.drivers === 'James Sofronas')!;
    expect([sofronas.position, sofronas.class_position, sofronas.class, sofronas.car]).toEqual([
      '15',
      '1',
      'pro-am',
      '14',
    ]);
    const halcome = rows.find((r) => r.session === 'race-01' && r.drivers === 'Matt Halcome')!;
    expect([halcome.position, halcome.class_position]).toEqual(['20', '1']);
  });
  it('writes standings with one column per race', () => {
    const rows = parse<Record<string, string>>(standingsCsv(standings.value), { columns: true });
    const hartog = rows.find((r) => r.championship === 'overall' && r.competitor === 'loek-hartog')!;
    expect(hartog.points).toBe('359');
    expect(hartog.R1).toBe('1 P FL');
    expect(hartog.R16).toBe('4');
  });
  it('writes results JSON with names beside ids', () => {
    const doc = resultsJson(season);
    expect(doc.sessions).toHaveLength(16);
    const first = doc.sessions[0]!.results[0]!;
    expect(first).toMatchObject({
      position: 1,
      classPosition: 1,
      car: '24',
      drivers: [{ id: 'loek-hartog', name: 'Loek Hartog' }],
    });
    expect(doc.sessions[15]!.results.find((r) => r.entry === '12-topp-racing-peter-atwater')!.status).toBe(
      'EX',
    );
  });
});

describe('penalties in the results exports', () => {
  const penalised = {
    ...season,
    adjustments: [
      {
        kind: 'disqualification' as const,
        sessionId: 'race-01',
        entryId: '24-kellymoss-loek-hartog',
        reason: 'Decision 5: ride height',
      },
    ],
  };
  it('writes the official classification to JSON, with the penalty and its decision', () => {
    const race1 = resultsJson(penalised).sessions[0]!;
    // Hartog won on the road; disqualified, Burton wins overall and Pro.
    expect(race1.results[0]).toMatchObject({
      position: 1,
      classPosition: 1,
      positionBeforePenalties: null,
      entry: '20-mdk-gustav-burton',
    });
    expect(race1.results.find((r) => r.entry === '24-kellymoss-loek-hartog')).toMatchObject({
      position: null,
      classPosition: null,
      positionBeforePenalties: 1,
      status: 'DSQ',
    });
    expect(race1.penalties).toEqual([
      {
        entry: '24-kellymoss-loek-hartog',
        kind: 'disqualification',
        seconds: null,
        places: null,
        description: 'disqualified',
        decision: 'Decision 5: ride height',
        positionBefore: 1,
        positionAfter: null,
      },
    ]);
    expect(resultsJson(season).sessions[0]!.penalties).toEqual([]);
  });
  it('writes the official classification to CSV, with the penalty and its decision', () => {
    const rows = parse<Record<string, string>>(resultsCsv(penalised), { columns: true });
    const race1 = rows.filter((r) => r.session === 'race-01');
    expect([race1[0]!.drivers, race1[0]!.position, race1[0]!.class_position]).toEqual([
      'Gustav Burton',
      '1',
      '1',
    ]);
    const hartog = race1.find((r) => r.drivers === 'Loek Hartog')!;
    expect([hartog.position, hartog.class_position, hartog.status, hartog.penalties]).toEqual([
      '',
      '',
      'DSQ',
      'disqualified: Decision 5: ride height',
    ]);
  });
});

describe('iCalendar', () => {
  it('writes one all-day event per round with an exclusive end date', () => {
    const text = calendarIcal(season, new Date('2024-01-01T00:00:00Z'));
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(8);
    expect(text).toContain('DTSTART;VALUE=DATE:20240313');
    expect(text).toContain('DTEND;VALUE=DATE:20240316');
    expect(text).toContain('DTSTART;VALUE=DATE:20241018');
    expect(text).toContain('DTEND;VALUE=DATE:20241021');
  });
});

describe('season folder', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  it('loads, writes and loads again to the same season', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'paddock-export-'));
    dirs.push(tmp);
    const target = join(tmp, 'season');
    await writeSeasonFolder(season, await readFile(join(dir, 'rulebook.yaml'), 'utf8'), target);
    const again = await loadSeasonFolder(target, resolvePreset);
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.value.season).toEqual(season);
    expect(again.value.rulebook).toEqual(rulebook);
  });
  it('writes penalties to adjustments.yaml and reads them back exactly', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'paddock-export-'));
    dirs.push(tmp);
    const target = join(tmp, 'season');
    // Race 1 with times, so a time penalty of 2.5 s applies: Hartog 30:00.000 + 2.5 s is behind Burton.
    const timed = {
      ...season,
      classifications: season.classifications.map((c) =>
        c.sessionId !== 'race-01'
          ? c
          : {
              ...c,
              rows: c.rows.map((r, i) => ({
                ...r,
                laps: 20,
                time: `30:${String(i * 2).padStart(2, '0')}.000`,
              })),
            },
      ),
    };
    const penalised = {
      ...timed,
      adjustments: [
        {
          kind: 'time-penalty' as const,
          sessionId: 'race-01',
          entryId: '24-kellymoss-loek-hartog',
          seconds: fraction(5, 2),
          reason: 'Decision 1',
        },
        {
          kind: 'places-penalty' as const,
          sessionId: 'race-02',
          entryId: '20-mdk-gustav-burton',
          places: 3,
          reason: 'Decision 2',
        },
        {
          kind: 'disqualification' as const,
          sessionId: 'race-03',
          entryId: '78-topp-performance-ryan-yardley',
          reason: 'Decision 3',
        },
      ],
    };
    await writeSeasonFolder(penalised, await readFile(join(dir, 'rulebook.yaml'), 'utf8'), target);
    expect(await readFile(join(target, 'adjustments.yaml'), 'utf8')).toContain(
      '- kind: time-penalty\n  session: race-01\n  entry: 24-kellymoss-loek-hartog\n  seconds: "2.5"\n  reason: Decision 1\n',
    );
    const again = await loadSeasonFolder(target, resolvePreset);
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.value.season).toEqual(penalised);
    expect(
      resultsJson(again.value.season)
        .sessions[0]!.results.slice(0, 2)
        .map((r) => [r.entry, r.time]),
    ).toEqual([
      ['20-mdk-gustav-burton', '30:02.000'],
      ['24-kellymoss-loek-hartog', '30:02.500'],
    ]);
  });
});
