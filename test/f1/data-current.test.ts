/**
 * The built-in Formula One seasons are what `npm run data:f1` writes from the f1db checkout: a
 * few seasons are imported again and compared file by file with data/seasons. Runs where the
 * checkout is (`F1DB`, or ../shared/f1db beside the repository, as on the project machines);
 * elsewhere it is reported as skipped, like the PostgreSQL and browser suites.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, SEASONS_DIR } from '../../src/formats/catalog.js';
import { seasonFolderFiles } from '../../src/formats/write-season-folder.js';
import { importF1dbSeason } from '../../src/importers/f1db/import-f1db.js';
import { readF1dbVersion } from '../../src/importers/f1db/read-f1db.js';

const checkout = process.env['F1DB'] ?? join(DATA_DIR, '..', '..', 'shared', 'f1db');
const present = existsSync(join(checkout, 'src', 'data', 'seasons'));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

describe.skipIf(!present)(`data/seasons/f1-* against a fresh import from ${checkout}`, () => {
  it.each([1951, 1957, 1988, 2021, 2026])('f1-%i is what the importer writes today', async (year) => {
    const imported = await importF1dbSeason(checkout, year, await readF1dbVersion(checkout));
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
    const files = seasonFolderFiles(imported.value.season, imported.value.rulebookYaml);
    const dir = join(SEASONS_DIR, `f1-${year}`);
    const committed = filesUnder(dir).map((p) => relative(dir, p).split('\\').join('/'));
    expect(committed.sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });
});
