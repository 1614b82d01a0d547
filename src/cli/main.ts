/**
 * `paddock`: the command line. Each command lives in commands/<name>.ts and exports
 * `register(program, io)`; this file wires them and maps failures to exit codes in one place.
 */
import { Command, CommanderError } from 'commander';
import { CliFailure, EXIT, formatIssue, processIo } from './io.js';
import type { CliIo } from './io.js';
import { register as registerStandings } from './commands/standings.js';
import { register as registerExplain } from './commands/explain.js';
import { register as registerCheck } from './commands/check.js';
import { register as registerReconcile } from './commands/reconcile.js';
import { register as registerCalendar } from './commands/calendar.js';
import { register as registerEntries } from './commands/entries.js';
import { register as registerResults } from './commands/results.js';
import { register as registerSeasons } from './commands/seasons.js';
import { register as registerExport } from './commands/export.js';
import { register as registerRulebooks } from './commands/rulebooks.js';
import { register as registerImportArticle } from './commands/import-article.js';
import { register as registerImportResults } from './commands/import-results.js';
import { register as registerImportF1db } from './commands/import-f1db.js';
import { register as registerImport } from './commands/import.js';
import { register as registerUser } from './commands/user.js';
import { register as registerToken } from './commands/token.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerBuild } from './commands/build.js';
import { register as registerLive } from './commands/live.js';
import { register as registerReplay } from './commands/replay.js';
import { register as registerHistory } from './commands/history.js';
import { register as registerScenarios } from './commands/scenarios.js';
import { register as registerOdds } from './commands/odds.js';
import { register as registerWhatIf } from './commands/whatif.js';
import { register as registerBackup } from './commands/backup.js';

/** Builds the program; commands write through `io` so tests can capture them. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('paddock')
    .description('Championship results and standings: rules as data, every point explained.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const register of [
    registerStandings,
    registerExplain,
    registerCheck,
    registerReconcile,
    registerCalendar,
    registerEntries,
    registerResults,
    registerSeasons,
    registerExport,
    registerRulebooks,
    registerImportArticle,
    registerImportResults,
    registerImportF1db,
    registerImport,
    registerUser,
    registerToken,
    registerServe,
    registerBuild,
    registerLive,
    registerReplay,
    registerHistory,
    registerScenarios,
    registerOdds,
    registerWhatIf,
    registerBackup,
  ]) {
    register(program, io);
  }
  return program;
}

/** Runs the CLI with argv (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliFailure) {
      for (const i of e.issues) io.err(formatIssue(i));
      return e.exitCode;
    }
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
}
