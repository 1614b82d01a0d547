/**
 * Loading a season with a parse cache: unchanged files are not parsed again, yet every cross-file
 * check still runs (a changed file that breaks an unchanged one is refused), the result equals a
 * load without the cache, failures are not kept, kept values cannot be changed, and the cache
 * stays within its bound.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolvePreset, SEASONS_DIR } from './catalog.js';
import { ParseCache } from './parse-cache.js';
import { loadSeasonFiles, readSeasonFolder } from './season-folder.js';

const SEASON = join(SEASONS_DIR, '2024-porsche-carrera-cup-north-america');
// The reference season: season.yaml, rulebook.yaml, drivers, teams, entries, awards, published
// and 16 results files.
const FILES = 23;

let files: Map<string, string>;
beforeAll(async () => {
  const read = await readSeasonFolder(SEASON);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  files = read.value;
  expect(files.size).toBe(FILES);
});

describe('loading with a parse cache', () => {
  it('parses each file once, and a second load equals a load without the cache', async () => {
    const cache = new ParseCache(resolvePreset);
    const first = await loadSeasonFiles(files, { resolvePreset, cache });
    expect(first.ok).toBe(true);
    expect(cache.parses).toBe(FILES);
    const again = await loadSeasonFiles(new Map(files), { resolvePreset, cache });
    expect(cache.parses).toBe(FILES);
    const plain = await loadSeasonFiles(files, { resolvePreset });
    if (!again.ok || !plain.ok) throw new Error('did not load');
    expect(again.value.season).toEqual(plain.value.season);
    expect(again.value.rulebook).toEqual(plain.value.rulebook);
  });

  it('parses only a changed file, and still refuses what breaks the files it kept', async () => {
    const cache = new ParseCache(resolvePreset);
    expect((await loadSeasonFiles(files, { resolvePreset, cache })).ok).toBe(true);
    // entries.csv without Jimmy Llibre's car: fine on its own, but the kept results name it.
    const entries = files.get('entries.csv')!.replace(/^2-aci-jimmy-llibre,.*\n/m, '');
    const changed = new Map(files).set('entries.csv', entries);
    const loaded = await loadSeasonFiles(changed, { resolvePreset, cache });
    expect(cache.parses).toBe(FILES + 1);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues.map((i) => i.message).join('\n')).toMatch(/2-aci-jimmy-llibre/);
  });

  it('keeps no failure: a broken file is parsed (and refused) each time', async () => {
    const cache = new ParseCache(resolvePreset);
    const broken = new Map(files).set('drivers.csv', 'id,name\n"unclosed\n');
    for (const _ of [1, 2]) expect((await loadSeasonFiles(broken, { resolvePreset, cache })).ok).toBe(false);
    const kept = cache.parses;
    expect((await loadSeasonFiles(broken, { resolvePreset, cache })).ok).toBe(false);
    expect(cache.parses).toBe(kept + 1);
  });

  it('hands out kept values frozen, so no loaded season can change another', async () => {
    const cache = new ParseCache(resolvePreset);
    const loaded = await loadSeasonFiles(files, { resolvePreset, cache });
    if (!loaded.ok) throw new Error('did not load');
    expect(Object.isFrozen(loaded.value.season.classes)).toBe(true);
    expect(Object.isFrozen(loaded.value.rulebook.championships[0])).toBe(true);
  });

  it('freezes what it keeps without reading its getters (a parsed file makes its positioned document only when asked)', () => {
    const cache = new ParseCache(resolvePreset);
    let asked = 0;
    const kept = cache.parse('a: 1\n', 'yaml:a.yaml', () => ({
      ok: true,
      value: {
        value: { a: 1 },
        get doc() {
          asked++;
          return {};
        },
      },
    }));
    expect(asked).toBe(0);
    expect(kept.ok && Object.isFrozen(kept.value.value)).toBe(true);
  });

  it('is not used with another preset resolver than the one it was made with', async () => {
    const cache = new ParseCache(resolvePreset);
    const other = (id: string) => resolvePreset(id);
    expect((await loadSeasonFiles(files, { resolvePreset: other, cache })).ok).toBe(true);
    expect(cache.parses).toBe(0);
  });

  it('holds at most its bound of text', async () => {
    const total = [...files.values()].reduce((n, t) => n + t.length, 0);
    const cache = new ParseCache(resolvePreset, Math.floor(total / 2));
    expect((await loadSeasonFiles(files, { resolvePreset, cache })).ok).toBe(true);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(FILES);
    // Still correct: what fell out is parsed again.
    const again = await loadSeasonFiles(files, { resolvePreset, cache });
    expect(again.ok).toBe(true);
    expect(cache.parses).toBeGreaterThan(FILES);
  });
});
