import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listPresets,
  matchesSeries,
  parsePresetSeasons,
  parseSeasonLabel,
  seasonsOf,
  seriesKeys,
  spanCovers,
} from '../../src/cli/commands/rulebooks.js';
import { run } from '../support/run-cli.js';

describe('paddock rulebooks / paddock rulebook show', () => {
  it('lists the presets with series and seasons, as a table and as JSON', async () => {
    const table = await run('rulebooks');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/f1-1981-1990\s+Formula One World Championship\s+1981-1990/);
    const json = await run('rulebooks', '--json');
    const presets = JSON.parse(json.out) as { id: string; series: string; seasons: string }[];
    expect(presets.find((p) => p.id === 'f1-1976')).toMatchObject({
      series: 'Formula One World Championship',
      seasons: '1976',
    });
  });

  it('prints a preset rule by rule in plain words, following extends', async () => {
    const { code, out } = await run('rulebook', 'show', 'f1-1976');
    expect(code).toBe(0);
    expect(out).toContain('Extends: f1-base-1967-1978');
    expect(out).toContain('race: 9-6-4-3-2-1');
    expect(out).toContain('best 7 results of the first 8 races plus best 7 of the rest');
    expect(out).toContain("only the team's best placed car scores in each session");
  });

  it('fails with a usage error and a hint for an unknown preset', async () => {
    const { code, err } = await run('rulebook', 'show', 'no-such-preset');
    expect(code).toBe(2);
    expect(err).toContain('no rulebook preset or series "no-such-preset"');
    expect(err).toContain('paddock rulebooks');
    // An id-like series and year outside every preset names the nearest instead.
    const early = await run('rulebook', 'show', 'f1-1849');
    expect(early.code).toBe(2);
    expect(early.err).toContain('no Formula One World Championship preset covers 1849');
  });
});

