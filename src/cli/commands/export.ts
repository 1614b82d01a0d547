import { rename, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { computeStandings } from '../../engine/index.js';
import { resultsCsv, standingsCsv } from '../../exporters/csv/season-csv.js';
import { calendarIcal } from '../../exporters/ical/calendar-ical.js';
import { resultsJson } from '../../exporters/json/results-json.js';
import { standingsJson } from '../../exporters/json/standings-json.js';
import { resultsTableWikitext, standingsWikitext } from '../../exporters/wikitext/standings-wikitext.js';
import type { LoadedSeason } from '../../formats/season-folder.js';
import { writeSeasonFolder } from '../../formats/write-season-folder.js';
import { Locations } from '../../formats/locate.js';
import { databaseFromEnv } from '../../store/connect.js';
import { loadStoredSeason } from '../../store/season-store.js';
import { openStore } from '../../store/store.js';
import { CliFailure, EXIT } from '../io.js';
import type { CliIo } from '../io.js';
import { seasonOrFail } from '../load.js';
import { raceOption } from './options.js';

export const EXPORT_FORMATS = ['folder', 'wikitext', 'csv', 'json', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportOptions {
  format: ExportFormat;
  out?: string;
  table: 'standings' | 'results';
  championship?: string;
  after?: number;
  db?: boolean;
}

/** Rulebook texts of seasons loaded from the database, which have no folder to read them from. */
const storedRulebooks = new WeakMap<LoadedSeason, string>();

/** Where the season comes from: the built-in library or a folder, or the database with --db. */
async function loadForExport(seasonArg: string, db = false): Promise<LoadedSeason> {
  if (!db) return seasonOrFail(seasonArg);
  const store = await openStore(databaseFromEnv());
  try {
    const stored = await loadStoredSeason(store.db, seasonArg);
    if (!stored.ok) throw new CliFailure(stored.issues);
    const loaded: LoadedSeason = {
      dir: store.handle.where,
      files: new Map(),
      rulebookFile: 'rulebook.yaml',
      season: stored.value.season,
      rulebook: stored.value.rulebook,
      locations: new Locations(),
      mappings: {},
      decisions: stored.value.decisions,
    };
    storedRulebooks.set(loaded, stored.value.rulebookYaml);
    return loaded;
  } finally {
    await store.close();
  }
}

/** The rulebook.yaml text of a loaded season, for writing the folder format back. */
async function rulebookText(loaded: LoadedSeason): Promise<string> {
  return storedRulebooks.get(loaded) ?? loaded.files.get(loaded.rulebookFile) ?? '';
}

/** Writes text to a file through a temporary file, so a failure leaves no half-written output. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

/** Renders a season in one of the text formats. */
export function renderExport(loaded: LoadedSeason, opts: Omit<ExportOptions, 'out'>): string {
  const { season, rulebook } = loaded;
  if (opts.format === 'ics') return calendarIcal(season);
  if (opts.table === 'results' && opts.format === 'csv') return resultsCsv(season);
  if (opts.table === 'results' && opts.format === 'json')
    return `${JSON.stringify(resultsJson(season), null, 2)}\n`;
  const standings = computeStandings(season, rulebook, {
    ...(opts.after === undefined ? {} : { afterRace: opts.after }),
    ...(opts.championship === undefined ? {} : { championships: [opts.championship] }),
  });
  if (!standings.ok) throw new CliFailure(standings.issues);
  if (opts.format === 'csv') return standingsCsv(standings.value);
  if (opts.format === 'json') return `${JSON.stringify(standingsJson(standings.value), null, 2)}\n`;
  const parts = [`== Results ==\n${resultsTableWikitext(season)}`];
  for (const c of standings.value.championships)
    parts.push(`=== ${c.name} ===\n${standingsWikitext(season, c)}`);
  return parts.join('\n');
}

/** `paddock export <season> [folder] --format folder|wikitext|csv|json|ics [--out file]` */
export function register(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write a season as a season folder, wikitext, CSV, JSON or iCalendar')
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
    .option('--db', 'read the season from the database (DATABASE_URL, else PADDOCK_DB, else ./paddock.db)')
    .action(async (seasonArg: string, folder: string | undefined, opts: ExportOptions) => {
      const loaded = await loadForExport(seasonArg, opts.db);
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
        await writeSeasonFolder(loaded.season, await rulebookText(loaded), target);
        return io.out(`wrote ${loaded.season.id} to ${target}`);
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
      const text = renderExport(loaded, opts);
      if (opts.out) {
        await writeFileAtomic(opts.out, text);
        return io.out(`wrote ${opts.out}`);
      }
      io.out(text);
    });
}
