/**
 * Writing a whole folder atomically: every file goes into a temporary folder beside the target,
 * which is then renamed into place (the old folder moved aside and removed). A failure part-way
 * leaves the old folder as it was and removes the temporary one.
 *
 * Only a folder that is missing, empty, or of the kind being written is replaced: a season
 * folder (it has season.yaml) by a season, a built site (it has the marker file this module
 * writes) by a site. `paddock build --out ~/Documents` must not delete someone's documents.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Issue } from '../engine/index.js';

/** What a folder holds, recognised by a file in it. */
export type FolderKind = 'season' | 'site';

const SITE_MARKER = '.paddock-site';
const RECOGNISED: Record<FolderKind, string> = { season: 'season.yaml', site: SITE_MARKER };

/** Thrown when the target holds something else; the message says what to do. */
export class FolderInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly kind: FolderKind,
  ) {
    super(
      `${dir} already holds files that are not a ${kind === 'season' ? 'season folder' : 'site built by Paddock'}; ` +
        'nothing was written.',
    );
  }

  /** The refusal as an issue naming the folder. */
  get issue(): Issue {
    return {
      code: 'folder.in-use',
      path: [this.dir],
      message: this.message,
      hint: 'Give a new or empty folder (or one Paddock wrote before).',
      location: { file: this.dir },
    };
  }
}

/** Throws FolderInUseError unless `dir` is missing, empty, or already a folder of this kind. */
export async function assertReplaceable(dir: string, kind: FolderKind): Promise<void> {
  const present = await readdir(dir).catch(() => [] as string[]);
  if (present.length > 0 && !present.includes(RECOGNISED[kind])) throw new FolderInUseError(dir, kind);
}

/** Replaces `dir` with exactly these files (relative names, `/`-separated, text or bytes). */
export async function replaceFolder(
  dir: string,
  kind: FolderKind,
  files: Iterable<readonly [string, string | Uint8Array]>,
): Promise<void> {
  await assertReplaceable(dir, kind);
  const temp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  try {
    for (const [name, data] of files) {
      await mkdir(dirname(join(temp, name)), { recursive: true });
      await writeFile(join(temp, name), data);
    }
    if (kind === 'site') await writeFile(join(temp, SITE_MARKER), 'A site written by paddock build.\n');
    const old = `${temp}-old`;
    await rm(old, { recursive: true, force: true });
    await rename(dir, old).catch(() => undefined);
    await rename(temp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
