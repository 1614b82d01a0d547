// esbuild.config.mjs: bundles the command line into dist/bundle/ (run by `npm run build`, so
// `npm ci` makes it through `prepare`): src/cli/main.ts and everything it imports as a few ES
// module files, each command in its own chunk loaded when it runs, so a run parses one small
// graph instead of hundreds of modules. bin/paddock.js runs it when present.
//
// Native and database drivers stay external (better-sqlite3 has a compiled addon; pg loads
// optional pieces by name): Node loads them from node_modules when a database opens. The bundle
// sits two folders below the package like src/cli/*.ts, so paths made from import.meta.url
// (data/, package.json) stay right. The build fails when a read command would load a heavy
// package (test/cli/registry.test.ts checks the same on an in-memory build).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const OUTDIR = 'dist/bundle';

/**
 * zod's `z` namespace keeps every locale's messages in a bundle (esbuild does not shake the
 * unused `z.locales`), a third of the code a read command loads. Paddock's messages are
 * English, which zod registers itself (classic/schemas.js imports locales/en.js directly).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: 'zod-locales', namespace: 'paddock-stub' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'paddock-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

export const options = {
  plugins: [zodEnglishOnly],
  // Less text to parse at each start; names are kept (stack traces, class names in messages).
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: OUTDIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The VTIMEZONE data, and HiGHS's WebAssembly module, are files a package reads beside itself
  // at run time.
  external: ['better-sqlite3', 'pg', 'pg-native', '@touch4it/ical-timezones', 'highs'],
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  chunkNames: '[name]-[hash]',
  // CommonJS packages inside an ES module bundle call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __paddockRequire } from 'node:module'; const require = __paddockRequire(import.meta.url);",
  },
};

/** Packages that `paddock --version` and `paddock standings` must not load (servers, drivers, charts, DOM, importers). */
export const HEAVY = [
  'pg',
  'better-sqlite3',
  'kysely',
  'hono',
  '@hono/node-server',
  '@observablehq/plot',
  'linkedom',
  'fast-xml-parser',
  'ical-generator',
  'cli-progress',
];

/**
 * The packages and source files a run loads before its command runs (static imports only): the
 * entry, plus the chunk holding `commandFile` (src/cli/commands/<name>.ts) when given.
 */
export function loadedBy(metafile, commandFile) {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).filter(
    (k) =>
      k.endsWith('.js') &&
      (outputs[k].entryPoint === 'src/cli/main.ts' || (commandFile && commandFile in outputs[k].inputs)),
  );
  const seen = new Set();
  const stack = [...start];
  const loaded = new Set();
  while (stack.length) {
    const k = stack.pop();
    if (seen.has(k)) continue;
    seen.add(k);
    for (const input of Object.keys(outputs[k].inputs)) loaded.add(input);
    for (const i of outputs[k].imports) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) loaded.add(`node_modules/${i.path}/`);
      else stack.push(i.path);
    }
  }
  return [...loaded];
}

/** The heavy packages among what a run loads. */
export const heavyIn = (loaded) =>
  HEAVY.filter((p) =>
    loaded.some((f) => f.startsWith(`node_modules/${p}/`) || f.includes(`/node_modules/${p}/`)),
  );

/** What `--version` and `standings` would load that they must not (heavy packages), from a metafile. */
export function problemsOf(metafile) {
  const problems = [];
  for (const [run, file] of [
    ['--version', undefined],
    ['standings', 'src/cli/commands/standings.ts'],
  ]) {
    const heavy = heavyIn(loadedBy(metafile, file));
    if (heavy.length) problems.push(`paddock ${run} would load ${heavy.join(', ')}`);
  }
  return problems;
}

/**
 * The build in `outdir` (its metafile and problems) when it is newer than every file it was made
 * from, this config and the lockfile included; undefined when it is missing or older than any of
 * them. Lets a test check the build `npm ci` made instead of bundling again.
 */
export function currentBuild(outdir = OUTDIR) {
  const metaFile = join(outdir, 'meta.json');
  if (!existsSync(metaFile) || !existsSync(join(outdir, COMMONJS_FILE))) return undefined;
  const builtAt = statSync(metaFile).mtimeMs;
  const metafile = JSON.parse(readFileSync(metaFile, 'utf8'));
  // Files only: a plugin's virtual module (`paddock-stub:zod-locales`) has a namespace, not a path.
  const files = Object.keys(metafile.inputs).filter((input) => !/^[a-z-]+:/.test(input));
  const sources = [...files, 'esbuild.config.mjs', 'bin/load-cli.js', 'package-lock.json'];
  for (const file of sources) {
    if (!existsSync(file) || statSync(file).mtimeMs > builtAt) return undefined;
  }
  return { metafile, problems: problemsOf(metafile) };
}

