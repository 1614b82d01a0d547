import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeChampionship, formatDisplay } from '../../src/engine/index.js';
import { RULEBOOKS_DIR, resolvePreset } from '../../src/formats/catalog.js';
import { loadRulebookFile } from '../../src/formats/rulebook-file.js';
import { listPresets } from '../../src/cli/commands/rulebooks.js';

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
