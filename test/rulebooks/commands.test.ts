import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPresets } from '../../src/cli/commands/rulebooks.js';
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
    const { code, err } = await run('rulebook', 'show', 'f1-1849');
    expect(code).toBe(2);
    expect(err).toContain('no rulebook preset "f1-1849"');
    expect(err).toContain('paddock rulebooks');
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
