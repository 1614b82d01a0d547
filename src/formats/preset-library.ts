/**
 * The rulebook preset library (data/rulebooks/*.yaml) as a catalogue: each preset's series and the
 * seasons it claims, and the lookup "which preset scores this series in this season?" that
 * `paddock rulebooks`, `paddock rulebook show`, `paddock new` and the season setup page share.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue } from '../engine/index.js';
import { RULEBOOKS_DIR } from './catalog.js';
import { rulebookSchema } from './rulebook-schema.js';
import { parseYaml } from './yaml-file.js';

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
