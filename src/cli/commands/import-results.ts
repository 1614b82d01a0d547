import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Issue } from '../../engine/index.js';
import { parseColumnMap } from '../../importers/results/formats/generic-csv.js';
import { RESULT_FORMAT_NAMES, RESULT_FORMATS } from '../../importers/results/formats/registry.js';
import type { ResultFormat } from '../../importers/results/formats/registry.js';
import type { ParseOptions } from '../../importers/results/imported-row.js';
import { applyImport, findSession, planImport, readMappings } from '../../importers/results/plan-import.js';
import type { ImportPlan } from '../../importers/results/plan-import.js';
import type { Season } from '../../engine/index.js';
import type { Mappings } from '../../importers/results/match-entries.js';
import { databaseFromEnv } from '../../store/connect.js';
import { openStore } from '../../store/store.js';
import type { Store } from '../../store/store.js';
import { CliFailure, EXIT, paint } from '../io.js';
import type { CliIo } from '../io.js';
import { seasonOrFail } from '../load.js';
import type { SeasonEdit } from '../../store/season-edits.js';

/** Files with more rows than this get a progress bar on a terminal. */
const PROGRESS_THRESHOLD = 5_000;

interface ImportOptions {
  format: ResultFormat;
  dryRun?: boolean;
  map?: string;
  assign: string[];
  session?: string;
  state?: 'provisional' | 'final';
  intoDb?: boolean;
}

/** Where the season comes from and goes to: a season folder, or the database with --into-db. */
interface Target {
  readonly season: Season;
  readonly where: string;
  readonly mappings: Mappings;
  readonly store?: Store;
  readonly dir?: string;
}

async function openTarget(seasonArg: string, intoDb: boolean): Promise<Target> {
  if (intoDb) {
    const store = await openStore(databaseFromEnv());
    const stored = await store.season(seasonArg);
    if (!stored.ok) {
      await store.close();
      throw new CliFailure(stored.issues);
    }
    // Confirmed identities live in the season folder; a database import uses --assign for this run.
    return { season: stored.value.stored.season, where: store.handle.where, mappings: {}, store };
  }
  const loaded = await seasonOrFail(seasonArg);
  const mappings = await readMappings(loaded.dir);
  if (!mappings.ok) throw new CliFailure(mappings.issues);
  return { season: loaded.season, where: loaded.dir, mappings: mappings.value, dir: loaded.dir };
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
  if (plan.mappingsChanged) io.out(`  ${verb} remember the confirmed identities in mappings.yaml`);
}

/** `paddock import-results <season> <race> <file> --format <fmt> [--dry-run] [--map ...]` */
export function register(program: Command, io: CliIo): void {
  program
    .command('import-results')
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
      'import into the database (DATABASE_URL, else PADDOCK_DB, else ./paddock.db) instead of a folder',
    )
    .addOption(
      new Option('--state <state>', 'provisional or final, when the file name does not say').choices([
        'provisional',
        'final',
      ]),
    )
    .action(async (seasonArg: string, raceArg: string, file: string, opts: ImportOptions) => {
      const target = await openTarget(seasonArg, Boolean(opts.intoDb));
      try {
        await importInto(target, raceArg, file, opts, io);
      } finally {
        await target.store?.close();
      }
    });
}

async function importInto(
  target: Target,
  raceArg: string,
  file: string,
  opts: ImportOptions,
  io: CliIo,
): Promise<void> {
  const session = findSession(target.season, raceArg);
  if (!session)
    throw usage(
      `no session "${raceArg}" in ${target.season.id}`,
      `Sessions: ${target.season.sessions.map((s) => s.id).join(', ')}.`,
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
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
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
  const parsed = RESULT_FORMATS[opts.format](bytes, file, options);
  const bar =
    io.isTTY && parsed.rows.length > PROGRESS_THRESHOLD
      ? new SingleBar({
          format: `matching ${basename(file)} [{bar}] {value}/{total} rows`,
          stream: process.stderr,
        })
      : undefined;
  bar?.start(parsed.rows.length, 0);
  const plan = planImport(
    target.season,
    session,
    opts.state ? { ...parsed, state: opts.state } : parsed,
    target.mappings,
    assignments,
    file,
    bar && ((n) => bar.update(n)),
  );
  bar?.stop();
  const problems: Issue[] = [...plan.issues];
  for (const u of plan.unmatched)
    problems.push({
      code: 'import.unmatched',
      path: [file, u.row.line],
      message: `no entry for ${u.row.car === undefined ? '' : `#${u.row.car} `}${u.row.drivers.join(' / ') || u.key}: ${u.reason}`,
      hint: `Closest: ${u.suggestions.join('; ') || 'none'}. Confirm with --assign "${u.key}=<driver-id>".`,
      location: { file, line: u.row.line },
    });
  if (problems.length) {
    io.err(paint(io, 31, `${file}: ${problems.length} problem(s); nothing was written.`));
    throw new CliFailure(problems);
  }
  describePlan(io, plan, Boolean(opts.dryRun));
  if (plan.state === 'provisional')
    io.out('  note: provisional results; import the official file when it is published.');
  if (opts.dryRun || (plan.unchanged && !plan.mappingsChanged)) return;
  if (target.store) {
    if (plan.unchanged) return;
    // One edit: one transaction with its audit entry; the store checks the season again.
    const edit: SeasonEdit = plan.rowsUnchanged
      ? {
          kind: 'state',
          sessionId: session.id,
          state: plan.state === 'provisional' ? 'provisional' : 'final',
        }
      : {
          kind: 'classification',
          sessionId: session.id,
          rows: plan.rows,
          ...(plan.state === 'provisional' || plan.state === 'final' ? { state: plan.state } : {}),
        };
    const saved = await target.store.edit(
      target.season.id,
      edit,
      'paddock import-results',
      `imported from ${basename(file)}`,
    );
    if (!saved.ok) throw new CliFailure(saved.issues);
    io.out(`wrote ${session.id} to ${target.where} (season version ${saved.value.version})`);
    return;
  }
  await applyImport(target.dir!, plan);
  io.out(`wrote ${session.id} to ${target.where}`);
}
