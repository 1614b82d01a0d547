import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { makeNewSeason } from '../../app/index.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';

interface NewOptions {
  series: string;
  seriesId?: string;
  year: string;
  preset?: string;
  class: string[];
  id?: string;
  name?: string;
}

/** Form fields the app names in its problems, as this command's options. */
const OPTION: Record<string, string> = {
  series: '--series',
  series_id: '--series-id',
  year: '--year',
  id: '--id',
  preset: '--preset',
  classes: '--class',
};

/**
 * `paddock new <season-folder> --series <name> --year <year> --preset <preset|series> --class <name>...`:
 * a new season's folder (season.yaml, a rulebook extending the preset, empty drivers, teams and
 * entries), the same files the site's "New season" page stores.
 */
export function register(program: Command, io: CliIo): void {
  program
    .command('new')
    .description('write a new season folder: series, year, a rulebook preset or template, classes')
    .argument('<season-folder>', 'the folder to create (must not exist, or be empty)')
    .requiredOption('--series <name>', 'the series name, e.g. "Club Cup"')
    .requiredOption('--year <year>', 'the season year, e.g. 2026')
    .option(
      '--preset <preset>',
      'a preset id (paddock rulebooks), a series with presets (f1, nascar: the one covering --year), or the template sim-racing-league; default: the series name',
    )
    .option('--class <name>', 'a class (repeat for several)', (v: string, all: string[]) => [...all, v], [])
    .option('--id <id>', 'the season id (default <year>-<series as a slug>)')
    .option('--series-id <id>', 'the series id (default the series name as a slug)')
    .option('--name <name>', 'the season name (default "<year> <series>")')
    .action(async (folder: string, opts: NewOptions) => {
      const year = Number(opts.year);
      const made = await makeNewSeason({
        seriesName: opts.series,
        year: Number.isInteger(year) ? year : Number.NaN,
        preset: opts.preset ?? opts.series,
        classes: opts.class,
        ...(opts.seriesId === undefined ? {} : { seriesId: opts.seriesId }),
        ...(opts.id === undefined ? {} : { id: opts.id }),
        ...(opts.name === undefined ? {} : { name: opts.name }),
      });
      if (!made.ok) {
        throw new CliFailure(
          made.issues.map((i) => ({
            ...i,
            path: i.path.map((p) => (typeof p === 'string' ? (OPTION[p] ?? p) : p)),
          })),
          EXIT.usage,
        );
      }
      const existing = await readdir(folder).catch(() => undefined);
      if (existing !== undefined && existing.length > 0) {
        throw new CliFailure(
          [
            {
              code: 'new.folder-not-empty',
              path: [folder],
              message: `${folder} exists and is not empty`,
              hint: 'Give a new folder; paddock new never overwrites files.',
            },
          ],
          EXIT.usage,
        );
      }
      for (const [name, text] of made.value.files) {
        await mkdir(dirname(join(folder, name)), { recursive: true });
        await writeFile(join(folder, name), text, { flag: 'wx' });
      }
      io.out(`${made.value.id}: a new season in ${folder} (rulebook: ${made.value.preset.id})`);
      io.out(`files: ${[...made.value.files.keys()].join(', ')}`);
      io.out(
        `next: add events to season.yaml, drivers, teams and entries (docs/season-format.md), then \`paddock check ${folder}\`, or \`paddock import ${folder}\` and carry on in the browser (docs/organiser.md).`,
      );
    });
}
