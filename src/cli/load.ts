import type { LoadedSeason } from '../formats/season-folder.js';
import { openSeason, withApp } from './app.js';

/**
 * A season's files (a built-in id, alias or folder path), loaded through the app, for commands
 * that still work on a folder (`paddock live` saves into it). Other commands use `withApp` and
 * `openSeason` (src/cli/app.ts), which read the database first.
 */
export async function seasonOrFail(arg: string): Promise<LoadedSeason> {
  return withApp({}, async (app) => (await openSeason(app, arg)).loaded, { filesOnly: true });
}
