import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describeChampionship, formatExact } from '../../engine/index.js';
import type { Issue } from '../../engine/index.js';
import { RULEBOOKS_DIR, resolvePreset } from '../../formats/catalog.js';
import { loadRulebookFile } from '../../formats/rulebook-file.js';
import { rulebookSchema } from '../../formats/rulebook-schema.js';
import { parseYaml } from '../../formats/yaml-file.js';
import { CliFailure, EXIT, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../table.js';

/** One preset of the library as `paddock rulebooks` lists it. */
export interface PresetListing {
  readonly id: string;
  readonly name: string;
  readonly series: string;
  readonly seasons: string;
  readonly extends?: string;
  /** Where each season's rules were checked, keyed by season or span ("2004-2011"). */
  readonly sources?: Readonly<Record<string, readonly string[]>>;
  readonly file: string;
}

/**
 * One season a preset claims. Seasons are written "1988" (one year), "1981-1990" (every year of a
 * span), "2014-15" (one season across two years, Formula E) or "any" (a template).
 */
export interface SeasonSpan {
  /** The label as written: "1988", "1981-1990", "2014-15", "any". */
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** True for one season across two years ("2014-15"), false for a span of yearly seasons. */
  readonly straddles: boolean;
}

const ANY: SeasonSpan = { label: 'any', from: -Infinity, to: Infinity, straddles: false };

/** Reads one season label ("1988", "1981-1990", "2014-15", "any"); undefined when it is not one. */
export function parseSeasonLabel(label: string): SeasonSpan | undefined {
  const text = label.trim();
  if (text === 'any') return ANY;
  const m = /^(\d{4})(?:-(\d{2}|\d{4}))?$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  if (m[2] === undefined) return { label: text, from, to: from, straddles: false };
  if (m[2].length === 2) {
    // "2014-15": the season that starts in 2014 and ends in 2015.
    const to = from + 1;
    return to % 100 === Number(m[2]) ? { label: text, from, to, straddles: true } : undefined;
  }
  const to = Number(m[2]);
  return to > from ? { label: text, from, to, straddles: false } : undefined;
}

/**
 * The seasons a preset claims, from its `seasons` field ("2010-2013, 2015-2018"); an era base
 * ("1950-1957 (base)") claims none, because seasons use the season presets that extend it.
 */
export function parsePresetSeasons(seasons: string): SeasonSpan[] {
  if (/\(base\)/.test(seasons)) return [];
  return seasons
    .split(',')
    .map((part) => parseSeasonLabel(part))
    .filter((s): s is SeasonSpan => s !== undefined);
}

/** The single seasons of a span: "1981-1990" gives "1981" ... "1990"; "2014-15" gives itself. */
export function seasonsOf(span: SeasonSpan): string[] {
  if (span.straddles || span.from === span.to || !Number.isFinite(span.from)) return [span.label];
  return Array.from({ length: span.to - span.from + 1 }, (_, i) => String(span.from + i));
}

/** Whether a season span contains the year or season asked for ("1988", or "2014-15"). */
export function spanCovers(span: SeasonSpan, asked: SeasonSpan): boolean {
  if (!Number.isFinite(span.from)) return true;
  if (asked.straddles) return span.straddles ? span.from === asked.from : false;
  // A year asked of a straddling season matches the season that starts or ends in it.
  return asked.from >= span.from && asked.to <= span.to;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The names a series can be asked for by: the preset id's series part (`f1`, `nascar-cup`,
 * `formula-e`: the segments before the first season number) and the series name as a slug
 * (`formula-one-world-championship`).
 */
export function seriesKeys(p: Pick<PresetListing, 'id' | 'series'>): string[] {
  const parts = p.id.split('-');
  const stop = parts.findIndex((s) => /^\d+$/.test(s) || /^s\d+$/.test(s) || s === 'base');
  const prefix = (stop === -1 ? parts : parts.slice(0, stop)).join('-');
  return [...new Set([prefix, slug(p.series)].filter((k) => k !== ''))];
}

/** Whether a series query ("f1", "nascar", "formula-one", "British Touring Car") names the preset's series. */
export function matchesSeries(p: Pick<PresetListing, 'id' | 'series'>, query: string): boolean {
  const q = slug(query);
  if (q === '') return false;
  return seriesKeys(p).some((k) => k === q || k.startsWith(`${q}-`) || `-${k}-`.includes(`-${q}-`));
}

/** Reads the head of every preset file (data/rulebooks/*.yaml); problems come back as issues. */
export async function listPresets(
  dir: string = RULEBOOKS_DIR,
): Promise<{ presets: PresetListing[]; issues: Issue[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { presets: [], issues: [] };
  }
  const presets: PresetListing[] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseYaml(await readFile(file, 'utf8'), file, rulebookSchema);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const v = parsed.value.value;
    if (`${v.id}.yaml` !== name) {
      issues.push({
        code: 'preset.id-mismatch',
        path: ['id'],
        message: `preset file ${name} declares id "${v.id}"; a preset's file is named <id>.yaml`,
        location: { file },
      });
      continue;
    }
    presets.push({
      id: v.id,
      name: v.name,
      series: v.series ?? '',
      seasons: v.seasons ?? '',
      ...(v.extends === undefined ? {} : { extends: v.extends }),
      ...(v.sources === undefined
        ? {}
        : {
            sources: Object.fromEntries(
              Object.entries(v.sources).map(([k, s]) => [k, typeof s === 'string' ? [s] : s]),
            ),
          }),
      file,
    });
  }
  return { presets, issues };
}

