#!/usr/bin/env node
// The published entry point. It runs the bundled CLI made by `npm run build` (which `npm ci` runs
// through `prepare`; bin/load-cli.js: one CommonJS file with a V8 code cache, else the ES module
// bundle), else the compiled modules (dist/cli/). Run it as the installed bin (`paddock`, or
// `node_modules/.bin/paddock`): `npx paddock` adds npm's own start-up to every command.
// PADDOCK_CODE_CACHE=write (the build) writes the code cache after the command; =report says on
// stderr whether V8 used it.
import { loadCli } from './load-cli.js';

const mode = process.env['PADDOCK_CODE_CACHE'];
// `paddock --version` needs the entry alone: the ES module bundle answers it without the rest.
const entryOnly = process.argv.length === 3 && ['--version', '-V'].includes(process.argv[2] ?? '');
const cli = (await loadCli(
  new URL('../dist/bundle/', import.meta.url),
  mode === 'write' ? 'write' : 'use',
  entryOnly,
)) ?? {
  .../** @type {{ main: (argv: string[]) => Promise<number> }} */ (await import('../dist/cli/main.js')),
  done: () => {},
  codeCache: 'none',
};
if (mode === 'report') process.stderr.write(`code cache: ${cli.codeCache}\n`);
process.exitCode = await cli.main(process.argv);
cli.done();