describe('listPresets on a broken library', () => {
  it('reports a YAML error with its line and a file named after another id, and lists the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'presets-'));
    try {
      await writeFile(join(dir, 'good.yaml'), 'id: good\nname: Good\nseries: S\nseasons: "2020"\n');
      await writeFile(join(dir, 'broken.yaml'), 'id: broken\nname: [unclosed\n');
      await writeFile(join(dir, 'renamed.yaml'), 'id: other\nname: Other\n');
      const { presets, issues } = await listPresets(dir);
      expect(presets.map((p) => p.id)).toEqual(['good']);
      expect(issues.map((i) => i.code).sort()).toEqual(['preset.id-mismatch', 'yaml.syntax']);
      const syntax = issues.find((i) => i.code === 'yaml.syntax')!;
      expect(syntax.location?.file).toBe(join(dir, 'broken.yaml'));
      expect(syntax.location?.line).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('finding the preset for a series and a season', () => {
  it('shows the 1981-1990 preset for `rulebook show f1 --year 1988` (the README example)', async () => {
    const { code, out } = await run('rulebook', 'show', 'f1', '--year', '1988');
    expect(code).toBe(0);
    expect(out).toContain('Formula One 1981-1990 (f1-1981-1990)');
    expect(out).toContain('race: 9-6-4-3-2-1');
  });

  it('reads a series and a season written as one word (f1-1988, formula-e-2016-17)', async () => {
    expect((await run('rulebook', 'show', 'f1-1988')).out).toContain('(f1-1981-1990)');
    expect((await run('rulebook', 'show', 'formula-e-2016-17')).out).toContain('(formula-e-s3)');
  });

  it('filters the list by series and year, as a table and as JSON', async () => {
    const table = await run('rulebooks', '--series', 'f1', '--year', '1976');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^f1-1976\s/m);
    expect(table.out).not.toContain('f1-1975');
    const json = await run('rulebooks', '--series', 'Formula One', '--year', '1988', '--json');
    expect((JSON.parse(json.out) as { id: string }[]).map((p) => p.id)).toEqual(['f1-1981-1990']);
    const bySeries = JSON.parse((await run('rulebooks', '--series', 'f1', '--json')).out) as { id: string }[];
    // Era bases claim no season of their own, so a series lists the presets seasons use.
    expect(bySeries.some((p) => p.id.startsWith('f1-base'))).toBe(false);
    expect(bySeries).toHaveLength(43);
  });

  it('names the nearest presets when none covers the season', async () => {
    const { code, err } = await run('rulebook', 'show', 'f1', '--year', '1949');
    expect(code).toBe(2);
    expect(err).toContain('no Formula One World Championship preset covers 1949');
    expect(err).toContain('Nearest: f1-1950 (1950)');
    const list = await run('rulebooks', '--series', 'f1', '--year', '2031');
    expect(list.code).toBe(2);
    expect(list.err).toContain('Nearest: f1-2026 (2026)');
  });

  it('asks for the full season when a year falls in two Formula E seasons', async () => {
    const { code, err } = await run('rulebook', 'show', 'formula-e', '--year', '2017');
    expect(code).toBe(2);
    expect(err).toContain('formula-e-s3 (2016-17)');
    expect(err).toMatch(/formula-e-s4\S* \(2017-18/);
  });

  it('fails with the known series for an unknown series, and for a year that is not one', async () => {
    const unknown = await run('rulebook', 'show', 'motogp', '--year', '2020');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no rulebook preset or series "motogp"');
    expect(unknown.err).toContain('Formula One World Championship');
    const bad = await run('rulebooks', '--year', 'nineteen');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"nineteen" is not a year or season');
  });

  it('refuses a preset id with a year it does not cover', async () => {
    const { code, err } = await run('rulebook', 'show', 'f1-1981-1990', '--year', '1995');
    expect(code).toBe(2);
    expect(err).toContain('covers 1981-1990, not 1995');
  });
});

describe('season labels and series names', () => {
  it('reads years, spans, seasons across two years and templates', () => {
    expect(parseSeasonLabel('1988')).toMatchObject({ from: 1988, to: 1988, straddles: false });
    expect(parseSeasonLabel('1981-1990')).toMatchObject({ from: 1981, to: 1990, straddles: false });
    expect(parseSeasonLabel('2014-15')).toMatchObject({ from: 2014, to: 2015, straddles: true });
    expect(parseSeasonLabel('1999-00')).toMatchObject({ from: 1999, to: 2000, straddles: true });
    for (const bad of ['2014-16', '1990-1981', '88', 'x']) expect(parseSeasonLabel(bad), bad).toBeUndefined();
    expect(parsePresetSeasons('2010-2013, 2015-2018').map((s) => s.label)).toEqual([
      '2010-2013',
      '2015-2018',
    ]);
    expect(parsePresetSeasons('1950-1957 (base)')).toEqual([]);
    expect(seasonsOf(parseSeasonLabel('2008-2010')!)).toEqual(['2008', '2009', '2010']);
  });

  it('matches a year to the seasons that start or end in it', () => {
    const s1 = parseSeasonLabel('2014-15')!;
    expect(spanCovers(s1, parseSeasonLabel('2014')!)).toBe(true);
    expect(spanCovers(s1, parseSeasonLabel('2015')!)).toBe(true);
    expect(spanCovers(s1, parseSeasonLabel('2016')!)).toBe(false);
    expect(spanCovers(s1, parseSeasonLabel('2015-16')!)).toBe(false);
    expect(spanCovers(parseSeasonLabel('2004-2011')!, parseSeasonLabel('2011')!)).toBe(true);
    expect(spanCovers(parseSeasonLabel('any')!, parseSeasonLabel('1900')!)).toBe(true);
  });

  it('knows a series by the id prefix or by words of its name', () => {
    const cup = { id: 'nascar-cup-1975-2003', series: 'NASCAR Cup Series' };
    expect(seriesKeys(cup)).toEqual(['nascar-cup', 'nascar-cup-series']);
    for (const q of ['nascar', 'nascar-cup', 'NASCAR Cup', 'cup'])
      expect(matchesSeries(cup, q), q).toBe(true);
    for (const q of ['nas', 'indycar', '']) expect(matchesSeries(cup, q), q).toBe(false);
    expect(seriesKeys({ id: 'formula-e-s1-s2', series: 'FIA Formula E Championship' })[0]).toBe('formula-e');
    expect(seriesKeys({ id: 'f1-base-1950-1957', series: 'Formula One World Championship' })[0]).toBe('f1');
  });
});
