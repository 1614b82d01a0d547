import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseColumnMap } from '../../importers/results/formats/generic-csv.js';
import { RESULT_FORMAT_NAMES } from '../../importers/results/formats/registry.js';
import type { ResultFormat } from '../../importers/results/formats/registry.js';
import type { ParseOptions } from '../../importers/results/imported-row.js';
import { formatDisplay } from '../../engine/fraction.js';
import { findSession } from '../../importers/results/plan-import.js';
import type { ImportPlan } from '../../importers/results/plan-import.js';
import type { Paddock, SeasonVersion } from '../../app/index.js';
import { cliChange, openSeason, orFail, withApp, withDbOption } from '../app.js';
import type { DbOption } from '../app.js';
import { CliFailure, EXIT, paint } from '../io.js';
import type { CliIo } from '../io.js';

/** Files larger than this get a progress bar on a terminal. */
const PROGRESS_THRESHOLD_BYTES = 1024 * 1024;

interface ImportOptions extends DbOption {
  format: ResultFormat;
  dryRun?: boolean;
  map?: string;
  assign: string[];
  session?: string;
  state?: 'provisional' | 'final';
  intoDb?: boolean;
}

const usage = (message: string, hint?: string): CliFailure =>
  new CliFailure([{ code: 'usage', path: [], message, ...(hint === undefined ? {} : { hint }) }], EXIT.usage);

function describePlan(io: CliIo, plan: ImportPlan, dryRun: boolean): void {
  const verb = dryRun ? 'would' : 'will';
  const state = plan.state ? ` (${plan.state} results)` : '';
  if (plan.unchanged && !plan.mappingsChanged) {
    io.out(`${plan.session.id}: nothing to change${state}; the season already has these results.`);
    return;
  }
  io.out(
    `${plan.session.id}${state}: ${verb} write ${plan.rows.length} rows` +
      (plan.previous
        ? ` (${plan.added.length} added, ${plan.removed.length} removed, ${plan.changed.length} changed)`
        : ' (new classification)'),
  );
  for (const id of plan.added) io.out(`  + ${id}`);
  for (const id of plan.removed) io.out(`  - ${id}`);
  for (const id of plan.changed) io.out(`  ~ ${id}`);
  for (const p of plan.penalties)
    io.out(
      `  ${verb} add a time penalty to adjustments.yaml: ${p.entryId} +${formatDisplay(p.seconds)} s (${p.reason})`,
    );
  if (plan.mappingsChanged) io.out(`  ${verb} remember the confirmed identities in mappings.yaml`);
}

/** `paddock import-results <season> <race> <file> --format <fmt> [--dry-run] [--map ...]` */
export function register(program: Command, io: CliIo): void {
  withDbOption(program.command('import-results'))
    .description('import one session of results from a timing or sim-racing file into a season folder')
    .argument('<season>', 'season folder (or built-in id)')
    .argument('<race>', 'session id (race-05) or race number (5)')
    .argument('<file>', 'the results file')
    .addOption(
      new Option('-f, --format <format>', 'file format').choices(RESULT_FORMAT_NAMES).makeOptionMandatory(),
    )
    .option('-n, --dry-run', 'show what would change, write nothing')
    .option('-m, --map <columns>', 'generic CSV: column mapping, e.g. position=Pos,driver=Driver,car=No')
    .option(
      '-a, --assign <key=driver>',
      'confirm an unmatched row: the key printed for it and a driver id (stored in mappings.yaml)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option(
      '-s, --session <name>',
      'session inside a multi-session file (iRacing RACE, rFactor Race/Qualify)',
    )
    .option(
      '--into-db',
      'import into the database (--db, else DATABASE_URL, PADDOCK_DB or ./paddock.db) instead of the files',
    )
    .addOption(
      new Option('--state <state>', 'provisional or final, when the file name does not say').choices([
        'provisional',
        'final',
      ]),
    )
    .action(async (seasonArg: string, raceArg: string, file: string, opts: ImportOptions) =>
      withApp(
        opts,
        async (app) => {
          // Without --into-db the season's files (a folder or the built-in files) are the target.
          const target = await openSeason(app, seasonArg);
          if (opts.intoDb && target.source.kind !== 'database')
            throw new CliFailure([
              {
                code: 'season.not-stored',
                path: [seasonArg],
                message: `${seasonArg} is not in the database ${app.where ?? ''}`,
                hint: 'Import the season first: paddock import <folder>.',
              },
            ]);
          await importInto(app, target, raceArg, file, opts, io);
        },
        opts.intoDb ? { needDatabase: true } : { filesOnly: true },
      ),
    );
}

