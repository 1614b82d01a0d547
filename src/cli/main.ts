/**
 * `paddock`: the command line. Each command lives in commands/<name>.ts and exports
 * `register(program, io)`; this file wires them and maps failures to exit codes in one place.
 *
 * Commands load lazily: the registry below names the commands each module registers, and a run
 * imports only the module of the command it names (`paddock standings` never loads the server,
 * the chart libraries or the PostgreSQL driver). The top-level help, `paddock help`, and a name
 * that is no command need every command's name and summary, so the help and the "did you mean"
 * hints stay complete: the build writes them to dist/bundle/commands.json (`commandIndex`), and the
 * bundle lists them from there without loading a module; without that file (the sources run by
 * tsx, tsc's dist/cli) every module loads. test/cli/registry.test.ts checks this registry against
 * what the modules register, and that the help made from the index is the help made from them.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { CliFailure, EXIT, formatIssue, processIo } from './io.js';
import type { CliIo } from './io.js';

/** A command module: adds its command(s) to the program. */
export interface CommandModule {
  register(program: Command, io: CliIo): void;
}

/** The commands, in the order the help lists them: the names each module registers, and its loader. */
export const COMMANDS: readonly {
  readonly names: readonly string[];
  readonly load: () => Promise<CommandModule>;
}[] = [
  { names: ['standings'], load: () => import('./commands/standings.js') },
  { names: ['explain'], load: () => import('./commands/explain.js') },
  { names: ['check'], load: () => import('./commands/check.js') },
  { names: ['reconcile'], load: () => import('./commands/reconcile.js') },
  { names: ['calendar'], load: () => import('./commands/calendar.js') },
  { names: ['entries'], load: () => import('./commands/entries.js') },
  { names: ['results'], load: () => import('./commands/results.js') },
  { names: ['seasons'], load: () => import('./commands/seasons.js') },
  { names: ['export'], load: () => import('./commands/export.js') },
  { names: ['rulebooks', 'rulebook'], load: () => import('./commands/rulebooks.js') },
  { names: ['import-article'], load: () => import('./commands/import-article.js') },
  { names: ['import-results'], load: () => import('./commands/import-results.js') },
  { names: ['import-f1db'], load: () => import('./commands/import-f1db.js') },
  { names: ['import'], load: () => import('./commands/import.js') },
  { names: ['new'], load: () => import('./commands/new.js') },
  { names: ['user'], load: () => import('./commands/user.js') },
  { names: ['token'], load: () => import('./commands/token.js') },
  { names: ['serve'], load: () => import('./commands/serve.js') },
  { names: ['build'], load: () => import('./commands/build.js') },
  { names: ['live'], load: () => import('./commands/live.js') },
  { names: ['replay'], load: () => import('./commands/replay.js') },
  { names: ['history', 'diff', 'revert'], load: () => import('./commands/history.js') },
  { names: ['scenarios'], load: () => import('./commands/scenarios.js') },
  { names: ['odds'], load: () => import('./commands/odds.js') },
  { names: ['whatif'], load: () => import('./commands/whatif.js') },
  { names: ['backup', 'restore'], load: () => import('./commands/backup.js') },
];

/** The package's version (package.json two folders up: from src/cli, dist/cli and dist/bundle alike). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/**
 * The modules a run needs: the one registering the command named by the first word of `args`
 * (after `help`, the word after it); every module when there is none or it names no command.
 */
export function modulesFor(args: readonly string[]): (typeof COMMANDS)[number][] {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  const hit = name === undefined ? undefined : COMMANDS.find((c) => c.names.includes(name));
  return hit ? [hit] : [...COMMANDS];
}

/** A top-level command as the help lists it: its name, aliases, term (`standings [options] <season>`) and summary. */
export interface IndexedCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly term: string;
  readonly description: string;
}

/** Every top-level command as the help lists it, from the modules themselves (the build writes it out). */
export async function commandIndex(io: CliIo): Promise<IndexedCommand[]> {
  const program = await buildProgram(io);
  const help = program.createHelp();
  return program.commands.map((c) => ({
    name: c.name(),
    aliases: c.aliases(),
    term: help.subcommandTerm(c),
    description: help.subcommandDescription(c),
  }));
}

/** The index the build wrote beside the bundle (dist/bundle/commands.json), or undefined. */
function builtIndex(): IndexedCommand[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL('./commands.json', import.meta.url), 'utf8')) as IndexedCommand[];
  } catch {
    return undefined;
  }
}

/**
 * Builds the program with the given command modules (all of them by default). Given an index
 * instead of every module, it lists the indexed commands as they would be listed (for the
 * top-level help and the hints for a name that is no command) and loads none of them.
 */
export async function buildProgram(
  io: CliIo,
  modules: readonly (typeof COMMANDS)[number][] = COMMANDS,
  index?: readonly IndexedCommand[],
): Promise<Command> {
  const program = new Command('paddock')
    .description('Championship results and standings: rules as data, every point explained.')
    .version(version(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  if (index) {
    const terms = new Map<Command, string>();
    for (const c of index)
      terms.set(program.command(c.name).aliases(c.aliases).description(c.description), c.term);
    // The implicit `help` command is not in the index: commander's own term for it.
    program.configureHelp({
      subcommandTerm(this: Help, c: Command) {
        return terms.get(c) ?? Help.prototype.subcommandTerm.call(this, c);
      },
    });
    return program;
  }
  const loaded = await Promise.all(modules.map((m) => m.load()));
  for (const m of loaded) m.register(program, io);
  return program;
}

/** Runs the CLI with argv (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const args = argv.slice(2);
    // --version answers before any command module loads; the top-level help from the index.
    const modules = args[0] === '--version' || args[0] === '-V' ? [] : modulesFor(args);
    const program = await buildProgram(io, modules, modules.length > 1 ? builtIndex() : undefined);
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
