/**
 * The page test's verdicts kept between runs (issue 12: "the slow crawls sampled or cached").
 *
 * Running axe-core in a page and taking its screenshots are the slow part of the page test (about
 * 30 of its 45 s). Both depend only on what the browser renders: the page's markup, its style
 * sheets, the viewport's width, the browser and axe-core itself, and the test's own code (what it
 * counts as a problem). A page whose key (a hash of all of those) passed in an earlier run, with
 * its screenshots still on disk, passes again without running them: the same input gives the same
 * verdict. Anything that changes the page (a template, a style, the data shown, a CSRF token)
 * changes the key, and the page is checked in full. Only passes are kept, and only the keys seen
 * in the latest run, so the file does not grow. A fresh clone (CI) has no file and checks
 * everything; `PADDOCK_PAGE_CACHE=0` does the same on any machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FILE = join('node_modules', '.cache', 'paddock', 'page-checks.json');

export class PageChecksCache {
  private readonly passed: ReadonlySet<string>;
  private readonly kept = new Set<string>();

  /** `salt`: what every key shares (the browser's version, axe-core's source, the test's source). */
  constructor(
    private readonly salt: string,
    private readonly file = FILE,
    enabled = process.env['PADDOCK_PAGE_CACHE'] !== '0',
  ) {
    this.passed = new Set(enabled ? readKeys(file) : []);
  }

  /** The key of a rendered page (at every width the test takes): its markup and style sheets, with the salt. */
  keyOf(markup: string, styles: string): string {
    return createHash('sha256')
      .update(this.salt)
      .update('\0')
      .update(markup)
      .update('\0')
      .update(styles)
      .digest('hex');
  }

  /** Whether a page with this key passed before and every file it left (screenshots) is still there. */
  passedBefore(key: string, files: readonly string[]): boolean {
    return this.passed.has(key) && files.every((f) => existsSync(f));
  }

  /** Records that the page with this key passed in this run. */
  pass(key: string): void {
    this.kept.add(key);
  }

  /** Writes the passes of this run in place of the file's (call once, when every check ran). */
  save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify([...this.kept]));
    renameSync(tmp, this.file);
  }
}

/** The keys in the file; none when it is missing or unreadable (the cache is only ever a shortcut). */
function readKeys(file: string): string[] {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}
