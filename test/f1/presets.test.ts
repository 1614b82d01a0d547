/**
 * The Formula One presets name their sources season by season, cover 1950-2026 once, and each
 * built-in season extends the preset of its year (so `paddock rulebook show f1 --year Y` and the
 * season agree).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  listPresets,
  parsePresetSeasons,
  parseSeasonLabel,
  seasonsOf,
} from '../../src/cli/commands/rulebooks.js';
import { SEASONS_DIR } from '../../src/formats/catalog.js';
import { f1PresetFor } from '../../src/importers/f1db/import-f1db.js';

const f1 = async () => (await listPresets()).presets.filter((p) => p.id.startsWith('f1-'));
const years = Array.from({ length: 2026 - 1950 + 1 }, (_, i) => String(1950 + i));

describe('the Formula One presets', () => {
  it('name sources for every season they claim, and for no other', async () => {
    for (const p of await f1()) {
      const claimed = parsePresetSeasons(p.seasons).flatMap(seasonsOf);
      const cited: string[] = [];
      for (const [key, list] of Object.entries(p.sources ?? {})) {
        const span = parseSeasonLabel(key);
        expect(span, `${p.id}: "${key}"`).toBeDefined();
        for (const c of list) expect(c.length, `${p.id} ${key}`).toBeGreaterThan(20);
        // Every season is checked against f1db's results and tables as well as a rules source.
        expect(
          list.some((c) => c.startsWith('f1db')),
          `${p.id} ${key}`,
        ).toBe(true);
        expect(list.length, `${p.id} ${key}`).toBeGreaterThan(1);
        cited.push(...seasonsOf(span!));
      }
      expect(cited.sort(), p.id).toEqual(claimed.sort());
    }
  });

  it('cover every season from 1950 to 2026 exactly once', async () => {
    const claimed = (await f1()).flatMap((p) => parsePresetSeasons(p.seasons).flatMap(seasonsOf));
    expect(claimed.sort()).toEqual(years);
  });

  it.each(years)('%s: the built-in season extends the preset that claims its year', async (year) => {
    const rulebook = await readFile(join(SEASONS_DIR, `f1-${year}`, 'rulebook.yaml'), 'utf8');
    const preset = f1PresetFor(Number(year))!;
    expect(rulebook).toContain(`extends: ${preset}\n`);
    const owner = (await f1()).find((p) => parsePresetSeasons(p.seasons).flatMap(seasonsOf).includes(year));
    expect(owner?.id).toBe(preset);
  });
});
