import type { Command } from 'commander';
import { loadSeason } from '../../formats/catalog.js';
import { databaseFromEnv } from '../../store/connect.js';
import { importSeason } from '../../store/season-store.js';
import { openStore } from '../../store/store.js';
import { CliFailure } from '../io.js';
import type { CliIo } from '../io.js';

/** `paddock import <folder>`: loads a season folder (or a built-in season) into the database. */
export function register(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load a season folder into the database (DATABASE_URL, else PADDOCK_DB, else ./paddock.db); replaces a season with the same id')
    .argument('<folder>', 'season folder, or a built-in season id or alias')
    .action(async (folder: string) => {
      const loaded = await loadSeason(folder);
      if (!loaded.ok) throw new CliFailure(loaded.issues);
      const store = await openStore(databaseFromEnv());
      try {
        const version = await importSeason(store.db, loaded.value, { who: process.env['USER'] ? `cli:${process.env['USER']}` : 'cli' });
        const { season } = loaded.value;
        io.out(`imported ${season.id} (${season.events.length} events, ${season.classifications.length} results, version ${version}) into ${store.handle.where}`);
      } finally {
        await store.close();
      }
    });
}
