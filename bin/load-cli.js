// How bin/paddock.js finds the command line in a built folder (dist/bundle/ by default; the
// registry test passes its own): paddock.cjs, one CommonJS file compiled through `vm.Script` with
// the V8 code cache written at build time (paddock.cjs.v8cache: V8 then skips parsing and
// compiling what the cache holds; a cache from another Node or V8 is refused by V8 and only costs
// its read), else the ES module bundle (main.js, one small file per command).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** @typedef {(argv: string[]) => Promise<number>} Main */

/**
 * The CLI's `main` from the bundle in `dir` (a file: URL ending in "/"), or undefined when that
 * folder holds no bundle. `cache`: "use" the code cache, or "write" it once `done` is called.
 * `esm`: take the ES module bundle even when there is a CommonJS one (a run that needs only the
 * entry, such as `--version`, then reads neither the 5 MB file nor its cache).
 * @param {URL} dir
 * @param {'use' | 'write'} [cache]
 * @param {boolean} [esm]
 * @returns {Promise<{ main: Main; done: () => void; codeCache: 'used' | 'rejected' | 'none' } | undefined>}
 */
export async function loadCli(dir, cache = 'use', esm = false) {
  const commonJs = fileURLToPath(new URL('paddock.cjs', dir));
  const esmBundle = new URL('main.js', dir);
  if (existsSync(commonJs) && !(esm && existsSync(esmBundle))) {
    const cacheFile = `${commonJs}.v8cache`;
    const cachedData = cache === 'use' && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
    // The build keeps the file pure ASCII (esbuild.config.mjs, asciiOnly): read as latin1, a plain
    // copy of its bytes, where decoding 5 MB of UTF-8 took about 15 ms more.
    const script = new Script(Module.wrap(readFileSync(commonJs, 'latin1')), {
      filename: commonJs,
      cachedData,
    });
    const module = { exports: /** @type {{ main?: Main }} */ ({}) };
    script.runInThisContext()(module.exports, createRequire(commonJs), module, commonJs, dirname(commonJs));
    return {
      main: /** @type {Main} */ (module.exports.main),
      done: () => {
        if (cache === 'write') writeFileSync(cacheFile, script.createCachedData());
      },
      codeCache: !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used',
    };
  }
  if (!existsSync(esmBundle)) return undefined;
  const { main } = /** @type {{ main: Main }} */ (await import(esmBundle.href));
  return { main, done: () => {}, codeCache: 'none' };
}