async function importInto(
  app: Paddock,
  target: SeasonVersion,
  raceArg: string,
  file: string,
  opts: ImportOptions,
  io: CliIo,
): Promise<void> {
  const session = findSession(target.loaded.season, raceArg);
  if (!session)
    throw usage(
      `no session "${raceArg}" in ${target.loaded.season.id}`,
      `Sessions: ${target.loaded.season.sessions.map((s) => s.id).join(', ')}.`,
    );
  const options: { -readonly [K in keyof ParseOptions]: ParseOptions[K] } = {};
  if (opts.map !== undefined) {
    const { map, unknown } = parseColumnMap(opts.map);
    if (unknown.length)
      throw usage(
        `--map: unknown field(s) ${unknown.join(', ')}`,
        'Fields: position, car, driver, team, class, status, laps, laps_led, time, best_lap, platform_id, class_position.',
      );
    options.columns = map;
  }
  if (opts.session !== undefined) options.session = opts.session;
  const assignments: Record<string, string> = {};
  for (const a of opts.assign) {
    const at = a.lastIndexOf('=');
    if (at < 1) throw usage(`--assign "${a}": write <key>=<driver-id>`);
    assignments[a.slice(0, at)] = a.slice(at + 1);
  }
  let size: number;
  try {
    size = (await stat(file)).size;
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
  const bar =
    io.isTTY && size > PROGRESS_THRESHOLD_BYTES
      ? new SingleBar({
          format: `reading ${basename(file)} [{bar}] {percentage}%`,
          stream: process.stderr,
        })
      : undefined;
  bar?.start(size, 0);
  /** The file as a stream of chunks, moving the progress bar. */
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let read = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      read += chunk.length;
      bar?.update(read);
      yield chunk;
    }
  }
  // Planned against the season's files (a folder or a revision): matched with its confirmed
  // identities, and checked by loading its files with the new ones in place.
  const plan = await app
    .planResults(target, {
      session,
      format: opts.format,
      source: chunks(),
      file,
      options,
      assignments,
      ...(opts.state ? { state: opts.state } : {}),
    })
    .finally(() => bar?.stop());
  if (plan.problemCount) {
    const more = plan.problemCount - plan.issues.length;
    const counts = Object.entries(plan.problemCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${n.toLocaleString('en')} ${code}`)
      .join(', ');
    io.err(
      paint(
        io,
        31,
        `${file}: ${plan.problemCount.toLocaleString('en')} problem(s) in ${plan.rowsRead.toLocaleString('en')} rows read` +
          (more ? ` (${counts}); the first ${plan.issues.length} are listed` : '') +
          '; nothing was written.',
      ),
    );
    throw new CliFailure(plan.issues);
  }
  describePlan(io, plan, Boolean(opts.dryRun));
  if (plan.state === 'provisional')
    io.out('  note: provisional results; import the official file when it is published.');
  if (opts.dryRun || (plan.unchanged && !plan.mappingsChanged)) return;
  // One change: the results, their state, awards and confirmed identities, checked as a whole season.
  const saved = orFail(
    await app.importSessionResults(
      target,
      plan,
      cliChange(`imported from ${basename(file)}`, { author: 'paddock import-results' }),
    ),
  );
  const where = target.source.kind === 'database' ? target.source.where : target.source.dir;
  io.out(
    `wrote ${session.id} to ${where}${saved.version === undefined ? '' : ` (season version ${saved.version})`}`,
  );
}
