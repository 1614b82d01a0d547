import { rename, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Paddock, SeasonVersion } from '../../app/index.js';
import { resultsCsv, standingsCsv } from '../../exporters/csv/season-csv.js';
import { calendarIcal } from '../../exporters/ical/calendar-ical.js';
import { resultsJson } from '../../exporters/json/results-json.js';
import { standingsJson } from '../../exporters/json/standings-json.js';
import {
  escapeWikitext,
  resultsTableWikitext,
  standingsWikitext,
} from '../../exporters/wikitext/standings-wikitext.js';
import { openSeason, orFail, sourceLine, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';
import { raceOption } from './options.js';

export const EXPORT_FORMATS = ['folder', 'wikitext', 'csv', 'json', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportOptions extends DbOption {
  format: ExportFormat;
  out?: string;
  table: 'standings' | 'results';
  championship?: string;
  after?: number;
}

/** Writes text to a file through a temporary file, so a failure leaves no half-written output. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

/** Renders a season in one of the text formats. */
export function renderExport(app: Paddock, sv: SeasonVersion, opts: Omit<ExportOptions, 'out'>): string {
  const { season } = sv.loaded;
  if (opts.format === 'ics') return calendarIcal(season);
  if (opts.table === 'results' && opts.format === 'csv') return resultsCsv(season);
  if (opts.table === 'results' && opts.format === 'json')
    return `${JSON.stringify(resultsJson(season), null, 2)}\n`;
  const standings = orFail(
    app.standings(sv, {
      ...(opts.after === undefined ? {} : { afterRace: opts.after }),
      ...(opts.championship === undefined ? {} : { championship: opts.championship }),
    }),
  );
  if (opts.format === 'csv') return standingsCsv(standings);
  if (opts.format === 'json') return `${JSON.stringify(standingsJson(standings), null, 2)}\n`;
  const parts = [`== Results ==\n${resultsTableWikitext(season)}`];
  for (const c of standings.championships)
    parts.push(`=== ${escapeWikitext(c.name)} ===\n${standingsWikitext(season, c)}`);
  return parts.join('\n');
}

/** `paddock export <season> [folder] --format folder|wikitext|csv|json|ics [--out file]` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('export'))
    .description(
      'write a season as a season folder (exactly its files; from the database with the revision it holds), wikitext, CSV, JSON or iCalendar',
    )
    .argument('<season>', 'season id, alias or folder')
    .argument('[folder]', 'target folder for --format folder')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .option('-o, --out <file>', 'write to this file instead of printing')
    .addOption(
      new Option('-t, --table <table>', 'for csv and json: standings or results')
        .choices(['standings', 'results'])
        .default('standings'),
    )
    .option('-c, --championship <id>', 'only this championship (standings)')
    .option('-a, --after <race>', 'standings after this race number', raceOption)
    .action(async (seasonArg: string, folder: string | undefined, opts: ExportOptions) =>
      withApp(opts, async (app) => {
        if (opts.format === 'folder') {
          const target = folder ?? opts.out;
          if (!target)
            throw new CliFailure(
              [
                {
                  code: 'export.no-target',
                  path: [],
                  message: 'give the folder to write: paddock export <season> <folder> --format folder',
                },
              ],
              EXIT.usage,
            );
          const sv = orFail(await app.exportFolder(seasonArg, target));
          return io.out(`wrote ${sv.loaded.season.id} to ${target} (${sourceLine(sv)})`);
        }
        if (folder !== undefined)
          throw new CliFailure(
            [
              {
                code: 'export.folder-argument',
                path: [],
                message: `a folder argument is only for --format folder`,
                hint: 'Use --out <file> to write a file.',
              },
            ],
            EXIT.usage,
          );
        const sv = await openSeason(app, seasonArg);
        const text = renderExport(app, sv, opts);
        if (opts.out) {
          await writeFileAtomic(opts.out, text);
          return io.out(`wrote ${opts.out} (${sourceLine(sv)})`);
        }
        io.out(text);
      }),
    );
}
