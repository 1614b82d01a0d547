/**
 * Rulebook YAML given as text (an edit in the browser) loaded exactly as a season folder's
 * rulebook.yaml is: through the same loader, with `extends:` resolved from the built-in presets.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result, Rulebook } from '../engine/index.js';
import { resolvePreset } from '../formats/catalog.js';
import { loadRulebookFile } from '../formats/rulebook-file.js';

/** Parses and validates rulebook text; problems name `rulebook.yaml` with line and column. */
export async function parseRulebookText(text: string): Promise<Result<Rulebook>> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-rulebook-'));
  const path = join(dir, 'rulebook.yaml');
  try {
    await writeFile(path, text, 'utf8');
    const loaded = await loadRulebookFile(path, resolvePreset);
    if (!loaded.ok) {
      const issues = loaded.issues.map((i) => ({
        ...i,
        path: i.path.map((p) => (p === path ? 'rulebook.yaml' : p)),
        ...(i.location ? { location: { ...i.location, file: i.location.file === path ? 'rulebook.yaml' : i.location.file } } : {}),
      }));
      return { ok: false, issues };
    }
    return { ok: true, value: loaded.value.rulebook };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
