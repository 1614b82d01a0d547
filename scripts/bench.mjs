// scripts/bench.mjs: runs a benchmark on the code as it ships (ADR 23).
//
//   node scripts/bench.mjs <name> [args...]     (npm run bench, bench:scenarios, bench:load)
//
// bench/<name>.bench.ts is bundled with the options of the command line's bundle (esbuild.config.mjs:
// target, syntax minification, the external drivers) into dist/bench/<name>.mjs and run by plain
// node. Running the .ts through tsx would measure tsx's development transform instead: it keeps
// function names by wrapping every function and arrow in a `__name(...)` call each time one is
// made, which the shipped bundle does not do (in a profile of computeTotals, `__name` alone was
// 7.7% of the time). The bundle sits two folders below the package like dist/bundle/, so paths made
// from import.meta.url (the data folder) resolve as they do in the command line.
//
// Node options for the run (for example --cpu-prof) go in NODE_OPTIONS.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { options as shipped } from '../esbuild.config.mjs';

const [name, ...args] = process.argv.slice(2);
const entry = `bench/${name}.bench.ts`;
if (!name || !existsSync(entry)) {
  console.error(
    `scripts/bench.mjs: no ${entry ?? 'benchmark named'}; give one of scoring, scenarios, load, process-modes`,
  );
  process.exit(2);
}
const outfile = `dist/bench/${name}.mjs`;
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: shipped.platform,
  target: shipped.target,
  minifyWhitespace: shipped.minifyWhitespace,
  minifySyntax: shipped.minifySyntax,
  plugins: shipped.plugins,
  external: shipped.external,
  banner: shipped.banner,
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`${entry}: run as shipped (esbuild bundle ${outfile}, node ${process.version})`);
const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
