import type { Command } from 'commander';
import { describeDiff } from '../../app/index.js';
import { findBuiltInSeason, isSeasonFolder } from '../../formats/catalog.js';
import { cliChange, orFail, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import type { CliIo } from '../io.js';

/**
 * `paddock import <folder> [--force] [--dry-run]`: a season folder into the database, as a new
 * season or a new revision of the stored one (showing the diff first). Refused when the season was
 * changed in the database since the folder was exported, unless --force.
 */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('import'))
    .description(
      'load a season folder into the database as a new revision, showing what changes; refuses to overwrite changes made in the database since the folder was exported unless --force',
    )
    .argument('<folder>', 'season folder, or a built-in season id or alias')
    .option(
      '--force',
      'import even though the season was changed in the database since (the replaced revision stays restorable)',
    )
    .option('-n, --dry-run', 'show what would change, write nothing')
    .option('--reason <text>', 'why (kept in the history)', 'season folder imported')
    .action(async (folder: string, opts: DbOption & { force?: boolean; dryRun?: boolean; reason: string }) =>
      withApp(
        opts,
        async (app) => {
          const dir = isSeasonFolder(folder) ? folder : (findBuiltInSeason(folder)?.dir ?? folder);
          const done = orFail(
            await app.importFolder(dir, {
              change: cliChange(opts.reason, { origin: 'folder' }),
              ...(opts.force ? { force: true } : {}),
              ...(opts.dryRun ? { dryRun: true } : {}),
            }),
          );
          const { season } = done.loaded;
          const counts = `${season.events.length} events, ${season.classifications.length} results`;
          if (done.unchanged)
            return io.out(
              `${season.id}: nothing to change; ${app.where} holds these files (version ${done.previous})`,
            );
          if (done.diff) for (const line of describeDiff(done.diff)) io.out(line);
          if (opts.dryRun)
            return io.out(
              done.created
                ? `would import ${season.id} (${counts}) into ${app.where}`
                : `would import ${season.id} as version ${done.previous! + 1} of ${app.where}`,
            );
          io.out(`imported ${season.id} (${counts}, version ${done.version}) into ${app.where}`);
        },
        { write: true },
      ),
    );
}