/** Builds the bundle (into `outdir`, or in memory with write: false) and checks what read commands load. */
export async function bundle({ outdir = OUTDIR, write = true } = {}) {
  if (write) rmSync(outdir, { recursive: true, force: true });
  const result = await build({ ...options, outdir, write });
  const problems = problemsOf(result.metafile);
  if (write) {
    writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
    await writeCommandIndex(outdir);
    await build(commonJsOptions(outdir));
    asciiOnly(join(outdir, COMMONJS_FILE));
  }
  return { metafile: result.metafile, problems };
}

/**
 * Writes `commands.json` (every command's name, aliases, term and summary, from the bundle's own
 * modules) beside the bundle: src/cli/main.ts lists the commands from it for the top-level help and
 * for a name that is no command, so `paddock --help` loads no command module.
 */
async function writeCommandIndex(outdir) {
  const silent = { out: () => undefined, err: () => undefined, color: false, isTTY: false };
  const { commandIndex } = await import(pathToFileURL(resolve(outdir, 'main.js')).href);
  writeFileSync(join(outdir, 'commands.json'), JSON.stringify(await commandIndex(silent), null, 1));
}

/**
 * Makes the CommonJS bundle pure ASCII, so bin/load-cli.js may read its 5 MB as latin1 (a copy of
 * the bytes) instead of decoding UTF-8 (about 15 ms less at every start). esbuild escapes strings
 * but leaves non-ASCII characters in regular expressions (`/[–-]/`, `/[↑↓→←]/`): each becomes its
 * \uXXXX escape, which means the same character there. A character escaped by a backslash would
 * not: the build refuses that instead.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const escaped = /\\[^\x00-\x7f]/.exec(text);
  if (escaped)
    throw new Error(`esbuild.config.mjs: ${file} escapes a non-ASCII character at ${escaped.index}`);
  writeFileSync(
    file,
    text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** The CommonJS bundle's file, beside the ES module bundle (bin/paddock.js runs it when present). */
export const COMMONJS_FILE = 'paddock.cjs';

/**
 * The same command line as one CommonJS file, which bin/paddock.js compiles through `vm.Script`
 * with a V8 code cache (Node 20 has no compile cache for ES modules): each run skips parsing and
 * compiling the code the cache holds. Lazy commands stay lazy (esbuild runs a module's body when
 * it is first imported); `import.meta.url` (the data folder, package.json) is made from the
 * file's own path, which sits where the ES module bundle does.
 */
function commonJsOptions(outdir) {
  const {
    splitting: _s,
    chunkNames: _c,
    entryPoints: _e,
    outdir: _o,
    format: _f,
    banner: _b,
    metafile: _m,
    ...rest
  } = options;
  return {
    ...rest,
    entryPoints: { [COMMONJS_FILE.replace(/\.cjs$/, '')]: 'src/cli/main.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // The database drivers are imported when a database opens: as require() (code compiled through
    // vm.Script has no loader for import()).
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__paddockFileUrl' },
    banner: { js: "const __paddockFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/**
 * Writes the V8 code cache of the CommonJS bundle: bin/paddock.js runs a command (standings of the
 * reference season, the command people wait for most) and keeps what V8 compiled for it.
 */
function writeCodeCache() {
  const cwd = mkdtempSync(join(tmpdir(), 'paddock-code-cache-'));
  try {
    const r = spawnSync(process.execPath, [resolve('bin/paddock.js'), 'standings', '2024-pccna', '--json'], {
      cwd,
      env: { ...process.env, PADDOCK_CODE_CACHE: 'write', DATABASE_URL: '', PADDOCK_DB: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`esbuild.config.mjs: writing the code cache failed: ${r.stderr}`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { problems } = await bundle();
  if (problems.length) {
    console.error(`esbuild.config.mjs: ${problems.join('; ')} (make those imports lazy)`);
    process.exit(1);
  }
  writeCodeCache();
}
