/**
 * Writing a season's changed files back into its folder: every new or changed file is written
 * to a temporary sibling first and renamed into place only when all of them were written; files
 * the change removed are deleted last. Unchanged files are not touched (their dates stay).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { SeasonFiles } from '../formats/season-folder.js';
import { REVISION_FILE } from '../formats/season-folder.js';

/** Writes what differs between `before` and `after` into `dir`. */
export async function writeChangedFiles(
  dir: string,
  before: SeasonFiles,
  after: SeasonFiles,
): Promise<string[]> {
  const changed = [...after].filter(([path, text]) => before.get(path) !== text);
  const removed = [...before.keys()].filter((path) => !after.has(path));
  const staged: [string, string][] = [];
  try {
    for (const [path, text] of changed) {
      const target = join(dir, path);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}`;
      await writeFile(temp, text, 'utf8');
      staged.push([temp, target]);
    }
    for (const [temp, target] of staged) await rename(temp, target);
  } catch (e) {
    for (const [temp] of staged) await rm(temp, { force: true });
    throw e;
  }
  for (const path of removed) await rm(join(dir, path), { force: true });
  return [...changed.map(([p]) => p), ...removed];
}

/** What paddock-revision.yaml says: which season and revision a folder was exported from. */
export interface RevisionMarker {
  readonly season: string;
  readonly revision: number;
}

/** The marker's text, written into folders exported from the database. */
export const revisionMarkerText = (m: RevisionMarker, where: string): string =>
  [
    `# Written by paddock export --db from ${where}: the database revision these files are.`,
    '# paddock import refuses to overwrite changes made in the database after it, unless --force.',
    `season: ${m.season}`,
    `revision: ${m.revision}`,
    '',
  ].join('\n');

/** Reads a marker's text; undefined when it is missing or not a marker. */
export function readRevisionMarker(files: SeasonFiles): RevisionMarker | undefined {
  const text = files.get(REVISION_FILE);
  if (text === undefined) return undefined;
  try {
    const value = parse(text) as { season?: unknown; revision?: unknown } | null;
    if (typeof value?.season === 'string' && Number.isInteger(value.revision))
      return { season: value.season, revision: value.revision as number };
  } catch {
    // Not a marker: treated as absent.
  }
  return undefined;
}
