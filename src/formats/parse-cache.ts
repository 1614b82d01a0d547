/**
 * Parsed files kept by their text, so loading a season again after a change re-parses only the
 * files that changed. Loading still builds the season from every file and runs every cross-file
 * check (entries against the calendar, results against entries, the rulebook against the season),
 * so a season that would not load fresh does not load from this cache either; only the per-file
 * work (YAML/CSV parsing and each file's own schema) is reused.
 *
 * Kept per text (a string key: V8 hashes a string once, and the files of a season's next version
 * are mostly the same string objects), then per file and what it is parsed as. Bounded by the
 * characters of text it holds. Failures are not kept. Values kept are frozen, because one parse
 * now feeds several loaded versions and must not be changed through any of them.
 */
import { LRUCache } from 'lru-cache';
import type { Result } from '../engine/index.js';
import type { PresetResolver } from './rulebook-file.js';

/**
 * Characters of file text kept by default: the reference season is about 46,000; all 78 built-in
 * seasons, 3.6 million, took 38 MB of heap kept here (about 10.5 bytes a character), so this
 * bound holds about 21 MB.
 */
const DEFAULT_MAX_CHARS = 2_000_000;

export class ParseCache {
  readonly #byText: LRUCache<string, Map<string, unknown>>;
  /** Parses made (misses), so tests can tell that an unchanged file was not parsed again. */
  parses = 0;

  /** `resolvePreset` is the one resolver the rulebooks kept here were loaded with. */
  constructor(
    readonly resolvePreset: PresetResolver,
    maxChars = DEFAULT_MAX_CHARS,
  ) {
    this.#byText = new LRUCache({
      maxSize: maxChars,
      sizeCalculation: (_value, text) => Math.max(1, text.length),
    });
  }

  /** How many texts are kept (tests check the bound). */
  get size(): number {
    return this.#byText.size;
  }

  /** The result of parsing `text` as `what`: kept from an earlier success, else `parse()`'s. */
  parse<T>(text: string, what: string, parse: () => Result<T>): Result<T> {
    const hit = this.#byText.get(text)?.get(what);
    if (hit) return hit as Result<T>;
    this.parses++;
    const result = parse();
    if (result.ok) this.keep(text, what, freeze(result));
    return result;
  }

  /** The same for a parse that waits (a rulebook reads the presets it extends). */
  async parseAsync<T>(text: string, what: string, parse: () => Promise<Result<T>>): Promise<Result<T>> {
    const hit = this.#byText.get(text)?.get(what);
    if (hit) return hit as Result<T>;
    this.parses++;
    const result = await parse();
    if (result.ok) this.keep(text, what, freeze(result));
    return result;
  }

  private keep(text: string, what: string, result: unknown): void {
    // A text too long to keep is simply not kept (lru-cache refuses it).
    if (text.length > this.#byText.maxSize) return;
    const kept = this.#byText.get(text);
    if (kept) kept.set(what, result);
    else this.#byText.set(text, new Map([[what, result]]));
  }
}

/**
 * Freezes plain objects and arrays, deeply. Other objects (a YAML document, a map of locations
 * that resolves lazily) are left as they are: they are read only through their own methods. A
 * getter is not read: it makes its value when asked (a parsed file's positioned document).
 */
function freeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  for (const property of Object.values(Object.getOwnPropertyDescriptors(value)))
    if ('value' in property) freeze(property.value);
  return value;
}
