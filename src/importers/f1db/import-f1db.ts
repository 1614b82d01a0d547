/**
 * `import-f1db`: season folders from an f1db checkout, one per season, each extending the
 * Formula One preset of its year. A folder is written beside its target and loaded back before it
 * takes the target's place, so a season that does not load never replaces anything.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue, Result } from '../../engine/index.js';
import { resolvePreset } from '../../formats/catalog.js';
import { loadRulebookFile } from '../../formats/rulebook-file.js';
import { loadSeasonFolder } from '../../formats/season-folder.js';
import { writeSeasonFolder } from '../../formats/write-season-folder.js';
import { DECISIONS } from './decisions.js';
import { listF1dbSeasons, readF1dbSeason, readF1dbVersion } from './read-f1db.js';
import { seasonFromF1db } from './season-from-f1db.js';
import type { ImportedF1dbSeason } from './season-from-f1db.js';

/** The Formula One preset a season extends (data/rulebooks/f1-*.yaml). */
export function f1PresetFor(year: number): string | undefined {
  if (year >= 1950 && year <= 1980) return `f1-${year}`;
  if (year >= 1981 && year <= 1990) return 'f1-1981-1990';
  if (year >= 1991 && year <= 1997) return 'f1-1991-1997';
  if (year >= 1998 && year <= 1999) return 'f1-1998-1999';
  if (year >= 2000 && year <= 2002) return 'f1-2000-2002';
  if (year >= 2003 && year <= 2009) return 'f1-2003-2009';
  if (year === 2014) return 'f1-2014';
  if (year >= 2010 && year <= 2018) return 'f1-2010-2018';
  if (year >= 2019 && year <= 2020) return 'f1-2019-2020';
  if (year === 2021) return 'f1-2021';
  if (year >= 2022 && year <= 2024) return 'f1-2022-2024';
  if (year === 2025) return 'f1-2025';
  if (year === 2026) return 'f1-2026';
  return undefined;
}

/** The folder name of a built-in Formula One season. */
export const f1FolderName = (year: number): string => `f1-${year}`;

/** Places the drivers' race scale of a preset pays. */
async function paidPlaces(preset: string): Promise<Result<number>> {
  const path = resolvePreset(preset);
  if (!path)
    return {
      ok: false,
      issues: [{ code: 'f1db.no-preset', path: [preset], message: `no rulebook preset "${preset}"` }],
    };
  const loaded = await loadRulebookFile(path, resolvePreset);
  if (!loaded.ok) return loaded;
  const { rulebook } = loaded.value;
  const drivers = rulebook.championships.find((c) => c.id === 'drivers');
  const scale = drivers?.points['race'];
  const points = scale === undefined ? undefined : rulebook.scales[scale]?.points;
  if (!points)
    return {
      ok: false,
      issues: [
        { code: 'f1db.no-scale', path: [preset], message: `preset "${preset}" has no drivers' race scale` },
      ],
    };
  return { ok: true, value: points.length };
}

/** Reads and converts one season of an f1db checkout. */
export async function importF1dbSeason(
  checkout: string,
  year: number,
  version?: string,
): Promise<Result<ImportedF1dbSeason>> {
  const preset = f1PresetFor(year);
  if (!preset)
    return {
      ok: false,
      issues: [
        { code: 'f1db.no-preset', path: [String(year)], message: `no Formula One preset covers ${year}` },
      ],
    };
  const paid = await paidPlaces(preset);
  if (!paid.ok) return paid;
  const read = await readF1dbSeason(checkout, year);
  if (!read.ok) return read;
  const decisions = DECISIONS[year];
  return seasonFromF1db(read.value, {
    preset,
    paidPlaces: paid.value,
    ...(version === undefined ? {} : { version }),
    ...(decisions === undefined ? {} : { decisions }),
  });
}

export interface WrittenSeason {
  readonly year: number;
  readonly dir: string;
  readonly imported: ImportedF1dbSeason;
}

/**
 * Imports the chosen seasons (every season of the checkout by default) into `outDir/f1-YYYY`,
 * replacing existing folders only with `force`. Stops at the first season with problems.
 */
export async function importF1db(
  checkout: string,
  outDir: string,
  options: { readonly years?: readonly number[]; readonly force?: boolean } = {},
  onSeason: (written: WrittenSeason) => void = () => undefined,
): Promise<Result<WrittenSeason[]>> {
  const available = await listF1dbSeasons(checkout);
  if (!available.ok) return available;
  const years = options.years ?? available.value;
  const missing = years.filter((y) => !available.value.includes(y));
  if (missing.length)
    return {
      ok: false,
      issues: missing.map((y): Issue => ({
        code: 'f1db.unknown-season',
        path: [String(y)],
        message: `the f1db checkout has no season ${y}`,
        hint: `It holds ${available.value[0]}-${available.value.at(-1)}.`,
      })),
    };
  if (!options.force) {
    const existing = years.map((y) => join(outDir, f1FolderName(y))).filter((d) => existsSync(d));
    if (existing.length)
      return {
        ok: false,
        issues: existing.map((d) => ({
          code: 'folder.exists',
          path: [d],
          message: `${d} exists`,
          hint: 'Give --force to replace it.',
        })),
      };
  }
  const version = await readF1dbVersion(checkout);
  await mkdir(outDir, { recursive: true });
  const written: WrittenSeason[] = [];
  for (const year of years) {
    const imported = await importF1dbSeason(checkout, year, version);
    if (!imported.ok) return imported;
    const dir = join(outDir, f1FolderName(year));
    const staging = join(outDir, `.${f1FolderName(year)}.import-${process.pid}`);
    await writeSeasonFolder(imported.value.season, imported.value.rulebookYaml, staging);
    const check = await loadSeasonFolder(staging, resolvePreset);
    if (!check.ok) {
      await rm(staging, { recursive: true, force: true });
      return check;
    }
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    const done = { year, dir, imported: imported.value };
    written.push(done);
    onSeason(done);
  }
  return { ok: true, value: written };
}