/** The answer to "which preset scores this series in this season?" */
export type PresetLookup =
  | { readonly kind: 'found'; readonly presets: readonly PresetListing[] }
  | { readonly kind: 'unknown-series'; readonly series: readonly string[] }
  | { readonly kind: 'no-season'; readonly series: string; readonly nearest: readonly PresetListing[] };

/**
 * Finds the presets of a series (matched as `matchesSeries` does) whose seasons cover the year or
 * season asked for. When none does, returns the nearest presets of that series on either side.
 */
export function findPresets(
  presets: readonly PresetListing[],
  series: string | undefined,
  year: SeasonSpan | undefined,
): PresetLookup {
  const ofSeries = series === undefined ? [...presets] : presets.filter((p) => matchesSeries(p, series));
  if (ofSeries.length === 0) {
    return { kind: 'unknown-series', series: [...new Set(presets.map((p) => p.series))].sort() };
  }
  const claimed = ofSeries.filter((p) => parsePresetSeasons(p.seasons).length > 0);
  if (year === undefined) return { kind: 'found', presets: claimed };
  const covering = claimed.filter((p) => parsePresetSeasons(p.seasons).some((s) => spanCovers(s, year)));
  if (covering.length > 0) return { kind: 'found', presets: covering };
  // Nearest: the closest preset ending before the year and the closest starting after it.
  const distance = (p: PresetListing, side: 'before' | 'after') =>
    Math.min(
      ...parsePresetSeasons(p.seasons).map((s) =>
        side === 'before'
          ? s.to < year.from
            ? year.from - s.to
            : Infinity
          : s.from > year.to
            ? s.from - year.to
            : Infinity,
      ),
    );
  const nearest = (['before', 'after'] as const).flatMap((side) => {
    const best = Math.min(...claimed.map((p) => distance(p, side)));
    return Number.isFinite(best) ? claimed.filter((p) => distance(p, side) === best) : [];
  });
  const names = [...new Set(ofSeries.map((p) => p.series))];
  return { kind: 'no-season', series: names.join(', '), nearest: [...new Set(nearest)] };
}

function usage(code: string, path: string[], message: string, hint?: string): CliFailure {
  return new CliFailure([{ code, path, message, ...(hint === undefined ? {} : { hint }) }], EXIT.usage);
}

function parseYearOption(year: string | undefined): SeasonSpan | undefined {
  if (year === undefined) return undefined;
  const span = parseSeasonLabel(year);
  if (span === undefined || span.label === 'any' || (!span.straddles && span.from !== span.to)) {
    throw usage(
      'rulebook.bad-year',
      ['--year'],
      `"${year}" is not a year or season`,
      'Give a year such as 1988, or a season across two years such as 2014-15.',
    );
  }
  return span;
}

const describePreset = (p: PresetListing) => `${p.id} (${p.seasons})`;

/** Resolves `rulebook show <what> [--year Y]` to one preset id, or fails with the candidates. */
async function resolveShown(what: string, yearOption: string | undefined): Promise<string> {
  const year = parseYearOption(yearOption);
  if (resolvePreset(what) !== undefined) {
    if (year !== undefined) {
      const { presets } = await listPresets();
      const p = presets.find((q) => q.id === what);
      if (p && !parsePresetSeasons(p.seasons).some((s) => spanCovers(s, year))) {
        throw usage(
          'rulebook.preset-not-for-season',
          [what],
          `preset "${what}" covers ${p.seasons || 'no season'}, not ${year.label}`,
          `Ask by series instead: \`paddock rulebook show ${seriesKeys(p)[0] ?? what} --year ${year.label}\`.`,
        );
      }
    }
    return what;
  }
  // "f1-1988" or "formula-e-2014-15": a series and a season in one word.
  const joined = year === undefined ? /^(.+?)-(\d{4}(?:-\d{2})?)$/.exec(what) : null;
  const series = joined ? joined[1]! : what;
  const asked = joined ? parseYearOption(joined[2]) : year;
  const { presets } = await listPresets();
  const found = findPresets(presets, series, asked);
  if (found.kind === 'unknown-series') {
    throw usage(
      'rulebook.unknown-preset',
      [what],
      `no rulebook preset or series "${what}"`,
      `Run \`paddock rulebooks\` to list the presets (${presets.length} known); series: ${found.series.join('; ')}.`,
    );
  }
  if (found.kind === 'no-season') {
    throw usage(
      'rulebook.no-preset-for-season',
      [what],
      `no ${found.series} preset covers ${asked!.label}`,
      found.nearest.length
        ? `Nearest: ${found.nearest.map(describePreset).join(', ')}.`
        : 'Run `paddock rulebooks` to list the presets.',
    );
  }
  if (asked === undefined) {
    throw usage(
      'rulebook.season-needed',
      [what],
      `"${what}" is a series with ${found.presets.length} presets; say which season`,
      `Add --year, e.g. \`paddock rulebook show ${what} --year ${found.presets.at(-1)?.seasons.split(/[-,]/)[0] ?? '2020'}\`, or list them: \`paddock rulebooks --series ${what}\`.`,
    );
  }
  if (found.presets.length > 1) {
    throw usage(
      'rulebook.several-presets',
      [what],
      `${found.presets.length} presets cover ${asked.label}: ${found.presets.map(describePreset).join(', ')}`,
      'Give the season in full (e.g. 2016-17) or the preset id.',
    );
  }
  return found.presets[0]!.id;
}

