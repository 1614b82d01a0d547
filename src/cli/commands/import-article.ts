import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { importArticle } from '../../importers/article/import-article.js';
import { resolvePreset } from '../../formats/catalog.js';
import { loadSeasonFolder } from '../../formats/season-folder.js';
import { writeSeasonFolder } from '../../formats/write-season-folder.js';
import { assertReplaceable, FolderInUseError } from '../../formats/replace-folder.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

/** `paddock import-article <file> <folder> [--force]`: a season folder from a season article's text. */
export function register(program: Command, io: CliIo): void {
  program
    .command('import-article')
    .description(
      'rebuild a season folder from the text of a season article (calendar, entries, results, points)',
    )
    .argument('<file>', 'the article as text (tables as |-separated rows)')
    .argument('<folder>', 'the season folder to write')
    .option('--force', 'replace the folder if it exists')
    .action(async (file: string, folder: string, opts: { force?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new CliFailure([
          {
            code: 'file.unreadable',
            path: [file],
            message: `cannot read ${file}: ${(e as Error).message}`,
            location: { file },
          },
        ]);
      }
      if (existsSync(folder) && !opts.force)
        throw new CliFailure(
          [
            {
              code: 'folder.exists',
              path: [folder],
              message: `${folder} exists`,
              hint: 'Give --force to replace it.',
            },
          ],
          EXIT.usage,
        );
      const imported = importArticle(text, file);
      if (!imported.ok) throw new CliFailure(imported.issues);
      const { season, rulebookYaml } = imported.value;
      // Written beside the target and loaded back before it takes the target's place, so a season
      // that does not load (a bug in the importer, not the user's input) never replaces anything.
      await assertReplaceable(folder, 'season').catch((e: unknown) => {
        throw e instanceof FolderInUseError ? new CliFailure([e.issue]) : e;
      });
      const staging = join(dirname(resolve(folder)), `.${basename(folder)}.import-${process.pid}`);
      await writeSeasonFolder(season, rulebookYaml, staging);
      const check = await loadSeasonFolder(staging, resolvePreset);
      if (!check.ok) {
        await rm(staging, { recursive: true, force: true });
        throw new CliFailure(check.issues);
      }
      await rm(folder, { recursive: true, force: true });
      await rename(staging, folder);
      io.out(
        `wrote ${season.name} to ${folder}: ${season.events.length} events, ${season.entries.length} entries, ` +
          `${season.classifications.length} classifications, ${season.awards.length} awards, ${season.published.length} published standings`,
      );
      for (const n of season.notes.slice(1)) io.out(`  note: ${n}`);
    });
}
