import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { buildProgram, commandIndex, COMMANDS, modulesFor } from '../../src/cli/main.js';
import { run } from '../support/run-cli.js';

const io: CliIo = { out: () => undefined, err: () => undefined, color: false, isTTY: false };

/** The names of the top-level commands a program has, in order. */
const names = (program: Command) => program.commands.map((c) => c.name());

describe('the lazy command registry', () => {
  it('names exactly the commands each module registers, in the order of the help', async () => {
    for (const entry of COMMANDS) {
      const program = new Command();
      (await entry.load()).register(program, io);
      expect(names(program)).toEqual(entry.names);
    }
    expect(names(await buildProgram(io))).toEqual(COMMANDS.flatMap((c) => c.names));
  });

  it('lists every command module under src/cli/commands', async () => {
    const dir = new URL('../../src/cli/commands/', import.meta.url);
    const registering: string[] = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      if (/export function register\(/.test(readFileSync(new URL(f, dir), 'utf8'))) registering.push(f);
    }
    const listed = new Set<string>();
    for (const entry of COMMANDS) {
      const program = new Command();
      const module = await entry.load();
      module.register(program, io);
      for (const f of registering) {
        const other = (await import(pathToFileURL(new URL(f, dir).pathname).href)) as typeof module;
        if (other.register === module.register) listed.add(f);
      }
    }
    expect([...listed].sort()).toEqual(registering.sort());
  });

  it('lists the commands from the index as the modules list them, loading none of them', async () => {
    const index = await commandIndex(io);
    expect(index.map((c) => c.name)).toEqual(COMMANDS.flatMap((c) => c.names));
    expect(index.find((c) => c.name === 'standings')?.term).toBe('standings [options] <season>');
    const loads = COMMANDS.map((c) => ({
      ...c,
      load: () => Promise.reject(new Error(`loaded ${c.names[0]}`)),
    }));
    const fromIndex = await buildProgram(io, loads, index);
    expect(fromIndex.helpInformation()).toBe((await buildProgram(io)).helpInformation());
    // A name that is no command gets the same hint from the index.
    let hint = '';
    fromIndex.configureOutput({ writeErr: (s) => void (hint += s) });
    await expect(fromIndex.parseAsync(['node', 'paddock', 'standing', 'x'])).rejects.toThrow();
    expect(hint).toContain('(Did you mean standings?)');
  });

  it('loads only the module of the command a run names', () => {
    const of = (...args: string[]) => modulesFor(args).flatMap((m) => m.names);
    expect(of('standings', '2024-pccna', '--json')).toEqual(['standings']);
    expect(of('--no-color', 'diff', 'x')).toEqual(['history', 'diff', 'revert']);
    expect(of('help', 'rulebook')).toEqual(['rulebooks', 'rulebook']);
    const all = COMMANDS.flatMap((c) => c.names);
    expect(of()).toEqual(all);
    expect(of('--help')).toEqual(all);
    expect(of('help')).toEqual(all);
    expect(of('standing')).toEqual(all);
  });

  it('answers --version with the package version, and still suggests a command for a typo', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const { code, out, err } = await run(flag);
      expect({ code, out: out.trim(), err }).toEqual({ code: 0, out: pkg.version, err: '' });
    }
    const typo = await run('standing', '2024-pccna');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('(Did you mean standings?)');
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const name of COMMANDS.flatMap((c) => c.names))
      expect(help.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('keeps servers, database drivers, charts and importers out of --version and standings', async () => {
    const config = (await import(pathToFileURL(`${process.cwd()}/esbuild.config.mjs`).href)) as {
      bundle(o: { outdir: string; write: boolean }): Promise<{ metafile: unknown; problems: string[] }>;
      currentBuild(): { metafile: unknown; problems: string[] } | undefined;
      OUTDIR: string;
      COMMONJS_FILE: string;
      loadedBy(meta: unknown, file?: string): string[];
      heavyIn(loaded: string[]): string[];
    };
    // The build `npm ci` made (dist/bundle) when it is newer than its sources, else a new one; the
    // code cache is written beside a copy of the CommonJS bundle, never into dist/bundle.
    const scratch = 'dist/bundle-check';
    rmSync(scratch, { recursive: true, force: true });
    const current = config.currentBuild();
    const outdir = current ? config.OUTDIR : scratch;
    const { metafile, problems } = current ?? (await config.bundle({ outdir, write: true }));
    if (current) {
      mkdirSync(scratch);
      copyFileSync(`${outdir}/${config.COMMONJS_FILE}`, `${scratch}/${config.COMMONJS_FILE}`);
    }
    expect(problems).toEqual([]);
    // bin/load-cli.js reads the CommonJS bundle as latin1: it must be pure ASCII.
    expect(readFileSync(`${outdir}/paddock.cjs`).findIndex((byte) => byte > 0x7f)).toBe(-1);
    // The bundle runs commands as the sources do (data/ and package.json found from it).
    const runBundle = (...args: string[]) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const { main } = await import(process.argv[1]); process.exitCode = await main(['node', 'paddock', ...process.argv.slice(2)]);",
          pathToFileURL(`${process.cwd()}/${outdir}/main.js`).href,
          ...args,
        ],
        { encoding: 'utf8' },
      );
    try {
      expect(JSON.parse(runBundle('standings', '2024-pccna', '--json'))).toEqual(
        JSON.parse((await run('standings', '2024-pccna', '--json')).out),
      );
      expect(runBundle('--version').trim()).toMatch(/^\d+\.\d+\.\d+/);
      // The bundle lists the commands from the index the build wrote beside it, as the sources do.
      expect(existsSync(`${outdir}/commands.json`)).toBe(true);
      expect(runBundle('--help').trimEnd()).toBe((await run('--help')).out.trimEnd());
      // The CommonJS bundle through bin/load-cli.js, as bin/paddock.js runs it: the first run
      // writes the V8 code cache, the next uses it (V8 accepts it) and answers the same.
      const runCommonJs = (cache: 'write' | 'use', ...args: string[]) =>
        spawnSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            "const [loader, dir, cache, ...args] = process.argv.slice(1); const { loadCli } = await import(loader); const cli = await loadCli(new URL(dir), cache); process.stderr.write(`code cache: ${cli.codeCache}`); process.exitCode = await cli.main(['node', 'paddock', ...args]); cli.done();",
            pathToFileURL(`${process.cwd()}/bin/load-cli.js`).href,
            pathToFileURL(`${process.cwd()}/${scratch}/`).href,
            cache,
            ...args,
          ],
          { encoding: 'utf8' },
        );
      const first = runCommonJs('write', 'standings', '2024-pccna', '--json');
      expect(first.stderr).toBe('code cache: none');
      expect(existsSync(`${scratch}/paddock.cjs.v8cache`)).toBe(true);
      const cached = runCommonJs('use', 'standings', '2024-pccna', '--json');
      expect(cached.stderr).toBe('code cache: used');
      expect(JSON.parse(cached.stdout)).toEqual(JSON.parse(runBundle('standings', '2024-pccna', '--json')));
      expect(runCommonJs('use', '--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    // The check itself sees heavy packages where they are: the server command loads Hono.
    expect(config.heavyIn(config.loadedBy(metafile, 'src/cli/commands/serve.ts'))).toContain('hono');
    const standings = config.loadedBy(metafile, 'src/cli/commands/standings.ts');
    expect(standings).toContain('src/formats/season-folder.ts');
    expect(standings.some((f) => f.startsWith('src/server/'))).toBe(false);
  }, 60_000);
});