/** `paddock rulebooks [--json] [--series S] [--year Y]` and `paddock rulebook show <id|series> [--year Y]`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('rulebooks')
    .description('list the built-in rulebook presets (id, series, seasons covered)')
    .option('--json', 'print JSON')
    .option('--series <series>', 'only presets of this series (f1, nascar, indycar, btcc, formula-e, ...)')
    .option('--year <year>', 'only presets covering this year or season (1988, 2014-15)')
    .action(async (opts: { json?: boolean; series?: string; year?: string }) => {
      const { presets: all, issues } = await listPresets();
      const year = parseYearOption(opts.year);
      let presets = all;
      if (opts.series !== undefined || year !== undefined) {
        const found = findPresets(all, opts.series, year);
        if (found.kind === 'unknown-series') {
          throw usage(
            'rulebook.unknown-series',
            ['--series'],
            `no preset for series "${opts.series ?? ''}"`,
            `Series: ${found.series.join('; ')}.`,
          );
        }
        if (found.kind === 'no-season') {
          throw usage(
            'rulebook.no-preset-for-season',
            ['--year'],
            `no ${opts.series === undefined ? '' : `${found.series} `}preset covers ${year!.label}`,
            found.nearest.length ? `Nearest: ${found.nearest.map(describePreset).join(', ')}.` : undefined,
          );
        }
        presets = [...found.presets];
      }
      if (opts.json) {
        io.out(
          JSON.stringify(
            presets.map(({ file: _file, ...p }) => p),
            null,
            2,
          ),
        );
      } else {
        io.out(
          renderTable(
            ['Id', 'Series', 'Seasons', 'Name'],
            presets.map((p) => [p.id, p.series, p.seasons, p.name]),
          ),
        );
      }
      // The readable presets are listed; the broken ones are reported and make the exit code 1.
      if (issues.length) throw new CliFailure(issues);
    });

  program
    .command('rulebook')
    .description('rulebook presets')
    .command('show')
    .description('print a preset in plain words, rule by rule; by id, or by series and year')
    .argument(
      '<preset>',
      'preset id (see `paddock rulebooks`), or a series (f1, nascar, ...) with --year, or both in one (f1-1988)',
    )
    .option('--year <year>', 'the year or season the preset must cover (1988, 2014-15)')
    .action(async (what: string, opts: { year?: string }) => {
      const id = await resolveShown(what, opts.year);
      const path = resolvePreset(id)!;
      const loaded = await loadRulebookFile(path, resolvePreset);
      if (!loaded.ok) throw new CliFailure(loaded.issues);
      const head = parseYaml(await readFile(path, 'utf8'), path, rulebookSchema);
      const meta = head.ok ? head.value.value : undefined;
      const { rulebook } = loaded.value;
      io.out(paint(io, 1, `${rulebook.name} (${rulebook.id})`));
      if (meta?.series) io.out(`Series: ${meta.series}`);
      if (meta?.seasons) io.out(`Seasons: ${meta.seasons}`);
      if (loaded.value.extends.length) io.out(`Extends: ${loaded.value.extends.join(' -> ')}`);
      if (rulebook.source) io.out(`Source: ${rulebook.source}`);
      if (meta?.sources) {
        io.out('Sources by season:');
        for (const [season, cited] of Object.entries(meta.sources)) {
          for (const c of typeof cited === 'string' ? [cited] : cited) io.out(`  ${season}: ${c}`);
        }
      }
      io.out('');
      io.out(paint(io, 1, 'Scales'));
      for (const [scaleId, scale] of Object.entries(rulebook.scales)) {
        io.out(`  ${scaleId}: ${scale.points.map((p) => formatExact(p)).join('-')}`);
      }
      for (const c of rulebook.championships) {
        io.out('');
        const [title, ...lines] = describeChampionship(rulebook, c);
        io.out(paint(io, 1, title ?? c.id));
        if (c.description) io.out(`  ${c.description}`);
        for (const line of lines) io.out(`  - ${line}`);
      }
    });
}
