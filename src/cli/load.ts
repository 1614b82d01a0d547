import type { LoadedSeason } from '../formats/season-folder.js';
import { loadSeason } from '../formats/catalog.js';
import { CliFailure } from './io.js';

/** Loads a season for a command, or stops with its issues. */
export async function seasonOrFail(arg: string): Promise<LoadedSeason> {
  const loaded = await loadSeason(arg);
  if (!loaded.ok) throw new CliFailure(loaded.issues);
  return loaded.value;
}
