#!/usr/bin/env node
// The published entry point. It runs the bundled CLI (dist/bundle/, one small file per command,
// made by `npm run build`, which `npm ci` runs through `prepare`) when present, else the compiled
// modules (dist/cli/). Run it as the installed bin (`paddock`, or `node_modules/.bin/paddock`):
// `npx paddock` adds npm's own start-up to every command.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = /** @type {{ main: (argv: string[]) => Promise<number> }} */ (
  await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js')
);
process.exitCode = await main(process.argv);
