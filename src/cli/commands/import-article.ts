import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importArticle } from '../../importers/article/import-article.js';
import { resolvePreset } from '../../formats/catalog.js';
import { loadSeasonFolder } from '../../formats/season-folder.js';
import { writeSeasonFolder } from '../../formats/write-season-folder.js';
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
      await writeSeasonFolder(season, rulebookYaml, folder);
      // The written folder must load: a check of the importer, not of the user's input.
      const check = await loadSeasonFolder(folder, resolvePreset);
      if (!check.ok) throw new CliFailure(check.issues);
      io.out(
        `wrote ${season.name} to ${folder}: ${season.events.length} events, ${season.entries.length} entries, ` +
          `${season.classifications.length} classifications, ${season.awards.length} awards, ${season.published.length} published standings`,
      );
      for (const n of season.notes.slice(1)) io.out(`  note: ${n}`);
    });
}
